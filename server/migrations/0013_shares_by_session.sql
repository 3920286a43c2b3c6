-- Which session made each document link and record share code, so that "This wasn't me" can
-- revoke what the reported session handed out. Rows made before stay NULL: no session is
-- known for them, and a report leaves them as they are.
ALTER TABLE document_shares ADD COLUMN created_by_session TEXT REFERENCES sessions (id) ON DELETE SET NULL;
ALTER TABLE shares ADD COLUMN created_by_session TEXT REFERENCES sessions (id) ON DELETE SET NULL;

CREATE INDEX document_shares_by_session ON document_shares (created_by_session);
CREATE INDEX shares_by_session ON shares (created_by_session);
