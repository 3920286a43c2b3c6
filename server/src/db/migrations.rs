//! Schema migrations, one list per engine.
//!
//! Each file runs once, in order, inside a transaction with the version bump, so a failed
//! migration leaves the database as it was. Append new files; never edit one that has
//! shipped. A change of schema comes as a pair: one file for SQLite, one for PostgreSQL.
//! PostgreSQL support began at SQLite's 16th migration, so its first file is that whole
//! schema; a server test keeps the two engines' tables, columns and indexes equal.

use super::{Connection, DbError, Engine};

/// SQLite's migrations in order; the database's `user_version` counts how many have run.
pub const SQLITE: &[&str] = &[
    include_str!("../../migrations/0001_initial.sql"),
    include_str!("../../migrations/0002_accounts.sql"),
    include_str!("../../migrations/0003_access_log.sql"),
    include_str!("../../migrations/0004_shares.sql"),
    include_str!("../../migrations/0005_document_events.sql"),
    include_str!("../../migrations/0006_request_drafts.sql"),
    include_str!("../../migrations/0007_document_shares.sql"),
    include_str!("../../migrations/0008_uploads.sql"),
    include_str!("../../migrations/0009_request_attachments.sql"),
    include_str!("../../migrations/0010_search_indexes.sql"),
    include_str!("../../migrations/0011_limits.sql"),
    include_str!("../../migrations/0012_document_share_token_hashes.sql"),
    include_str!("../../migrations/0013_shares_by_session.sql"),
    include_str!("../../migrations/0014_request_reference_counters.sql"),
    include_str!("../../migrations/0015_share_views.sql"),
    include_str!("../../migrations/0016_draft_revisions.sql"),
    include_str!("../../migrations/0017_refresh_jobs.sql"),
    include_str!("../../migrations/0018_kiosk_devices.sql"),
];

/// PostgreSQL's migrations in order; the table `schema_version` counts how many have run.
pub const POSTGRES: &[&str] = &[
    include_str!("../../migrations/postgres/0001_schema.sql"),
    include_str!("../../migrations/postgres/0002_refresh_jobs.sql"),
    include_str!("../../migrations/postgres/0003_kiosk_devices.sql"),
];

/// Runs every migration the database has not seen yet.
pub fn migrate(connection: &mut Connection) -> Result<(), DbError> {
    let (list, applied) = match connection.engine() {
        Engine::Sqlite => (
            SQLITE,
            connection.query_row("PRAGMA user_version", (), |row| row.get::<_, usize>(0))?,
        ),
        Engine::Postgres => {
            // Two servers starting at once must not both migrate: the first to take this
            // lock does, the other then finds nothing left to run.
            connection.execute_batch(
                "SELECT pg_advisory_lock(7267383);
                 CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL);",
            )?;
            let applied = connection
                .query_row("SELECT max(version) FROM schema_version", (), |row| {
                    row.get::<_, Option<usize>>(0)
                })?
                .unwrap_or(0);
            (POSTGRES, applied)
        }
    };
    let result = run_from(connection, list, applied);
    if connection.engine() == Engine::Postgres {
        connection.execute_batch("SELECT pg_advisory_unlock(7267383)")?;
    }
    result
}

fn run_from(connection: &mut Connection, list: &[&str], applied: usize) -> Result<(), DbError> {
    for (index, sql) in list.iter().enumerate().skip(applied) {
        let tx = connection.transaction()?;
        tx.execute_batch(sql)?;
        set_version(&tx, index + 1)?;
        tx.commit()?;
    }
    Ok(())
}

