//! Who is signed in, as the app knows it: checked with the server when the app starts, set by
//! signing in, turned to signed out by signing out, by the idle timeout, by another tab, or by
//! any request the server answers with 401.
//!
//! The session's clock lives here too: the time of the citizen's last activity, which every
//! answered API request and every key or tap moves, and which all open tabs share.

use leptos::{prelude::*, task::spawn_local_scoped};
use portal_api::SessionInfo;

use crate::api::{Api, ApiError, session::fetch_session};
use crate::config::{ConfigContext, load_config};
use crate::hooks::use_online;
use crate::sign_out;
use crate::tabs::{TabMessage, Tabs};

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
    /// Somebody is signed in, not yet who: while a signed-in page's frame is rendered ahead
    /// of time (`src/prerender.rs`), and in the browser on such a frame (which the server sent
    /// because the request carried a session cookie) until the check answers. The frame shows
    /// the signed-in header and the page's skeleton, so the page does not move when the app
    /// knows the citizen; and the page asks for its data at once, beside the session check,
    /// rather than after it (a stale cookie gets 401 there too, and goes to sign-in).
    Expected,
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
            Self::SignedIn(_) | Self::Expected => Access::Allowed,
            Self::SignedOut => Access::SignInFirst,
            Self::Unknown(error) => Access::Failed(error.clone()),
        }
    }
}

/// The session in context, provided by [`provide_session_context`].
#[derive(Debug, Clone, Copy)]
pub struct SessionContext {
    state: RwSignal<SessionState>,
    /// When the citizen was last active, in milliseconds since the epoch (`Date.now()`).
    last_activity: RwSignal<f64>,
    config: ConfigContext,
    tabs: Tabs,
}

/// Milliseconds since the epoch, from the browser's clock (which tests can control).
pub fn now_ms() -> f64 {
    #[cfg(not(feature = "ssr"))]
    return js_sys::Date::now();
    // Rendering a page ahead of time: the build machine's clock.
    #[cfg(feature = "ssr")]
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |since| since.as_millis() as f64)
}

impl SessionContext {
    /// What a protected page may show now, tracking changes.
    pub fn access(self) -> Access {
        self.state.with(SessionState::access)
    }

    /// The signed-in citizen, if any, tracking changes.
    pub fn signed_in(self) -> Option<SessionInfo> {
        self.state.with(|state| match state {
            SessionState::SignedIn(info) => Some(info.clone()),
            _ => None,
        })
    }

    /// Whether the header shows a citizen (their name, or a place for it in a frame rendered
    /// ahead of time) and the navigation offers the account page, tracking changes.
    pub fn shows_citizen(self) -> bool {
        self.state
            .with(|state| matches!(state, SessionState::SignedIn(_) | SessionState::Expected))
    }

    /// The deployment's configuration.
    pub fn config(self) -> ConfigContext {
        self.config
    }

    /// When the citizen was last active (ms since the epoch), tracking changes.
    pub fn last_activity(self) -> f64 {
        self.last_activity.get()
    }

    /// Signing in succeeded: this is the citizen now, in every tab.
    pub fn sign_in(self, info: SessionInfo) {
        // The new session's cookie has replaced the one an unfinished sign-out was for.
        sign_out::note_unfinished(false);
        self.last_activity.set(now_ms());
        self.state.set(SessionState::SignedIn(info));
        self.tabs.post(&TabMessage::SignedIn);
    }

    /// The citizen did something (or the server answered them): the idle timer starts
    /// again here and in the other tabs.
    pub fn note_activity(self) {
        let now = now_ms();
        self.last_activity.set(now);
        if self
            .state
            .with_untracked(|s| matches!(s, SessionState::SignedIn(_)))
        {
            // Whole milliseconds: the clock's fraction means nothing here.
            self.tabs.post(&TabMessage::Activity(now as u64));
        }
    }

    /// The server answered 401 to some request: the session has ended.
    pub fn mark_signed_out(self) {
        self.state.set(SessionState::SignedOut);
    }

    /// Signed out here: the other tabs sign out too.
    pub fn announce_signed_out(self) {
        self.mark_signed_out();
        self.tabs.post(&TabMessage::SignedOut);
    }

    /// Asks the server again, e.g. after it could not be reached.
    pub fn recheck(self) {
        self.state.set(SessionState::Checking);
        spawn_local_scoped(async move {
            let answer = fetch_session(Api::new(self.config, None)).await;
            if answer.is_ok() {
                self.last_activity.set(now_ms());
            }
            self.state.set(answer.into());
        });
    }

    fn on_tab_message(self, message: TabMessage) {
        match message {
            TabMessage::Activity(at) => {
                let at = at as f64;
                if at > self.last_activity.get_untracked() {
                    self.last_activity.set(at);
                }
            }
            TabMessage::SignedIn => self.recheck(),
            TabMessage::SignedOut => self.mark_signed_out(),
        }
    }
}

/// Provided by `src/prerender.rs` while it renders the frame of a signed-in page, and by
/// `src/start.rs` when the app starts on one: the session starts as [`SessionState::Expected`],
/// and is checked (in the browser) all the same.
#[derive(Debug, Clone, Copy)]
pub struct SignedInFrame;

/// The value of `data-prerendered` on a signed-in page's frame.
pub const SIGNED_IN_MARK: &str = "signed-in";

/// Provides the session context and starts the app's first conversation with the server:
/// `/config.json` (for the API's address), then the session check. A check that failed for
/// want of a network runs again when the connection is back.
pub fn provide_session_context(config: ConfigContext) -> SessionContext {
    let tabs = Tabs::default();
    let context = SessionContext {
        state: RwSignal::new(if use_context::<SignedInFrame>().is_some() {
            SessionState::Expected
        } else {
            SessionState::Checking
        }),
        last_activity: RwSignal::new(now_ms()),
        config,
        tabs,
    };
    provide_context(context);
    // In the browser only: an effect does not run where a page is rendered ahead of time.
    Effect::new(move |_| {
        tabs.open(move |message| context.on_tab_message(message));
        spawn_local_scoped(async move {
            load_config(context.config).await;
            if sign_out::is_unfinished() {
                // Whoever held the session asked to leave: nobody is signed in, whatever the
                // cookie still says, until the server has heard it.
                context.state.set(SessionState::SignedOut);
                sign_out::finish_unfinished(context.config).await;
                return;
            }
            context
                .state
                .set(fetch_session(Api::new(context.config, None)).await.into());
        });
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
    use portal_api::{Channel, PersonalId};

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
            channel: Channel::Web,
            idle_timeout_seconds: 900,
            absolute_expires_in_seconds: 28_800,
        });
        assert_eq!(signed_in.access(), Access::Allowed);
    }
}
