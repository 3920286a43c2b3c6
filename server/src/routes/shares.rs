//! `/api/v1/shares` and `/api/v1/share-keys`: signed share codes of chosen record fields.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_api::ErrorBody;
use portal_api::record_sync::AccessActor;
use portal_api::share::{CreateShare, Share, ShareKeys, ShareStatus};

use crate::auth::{ClientInfo, CurrentSession};
use crate::citizen_limits;
use crate::error::ApiError;
use crate::json::ApiJson;
use crate::openapi::responses::{JsonBody, SignedIn, SignedInChange};
use crate::record::access_log::{self, Access};
use crate::record::share_views::{self, SharedThing};
use crate::record::store as records;
use crate::share::store;
use crate::state::AppState;

/// Signs a share of the chosen fields for the chosen time.
#[utoipa::path(
    post,
    path = "/api/v1/shares",
    tag = "shares",
    operation_id = "createShare",
    request_body = CreateShare,
    responses(
        (status = 201, description = "The share, with its signed code", body = Share),
        JsonBody,
        SignedInChange,
        (status = 409, description = "`share_limit_reached`: the citizen already has as many live shares (record share codes and document links, neither expired nor revoked) as `allowed`; revoke one first", body = ErrorBody),
        (status = 422, description = "`validation_failed`: no `fields`, or `valid_minutes` outside 10 to 1440", body = ErrorBody),
    ),
)]
pub async fn create_share(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    ApiJson(body): ApiJson<CreateShare>,
) -> Result<(StatusCode, Json<Share>), ApiError> {
    body.validate().map_err(ApiError::validation)?;
    let now = state.clock.now();
    let signer = state.share_signer.clone();
    let allowed = state.citizen_limits.live_shares_per_citizen;
    let share = state
        .db
        .write(move |c| {
            let owner = &session.personal_id;
            // The count and the insert in one transaction, under the citizen's row lock.
            let tx = c.transaction()?;
            if let Err(full) = citizen_limits::room_for_share(&tx, owner, allowed, now)? {
                return Ok(Err(full));
            }
            let (record, _) = records::load(&tx, owner)?;
            let share = store::create(&tx, &signer, &record, &body, &session.id, now)?;
            tx.commit()?;
            Ok(Ok(share))
        })
        .await??;
    Ok((StatusCode::CREATED, Json(share)))
}

/// The citizen's shares that have not expired, revoked ones included, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/shares",
    tag = "shares",
    operation_id = "listShares",
    responses(
        (status = 200, description = "The shares", body = Vec<Share>),
        SignedIn,
    ),
)]
pub async fn list_shares(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
) -> Result<Json<Vec<Share>>, ApiError> {
    let now = state.clock.now();
    let shares = state
        .db
        .read(move |c| store::list(c, &session.personal_id, now))
        .await?;
    Ok(Json(shares))
}

/// Revokes a share: verifiers that check online refuse it from now on.
#[utoipa::path(
    delete,
    path = "/api/v1/shares/{id}",
    tag = "shares",
    operation_id = "revokeShare",
    params(("id" = String, Path, description = "The share's id")),
    responses(
        (status = 204, description = "Revoked"),
        SignedInChange,
        (status = 404, description = "The citizen has no unrevoked share with this id", body = ErrorBody),
    ),
)]
pub async fn revoke_share(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now();
    let revoked = state
        .db
        .write(move |c| store::revoke(c, &session.personal_id, &id, now))
        .await?;
    if revoked {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found())
    }
}

/// Whether a share was revoked: the verify page's online check. Public, limited per client
/// address; a verifier's checks are recorded in the citizen's access log once an hour.
#[utoipa::path(
    get,
    path = "/api/v1/shares/{id}/status",
    tag = "shares",
    operation_id = "shareStatus",
    security(()),
    params(("id" = String, Path, description = "The share's id, from the signed payload")),
    responses(
        (status = 200, description = "The share's standing", body = ShareStatus),
        (status = 404, description = "No share with this id", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many calls from this address; `retry_after_seconds` and `Retry-After` say when to try again", body = ErrorBody),
    ),
)]
pub async fn share_status(
    State(state): State<AppState>,
    client: ClientInfo,
    Path(id): Path<String>,
) -> Result<Json<ShareStatus>, ApiError> {
    share_views::admit(&state, &client).await?;
    let now = state.clock.now();
    let viewer = share_views::viewer(&client);
    let status = state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            let Some((owner, revoked)) = store::status(&tx, &id)? else {
                return Ok(None);
            };
            if share_views::first_this_hour(&tx, SharedThing::ShareCode, &id, &viewer, now)? {
                let access = Access {
                    personal_id: &owner,
                    actor: AccessActor::SharedQrVerification,
                    session: None,
                    kiosk: None,
                    what: "shared_fields",
                    purpose: "verification",
                };
                access_log::record(&tx, &access, now)?;
            }
            tx.commit()?;
            Ok(Some(revoked))
        })
        .await?;
    status
        .map(|revoked| Json(ShareStatus { revoked }))
        .ok_or_else(ApiError::not_found)
}

/// The public keys share codes are signed with.
#[utoipa::path(
    get,
    path = "/api/v1/share-keys",
    tag = "shares",
    operation_id = "shareKeys",
    security(()),
    responses((status = 200, description = "The keys", body = ShareKeys)),
)]
pub async fn share_keys(State(state): State<AppState>) -> Json<ShareKeys> {
    Json(ShareKeys {
        keys: vec![state.share_signer.public_key()],
    })
}
