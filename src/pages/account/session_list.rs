use portal_api::auth::ActiveSession;
use web_sys::Element;

use super::markup::{append, append_text};
use super::sign_in_list::channel_text;
use crate::api::account::SessionAction;
use crate::i18n::*;
use crate::local_time::format_api_time;

/// The attribute of a session's buttons that holds its id; the page's click handler reads it.
pub const SESSION_ID_ATTRIBUTE: &str = "data-session-id";
/// The attribute of a session's buttons that says what they do.
pub const ACTION_ATTRIBUTE: &str = "data-action";

/// The citizen's open sessions, in `parent`: the current one marked, each other one with
/// "End session" and "This wasn't me" (handled by the page, see [`session_action`]).
pub fn session_list(parent: &Element, locale: Locale, sessions: &[ActiveSession]) -> Option<()> {
    let section = append(parent, "section", "app-section")?;
    section
        .set_attribute("aria-labelledby", "sessions-heading")
        .ok()?;
    append_text(
        &section,
        "h2",
        "app-section__heading",
        td_string!(locale, account.sessions_heading),
    )?
    .set_id("sessions-heading");
    let list = append(&section, "ul", "app-summary-list")?;
    for (index, session) in sessions.iter().enumerate() {
        let row = append(&list, "li", "app-summary-list__row")?;
        let about = format!("session-{index}");
        let details = format!("session-{index}-details");
        let heading = append(&row, "p", "app-body")?;
        heading.set_id(&about);
        append_text(&heading, "strong", "", &session.device)?;
        if session.current {
            let line = append(&row, "p", "app-body")?;
            append_text(
                &line,
                "span",
                "app-tag",
                td_string!(locale, account.current),
            )?;
        }
        // A registered kiosk is named, so a citizen can tell which cultural centre's kiosk
        // still holds a session of theirs.
        let channel = match &session.kiosk {
            Some(kiosk) => format!("{} ({kiosk})", channel_text(locale, session.channel)),
            None => channel_text(locale, session.channel).to_owned(),
        };
        let lines = [
            (td_string!(locale, account.channel), channel),
            (
                td_string!(locale, account.started),
                format_api_time(&session.started_at),
            ),
            (
                td_string!(locale, account.last_active),
                format_api_time(&session.last_active_at),
            ),
        ]
        .map(|(label, value)| format!("{label} {value}"))
        .join("\n");
        append_text(&row, "p", "app-body app-secondary-text app-lines", &lines)?.set_id(&details);
        if !session.current {
            // Every row's buttons have the same names; the row's device and times tell them apart.
            let described_by = format!("{about} {details}");
            let group = append(&row, "div", "app-button-group")?;
            for (action, class, label) in [
                (
                    SessionAction::End,
                    "app-button app-button--secondary",
                    td_string!(locale, account.end_session),
                ),
                (
                    SessionAction::Report,
                    "app-button app-button--warning",
                    td_string!(locale, account.report_session),
                ),
            ] {
                let button = append_text(&group, "button", class, label)?;
                button.set_attribute("type", "button").ok()?;
                button
                    .set_attribute("aria-describedby", &described_by)
                    .ok()?;
                button
                    .set_attribute(SESSION_ID_ATTRIBUTE, &session.id)
                    .ok()?;
                button
                    .set_attribute(ACTION_ATTRIBUTE, action_name(action))
                    .ok()?;
            }
        }
    }
    if sessions.iter().all(|s| s.current) {
        append_text(
            &section,
            "p",
            "app-body",
            td_string!(locale, account.no_other_sessions),
        )?;
    }
    Some(())
}

fn action_name(action: SessionAction) -> &'static str {
    match action {
        SessionAction::End => "end",
        SessionAction::Report => "report",
    }
}

/// The session and action of a button [`session_list`] made, from its attributes.
pub fn session_action(button: &Element) -> Option<(String, SessionAction)> {
    let id = button.get_attribute(SESSION_ID_ATTRIBUTE)?;
    let action = match button.get_attribute(ACTION_ATTRIBUTE)?.as_str() {
        "end" => SessionAction::End,
        "report" => SessionAction::Report,
        _ => return None,
    };
    Some((id, action))
}
