use leptos::prelude::*;

use crate::components::{NotBuiltYet, PageHeading};
use crate::i18n::*;
use crate::text::tr;

/// `/requests/new`: a written request for the citizen's own information (a later issue
/// builds the form).
#[component]
pub fn NewRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading title=move || t_string!(i18n, page.new_request.title).to_owned() />
        <p class="app-lead">{tr(i18n, |l| td_string!(l, page.new_request.intro))}</p>
        <NotBuiltYet />
    }
}
