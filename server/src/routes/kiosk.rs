//! Registered kiosks: the kiosk's own exchange of its token for the device cookie, and, for
//! demos and tests, registering and revoking kiosks as a site's staff would.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum_extra::extract::cookie::CookieJar;
use portal_api::ErrorBody;
use portal_api::kiosk::{KIOSK_TOKEN_MAX_LEN, KioskDeviceToken, KioskRegistration, NewKiosk};

use crate::auth::kiosks;
use crate::error::ApiError;
use crate::http::operator::Operator;
use crate::json::ApiJson;
use crate::openapi::responses::{JsonBody, PublicChange};
use crate::state::AppState;

/// Exchanges a registered kiosk's token (from its own `config.json`) for the HttpOnly device
/// cookie, so the server counts this browser's sign-ins against the kiosk's own budget and
/// names the kiosk in its sessions and access log. The app calls it at every start.
#[utoipa::path(
    post,
    path = "/api/v1/kiosk-device",
    tag = "session",
    operation_id = "registerKioskDevice",
    security(()),
    request_body = KioskDeviceToken,
    responses(
        (status = 204, description = "A registered kiosk; the response sets the `portal_kiosk` cookie",
            headers(("set-cookie" = String, description = "`portal_kiosk=…; Path=/api/v1; HttpOnly; Secure; SameSite=Strict`"))),
        JsonBody,
        (status = 401, description = "`invalid_credentials`: no live kiosk has this token (never registered, or revoked); the response clears the cookie", body = ErrorBody),
        PublicChange,
    ),
)]
pub async fn register_device(
    State(state): State<AppState>,
    jar: CookieJar,
    ApiJson(body): ApiJson<KioskDeviceToken>,
) -> Result<(CookieJar, StatusCode), (CookieJar, ApiError)> {
    let secure = state.auth.secure_cookie;
    let token = body.token;
    let found = if token.len() > KIOSK_TOKEN_MAX_LEN {
        None
    } else {
        let token = token.clone();
        state
            .db
            .read(move |c| kiosks::find(c, &token))
            .await
            .map_err(|error| (jar.clone(), ApiError::from(error)))?
    };
    match found {
        Some(_) => Ok((
            jar.add(kiosks::device_cookie(token, secure)),
            StatusCode::NO_CONTENT,
        )),
        None => Err((
            jar.add(kiosks::expired_device_cookie(secure)),
            ApiError::invalid_credentials(),
        )),
    }
}

/// Registers a kiosk as a site's staff would (`portal-server register-kiosk` does the same
/// on a real deployment); the answer carries its token, once.
#[utoipa::path(
    post,
    path = "/api/v1/operator/kiosks",
    tag = "development",
    operation_id = "operatorRegisterKiosk",
    security(("operator" = [])),
    request_body = NewKiosk,
    responses(
        (status = 201, description = "Registered; `token` goes in the kiosk's `config.json`", body = KioskRegistration),
        JsonBody,
        (status = 401, description = "Without the operator credential", body = ErrorBody),
        PublicChange,
        (status = 404, description = "The endpoint is off (the default): not routed, like any unknown path", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `name` or `site` is blank or too long", body = ErrorBody),
    ),
)]
pub async fn register_kiosk(
    State(state): State<AppState>,
    _operator: Operator,
    ApiJson(body): ApiJson<NewKiosk>,
) -> Result<(StatusCode, Json<KioskRegistration>), ApiError> {
    body.validate().map_err(ApiError::validation)?;
    let now = state.clock.now();
    let registered = state
        .db
        .write(move |c| kiosks::register(c, body.name.trim(), body.site.trim(), now))
        .await?;
    Ok((StatusCode::CREATED, Json(registered)))
}

/// Revokes a kiosk (lost, stolen, replaced): its token and cookie open nothing from now on.
#[utoipa::path(
    delete,
    path = "/api/v1/operator/kiosks/{id}",
    tag = "development",
    operation_id = "operatorRevokeKiosk",
    security(("operator" = [])),
    params(("id" = String, Path, description = "The kiosk's id, from its registration")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "Without the operator credential", body = ErrorBody),
        PublicChange,
        (status = 404, description = "No live kiosk with this id; or the endpoint is off (the default)", body = ErrorBody),
    ),
)]
pub async fn revoke_kiosk(
    State(state): State<AppState>,
    _operator: Operator,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now();
    let revoked = state.db.write(move |c| kiosks::revoke(c, &id, now)).await?;
    if revoked {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found())
    }
}
