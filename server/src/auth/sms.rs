//! The reference backend's SMS gateway: it writes each message to the `sms_outbox` table,
//! which the development outbox endpoint reads when switched on, and then also prints it.
//!
//! Texts are ASCII, as SMS gateways in Vietnam commonly require for short codes (Unicode
//! halves the message length).

use crate::db::Connection;
use crate::params;

use super::attempt_limits::{sms_per_day, sms_per_hour};
use crate::db::DbError;
use crate::limits::Taken;

/// Vietnam's offset from UTC; the country has no daylight saving.
const VIETNAM_OFFSET_SECONDS: i64 = 7 * 60 * 60;

/// How the gateway behaves in this deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmsSettings {
    /// Print each message too (the development outbox is on).
    pub echo: bool,
    /// Codes one phone may be sent per hour.
    pub per_phone_per_hour: u32,
    /// Codes one phone may be sent per day.
    pub per_phone_per_day: u32,
}

/// Takes a slot in the phone's hourly and daily allowance of codes. `Err` holds the seconds
/// until the fuller one reopens. Call inside the transaction that sends the code, so a refusal
/// by the daily count rolls back the hourly slot.
pub fn allow_code(
    connection: &Connection,
    settings: SmsSettings,
    phone: &str,
    now: i64,
) -> Result<Result<(), u32>, DbError> {
    let limits = [
        sms_per_hour(settings.per_phone_per_hour),
        sms_per_day(settings.per_phone_per_day),
    ];
    for limit in limits {
        if let Taken::Full { retry_after } = limit.take(connection, phone, now)? {
            return Ok(Err(retry_after));
        }
    }
    Ok(Ok(()))
}

/// "Sends" the one-time code to `phone`.
pub fn send_code(
    connection: &Connection,
    phone: &str,
    code: &str,
    now: i64,
    echo: bool,
) -> Result<(), DbError> {
    let text = format!(
        "Ma xac thuc Cong du lieu dan cu: {code}. Hieu luc 5 phut. \
         Khong cung cap ma nay cho bat ky ai."
    );
    send(connection, phone, &text, now, echo)
}

/// Tells the citizen their account is locked, and until when (Vietnam time): the sign-in
/// page does not say so, to strangers or to them.
pub fn send_lock_notice(
    connection: &Connection,
    phone: &str,
    until: i64,
    now: i64,
    echo: bool,
) -> Result<(), DbError> {
    let local = until + VIETNAM_OFFSET_SECONDS;
    let (hours, minutes) = (local.rem_euclid(86_400) / 3600, local.rem_euclid(3600) / 60);
    let text = format!(
        "Cong du lieu dan cu: tai khoan cua ban tam khoa den {hours:02}:{minutes:02} do nhap sai \
         mat khau hoac ma xac thuc nhieu lan. Neu khong phai ban, hay doi mat khau."
    );
    send(connection, phone, &text, now, echo)
}

/// Sends the citizen's own phone a link to a document they shared, with its end (Vietnam
/// time). It names neither the document nor the citizen: a phone's lock screen shows it.
pub fn send_share_link(
    connection: &Connection,
    phone: &str,
    link: &str,
    until: i64,
    now: i64,
    echo: bool,
) -> Result<(), DbError> {
    let text = format!(
        "Cong du lieu dan cu: lien ket giay to ban chia se, het han {}: {link}",
        vietnam_time(until)
    );
    send(connection, phone, &text, now, echo)
}

/// `HH:MM DD/MM` in Vietnam, from Unix seconds.
fn vietnam_time(at: i64) -> String {
    let offset = time::UtcOffset::from_whole_seconds(VIETNAM_OFFSET_SECONDS as i32)
        .unwrap_or(time::UtcOffset::UTC);
    let Ok(at) = time::OffsetDateTime::from_unix_timestamp(at) else {
        return String::new();
    };
    let local = at.to_offset(offset);
    format!(
        "{:02}:{:02} {:02}/{:02}",
        local.hour(),
        local.minute(),
        local.day(),
        u8::from(local.month())
    )
}

fn send(
    connection: &Connection,
    phone: &str,
    text: &str,
    now: i64,
    echo: bool,
) -> Result<(), DbError> {
    connection.execute(
        "INSERT INTO sms_outbox (phone, text, sent_at) VALUES (?1, ?2, ?3)",
        params![phone, text, now],
    )?;
    if echo {
        // The demo's stand-in for the citizen's phone: the person running it reads the code
        // in the terminal. Only with the development outbox switched on.
        println!("SMS to {phone}: {text}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn share_link_ends_in_vietnam_time() {
        // 2026-11-30T17:30:00Z is half past midnight on 1 December in Hanoi.
        assert_eq!(super::vietnam_time(1_796_059_800), "00:30 01/12");
    }
}
