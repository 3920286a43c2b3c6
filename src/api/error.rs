//! What can go wrong when the app talks to the API, as one enum the pages match on.

use std::collections::BTreeMap;

use portal_api::requests::RequestDetail;
use portal_api::{ErrorBody, ErrorCode, FieldErrorCode};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsValue;

/// Why a request to the API failed. `components::ErrorNotice` turns each variant into a
/// translated message; no variant carries text meant for citizens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No signed-in session, or it ended (HTTP 401). The session context turns to signed out.
    Unauthorized,
    /// The session may not do this (HTTP 403), e.g. the server refused the CSRF header.
    Forbidden,
    /// Nothing there, or nothing this citizen may see there (HTTP 404).
    NotFound,
    /// Some fields were refused (HTTP 422): the reason for each, keyed by the field's name.
    Validation(BTreeMap<String, FieldErrorCode>),
    /// Too many attempts (HTTP 429); how many seconds to wait, when the server said so.
    RateLimited {
        /// The `Retry-After` header in seconds, if it held a number of seconds.
        retry_after: Option<u32>,
    },
    /// The national population database or another upstream did not answer (HTTP 502–504).
    Unavailable,
    /// No answer at all: the device is offline, the network failed, or the page went away
    /// and the request was aborted.
    Network,
    /// The server failed, or answered something the app cannot read (HTTP 500 and anything
    /// else unexpected, such as a malformed-request error, which is the app's own bug).
    Server,
    /// Sign-in: no account with this identifier and password.
    InvalidCredentials,
    /// Sign-in: the account is not verified yet.
    AccountNotVerified,
    /// Sign-in: locked after too many wrong passwords, for this many seconds.
    AccountLocked {
        /// Seconds until the lock ends, when the server said.
        retry_after: Option<u32>,
    },
    /// Sign-in: the code is wrong; tries left.
    WrongCode {
        /// Tries left, when the server said.
        attempts_left: Option<u32>,
    },
    /// Sign-in: the code expired or was used up; start again.
    CodeExpired,
    /// The national population database holds no such citizen.
    CitizenNotFound,
    /// The resource's state does not allow this (a submitted draft, a decided request);
    /// `fields` names a field when one is at fault (e.g. a duplicate upload).
    Conflict(BTreeMap<String, FieldErrorCode>),
    /// A draft's save was based on an older revision: the draft was saved meanwhile (another
    /// tab, another device, a late save). Nothing was saved; the draft as it now stands, with
    /// its answers and revision, to merge with what the form holds and save again.
    DraftConflict(NewerDraft),
    /// The citizen has as many open drafts as a citizen may (this many): one must be sent or
    /// discarded before another is started.
    DraftLimitReached(u64),
    /// The citizen has as many live share codes and document links as a citizen may (this
    /// many): one must be revoked or expire first.
    ShareLimitReached(u64),
    /// The file would take the citizen's uploads past their storage quota (this many bytes).
    StorageQuotaExceeded(u64),
}

/// The draft a `draft_conflict` answer carries (`DraftConflictBody`), as the browser parsed
/// it. The page that merges it decodes it ([`NewerDraft::decode`]): decoding a draft is a
/// fair piece of wasm (31 KB, 9 KB brotli), which would otherwise be in the code every page
/// loads, since every page reads error answers.
#[derive(Clone)]
pub struct NewerDraft(SendWrapper<JsValue>);

impl NewerDraft {
    /// The `draft` of an error answer's JSON, when it has one.
    pub fn of(json: &JsValue) -> Option<Self> {
        let draft = js_sys::Reflect::get(json, &JsValue::from_str("draft")).ok()?;
        (!draft.is_undefined() && !draft.is_null()).then(|| Self(SendWrapper::new(draft)))
    }

    /// The draft as it now stands on the server; `None` if the server sent something else.
    pub fn decode(&self) -> Option<RequestDetail> {
        serde_wasm_bindgen::from_value(JsValue::clone(&self.0)).ok()
    }
}

impl std::fmt::Debug for NewerDraft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewerDraft")
    }
}

/// The same draft: the same JavaScript object.
impl PartialEq for NewerDraft {
    fn eq(&self, other: &Self) -> bool {
        *self.0 == *other.0
    }
}

