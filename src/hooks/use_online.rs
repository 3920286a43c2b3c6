//! `use_online`: whether the browser has a network connection.
//!
//! A few lines of our own: the app does not depend on leptos-use, and one pair of event
//! listeners does not justify bringing it in.

use leptos::{ev, prelude::*};

/// Whether the browser is online: `navigator.onLine` once the app runs in the browser (online
/// until then, as a page rendered ahead of time is), then its `online` and `offline` events.
/// The listeners go when the calling component does.
///
/// ```ignore
/// let online = use_online();
/// view! { <Show when=move || !online.get()><OfflineNotice /></Show> }
/// ```
pub fn use_online() -> Signal<bool> {
    let (online, set_online) = signal(true);
    Effect::new(move |_| set_online.set(window().navigator().on_line()));
    let on = window_event_listener(ev::online, move |_| set_online.set(true));
    let off = window_event_listener(ev::offline, move |_| set_online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    online.into()
}
