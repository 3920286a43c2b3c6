//! The portal's stored copy of each citizen's record.

use crate::db::Connection;
use crate::params;
use portal_api::PopulationRecord;

use crate::db::DbError;

/// The stored record and when it was synchronised (RFC 3339).
pub fn load(
    connection: &Connection,
    personal_id: &str,
) -> Result<(PopulationRecord, String), DbError> {
    let (json, synced_at): (String, String) = connection.query_row(
        "SELECT record_json, synced_at FROM citizens WHERE personal_id = ?1",
        [personal_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok((serde_json::from_str(&json)?, synced_at))
}

/// Replaces the stored record with the national database's, synchronised at `synced_at`.
pub fn save(
    connection: &Connection,
    record: &PopulationRecord,
    synced_at: &str,
) -> Result<(), DbError> {
    connection.execute(
        "UPDATE citizens SET record_json = ?2, full_name = ?3, synced_at = ?4 WHERE personal_id = ?1",
        params![
            record.personal_id.as_str(),
            serde_json::to_string(record)?,
            record.full_name,
            synced_at
        ],
    )?;
    Ok(())
}
