//! The citizen's open sessions, each other one with "End session" and "This wasn't me".

use leptos::prelude::*;
use portal_api::auth::ActiveSession;

use super::sign_in_list::channel_text;
use crate::api::ApiError;
use crate::api::account::{SessionAction, SessionEnded};
use crate::i18n::*;
use crate::local_time::format_api_time;
use crate::text::tr;

/// Ends or reports the session with the given id; the page answers with what it did.
pub type EndSession = Action<(String, SessionAction), Result<SessionEnded, ApiError>>;

/// The citizen's open sessions, the current one marked, and a line saying so when there is
/// no other.
#[component]
pub fn SessionList(
    /// The sessions, the current one first, as the server listed them.
    sessions: Vec<ActiveSession>,
    /// What the buttons of the other sessions run.
    ending: EndSession,
) -> impl IntoView {
    let i18n = use_i18n();
    let only_this_one = sessions.iter().all(|session| session.current);
    let rows = sessions
        .into_iter()
        .enumerate()
        .map(|(index, session)| view! { <SessionRow session index ending /> })
        .collect_view();
    view! {
        <section class="app-section" aria-labelledby="sessions-heading">
            <h2 class="app-section__heading" id="sessions-heading">
                {tr(i18n, |l| td_string!(l, account.sessions_heading))}
            </h2>
            <ul class="app-summary-list">{rows}</ul>
            {only_this_one.then(|| view! {
                <p class="app-body">{tr(i18n, |l| td_string!(l, account.no_other_sessions))}</p>
            })}
        </section>
    }
}

/// One session: the device, "This session" on the current one, how and when it was used,
/// and for any other the buttons that end or report it.
#[component]
fn SessionRow(
    /// The session.
    session: ActiveSession,
    /// Its place in the list, which names its elements' ids.
    index: usize,
    /// What its buttons run.
    ending: EndSession,
) -> impl IntoView {
    let i18n = use_i18n();
    let about = format!("session-{index}");
    let details = format!("session-{index}-details");
    let ActiveSession {
        id,
        started_at,
        last_active_at,
        device,
        channel,
        kiosk,
        current,
    } = session;
    let (started_at, last_active_at) = (
        format_api_time(&started_at),
        format_api_time(&last_active_at),
    );
    let lines = move || {
        let locale = i18n.get_locale();
        // A registered kiosk is named, so a citizen can tell which cultural centre's kiosk
        // still holds a session of theirs.
        let place = match &kiosk {
            Some(kiosk) => format!("{} ({kiosk})", channel_text(locale, channel)),
            None => channel_text(locale, channel).to_owned(),
        };
        [
            (td_string!(locale, account.channel), place.as_str()),
            (td_string!(locale, account.started), started_at.as_str()),
            (
                td_string!(locale, account.last_active),
                last_active_at.as_str(),
            ),
        ]
        .map(|(label, value)| format!("{label} {value}"))
        .join("\n")
    };
    // Every row's buttons have the same names; the row's device and times tell them apart.
    let buttons = (!current).then(|| {
        let described_by = format!("{about} {details}");
        view! {
            <div class="app-button-group">
                <SessionButton id=id.clone() action=SessionAction::End described_by=described_by.clone() ending />
                <SessionButton id action=SessionAction::Report described_by ending />
            </div>
        }
    });
    view! {
        <li class="app-summary-list__row">
            // The device name comes from the browser's User-Agent: a text node, never markup.
            <p class="app-body" id=about><strong>{device}</strong></p>
            {current.then(|| view! {
                <p class="app-body">
                    <span class="app-tag">{tr(i18n, |l| td_string!(l, account.current))}</span>
                </p>
            })}
            <p class="app-body app-secondary-text app-lines" id=details>{lines}</p>
            {buttons}
        </li>
    }
}

/// "End session" or "This wasn't me" for one session; while either is being answered, every
/// such button says it is unavailable and does nothing.
#[component]
fn SessionButton(
    /// The session it acts on.
    id: String,
    /// What it does.
    action: SessionAction,
    /// The ids of the elements that say which session this is.
    described_by: String,
    /// What it runs.
    ending: EndSession,
) -> impl IntoView {
    let i18n = use_i18n();
    let pending = ending.pending();
    let (class, label): (_, fn(Locale) -> &'static str) = match action {
        SessionAction::End => ("app-button app-button--secondary", |l| {
            td_string!(l, account.end_session)
        }),
        SessionAction::Report => ("app-button app-button--warning", |l| {
            td_string!(l, account.report_session)
        }),
    };
    let on_click = move |_| {
        if !pending.get_untracked() {
            ending.dispatch((id.clone(), action));
        }
    };
    view! {
        <button
            type="button"
            class=class
            aria-describedby=described_by
            aria-disabled=move || pending.get().then_some("true")
            on:click=on_click
        >
            {tr(i18n, label)}
        </button>
    }
}
