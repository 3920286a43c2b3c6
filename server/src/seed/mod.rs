//! Demo data: the citizens, their data stores and their requests, seeded on first start
//! (an empty database) and again on `--reset`.
//!
//! Everything is deterministic (fixed seed, fixed timestamps), so every machine, every run
//! and every test sees the same demo.

mod citizens;
mod documents;
mod population;
mod requests;
mod rng;

use portal_api::PopulationRecord;

use crate::db::Transaction;
use crate::params;

pub use citizens::{DemoCitizen, LARGE_STORE_CITIZEN, StoreSize, demo_citizens};
pub use population::{MAX_POPULATION, phone as population_phone};

use crate::db::{Database, DbError};
use rng::DemoRng;

/// The password of every demo account. Only its argon2id hashes are stored.
pub const DEMO_PASSWORD: &str = "Demo@2026";

/// When the demo data was last synchronised with the national database, as it claims.
const SEEDED_AT: &str = "2026-11-01T02:00:00.000Z";

/// Whether seeding keeps what is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedMode {
    /// Seed only an empty database; a database with citizens is left alone.
    IfEmpty,
    /// Delete every citizen and everything they own, then seed afresh.
    Reset,
}

/// What [`ensure_demo_data`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedOutcome {
    /// The demo data was written.
    Seeded,
    /// The database already had citizens and was left as it was.
    Kept,
}

/// Seeds the demo data as `mode` says, in one transaction.
pub fn ensure_demo_data(db: &Database, mode: SeedMode) -> Result<SeedOutcome, DbError> {
    db.write_blocking(|connection| {
        let tx = connection.transaction()?;
        let existing: i64 = tx.query_row("SELECT count(*) FROM citizens", (), |r| r.get(0))?;
        if existing > 0 && mode == SeedMode::IfEmpty {
            return Ok(SeedOutcome::Kept);
        }
        clear(&tx)?;
        seed(&tx)?;
        tx.commit()?;
        Ok(SeedOutcome::Seeded)
    })
}

/// Deletes every citizen and everything they own, seeding nothing (`--reset` without
/// `--demo`).
pub fn wipe(db: &Database) -> Result<(), DbError> {
    db.write_blocking(|connection| {
        let tx = connection.transaction()?;
        clear(&tx)?;
        tx.commit()?;
        Ok(())
    })
}

fn clear(tx: &Transaction<'_>) -> Result<(), DbError> {
    // Documents, requests and their events go with their citizen (ON DELETE CASCADE).
    // Accounts, sessions and sign-in records go with their citizen too.
    tx.execute_batch(
        "DELETE FROM citizens; DELETE FROM national_records; DELETE FROM sms_outbox;
         DELETE FROM limit_counters; DELETE FROM kiosk_devices;",
    )?;
    Ok(())
}

/// Seeds synthetic citizens `0..count` (`--demo-population`, see [`population`]) that are not
/// there yet, in one transaction, and says how many it added.
pub fn ensure_population(db: &Database, count: u32) -> Result<u32, DbError> {
    let hash = demo_password_hash()?;
    db.write_blocking(|connection| {
        let tx = connection.transaction()?;
        let mut added = 0;
        for n in 0..count {
            let Some(citizen) = population::citizen(n) else {
                break;
            };
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM citizens WHERE personal_id = ?1)",
                [citizen.record.personal_id.as_str()],
                |r| r.get(0),
            )?;
            if !exists {
                // A sequence of its own per citizen: the same store whatever the count.
                let seed = 0x5EED_0000 ^ u64::from(n);
                insert_citizen(
                    &tx,
                    &citizen,
                    &citizen.record,
                    &hash,
                    &mut DemoRng::new(seed),
                )?;
                added += 1;
            }
        }
        tx.commit()?;
        Ok(added)
    })
}

fn seed(tx: &Transaction<'_>) -> Result<(), DbError> {
    let mut rng = DemoRng::new(0x00C0_FFEE);
    let mut next_reference = 1;
    let hash = demo_password_hash()?;
    for citizen in demo_citizens() {
        let record = &citizen.record;
        let owner = record.personal_id.as_str();
        let national = citizen
            .national_update
            .map_or_else(|| record.clone(), |update| update.apply(record));
        insert_citizen(tx, &citizen, &national, &hash, &mut rng)?;
        // The everyday citizens meet every state; the large store is about documents, and
        // holds exactly its 10,000 (a provided request would add its result).
        let how_many = match citizen.store {
            StoreSize::Everyday(_) => usize::MAX,
            StoreSize::Large(_) => 0,
        };
        let phone = record.phone.as_deref().unwrap_or_default();
        next_reference = requests::insert_requests(tx, owner, phone, how_many, next_reference)?;
    }
    // The demo's references are YC-2026-…: submissions carry on after the last of them.
    crate::requests::submitted::set_reference_counter(tx, 2026, i64::from(next_reference) - 1)?;
    Ok(())
}

