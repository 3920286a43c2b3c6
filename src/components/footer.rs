use leptos::prelude::*;

use crate::i18n::*;
use crate::text::tr;

/// The foot of every page: where the data comes from and whose data a citizen sees.
/// `index.html` carries the same markup as the static shell.
#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="app-footer">
            <div class="app-width-container">
                <p class="app-footer__text">{tr(i18n, |l| td_string!(l, shell.footer_about))}</p>
                <p class="app-footer__text">{tr(i18n, |l| td_string!(l, shell.footer_privacy))}</p>
            </div>
        </footer>
    }
}
