//! `/api/v1/session`: who is signed in.
//!
//! Signing in is not built yet (it is the next capability); until then no request carries a
//! session, so who-am-I always answers 401, which is what the app's route guard expects from a
//! signed-out citizen.

use axum::Json;
use portal_api::SessionInfo;

use crate::error::ApiError;

/// The signed-in citizen, or 401.
#[utoipa::path(
    get,
    path = "/api/v1/session",
    tag = "session",
    operation_id = "currentSession",
    security(("portal_session" = [])),
    responses(
        (status = 200, description = "The signed-in citizen", body = SessionInfo),
        (status = 401, description = "Nobody is signed in, or the session expired", body = portal_api::ErrorBody),
    ),
)]
pub async fn current_session() -> Result<Json<SessionInfo>, ApiError> {
    Err(ApiError::unauthenticated())
}
