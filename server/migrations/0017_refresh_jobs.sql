-- Each citizen's latest record refresh, shared by every server instance on this database: the
-- one that claims the row runs the job, any other sees it running and then its result. A row
-- is claimed by one INSERT … ON CONFLICT … DO UPDATE … WHERE, so two instances cannot both
-- start a refresh, nor start one before REFRESH_INTERVAL_SECONDS have passed. `status_json`
-- is the API's RefreshStatus, as GET /api/v1/record/refresh answers it.
CREATE TABLE refresh_jobs (
    personal_id TEXT PRIMARY KEY NOT NULL REFERENCES citizens (personal_id) ON DELETE CASCADE,
    started_at  INTEGER NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
    status_json TEXT NOT NULL CHECK (json_valid(status_json)),
    finished_at INTEGER
) STRICT;
