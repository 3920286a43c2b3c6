-- Each citizen's latest record refresh, shared by every server instance on this database
-- (SQLite's 0017_refresh_jobs.sql says how it is used).
CREATE TABLE refresh_jobs (
    personal_id TEXT COLLATE "C" PRIMARY KEY NOT NULL
        REFERENCES citizens (personal_id) ON DELETE CASCADE,
    started_at  BIGINT NOT NULL,
    state       TEXT COLLATE "C" NOT NULL CHECK (state IN ('running', 'done', 'failed')),
    status_json TEXT COLLATE "C" NOT NULL CHECK (portal_json_valid(status_json)),
    finished_at BIGINT
);
