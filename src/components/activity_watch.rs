use std::cell::Cell;
use std::rc::Rc;

use leptos::{ev, prelude::*, task::spawn_local_scoped};

use crate::api::{self, use_api};
use crate::session::{SessionContext, now_ms};

/// How often the server hears that the citizen is active, at most (ms): often enough that
/// its idle timer never ends a session the citizen is using, rarely enough to cost nothing.
const KEEP_ALIVE_EVERY_MS: f64 = 60_000.0;

/// Watches for the citizen's keys and taps: each one restarts the idle timer (in every tab),
/// and at most once a minute the server is told too. Renders nothing.
#[component]
pub fn ActivityWatch() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let api = use_api();
    let last_keep_alive = Rc::new(Cell::new(now_ms()));
    let on_activity = move || {
        if session.signed_in().is_none() {
            return;
        }
        // While the timeout warning is open, only its buttons count.
        if document()
            .query_selector("dialog.app-dialog[open]")
            .ok()
            .flatten()
            .is_some()
        {
            return;
        }
        session.note_activity();
        let now = now_ms();
        if now - last_keep_alive.get() >= KEEP_ALIVE_EVERY_MS {
            last_keep_alive.set(now);
            spawn_local_scoped(async move {
                let _ = api::auth::keep_alive(api).await;
            });
        }
    };
    let keys = {
        let on_activity = on_activity.clone();
        window_event_listener(ev::keydown, move |_| on_activity())
    };
    let taps = window_event_listener(ev::pointerdown, move |_| on_activity());
    on_cleanup(move || {
        keys.remove();
        taps.remove();
    });
}