fn set_version(tx: &Connection, version: usize) -> Result<(), DbError> {
    match tx.engine() {
        // PRAGMA takes no bound parameters; the value is our own counter, never outside input.
        Engine::Sqlite => tx.execute_batch(&format!("PRAGMA user_version = {version}")),
        Engine::Postgres => {
            tx.execute(
                "INSERT INTO schema_version (version) VALUES (?1)",
                [version],
            )?;
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_each_migration_once() {
        let mut connection = Connection::Sqlite(rusqlite::Connection::open_in_memory().unwrap());
        migrate(&mut connection).unwrap();
        migrate(&mut connection).unwrap();
        let version: u32 = connection
            .query_row("PRAGMA user_version", (), |row| row.get(0))
            .unwrap();
        assert_eq!(version as usize, SQLITE.len());
        let tables: i64 = connection
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN
                 ('citizens', 'national_records', 'documents', 'requests', 'request_events')",
                (),
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(tables, 5);
    }

    /// A database as it stood before migration `version` ran, holding citizen An and the rows
    /// `sql` inserts.
    fn migrated_to(version: usize, sql: &str) -> Connection {
        let connection = Connection::Sqlite(rusqlite::Connection::open_in_memory().unwrap());
        for migration in &SQLITE[..version] {
            connection.execute_batch(migration).unwrap();
        }
        connection
            .execute_batch(&format!("PRAGMA user_version = {version}"))
            .unwrap();
        connection
            .execute(
                "INSERT INTO citizens VALUES ('001085012345', 'An', '{}', '2026-01-01')",
                (),
            )
            .unwrap();
        connection.execute_batch(sql).unwrap();
        connection
    }

    #[test]
    fn document_share_links_kept_in_clear_are_revoked_and_their_secrets_erased() {
        let mut connection = migrated_to(
            10,
            "INSERT INTO documents (id, owner_id, code, name, name_folded, category,
                     issuing_agency, issued_on, file_name, content_type, file_url, synced_at)
                 VALUES (1, '001085012345', 'D1', 'Giấy', 'giay', 'other', 'UBND', '2026-01-01',
                     'd.pdf', 'application/pdf', 'https://example.test/d.pdf', '2026-01-01');
                 INSERT INTO document_shares (id, token, document_id, created_at, expires_at)
                 VALUES ('live', 'clear-live-secret', 1, 0, 99999999999),
                        ('old', 'clear-old-secret', 1, 0, 1);",
        );
        migrate(&mut connection).unwrap();
        let rows: Vec<(String, String, Option<i64>)> = connection
            .prepare("SELECT id, token_hash, revoked_at FROM document_shares ORDER BY id")
            .unwrap()
            .query_map((), |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows.len(), 2);
        for (id, token_hash, revoked_at) in rows {
            assert_eq!(token_hash, format!("cleared:{id}"), "no secret is left");
            assert!(revoked_at.is_some(), "{id} is revoked");
        }
        let revocations: i64 = connection
            .query_row(
                "SELECT count(*) FROM document_events WHERE kind = 'share_revoked'",
                (),
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(revocations, 1, "only the live link's revocation is news");
    }

    #[test]
    fn reference_counters_start_from_the_largest_number_of_each_year() {
        let mut connection = migrated_to(
            12,
            "INSERT INTO requests (reference, owner_id, kind, purpose, delivery, status,
                     created_at, updated_at)
                 SELECT column1, '001085012345', 'record_extract', 'p', 'data_store',
                     'submitted', '2026-01-01', '2026-01-01'
                 FROM (VALUES ('YC-2025-000123'), ('YC-2025-000007'), ('YC-2026-999999'),
                     ('YC-2026-1000004'));",
        );
        migrate(&mut connection).unwrap();
        let counters: Vec<(i64, i64)> = connection
            .prepare("SELECT year, last_number FROM request_reference_counters ORDER BY year")
            .unwrap()
            .query_map((), |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(counters, [(2025, 123), (2026, 1_000_004)]);
    }

    #[test]
    fn drafts_saved_before_revisions_start_at_revision_1() {
        let mut connection = migrated_to(
            15,
            "INSERT INTO request_drafts (id, owner_id, answers_json, created_at, updated_at)
                 VALUES ('D-old', '001085012345', '{}', '2026-01-01', '2026-01-01');",
        );
        migrate(&mut connection).unwrap();
        let revision: i64 = connection
            .query_row(
                "SELECT revision FROM request_drafts WHERE id = 'D-old'",
                (),
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(revision, 1);
    }
}
