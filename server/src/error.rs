//! [`ApiError`]: every failure of the API, answered in the one error shape.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use portal_api::{ErrorBody, ErrorCode};

/// A failed API request. Its response is an [`ErrorBody`] with the status that
/// [`ErrorCode::http_status`] gives, so the code and the status can never disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    body: ErrorBody,
}

impl ApiError {
    /// An error with this code and a developer-facing English message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            body: ErrorBody::new(code, message),
        }
    }

    /// No signed-in session.
    pub fn unauthenticated() -> Self {
        Self::new(ErrorCode::Unauthenticated, "sign in first")
    }

    /// Nothing at this path.
    pub fn not_found() -> Self {
        Self::new(ErrorCode::NotFound, "no such resource")
    }

    /// The path exists, the method does not.
    pub fn method_not_allowed() -> Self {
        Self::new(
            ErrorCode::MethodNotAllowed,
            "this method is not allowed here",
        )
    }

    /// The server failed; details go to the log, never to the client.
    pub fn internal() -> Self {
        Self::new(
            ErrorCode::Internal,
            "the server failed; quote the x-request-id when asking for help",
        )
    }

    /// A dependency (the database, the national database) did not answer.
    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Unavailable, message)
    }

    /// The machine-readable code.
    pub fn code(&self) -> ErrorCode {
        self.body.code
    }

    /// The body the client receives.
    pub fn body(&self) -> &ErrorBody {
        &self.body
    }
}

impl From<ErrorBody> for ApiError {
    fn from(body: ErrorBody) -> Self {
        Self { body }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.body.code.http_status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(self.body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_follows_the_code() {
        let response = ApiError::unauthenticated().into_response();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let response = ApiError::method_not_allowed().into_response();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(
            response.headers()["content-type"],
            "application/json",
            "errors are JSON"
        );
    }
}
