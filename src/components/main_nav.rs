use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;
use crate::return_path::SIGN_IN_PATH;

/// The portal's main navigation. `<A>` marks the link of the current page (or section) with
/// `aria-current="page"`.
#[component]
pub fn MainNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="app-nav" aria-label=move || t_string!(i18n, nav.label)>
            <ul class="app-nav__list app-width-container">
                <li class="app-nav__item">
                    <A href="/" exact=true attr:class="app-nav__link">
                        {t!(i18n, nav.home)}
                    </A>
                </li>
                <li class="app-nav__item">
                    <A href="/record" attr:class="app-nav__link">
                        {t!(i18n, nav.record)}
                    </A>
                </li>
                <li class="app-nav__item">
                    <A href="/documents" attr:class="app-nav__link">
                        {t!(i18n, nav.documents)}
                    </A>
                </li>
                <li class="app-nav__item">
                    <A href="/requests" attr:class="app-nav__link">
                        {t!(i18n, nav.requests)}
                    </A>
                </li>
                <li class="app-nav__item">
                    <A href=SIGN_IN_PATH attr:class="app-nav__link">
                        {t!(i18n, nav.sign_in)}
                    </A>
                </li>
            </ul>
        </nav>
    }
}
