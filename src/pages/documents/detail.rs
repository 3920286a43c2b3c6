use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::{NotBuiltYet, PageHeading};
use crate::i18n::*;

/// `/documents/:code`: one document of the data store (a later issue fills it).
#[component]
pub fn DocumentDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let code = move || params.with(|params| params.get("code").unwrap_or_default());
    view! {
        <PageHeading title=move || t_string!(i18n, page.document.title).to_owned() />
        <p class="app-lead">{t!(i18n, page.document.code, code)}</p>
        <NotBuiltYet />
    }
}
