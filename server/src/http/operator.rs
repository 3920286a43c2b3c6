//! The operator credential: what the demo's behind-the-scenes endpoints (deciding requests,
//! changing the simulated national database, reading the SMS outbox) ask for. Those routes
//! exist only on a server started with their flags; even then, knowing the address is not
//! enough.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use portal_api::ErrorCode;

use crate::auth::secrets;
use crate::error::ApiError;
use crate::state::AppState;

/// Proof that the request carries the operator's `Authorization: Bearer` token.
#[derive(Debug, Clone, Copy)]
pub struct Operator;

impl FromRequestParts<AppState> for Operator {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let presented = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        // Hashes are compared, so the comparison's timing says nothing about the token.
        match (&state.operator_token_hash, presented) {
            (Some(expected), Some(token)) if secrets::hash(token) == *expected => Ok(Self),
            _ => Err(ApiError::new(
                ErrorCode::Unauthenticated,
                "this endpoint needs the operator credential (Authorization: Bearer …)",
            )),
        }
    }
}
