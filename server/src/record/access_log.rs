//! "Who accessed my data": appending an entry for every read, and listing them.

use crate::db::Connection;
use crate::params;
use portal_api::Channel;
use portal_api::record_sync::{AccessActor, AccessEntry, AccessLogPage};

use crate::auth::clock::rfc3339;
use crate::auth::sign_in_events::{channel_str, parse_channel};
use crate::db::DbError;

/// Entries per page of the log.
pub const PER_PAGE: u32 = 20;

/// One read to record.
#[derive(Debug, Clone)]
pub struct Access<'a> {
    /// Whose data.
    pub personal_id: &'a str,
    /// Who read it.
    pub actor: AccessActor,
    /// For the citizen's own reads: their channel and device.
    pub session: Option<(Channel, &'a str)>,
    /// For the citizen's own reads on a registered kiosk: its "name, site".
    pub kiosk: Option<&'a str>,
    /// What was read.
    pub what: &'a str,
    /// Why.
    pub purpose: &'a str,
}

const fn actor_str(actor: AccessActor) -> &'static str {
    match actor {
        AccessActor::Citizen => "citizen",
        AccessActor::NationalSync => "national_sync",
        AccessActor::SharedQrVerification => "shared_qr_verification",
        AccessActor::SharedLinkView => "shared_link_view",
    }
}

fn parse_actor(text: &str) -> AccessActor {
    match text {
        "national_sync" => AccessActor::NationalSync,
        "shared_qr_verification" => AccessActor::SharedQrVerification,
        "shared_link_view" => AccessActor::SharedLinkView,
        _ => AccessActor::Citizen,
    }
}

/// Appends an entry.
pub fn record(connection: &Connection, access: &Access<'_>, now: i64) -> Result<(), DbError> {
    connection.execute(
        "INSERT INTO access_log (personal_id, at, actor, channel, device, what, purpose, kiosk)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            access.personal_id,
            now,
            actor_str(access.actor),
            access.session.map(|(channel, _)| channel_str(channel)),
            access.session.map(|(_, device)| device),
            access.what,
            access.purpose,
            access.kiosk,
        ],
    )?;
    Ok(())
}

/// One page of the citizen's log, newest first; `page` counts from 1.
pub fn page(
    connection: &Connection,
    personal_id: &str,
    page: u32,
) -> Result<AccessLogPage, DbError> {
    let page = page.max(1);
    let total: u32 = connection.query_row(
        "SELECT count(*) FROM access_log WHERE personal_id = ?1",
        [personal_id],
        |row| row.get(0),
    )?;
    let mut statement = connection.prepare(
        "SELECT at, actor, channel, device, what, purpose, kiosk FROM access_log
         WHERE personal_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2 OFFSET ?3",
    )?;
    let rows = statement.query_map(
        params![personal_id, PER_PAGE, (page - 1).saturating_mul(PER_PAGE)],
        |row| {
            let actor: String = row.get(1)?;
            let channel: Option<String> = row.get(2)?;
            Ok(AccessEntry {
                at: rfc3339(row.get(0)?),
                actor: parse_actor(&actor),
                channel: channel.as_deref().map(parse_channel),
                device: row.get(3)?,
                what: row.get(4)?,
                purpose: row.get(5)?,
                kiosk: row.get(6)?,
            })
        },
    )?;
    Ok(AccessLogPage {
        entries: rows.collect::<Result<_, _>>()?,
        page,
        per_page: PER_PAGE,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Database;
    use crate::seed::{self, SeedMode};

    #[test]
    fn entries_list_newest_first_and_cannot_be_altered() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("portal.sqlite3")).unwrap();
        seed::ensure_demo_data(&db, SeedMode::Reset).unwrap();
        db.write_blocking(|c| {
            for (at, what) in [(100, "record"), (200, "record_refresh")] {
                let access = Access {
                    personal_id: "001085012345",
                    actor: AccessActor::Citizen,
                    session: Some((Channel::Kiosk, "Chrome on Linux")),
                    kiosk: Some("Ki-ốt 1, Nhà văn hóa tổ 12"),
                    what,
                    purpose: "view",
                };
                record(c, &access, at)?;
            }
            let listed = page(c, "001085012345", 1)?;
            assert_eq!(listed.total, 2);
            assert_eq!(listed.entries[0].what, "record_refresh");
            assert_eq!(listed.entries[0].channel, Some(Channel::Kiosk));
            assert_eq!(
                page(c, "001190023456", 1)?.total,
                0,
                "only the citizen's own"
            );
            let edit = c.execute("UPDATE access_log SET what = 'nothing'", ());
            assert!(edit.is_err(), "append-only");
            Ok(())
        })
        .unwrap();
    }
}
