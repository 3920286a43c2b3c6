-- Written requests as the guided form builds them: drafts saved on the server as the citizen
-- goes (never in the browser, so a kiosk keeps nothing), submitted exactly once.

CREATE TABLE request_drafts (
    id                   TEXT PRIMARY KEY NOT NULL,
    owner_id             TEXT NOT NULL REFERENCES citizens (personal_id) ON DELETE CASCADE,
    answers_json         TEXT NOT NULL CHECK (json_valid(answers_json)),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    -- Set once, by the submission that created the request: a repeated submission of the
    -- same draft finds it and answers with that request instead of making another.
    submitted_request_id INTEGER UNIQUE REFERENCES requests (id) ON DELETE CASCADE
) STRICT;

CREATE INDEX request_drafts_by_owner ON request_drafts (owner_id, updated_at);

-- Every answer of the form, as submitted (api::RequestAnswers as JSON).
ALTER TABLE requests ADD COLUMN answers_json TEXT CHECK (answers_json IS NULL OR json_valid(answers_json));

-- Whether the citizen wrote the event (an answer to a question, a withdrawal).
ALTER TABLE request_events ADD COLUMN by_citizen INTEGER NOT NULL DEFAULT 0 CHECK (by_citizen IN (0, 1));
