//! Portal accounts and the lockout after repeated wrong passwords.

use portal_api::auth::{LOCKOUT_FAILURES, LOCKOUT_WINDOW_SECONDS, SignInIdentifier};
use rusqlite::{Connection, OptionalExtension, params};

use crate::db::DbError;

/// An account as sign-in needs it.
#[derive(Debug, Clone)]
pub struct Account {
    /// The citizen.
    pub personal_id: String,
    /// The verified phone the code goes to.
    pub phone: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Whether the account has been verified.
    pub verified: bool,
}

/// The account a citizen's identifier names, if any.
pub fn find(
    connection: &Connection,
    identifier: &SignInIdentifier,
) -> Result<Option<Account>, DbError> {
    let (column, value) = match identifier {
        SignInIdentifier::PersonalId(id) => ("personal_id", id.as_str()),
        SignInIdentifier::Phone(phone) => ("phone", phone.as_str()),
    };
    // `column` is one of two constants above, never outside input.
    let sql = format!(
        "SELECT personal_id, phone, password_hash, verified FROM accounts WHERE {column} = ?1"
    );
    Ok(connection
        .query_row(&sql, [value], |row| {
            Ok(Account {
                personal_id: row.get(0)?,
                phone: row.get(1)?,
                password_hash: row.get(2)?,
                verified: row.get(3)?,
            })
        })
        .optional()?)
}

/// Until when the account is locked, if it is: [`LOCKOUT_FAILURES`] wrong passwords within
/// [`LOCKOUT_WINDOW_SECONDS`] lock it for that window after the last of them.
pub fn locked_until(
    connection: &Connection,
    personal_id: &str,
    now: i64,
) -> Result<Option<i64>, DbError> {
    let window = i64::from(LOCKOUT_WINDOW_SECONDS);
    let mut statement = connection.prepare(
        "SELECT at FROM password_failures WHERE personal_id = ?1 AND at > ?2 ORDER BY at DESC",
    )?;
    let recent: Vec<i64> = statement
        .query_map(params![personal_id, now - 2 * window], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let limit = LOCKOUT_FAILURES as usize;
    // Any run of `limit` consecutive failures that fits in one window locks from its last.
    let until = recent
        .windows(limit)
        .filter(|run| run[0] - run[limit - 1] < window)
        .map(|run| run[0] + window)
        .max();
    Ok(until.filter(|until| *until > now))
}

/// Counts a wrong password.
pub fn record_failure(connection: &Connection, personal_id: &str, now: i64) -> Result<(), DbError> {
    connection.execute(
        "INSERT INTO password_failures (personal_id, at) VALUES (?1, ?2)",
        params![personal_id, now],
    )?;
    Ok(())
}

/// Forgets wrong passwords after a complete sign-in.
pub fn clear_failures(connection: &Connection, personal_id: &str) -> Result<(), DbError> {
    connection.execute(
        "DELETE FROM password_failures WHERE personal_id = ?1",
        [personal_id],
    )?;
    Ok(())
}

/// The citizen's full name, for the session answer.
pub fn full_name(connection: &Connection, personal_id: &str) -> Result<String, DbError> {
    Ok(connection.query_row(
        "SELECT full_name FROM citizens WHERE personal_id = ?1",
        [personal_id],
        |row| row.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Database;
    use crate::seed::{self, SeedMode};

    const AN: &str = "001085012345";

    fn seeded() -> (tempfile::TempDir, Database) {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("portal.sqlite3")).unwrap();
        seed::ensure_demo_data(&db, SeedMode::Reset).unwrap();
        (dir, db)
    }

    #[test]
    fn finds_an_account_by_personal_id_or_phone() {
        let (_dir, db) = seeded();
        db.call_blocking(|c| {
            let by_id = find(c, &SignInIdentifier::parse(AN).unwrap())?.unwrap();
            let by_phone = find(c, &SignInIdentifier::parse("+84 912 345 678").unwrap())?.unwrap();
            assert_eq!(by_id.personal_id, by_phone.personal_id);
            assert!(by_id.verified);
            assert!(by_id.password_hash.starts_with("$argon2id$"));
            assert!(find(c, &SignInIdentifier::parse("001099000001").unwrap())?.is_none());
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn five_failures_within_fifteen_minutes_lock_for_fifteen_minutes() {
        let (_dir, db) = seeded();
        db.call_blocking(|c| {
            let start = 1_000_000;
            for i in 0..4 {
                record_failure(c, AN, start + i * 60)?;
            }
            assert_eq!(
                locked_until(c, AN, start + 240)?,
                None,
                "four are not enough"
            );
            record_failure(c, AN, start + 299)?;
            assert_eq!(locked_until(c, AN, start + 300)?, Some(start + 299 + 900));
            assert_eq!(
                locked_until(c, AN, start + 299 + 899)?,
                Some(start + 299 + 900)
            );
            assert_eq!(
                locked_until(c, AN, start + 299 + 900)?,
                None,
                "the lock ends"
            );
            clear_failures(c, AN)?;
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn failures_spread_over_more_than_the_window_do_not_lock() {
        let (_dir, db) = seeded();
        db.call_blocking(|c| {
            let start = 2_000_000;
            for i in 0..5 {
                record_failure(c, AN, start + i * 240)?;
            }
            assert_eq!(locked_until(c, AN, start + 961)?, None);
            Ok(())
        })
        .unwrap();
    }
}
