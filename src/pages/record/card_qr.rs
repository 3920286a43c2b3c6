use leptos::prelude::*;

use crate::components::QrCode;
use crate::i18n::*;
use crate::text::tr;

/// The QR code with the same text as the one on the chip ID card, with a plain word on what
/// it does not prove.
#[component]
pub fn CardQr(
    /// `ID|old ID|name|ddmmyyyy|sex|permanent residence|date of issue`.
    text: String,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="app-section app-record-qr">
            <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, record.card_qr_heading))}</h2>
            <QrCode text label=Signal::derive(move || t_string!(i18n, record.card_qr_label).to_owned()) />
            <p class="app-body app-record-qr__body">{tr(i18n, |l| td_string!(l, record.card_qr_body))}</p>
        </section>
    }
}
