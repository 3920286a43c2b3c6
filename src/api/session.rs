//! `GET {api}/session`: who is signed in, if anyone.

use gloo_net::http::Method;
use portal_api::SessionInfo;

use super::{Api, ApiError};

/// Asks the server who is signed in. Without a session it answers 401, which is
/// [`ApiError::Unauthorized`]: a normal answer for a visitor, not a failure.
pub async fn fetch_session(api: Api) -> Result<SessionInfo, ApiError> {
    api.request(Method::GET, "/session").await
}
