//! `/api/v1/session`: who is signed in, staying signed in, signing out.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum_extra::extract::cookie::CookieJar;
use portal_api::{ErrorBody, PersonalId, SessionInfo};

use crate::auth::clock::seconds;
use crate::auth::current::{expired_session_cookie, presented_token};
use crate::auth::sessions::{self, EndReason, Session};
use crate::auth::{CurrentSession, accounts};
use crate::error::ApiError;
use crate::openapi::responses::PublicChange;
use crate::state::AppState;

/// The answer about a live session.
pub async fn session_info(
    state: &AppState,
    session: &Session,
    now: i64,
) -> Result<SessionInfo, ApiError> {
    let id = session.personal_id.clone();
    let full_name = state.db.read(move |c| accounts::full_name(c, &id)).await?;
    let personal_id = PersonalId::parse(&session.personal_id).map_err(|_| ApiError::internal())?;
    Ok(SessionInfo {
        personal_id,
        full_name,
        channel: session.channel,
        idle_timeout_seconds: seconds(session.idle_timeout),
        absolute_expires_in_seconds: seconds(session.expires_at - now),
    })
}

/// The signed-in citizen and the session's clock. Counts as activity.
#[utoipa::path(
    get,
    path = "/api/v1/session",
    tag = "session",
    operation_id = "currentSession",
    responses(
        (status = 200, description = "The signed-in citizen", body = SessionInfo),
        (status = 401, description = "Nobody is signed in, or the session expired or was ended", body = ErrorBody),
    ),
)]
pub async fn current_session(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
) -> Result<Json<SessionInfo>, ApiError> {
    let now = state.clock.now();
    Ok(Json(session_info(&state, &session, now).await?))
}

/// "Stay signed in": marks the session active and answers its clock.
#[utoipa::path(
    post,
    path = "/api/v1/session/keep-alive",
    tag = "session",
    operation_id = "keepSessionAlive",
    responses(
        (status = 200, description = "The session's idle timer starts again", body = SessionInfo),
        (status = 401, description = "The session already ended", body = ErrorBody),
        PublicChange,
    ),
)]
pub async fn keep_alive(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
) -> Result<Json<SessionInfo>, ApiError> {
    // The extractor already marked the session active; what is left is the who-am-I answer.
    current_session(State(state), CurrentSession(session)).await
}

/// Signs out: the session ends on the server and the browser forgets the cookie. Answers 204
/// even when there was no session, so signing out twice is harmless.
#[utoipa::path(
    delete,
    path = "/api/v1/session",
    tag = "session",
    operation_id = "signOut",
    security(()),
    responses(
        (status = 204, description = "Signed out; the response clears the cookie"),
        PublicChange,
    ),
)]
pub async fn sign_out(
    State(state): State<AppState>,
    jar: CookieJar,
) -> Result<(CookieJar, StatusCode), ApiError> {
    if let Some(token) = presented_token(&jar) {
        let now = state.clock.now();
        state
            .db
            .write(move |c| {
                if let Some(session) = sessions::resume(c, &token, now)? {
                    sessions::end(c, &session.id, EndReason::SignedOut, now)?;
                }
                Ok(())
            })
            .await?;
    }
    let jar = jar.add(expired_session_cookie(state.auth.secure_cookie));
    Ok((jar, StatusCode::NO_CONTENT))
}
