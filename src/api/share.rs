//! Share codes: the citizen's own (`POST/GET {api}/shares`, `DELETE {api}/shares/{id}`) and
//! the public checks of the verify page (`GET {api}/share-keys`,
//! `GET {api}/shares/{id}/status`).

use gloo_net::http::Method;
use portal_api::share::{CreateShare, Share, ShareKey, ShareKeys, ShareStatus};

use super::{Api, ApiError};

/// Signs a share of the chosen fields for the chosen time.
pub async fn create_share(api: Api, body: &CreateShare) -> Result<Share, ApiError> {
    api.send_json(Method::POST, "/shares", body).await
}

/// The citizen's shares that have not expired, revoked ones included, newest first.
pub async fn list_shares(api: Api) -> Result<Vec<Share>, ApiError> {
    api.request(Method::GET, "/shares").await
}

/// Revokes share `id` (from the server's own list).
pub async fn revoke_share(api: Api, id: &str) -> Result<(), ApiError> {
    api.send_empty(Method::DELETE, &format!("/shares/{}", segment(id)))
        .await
}

/// The portal's published signing keys.
pub async fn share_keys(api: Api) -> Result<Vec<ShareKey>, ApiError> {
    api.request::<ShareKeys>(Method::GET, "/share-keys")
        .await
        .map(|keys| keys.keys)
}

/// Whether share `id` (from a verified code) still stands.
pub async fn share_status(api: Api, id: &str) -> Result<ShareStatus, ApiError> {
    api.request(Method::GET, &format!("/shares/{}/status", segment(id)))
        .await
}

/// `id` as one path segment: ids are URL-safe today, but a code's text must never be able to
/// reach another path.
fn segment(id: &str) -> String {
    String::from(js_sys::encode_uri_component(id))
}
