use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::{NotBuiltYet, PageHeading};
use crate::i18n::*;

/// `/requests/:reference`: one request, its status and its answer (a later issue fills it).
#[component]
pub fn RequestDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let reference = move || params.with(|params| params.get("reference").unwrap_or_default());
    view! {
        <PageHeading title=move || t_string!(i18n, page.request.title).to_owned() />
        <p class="app-lead">{t!(i18n, page.request.reference, reference)}</p>
        <NotBuiltYet />
    }
}
