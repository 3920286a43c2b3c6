use portal_api::auth::{Channel, SignInOutcome, SignInRecord};
use web_sys::Element;

use super::markup::{append, append_text};
use crate::i18n::*;
use crate::local_time::format_api_time;

/// The latest sign-in attempts on the account, newest first, in `parent`: when, from what,
/// where, and how each ended, so a citizen notices attempts that were not theirs.
pub fn sign_in_list(parent: &Element, locale: Locale, sign_ins: &[SignInRecord]) -> Option<()> {
    let section = append(parent, "section", "app-section")?;
    section
        .set_attribute("aria-labelledby", "sign-ins-heading")
        .ok()?;
    append_text(
        &section,
        "h2",
        "app-section__heading",
        td_string!(locale, account.sign_ins_heading),
    )?
    .set_id("sign-ins-heading");
    if sign_ins.is_empty() {
        append_text(
            &section,
            "p",
            "app-body",
            td_string!(locale, account.no_sign_ins),
        )?;
        return Some(());
    }
    // On a narrow screen the table scrolls in its own region, never the page (WCAG 1.4.10
    // lets data tables do so); the region takes focus so a keyboard can scroll it.
    let region = append(&section, "div", "app-table-scroll")?;
    for (name, value) in [
        ("role", "region"),
        ("tabindex", "0"),
        ("aria-labelledby", "sign-ins-heading"),
    ] {
        region.set_attribute(name, value).ok()?;
    }
    let table = append(&region, "table", "app-table")?;
    table
        .set_attribute("aria-labelledby", "sign-ins-heading")
        .ok()?;
    let head = append(&append(&table, "thead", "")?, "tr", "")?;
    for label in [
        td_string!(locale, account.time),
        td_string!(locale, account.device),
        td_string!(locale, account.channel),
        td_string!(locale, account.result),
    ] {
        append_text(&head, "th", "", label)?
            .set_attribute("scope", "col")
            .ok()?;
    }
    let body = append(&table, "tbody", "")?;
    for record in sign_ins {
        let row = append(&body, "tr", "")?;
        for cell in [
            format_api_time(&record.at).as_str(),
            &record.device,
            channel_text(locale, record.channel),
            outcome_text(locale, record.outcome),
        ] {
            append_text(&row, "td", "", cell)?;
        }
    }
    Some(())
}

/// "Website" or "Kiosk at a public service point".
pub fn channel_text(locale: Locale, channel: Channel) -> &'static str {
    match channel {
        Channel::Web => td_string!(locale, account.channel_web),
        Channel::Kiosk => td_string!(locale, account.channel_kiosk),
    }
}

fn outcome_text(locale: Locale, outcome: SignInOutcome) -> &'static str {
    match outcome {
        SignInOutcome::Succeeded => td_string!(locale, account.outcome_succeeded),
        SignInOutcome::WrongPassword => td_string!(locale, account.outcome_wrong_password),
        SignInOutcome::WrongCode => td_string!(locale, account.outcome_wrong_code),
        SignInOutcome::Locked => td_string!(locale, account.outcome_locked),
    }
}
