//! The kiosk's on-screen keys: a numeric keypad for the personal identification number, a
//! phone number and a code, and a Vietnamese keyboard for free text, so that a kiosk with a
//! touch screen and no keyboard serves every journey by touch alone.
//!
//! The keys open under whichever text field has the focus, on any page, and type into it as
//! the browser would (`field.rs`); pages need no change beyond saying which of their fields
//! take digits (`inputmode`). Only kiosks load them: their code is a chunk of its own, fetched
//! once the configuration says this is a kiosk, so a phone's first load does not pay for it.

mod field;
mod key;
mod keyboard;
mod keypad;
mod layout;
mod letters;
mod typing;

use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

use crate::config::ConfigContext;
use crate::lazy_routes::ChunkNotLoaded;

/// The on-screen keys where this deployment is a kiosk, nothing elsewhere.
///
/// The chunk's view is kept until drawn and drawn once, rather than through `Suspense`,
/// whose machinery would otherwise join the first load of every phone for this one use.
#[component]
pub fn KioskKeys() -> impl IntoView {
    let config = expect_context::<ConfigContext>();
    let fetched = StoredValue::new_local(None::<AnyView>);
    let ready = RwSignal::new(false);
    Effect::new(move |asked: Option<bool>| {
        if asked == Some(true) || !config.kiosk() {
            return asked.unwrap_or(false);
        }
        // Scoped: the keys are drawn under this owner, with the router and the language.
        leptos::task::spawn_local_scoped(async move {
            // An unfetched chunk leaves the kiosk without its keys; the pages still work for
            // anyone with a keyboard, and the next start tries again.
            if let Ok(view) = keys_view().await {
                fetched.set_value(Some(view));
                ready.set(true);
            }
        });
        true
    });
    move || {
        ready
            .get()
            .then(|| fetched.try_update_value(Option::take).flatten())
    }
}

#[wasm_split(kiosk_keys, wasm_split_path = ::leptos::wasm_split, fallible)]
fn keys_view() -> Result<AnyView, ChunkNotLoaded> {
    Ok(view! { <keyboard::OnScreenKeys /> }.into_any())
}
