-- Files a citizen attaches to an answer to the provider's question, kept with the answer's
-- event in the database itself, so that the answer and its file commit together or not.
CREATE TABLE request_attachments (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL UNIQUE REFERENCES request_events (id) ON DELETE CASCADE,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes        BLOB NOT NULL
) STRICT;
