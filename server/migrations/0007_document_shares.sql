-- Time-limited links to one document, and a new kind of reader in the access log: whoever
-- opens such a link.

CREATE TABLE document_shares (
    id          TEXT PRIMARY KEY NOT NULL,
    -- The link's secret, kept so the citizen can show the link and its QR again from their
    -- list. It opens one document for at most seven days and can be revoked at once.
    token       TEXT NOT NULL UNIQUE,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER
) STRICT;

CREATE INDEX document_shares_by_document ON document_shares (document_id);

-- SQLite cannot change a CHECK constraint in place: the log moves to a new table with the
-- wider list of readers, rows and append-only trigger included.
CREATE TABLE access_log_new (
    id          INTEGER PRIMARY KEY,
    personal_id TEXT NOT NULL REFERENCES citizens (personal_id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL CHECK (actor IN ('citizen', 'national_sync', 'shared_qr_verification', 'shared_link_view')),
    channel     TEXT CHECK (channel IN ('web', 'kiosk')),
    device      TEXT,
    what        TEXT NOT NULL,
    purpose     TEXT NOT NULL
) STRICT;
INSERT INTO access_log_new SELECT * FROM access_log;
DROP TABLE access_log;
ALTER TABLE access_log_new RENAME TO access_log;
CREATE INDEX access_log_by_citizen ON access_log (personal_id, at);
CREATE TRIGGER access_log_is_append_only BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;
