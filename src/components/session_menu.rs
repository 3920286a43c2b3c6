use leptos::prelude::*;

use crate::config::ConfigContext;
use crate::i18n::*;
use crate::session::SessionContext;
use crate::sign_out::{SignOutReason, sign_out};

/// In the header, for a signed-in citizen: their name and "Sign out", on every page; on a
/// kiosk "End session", which says what a stranger at a shared screen must do before leaving.
/// In the frame of a signed-in page rendered ahead of time, a blank of a name's size stands
/// for the name, which only the app learns.
#[component]
pub fn SessionMenu() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let config = expect_context::<ConfigContext>();
    let label = move || {
        let locale = i18n.get_locale();
        if config.kiosk() {
            td_string!(locale, session.end_session)
        } else {
            td_string!(locale, session.sign_out)
        }
    };
    move || {
        session.shows_citizen().then(|| {
            let name = session.signed_in().map(|info| info.full_name);
            let class = if name.is_some() {
                "app-session-menu__name"
            } else {
                "app-session-menu__name app-session-menu__name--unknown"
            };
            view! {
                <div class="app-session-menu">
                    <span class=class>{name}</span>
                    <button
                        type="button"
                        class="app-button app-button--inverse"
                        on:click=move |_| sign_out(session, SignOutReason::Chosen)
                    >
                        {label}
                    </button>
                </div>
            }
        })
    }
}
