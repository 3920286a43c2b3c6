//! `/documents/:code`: one document of the data store with all its metadata, its history as a
//! timeline, its file previewed in the page and downloadable with its real name (or a link to
//! the issuing agency, marked as leaving the portal), and a check with the agency for updates.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_api::documents::{DocumentDetail, DocumentEvent};

use super::parts::{FileSection, Metadata};
use super::share::DocumentShares;
use crate::api::{self, Api, use_api};
use crate::components::{ErrorNotice, PageHeading, Skeleton, SyncLine};
use crate::i18n::*;
use crate::local_time;
use crate::text::tr;

/// The document page.
#[component]
pub fn DocumentDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let code = Memo::new(move |_| params.with(|p| p.get("code").unwrap_or_default()));
    let api = use_api();
    let document = LocalResource::new(move || {
        let code = code.get();
        async move { api::documents::get(api, &code).await }
    });
    // Asks the agency for a newer copy; what it answers is the document from then on.
    let sync = Action::new_local(move |_: &()| {
        let code = code.get_untracked();
        async move {
            let answer = api::documents::sync(api, &code).await;
            let synced = answer.is_ok();
            document.set(Some(answer));
            synced
        }
    });
    let syncing = sync.pending();
    let synced = move || sync.value().get().unwrap_or(false);
    let title = move || {
        document.with(|d| match d {
            Some(Ok(doc)) => doc.summary.name.clone(),
            _ => t_string!(i18n, page.document.title).to_owned(),
        })
    };

    view! {
        <p class="app-back-link"><a class="app-link" href="/documents">{tr(i18n, |l| td_string!(l, documents.back))}</a></p>
        <PageHeading title=title />
        <p class="app-lead">{move || t!(i18n, page.document.code, code = move || code.get())}</p>
        <Suspense fallback=|| view! { <Skeleton /> }>
            {move || Suspend::new(async move {
                match document.await {
                    Err(error) => view! { <ErrorNotice error on_retry=move |()| document.refetch() /> }.into_any(),
                    Ok(doc) => view! {
                        <SyncLine synced_at=doc.synced_at.clone() />
                        <p class="app-body">
                            <button type="button" class="app-button app-button--secondary"
                                aria-disabled=move || syncing.get().then_some("true")
                                on:click=move |_| {
                                    if !syncing.get_untracked() {
                                        sync.dispatch(());
                                    }
                                }>
                                {tr(i18n, |l| td_string!(l, documents.sync_button))}
                            </button>
                        </p>
                        <p role="status" class="app-status-line">
                            {move || synced().then(|| tr(i18n, |l| td_string!(l, documents.sync_done)))}
                        </p>
                        <Metadata summary=doc.summary.clone() procedure=doc.procedure.clone() />
                        <DocumentFile doc=doc.clone() api=api />
                        {doc.external_url.is_none().then(|| view! { <DocumentShares code=doc.summary.code.clone() /> })}
                        <Timeline events=doc.history.clone() />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The file: previewed in the page with a download under its real name, or the agency's
/// link, marked as leaving the portal.
#[component]
fn DocumentFile(
    /// The document.
    doc: DocumentDetail,
    /// The API's base address.
    api: Api,
) -> impl IntoView {
    let i18n = use_i18n();
    let code = doc.summary.code.clone();
    match doc.external_url {
        Some(url) => view! {
            <section class="app-section">
                <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, documents.file))}</h2>
                <p class="app-body">
                    <a class="app-link" href=url rel="external noopener noreferrer" target="_blank">
                        {tr(i18n, |l| td_string!(l, documents.external))}
                    </a>
                </p>
            </section>
        }
        .into_any(),
        None => view! {
            <FileSection
                preview=api::documents::file_url(api, &code, false)
                download=api::documents::file_url(api, &code, true)
                file_name=doc.file_name.clone()
                shareable=true
            />
        }
        .into_any(),
    }
}

/// The document's history, oldest first.
#[component]
fn Timeline(
    /// The events.
    events: Vec<DocumentEvent>,
) -> impl IntoView {
    let i18n = use_i18n();
    let items = events
        .into_iter()
        .map(|event| {
            let when = local_time::parse(&event.at)
                .map(|t| t.date_time())
                .unwrap_or_else(|| {
                    portal_api::CalendarDate::parse_iso(&event.at)
                        .map(|d| d.to_display())
                        .unwrap_or(event.at.clone())
                });
            let kind = event.kind.clone();
            let what = move || {
                let l = i18n.get_locale();
                match kind.as_str() {
                    "issued" => td_string!(l, documents.ev_issued).to_owned(),
                    "added" => td_string!(l, documents.ev_added).to_owned(),
                    "synced" => td_string!(l, documents.ev_synced).to_owned(),
                    "uploaded" => td_string!(l, documents.ev_uploaded).to_owned(),
                    "shared" => td_string!(l, documents.ev_shared).to_owned(),
                    "share_revoked" => td_string!(l, documents.ev_share_revoked).to_owned(),
                    other => other.to_owned(),
                }
            };
            view! {
                <li class="app-timeline__item">
                    <p class="app-timeline__title">{what}</p>
                    <p class="app-timeline__date">{when}</p>
                    {event.note.map(|note| view! { <p class="app-timeline__note">{note}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="app-section">
            <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, documents.history_heading))}</h2>
            <ol class="app-timeline">{items}</ol>
        </section>
    }
}
