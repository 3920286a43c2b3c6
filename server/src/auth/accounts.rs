//! Portal accounts as sign-in finds them.

use crate::db::{Connection, OptionalExtension};
use portal_api::auth::SignInIdentifier;

use super::attempt_limits::{CODE_FAILURES, PASSWORD_FAILURES};

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
    connection
        .query_row(&sql, [value], |row| {
            Ok(Account {
                personal_id: row.get(0)?,
                phone: row.get(1)?,
                password_hash: row.get(2)?,
                verified: row.get(3)?,
            })
        })
        .optional()
}

/// Forgets wrong passwords and codes after a complete sign-in.
pub fn clear_failures(connection: &Connection, personal_id: &str) -> Result<(), DbError> {
    PASSWORD_FAILURES.forget(connection, personal_id)?;
    CODE_FAILURES.forget(connection, personal_id)
}

/// The verified phone of a signed-in citizen's account, where the portal texts them.
pub fn phone(connection: &Connection, personal_id: &str) -> Result<String, DbError> {
    connection.query_row(
        "SELECT phone FROM accounts WHERE personal_id = ?1",
        [personal_id],
        |row| row.get(0),
    )
}

/// The citizen's full name, for the session answer.
pub fn full_name(connection: &Connection, personal_id: &str) -> Result<String, DbError> {
    connection.query_row(
        "SELECT full_name FROM citizens WHERE personal_id = ?1",
        [personal_id],
        |row| row.get(0),
    )
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
        db.write_blocking(|c| {
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
}
