//! Schema migrations, numbered by SQLite's `user_version`.
//!
//! Each file in `server/migrations/` runs once, in order, inside a transaction with the
//! version bump, so a failed migration leaves the database as it was. Append new files; never
//! edit one that has shipped.

use rusqlite::{Connection, Transaction};

/// The migrations in order; the database's `user_version` counts how many have run.
pub const MIGRATIONS: &[&str] = &[
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
];

/// Runs every migration the database has not seen yet.
pub fn migrate(connection: &mut Connection) -> Result<(), rusqlite::Error> {
    let applied: u32 = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(applied as usize) {
        let tx = connection.transaction()?;
        tx.execute_batch(sql)?;
        set_version(&tx, index + 1)?;
        tx.commit()?;
    }
    Ok(())
}

fn set_version(tx: &Transaction<'_>, version: usize) -> Result<(), rusqlite::Error> {
    // PRAGMA takes no bound parameters; the value is our own counter, never outside input.
    tx.execute_batch(&format!("PRAGMA user_version = {version}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_each_migration_once() {
        let mut connection = Connection::open_in_memory().unwrap();
        migrate(&mut connection).unwrap();
        migrate(&mut connection).unwrap();
        let version: u32 = connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(version as usize, MIGRATIONS.len());
        let tables: i64 = connection
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN
                 ('citizens', 'national_records', 'documents', 'requests', 'request_events')",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(tables, 5);
    }
}
