-- Kiosks registered by a site's staff (issue 11): each carries a secret token in its own
-- config.json, exchanged for an HttpOnly device cookie; only the token's SHA-256 is kept. A
-- registered kiosk's sign-in attempts are counted per device, not per address, so the kiosks
-- of one busy site behind one address do not share one budget. A revoked kiosk keeps its row
-- (its sessions and log entries name it) but its token opens nothing.
CREATE TABLE kiosk_devices (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    site       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
) STRICT;

-- The kiosk a session was opened on, and the kiosk of a citizen's own read in the access log,
-- as "name, site" at that moment: the log keeps what it said even if the kiosk is renamed.
ALTER TABLE sessions ADD COLUMN kiosk TEXT;
ALTER TABLE access_log ADD COLUMN kiosk TEXT;
