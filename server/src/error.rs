//! [`ApiError`]: every failure of the API, answered in the one error shape.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_api::requests::RequestDetail;
use portal_api::{DraftConflictBody, ErrorBody, ErrorCode};

use crate::db::DbError;

/// A failed API request. Its response is an [`ErrorBody`] with the status that
/// [`ErrorCode::http_status`] gives, so the code and the status can never disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    body: ErrorBody,
    /// The draft as it now stands, for a `draft_conflict` ([`DraftConflictBody`]).
    draft: Option<Box<RequestDetail>>,
}

impl ApiError {
    /// An error with this code and a developer-facing English message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            body: ErrorBody::new(code, message),
            draft: None,
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

    /// The request is not what the endpoint reads (a query string, a multipart body);
    /// `message` is the extractor's own explanation, for the client's developer.
    pub fn malformed(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::MalformedRequest, message)
    }

    /// Some fields break the rules.
    pub fn validation(
        fields: std::collections::BTreeMap<String, portal_api::FieldErrorCode>,
    ) -> Self {
        ErrorBody::validation(fields).into()
    }

    /// A state-changing request without the CSRF header, or from another site.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, message)
    }

    /// Too many attempts; try again in `seconds`.
    pub fn rate_limited(seconds: u32) -> Self {
        let mut error = Self::new(
            ErrorCode::RateLimited,
            "too many attempts; wait and try again",
        );
        error.body.retry_after_seconds = Some(seconds);
        error
    }

    /// Wrong identifier or password: one answer for both, so nobody learns who has an account.
    pub fn invalid_credentials() -> Self {
        Self::new(
            ErrorCode::InvalidCredentials,
            "wrong identifier or password",
        )
    }

    /// The account is not verified yet.
    pub fn account_not_verified() -> Self {
        Self::new(
            ErrorCode::AccountNotVerified,
            "the account is not verified yet",
        )
    }

    /// Locked after too many wrong passwords, for `seconds` more.
    pub fn account_locked(seconds: u32) -> Self {
        let mut error = Self::new(
            ErrorCode::AccountLocked,
            "too many wrong passwords; the account is locked",
        );
        error.body.retry_after_seconds = Some(seconds);
        error
    }

    /// A wrong one-time code, with tries left.
    pub fn wrong_code(attempts_left: u32) -> Self {
        let mut error = Self::new(ErrorCode::WrongCode, "the code is wrong");
        error.body.attempts_left = Some(attempts_left);
        error
    }

    /// The code expired or was used up: start again.
    pub fn code_expired() -> Self {
        Self::new(
            ErrorCode::CodeExpired,
            "the code expired or was used up; start again",
        )
    }

    /// The resource's state does not allow this.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
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

impl From<DbError> for ApiError {
    /// A database failure is the server's; the details go to the log only.
    fn from(error: DbError) -> Self {
        tracing::error!(%error, "database failure");
        Self::internal()
    }
}

impl From<ErrorBody> for ApiError {
    fn from(body: ErrorBody) -> Self {
        Self { body, draft: None }
    }
}

impl From<DraftConflictBody> for ApiError {
    fn from(DraftConflictBody { error, draft }: DraftConflictBody) -> Self {
        Self {
            body: error,
            draft: draft.map(Box::new),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.body.code.http_status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let retry_after = self.body.retry_after_seconds;
        let mut response = match self.draft {
            Some(draft) => {
                let body = DraftConflictBody {
                    error: self.body,
                    draft: Some(*draft),
                };
                (status, Json(body)).into_response()
            }
            None => (status, Json(self.body)).into_response(),
        };
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
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
        let response = ApiError::rate_limited(42).into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()["retry-after"], "42");
    }
}
