//! The portal's database: SQLite in a file by default, PostgreSQL for a deployment.
//!
//! Stores take a [`Connection`] and write SQL once (see [`connection`] and [`dialect`]).
//! [`Database::read`] and [`Database::write`] run that work on a blocking thread, so a slow
//! query never stalls other requests' I/O:
//! - **SQLite** writes one transaction at a time whatever we do, so writes share one
//!   connection behind a lock, and reads take one of a pool of read-only connections. In WAL
//!   mode readers see the last commit and never wait for the writer, so one citizen's
//!   searches cannot queue everyone's record behind them.
//! - **PostgreSQL** runs many transactions at once: reads and writes alike take a pooled
//!   connection, and any number of server processes may share the database.

mod connection;
pub mod dialect;
mod location;
mod migrations;
mod pool;
mod value;

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use connection::{Connection, OptionalExtension, Row, Statement, Transaction};
pub use location::Location;
pub use migrations::migrate;
pub use value::{FromValue, Params, ToValue, Value};

use pool::Opener;

/// Which engine holds the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// The embedded default.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// A handle to the database; cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Database {
    inner: Arc<Inner>,
}

struct Inner {
    engine: Engine,
    /// SQLite's one writing connection; `None` for PostgreSQL, whose writes use the pool.
    writer: Option<Mutex<Connection>>,
    /// Always `Some` but while dropping.
    pool: Option<r2d2::Pool<Opener>>,
}

impl Inner {
    fn connection(&self) -> Result<r2d2::PooledConnection<Opener>, DbError> {
        Ok(self.pool.as_ref().ok_or(DbError::Poisoned)?.get()?)
    }
}

impl Drop for Inner {
    /// A blocking PostgreSQL client says goodbye to its server when it closes, which it cannot
    /// do inside an async task (the last handle may go with a test's server).
    fn drop(&mut self) {
        if let Some(pool) = self.pool.take() {
            outside_async(move || drop(pool));
        }
    }
}

/// Why the database could not be used.
#[derive(Debug)]
pub enum DbError {
    /// The directory for the database file could not be created.
    CreateDirectory(std::io::Error),
    /// SQLite refused an operation.
    Sqlite(rusqlite::Error),
    /// PostgreSQL refused an operation, or could not be reached.
    Postgres(postgres::Error),
    /// No connection could be had from the pool in time.
    Pool(r2d2::Error),
    /// A query for one row found none.
    NoRows,
    /// A column held something other than what the store reads there.
    Decode {
        /// The column, from 0.
        column: usize,
        /// What was wrong.
        why: String,
    },
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
            // The driver's own text is "db error"; the server's answer says what and why.
            Self::Postgres(e) => match e.as_db_error() {
                Some(db) => write!(f, "database error {}: {}", db.code().code(), db.message()),
                None => write!(f, "database error: {e}"),
            },
            Self::Pool(e) => write!(f, "no database connection: {e}"),
            Self::NoRows => f.write_str("the query found no row"),
            Self::Decode { column, why } => write!(f, "column {column}: {why}"),
            Self::Json(e) => write!(f, "stored JSON is not valid: {e}"),
            Self::Poisoned => f.write_str("the database connection is no longer usable"),
            Self::Seed(e) => write!(f, "cannot seed the demo data: {e}"),
        }
    }
}

impl std::error::Error for DbError {}

impl From<rusqlite::Error> for DbError {
    fn from(error: rusqlite::Error) -> Self {
        match error {
            rusqlite::Error::QueryReturnedNoRows => Self::NoRows,
            error => Self::Sqlite(error),
        }
    }
}

impl From<postgres::Error> for DbError {
    fn from(error: postgres::Error) -> Self {
        Self::Postgres(error)
    }
}

impl From<r2d2::Error> for DbError {
    fn from(error: r2d2::Error) -> Self {
        Self::Pool(error)
    }
}

impl From<serde_json::Error> for DbError {
    fn from(error: serde_json::Error) -> Self {
        Self::Json(error)
    }
}

