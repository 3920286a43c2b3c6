use leptos::prelude::*;
use leptos_router::{NavigateOptions, components::Redirect, hooks::use_location};

use super::{ErrorNotice, Loading};
use crate::return_path::sign_in_path;
use crate::session::{Access, SessionContext};

/// Shows a protected page only to a signed-in citizen. While the session is being checked
/// it shows the loading state; a signed-out visitor goes to sign-in, which knows the way
/// back here; if the server cannot say, it explains why and offers to ask again.
#[component]
pub fn RequireSignIn(
    /// The protected page.
    children: ChildrenFn,
) -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let location = use_location();
    let access = Memo::new(move |_| session.access());

    move || match access.get() {
        Access::Pending => view! { <Loading /> }.into_any(),
        Access::Allowed => children().into_any(),
        Access::SignInFirst => {
            let path = location.pathname.get_untracked();
            let query = location.search.get_untracked();
            let here = if query.is_empty() {
                path
            } else {
                format!("{path}?{query}")
            };
            // Replace, so that Back from sign-in does not bounce off this page again.
            let options = NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            };
            view! { <Redirect path=sign_in_path(&here) options /> }.into_any()
        }
        Access::Failed(error) => {
            view! { <ErrorNotice error on_retry=move |()| session.recheck() /> }.into_any()
        }
    }
}
