-- "Who accessed my data": one row per read of a citizen's record or documents. The API only
-- ever inserts and lists; nothing updates or deletes a row but the citizen's own deletion
-- (cascade) or a demo reset. Times are Unix seconds, as in the account tables.
CREATE TABLE access_log (
    id          INTEGER PRIMARY KEY,
    personal_id TEXT NOT NULL REFERENCES citizens (personal_id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL CHECK (actor IN ('citizen', 'national_sync', 'shared_qr_verification')),
    channel     TEXT CHECK (channel IN ('web', 'kiosk')),
    device      TEXT,
    what        TEXT NOT NULL,
    purpose     TEXT NOT NULL
) STRICT;

CREATE INDEX access_log_by_citizen ON access_log (personal_id, at);

-- Rows are evidence: refuse edits even from a bug in the server.
CREATE TRIGGER access_log_is_append_only BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;
