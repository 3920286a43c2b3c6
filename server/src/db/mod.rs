//! The portal's SQLite database: one connection, used from blocking threads.
//!
//! SQLite writes one transaction at a time anyway, so a single connection behind a mutex is
//! all the reference backend needs; [`Database::call`] moves each use off the async runtime
//! so a slow query never stalls other requests' I/O.

mod migrations;

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::Connection;

pub use migrations::{MIGRATIONS, migrate};

/// A handle to the database; cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Database {
    connection: Arc<Mutex<Connection>>,
}

/// Why the database could not be used.
#[derive(Debug)]
pub enum DbError {
    /// The directory for the database file could not be created.
    CreateDirectory(std::io::Error),
    /// SQLite refused an operation.
    Sqlite(rusqlite::Error),
    /// A stored record is not the JSON it should be.
    Json(serde_json::Error),
    /// A previous user of the connection panicked, or its blocking thread was lost.
    Poisoned,
    /// Demo data could not be prepared.
    Seed(String),
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::CreateDirectory(e) => write!(f, "cannot create the database directory: {e}"),
            Self::Sqlite(e) => write!(f, "database error: {e}"),
            Self::Json(e) => write!(f, "stored JSON is not valid: {e}"),
            Self::Poisoned => f.write_str("the database connection is no longer usable"),
            Self::Seed(e) => write!(f, "cannot seed the demo data: {e}"),
        }
    }
}

impl std::error::Error for DbError {}

impl From<rusqlite::Error> for DbError {
    fn from(error: rusqlite::Error) -> Self {
        Self::Sqlite(error)
    }
}

impl From<serde_json::Error> for DbError {
    fn from(error: serde_json::Error) -> Self {
        Self::Json(error)
    }
}

impl Database {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, DbError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(DbError::CreateDirectory)?;
        }
        let mut connection = Connection::open(path)?;
        configure(&connection)?;
        migrate(&mut connection)?;
        Ok(Self {
            connection: Arc::new(Mutex::new(connection)),
        })
    }

    /// Runs `work` with the connection on a blocking thread.
    pub async fn call<T, F>(&self, work: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, DbError> + Send + 'static,
    {
        let connection = Arc::clone(&self.connection);
        tokio::task::spawn_blocking(move || {
            let mut guard = connection.lock().map_err(|_| DbError::Poisoned)?;
            work(&mut guard)
        })
        .await
        .map_err(|_| DbError::Poisoned)?
    }

    /// Runs `work` with the connection on the calling thread, for start-up and tests
    /// outside the async runtime.
    pub fn call_blocking<T>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        let mut guard = self.connection.lock().map_err(|_| DbError::Poisoned)?;
        work(&mut guard)
    }
}

/// WAL lets readers go on while a refresh writes; foreign keys are off by default in SQLite
/// and the schema relies on their cascades.
fn configure(connection: &Connection) -> Result<(), rusqlite::Error> {
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "NORMAL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    connection.busy_timeout(Duration::from_secs(5))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_in_wal_mode_with_foreign_keys_and_creates_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/dir/portal.sqlite3");
        let db = Database::open(&path).unwrap();
        assert!(path.exists());
        let (mode, foreign_keys): (String, i64) = db
            .call_blocking(|c| {
                let mode = c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
                let fk = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
                Ok((mode, fk))
            })
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(foreign_keys, 1);
    }
}
