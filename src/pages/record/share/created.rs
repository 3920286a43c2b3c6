use leptos::{html::H2, prelude::*};
use portal_api::share::Share;

use crate::components::QrCode;
use crate::hooks::use_focus_on_show;
use crate::i18n::*;
use crate::local_time::format_api_time;
use crate::text::tr;

/// The code just made: its signed QR, which opens the verify page on any phone, and when it
/// stops being valid in the citizen's local time. Takes focus when it appears, so a screen
/// reader says that the code is ready.
#[component]
pub fn CreatedShare(
    /// The share the server signed.
    share: Share,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<H2>::new();
    use_focus_on_show(heading);
    // The code goes after `#`: a phone opening the link never sends it to a server.
    let origin = window().location().origin().unwrap_or_default();
    let text = format!("{origin}/verify#{}", share.code);
    let expires = format_api_time(&share.expires_at);
    view! {
        <section class="app-share-created" aria-labelledby="share-created-heading">
            <h2 class="app-section__heading" id="share-created-heading" tabindex="-1" node_ref=heading>
                {tr(i18n, |l| td_string!(l, share.created_heading))}
            </h2>
            <p class="app-body">{tr(i18n, |l| td_string!(l, share.created_body))}</p>
            <QrCode text label=Signal::derive(move || t_string!(i18n, share.qr_label).to_owned()) />
            <p class="app-body">
                {tr(i18n, |l| td_string!(l, share.expires_at))}
                " "
                <strong>{expires}</strong>
            </p>
        </section>
    }
}
