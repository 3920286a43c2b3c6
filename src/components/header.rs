use leptos::prelude::*;

use super::{LanguageSwitch, MainNav, SessionMenu};
use crate::i18n::*;
use crate::text::tr;

/// The top of every page: the portal's name (a link home), the language switch and the main
/// navigation. `index.html` carries the same markup as the static shell.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="app-header">
            <div class="app-header__bar app-width-container">
                <a href="/" class="app-header__brand">
                    <span class="app-header__name">{tr(i18n, |l| td_string!(l, shell.portal_name))}</span>
                    <span class="app-header__subtitle">{tr(i18n, |l| td_string!(l, shell.portal_subtitle))}</span>
                </a>
                <div class="app-header__tools">
                    <SessionMenu />
                    <LanguageSwitch />
                </div>
            </div>
            <MainNav />
        </header>
    }
}
