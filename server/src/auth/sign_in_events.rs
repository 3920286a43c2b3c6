//! The record of sign-in attempts the citizen sees on their account page.

use crate::db::Connection;
use crate::params;
use portal_api::Channel;
use portal_api::auth::{SignInOutcome, SignInRecord};

use super::clock::rfc3339;
use crate::db::DbError;

/// How many attempts the account page lists.
const LISTED: u32 = 20;

/// Records one attempt.
pub fn record(
    connection: &Connection,
    personal_id: &str,
    now: i64,
    device: &str,
    channel: Channel,
    outcome: SignInOutcome,
) -> Result<(), DbError> {
    connection.execute(
        "INSERT INTO sign_in_events (personal_id, at, device, channel, outcome)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            personal_id,
            now,
            device,
            channel_str(channel),
            outcome_str(outcome)
        ],
    )?;
    Ok(())
}

/// The latest attempts, newest first.
pub fn recent(connection: &Connection, personal_id: &str) -> Result<Vec<SignInRecord>, DbError> {
    let mut statement = connection.prepare(
        "SELECT at, device, channel, outcome FROM sign_in_events
         WHERE personal_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2",
    )?;
    let rows = statement.query_map(params![personal_id, LISTED], |row| {
        let channel: String = row.get(2)?;
        let outcome: String = row.get(3)?;
        Ok(SignInRecord {
            at: rfc3339(row.get(0)?),
            device: row.get(1)?,
            channel: parse_channel(&channel),
            outcome: parse_outcome(&outcome),
        })
    })?;
    rows.collect::<Result<_, _>>()
}

/// The channel as the database spells it.
pub const fn channel_str(channel: Channel) -> &'static str {
    match channel {
        Channel::Web => "web",
        Channel::Kiosk => "kiosk",
    }
}

/// Reads [`channel_str`]'s spelling; the schema's CHECK allows nothing else.
pub fn parse_channel(text: &str) -> Channel {
    if text == "kiosk" {
        Channel::Kiosk
    } else {
        Channel::Web
    }
}

const fn outcome_str(outcome: SignInOutcome) -> &'static str {
    match outcome {
        SignInOutcome::Succeeded => "succeeded",
        SignInOutcome::WrongPassword => "wrong_password",
        SignInOutcome::WrongCode => "wrong_code",
        SignInOutcome::Locked => "locked",
    }
}

fn parse_outcome(text: &str) -> SignInOutcome {
    match text {
        "succeeded" => SignInOutcome::Succeeded,
        "wrong_code" => SignInOutcome::WrongCode,
        "locked" => SignInOutcome::Locked,
        _ => SignInOutcome::WrongPassword,
    }
}
