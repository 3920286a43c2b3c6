-- Limits decided in the database (issue: sign-in that holds against an attacker), so that
-- parallel requests, and later several server instances on one database, cannot slip past
-- them: each attempt takes a slot with one INSERT … ON CONFLICT … DO UPDATE … RETURNING,
-- which SQLite and PostgreSQL both run atomically.

-- One fixed window per key ("password:001085012345", "sms-hour:0912345678",
-- "ip:203.0.113.7"): it starts at the first attempt counted after the previous one closed.
CREATE TABLE limit_counters (
    key          TEXT PRIMARY KEY NOT NULL,
    window_start INTEGER NOT NULL,
    count        INTEGER NOT NULL CHECK (count >= 0)
) STRICT;

-- An account locked after too many wrong passwords or codes, until a time.
CREATE TABLE account_locks (
    personal_id  TEXT PRIMARY KEY NOT NULL REFERENCES accounts (personal_id) ON DELETE CASCADE,
    locked_until INTEGER NOT NULL
) STRICT;

-- Wrong passwords are counted in limit_counters now.
DROP TABLE password_failures;
