//! A connection to either engine, with the few calls the store modules make: execute, read
//! one row, read many, run a batch, and transactions.
//!
//! Its shape follows rusqlite's, which the stores were first written against, so a store reads
//! the same whichever engine runs it. SQL is written once with `?1`-style placeholders;
//! [`super::dialect`] rewrites them for PostgreSQL.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Deref;

use super::dialect;
use super::value::{FromValue, Params, Value, decode_error};
use super::{DbError, Engine};

/// An open connection.
pub enum Connection {
    /// An SQLite file.
    Sqlite(rusqlite::Connection),
    /// A PostgreSQL session. Its client needs `&mut` for every call; a store holds
    /// `&Connection` like rusqlite's, and a connection is only ever used by one thread.
    Postgres(Box<RefCell<PgSession>>),
}

/// A PostgreSQL client with its prepared statements, so each statement text is parsed and
/// planned once per connection, as rusqlite's statement cache does for SQLite.
pub struct PgSession {
    client: postgres::Client,
    statements: HashMap<String, postgres::Statement>,
}

impl PgSession {
    /// A session on an open client.
    pub fn new(client: postgres::Client) -> Self {
        Self {
            client,
            statements: HashMap::new(),
        }
    }

    /// Whether the server has closed the connection.
    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }

    fn prepared(&mut self, sql: &str) -> Result<postgres::Statement, DbError> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(&dialect::postgres(sql))?;
        self.statements.insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }

    fn execute(&mut self, sql: &str, values: &[Value]) -> Result<u64, DbError> {
        let statement = self.prepared(sql)?;
        Ok(self.client.execute(&statement, &pg_params(values))?)
    }

    fn query(&mut self, sql: &str, values: &[Value]) -> Result<Vec<postgres::Row>, DbError> {
        let statement = self.prepared(sql)?;
        Ok(self.client.query(&statement, &pg_params(values))?)
    }
}

/// One row of an answer, read into engine-neutral values.
#[derive(Debug, Clone)]
pub struct Row {
    values: Vec<Value>,
}

/// How a column is named in [`Row::get`]: by its position.
pub trait RowIndex {
    /// The position, from 0.
    fn position(self) -> usize;
}

impl RowIndex for usize {
    fn position(self) -> usize {
        self
    }
}

impl Row {
    /// Column `index` (from 0) as a `T`.
    pub fn get<I: RowIndex, T: FromValue>(&self, index: I) -> Result<T, DbError> {
        let index = index.position();
        let value = self
            .values
            .get(index)
            .ok_or_else(|| decode_error(index, "no such column".to_owned()))?;
        T::from_value(value).map_err(|why| decode_error(index, why))
    }
}

/// A statement to run, perhaps many times.
pub struct Statement<'c> {
    connection: &'c Connection,
    sql: String,
}

impl Statement<'_> {
    /// Every row of the answer, each read by `read`.
    pub fn query_map<T, F, P: Params>(
        &mut self,
        params: P,
        read: F,
    ) -> Result<impl Iterator<Item = Result<T, DbError>> + use<T, F, P>, DbError>
    where
        F: FnMut(&Row) -> Result<T, DbError>,
    {
        let mut read = read;
        let rows = self.connection.rows(&self.sql, params)?;
        Ok(rows.into_iter().map(move |row| read(&row)))
    }

    /// Runs the statement; how many rows it changed.
    pub fn execute(&mut self, params: impl Params) -> Result<usize, DbError> {
        self.connection.execute(&self.sql, params)
    }

    /// The first row of the answer, read by `read` (e.g. an `INSERT … RETURNING id`).
    pub fn query_row<T>(
        &mut self,
        params: impl Params,
        read: impl FnOnce(&Row) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        self.connection.query_row(&self.sql, params, read)
    }
}

impl Connection {
    /// The engine behind this connection.
    pub fn engine(&self) -> Engine {
        match self {
            Self::Sqlite(_) => Engine::Sqlite,
            Self::Postgres(_) => Engine::Postgres,
        }
    }

