//! The reference backend's SMS gateway: it writes each message to the `sms_outbox` table,
//! which the development outbox endpoint reads when switched on, and then also prints it.

use rusqlite::{Connection, params};

use crate::db::DbError;

/// "Sends" the one-time code to `phone`. The text is ASCII, as SMS gateways in Vietnam
/// commonly require for short codes (Unicode halves the message length).
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
