//! `/requests`: the citizen's drafts, to continue or discard, and the requests they sent,
//! each with where it stands.

use leptos::prelude::*;
use portal_api::RequestStatus;
use portal_api::requests::RequestSummary;

use super::draft::{kind_text, status_text};
use crate::api::{self, use_api};
use crate::components::{ErrorNotice, PageHeading, Skeleton};
use crate::i18n::*;
use crate::local_time;
use crate::text::tr;

/// The list page.
#[component]
pub fn RequestListPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let discard = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move {
            let _ = api::requests::discard_draft(api, &id).await;
        }
    });
    // Read again after each discard, whatever its answer: the list says what is left.
    let list = LocalResource::new(move || {
        discard.version().track();
        async move { api::requests::list(api).await }
    });
    let discard = Callback::new(move |id: String| {
        discard.dispatch(id);
    });

    view! {
        <PageHeading title=move || t_string!(i18n, page.requests.title).to_owned() />
        <p class="app-lead">{tr(i18n, |l| td_string!(l, page.requests.intro))}</p>
        <p class="app-body">
            <a href="/requests/new" class="app-button">
                {tr(i18n, |l| td_string!(l, page.requests.new_link))}
            </a>
        </p>
        // A transition: while the list is read again after a discard, the old one stays.
        <Transition fallback=|| view! { <Skeleton /> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(error) => view! { <ErrorNotice error on_retry=move |()| list.refetch() /> }.into_any(),
                    Ok(items) if items.is_empty() => view! {
                        <p class="app-body">{tr(i18n, |l| td_string!(l, requests.empty))}</p>
                    }.into_any(),
                    Ok(items) => {
                        let (drafts, sent): (Vec<_>, Vec<_>) =
                            items.into_iter().partition(|r| r.status == RequestStatus::Draft);
                        view! {
                            {(!drafts.is_empty()).then(|| view! {
                                <section class="app-section">
                                    <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, requests.drafts_heading))}</h2>
                                    <ul class="app-summary-list">
                                        {drafts.into_iter().map(|draft| view! { <DraftRow draft discard /> }).collect_view()}
                                    </ul>
                                </section>
                            })}
                            {(!sent.is_empty()).then(|| view! {
                                <section class="app-section">
                                    <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, requests.requests_heading))}</h2>
                                    <ul class="app-summary-list">
                                        {sent.into_iter().map(|request| view! { <RequestRow request /> }).collect_view()}
                                    </ul>
                                </section>
                            })}
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// What a request asks for, or "not chosen yet" for a fresh draft.
fn kind_words(
    i18n: leptos_i18n::I18nContext<Locale>,
    item: &RequestSummary,
) -> impl Fn() -> &'static str + use<> {
    let kind = item.kind;
    move || {
        let locale = i18n.get_locale();
        kind.map_or_else(
            || td_string!(locale, requests.draft_untitled),
            |k| kind_text(locale, k),
        )
    }
}

fn date_of(rfc3339: &str) -> String {
    local_time::parse(rfc3339)
        .map(|t| t.date_time())
        .unwrap_or_default()
}

/// A draft: what it asks for so far, when it was last saved, continue or discard.
#[component]
fn DraftRow(
    /// The draft.
    draft: RequestSummary,
    /// Discards a draft by id.
    discard: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let updated = date_of(&draft.updated_at);
    let id = draft.id.clone();
    view! {
        <li class="app-summary-list__row">
            <p class="app-body"><strong>{kind_words(i18n, &draft)}</strong></p>
            <p class="app-body app-secondary-text">{t!(i18n, requests.updated_at, date = move || updated.clone())}</p>
            <div class="app-button-group">
                <a class="app-button app-button--secondary" href=format!("/requests/new?draft={}&step=kind", draft.id)>
                    {tr(i18n, |l| td_string!(l, requests.continue_draft))}
                </a>
                <button type="button" class="app-button app-button--warning" on:click=move |_| discard.run(id.clone())>
                    {tr(i18n, |l| td_string!(l, requests.discard_draft))}
                </button>
            </div>
        </li>
    }
}

/// A sent request: reference (its link), what it asks for, status, last change.
#[component]
fn RequestRow(
    /// The request.
    request: RequestSummary,
) -> impl IntoView {
    let i18n = use_i18n();
    let reference = request
        .reference
        .clone()
        .unwrap_or_else(|| request.id.clone());
    let status = request.status;
    let updated = date_of(&request.updated_at);
    view! {
        <li class="app-summary-list__row">
            <p class="app-body">
                <a class="app-link" href=format!("/requests/{}", request.id)><strong>{reference}</strong></a>
            </p>
            <p class="app-body">{kind_words(i18n, &request)}</p>
            <p class="app-body">
                <span class="app-tag app-tag--status">{move || status_text(i18n.get_locale(), status)}</span>
                " "
                <span class="app-secondary-text">{t!(i18n, requests.updated_at, date = move || updated.clone())}</span>
            </p>
        </li>
    }
}
