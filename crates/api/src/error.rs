//! The one error shape every failing endpoint answers with.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::requests::RequestDetail;

/// A stable, machine-readable reason for a failed request. The app maps each to a
/// translated message; the English `message` beside it is for logs and developers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No signed-in session, or it expired or was revoked (HTTP 401).
    Unauthenticated,
    /// The session may not do this (HTTP 403), e.g. a missing CSRF header.
    Forbidden,
    /// Nothing at this path, or nothing this citizen may see there (HTTP 404).
    NotFound,
    /// The path exists but not for this HTTP method (HTTP 405).
    MethodNotAllowed,
    /// The body is not well-formed JSON, or not the expected shape (HTTP 400).
    MalformedRequest,
    /// The body was understood but some fields break the rules; see `fields` (HTTP 422).
    ValidationFailed,
    /// The body is larger than the endpoint accepts (HTTP 413).
    PayloadTooLarge,
    /// The body's content type is not one the endpoint accepts (HTTP 415).
    UnsupportedMediaType,
    /// Too many attempts; wait for `Retry-After` seconds (HTTP 429).
    RateLimited,
    /// The national population database or another upstream did not answer (HTTP 503).
    Unavailable,
    /// Something failed on the server; the request id identifies it in the logs (HTTP 500).
    Internal,
    /// Sign-in: no account with this identifier and password (HTTP 401). One code for both
    /// a wrong identifier and a wrong password, so nobody can learn who has an account.
    InvalidCredentials,
    /// Sign-in: the account exists but is not verified yet (HTTP 403).
    AccountNotVerified,
    /// Sign-in: too many wrong passwords; locked for `retry_after_seconds` (HTTP 423).
    AccountLocked,
    /// Sign-in: the one-time code is wrong; `attempts_left` more tries (HTTP 401).
    WrongCode,
    /// Sign-in: the code expired, or too many wrong codes; start again (HTTP 410).
    CodeExpired,
    /// The request does not fit the resource's state, e.g. editing a submitted request or
    /// withdrawing one already in processing (HTTP 409).
    Conflict,
    /// The national population database holds no such citizen, in the SMS channel's words
    /// "phone number or citizen does not exist" (HTTP 404).
    CitizenNotFound,
    /// A draft's save was based on a revision that is no longer the current one: the draft
    /// was saved meanwhile (another tab, another device, an older save that arrived late).
    /// Nothing was saved; `draft` holds the draft as it now stands, to merge and save again
    /// with its `revision` (HTTP 409).
    DraftConflict,
    /// The citizen already has as many open drafts as a citizen may (`allowed`): starting
    /// one more is refused until one is submitted or discarded (HTTP 409: waiting does not
    /// help, so not 429).
    DraftLimitReached,
    /// The citizen already has as many live shares as a citizen may (`allowed`): share codes
    /// of the record and document links together, neither expired nor revoked. Making one
    /// more is refused until one is revoked or expires (HTTP 409).
    ShareLimitReached,
    /// The file would take the citizen's uploaded files past their storage quota (`allowed`
    /// bytes). Nothing was stored (HTTP 409: the file is refused for what the store already
    /// holds, not for its own size, which is `payload_too_large`).
    StorageQuotaExceeded,
}

impl ErrorCode {
    /// The HTTP status that goes with this code.
    pub const fn http_status(self) -> u16 {
        match self {
            Self::Unauthenticated => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::MalformedRequest => 400,
            Self::ValidationFailed => 422,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::RateLimited => 429,
            Self::Unavailable => 503,
            Self::Internal => 500,
            Self::InvalidCredentials | Self::WrongCode => 401,
            Self::AccountNotVerified => 403,
            Self::AccountLocked => 423,
            Self::CodeExpired => 410,
            Self::CitizenNotFound => 404,
            Self::Conflict
            | Self::DraftConflict
            | Self::DraftLimitReached
            | Self::ShareLimitReached
            | Self::StorageQuotaExceeded => 409,
        }
    }
}

/// Why one field of a request was refused. The app shows the matching translated message
/// at that field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    /// The field is required and was empty or missing.
    Required,
    /// The value is longer than allowed.
    TooLong,
    /// The value does not have the expected shape (e.g. digits only).
    InvalidFormat,
    /// A personal identification number whose first three digits are no province code.
    UnknownProvince,
    /// A personal identification number whose century/sex digit or year disagrees with the
    /// date of birth or sex it goes with.
    InconsistentWithBirth,
    /// A date that does not exist on the calendar, or lies in the future.
    InvalidDate,
    /// An uploaded file larger than the limit (10 MB).
    TooLarge,
    /// An uploaded file that is not a PDF, whatever its name says.
    NotPdf,
    /// An uploaded PDF without a digital signature.
    Unsigned,
    /// An uploaded PDF whose signature is damaged, does not cover the whole file, or uses an
    /// algorithm the portal does not accept.
    BadSignature,
    /// An uploaded PDF whose signature does not match it: the file was changed after signing,
    /// or the signature was not made with the key of the certificate it names.
    SignatureMismatch,
    /// An uploaded PDF signed with a certificate that had expired, or was not yet valid, at
    /// the time of signing.
    CertificateExpired,
    /// An uploaded PDF whose signer's certificate does not chain to a certification authority
    /// the portal trusts.
    UntrustedSigner,
    /// The same file is already in the data store.
    Duplicate,
}

