use leptos::prelude::*;

use crate::components::{NotBuiltYet, PageHeading};
use crate::i18n::*;
use crate::text::tr;

/// `/verify`: public, no sign-in. Checks a share code (from the QR by camera, an image, or
/// pasted text) against the portal's published keys and shows what it shares.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading title=move || t_string!(i18n, page.verify.title).to_owned() />
        <p class="app-lead">{tr(i18n, |l| td_string!(l, page.verify.intro))}</p>
        <NotBuiltYet />
    }
}
