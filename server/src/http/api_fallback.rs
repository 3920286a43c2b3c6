//! What the API answers for a path or a method it does not have: the JSON error shape, never
//! the app's index.html, so a client that calls a wrong URL learns so at once.

use axum::Router;
use axum::routing::any;

use crate::error::ApiError;
use crate::state::AppState;

/// Any path under `/api` that no endpoint claims.
async fn not_found() -> ApiError {
    ApiError::not_found()
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
