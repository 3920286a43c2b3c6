use leptos::prelude::*;

use crate::i18n::*;
use crate::text::tr;

/// Says, to everyone and to screen readers, that the page is waiting for an answer.
/// `index.html` shows the same markup until the app starts.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="app-loading" role="status">
            <span class="app-loading__spinner" aria-hidden="true"></span>
            <span class="app-loading__text">{tr(i18n, |l| td_string!(l, shell.loading))}</span>
        </div>
    }
}