/// The body of every error response: `{"code": "...", "message": "...", "fields": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// The machine-readable reason.
    pub code: ErrorCode,
    /// A short English description for developers and logs; never shown to citizens as is.
    pub message: String,
    /// Per-field reasons, keyed by the request field's name; empty unless `validation_failed`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, FieldErrorCode>,
    /// Seconds to wait before trying again, for `rate_limited` and `account_locked` (the
    /// `Retry-After` header says the same).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u32>,
    /// Tries left, for `wrong_code`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<u32>,
    /// How many a citizen may have, for `draft_limit_reached` (open drafts),
    /// `share_limit_reached` (live shares) and `storage_quota_exceeded` (bytes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<u64>,
}

impl ErrorBody {
    /// An error with no field details.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: BTreeMap::new(),
            retry_after_seconds: None,
            attempts_left: None,
            allowed: None,
        }
    }

    /// A `validation_failed` error listing the fields at fault.
    pub fn validation(fields: BTreeMap<String, FieldErrorCode>) -> Self {
        Self {
            fields,
            ..Self::new(ErrorCode::ValidationFailed, "some fields are not valid")
        }
    }

    /// A refusal for a limit on what a citizen may hold (`draft_limit_reached`,
    /// `share_limit_reached`, `storage_quota_exceeded`), saying how many are `allowed`.
    pub fn stock_limit(code: ErrorCode, allowed: u64, message: impl Into<String>) -> Self {
        Self {
            allowed: Some(allowed),
            ..Self::new(code, message)
        }
    }
}

/// The body of a draft save's 409: the error and, for `draft_conflict`, the draft as it now
/// stands on the server (answers and `revision`), to merge with and save on.
// A type of its own rather than a field of every error body: every page of the app reads error
// bodies and one page merges drafts, so decoding a draft stays out of the code every page
// loads (9 KB brotli of the first load).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftConflictBody {
    /// The error: `draft_conflict`, or `conflict` for a draft that was sent meanwhile.
    #[serde(flatten)]
    pub error: ErrorBody,
    /// The draft as it now stands, for `draft_conflict`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<RequestDetail>,
}

impl DraftConflictBody {
    /// A `draft_conflict` carrying the draft as it now stands.
    pub fn new(current: RequestDetail) -> Self {
        Self {
            error: ErrorBody::new(
                ErrorCode::DraftConflict,
                "the draft was saved meanwhile; merge with `draft` and save on its revision",
            ),
            draft: Some(current),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_uses_snake_case_codes_and_omits_empty_fields() {
        let body = ErrorBody::new(ErrorCode::NotFound, "no such path");
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(json, r#"{"code":"not_found","message":"no such path"}"#);
    }

    #[test]
    fn a_stock_limit_says_how_many_are_allowed() {
        let body = ErrorBody::stock_limit(ErrorCode::DraftLimitReached, 20, "too many drafts");
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(
            json,
            r#"{"code":"draft_limit_reached","message":"too many drafts","allowed":20}"#
        );
        assert_eq!(ErrorCode::DraftLimitReached.http_status(), 409);
    }

    #[test]
    fn a_draft_conflict_is_an_error_body_with_the_draft_beside_it() {
        use crate::requests::{RequestAnswers, RequestDetail};
        let at = "2026-12-05T04:00:00Z".to_owned();
        let current = RequestDetail::draft(
            "D-1".to_owned(),
            3,
            RequestAnswers::default(),
            at.clone(),
            at,
        );
        let body = DraftConflictBody::new(current.clone());
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(json["code"], "draft_conflict");
        assert_eq!(json["draft"]["revision"], 3);
        // Read as an error body, the draft is passed over: an error is read without it.
        let error: ErrorBody = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(error, body.error);
        let back: DraftConflictBody = serde_json::from_value(json).unwrap();
        assert_eq!(back.draft, Some(current));
    }

    #[test]
    fn validation_error_round_trips_with_fields() {
        let mut fields = BTreeMap::new();
        fields.insert("personal_id".to_owned(), FieldErrorCode::UnknownProvince);
        let body = ErrorBody::validation(fields);
        let json = serde_json::to_string(&body).unwrap();
        assert!(
            json.contains(r#""fields":{"personal_id":"unknown_province"}"#),
            "{json}"
        );
        let back: ErrorBody = serde_json::from_str(&json).unwrap();
        assert_eq!(back, body);
    }

    #[test]
    fn every_code_has_an_error_status() {
        for code in [
            ErrorCode::Unauthenticated,
            ErrorCode::Forbidden,
            ErrorCode::NotFound,
            ErrorCode::MethodNotAllowed,
            ErrorCode::MalformedRequest,
            ErrorCode::ValidationFailed,
            ErrorCode::PayloadTooLarge,
            ErrorCode::UnsupportedMediaType,
            ErrorCode::RateLimited,
            ErrorCode::Unavailable,
            ErrorCode::Internal,
            ErrorCode::InvalidCredentials,
            ErrorCode::AccountNotVerified,
            ErrorCode::AccountLocked,
            ErrorCode::WrongCode,
            ErrorCode::CodeExpired,
            ErrorCode::CitizenNotFound,
            ErrorCode::Conflict,
            ErrorCode::DraftConflict,
            ErrorCode::DraftLimitReached,
            ErrorCode::ShareLimitReached,
            ErrorCode::StorageQuotaExceeded,
        ] {
            assert!((400..600).contains(&code.http_status()), "{code:?}");
        }
    }
}
