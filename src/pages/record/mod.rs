//! The citizen's own population record, and the pages that hang off it.

mod access_log;
mod share;

pub use access_log::AccessLogPage;
pub use share::SharePage;

use leptos::prelude::*;

use crate::components::{NotBuiltYet, PageHeading};
use crate::i18n::*;
use crate::text::tr;

/// `/record`: the citizen's population record as the portal stores it, with its sync time
/// and a refresh from the national database (a later issue builds it).
#[component]
pub fn RecordPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading title=move || t_string!(i18n, page.record.title).to_owned() />
        <p class="app-lead">{tr(i18n, |l| td_string!(l, page.record.intro))}</p>
        <NotBuiltYet />
    }
}
