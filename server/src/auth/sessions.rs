//! Sessions: created at sign-in with a fresh token, found by the token's hash, ended by
//! sign-out, by the citizen from another session, by a report, or by expiry.

use crate::db::{Connection, OptionalExtension};
use crate::params;
use portal_api::auth::ActiveSession;
use portal_api::{Channel, ClientConfig};

use super::clock::rfc3339;
use super::kiosks::KioskDevice;
use super::secrets;
use super::settings::AuthSettings;
use super::sign_in_events::{channel_str, parse_channel};
use crate::db::DbError;

/// Why a session ended, as the database spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    /// The citizen signed out.
    SignedOut,
    /// Idle or absolute expiry.
    Expired,
    /// Ended from another of the citizen's sessions.
    EndedByCitizen,
    /// Reported as "this wasn't me".
    Reported,
}

impl EndReason {
    const fn as_str(self) -> &'static str {
        match self {
            Self::SignedOut => "signed_out",
            Self::Expired => "expired",
            Self::EndedByCitizen => "ended_by_citizen",
            Self::Reported => "reported",
        }
    }
}

/// A live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The public id.
    pub id: String,
    /// Whose it is.
    pub personal_id: String,
    /// Web or kiosk.
    pub channel: Channel,
    /// Its idle timeout in seconds.
    pub idle_timeout: i64,
    /// When it ends however active (Unix seconds).
    pub expires_at: i64,
    /// The registered kiosk it was opened on, as "name, site".
    pub kiosk: Option<String>,
}

/// Opens a session; returns the token for the cookie (shown once, never stored) and the
/// session. A session opened on a registered kiosk is a kiosk session, with the kiosk's short
/// idle timeout, whatever the deployment's own channel.
pub fn create(
    connection: &Connection,
    personal_id: &str,
    settings: &AuthSettings,
    device: &str,
    kiosk: Option<&KioskDevice>,
    now: i64,
) -> Result<(String, Session), DbError> {
    let token = secrets::random_token();
    let (channel, idle_timeout) = match kiosk {
        Some(_) => (
            Channel::Kiosk,
            settings
                .idle_timeout_seconds
                .min(ClientConfig::kiosk().idle_timeout_seconds),
        ),
        None => (settings.channel, settings.idle_timeout_seconds),
    };
    let session = Session {
        // Half a token: unguessable, and useless as a credential since only the token's hash
        // opens a session.
        id: secrets::random_token()[..32].to_owned(),
        personal_id: personal_id.to_owned(),
        channel,
        idle_timeout: i64::from(idle_timeout),
        expires_at: now + i64::from(settings.absolute_timeout_seconds),
        kiosk: kiosk.map(KioskDevice::label),
    };
    connection.execute(
        "INSERT INTO sessions (id, token_hash, personal_id, channel, device, started_at,
             last_active_at, idle_timeout, expires_at, kiosk)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9)",
        params![
            session.id,
            secrets::hash(&token),
            personal_id,
            channel_str(session.channel),
            device,
            now,
            session.idle_timeout,
            session.expires_at,
            session.kiosk,
        ],
    )?;
    Ok((token, session))
}

/// The live session a token opens, marked active now; an expired one is ended on the way.
pub fn resume(connection: &Connection, token: &str, now: i64) -> Result<Option<Session>, DbError> {
    let Some((session, last_active_at)) = find_live(connection, token)? else {
        return Ok(None);
    };
    if is_over(&session, last_active_at, now) {
        end(connection, &session.id, EndReason::Expired, now)?;
        return Ok(None);
    }
    touch(connection, &session.id, now)?;
    Ok(Some(session))
}

/// Whether a session last active at `last_active_at` has run out at `now`.
pub fn is_over(session: &Session, last_active_at: i64, now: i64) -> bool {
    now >= last_active_at + session.idle_timeout || now >= session.expires_at
}

/// Marks a live session active at `now` (never back in time, when requests overtake each
/// other); whether it is still live.
pub fn touch(connection: &Connection, id: &str, now: i64) -> Result<bool, DbError> {
    let changed = connection.execute(
        "UPDATE sessions
         SET last_active_at = CASE WHEN last_active_at < ?2 THEN ?2 ELSE last_active_at END
         WHERE id = ?1 AND ended_at IS NULL",
        params![id, now],
    )?;
    Ok(changed == 1)
}

/// The live session a token opens, with when it was last active; nothing is written.
pub fn find_live(connection: &Connection, token: &str) -> Result<Option<(Session, i64)>, DbError> {
    connection
        .query_row(
            "SELECT id, personal_id, channel, idle_timeout, expires_at, last_active_at, kiosk
             FROM sessions WHERE token_hash = ?1 AND ended_at IS NULL",
            [secrets::hash(token)],
            |row| {
                let channel: String = row.get(2)?;
                Ok((
                    Session {
                        id: row.get(0)?,
                        personal_id: row.get(1)?,
                        channel: parse_channel(&channel),
                        idle_timeout: row.get(3)?,
                        expires_at: row.get(4)?,
                        kiosk: row.get(6)?,
                    },
                    row.get::<_, i64>(5)?,
                ))
            },
        )
        .optional()
}

/// Ends a session if it is live; whether it was.
pub fn end(
    connection: &Connection,
    id: &str,
    reason: EndReason,
    now: i64,
) -> Result<bool, DbError> {
    let changed = connection.execute(
        "UPDATE sessions SET ended_at = ?2, end_reason = ?3 WHERE id = ?1 AND ended_at IS NULL",
        params![id, now, reason.as_str()],
    )?;
    Ok(changed == 1)
}

/// Ends one of the citizen's own live sessions; `false` when they have none with that id
/// (it is someone else's, ended, or never was): the caller answers 404 for all three alike.
pub fn end_own(
    connection: &Connection,
    personal_id: &str,
    id: &str,
    reason: EndReason,
    now: i64,
) -> Result<bool, DbError> {
    let changed = connection.execute(
        "UPDATE sessions SET ended_at = ?3, end_reason = ?4
         WHERE id = ?1 AND personal_id = ?2 AND ended_at IS NULL",
        params![id, personal_id, now, reason.as_str()],
    )?;
    Ok(changed == 1)
}

/// Records that `reporter` did not recognise session `id`.
pub fn record_report(
    connection: &Connection,
    id: &str,
    reporter: &str,
    now: i64,
) -> Result<(), DbError> {
    connection.execute(
        "INSERT INTO session_reports (session_id, reported_at, reported_by) VALUES (?1, ?2, ?3)",
        params![id, now, reporter],
    )?;
    Ok(())
}

/// The citizen's live sessions, the current one first, then the most recently active.
pub fn active(
    connection: &Connection,
    personal_id: &str,
    current_id: &str,
    now: i64,
) -> Result<Vec<ActiveSession>, DbError> {
    let mut statement = connection.prepare(
        "SELECT id, started_at, last_active_at, device, channel, kiosk FROM sessions
         WHERE personal_id = ?1 AND ended_at IS NULL
           AND last_active_at + idle_timeout > ?2 AND expires_at > ?2
         ORDER BY id = ?3 DESC, last_active_at DESC",
    )?;
    let rows = statement.query_map(params![personal_id, now, current_id], |row| {
        let id: String = row.get(0)?;
        let channel: String = row.get(4)?;
        Ok(ActiveSession {
            current: id == current_id,
            id,
            started_at: rfc3339(row.get(1)?),
            last_active_at: rfc3339(row.get(2)?),
            device: row.get(3)?,
            channel: parse_channel(&channel),
            kiosk: row.get(5)?,
        })
    })?;
    rows.collect::<Result<_, _>>()
}
