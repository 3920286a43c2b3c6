//! Counted limits: at most `max` attempts per key within a window, decided by the database.
//!
//! A check followed by a separate count lets a burst of parallel requests all pass the check
//! before any is counted. Here each attempt *takes a slot* with one
//! `INSERT … ON CONFLICT … DO UPDATE … WHERE … RETURNING` statement, which SQLite and
//! PostgreSQL both run atomically: the database hands out exactly `max` slots per window, to
//! one server process or to many sharing the database. An attempt that turns out not to count
//! (a right password) gives its slot back.

use crate::db::{Connection, OptionalExtension};
use crate::params;

use crate::auth::clock::seconds;
use crate::db::{Database, DbError};
use crate::error::ApiError;

/// A kind of limit: its name (the prefix of its keys), how many, over how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Prefix of the counter keys, e.g. `password` in `password:001085012345`.
    pub name: &'static str,
    /// Slots per window.
    pub max: u32,
    /// The window's length; it starts at the first attempt after the previous one closed.
    pub window_seconds: u32,
}

/// A slot taken in a window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    key: String,
    window_start: i64,
    /// Which slot of the window this is, from 1.
    pub number: u32,
    /// When the window closes.
    pub window_end: i64,
    /// Whether this was the window's last slot.
    pub last: bool,
}

/// What asking for a slot found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    /// Granted.
    Slot(Slot),
    /// Every slot of the window is taken; it closes in this many seconds (at least 1).
    Full {
        /// Seconds until the window closes.
        retry_after: u32,
    },
}

impl Limit {
    fn key(&self, subject: &str) -> String {
        format!("{}:{subject}", self.name)
    }

    /// Takes one slot for `subject` at `now`, or says when the window reopens.
    pub fn take(&self, connection: &Connection, subject: &str, now: i64) -> Result<Taken, DbError> {
        let key = self.key(subject);
        let window = i64::from(self.window_seconds.max(1));
        // `limit_counters.*` are the stored values; `excluded.*` the ones this attempt offered.
        // The WHERE refuses the update (and so returns no row) when the window is open and full.
        let granted: Option<(i64, u32)> = connection
            .query_row(
                "INSERT INTO limit_counters (key, window_start, count) VALUES (?1, ?2, 1)
                 ON CONFLICT (key) DO UPDATE SET
                     window_start = CASE
                         WHEN limit_counters.window_start + ?3 <= excluded.window_start
                         THEN excluded.window_start ELSE limit_counters.window_start END,
                     count = CASE
                         WHEN limit_counters.window_start + ?3 <= excluded.window_start
                         THEN 1 ELSE limit_counters.count + 1 END
                 WHERE limit_counters.window_start + ?3 <= excluded.window_start
                    OR limit_counters.count < ?4
                 RETURNING window_start, count",
                params![key, now, window, self.max],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        Ok(match granted {
            Some((window_start, number)) => Taken::Slot(Slot {
                key,
                window_start,
                number,
                window_end: window_start + window,
                last: number >= self.max,
            }),
            None => {
                let start: i64 = connection.query_row(
                    "SELECT window_start FROM limit_counters WHERE key = ?1",
                    [&key],
                    |row| row.get(0),
                )?;
                Taken::Full {
                    retry_after: seconds(start + window - now).max(1),
                }
            }
        })
    }

    /// Takes one slot for `subject` at `now` as an API answer: 429 `rate_limited`, with the
    /// wait, when the window is full.
    pub async fn admit(self, db: &Database, subject: String, now: i64) -> Result<(), ApiError> {
        match db.write(move |c| self.take(c, &subject, now)).await? {
            Taken::Slot(_) => Ok(()),
            Taken::Full { retry_after } => Err(ApiError::rate_limited(retry_after)),
        }
    }

    /// Forgets every attempt of `subject`, e.g. wrong passwords after a complete sign-in.
    pub fn forget(&self, connection: &Connection, subject: &str) -> Result<(), DbError> {
        connection.execute(
            "DELETE FROM limit_counters WHERE key = ?1",
            [self.key(subject)],
        )?;
        Ok(())
    }
}

impl Slot {
    /// Gives the slot back: the attempt turned out not to count (the password was right).
    /// A window that has closed and reopened meanwhile is left alone.
    pub fn give_back(self, connection: &Connection) -> Result<(), DbError> {
        connection.execute(
            "UPDATE limit_counters SET count = count - 1
             WHERE key = ?1 AND window_start = ?2 AND count > 0",
            params![self.key, self.window_start],
        )?;
        Ok(())
    }
}

/// Deletes counters whose window closed more than a day ago, so the table holds only what
/// can still matter (the longest window is a day).
pub fn prune(connection: &Connection, now: i64) -> Result<usize, DbError> {
    connection.execute(
        "DELETE FROM limit_counters WHERE window_start < ?1",
        [now - 2 * 86_400],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: Limit = Limit {
        name: "test",
        max: 3,
        window_seconds: 60,
    };

    fn database() -> (tempfile::TempDir, Database) {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("portal.sqlite3")).unwrap();
        (dir, db)
    }

    fn slot(taken: Taken) -> Slot {
        match taken {
            Taken::Slot(slot) => slot,
            Taken::Full { .. } => panic!("expected a slot"),
        }
    }

    #[test]
    fn grants_max_slots_per_window_then_says_when_it_reopens() {
        let (_dir, db) = database();
        db.write_blocking(|c| {
            let first = slot(LIMIT.take(c, "a", 1000)?);
            assert_eq!(
                (first.number, first.last, first.window_end),
                (1, false, 1060)
            );
            slot(LIMIT.take(c, "a", 1010)?);
            assert!(slot(LIMIT.take(c, "a", 1020)?).last);
            assert_eq!(LIMIT.take(c, "a", 1030)?, Taken::Full { retry_after: 30 });
            assert_eq!(
                slot(LIMIT.take(c, "b", 1030)?).number,
                1,
                "keys count apart"
            );
            let reopened = slot(LIMIT.take(c, "a", 1060)?);
            assert_eq!((reopened.number, reopened.window_end), (1, 1120));
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn a_slot_given_back_can_be_taken_again_and_forget_clears() {
        let (_dir, db) = database();
        db.write_blocking(|c| {
            for _ in 0..2 {
                slot(LIMIT.take(c, "a", 1000)?);
            }
            slot(LIMIT.take(c, "a", 1000)?).give_back(c)?;
            assert!(slot(LIMIT.take(c, "a", 1001)?).last);
            LIMIT.forget(c, "a")?;
            assert_eq!(slot(LIMIT.take(c, "a", 1002)?).number, 1);
            assert_eq!(prune(c, 1002 + 3 * 86_400)?, 1);
            Ok(())
        })
        .unwrap();
    }
}
