//! What a change to a request or draft came to, for the route to answer.

use portal_api::FieldErrorCode;
use portal_api::requests::RequestDetail;
use std::collections::BTreeMap;

/// What a change to a request came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Done; the request as it now stands.
    Done(Box<RequestDetail>),
    /// The citizen has no such request or draft.
    NotFound,
    /// Its status does not allow this.
    Conflict(&'static str),
    /// A draft's save based on a revision that is no longer current: nothing changed; the
    /// draft as it now stands.
    Stale(Box<RequestDetail>),
    /// The answers break the rules.
    Invalid(BTreeMap<String, FieldErrorCode>),
}
