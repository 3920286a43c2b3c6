use leptos::prelude::*;

use crate::components::{NotBuiltYet, PageHeading};
use crate::i18n::*;
use crate::text::tr;

/// `/record/share`: the citizen chooses fields of their record and how long to share them,
/// and gets a QR signed by the portal, which anyone can check on `/verify`.
#[component]
pub fn SharePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading title=move || t_string!(i18n, page.share.title).to_owned() />
        <p class="app-lead">{tr(i18n, |l| td_string!(l, page.share.intro))}</p>
        <NotBuiltYet />
    }
}
