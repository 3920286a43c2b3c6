//! Opening connections, for the start-up and for the pool (r2d2, the generic pool diesel
//! uses: it hands out connections on blocking threads, which is where stores run).

use std::cell::RefCell;
use std::path::PathBuf;
use std::time::Duration;

use super::connection::PgSession;
use super::{Connection, DbError, Location};

/// How to open a connection to one database.
#[derive(Debug, Clone)]
pub enum Opener {
    /// An SQLite file; pooled SQLite connections only read.
    Sqlite { path: PathBuf, read_only: bool },
    /// A PostgreSQL database.
    Postgres(Box<postgres::Config>),
}

impl Opener {
    /// An opener for `location`, checked but not yet connected.
    pub fn new(location: &Location) -> Result<Self, DbError> {
        match location {
            Location::Sqlite(path) => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(DbError::CreateDirectory)?;
                }
                Ok(Self::Sqlite {
                    path: path.clone(),
                    read_only: false,
                })
            }
            Location::Postgres(url) => Ok(Self::Postgres(Box::new(url.parse()?))),
        }
    }

    /// The opener of the pool's connections: SQLite's write through the one writer only.
    pub fn for_pool(&self) -> Self {
        match self {
            Self::Sqlite { path, .. } => Self::Sqlite {
                path: path.clone(),
                read_only: true,
            },
            Self::Postgres(config) => Self::Postgres(config.clone()),
        }
    }

    /// Opens one connection.
    pub fn open(&self) -> Result<Connection, DbError> {
        match self {
            Self::Sqlite { path, read_only } => {
                let connection = rusqlite::Connection::open(path)?;
                configure_sqlite(&connection, *read_only)?;
                Ok(Connection::Sqlite(connection))
            }
            Self::Postgres(config) => {
                // Plain TCP: the reference backend reaches its database on the same host or a
                // private network; see the README for TLS.
                let client = config.connect(postgres::NoTls)?;
                Ok(Connection::Postgres(Box::new(RefCell::new(
                    PgSession::new(client),
                ))))
            }
        }
    }
}

/// WAL lets readers go on while a writer writes; foreign keys are off by default in SQLite and
/// the schema relies on their cascades; a busy database is waited for, not failed.
fn configure_sqlite(connection: &rusqlite::Connection, read_only: bool) -> rusqlite::Result<()> {
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "NORMAL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    connection.busy_timeout(Duration::from_secs(5))?;
    if read_only {
        connection.pragma_update(None, "query_only", "ON")?;
    }
    Ok(())
}

impl r2d2::ManageConnection for Opener {
    type Connection = Connection;
    type Error = DbError;

    fn connect(&self) -> Result<Connection, DbError> {
        self.open()
    }

    fn is_valid(&self, connection: &mut Connection) -> Result<(), DbError> {
        connection.execute_batch("SELECT 1")
    }

    fn has_broken(&self, connection: &mut Connection) -> bool {
        match connection {
            Connection::Sqlite(_) => false,
            Connection::Postgres(session) => session.borrow().is_closed(),
        }
    }
}
