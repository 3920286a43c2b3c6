//! Signing out, by the citizen's choice or by the idle timeout: the server ends the session,
//! every tab hears of it, and the page reloads so nothing of the citizen stays in memory. On
//! a kiosk the browser's storage is emptied too and the kiosk returns to its welcome screen.
//!
//! A sign-out that cannot reach the server (offline, the server away) leaves the page all the
//! same, and the app finishes it when it next starts, before it shows anyone as signed in. On
//! a kiosk the session cookie also dies by itself once the kiosk is left alone (the server
//! gives it the session's idle timeout as its lifetime).

use leptos::{prelude::*, task::spawn_local_scoped};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::api::{self, Api, ApiError};
use crate::config::ConfigContext;
use crate::return_path::{SIGN_IN_PATH, sign_in_path};
use crate::session::SessionContext;
use crate::timer::sleep;

/// Why the citizen is being signed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOutReason {
    /// They pressed "Sign out".
    Chosen,
    /// They were inactive past the idle timeout.
    TimedOut,
}

/// The query parameter of the sign-in page that says why the citizen is there.
pub const REASON_PARAM: &str = "reason";

/// Where the page goes after signing out, on a citizen's own browser.
pub fn after_sign_out_path(reason: SignOutReason, here: &str) -> String {
    match reason {
        SignOutReason::Chosen => format!("{SIGN_IN_PATH}?{REASON_PARAM}=signed_out"),
        // Back to the same page after signing in again; answers typed there live on the server.
        SignOutReason::TimedOut => format!("{}&{REASON_PARAM}=timeout", sign_in_path(here)),
    }
}

/// Signs out everywhere and leaves the page.
pub fn sign_out(session: SessionContext, reason: SignOutReason) {
    let config = session.config().current();
    let location = window().location();
    let here = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    spawn_local_scoped(async move {
        // Told to no one: the session is ending here anyway.
        let answer = api::auth::sign_out(Api::new(session.config(), None)).await;
        session.announce_signed_out();
        let next = if config.kiosk {
            forget_everything().await;
            "/".to_owned()
        } else {
            after_sign_out_path(reason, &here)
        };
        if !ended(&answer) {
            // The page leaves anyway; the next start finishes the sign-out first.
            note_unfinished(true);
        }
        // A reload rather than a route change: nothing of the citizen survives in memory.
        let _ = window().location().replace(&next);
    });
}

/// The Web Storage key that says this browser's sign-out has not reached the server: the
/// session its cookie holds must end before the app shows anyone as signed in. It holds
/// nothing about the citizen. Local storage, so every tab and the next start see it.
const UNFINISHED_KEY: &str = "portal.unfinished-sign-out";

/// How long the app waits between two attempts to finish a sign-out (ms).
const RETRY_EVERY_MS: i32 = 5_000;

/// Whether the server has surely ended the session: it said so, or it knew none.
fn ended(answer: &Result<(), ApiError>) -> bool {
    matches!(answer, Ok(()) | Err(ApiError::Unauthorized))
}

/// Notes (or forgets) that a sign-out did not reach the server.
pub fn note_unfinished(unfinished: bool) {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = if unfinished {
            storage.set_item(UNFINISHED_KEY, "1")
        } else {
            storage.remove_item(UNFINISHED_KEY)
        };
    }
}

/// Whether a sign-out is waiting to reach the server.
pub fn is_unfinished() -> bool {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|storage| storage.get_item(UNFINISHED_KEY).ok().flatten())
        .is_some()
}

/// Finishes a sign-out that did not reach the server: asks again every few seconds until
/// the server has ended the session, or until someone signs in (a new cookie replaces the
/// old one, whose session the server's idle timeout ends).
pub async fn finish_unfinished(config: ConfigContext) {
    while is_unfinished() {
        if ended(&api::auth::sign_out(Api::new(config, None)).await) {
            note_unfinished(false);
            return;
        }
        sleep(RETRY_EVERY_MS).await;
    }
}

/// Empties every store a browser keeps for the site: Web Storage, Cache Storage and
/// IndexedDB. The portal itself keeps nothing personal there; a kiosk makes sure.
pub async fn forget_everything() {
    let window = window();
    for storage in [window.local_storage(), window.session_storage()] {
        if let Ok(Some(storage)) = storage {
            let _ = storage.clear();
        }
    }
    if let Ok(caches) = window.caches()
        && let Ok(names) = JsFuture::from(caches.keys()).await
    {
        for name in js_sys::Array::from(&names)
            .iter()
            .filter_map(|n| n.as_string())
        {
            let _ = JsFuture::from(caches.delete(&name)).await;
        }
    }
    if let Ok(Some(factory)) = window.indexed_db() {
        // `indexedDB.databases()` is not in web-sys's stable API; reach it by name.
        let listing = js_sys::Reflect::get(&factory, &JsValue::from_str("databases"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call0(&factory).ok())
            .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
        if let Some(listing) = listing
            && let Ok(databases) = JsFuture::from(listing).await
        {
            for database in js_sys::Array::from(&databases).iter() {
                let name = js_sys::Reflect::get(&database, &JsValue::from_str("name"))
                    .ok()
                    .and_then(|n| n.as_string());
                if let Some(name) = name {
                    let _ = factory.delete_database(&name);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::return_path::NEXT_PARAM;

    #[test]
    fn a_timeout_returns_to_the_page_and_says_why() {
        assert_eq!(
            after_sign_out_path(SignOutReason::TimedOut, "/requests/new?step=2"),
            format!("/sign-in?{NEXT_PARAM}=%2Frequests%2Fnew%3Fstep%3D2&reason=timeout")
        );
        assert_eq!(
            after_sign_out_path(SignOutReason::Chosen, "/record"),
            "/sign-in?reason=signed_out"
        );
    }
}
