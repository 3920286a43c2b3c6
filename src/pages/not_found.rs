use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageHeading;
use crate::i18n::*;

/// Every address the portal does not have: says so, and offers the way home.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading title=move || t_string!(i18n, page.not_found.title).to_owned() />
        <p class="app-body">{t!(i18n, page.not_found.body)}</p>
        <p class="app-body">
            <A href="/" attr:class="app-link">
                {t!(i18n, common.back_to_home)}
            </A>
        </p>
    }
}
