-- When each viewer of a public share was last written to the citizen's access log: a link
-- opened or a code checked again and again by the same viewer is logged once an hour, not
-- once a call. The viewer is the SHA-256 of their address and browser, never either itself.
CREATE TABLE share_views (
    share_kind TEXT NOT NULL CHECK (share_kind IN ('document_link', 'share_code')),
    share_id   TEXT NOT NULL,
    viewer     TEXT NOT NULL,
    logged_at  INTEGER NOT NULL,
    PRIMARY KEY (share_kind, share_id, viewer)
) STRICT;

CREATE INDEX share_views_by_time ON share_views (logged_at);
