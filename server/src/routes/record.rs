//! `/api/v1/record`: the citizen's own population record, its refresh, and who accessed it.

use axum::Json;
use axum::extract::{Query, State};
use portal_api::ErrorBody;
use portal_api::documents::MAX_PAGE;
use portal_api::record_sync::{
    AccessActor, AccessLogPage, RecordView, RefreshState, RefreshStatus,
};
use serde::Deserialize;

use crate::auth::{ClientInfo, CurrentSession};
use crate::error::ApiError;
use crate::openapi::responses::{SignedIn, SignedInChange};
use crate::record::access_log::{self, Access};
use crate::record::refresh::{self, StartError};
use crate::record::{refresh_store, store};
use crate::state::AppState;

/// The stored copy of the signed-in citizen's record and when it was synchronised. The read
/// is logged in the citizen's access log.
#[utoipa::path(
    get,
    path = "/api/v1/record",
    tag = "record",
    operation_id = "getRecord",
    responses(
        (status = 200, description = "The citizen's record", body = RecordView),
        SignedIn,
    ),
)]
pub async fn get_record(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    client: ClientInfo,
) -> Result<Json<RecordView>, ApiError> {
    let now = state.clock.now();
    let id = session.personal_id;
    let channel = session.channel;
    let kiosk = session.kiosk;
    let ((record, synced_at), next_refresh_in_seconds) = state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            let loaded = store::load(&tx, &id)?;
            let next = refresh_store::next_in(&tx, &id, now)?;
            let access = Access {
                personal_id: &id,
                actor: AccessActor::Citizen,
                session: Some((channel, &client.device)),
                kiosk: kiosk.as_deref(),
                what: "record",
                purpose: "view",
            };
            access_log::record(&tx, &access, now)?;
            tx.commit()?;
            Ok((loaded, next))
        })
        .await?;
    Ok(Json(RecordView {
        record,
        synced_at,
        next_refresh_in_seconds,
    }))
}

/// Starts a refresh from the national database, or joins the one running, and answers its
/// status after at most about two seconds: `done` with the changes, `failed` with the reason
/// (the stored copy stays), or `running` (ask `GET` for the result).
#[utoipa::path(
    post,
    path = "/api/v1/record/refresh",
    tag = "record",
    operation_id = "refreshRecord",
    responses(
        (status = 200, description = "The refresh's status", body = RefreshStatus),
        SignedInChange,
        (status = 429, description = "`rate_limited`: one refresh a minute, and the citizen's refreshes for the hour (`--record-refreshes-per-citizen-per-hour`); `retry_after_seconds` and `Retry-After` say when", body = ErrorBody),
    ),
)]
pub async fn start_refresh(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
) -> Result<Json<RefreshStatus>, ApiError> {
    let now = state.clock.now();
    let id = session.personal_id.clone();
    let (running, next_in) = state
        .db
        .read(move |c| {
            let running = refresh_store::current(c, &id)?
                .is_some_and(|job| job.status.state == RefreshState::Running);
            Ok((running, refresh_store::next_in(c, &id, now)?))
        })
        .await?;
    // Only a refresh that would start counts: joining the running one asks the national
    // database nothing, and one within the minute is refused below as before.
    if !running && next_in == 0 {
        state
            .citizen_limits
            .record_refreshes()
            .admit(&state.db, session.personal_id.clone(), now)
            .await?;
    }
    match refresh::start_or_join(&state, &session.personal_id).await {
        Ok(status) => Ok(Json(status)),
        Err(StartError::TooSoon(wait)) => Err(ApiError::rate_limited(wait)),
        Err(StartError::Database(error)) => Err(error.into()),
    }
}

/// The latest refresh's status, for a page that comes back to one still running.
#[utoipa::path(
    get,
    path = "/api/v1/record/refresh",
    tag = "record",
    operation_id = "refreshStatus",
    responses(
        (status = 200, description = "The latest refresh's status", body = RefreshStatus),
        SignedIn,
        (status = 404, description = "The citizen has never refreshed their record", body = ErrorBody),
    ),
)]
pub async fn refresh_status(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
) -> Result<Json<RefreshStatus>, ApiError> {
    let id = session.personal_id;
    let latest = state
        .db
        .read(move |c| refresh_store::current(c, &id))
        .await?;
    latest
        .map(|job| Json(job.status))
        .ok_or_else(ApiError::not_found)
}

/// Which page of the access log.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// The page, from 1 (default 1).
    page: Option<u32>,
}

/// Who read the citizen's record and documents, newest first, 20 a page.
#[utoipa::path(
    get,
    path = "/api/v1/record/access-log",
    tag = "record",
    operation_id = "accessLog",
    params(PageQuery),
    responses(
        (status = 200, description = "One page of the log", body = AccessLogPage),
        (status = 400, description = "`page` is not a whole number from 1 to 100000", body = ErrorBody),
        SignedIn,
    ),
)]
pub async fn access_log_page(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    query: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<AccessLogPage>, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::malformed(e.body_text()))?;
    let page = query.page.unwrap_or(1);
    if !(1..=MAX_PAGE).contains(&page) {
        return Err(ApiError::malformed(format!(
            "`page` is from 1 to {MAX_PAGE}"
        )));
    }
    let log = state
        .db
        .read(move |c| access_log::page(c, &session.personal_id, page))
        .await?;
    Ok(Json(log))
}
