//! `use_clock`: the browser's time, ticking once a second, for countdowns.
//!
//! It reads `Date.now()` and ticks with `setInterval`, so a test that controls the browser's
//! clock (Playwright's `page.clock`) controls every countdown of the portal.

use std::time::Duration;

use leptos::prelude::*;

use crate::session::now_ms;

/// The time in milliseconds since the epoch, updated every second while the calling
/// component lives (in the browser: a page rendered ahead of time does not tick).
pub fn use_clock() -> ReadSignal<f64> {
    let (now, set_now) = signal(now_ms());
    Effect::new(move |_| {
        if let Ok(handle) =
            set_interval_with_handle(move || set_now.set(now_ms()), Duration::from_secs(1))
        {
            on_cleanup(move || handle.clear());
        }
    });
    now
}
