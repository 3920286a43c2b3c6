//! Links that open one document for a while: made, listed and revoked by its owner, opened
//! by anyone holding the link until it expires or is revoked.
//!
//! The database keeps only the SHA-256 of a link's secret (as for session tokens): a copy of
//! it opens no document. The secret is answered once, when the link is made.

use crate::db::{Connection, OptionalExtension};
use crate::params;
use portal_api::documents::{CreatedDocumentShare, DocumentShare, SharedDocument};

use super::store;
use crate::auth::clock::rfc3339;
use crate::auth::secrets;
use crate::db::DbError;

fn share_from_row(row: &crate::db::Row) -> Result<DocumentShare, crate::db::DbError> {
    Ok(DocumentShare {
        id: row.get(0)?,
        created_at: rfc3339(row.get(1)?),
        expires_at: rfc3339(row.get(2)?),
        revoked: row.get::<_, Option<i64>>(3)?.is_some(),
    })
}

/// What a new link is for: whose document, which one, for how long, made in which session.
#[derive(Debug, Clone, Copy)]
pub struct NewLink<'a> {
    /// The citizen sharing.
    pub owner: &'a str,
    /// The document's code.
    pub code: &'a str,
    /// Hours the link works.
    pub hours: u32,
    /// The session that makes it, so a report of that session can revoke it.
    pub session_id: &'a str,
}

/// Makes a link; `None` when the owner has no such document.
pub fn create(
    connection: &Connection,
    link: NewLink<'_>,
    now: i64,
) -> Result<Option<CreatedDocumentShare>, DbError> {
    let Some(document) = store::find(connection, link.owner, link.code)? else {
        return Ok(None);
    };
    let id = secrets::random_token()[..16].to_owned();
    let token = secrets::random_token();
    let expires_at = now + i64::from(link.hours) * 3600;
    connection.execute(
        "INSERT INTO document_shares (id, token_hash, document_id, created_at, expires_at,
             created_by_session)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            secrets::hash(&token),
            document.id,
            now,
            expires_at,
            link.session_id
        ],
    )?;
    connection.execute(
        "INSERT INTO document_events (document_id, at, kind, note) VALUES (?1, ?2, 'shared', ?3)",
        params![
            document.id,
            rfc3339(now),
            format!("until {}", rfc3339(expires_at))
        ],
    )?;
    Ok(Some(CreatedDocumentShare {
        share: DocumentShare {
            id,
            created_at: rfc3339(now),
            expires_at: rfc3339(expires_at),
            revoked: false,
        },
        token,
        sms_sent_to: None,
    }))
}

/// The document's links that have not expired, newest first; `None` for a document the
/// owner does not have.
pub fn list(
    connection: &Connection,
    owner: &str,
    code: &str,
    now: i64,
) -> Result<Option<Vec<DocumentShare>>, DbError> {
    let Some(document) = store::find(connection, owner, code)? else {
        return Ok(None);
    };
    let mut statement = connection.prepare(
        "SELECT id, created_at, expires_at, revoked_at FROM document_shares
         WHERE document_id = ?1 AND expires_at > ?2 ORDER BY created_at DESC, id",
    )?;
    let shares = statement
        .query_map(params![document.id, now], share_from_row)?
        .collect::<Result<_, _>>()?;
    Ok(Some(shares))
}

/// Revokes one of the document's links; whether there was such a live link.
pub fn revoke(
    connection: &Connection,
    owner: &str,
    code: &str,
    id: &str,
    now: i64,
) -> Result<bool, DbError> {
    let Some(document) = store::find(connection, owner, code)? else {
        return Ok(false);
    };
    let changed = connection.execute(
        "UPDATE document_shares SET revoked_at = ?3 WHERE id = ?1 AND document_id = ?2 AND revoked_at IS NULL",
        params![id, document.id, now],
    )?;
    if changed == 1 {
        connection.execute(
            "INSERT INTO document_events (document_id, at, kind) VALUES (?1, ?2, 'share_revoked')",
            params![document.id, rfc3339(now)],
        )?;
    }
    Ok(changed == 1)
}

/// Revokes every live link made in session `session_id`, each noted in its document's
/// history; how many there were.
pub fn revoke_made_in(connection: &Connection, session_id: &str, now: i64) -> Result<u32, DbError> {
    let mut statement = connection.prepare(
        "UPDATE document_shares SET revoked_at = ?2
         WHERE created_by_session = ?1 AND revoked_at IS NULL AND expires_at > ?2
         RETURNING document_id",
    )?;
    let documents = statement
        .query_map(params![session_id, now], |row| row.get::<_, i64>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    for document_id in &documents {
        connection.execute(
            "INSERT INTO document_events (document_id, at, kind) VALUES (?1, ?2, 'share_revoked')",
            params![document_id, rfc3339(now)],
        )?;
    }
    Ok(u32::try_from(documents.len()).unwrap_or(u32::MAX))
}

/// What a live link opens, and whose it is.
#[derive(Debug, Clone)]
pub struct OpenedLink {
    /// The link's id (not its secret).
    pub share_id: String,
    /// Whose document it is.
    pub owner: String,
    /// What the holder sees.
    pub document: SharedDocument,
    /// The document's row id, to fetch its file.
    pub document_id: i64,
}

/// What a live link opens; `None` for a link that is unknown, expired or revoked (all alike
/// to the holder).
pub fn open(connection: &Connection, token: &str, now: i64) -> Result<Option<OpenedLink>, DbError> {
    let found: Option<(String, String, String, i64)> = connection
        .query_row(
            "SELECT s.id, d.owner_id, d.code, s.expires_at FROM document_shares s
             JOIN documents d ON d.id = s.document_id
             WHERE s.token_hash = ?1 AND s.revoked_at IS NULL AND s.expires_at > ?2",
            params![secrets::hash(token), now],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?;
    let Some((share_id, owner, code, expires_at)) = found else {
        return Ok(None);
    };
    let Some(document) = store::find(connection, &owner, &code)? else {
        return Ok(None);
    };
    let detail = document.detail;
    Ok(Some(OpenedLink {
        share_id,
        owner,
        document: SharedDocument {
            summary: detail.summary,
            procedure: detail.procedure,
            file_name: detail.file_name,
            link_expires_at: rfc3339(expires_at),
        },
        document_id: document.id,
    }))
}
