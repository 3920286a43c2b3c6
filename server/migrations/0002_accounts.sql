-- Portal accounts, sign-in and sessions (issue: sign in with a verified portal account).
-- Times in these tables are Unix seconds (INTEGER): expiry windows and lockouts are compared
-- in SQL, which text timestamps would make clumsy; the API formats them as RFC 3339.

-- A citizen's verified portal account: the password hash (argon2id, PHC string) and the
-- mobile number the one-time codes go to.
CREATE TABLE accounts (
    personal_id   TEXT PRIMARY KEY NOT NULL REFERENCES citizens (personal_id) ON DELETE CASCADE,
    phone         TEXT NOT NULL UNIQUE CHECK (length(phone) = 10),
    password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    verified      INTEGER NOT NULL CHECK (verified IN (0, 1)),
    created_at    INTEGER NOT NULL
) STRICT;

-- Wrong passwords, counted over a sliding window for the lockout.
CREATE TABLE password_failures (
    id          INTEGER PRIMARY KEY,
    personal_id TEXT NOT NULL REFERENCES accounts (personal_id) ON DELETE CASCADE,
    at          INTEGER NOT NULL
) STRICT;

CREATE INDEX password_failures_by_account ON password_failures (personal_id, at);

-- A sign-in between the password and the code. Only hashes of the challenge id and the code
-- are kept: a copy of the database lets nobody finish someone's sign-in.
CREATE TABLE sign_in_challenges (
    id_hash       TEXT PRIMARY KEY NOT NULL,
    personal_id   TEXT NOT NULL REFERENCES accounts (personal_id) ON DELETE CASCADE,
    code_hash     TEXT NOT NULL,
    code_sent_at  INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    attempts_left INTEGER NOT NULL CHECK (attempts_left >= 0),
    resends_left  INTEGER NOT NULL CHECK (resends_left >= 0)
) STRICT;

-- Sessions. The cookie holds a random token; only its SHA-256 is stored. `id` is a separate
-- public identifier, so the account page can name a session without revealing its token.
CREATE TABLE sessions (
    id             TEXT PRIMARY KEY NOT NULL,
    token_hash     TEXT NOT NULL UNIQUE,
    personal_id    TEXT NOT NULL REFERENCES accounts (personal_id) ON DELETE CASCADE,
    channel        TEXT NOT NULL CHECK (channel IN ('web', 'kiosk')),
    device         TEXT NOT NULL,
    started_at     INTEGER NOT NULL,
    last_active_at INTEGER NOT NULL,
    idle_timeout   INTEGER NOT NULL CHECK (idle_timeout > 0),
    expires_at     INTEGER NOT NULL,
    ended_at       INTEGER,
    end_reason     TEXT CHECK (end_reason IN ('signed_out', 'expired', 'ended_by_citizen', 'reported')),
    CHECK ((ended_at IS NULL) = (end_reason IS NULL))
) STRICT;

CREATE INDEX sessions_by_account ON sessions (personal_id, ended_at);

-- Every sign-in attempt on an account, for the citizen's "recent sign-ins".
CREATE TABLE sign_in_events (
    id          INTEGER PRIMARY KEY,
    personal_id TEXT NOT NULL REFERENCES accounts (personal_id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    device      TEXT NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ('web', 'kiosk')),
    outcome     TEXT NOT NULL CHECK (outcome IN ('succeeded', 'wrong_password', 'wrong_code', 'locked'))
) STRICT;

CREATE INDEX sign_in_events_by_account ON sign_in_events (personal_id, at);

-- "This wasn't me": the session the citizen did not recognise, kept for investigation.
CREATE TABLE session_reports (
    id          INTEGER PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    reported_at INTEGER NOT NULL,
    reported_by TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE
) STRICT;

-- What the reference backend's SMS gateway "sent". A real deployment sends through the
-- operator's gateway instead; this table is what the development outbox endpoint reads.
CREATE TABLE sms_outbox (
    id      INTEGER PRIMARY KEY,
    phone   TEXT NOT NULL,
    text    TEXT NOT NULL,
    sent_at INTEGER NOT NULL
) STRICT;

CREATE INDEX sms_outbox_by_phone ON sms_outbox (phone, id);
