//! The citizen's account: `GET {api}/account/activity`, and ending or reporting one of their
//! sessions (`DELETE {api}/account/sessions/{id}`, `POST {api}/account/sessions/{id}/report`).

use gloo_net::http::Method;
use portal_api::auth::{AccountActivity, SessionReport};

use super::{Api, ApiError};

/// Open sessions (the current one first) and the latest sign-in attempts.
pub async fn fetch_activity(api: Api) -> Result<AccountActivity, ApiError> {
    api.request(Method::GET, "/account/activity").await
}

/// What the citizen does with another of their sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionAction {
    /// "End session": signs that device out.
    End,
    /// "This wasn't me": signs it out and records the report for investigation.
    Report,
}

/// How a session the citizen acted on ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionEnded {
    /// Signed out, nothing else undone.
    Ended,
    /// Signed out as "not me", with what it made revoked.
    Reported(SessionReport),
}

/// Ends session `id` (never the current one: the page offers that as "Sign out"), and with
/// [`SessionAction::Report`] records that the citizen does not recognise it and revokes the
/// share links and codes it made.
pub async fn end_session(
    api: Api,
    id: &str,
    action: SessionAction,
) -> Result<SessionEnded, ApiError> {
    // The id comes from the server's own list; it is opaque URL-safe text.
    match action {
        SessionAction::End => api
            .send_empty(Method::DELETE, &format!("/account/sessions/{id}"))
            .await
            .map(|()| SessionEnded::Ended),
        SessionAction::Report => api
            .post(&format!("/account/sessions/{id}/report"))
            .await
            .map(SessionEnded::Reported),
    }
}
