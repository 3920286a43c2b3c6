//! The simulated National Population Database (CSDLQG về dân cư), the authoritative source
//! that a record refresh reads.
//!
//! It answers from the `national_records` table, after a configurable delay and with a
//! configurable fault, so that tests and demos can show a slow, unreachable or
//! not-confirming database without one.

use std::fmt;
use std::time::Duration;

use crate::db::OptionalExtension;
use portal_api::{PersonalId, PopulationRecord};

use crate::db::Database;

/// A failure the national database can be told to simulate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum NationalDbFault {
    /// Answer normally.
    #[default]
    None,
    /// Every request fails as if the database were unreachable.
    Unavailable,
    /// The database confirms no citizen ("công dân không tồn tại").
    NotFound,
}

/// Why the national database gave no record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NationalDbError {
    /// It holds no citizen with this number.
    NotFound,
    /// It did not answer; the portal keeps showing its stored copy.
    Unavailable,
}

impl fmt::Display for NationalDbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound => f.write_str("the national population database has no such citizen"),
            Self::Unavailable => f.write_str("the national population database did not answer"),
        }
    }
}

impl std::error::Error for NationalDbError {}

/// The simulated national database.
#[derive(Clone)]
pub struct NationalDatabase {
    db: Database,
    latency: Duration,
    fault: NationalDbFault,
}

impl NationalDatabase {
    /// A national database reading `national_records` from `db`, answering after `latency`,
    /// failing as `fault` says.
    pub fn new(db: Database, latency: Duration, fault: NationalDbFault) -> Self {
        Self { db, latency, fault }
    }

    /// The authoritative record of this citizen.
    pub async fn fetch_record(&self, id: &PersonalId) -> Result<PopulationRecord, NationalDbError> {
        tokio::time::sleep(self.latency).await;
        match self.fault {
            NationalDbFault::None => {}
            NationalDbFault::Unavailable => return Err(NationalDbError::Unavailable),
            NationalDbFault::NotFound => return Err(NationalDbError::NotFound),
        }
        let key = id.as_str().to_owned();
        let stored = self
            .db
            .write(move |c| {
                let json: Option<String> = c
                    .query_row(
                        "SELECT record_json FROM national_records WHERE personal_id = ?1",
                        [key],
                        |row| row.get(0),
                    )
                    .optional()?;
                json.map(|text| serde_json::from_str::<PopulationRecord>(&text))
                    .transpose()
                    .map_err(Into::into)
            })
            .await;
        match stored {
            Ok(Some(record)) => Ok(record),
            Ok(None) => Err(NationalDbError::NotFound),
            Err(error) => {
                // From the portal's side a broken source is an unreachable one; the cause is
                // for the log.
                tracing::error!(%error, "reading the simulated national database failed");
                Err(NationalDbError::Unavailable)
            }
        }
    }
}

/// Why an operator's change to a national record was not made.
#[derive(Debug)]
pub enum ChangeError {
    /// The database holds no citizen with this number.
    NotFound,
    /// The changed record is not a valid record (`field`: the first field at fault), or the
    /// change tried to alter the personal identification number.
    Invalid(String),
    /// The store failed.
    Db(crate::db::DbError),
}

impl From<crate::db::DbError> for ChangeError {
    fn from(error: crate::db::DbError) -> Self {
        Self::Db(error)
    }
}

/// Replaces the top-level fields `changes` names in a citizen's authoritative record, as a
/// registration officer's update would, so a demo or a test has something for a refresh to
/// find. Answers the record as it now stands.
pub fn change_record(
    connection: &crate::db::Connection,
    id: &PersonalId,
    changes: serde_json::Map<String, serde_json::Value>,
) -> Result<PopulationRecord, ChangeError> {
    if changes.contains_key("personal_id") {
        return Err(ChangeError::Invalid("personal_id".to_owned()));
    }
    let json: Option<String> = connection
        .query_row(
            "SELECT record_json FROM national_records WHERE personal_id = ?1",
            [id.as_str()],
            |row| row.get(0),
        )
        .optional()?;
    let json = json.ok_or(ChangeError::NotFound)?;
    let mut record: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| ChangeError::Db(e.into()))?;
    let original = record.clone();
    let Some(fields) = record.as_object_mut() else {
        return Err(ChangeError::Invalid("record".to_owned()));
    };
    for (field, value) in &changes {
        if !fields.contains_key(field) {
            return Err(ChangeError::Invalid(field.clone()));
        }
        fields.insert(field.clone(), value.clone());
    }
    // Only a change that leaves a valid record is stored; a refusal names the field at fault,
    // found by trying each change alone on the record as it was.
    let changed: PopulationRecord = serde_json::from_value(record).map_err(|_| {
        let culprit = changes.iter().find(|(field, value)| {
            let mut alone = original.clone();
            if let Some(fields) = alone.as_object_mut() {
                fields.insert((*field).clone(), (*value).clone());
            }
            serde_json::from_value::<PopulationRecord>(alone).is_err()
        });
        ChangeError::Invalid(culprit.map_or_else(|| "record".to_owned(), |(f, _)| f.clone()))
    })?;
    let text = serde_json::to_string(&changed).map_err(|e| ChangeError::Db(e.into()))?;
    connection.execute(
        "UPDATE national_records SET record_json = ?1 WHERE personal_id = ?2",
        [text.as_str(), id.as_str()],
    )?;
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::seed::{self, SeedMode};

    fn seeded() -> (tempfile::TempDir, Database) {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("portal.sqlite3")).unwrap();
        seed::ensure_demo_data(&db, SeedMode::Reset).unwrap();
        (dir, db)
    }

    fn demo_id() -> PersonalId {
        seed::demo_citizens()[0].record.personal_id.clone()
    }

    #[tokio::test]
    async fn answers_with_the_authoritative_record() {
        let (_dir, db) = seeded();
        let national = NationalDatabase::new(db, Duration::ZERO, NationalDbFault::None);
        let record = national.fetch_record(&demo_id()).await.unwrap();
        assert_eq!(record.personal_id, demo_id());
        assert!(record.id_agrees_with_birth());
    }

    #[tokio::test]
    async fn unknown_citizen_is_not_found() {
        let (_dir, db) = seeded();
        let national = NationalDatabase::new(db, Duration::ZERO, NationalDbFault::None);
        let stranger = PersonalId::parse("001099000001").unwrap();
        assert_eq!(
            national.fetch_record(&stranger).await,
            Err(NationalDbError::NotFound)
        );
    }

    #[tokio::test]
    async fn fault_modes_fail_even_for_known_citizens() {
        let (_dir, db) = seeded();
        let unavailable =
            NationalDatabase::new(db.clone(), Duration::ZERO, NationalDbFault::Unavailable);
        assert_eq!(
            unavailable.fetch_record(&demo_id()).await,
            Err(NationalDbError::Unavailable)
        );
        let not_found = NationalDatabase::new(db, Duration::ZERO, NationalDbFault::NotFound);
        assert_eq!(
            not_found.fetch_record(&demo_id()).await,
            Err(NationalDbError::NotFound)
        );
    }

    #[tokio::test]
    async fn waits_for_the_configured_latency() {
        let (_dir, db) = seeded();
        let national =
            NationalDatabase::new(db, Duration::from_millis(120), NationalDbFault::Unavailable);
        let started = Instant::now();
        let _ = national.fetch_record(&demo_id()).await;
        assert!(started.elapsed() >= Duration::from_millis(120));
    }
}
