use leptos::prelude::*;

use crate::components::{NotBuiltYet, PageHeading};
use crate::i18n::*;
use crate::text::tr;

/// `/requests`: the citizen's requests for information and their progress (a later issue
/// fills it).
#[component]
pub fn RequestListPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading title=move || t_string!(i18n, page.requests.title).to_owned() />
        <p class="app-lead">{tr(i18n, |l| td_string!(l, page.requests.intro))}</p>
        <NotBuiltYet />
        <p class="app-body">
            <a href="/requests/new" class="app-button">
                {tr(i18n, |l| td_string!(l, page.requests.new_link))}
            </a>
        </p>
    }
}
