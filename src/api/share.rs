//! Share codes: the citizen's own (`POST/GET {api}/shares`, `DELETE {api}/shares/{id}`) and
//! the public checks of the verify page (`GET {api}/share-keys`,
//! `GET {api}/shares/{id}/status`).

use gloo_net::http::Method;
use portal_api::share::{CreateShare, Share, ShareKey, ShareKeys, ShareStatus};

use super::{ApiError, request, send_empty, send_json};

/// Signs a share of the chosen fields for the chosen time.
pub async fn create_share(api: &str, body: &CreateShare) -> Result<Share, ApiError> {
    send_json(Method::POST, &format!("{api}/shares"), body).await
}

/// The citizen's shares that have not expired, revoked ones included, newest first.
pub async fn list_shares(api: &str) -> Result<Vec<Share>, ApiError> {
    request(Method::GET, &format!("{api}/shares")).await
}

/// Revokes share `id` (from the server's own list).
pub async fn revoke_share(api: &str, id: &str) -> Result<(), ApiError> {
    send_empty(Method::DELETE, &format!("{api}/shares/{}", segment(id))).await
}

/// The portal's published signing keys.
pub async fn share_keys(api: &str) -> Result<Vec<ShareKey>, ApiError> {
    request::<ShareKeys>(Method::GET, &format!("{api}/share-keys"))
        .await
        .map(|keys| keys.keys)
}

/// Whether share `id` (from a verified code) still stands.
pub async fn share_status(api: &str, id: &str) -> Result<ShareStatus, ApiError> {
    request(Method::GET, &format!("{api}/shares/{}/status", segment(id))).await
}

/// `id` as one path segment: ids are URL-safe today, but a code's text must never be able to
/// reach another path.
fn segment(id: &str) -> String {
    String::from(js_sys::encode_uri_component(id))
}
