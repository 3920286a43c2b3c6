-- The history of each document in the data store: issued, added to the store, synchronised
-- again from its agency, shared... Shown on the document's page as a timeline.
CREATE TABLE document_events (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    -- RFC 3339 for moments; 'YYYY-MM-DD' for the issue, which has a date and no time.
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('issued', 'added', 'synced', 'uploaded', 'shared', 'share_revoked')),
    note        TEXT
) STRICT;

CREATE INDEX document_events_by_document ON document_events (document_id, at);
