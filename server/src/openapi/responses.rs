//! The answers many operations share, documented once: a handler's `responses(...)` lists
//! its own and names these sets, so "Nobody is signed in" is written here and nowhere else.

use portal_api::ErrorBody;
use utoipa::IntoResponses;

/// An operation for a signed-in citizen.
#[derive(IntoResponses)]
pub enum SignedIn {
    /// Nobody is signed in
    #[response(status = 401)]
    NobodySignedIn(ErrorBody),
}

/// An operation of a signed-in citizen that changes something: it also needs the CSRF header.
#[derive(IntoResponses)]
pub enum SignedInChange {
    /// Nobody is signed in
    #[response(status = 401)]
    NobodySignedIn(ErrorBody),
    /// `forbidden` without the CSRF header
    #[response(status = 403)]
    Forbidden(ErrorBody),
}

/// An operation that reads a JSON body.
#[derive(IntoResponses)]
pub enum JsonBody {
    /// The body is not the expected JSON
    #[response(status = 400)]
    Malformed(ErrorBody),
    /// The body is not JSON
    #[response(status = 415)]
    NotJson(ErrorBody),
}

/// An operation that changes something without a citizen's session (signing in, the
/// operator's): the CSRF header alone.
#[derive(IntoResponses)]
pub enum PublicChange {
    /// `forbidden` without the CSRF header
    #[response(status = 403)]
    Forbidden(ErrorBody),
}
