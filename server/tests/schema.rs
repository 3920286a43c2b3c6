//! Both engines' migrations make the same tables with the same columns in the same order, so
//! the stores' one set of SQL means the same on each. Runs where the PostgreSQL tests run
//! (`cargo xtask test` sets `PORTAL_TEST_POSTGRES`); elsewhere there is nothing to compare.

#![allow(clippy::unwrap_used)]

mod common;

use portal_server::db::{Connection, Database, Location};

/// Every table's columns, `table.column` in column order, tables by name.
fn columns(db: &Database, sql: &str) -> Vec<String> {
    db.write_blocking(|c: &mut Connection| {
        c.prepare(sql)?
            .query_map((), |row| {
                Ok(format!(
                    "{}.{}",
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?
                ))
            })?
            .collect::<Result<_, _>>()
    })
    .unwrap()
}

#[test]
fn postgres_has_the_tables_and_columns_sqlite_has() {
    if std::env::var("PORTAL_TEST_POSTGRES").is_err() {
        eprintln!("PORTAL_TEST_POSTGRES is not set: run `cargo xtask postgres-tests`");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let sqlite = Database::open(&dir.path().join("portal.sqlite3")).unwrap();
    let location: Location = common::database_for_a_test(dir.path()).parse().unwrap();
    let postgres = Database::connect(&location, 1).unwrap();
    let in_sqlite = columns(
        &sqlite,
        "SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
         ORDER BY m.name, p.cid",
    );
    let in_postgres = columns(
        &postgres,
        "SELECT table_name::text, column_name::text FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name <> 'schema_version'
         ORDER BY table_name COLLATE \"C\", ordinal_position",
    );
    assert!(in_sqlite.len() > 100, "{} columns", in_sqlite.len());
    assert_eq!(in_postgres, in_sqlite);
}
