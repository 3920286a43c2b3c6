use leptos::{html::Div, prelude::*};

use super::Outcome;
use super::check::{Refusal, Verified};
use crate::components::ErrorNotice;
use crate::i18n::*;
use crate::local_time::from_epoch_ms;
use crate::share_fields::field_label;
use crate::text::tr;

/// The verdict on the last code checked: the shared fields of a valid one, or why it is
/// refused. Takes focus when a verdict arrives, so the verifier (and a screen reader) reads it
/// before anything else.
#[component]
pub fn OutcomeView(
    /// The verdict, `None` before any code.
    outcome: RwSignal<Option<Outcome>>,
    /// Checks the last code again (after the keys could not be fetched).
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let panel = NodeRef::<Div>::new();
    Effect::new(move |_| {
        let decided = outcome.with(|o| o.as_ref().is_some_and(|o| *o != Outcome::Checking));
        if decided && let Some(panel) = panel.get() {
            let _ = panel.focus();
        }
    });
    view! {
        <div node_ref=panel tabindex="-1" class="app-verdict-slot">
            {move || outcome.get().map(|outcome| match outcome {
                Outcome::Checking => view! {
                    <div class="app-loading" role="status">
                        <span class="app-loading__spinner" aria-hidden="true"></span>
                        <span class="app-loading__text">{tr(i18n, |l| td_string!(l, verify.checking))}</span>
                    </div>
                }.into_any(),
                Outcome::KeysFailed(error) => view! {
                    <p class="app-body">{tr(i18n, |l| td_string!(l, verify.keys_failed))}</p>
                    <ErrorNotice error on_retry />
                }.into_any(),
                Outcome::Refused(refusal, expired_at) => view! { <Refused refusal expired_at /> }.into_any(),
                Outcome::Valid(verified) => view! { <Valid verified /> }.into_any(),
            })}
        </div>
    }
}

/// Why the code is refused, in words of its own for each reason.
#[component]
fn Refused(
    /// The reason.
    refusal: Refusal,
    /// When an expired code stopped being valid (Unix seconds).
    expired_at: Option<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = match refusal {
        Refusal::Malformed => tr(i18n, |l| td_string!(l, verify.refused_malformed)),
        Refusal::BadSignature => tr(i18n, |l| td_string!(l, verify.refused_bad_signature)),
        Refusal::UnknownKey => tr(i18n, |l| td_string!(l, verify.refused_unknown_key)),
        Refusal::Expired => tr(i18n, |l| td_string!(l, verify.refused_expired)),
        Refusal::Revoked => tr(i18n, |l| td_string!(l, verify.refused_revoked)),
    };
    view! {
        <div class="app-verdict app-verdict--refused" role="alert">
            <h2 class="app-verdict__title">{tr(i18n, |l| td_string!(l, verify.refused_heading))}</h2>
            <p class="app-body">{reason}</p>
            {expired_at.map(|exp| view! {
                <p class="app-body">
                    {tr(i18n, |l| td_string!(l, verify.expires_at))} " " {local_text(exp)}
                </p>
            })}
        </div>
    }
}

/// A valid code: what it shares, when it was issued and until when it holds, and whether its
/// revocation could be checked.
#[component]
fn Valid(
    /// The verified code.
    verified: Verified,
) -> impl IntoView {
    let i18n = use_i18n();
    let payload = verified.payload;
    let rows = payload
        .fields
        .into_iter()
        .map(|(field, value)| view! {
            <div class="app-verdict__row">
                <dt class="app-verdict__key">{move || field_label(i18n.get_locale(), field)}</dt>
                <dd class="app-verdict__value">{value}</dd>
            </div>
        })
        .collect_view();
    // Without the revocation check the code is not called valid: the citizen may have
    // revoked it, and a verifier reads the heading first.
    let checked = verified.revocation_checked;
    let (class, heading) = if checked {
        (
            "app-verdict app-verdict--valid",
            tr(i18n, |l| td_string!(l, verify.valid_heading)),
        )
    } else {
        (
            "app-verdict app-verdict--unconfirmed",
            tr(i18n, |l| td_string!(l, verify.unconfirmed_heading)),
        )
    };
    view! {
        <div class=class role="status">
            <h2 class="app-verdict__title">{heading}</h2>
            <p class="app-body">{tr(i18n, |l| td_string!(l, verify.valid_body))}</p>
            <dl class="app-verdict__fields">{rows}</dl>
            <p class="app-body app-secondary-text">
                {tr(i18n, |l| td_string!(l, verify.issued_at))} " " {local_text(payload.iat)}
                <br />
                {tr(i18n, |l| td_string!(l, verify.expires_at))} " " {local_text(payload.exp)}
            </p>
            {if checked {
                view! { <p class="app-body">{tr(i18n, |l| td_string!(l, verify.revocation_checked))}</p> }.into_any()
            } else {
                view! {
                    <p class="app-verdict__warning">{tr(i18n, |l| td_string!(l, verify.revocation_unchecked))}</p>
                }.into_any()
            }}
        </div>
    }
}

/// Unix seconds as `dd/mm/yyyy HH:MM` in the device's time zone.
fn local_text(seconds: i64) -> String {
    from_epoch_ms(seconds as f64 * 1000.0).map_or_else(String::new, |t| t.date_time())
}
