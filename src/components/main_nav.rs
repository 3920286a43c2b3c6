use leptos::prelude::*;

use crate::here::use_here;
use crate::i18n::*;
use crate::return_path::SIGN_IN_PATH;
use crate::session::SessionContext;
use crate::text::tr;

/// The account page's path.
pub const ACCOUNT_PATH: &str = "/account";

/// The portal's main navigation. The link of the current page (or section) carries
/// `aria-current="page"`.
#[component]
pub fn MainNav() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    view! {
        <nav class="app-nav" aria-label=move || t_string!(i18n, nav.label)>
            <ul class="app-nav__list app-width-container">
                <NavLink href="/" exact=true text=|l| td_string!(l, nav.home) />
                <NavLink href="/record" text=|l| td_string!(l, nav.record) />
                <NavLink href="/documents" text=|l| td_string!(l, nav.documents) />
                <NavLink href="/requests" text=|l| td_string!(l, nav.requests) />
                // One link that changes: "Sign in" for a visitor, "Account" once signed in.
                {move || {
                    let (href, text): (&'static str, fn(Locale) -> &'static str) =
                        if session.shows_citizen() {
                            (ACCOUNT_PATH, |l| td_string!(l, nav.account))
                        } else {
                            (SIGN_IN_PATH, |l| td_string!(l, nav.sign_in))
                        };
                    view! { <NavLink href text /> }
                }}
            </ul>
        </nav>
    }
}

/// One link of the navigation. One component for all of them, rather than the router's `<A>`
/// with a different child each: the wasm carries its code once.
#[component]
fn NavLink(
    href: &'static str,
    /// Current only on exactly this path (the home page), not on the paths below it too.
    #[prop(optional)]
    exact: bool,
    text: fn(Locale) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let here = use_here();
    let current = move || {
        let path = here.path.get();
        path == href
            || (!exact
                && path
                    .strip_prefix(href)
                    .is_some_and(|rest| rest.starts_with('/')))
    };
    view! {
        <li class="app-nav__item">
            <a href=href class="app-nav__link" aria-current=move || current().then_some("page")>
                {tr(i18n, text)}
            </a>
        </li>
    }
}
