//! `/api/v1/account`: the citizen's sessions and sign-ins, and ending a session they do not
//! want or do not recognise.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_api::ErrorBody;
use portal_api::auth::{AccountActivity, SessionReport};

use crate::auth::sessions::{self, EndReason};
use crate::auth::{CurrentSession, sign_in_events};
use crate::documents::shares as document_links;
use crate::error::ApiError;
use crate::openapi::responses::{SignedIn, SignedInChange};
use crate::share::store as share_codes;
use crate::state::AppState;

/// Open sessions (the current one first) and the latest sign-in attempts.
#[utoipa::path(
    get,
    path = "/api/v1/account/activity",
    tag = "account",
    operation_id = "accountActivity",
    responses(
        (status = 200, description = "The citizen's sessions and recent sign-ins", body = AccountActivity),
        SignedIn,
    ),
)]
pub async fn activity(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
) -> Result<Json<AccountActivity>, ApiError> {
    let now = state.clock.now();
    let activity = state
        .db
        .write(move |c| {
            Ok(AccountActivity {
                sessions: sessions::active(c, &session.personal_id, &session.id, now)?,
                sign_ins: sign_in_events::recent(c, &session.personal_id)?,
            })
        })
        .await?;
    Ok(Json(activity))
}

/// Ends one of the citizen's sessions (another device, a kiosk left signed in).
#[utoipa::path(
    delete,
    path = "/api/v1/account/sessions/{id}",
    tag = "account",
    operation_id = "endSession",
    params(("id" = String, Path, description = "The session's id from the activity list")),
    responses(
        (status = 204, description = "The session ended"),
        SignedInChange,
        (status = 404, description = "The citizen has no live session with this id", body = ErrorBody),
    ),
)]
pub async fn end_session(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now();
    let ended = state
        .db
        .write(move |c| {
            sessions::end_own(c, &session.personal_id, &id, EndReason::EndedByCitizen, now)
        })
        .await?;
    if ended {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found())
    }
}

/// "This wasn't me": ends the session, records the report for investigation, and revokes
/// every live document link and record share code the session made, since whoever held it
/// may have handed them out.
#[utoipa::path(
    post,
    path = "/api/v1/account/sessions/{id}/report",
    tag = "account",
    operation_id = "reportSession",
    params(("id" = String, Path, description = "The session's id from the activity list")),
    responses(
        (status = 200, description = "The session ended, the report was recorded, and what the session made was revoked: the counts say how much", body = SessionReport),
        SignedInChange,
        (status = 404, description = "The citizen has no live session with this id", body = ErrorBody),
    ),
)]
pub async fn report_session(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    Path(id): Path<String>,
) -> Result<Json<SessionReport>, ApiError> {
    let now = state.clock.now();
    let reported = state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            let ended =
                sessions::end_own(&tx, &session.personal_id, &id, EndReason::Reported, now)?;
            if !ended {
                return Ok(None);
            }
            sessions::record_report(&tx, &id, &session.id, now)?;
            let report = SessionReport {
                revoked_document_links: document_links::revoke_made_in(&tx, &id, now)?,
                revoked_share_codes: share_codes::revoke_made_in(&tx, &id, now)?,
            };
            tx.commit()?;
            Ok(Some(report))
        })
        .await?;
    reported.map(Json).ok_or_else(ApiError::not_found)
}
