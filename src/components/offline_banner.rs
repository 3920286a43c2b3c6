use leptos::prelude::*;

use crate::hooks::use_online;
use crate::i18n::*;
use crate::text::tr;

/// A banner that appears, and is announced, while the browser has no connection, and goes
/// when it is back.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let i18n = use_i18n();
    let online = use_online();
    move || {
        (!online.get()).then(|| {
            view! {
                <div class="app-offline-banner" role="alert">
                    <p class="app-offline-banner__text">{tr(i18n, |l| td_string!(l, status.offline))}</p>
                </div>
            }
        })
    }
}
