//! Locked accounts. Too many wrong passwords or codes lock an account for a while; the citizen
//! learns of it by SMS, because the password step answers a locked account exactly like a
//! wrong password (telling it there would tell a stranger which numbers have accounts, and
//! checking passwords during the lock would let guesses go on).

use crate::db::{Connection, OptionalExtension};
use crate::params;

use super::sms;
use crate::db::DbError;

/// Until when the account is locked, if it is.
pub fn locked_until(
    connection: &Connection,
    personal_id: &str,
    now: i64,
) -> Result<Option<i64>, DbError> {
    connection
        .query_row(
            "SELECT locked_until FROM account_locks WHERE personal_id = ?1 AND locked_until > ?2",
            params![personal_id, now],
            |row| row.get(0),
        )
        .optional()
}

/// Locks the account until `until` (or later, if already locked longer) and tells the
/// citizen on their verified phone.
pub fn lock(
    connection: &Connection,
    personal_id: &str,
    phone: &str,
    until: i64,
    now: i64,
    echo_sms: bool,
) -> Result<(), DbError> {
    connection.execute(
        "INSERT INTO account_locks (personal_id, locked_until) VALUES (?1, ?2)
         ON CONFLICT (personal_id) DO UPDATE SET locked_until = CASE
             WHEN account_locks.locked_until > excluded.locked_until
             THEN account_locks.locked_until ELSE excluded.locked_until END",
        params![personal_id, until],
    )?;
    sms::send_lock_notice(connection, phone, until, now, echo_sms)
}

/// Ends a lock (a new sign-in after it ran out does not need it any more).
pub fn unlock(connection: &Connection, personal_id: &str) -> Result<(), DbError> {
    connection.execute(
        "DELETE FROM account_locks WHERE personal_id = ?1",
        [personal_id],
    )?;
    Ok(())
}
