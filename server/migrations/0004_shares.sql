-- Signed share codes (the record page's share QR) and the keys that sign them.

-- The server's Ed25519 signing keys. The newest signs; older ones stay published so codes
-- they signed still verify until they expire.
CREATE TABLE signing_keys (
    kid        TEXT PRIMARY KEY NOT NULL,
    secret     BLOB NOT NULL CHECK (length(secret) = 32),
    created_at INTEGER NOT NULL
) STRICT;

-- A share a citizen made: what it shares, until when, and whether they revoked it. The
-- signed code itself is kept so the citizen can show the QR again.
CREATE TABLE shares (
    id          TEXT PRIMARY KEY NOT NULL,
    personal_id TEXT NOT NULL REFERENCES citizens (personal_id) ON DELETE CASCADE,
    fields_json TEXT NOT NULL CHECK (json_valid(fields_json)),
    code        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER
) STRICT;

CREATE INDEX shares_by_citizen ON shares (personal_id, created_at);
