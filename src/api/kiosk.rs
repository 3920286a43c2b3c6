//! A registered kiosk's device: `POST {api}/kiosk-device`.

use gloo_net::http::Method;
use portal_api::kiosk::KioskDeviceToken;

use super::{Api, ApiError};

/// Exchanges the kiosk's token (from its own `config.json`) for the HttpOnly device cookie,
/// so the server counts this kiosk's sign-ins on its own budget and names it in sessions.
pub async fn register_device(api: Api, token: &str) -> Result<(), ApiError> {
    let body = KioskDeviceToken {
        token: token.to_owned(),
    };
    api.send_json::<_, ()>(Method::POST, "/kiosk-device", &body)
        .await
}
