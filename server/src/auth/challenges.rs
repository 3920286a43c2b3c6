//! The step between password and code: a challenge holds the hashed code, its expiry, the
//! tries left and the resends left.

use crate::db::{Connection, OptionalExtension};
use crate::params;
use portal_api::PhoneNumber;
use portal_api::auth::{CODE_ATTEMPTS, CODE_TTL_SECONDS, CodeChallenge, RESEND_AFTER_SECONDS};

use super::accounts::Account;
use super::attempt_limits::CODE_FAILURES;
use super::clock::seconds;
use super::sms::{self, SmsSettings};
use super::{locks, secrets};
use crate::db::DbError;
use crate::limits::Taken;

/// New codes one sign-in may ask for; after that the citizen starts again with the password.
const RESENDS: u32 = 3;

/// What checking a code found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The code is right: the challenge is used up and the citizen signs in.
    Accepted {
        /// Whose sign-in it was.
        personal_id: String,
    },
    /// Wrong, with tries left.
    Wrong {
        /// Tries left.
        attempts_left: u32,
    },
    /// The account is locked: by this wrong code (the account's last allowed one), or before
    /// it. The citizen has shown the password, so they may be told.
    Locked {
        /// Whose sign-in it was.
        personal_id: String,
        /// Until when.
        until: i64,
    },
    /// Wrong for the last time, expired, or no such challenge: start again.
    Expired {
        /// Whose challenge it was, when there was one (for the record of attempts).
        personal_id: Option<String>,
    },
}

/// What asking for a new code found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resend {
    /// A new code went out.
    Sent(CodeChallenge),
    /// The countdown is still running, or the phone has had its codes for the hour or the
    /// day: this many seconds to wait.
    TooSoon(u32),
    /// Expired, unknown, or out of resends: start again.
    Expired,
}

/// What starting a challenge found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// The code went out.
    Sent(CodeChallenge),
    /// The phone has had its codes for the hour or the day: this many seconds to wait.
    PhoneLimit(u32),
}

/// Starts a challenge for `account` and sends its code, within the phone's allowance. Run it
/// in a transaction: a refusal must not keep the slot it took in the hourly count.
pub fn start(
    connection: &Connection,
    account: &Account,
    now: i64,
    sms: SmsSettings,
) -> Result<Start, DbError> {
    if let Err(wait) = sms::allow_code(connection, sms, &account.phone, now)? {
        return Ok(Start::PhoneLimit(wait));
    }
    let challenge_id = secrets::random_token();
    let code = secrets::random_code();
    connection.execute(
        "INSERT INTO sign_in_challenges
             (id_hash, personal_id, code_hash, code_sent_at, expires_at, attempts_left, resends_left)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            secrets::hash(&challenge_id),
            account.personal_id,
            secrets::hash(&code),
            now,
            now + i64::from(CODE_TTL_SECONDS),
            CODE_ATTEMPTS,
            RESENDS,
        ],
    )?;
    sms::send_code(connection, &account.phone, &code, now, sms.echo)?;
    Ok(Start::Sent(CodeChallenge {
        challenge_id,
        phone_masked: masked(&account.phone),
        expires_in_seconds: CODE_TTL_SECONDS,
        resend_in_seconds: RESEND_AFTER_SECONDS,
        attempts_left: CODE_ATTEMPTS,
    }))
}

/// A phone as the citizen is shown it: `09•• ••• 678`.
pub fn masked(phone: &str) -> String {
    PhoneNumber::parse(phone).map_or_else(|_| "••••••".to_owned(), |p| p.masked())
}

struct Row {
    personal_id: String,
    code_hash: String,
    code_sent_at: i64,
    expires_at: i64,
    attempts_left: u32,
    resends_left: u32,
    phone: String,
}

fn load(connection: &Connection, id_hash: &str) -> Result<Option<Row>, DbError> {
    connection
        .query_row(
            "SELECT c.personal_id, c.code_hash, c.code_sent_at, c.expires_at, c.attempts_left,
                    c.resends_left, a.phone
             FROM sign_in_challenges c JOIN accounts a USING (personal_id)
             WHERE c.id_hash = ?1",
            [id_hash],
            |row| {
                Ok(Row {
                    personal_id: row.get(0)?,
                    code_hash: row.get(1)?,
                    code_sent_at: row.get(2)?,
                    expires_at: row.get(3)?,
                    attempts_left: row.get(4)?,
                    resends_left: row.get(5)?,
                    phone: row.get(6)?,
                })
            },
        )
        .optional()
}

fn delete(connection: &Connection, id_hash: &str) -> Result<(), DbError> {
    connection.execute(
        "DELETE FROM sign_in_challenges WHERE id_hash = ?1",
        [id_hash],
    )?;
    Ok(())
}