/// One argon2id hash of [`DEMO_PASSWORD`] for every demo account: hashing is slow on
/// purpose, and these hashes guard a published password.
fn demo_password_hash() -> Result<String, DbError> {
    crate::auth::password::hash(DEMO_PASSWORD)
        .map_err(|e| DbError::Seed(format!("hashing the demo password: {e}")))
}

/// A citizen's portal copy of their record, their account, the national database's copy
/// (`national`) and their data store.
fn insert_citizen(
    tx: &Transaction<'_>,
    citizen: &DemoCitizen,
    national: &PopulationRecord,
    password_hash: &str,
    rng: &mut DemoRng,
) -> Result<(), DbError> {
    let record = &citizen.record;
    let owner = record.personal_id.as_str();
    tx.execute(
        "INSERT INTO citizens (personal_id, full_name, record_json, synced_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            owner,
            record.full_name,
            serde_json::to_string(record)?,
            SEEDED_AT
        ],
    )?;
    tx.execute(
        "INSERT INTO accounts (personal_id, phone, password_hash, verified, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            owner,
            record.phone.as_deref().unwrap_or_default(),
            password_hash,
            citizen.verified,
            SEEDED_UNIX
        ],
    )?;
    tx.execute(
        "INSERT INTO national_records (personal_id, record_json, updated_at)
         VALUES (?1, ?2, ?3)",
        params![owner, serde_json::to_string(national)?, SEEDED_AT],
    )?;
    documents::insert_documents(
        tx,
        owner,
        record.date_of_birth.year(),
        citizen.store.count(),
        rng,
        SEEDED_AT,
    )
}

/// [`SEEDED_AT`] in Unix seconds, for the tables that count time that way.
const SEEDED_UNIX: i64 = 1_793_498_400;

#[cfg(test)]
mod tests {
    use super::*;

    fn count(db: &Database, sql: &'static str, owner: &str) -> i64 {
        let owner = owner.to_owned();
        db.write_blocking(move |c| c.query_row(sql, [owner], |r| r.get(0)))
            .unwrap()
    }

    #[test]
    fn seeds_once_and_again_on_reset() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("portal.sqlite3")).unwrap();
        assert_eq!(
            ensure_demo_data(&db, SeedMode::IfEmpty).unwrap(),
            SeedOutcome::Seeded
        );
        assert_eq!(
            ensure_demo_data(&db, SeedMode::IfEmpty).unwrap(),
            SeedOutcome::Kept
        );

        // The seeded store, without results of provided requests (codes `KQ-…`).
        let documents =
            "SELECT count(*) FROM documents WHERE owner_id = ?1 AND code NOT LIKE 'KQ-%'";
        let requests = "SELECT count(*) FROM requests WHERE owner_id = ?1";
        assert_eq!(count(&db, documents, LARGE_STORE_CITIZEN), 10_000);
        for citizen in demo_citizens() {
            let owner = citizen.record.personal_id.as_str();
            assert_eq!(
                count(&db, documents, owner),
                i64::from(citizen.store.count())
            );
            if matches!(citizen.store, StoreSize::Everyday(_)) {
                assert!(count(&db, requests, owner) >= 1);
            }
        }

        // A reset after a change brings the demo back exactly.
        db.write_blocking(|c| c.execute("DELETE FROM documents", ()))
            .unwrap();
        assert_eq!(
            ensure_demo_data(&db, SeedMode::Reset).unwrap(),
            SeedOutcome::Seeded
        );
        assert_eq!(count(&db, documents, LARGE_STORE_CITIZEN), 10_000);
    }

    #[test]
    fn a_population_is_added_once_beside_the_demo() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("portal.sqlite3")).unwrap();
        ensure_demo_data(&db, SeedMode::Reset).unwrap();
        assert_eq!(ensure_population(&db, 30).unwrap(), 30);
        assert_eq!(ensure_population(&db, 40).unwrap(), 10);
        let citizens = "SELECT count(*) FROM citizens WHERE ?1 = ?1";
        assert_eq!(count(&db, citizens, ""), 6 + 40);
        let phone = "SELECT count(*) FROM accounts WHERE phone = ?1 AND verified = 1";
        assert_eq!(count(&db, phone, &population_phone(39)), 1);
    }

    #[test]
    fn folded_names_find_documents_typed_without_diacritics() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("portal.sqlite3")).unwrap();
        ensure_demo_data(&db, SeedMode::Reset).unwrap();
        let an = demo_citizens()[0].record.personal_id.as_str().to_owned();
        let found = count(
            &db,
            "SELECT count(*) FROM documents WHERE owner_id = ?1
             AND name_folded LIKE '%giay khai sinh%'",
            &an,
        );
        assert!(found >= 1);
    }
}
