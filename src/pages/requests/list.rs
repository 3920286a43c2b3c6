use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{NotBuiltYet, PageHeading};
use crate::i18n::*;

/// `/requests`: the citizen's requests for information and their progress (a later issue
/// fills it).
#[component]
pub fn RequestListPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading title=move || t_string!(i18n, page.requests.title).to_owned() />
        <p class="app-lead">{t!(i18n, page.requests.intro)}</p>
        <NotBuiltYet />
        <p class="app-body">
            <A href="/requests/new" attr:class="app-button">
                {t!(i18n, page.requests.new_link)}
            </A>
        </p>
    }
}
