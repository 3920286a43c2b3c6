use leptos::prelude::*;
use leptos_router::components::A;

use super::{LanguageSwitch, MainNav};
use crate::i18n::*;

/// The top of every page: the portal's name (a link home), the language switch and the main
/// navigation. `index.html` carries the same markup as the static shell.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="app-header">
            <div class="app-header__bar app-width-container">
                <A href="/" attr:class="app-header__brand">
                    <span class="app-header__name">{t!(i18n, shell.portal_name)}</span>
                    <span class="app-header__subtitle">{t!(i18n, shell.portal_subtitle)}</span>
                </A>
                <LanguageSwitch />
            </div>
            <MainNav />
        </header>
    }
}
