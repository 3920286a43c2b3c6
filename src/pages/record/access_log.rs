use leptos::prelude::*;

use crate::components::{NotBuiltYet, PageHeading};
use crate::i18n::*;
use crate::text::tr;

/// `/record/access-log`: every read of the citizen's record and documents, newest first.
#[component]
pub fn AccessLogPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading title=move || t_string!(i18n, page.access_log.title).to_owned() />
        <p class="app-lead">{tr(i18n, |l| td_string!(l, page.access_log.intro))}</p>
        <NotBuiltYet />
    }
}