impl Eq for NewerDraft {}

impl ApiError {
    /// Maps a failed response: its status, its error body when it had one the app could
    /// read, the draft of a draft save's conflict, and its `Retry-After` header. The body's
    /// code is the more precise reason; the status decides when a proxy or a crash answered
    /// without one.
    pub fn from_response(
        status: u16,
        body: Option<ErrorBody>,
        draft: Option<NewerDraft>,
        retry_after: Option<&str>,
    ) -> Self {
        let header_seconds = retry_after.and_then(|value| value.trim().parse().ok());
        let rate_limited = |body_seconds: Option<u32>| Self::RateLimited {
            retry_after: body_seconds.or(header_seconds),
        };
        match body {
            Some(body) => match body.code {
                ErrorCode::Unauthenticated => Self::Unauthorized,
                ErrorCode::Forbidden => Self::Forbidden,
                ErrorCode::NotFound => Self::NotFound,
                ErrorCode::ValidationFailed => Self::Validation(body.fields),
                ErrorCode::RateLimited => rate_limited(body.retry_after_seconds),
                ErrorCode::Unavailable => Self::Unavailable,
                ErrorCode::MalformedRequest
                | ErrorCode::MethodNotAllowed
                | ErrorCode::PayloadTooLarge
                | ErrorCode::UnsupportedMediaType
                | ErrorCode::Internal => Self::Server,
                ErrorCode::InvalidCredentials => Self::InvalidCredentials,
                ErrorCode::AccountNotVerified => Self::AccountNotVerified,
                ErrorCode::AccountLocked => Self::AccountLocked {
                    retry_after: body.retry_after_seconds.or(header_seconds),
                },
                ErrorCode::WrongCode => Self::WrongCode {
                    attempts_left: body.attempts_left,
                },
                ErrorCode::CodeExpired => Self::CodeExpired,
                ErrorCode::CitizenNotFound => Self::CitizenNotFound,
                ErrorCode::Conflict => Self::Conflict(body.fields),
                // Without the draft there is nothing to merge with: the server's bug.
                ErrorCode::DraftConflict => draft.map_or(Self::Server, Self::DraftConflict),
                // Without the number, the citizen is told what a plain conflict tells.
                ErrorCode::DraftLimitReached => body
                    .allowed
                    .map_or(Self::Conflict(body.fields), Self::DraftLimitReached),
                ErrorCode::ShareLimitReached => body
                    .allowed
                    .map_or(Self::Conflict(body.fields), Self::ShareLimitReached),
                ErrorCode::StorageQuotaExceeded => body
                    .allowed
                    .map_or(Self::Conflict(body.fields), Self::StorageQuotaExceeded),
            },
            None => match status {
                401 => Self::Unauthorized,
                403 => Self::Forbidden,
                404 => Self::NotFound,
                422 => Self::Validation(BTreeMap::new()),
                429 => rate_limited(None),
                502..=504 => Self::Unavailable,
                _ => Self::Server,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(code: ErrorCode) -> Option<ErrorBody> {
        Some(ErrorBody::new(code, "test"))
    }

    #[test]
    fn the_body_code_decides_when_there_is_one() {
        assert_eq!(
            ApiError::from_response(401, body(ErrorCode::Unauthenticated), None, None),
            ApiError::Unauthorized
        );
        assert_eq!(
            ApiError::from_response(403, body(ErrorCode::Forbidden), None, None),
            ApiError::Forbidden
        );
        assert_eq!(
            ApiError::from_response(404, body(ErrorCode::NotFound), None, None),
            ApiError::NotFound
        );
        assert_eq!(
            ApiError::from_response(503, body(ErrorCode::Unavailable), None, None),
            ApiError::Unavailable
        );
        assert_eq!(
            ApiError::from_response(500, body(ErrorCode::Internal), None, None),
            ApiError::Server
        );
        assert_eq!(
            ApiError::from_response(400, body(ErrorCode::MalformedRequest), None, None),
            ApiError::Server
        );
    }

    #[test]
    fn sign_in_outcomes_keep_their_numbers() {
        let mut locked = ErrorBody::new(ErrorCode::AccountLocked, "locked");
        locked.retry_after_seconds = Some(600);
        assert_eq!(
            ApiError::from_response(423, Some(locked), None, None),
            ApiError::AccountLocked {
                retry_after: Some(600)
            }
        );
        let mut wrong = ErrorBody::new(ErrorCode::WrongCode, "wrong");
        wrong.attempts_left = Some(2);
        assert_eq!(
            ApiError::from_response(401, Some(wrong), None, None),
            ApiError::WrongCode {
                attempts_left: Some(2)
            }
        );
        assert_eq!(
            ApiError::from_response(401, body(ErrorCode::InvalidCredentials), None, None),
            ApiError::InvalidCredentials,
            "a 401 that is a sign-in answer is not a lost session"
        );
        let mut limited = ErrorBody::new(ErrorCode::RateLimited, "slow down");
        limited.retry_after_seconds = Some(40);
        assert_eq!(
            ApiError::from_response(429, Some(limited), None, Some("99")),
            ApiError::RateLimited {
                retry_after: Some(40)
            }
        );
    }

    #[test]
    fn a_draft_conflict_carries_the_newer_draft() {
        // A JavaScript value of its own only in the browser; here, one of the constants.
        let newer = NewerDraft(SendWrapper::new(JsValue::NULL));
        assert!(matches!(
            ApiError::from_response(409, body(ErrorCode::DraftConflict), Some(newer), None),
            ApiError::DraftConflict(_)
        ));
        assert_eq!(
            ApiError::from_response(409, body(ErrorCode::DraftConflict), None, None),
            ApiError::Server
        );
    }

    #[test]
    fn a_stock_limit_keeps_how_many_are_allowed() {
        let full = ErrorBody::stock_limit(ErrorCode::DraftLimitReached, 20, "full");
        assert_eq!(
            ApiError::from_response(409, Some(full), None, None),
            ApiError::DraftLimitReached(20)
        );
        let quota = ErrorBody::stock_limit(ErrorCode::StorageQuotaExceeded, 1024, "full");
        assert_eq!(
            ApiError::from_response(409, Some(quota), None, None),
            ApiError::StorageQuotaExceeded(1024)
        );
        assert_eq!(
            ApiError::from_response(409, body(ErrorCode::ShareLimitReached), None, None),
            ApiError::Conflict(BTreeMap::new())
        );
    }

    #[test]
    fn validation_keeps_the_field_reasons() {
        let mut fields = BTreeMap::new();
        fields.insert("personal_id".to_owned(), FieldErrorCode::UnknownProvince);
        let body = ErrorBody::validation(fields.clone());
        assert_eq!(
            ApiError::from_response(422, Some(body), None, None),
            ApiError::Validation(fields)
        );
    }

    #[test]
    fn rate_limited_reads_retry_after_seconds_only() {
        assert_eq!(
            ApiError::from_response(429, body(ErrorCode::RateLimited), None, Some("30")),
            ApiError::RateLimited {
                retry_after: Some(30)
            }
        );
        assert_eq!(
            ApiError::from_response(429, None, None, Some("Wed, 21 Oct 2026 07:28:00 GMT")),
            ApiError::RateLimited { retry_after: None }
        );
        assert_eq!(
            ApiError::from_response(429, None, None, None),
            ApiError::RateLimited { retry_after: None }
        );
    }

    #[test]
    fn the_status_decides_without_a_readable_body() {
        assert_eq!(
            ApiError::from_response(401, None, None, None),
            ApiError::Unauthorized
        );
        assert_eq!(
            ApiError::from_response(403, None, None, None),
            ApiError::Forbidden
        );
        assert_eq!(
            ApiError::from_response(404, None, None, None),
            ApiError::NotFound
        );
        assert_eq!(
            ApiError::from_response(422, None, None, None),
            ApiError::Validation(BTreeMap::new())
        );
        for status in [502, 503, 504] {
            assert_eq!(
                ApiError::from_response(status, None, None, None),
                ApiError::Unavailable
            );
        }
        for status in [400, 405, 500, 501, 418] {
            assert_eq!(
                ApiError::from_response(status, None, None, None),
                ApiError::Server
            );
        }
    }
}
