//! One document of a citizen's store: its detail with history, its file, its re-sync.

use crate::db::{Connection, OptionalExtension};
use crate::params;
use portal_api::documents::{DocumentDetail, DocumentEvent};

use super::search::{SUMMARY_COLUMNS, summary};
use crate::db::DbError;

/// A document and what the file endpoint needs of it.
#[derive(Debug, Clone)]
pub struct StoredDocument {
    /// The detail the API answers.
    pub detail: DocumentDetail,
    /// The row id, for the history.
    pub id: i64,
}

/// The document with this code in `owner`'s store; `None` for a code they do not have,
/// whether or not another citizen has it.
pub fn find(
    connection: &Connection,
    owner: &str,
    code: &str,
) -> Result<Option<StoredDocument>, DbError> {
    let found = connection
        .query_row(
            &format!(
                "SELECT {SUMMARY_COLUMNS}, id, procedure, file_name, content_type, file_url, synced_at
                 FROM documents WHERE owner_id = ?1 AND code = ?2"
            ),
            params![owner, code],
            |row| {
                Ok(StoredDocument {
                    id: row.get(6)?,
                    detail: DocumentDetail {
                        summary: summary(row)?,
                        procedure: row.get(7)?,
                        file_name: row.get(8)?,
                        content_type: row.get(9)?,
                        external_url: row.get(10)?,
                        synced_at: row.get(11)?,
                        history: Vec::new(),
                    },
                })
            },
        )
        .optional()?;
    let Some(mut document) = found else {
        return Ok(None);
    };
    let mut statement = connection.prepare(
        "SELECT at, kind, note FROM document_events WHERE document_id = ?1 ORDER BY at, id",
    )?;
    document.detail.history = statement
        .query_map([document.id], |row| {
            Ok(DocumentEvent {
                at: row.get(0)?,
                kind: row.get(1)?,
                note: row.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Some(document))
}

/// Records that the document was synchronised from its agency at `at`.
pub fn mark_synced(
    connection: &Connection,
    id: i64,
    at: &str,
    agency: &str,
) -> Result<(), DbError> {
    connection.execute(
        "UPDATE documents SET synced_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    connection.execute(
        "INSERT INTO document_events (document_id, at, kind, note) VALUES (?1, ?2, 'synced', ?3)",
        params![id, at, agency],
    )?;
    Ok(())
}
