//! Who is signed in, as the app knows it: checked with the server when the app starts, and
//! turned to signed out by any request the server answers with 401.

use leptos::{prelude::*, task::spawn_local};
use portal_api::SessionInfo;

use crate::api::{ApiError, session::fetch_session};
use crate::config::{ConfigContext, load_config};
use crate::hooks::use_online;

/// What the app knows about the citizen's session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState {
    /// The check with the server has not answered yet.
    Checking,
    /// No session: the server answered 401.
    SignedOut,
    /// A signed-in citizen.
    SignedIn(SessionInfo),
    /// The server could not say (offline, unavailable): neither signed in nor out.
    Unknown(ApiError),
}

impl From<Result<SessionInfo, ApiError>> for SessionState {
    fn from(answer: Result<SessionInfo, ApiError>) -> Self {
        match answer {
            Ok(session) => Self::SignedIn(session),
            Err(ApiError::Unauthorized) => Self::SignedOut,
            Err(error) => Self::Unknown(error),
        }
    }
}

/// What a protected page may show, given the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Wait: the session is being checked.
    Pending,
    /// Show the page.
    Allowed,
    /// Send the visitor to sign in.
    SignInFirst,
    /// Say why the session could not be checked, and offer to try again.
    Failed(ApiError),
}

impl SessionState {
    /// What a protected page may show in this state.
    pub fn access(&self) -> Access {
        match self {
            Self::Checking => Access::Pending,
            Self::SignedIn(_) => Access::Allowed,
            Self::SignedOut => Access::SignInFirst,
            Self::Unknown(error) => Access::Failed(error.clone()),
        }
    }
}

/// The session in context, provided by [`provide_session_context`].
#[derive(Debug, Clone, Copy)]
pub struct SessionContext {
    state: RwSignal<SessionState>,
    config: ConfigContext,
}

impl SessionContext {
    /// What a protected page may show now, tracking changes.
    pub fn access(self) -> Access {
        self.state.with(SessionState::access)
    }

    /// The server answered 401 to some request: the session has ended.
    pub fn mark_signed_out(self) {
        self.state.set(SessionState::SignedOut);
    }

    /// Asks the server again, e.g. after it could not be reached.
    pub fn recheck(self) {
        self.state.set(SessionState::Checking);
        spawn_local(async move {
            let config = self.config.current();
            self.state
                .set(fetch_session(&config.api_base_url).await.into());
        });
    }
}

/// Provides the session context and starts the app's first conversation with the server:
/// `/config.json` (for the API's address), then the session check. A check that failed for
/// want of a network runs again when the connection is back.
pub fn provide_session_context(config: ConfigContext) -> SessionContext {
    let context = SessionContext {
        state: RwSignal::new(SessionState::Checking),
        config,
    };
    provide_context(context);
    spawn_local(async move {
        let config = load_config(context.config).await;
        context
            .state
            .set(fetch_session(&config.api_base_url).await.into());
    });

    let online = use_online();
    Effect::new(move |_| {
        let offline_failure = SessionState::Unknown(ApiError::Network);
        if online.get()
            && context
                .state
                .with_untracked(|state| *state == offline_failure)
        {
            context.recheck();
        }
    });
    context
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_api::PersonalId;

    #[test]
    fn a_401_means_signed_out_and_other_failures_mean_unknown() {
        assert_eq!(
            SessionState::from(Err(ApiError::Unauthorized)),
            SessionState::SignedOut
        );
        assert_eq!(
            SessionState::from(Err(ApiError::Network)),
            SessionState::Unknown(ApiError::Network)
        );
    }

    #[test]
    fn only_a_signed_in_citizen_may_see_a_protected_page() {
        assert_eq!(SessionState::Checking.access(), Access::Pending);
        assert_eq!(SessionState::SignedOut.access(), Access::SignInFirst);
        assert_eq!(
            SessionState::Unknown(ApiError::Unavailable).access(),
            Access::Failed(ApiError::Unavailable)
        );
        let id = PersonalId::parse("001090012345").unwrap();
        let signed_in = SessionState::SignedIn(SessionInfo {
            personal_id: id,
            full_name: "Nguyễn Văn An".to_owned(),
        });
        assert_eq!(signed_in.access(), Access::Allowed);
    }
}
