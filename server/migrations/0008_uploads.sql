-- Files citizens upload into their data store (signed PDFs), kept in the database itself so
-- that a failed upload leaves nothing behind: the row and its bytes commit together or not.
CREATE TABLE document_files (
    document_id INTEGER PRIMARY KEY NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    bytes       BLOB NOT NULL
) STRICT;

-- The SHA-256 of an uploaded file: the same file uploaded twice is recognised.
ALTER TABLE documents ADD COLUMN file_sha256 TEXT;
CREATE UNIQUE INDEX documents_by_owner_file ON documents (owner_id, file_sha256) WHERE file_sha256 IS NOT NULL;
