-- Document share links keep only the SHA-256 of their secret from now on, as session tokens
-- do: a copy of the database (a backup, a support dump) then opens no document.
--
-- Links made before kept their secret in clear, so any copy taken until now may hold it.
-- They are revoked rather than hashed: hashing would keep alive a secret that may already
-- have leaked. Links live at most seven days, the revocation is in each document's history,
-- and the citizen can make a new link in two presses. Their stored secret is replaced by a
-- value no SHA-256 in hex can equal, so nothing of it remains.
ALTER TABLE document_shares RENAME COLUMN token TO token_hash;

INSERT INTO document_events (document_id, at, kind)
SELECT document_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'share_revoked'
FROM document_shares
WHERE revoked_at IS NULL AND expires_at > CAST(strftime('%s', 'now') AS INTEGER);

UPDATE document_shares
SET revoked_at = coalesce(revoked_at, CAST(strftime('%s', 'now') AS INTEGER)),
    token_hash = 'cleared:' || id;
