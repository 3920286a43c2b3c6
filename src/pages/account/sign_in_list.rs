//! The latest sign-in attempts on the account.

use leptos::prelude::*;
use portal_api::auth::{Channel, SignInOutcome, SignInRecord};

use crate::i18n::*;
use crate::local_time::format_api_time;
use crate::text::tr;

/// The latest sign-in attempts on the account, newest first: when, from what, where, and how
/// each ended, so a citizen notices attempts that were not theirs.
#[component]
pub fn SignInList(
    /// The attempts, newest first, as the server listed them.
    sign_ins: Vec<SignInRecord>,
) -> impl IntoView {
    let i18n = use_i18n();
    let table = (!sign_ins.is_empty()).then(|| {
        let rows = sign_ins
            .into_iter()
            .map(|record| view! { <SignInRow record /> })
            .collect_view();
        view! {
            // On a narrow screen the table scrolls in its own region, never the page (WCAG
            // 1.4.10 lets data tables do so); the region takes focus so a keyboard can scroll it.
            <div class="app-table-scroll" role="region" tabindex="0" aria-labelledby="sign-ins-heading">
                <table class="app-table" aria-labelledby="sign-ins-heading">
                    <thead>
                        <tr>
                            <th scope="col">{tr(i18n, |l| td_string!(l, account.time))}</th>
                            <th scope="col">{tr(i18n, |l| td_string!(l, account.device))}</th>
                            <th scope="col">{tr(i18n, |l| td_string!(l, account.channel))}</th>
                            <th scope="col">{tr(i18n, |l| td_string!(l, account.result))}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    view! {
        <section class="app-section" aria-labelledby="sign-ins-heading">
            <h2 class="app-section__heading" id="sign-ins-heading">
                {tr(i18n, |l| td_string!(l, account.sign_ins_heading))}
            </h2>
            {match table {
                Some(table) => table.into_any(),
                None => view! {
                    <p class="app-body">{tr(i18n, |l| td_string!(l, account.no_sign_ins))}</p>
                }.into_any(),
            }}
        </section>
    }
}

/// One attempt: when, from what device, where, and how it ended.
#[component]
fn SignInRow(
    /// The attempt.
    record: SignInRecord,
) -> impl IntoView {
    let i18n = use_i18n();
    let SignInRecord {
        at,
        device,
        channel,
        outcome,
    } = record;
    view! {
        <tr>
            <td>{format_api_time(&at)}</td>
            // From the browser's User-Agent: a text node, never markup.
            <td>{device}</td>
            <td>{move || channel_text(i18n.get_locale(), channel)}</td>
            <td>{move || outcome_text(i18n.get_locale(), outcome)}</td>
        </tr>
    }
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
