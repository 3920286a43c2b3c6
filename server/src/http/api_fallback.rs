//! What the API answers for a path or a method it does not have: the JSON error shape, never
//! the app's index.html, so a client that calls a wrong URL learns so at once.

use axum::Router;
use axum::routing::any;

use portal_api::ErrorCode;

use crate::error::ApiError;

/// The message of a 404 for a path no endpoint has, distinct from an endpoint's own 404 for
/// an item that does not exist, so a test can tell an unrouted path from a missing item.
pub const NO_ENDPOINT: &str = "no endpoint at this path";
use crate::state::AppState;

/// Any path under `/api` that no endpoint claims.
async fn not_found() -> ApiError {
    ApiError::new(ErrorCode::NotFound, NO_ENDPOINT)
}

/// An endpoint's path with a method it does not take.
pub async fn method_not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}

/// Routes that catch everything under `/api` the endpoints leave.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
}
