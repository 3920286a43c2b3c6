use leptos::prelude::*;

use crate::components::{NotBuiltYet, PageHeading};
use crate::i18n::*;
use crate::text::tr;

/// `/documents`: the documents in the citizen's personal data store (a later issue fills it).
#[component]
pub fn DocumentListPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading title=move || t_string!(i18n, page.documents.title).to_owned() />
        <p class="app-lead">{tr(i18n, |l| td_string!(l, page.documents.intro))}</p>
        <NotBuiltYet />
    }
}
