use leptos::prelude::*;

use crate::i18n::*;
use crate::session::SessionContext;
use crate::sign_out::{SignOutReason, sign_out};
use crate::text::tr;

/// In the header, for a signed-in citizen: their name and "Sign out", on every page.
#[component]
pub fn SessionMenu() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    move || {
        session.signed_in().map(|info| {
            view! {
                <div class="app-session-menu">
                    <span class="app-session-menu__name">{info.full_name}</span>
                    <button
                        type="button"
                        class="app-button app-button--inverse"
                        on:click=move |_| sign_out(session, SignOutReason::Chosen)
                    >
                        {tr(i18n, |l| td_string!(l, session.sign_out))}
                    </button>
                </div>
            }
        })
    }
}