    /// Runs one statement; how many rows it changed.
    pub fn execute(&self, sql: &str, params: impl Params) -> Result<usize, DbError> {
        let values = params.into_values();
        match self {
            Self::Sqlite(c) => {
                let mut statement = c.prepare_cached(sql)?;
                Ok(statement.execute(rusqlite::params_from_iter(values.iter()))?)
            }
            Self::Postgres(c) => {
                let changed = c.borrow_mut().execute(sql, &values)?;
                Ok(usize::try_from(changed).unwrap_or(usize::MAX))
            }
        }
    }

    /// Every row of the answer to one statement.
    pub fn rows(&self, sql: &str, params: impl Params) -> Result<Vec<Row>, DbError> {
        let values = params.into_values();
        match self {
            Self::Sqlite(c) => {
                let mut statement = c.prepare_cached(sql)?;
                let width = statement.column_count();
                let mut rows = statement.query(rusqlite::params_from_iter(values.iter()))?;
                let mut all = Vec::new();
                while let Some(row) = rows.next()? {
                    let values = (0..width)
                        .map(|i| row.get_ref(i).map(Value::from))
                        .collect::<Result<_, _>>()?;
                    all.push(Row { values });
                }
                Ok(all)
            }
            Self::Postgres(c) => {
                let rows = c.borrow_mut().query(sql, &values)?;
                rows.iter()
                    .map(|row| {
                        let values = (0..row.len())
                            .map(|i| row.try_get::<_, Value>(i))
                            .collect::<Result<_, _>>()?;
                        Ok(Row { values })
                    })
                    .collect()
            }
        }
    }

    /// The first row of the answer, read by `read`; [`DbError::NoRows`] when there is none.
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        read: impl FnOnce(&Row) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        let row = self
            .rows(sql, params)?
            .into_iter()
            .next()
            .ok_or(DbError::NoRows)?;
        read(&row)
    }

    /// A statement to run with [`Statement::query_map`] or [`Statement::execute`].
    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>, DbError> {
        Ok(Statement {
            connection: self,
            sql: sql.to_owned(),
        })
    }

    /// Runs several statements without parameters (schema scripts).
    pub fn execute_batch(&self, sql: &str) -> Result<(), DbError> {
        match self {
            Self::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Self::Postgres(c) => Ok(c.borrow_mut().client.batch_execute(sql)?),
        }
    }

    /// Starts a transaction: it commits with [`Transaction::commit`] and rolls back when
    /// dropped without. In SQLite it takes the write lock at once (`BEGIN IMMEDIATE`), so a
    /// transaction that reads before it writes never fails to upgrade half-way.
    pub fn transaction(&mut self) -> Result<Transaction<'_>, DbError> {
        let begin = match self {
            Self::Sqlite(_) => "BEGIN IMMEDIATE",
            Self::Postgres(_) => "BEGIN",
        };
        self.execute_batch(begin)?;
        Ok(Transaction {
            connection: self,
            open: true,
        })
    }
}

fn pg_params(values: &[Value]) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
    values
        .iter()
        .map(|v| v as &(dyn postgres::types::ToSql + Sync))
        .collect()
}

/// An open transaction; reads and writes go through it as through the connection.
pub struct Transaction<'c> {
    connection: &'c Connection,
    open: bool,
}

impl Transaction<'_> {
    /// Makes the transaction's writes permanent.
    pub fn commit(mut self) -> Result<(), DbError> {
        self.open = false;
        self.connection.execute_batch("COMMIT")
    }
}

impl Deref for Transaction<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.connection
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if self.open {
            // Nothing to tell anyone if this fails: the connection is then broken, and the
            // pool checks connections before it hands them out again.
            let _ = self.connection.execute_batch("ROLLBACK");
        }
    }
}

/// `.optional()` on a single-row answer: no row is `None`, not an error.
pub trait OptionalExtension<T> {
    /// `Ok(None)` where the answer had no row.
    fn optional(self) -> Result<Option<T>, DbError>;
}

impl<T> OptionalExtension<T> for Result<T, DbError> {
    fn optional(self) -> Result<Option<T>, DbError> {
        match self {
            Ok(value) => Ok(Some(value)),
            Err(DbError::NoRows) => Ok(None),
            Err(error) => Err(error),
        }
    }
}
