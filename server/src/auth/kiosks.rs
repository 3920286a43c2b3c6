//! Kiosks registered by a site's staff: a device, not an address. Each kiosk holds a secret
//! token (in its own `config.json`); the app exchanges it for the `portal_kiosk` cookie, and
//! every sign-in from that browser is then counted against the kiosk's own budget
//! (`--sign-in-attempts-per-kiosk`) instead of its address's, and its sessions and reads are
//! named after it. Only the token's SHA-256 is stored, as for session tokens.

use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use portal_api::KIOSK_COOKIE;
use portal_api::kiosk::KioskRegistration;

use super::secrets;
use crate::db::{Connection, DbError, OptionalExtension};
use crate::params;

/// A registered kiosk that has not been revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskDevice {
    /// Its id, the key of its sign-in budget.
    pub id: String,
    /// What the site's staff called it, e.g. "Ki-ốt 2".
    pub name: String,
    /// Where it stands, e.g. "Nhà văn hóa tổ 12, phường Dịch Vọng Hậu".
    pub site: String,
}

impl KioskDevice {
    /// How a session and the access log name it: "Ki-ốt 2, Nhà văn hóa tổ 12".
    pub fn label(&self) -> String {
        format!("{}, {}", self.name, self.site)
    }
}

/// Registers a kiosk; the token is returned once and never stored.
pub fn register(
    connection: &Connection,
    name: &str,
    site: &str,
    now: i64,
) -> Result<KioskRegistration, DbError> {
    register_with_token(connection, name, site, &secrets::random_token(), now)
}

/// Registers a kiosk with a token chosen by the caller (the demo kiosk's published one), unless
/// one with that token exists already.
pub fn register_with_token(
    connection: &Connection,
    name: &str,
    site: &str,
    token: &str,
    now: i64,
) -> Result<KioskRegistration, DbError> {
    let id = secrets::random_token()[..16].to_owned();
    connection.execute(
        "INSERT INTO kiosk_devices (id, name, site, token_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (token_hash) DO NOTHING",
        params![id, name, site, secrets::hash(token), now],
    )?;
    let id: String = connection.query_row(
        "SELECT id FROM kiosk_devices WHERE token_hash = ?1",
        [secrets::hash(token)],
        |row| row.get(0),
    )?;
    Ok(KioskRegistration {
        id,
        name: name.to_owned(),
        site: site.to_owned(),
        token: token.to_owned(),
    })
}

/// The live kiosk a token names, if any.
pub fn find(connection: &Connection, token: &str) -> Result<Option<KioskDevice>, DbError> {
    connection
        .query_row(
            "SELECT id, name, site FROM kiosk_devices
             WHERE token_hash = ?1 AND revoked_at IS NULL",
            [secrets::hash(token)],
            |row| {
                Ok(KioskDevice {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    site: row.get(2)?,
                })
            },
        )
        .optional()
}

/// Revokes a kiosk (lost, stolen, replaced): its token and cookie open nothing from now on.
/// Whether there was a live kiosk with that id.
pub fn revoke(connection: &Connection, id: &str, now: i64) -> Result<bool, DbError> {
    let changed = connection.execute(
        "UPDATE kiosk_devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
        params![id, now],
    )?;
    Ok(changed == 1)
}

/// The kiosk token a request's cookie carries, if any.
pub fn presented_token(jar: &CookieJar) -> Option<String> {
    jar.get(KIOSK_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|token| !token.is_empty())
}

/// The device cookie: invisible to scripts, never sent cross-site, only to the API, gone when
/// the kiosk's browser closes (the app exchanges the token again at every start).
pub fn device_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((KIOSK_COOKIE, token))
        .path(portal_api::API_PREFIX)
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Strict)
        .build()
}

/// The cookie that makes the browser forget a kiosk token that opens nothing.
pub fn expired_device_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = device_cookie(String::new(), secure);
    cookie.make_removal();
    cookie
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Database;

    #[test]
    fn a_token_finds_its_kiosk_until_it_is_revoked_and_only_its_hash_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("portal.sqlite3")).unwrap();
        db.write_blocking(|c| {
            let kiosk = register(c, "Ki-ốt 1", "Nhà văn hóa tổ 12", 1000)?;
            let found = find(c, &kiosk.token)?.unwrap();
            assert_eq!(found.label(), "Ki-ốt 1, Nhà văn hóa tổ 12");
            let stored: String = c.query_row(
                "SELECT token_hash FROM kiosk_devices WHERE id = ?1",
                [&kiosk.id],
                |row| row.get(0),
            )?;
            assert_ne!(stored, kiosk.token);
            assert_eq!(find(c, "not a token")?, None);
            assert!(revoke(c, &kiosk.id, 1001)?);
            assert_eq!(find(c, &kiosk.token)?, None);
            assert!(!revoke(c, &kiosk.id, 1002)?);
            let again = register_with_token(c, "Ki-ốt 1", "Nhà văn hóa tổ 12", "demo", 1003)?;
            let twice = register_with_token(c, "Ki-ốt 1", "Nhà văn hóa tổ 12", "demo", 1004)?;
            assert_eq!(again.id, twice.id, "one row per token");
            Ok(())
        })
        .unwrap();
    }
}
