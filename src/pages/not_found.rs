use leptos::prelude::*;

use crate::components::PageHeading;
use crate::i18n::*;
use crate::text::tr;

/// Every address the portal does not have: says so, and offers the way home.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading title=move || t_string!(i18n, page.not_found.title).to_owned() />
        <p class="app-body">{tr(i18n, |l| td_string!(l, page.not_found.body))}</p>
        <p class="app-body">
            <a href="/" class="app-link">
                {tr(i18n, |l| td_string!(l, common.back_to_home))}
            </a>
        </p>
    }
}