/// Read-only SQLite connections beside the writer: more than the cores, since a reader also
/// waits on the disk, and few enough that each keeps its page cache warm.
const SQLITE_READERS: u32 = 8;

impl Database {
    /// Opens (creating if needed) an SQLite file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, DbError> {
        Self::connect(&Location::Sqlite(path.to_owned()), SQLITE_READERS)
    }

    /// Opens the database at `location` with up to `pool_size` pooled connections, and
    /// brings its schema up to date.
    pub fn connect(location: &Location, pool_size: u32) -> Result<Self, DbError> {
        let opener = Opener::new(location)?;
        // SQLite keeps its first connection as the writer; PostgreSQL's closes where it opened.
        let (engine, writer) = outside_async(|| {
            let mut first = opener.open()?;
            migrate(&mut first)?;
            Ok::<_, DbError>(match first.engine() {
                Engine::Sqlite => (Engine::Sqlite, Some(Mutex::new(first))),
                Engine::Postgres => (Engine::Postgres, None),
            })
        })?;
        let pool = r2d2::Pool::builder()
            .max_size(pool_size.max(1))
            .min_idle(Some(1))
            // A checkout is not worth a round trip: a broken connection shows in `has_broken`.
            .test_on_check_out(false)
            .connection_timeout(Duration::from_secs(10))
            .build(opener.for_pool())?;
        Ok(Self {
            inner: Arc::new(Inner {
                engine,
                writer,
                pool: Some(pool),
            }),
        })
    }

    /// The engine holding the data.
    pub fn engine(&self) -> Engine {
        self.inner.engine
    }

    /// Runs `work`, which may write, with a connection on a blocking thread.
    pub async fn write<T, F>(&self, work: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, DbError> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.write_here(work))
            .await
            .map_err(|_| DbError::Poisoned)?
    }

    /// Runs `work` as one write transaction ([`Connection::transaction`]): committed when it
    /// returns `Ok`, rolled back when it fails. For work that decides by itself whether to
    /// commit, [`Self::write`] and an explicit transaction.
    pub async fn transaction<T, F>(&self, work: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, DbError> + Send + 'static,
    {
        self.write(move |c| {
            let tx = c.transaction()?;
            let done = work(&tx)?;
            tx.commit()?;
            Ok(done)
        })
        .await
    }

    /// Runs `work`, which only reads, on a pooled connection on a blocking thread. It sees
    /// everything committed before it started.
    pub async fn read<T, F>(&self, work: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, DbError> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || {
            let connection = db.inner.connection()?;
            work(&connection)
        })
        .await
        .map_err(|_| DbError::Poisoned)?
    }

    /// Runs `work` with a writing connection and waits for it, for start-up and tests.
    pub fn write_blocking<T: Send>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, DbError> + Send,
    ) -> Result<T, DbError> {
        match self.inner.engine {
            Engine::Sqlite => self.write_here(work),
            Engine::Postgres => outside_async(|| self.write_here(work)),
        }
    }

    fn write_here<T>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        match &self.inner.writer {
            Some(writer) => {
                let mut guard = writer.lock().map_err(|_| DbError::Poisoned)?;
                work(&mut guard)
            }
            None => {
                let mut connection = self.inner.connection()?;
                work(&mut connection)
            }
        }
    }
}

/// Runs `work` where a blocking PostgreSQL client may run: the client drives its own small
/// runtime and refuses to start inside an async task, as at start-up under `#[tokio::main]`
/// or in a test. A thread of its own has no runtime.
fn outside_async<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    if tokio::runtime::Handle::try_current().is_err() {
        return work();
    }
    std::thread::scope(|scope| match scope.spawn(work).join() {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    })
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
            .write_blocking(|c| {
                let mode = c.query_row("PRAGMA journal_mode", (), |r| r.get(0))?;
                let fk = c.query_row("PRAGMA foreign_keys", (), |r| r.get(0))?;
                Ok((mode, fk))
            })
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(foreign_keys, 1);
    }
}
