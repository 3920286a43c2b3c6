//! The document page's "share through a link": choose how long (1 hour to 7 days), get the
//! link and its QR, see the links made, revoke any at once. The holder of a link opens
//! `/shared/{token}`, which shows only this document; each view is in the access log.
//!
//! The link and its QR show only right after it is made: the server keeps just the hash of
//! its secret, so the list names the links by their dates and state.

use leptos::{html::H3, prelude::*, task::spawn_local_scoped};
use portal_api::documents::{CreatedDocumentShare, DocumentShare};

use crate::api::{self, ApiError, use_api};
use crate::components::{ErrorNotice, Loading, QrCode};
use crate::forms::{NumberRadios, Text};
use crate::hooks::{use_clock, use_focus_on_show};
use crate::i18n::*;
use crate::local_time::format_api_time;
use crate::share_state::{ShareState, ShareStateTag};
use crate::text::tr;

/// The lives a link may have, in hours, with their labels: the shortest the rules allow, a
/// day, three days and the longest (`MIN_SHARE_HOURS`..=`MAX_SHARE_HOURS`).
const LIVES: [(u32, Text); 4] = [
    (1, |l| td_string!(l, documents.share_1h)),
    (24, |l| td_string!(l, documents.share_1d)),
    (3 * 24, |l| td_string!(l, documents.share_3d)),
    (7 * 24, |l| td_string!(l, documents.share_7d)),
];

/// The share section of document `code`.
#[component]
pub fn DocumentShares(
    /// The document's code.
    code: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let code = StoredValue::new(code);
    let api = use_api();
    let hours = RwSignal::new(LIVES[0].0);
    let made = RwSignal::new(None::<CreatedDocumentShare>);
    let failure = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let revoked = RwSignal::new(false);
    let links = RwSignal::new(None::<Result<Vec<DocumentShare>, ApiError>>);
    let load = move || {
        spawn_local_scoped(async move {
            let answer = api::documents::shares(api, &code.get_value()).await;
            links.try_set(Some(answer));
        });
    };
    load();

    let create = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        failure.set(None);
        revoked.set(false);
        spawn_local_scoped(async move {
            let answer = api::documents::share(api, &code.get_value(), hours.get_untracked()).await;
            pending.try_set(false);
            match answer {
                Ok(share) => {
                    made.try_set(Some(share));
                    load();
                }
                Err(error) => {
                    failure.try_set(Some(error));
                }
            }
        });
    };
    let revoke = Callback::new(move |id: String| {
        spawn_local_scoped(async move {
            match api::documents::revoke_share(api, &code.get_value(), &id).await {
                Ok(()) => {
                    if made.with_untracked(|m| m.as_ref().is_some_and(|m| m.share.id == id)) {
                        made.try_set(None);
                    }
                    revoked.try_set(true);
                    load();
                }
                Err(error) => {
                    failure.try_set(Some(error));
                }
            }
        });
    });

    view! {
        <section class="app-section" aria-labelledby="document-share-heading">
            <h2 class="app-section__heading" id="document-share-heading">
                {tr(i18n, |l| td_string!(l, documents.share_heading))}
            </h2>
            <p class="app-body">{tr(i18n, |l| td_string!(l, documents.share_intro))}</p>
            <form class="app-form" on:submit=create>
                <fieldset class="app-fieldset">
                    <legend class="app-fieldset__legend">{tr(i18n, |l| td_string!(l, documents.share_for_legend))}</legend>
                    <div class="app-choices app-choices--inline">
                        <NumberRadios name="valid_hours" options=&LIVES value=hours />
                    </div>
                </fieldset>
                <button type="submit" class="app-button" aria-disabled=move || pending.get().then_some("true")>
                    {tr(i18n, |l| td_string!(l, documents.share_button))}
                </button>
            </form>
            {move || failure.get().map(|error| view! { <ErrorNotice error /> })}
            <p class="app-status-line" role="status">
                {move || revoked.get().then(|| tr(i18n, |l| td_string!(l, documents.share_revoked_notice)))}
            </p>
            {move || made.get().map(|share| view! { <MadeLink share /> })}
            <LinkList links on_revoke=revoke on_retry=Callback::new(move |()| load()) />
        </section>
    }
}

