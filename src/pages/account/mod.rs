//! `/account`: where the citizen is signed in, with a way to end any other session or report
//! it as not theirs, and their recent sign-ins.

mod revoked;
mod session_list;
mod sign_in_list;

use leptos::prelude::*;

use crate::api::account::{SessionAction, SessionEnded};
use crate::api::{self, ApiError, use_api};
use crate::components::{ErrorNotice, Loading, PageHeading};
use crate::i18n::*;
use crate::text::tr;
use revoked::RevokedByReport;
use session_list::SessionList;
use sign_in_list::SignInList;

/// The account page. Reads the activity on arrival and again after every change the citizen
/// makes, so the lists show what the server holds.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();

    // Ends or reports one of the other sessions.
    let ending = Action::new_local(move |(id, action): &(String, SessionAction)| {
        let (id, action) = (id.clone(), *action);
        async move {
            match api::account::end_session(api, &id, action).await {
                // Already ended elsewhere (another tab, its own timeout): the list was stale.
                Err(ApiError::NotFound) => Ok(SessionEnded::Ended),
                outcome => outcome,
            }
        }
    });
    let answered = ending.version();
    let activity = LocalResource::new(move || {
        // Read again whenever an end or report has been answered, whatever the answer.
        answered.track();
        async move { api::account::fetch_activity(api).await }
    });
    // What the last action did, said once it is done; hidden while the next one runs, so the
    // same words said again are announced again (role="status").
    let (pending, answer) = (ending.pending(), ending.value());
    let outcome = move || if pending.get() { None } else { answer.get() };

    view! {
        <PageHeading title=move || t_string!(i18n, page.account.title).to_owned() />
        <p class="app-lead">{tr(i18n, |l| td_string!(l, page.account.intro))}</p>
        <div role="status" class="app-status-line">
            {move || outcome().and_then(Result::ok).map(|ended| match ended {
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
        {move || outcome().and_then(Result::err).map(|error| view! { <ErrorNotice error /> })}
        // A transition, not a suspense: while the lists are read again after a change, the
        // old ones stay in place instead of giving way to the loading notice.
        <Transition fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                // Matched here rather than thrown to an `ErrorBoundary`, which would erase the
                // error's type: the notice needs the `ApiError` to say what went wrong.
                match activity.await {
                    Ok(read) => view! {
                        <SessionList sessions=read.sessions ending />
                        <SignInList sign_ins=read.sign_ins />
                    }.into_any(),
                    Err(error) => view! {
                        <ErrorNotice error on_retry=move |()| activity.refetch() />
                    }.into_any(),
                }
            })}
        </Transition>
    }
}
