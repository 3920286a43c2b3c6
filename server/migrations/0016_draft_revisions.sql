-- Each draft's version: 1 when made, one more at every save. A save names the revision it was
-- based on and is taken only if that is still the current one, decided in the one UPDATE
-- (`... SET revision = revision + 1 WHERE ... AND revision = ?`), so a delayed older save can
-- no longer overwrite a newer one. Drafts saved before this start at 1.
ALTER TABLE request_drafts ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
