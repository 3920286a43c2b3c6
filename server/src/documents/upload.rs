//! A citizen's upload of a signed PDF into their data store.

use crate::db::{Connection, OptionalExtension};
use crate::params;
use portal_api::documents::DocumentCategory;
use portal_api::{CalendarDate, fold_vietnamese};
use sha2::{Digest, Sha256};

use crate::auth::clock::rfc3339;
use crate::auth::secrets;
use crate::db::DbError;

/// What the citizen sends.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The name they give the document.
    pub name: String,
    /// Its category.
    pub category: DocumentCategory,
    /// The file's name as it was on their device.
    pub file_name: String,
    /// The checked bytes.
    pub bytes: Vec<u8>,
}

/// What storing an upload came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// Stored under this code.
    New(String),
    /// The same file is already in the store under this code.
    Duplicate(String),
}

/// Stores a checked upload, document and bytes in one go.
pub fn store(
    connection: &Connection,
    owner: &str,
    upload: &Upload,
    now: i64,
) -> Result<Stored, DbError> {
    let hash: String = Sha256::digest(&upload.bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let existing: Option<String> = connection
        .query_row(
            "SELECT code FROM documents WHERE owner_id = ?1 AND file_sha256 = ?2",
            params![owner, hash],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(code) = existing {
        return Ok(Stored::Duplicate(code));
    }
    let at = rfc3339(now);
    let today =
        CalendarDate::parse_iso(&at[..10]).map_or_else(|_| at[..10].to_owned(), |d| d.to_string());
    let code = format!(
        "TL-{}-{}",
        &at[..4],
        secrets::random_token()[..8].to_uppercase()
    );
    let document: i64 = connection.query_row(
        "INSERT INTO documents (owner_id, code, name, name_folded, category, issuing_agency, issued_on,
             file_name, content_type, blob_path, synced_at, file_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, 'Công dân tải lên (có chữ ký số)', ?6, ?7, 'application/pdf', ?8, ?9, ?10)
         RETURNING id",
        params![
            owner,
            code,
            upload.name,
            fold_vietnamese(&upload.name),
            upload.category.as_str(),
            today,
            upload.file_name,
            format!("uploads/{code}.pdf"),
            at,
            hash
        ],
        |row| row.get(0),
    )?;
    connection.execute(
        "INSERT INTO document_files (document_id, bytes) VALUES (?1, ?2)",
        params![document, upload.bytes],
    )?;
    connection.execute(
        "INSERT INTO document_events (document_id, at, kind, note) VALUES (?1, ?2, 'uploaded', ?3)",
        params![document, at, upload.file_name],
    )?;
    Ok(Stored::New(code))
}

/// The bytes of an uploaded document, if it is one.
pub fn file_bytes(connection: &Connection, document_id: i64) -> Result<Option<Vec<u8>>, DbError> {
    connection
        .query_row(
            "SELECT bytes FROM document_files WHERE document_id = ?1",
            [document_id],
            |row| row.get(0),
        )
        .optional()
}

/// A file name safe to send back in a header: its last path segment, printable, not too long.
pub fn clean_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(120)
        .collect();
    if cleaned.trim().is_empty() {
        "tai-lieu.pdf".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_paths_quotes_and_control_characters() {
        assert_eq!(
            clean_file_name("C:\\Users\\An\\giay \"to\".pdf"),
            "giay to.pdf"
        );
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("\n"), "tai-lieu.pdf");
    }
}
