use leptos::prelude::*;

use crate::i18n::*;
use crate::text::tr;

/// An honest note on a page whose service a later release brings.
#[component]
pub fn NotBuiltYet() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="app-inset-text">
            <p class="app-inset-text__body">{tr(i18n, |l| td_string!(l, common.not_built_yet))}</p>
        </div>
    }
}
