use leptos::{html::H2, prelude::*};
use portal_api::SessionInfo;
use portal_api::auth::{CodeChallenge, CodeVerification, validate_code};

use crate::api::{self, ApiError, use_api};
use crate::forms::{ErrorSummary, FieldProblem, TextField};
use crate::hooks::{use_clock, use_focus_on_show};
use crate::i18n::*;
use crate::session::now_ms;
use crate::text::tr;

/// Step two: the six-digit code sent to the verified phone, with the tries left, and a new
/// code once the 60-second countdown has run.
#[component]
pub fn CodeStep(
    /// The sign-in attempt the code belongs to.
    challenge: CodeChallenge,
    /// Back to the password step (the code expired or was used up, or the citizen asked).
    on_restart: Callback<()>,
    /// Signed in.
    on_signed_in: Callback<SessionInfo>,
) -> impl IntoView {
    let i18n = use_i18n();
    let challenge = RwSignal::new(challenge);
    let code = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let general = RwSignal::new(None::<ApiError>);
    let clock = use_clock();
    let sent_at = RwSignal::new(now_ms());
    let heading = NodeRef::<H2>::new();
    use_focus_on_show(heading);

    let resend_in = move || {
        let wait = f64::from(challenge.with(|c| c.resend_in_seconds));
        let left = wait - (clock.get() - sent_at.get()) / 1000.0;
        left.ceil().max(0.0) as u32
    };
    let field_error = Signal::derive(move || problems.with(|p| p.first().map(|(_, c)| *c)));
    let api = use_api();

    // Writes go through actions: `pending` says a code is on its way, and each future runs
    // under this step's owner, so leaving the page aborts its request.
    let verify = Action::new_local(move |body: &CodeVerification| {
        let body = body.clone();
        async move {
            match api::auth::verify_code(api, &body).await {
                Ok(info) => on_signed_in.run(info),
                Err(ApiError::CodeExpired) => on_restart.run(()),
                Err(error) => {
                    code.set(String::new());
                    general.set(Some(error));
                }
            }
        }
    });
    let pending = verify.pending();
    let resend = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move {
            match api::auth::resend_code(api, &id).await {
                Ok(fresh) => {
                    sent_at.set(now_ms());
                    challenge.set(fresh);
                    code.set(String::new());
                }
                Err(ApiError::CodeExpired) => on_restart.run(()),
                Err(error) => general.set(Some(error)),
            }
        }
    });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        // A second press while the first is on its way sends nothing more.
        if pending.get_untracked() {
            return;
        }
        general.set(None);
        let digits = match validate_code(&code.get_untracked()) {
            Ok(digits) => digits,
            Err(reason) => {
                problems.set(vec![("code", reason)]);
                return;
            }
        };
        problems.set(Vec::new());
        verify.dispatch(CodeVerification {
            challenge_id: challenge.with_untracked(|c| c.challenge_id.clone()),
            code: digits,
        });
    };
    let on_resend = move |_| {
        general.set(None);
        resend.dispatch(challenge.with_untracked(|c| c.challenge_id.clone()));
    };

    view! {
        <ErrorSummary problems general />
        <form class="app-form" method="post" on:submit=submit novalidate=true autocomplete="off">
            <h2 class="app-section__heading" tabindex="-1" node_ref=heading>
                {tr(i18n, |l| td_string!(l, sign_in.code_heading))}
            </h2>
            <p class="app-body">
                {move || {
                    let phone = challenge.with(|c| c.phone_masked.clone());
                    t!(i18n, sign_in.code_sent, phone)
                }}
            </p>
            <TextField
                id="code"
                label=|l| td_string!(l, sign_in.code_label)
                hint=|l| td_string!(l, sign_in.code_hint)
                value=code
                error=field_error
                inputmode="numeric"
                autocomplete=Signal::stored("one-time-code")
            />
            <div class="app-form__actions">
                <button type="submit" class="app-button" aria-disabled=move || pending.get().then_some("true")>
                    {move || if pending.get() {
                        tr(i18n, |l| td_string!(l, sign_in.checking)).into_any()
                    } else {
                        tr(i18n, |l| td_string!(l, sign_in.sign_in_button)).into_any()
                    }}
                </button>
            </div>
        </form>
        <div class="app-resend">
            <button
                type="button"
                class="app-button app-button--secondary"
                on:click=on_resend
                disabled=move || { resend_in() > 0 }
            >
                {tr(i18n, |l| td_string!(l, sign_in.resend_button))}
            </button>
            <p class="app-body app-resend__countdown" aria-live="off">
                {move || {
                    let seconds = resend_in();
                    (seconds > 0).then(|| t!(i18n, sign_in.resend_in, seconds))
                }}
            </p>
            <button type="button" class="app-link-button" on:click=move |_| on_restart.run(())>
                {tr(i18n, |l| td_string!(l, sign_in.start_again))}
            </button>
        </div>
    }
}
