//! `/sign-in`: identifier and password, then the one-time code sent by SMS; back to the page
//! the citizen came from. Beside the form: how to get a verified account, and the SMS channel.

mod code_step;
mod password_step;

use leptos::prelude::*;
use portal_api::SessionInfo;
use portal_api::auth::CodeChallenge;

use crate::components::PageHeading;
use crate::here::use_here;
use crate::i18n::*;
use crate::return_path::{NEXT_PARAM, safe_return_path};
use crate::session::SessionContext;
use crate::sign_out::REASON_PARAM;
use crate::text::tr;
use code_step::CodeStep;
use password_step::PasswordStep;

/// Where the sign-in stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// Identifier and password.
    Password,
    /// The code went to the phone.
    Code(CodeChallenge),
}

/// Why the citizen arrived here, from the `reason` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arrival {
    TimedOut,
    SignedOut,
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let here = use_here();
    let query = here.query;
    let return_to = Memo::new(move |_| {
        query.with(|q| {
            q.get_str(NEXT_PARAM)
                .and_then(safe_return_path)
                .map(str::to_owned)
        })
    });
    let arrival = Memo::new(move |_| {
        query.with(|q| match q.get_str(REASON_PARAM) {
            Some("timeout") => Some(Arrival::TimedOut),
            Some("signed_out") => Some(Arrival::SignedOut),
            _ => None,
        })
    });
    let step = RwSignal::new(Step::Password);
    // The identifier outlives the steps: "start again" must not make the citizen retype it.
    let identifier = RwSignal::new(String::new());
    // Set when the code step sends the citizen back, so the password step says why.
    let restarted = RwSignal::new(false);

    let password_step = Memo::new(move |_| step.with(|step| *step == Step::Password));
    let code_step = Memo::new(move |_| {
        step.with(|step| match step {
            Step::Code(challenge) => Some(challenge.clone()),
            Step::Password => None,
        })
    });

    let on_challenge =
        Callback::new(move |challenge: CodeChallenge| step.set(Step::Code(challenge)));
    let on_restart = Callback::new(move |()| {
        restarted.set(true);
        step.set(Step::Password);
    });
    let on_signed_in = Callback::new(move |info: SessionInfo| {
        session.sign_in(info);
        let next = return_to.get_untracked().unwrap_or_else(|| "/".to_owned());
        here.replace_with(next);
    });

    view! {
        <PageHeading title=move || t_string!(i18n, page.sign_in.title).to_owned() />
        {move || match arrival.get() {
            Some(Arrival::TimedOut) => Some(view! {
                <div class="app-notification" role="status">
                    <p class="app-notification__body">{tr(i18n, |l| td_string!(l, sign_in.timed_out))}</p>
                </div>
            }.into_any()),
            Some(Arrival::SignedOut) => Some(view! {
                <div class="app-notification" role="status">
                    <p class="app-notification__body">{tr(i18n, |l| td_string!(l, sign_in.signed_out))}</p>
                </div>
            }.into_any()),
            None => None,
        }}
        <div class="app-grid">
            <div class="app-grid__main">
                // Two places, not one `match`: with the views' types erased (README, "The
                // first-load budget"), one place would draw the code step into the password
                // step's elements, and the password field would become the code field. A
                // password field stays one; each step gets elements of its own.
                {move || password_step.get().then(|| view! {
                    <PasswordStep identifier restarted on_challenge />
                })}
                {move || code_step.get().map(|challenge| view! {
                    <CodeStep challenge on_restart on_signed_in />
                })}
            </div>
            <aside class="app-grid__side">
                <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, sign_in.verified_heading))}</h2>
                <p class="app-body">{tr(i18n, |l| td_string!(l, sign_in.verified_body))}</p>
                <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, page.home.sms_heading))}</h2>
                <p class="app-body">{tr(i18n, |l| td_string!(l, page.home.sms_how))}</p>
                <p class="app-body">{tr(i18n, |l| td_string!(l, page.home.sms_answer))}</p>
            </aside>
        </div>
    }
}
