//! `/account`: where the citizen is signed in, with a way to end any other session or report
//! it as not theirs, and their recent sign-ins.

mod markup;
mod revoked;
mod session_list;
mod sign_in_list;

use leptos::{html::Div, prelude::*, task::spawn_local_scoped};
use portal_api::auth::AccountActivity;
use wasm_bindgen::JsCast;

use crate::api::account::{SessionAction, SessionEnded};
use crate::api::use_api;
use crate::api::{self, ApiError};
use crate::components::{ErrorNotice, Loading, PageHeading};
use crate::i18n::*;
use crate::text::tr;
use revoked::RevokedByReport;
use session_list::{SESSION_ID_ATTRIBUTE, session_action, session_list};
use sign_in_list::sign_in_list;

/// The account page. Reads the activity on arrival and again after every change the citizen
/// makes, so the lists show what the server holds.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    // A signal filled by a task rather than a `LocalResource`: the resource's async machinery
    // is used nowhere else in the app and cost about 5 KB brotli of the first-load budget.
    // `spawn_local_scoped` runs the task in this page's owner, so leaving the page aborts the request.
    let activity = RwSignal::new(None::<Result<AccountActivity, ApiError>>);
    let load = move || {
        spawn_local_scoped(async move {
            activity.set(Some(api::account::fetch_activity(api).await));
        });
    };
    load();
    // What the last action did, said once it is done (and announced: role="status").
    let done = RwSignal::new(None::<SessionEnded>);
    let failed = RwSignal::new(None::<ApiError>);

    let act = move |(id, action): (String, SessionAction)| {
        done.set(None);
        failed.set(None);
        spawn_local_scoped(async move {
            match api::account::end_session(api, &id, action).await {
                Ok(ended) => done.set(Some(ended)),
                // Already ended elsewhere (another tab, its own timeout): the list was stale.
                Err(ApiError::NotFound) => done.set(Some(SessionEnded::Ended)),
                Err(error) => failed.set(Some(error)),
            }
            load();
        });
    };
    // One handler for every session's buttons (see `markup.rs` for why they are not views).
    let on_click = move |event: leptos::ev::MouseEvent| {
        let button = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|target| {
                target
                    .closest(&format!("[{SESSION_ID_ATTRIBUTE}]"))
                    .ok()
                    .flatten()
            });
        if let Some(request) = button.as_ref().and_then(session_action) {
            act(request);
        }
    };

    // The lists, rebuilt when the activity or the language changes.
    let lists = NodeRef::<Div>::new();
    Effect::new(move |_| {
        let locale = i18n.get_locale();
        let Some(parent) = lists.get() else { return };
        parent.set_text_content(None);
        activity.with(|activity| {
            if let Some(Ok(activity)) = activity {
                session_list(&parent, locale, &activity.sessions);
                sign_in_list(&parent, locale, &activity.sign_ins);
            }
        });
    });

    view! {
        <PageHeading title=move || t_string!(i18n, page.account.title).to_owned() />
        <p class="app-lead">{tr(i18n, |l| td_string!(l, page.account.intro))}</p>
        <div role="status" class="app-status-line">
            {move || done.get().map(|ended| match ended {
                SessionEnded::Ended => view! {
                    <p class="app-notification app-notification__body">
                        {tr(i18n, |l| td_string!(l, account.session_ended))}
                    </p>
                }.into_any(),
                SessionEnded::Reported(report) => view! {
                    <div class="app-notification app-notification__body">
                        <p>{tr(i18n, |l| td_string!(l, account.session_reported))}</p>
                        <RevokedByReport report />
                    </div>
                }.into_any(),
            })}
        </div>
        {move || failed.get().map(|error| view! { <ErrorNotice error /> })}
        {move || match activity.get() {
            None => Some(view! { <Loading /> }.into_any()),
            Some(Err(error)) => Some(view! { <ErrorNotice error on_retry=move |()| load() /> }.into_any()),
            Some(Ok(_)) => None,
        }}
        <div node_ref=lists on:click=on_click></div>
    }
}
