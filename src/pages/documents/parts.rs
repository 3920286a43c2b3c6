//! What the citizen's document page and a shared link's page both show: the metadata and
//! the file.

use leptos::prelude::*;
use portal_api::documents::DocumentSummary;

use super::words::category_text;
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
/// that), with a download under its real name.
#[component]
pub fn FileSection(
    /// Where the file is, to show it.
    preview: String,
    /// Where the file is, to save it.
    download: String,
    /// Its real name.
    file_name: String,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="app-section">
            <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, documents.file))}</h2>
            <p class="app-body">
                <a class="app-button app-button--secondary" href=download download=file_name.clone()>
                    {tr(i18n, |l| td_string!(l, documents.download))} " (" {file_name.clone()} ")"
                </a>
            </p>
            <iframe
                class="app-document-preview"
                src=preview
                title=move || t_string!(i18n, documents.preview_label)
            ></iframe>
        </section>
    }
}
