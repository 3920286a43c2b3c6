//! `GET /config.json`: the deployment's runtime settings for the app, beside index.html.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use portal_api::ClientConfig;

use crate::state::AppState;

/// What this deployment tells the app at start-up (API address, kiosk mode, timeouts), from
/// the server's flags, so that one build of the app serves a citizen's browser and a kiosk.
#[utoipa::path(
    get,
    path = "/config.json",
    tag = "system",
    operation_id = "clientConfig",
    security(()),
    responses(
        (status = 200, description = "The settings of this deployment", body = ClientConfig),
    ),
)]
pub async fn client_config(State(state): State<AppState>) -> impl IntoResponse {
    // Revalidated on every load, unlike the API's no-store: a kiosk that reloads offline may
    // start from its cached copy, and a changed setting still reaches it on the next load.
    (
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"))],
        Json(state.client_config),
    )
}