/// The address a link's holder opens.
fn link_of(token: &str) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}/shared/{token}")
}

/// The link just made: the address to copy, its QR, and when it ends. Takes focus, so a
/// screen reader says it is ready.
#[component]
fn MadeLink(
    /// The new link, with its secret.
    share: CreatedDocumentShare,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<H3>::new();
    use_focus_on_show(heading);
    let link = link_of(&share.token);
    let copied = RwSignal::new(false);
    let copy = {
        let link = link.clone();
        move |_| {
            let clipboard = window().navigator().clipboard();
            let _ = clipboard.write_text(&link);
            copied.set(true);
        }
    };
    view! {
        <div class="app-share-created">
            <h3 class="app-section__subheading" tabindex="-1" node_ref=heading>
                {tr(i18n, |l| td_string!(l, documents.share_created))}
            </h3>
            <p class="app-body">{tr(i18n, |l| td_string!(l, documents.share_created_body))}</p>
            <p class="app-body">
                {tr(i18n, |l| td_string!(l, documents.share_link_label))} ": "
                <a class="app-link app-share-link" href=link.clone()>{link.clone()}</a>
            </p>
            <p class="app-body">
                <button type="button" class="app-button app-button--secondary" on:click=copy>
                    {tr(i18n, |l| td_string!(l, documents.share_copy))}
                </button>
                <span class="app-status-line" role="status">
                    {move || copied.get().then(|| tr(i18n, |l| td_string!(l, documents.share_copied)))}
                </span>
            </p>
            <QrCode text=link label=Signal::derive(move || t_string!(i18n, documents.share_qr_label).to_owned()) />
            <p class="app-body">
                {tr(i18n, |l| td_string!(l, share.expires_at))} " " <strong>{format_api_time(&share.share.expires_at)}</strong>
            </p>
        </div>
    }
}

/// The document's links that have not expired, each with its state and "Revoke".
#[component]
fn LinkList(
    /// The list as last read, `None` while it is being read.
    links: RwSignal<Option<Result<Vec<DocumentShare>, ApiError>>>,
    /// Called with a link's id on "Revoke".
    on_revoke: Callback<String>,
    /// Reads the list again after a failure.
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_clock();
    view! {
        <h3 class="app-section__subheading">{tr(i18n, |l| td_string!(l, documents.share_links_heading))}</h3>
        {move || match links.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error on_retry /> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! {
                <p class="app-body">{tr(i18n, |l| td_string!(l, documents.share_none))}</p>
            }.into_any(),
            Some(Ok(list)) => view! {
                <ul class="app-summary-list">
                    {list.into_iter().enumerate().map(|(index, share)| {
                        let state = {
                            let (revoked, expires) = (share.revoked, share.expires_at.clone());
                            Memo::new(move |_| ShareState::of(revoked, &expires, now.get()))
                        };
                        let about = format!("link-{index}");
                        let row_id = about.clone();
                        let id = share.id.clone();
                        view! {
                            <li class="app-summary-list__row" id=row_id>
                                <p class="app-body"><ShareStateTag state /></p>
                                <p class="app-body app-secondary-text">
                                    {tr(i18n, |l| td_string!(l, share.created_at))} " " {format_api_time(&share.created_at)}
                                    <br />
                                    {tr(i18n, |l| td_string!(l, share.expires_at))} " " {format_api_time(&share.expires_at)}
                                </p>
                                {move || (state.get() == ShareState::Active).then(|| {
                                    let (id, about) = (id.clone(), about.clone());
                                    view! {
                                        <button type="button" class="app-button app-button--warning"
                                            aria-describedby=about on:click=move |_| on_revoke.run(id.clone())>
                                            {tr(i18n, |l| td_string!(l, share.revoke_button))}
                                        </button>
                                    }
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}