/// Checks `code` against the challenge. Every code counts against the account's allowance of
/// wrong codes ([`CODE_FAILURES`]) before it is compared, so parallel guesses cannot all be
/// Takes the challenge's row lock for the rest of the caller's transaction. SQLite's
/// transactions already run one at a time; PostgreSQL's run side by side and see each other's
/// commits between statements, so two uses of one code would both read it as unused. Held,
/// the second waits, then finds the challenge gone.
fn hold(connection: &Connection, id_hash: &str) -> Result<(), DbError> {
    connection.execute(
        "UPDATE sign_in_challenges SET attempts_left = attempts_left WHERE id_hash = ?1",
        [id_hash],
    )?;
    Ok(())
}

/// compared before any is counted; a right code gives its slot back.
pub fn verify(
    connection: &Connection,
    challenge_id: &str,
    code: &str,
    now: i64,
    sms: SmsSettings,
) -> Result<Verdict, DbError> {
    let id_hash = secrets::hash(challenge_id);
    hold(connection, &id_hash)?;
    let Some(row) = load(connection, &id_hash)? else {
        return Ok(Verdict::Expired { personal_id: None });
    };
    if now >= row.expires_at {
        delete(connection, &id_hash)?;
        return Ok(Verdict::Expired {
            personal_id: Some(row.personal_id),
        });
    }
    // Ends the challenge with the account locked until `until`, locking it first (and telling
    // the citizen by SMS) when this code is what locks it.
    let locked = |until: i64, locks_now: bool| -> Result<Verdict, DbError> {
        if locks_now {
            locks::lock(
                connection,
                &row.personal_id,
                &row.phone,
                until,
                now,
                sms.echo,
            )?;
        }
        delete(connection, &id_hash)?;
        Ok(Verdict::Locked {
            personal_id: row.personal_id.clone(),
            until,
        })
    };
    if let Some(until) = locks::locked_until(connection, &row.personal_id, now)? {
        return locked(until, false);
    }
    let slot = match CODE_FAILURES.take(connection, &row.personal_id, now)? {
        Taken::Slot(slot) => slot,
        Taken::Full { retry_after } => return locked(now + i64::from(retry_after), true),
    };
    if secrets::hash(code) == row.code_hash {
        slot.give_back(connection)?;
        delete(connection, &id_hash)?;
        return Ok(Verdict::Accepted {
            personal_id: row.personal_id,
        });
    }
    if slot.last {
        // Locked until the window of wrong codes closes, so the lock's end brings no new tries.
        return locked(slot.window_end.max(now + 1), true);
    }
    let attempts_left = row.attempts_left.saturating_sub(1);
    if attempts_left == 0 {
        delete(connection, &id_hash)?;
        return Ok(Verdict::Expired {
            personal_id: Some(row.personal_id),
        });
    }
    connection.execute(
        "UPDATE sign_in_challenges SET attempts_left = ?2 WHERE id_hash = ?1",
        params![id_hash, attempts_left],
    )?;
    Ok(Verdict::Wrong { attempts_left })
}

/// Sends a new code for the challenge, if its countdown has run out. The tries left carry
/// over: a new code is not a new set of guesses.
pub fn resend(
    connection: &Connection,
    challenge_id: &str,
    now: i64,
    sms: SmsSettings,
) -> Result<Resend, DbError> {
    let id_hash = secrets::hash(challenge_id);
    hold(connection, &id_hash)?;
    let Some(row) = load(connection, &id_hash)? else {
        return Ok(Resend::Expired);
    };
    if now >= row.expires_at || row.resends_left == 0 {
        delete(connection, &id_hash)?;
        return Ok(Resend::Expired);
    }
    let ready_at = row.code_sent_at + i64::from(RESEND_AFTER_SECONDS);
    if now < ready_at {
        return Ok(Resend::TooSoon(seconds(ready_at - now)));
    }
    if let Err(wait) = sms::allow_code(connection, sms, &row.phone, now)? {
        return Ok(Resend::TooSoon(wait));
    }
    let code = secrets::random_code();
    connection.execute(
        "UPDATE sign_in_challenges
         SET code_hash = ?2, code_sent_at = ?3, expires_at = ?4, resends_left = resends_left - 1
         WHERE id_hash = ?1",
        params![
            id_hash,
            secrets::hash(&code),
            now,
            now + i64::from(CODE_TTL_SECONDS)
        ],
    )?;
    sms::send_code(connection, &row.phone, &code, now, sms.echo)?;
    Ok(Resend::Sent(CodeChallenge {
        challenge_id: challenge_id.to_owned(),
        phone_masked: masked(&row.phone),
        expires_in_seconds: CODE_TTL_SECONDS,
        resend_in_seconds: RESEND_AFTER_SECONDS,
        attempts_left: row.attempts_left,
    }))
}
