//! What the citizen's document page and a shared link's page both show: the metadata and
//! the file.

use leptos::html::Iframe;
use leptos::prelude::*;
use portal_api::documents::DocumentSummary;

use super::words::category_text;
use crate::components::print_frame;
use crate::config::ConfigContext;
use crate::i18n::*;
use crate::text::tr;

/// Code, name, kind, agency, dates, procedure.
#[component]
pub fn Metadata(
    /// The document's list fields.
    summary: DocumentSummary,
    /// The procedure it came from.
    procedure: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let s = summary;
    let category = s.category;
    let row = move |label: fn(Locale) -> &'static str, value: AnyView| {
        view! {
            <div class="app-check__row">
                <dt class="app-check__key">{tr(i18n, label)}</dt>
                <dd class="app-check__value">{value}</dd>
            </div>
        }
    };
    view! {
        <section class="app-section">
            <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, documents.details_heading))}</h2>
            <dl class="app-check">
                {row(|l| td_string!(l, documents.code), s.code.clone().into_any())}
                {row(|l| td_string!(l, documents.category), (move || category_text(i18n.get_locale(), category)).into_any())}
                {row(|l| td_string!(l, documents.agency), s.issuing_agency.clone().into_any())}
                {row(|l| td_string!(l, documents.issued_on), s.issued_on.to_display().into_any())}
                {row(|l| td_string!(l, documents.valid_until), match s.valid_until {
                    Some(date) => date.to_display().into_any(),
                    None => tr(i18n, |l| td_string!(l, documents.valid_forever)).into_any(),
                })}
                {procedure.map(|p| row(|l| td_string!(l, documents.procedure), p.into_any()))}
            </dl>
        </section>
    }
}

/// The file previewed in a frame of the portal's own origin (the file's answer allows only
/// that), with a download under its real name; on a shared kiosk, a print instead, since a
/// download would stay on the kiosk's disk for the next stranger to find.
#[component]
pub fn FileSection(
    /// Where the file is, to show it.
    preview: String,
    /// Where the file is, to save it.
    download: String,
    /// Its real name.
    file_name: String,
    /// Whether the page offers share links further down, which a kiosk user can carry away
    /// on their own phone by scanning the link's QR code.
    #[prop(optional)]
    shareable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<ConfigContext>();
    let frame = NodeRef::<Iframe>::new();
    let actions = move || {
        if config.kiosk() {
            view! { <KioskFileActions frame shareable /> }.into_any()
        } else {
            let shown = file_name.clone();
            view! {
                <p class="app-body">
                    <a class="app-button app-button--secondary" href=download.clone() download=file_name.clone()>
                        {tr(i18n, |l| td_string!(l, documents.download))} " (" {shown} ")"
                    </a>
                </p>
            }
            .into_any()
        }
    };
    view! {
        <section class="app-section">
            <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, documents.file))}</h2>
            {actions}
            <iframe
                class="app-document-preview"
                src=preview
                title=move || t_string!(i18n, documents.preview_label)
                node_ref=frame
            ></iframe>
        </section>
    }
}

/// On a kiosk: why there is no download, and the file printed from its preview.
#[component]
fn KioskFileActions(
    /// The preview, whose own print prints the file rather than the page around it.
    frame: NodeRef<Iframe>,
    /// Whether share links are offered on the page.
    shareable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<ConfigContext>();
    let hint = move || {
        if config.share_by_sms() {
            tr(i18n, |l| td_string!(l, documents.kiosk_share_hint_sms))()
        } else {
            tr(i18n, |l| td_string!(l, documents.kiosk_share_hint))()
        }
    };
    view! {
        <p class="app-body">
            {tr(i18n, |l| td_string!(l, documents.kiosk_no_download))}
            {shareable.then(|| view! { " " {hint} })}
        </p>
        <p class="app-body">
            <button type="button" class="app-button app-button--secondary" on:click=move |_| print_frame(frame)>
                {tr(i18n, |l| td_string!(l, documents.print_file))}
            </button>
        </p>
    }
}
