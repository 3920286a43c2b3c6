use leptos::{html::H2, prelude::*};
use portal_api::auth::{CodeChallenge, PasswordSignIn};

use crate::api::{self, ApiError, use_api};
use crate::forms::{ErrorSummary, FieldProblem, TextField, in_form_order, problem_of};
use crate::i18n::*;
use crate::session::SessionContext;
use crate::text::tr;

/// Step one: identifier and password, checked in the browser with the shared rules before
/// anything is sent. On any failure the identifier stays and the password is cleared.
#[component]
pub fn PasswordStep(
    /// The identifier, kept across steps.
    identifier: RwSignal<String>,
    /// Whether the code step sent the citizen back here.
    restarted: RwSignal<bool>,
    /// Called with the challenge once a code is on its way.
    on_challenge: Callback<CodeChallenge>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let api = use_api();
    let kiosk = move || session.config().kiosk();
    let password = RwSignal::new(String::new());
    let show_password = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let general = RwSignal::new(restarted.get_untracked().then_some(ApiError::CodeExpired));
    let heading = NodeRef::<H2>::new();

    let field_error = move |field: &'static str| problem_of(problems, field);

    // The write goes through an action: `pending` says a sign-in is on its way, and the
    // future runs under this step's owner, so leaving the page aborts the request.
    let sign_in = Action::new_local(move |body: &PasswordSignIn| {
        let body = body.clone();
        async move {
            let answer = api::auth::sign_in(api, &body).await;
            password.set(String::new());
            match answer {
                Ok(challenge) => {
                    restarted.set(false);
                    on_challenge.run(challenge);
                }
                Err(ApiError::Validation(fields)) => problems.set(ordered(&fields)),
                Err(error) => general.set(Some(error)),
            }
        }
    });
    let pending = sign_in.pending();

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        // A second press while the first is on its way sends nothing more.
        if pending.get_untracked() {
            return;
        }
        let body = PasswordSignIn {
            identifier: identifier.get_untracked(),
            password: password.get_untracked(),
        };
        general.set(None);
        if let Err(fields) = body.validate() {
            problems.set(ordered(&fields));
            if fields.contains_key("password") {
                password.set(String::new());
            }
            return;
        }
        problems.set(Vec::new());
        sign_in.dispatch(body);
    };

    // `post`: this form is on the page before the app (rendered ahead of time), and should the
    // browser send it itself (the app's code not there yet, `boot.js` neither), the password
    // goes in the body, not into the address, the history and the server's log; the server
    // sends the citizen back to the page.
    view! {
        <ErrorSummary problems general />
        <form class="app-form" method="post" on:submit=submit novalidate=true autocomplete=move || if kiosk() { "off" } else { "on" }>
            <h2 class="app-section__heading" tabindex="-1" node_ref=heading>
                {tr(i18n, |l| td_string!(l, sign_in.password_heading))}
            </h2>
            <TextField
                id="identifier"
                label=|l| td_string!(l, sign_in.identifier_label)
                hint=|l| td_string!(l, sign_in.identifier_hint)
                value=identifier
                error=field_error("identifier")
                inputmode="tel"
                autocomplete=Signal::derive(move || if kiosk() { "off" } else { "username" })
            />
            <TextField
                id="password"
                label=|l| td_string!(l, sign_in.password_label)
                value=password
                error=field_error("password")
                input_type=Signal::derive(move || if show_password.get() { "text" } else { "password" })
                autocomplete=Signal::derive(move || if kiosk() { "off" } else { "current-password" })
            />
            <button
                type="button"
                class="app-button app-button--secondary app-button--small"
                aria-controls="password"
                aria-pressed=move || if show_password.get() { "true" } else { "false" }
                on:click=move |_| show_password.update(|shown| *shown = !*shown)
            >
                {tr(i18n, |l| td_string!(l, sign_in.show_password))}
            </button>
            <div class="app-form__actions">
                <button type="submit" class="app-button" aria-disabled=move || pending.get().then_some("true")>
                    {move || if pending.get() {
                        tr(i18n, |l| td_string!(l, sign_in.checking)).into_any()
                    } else {
                        tr(i18n, |l| td_string!(l, sign_in.continue_button)).into_any()
                    }}
                </button>
            </div>
        </form>
    }
}

/// The fields in the order they appear on the form, as the summary lists them.
fn ordered(
    fields: &std::collections::BTreeMap<String, portal_api::FieldErrorCode>,
) -> Vec<FieldProblem> {
    in_form_order(&["identifier", "password"], fields)
}
