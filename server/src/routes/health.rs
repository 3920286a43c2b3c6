//! `GET /api/v1/health`: for load balancers, the e2e harness and people checking a deployment.

use axum::Json;
use axum::extract::State;
use portal_api::HealthResponse;

use crate::error::ApiError;
use crate::state::AppState;

/// Is the server up and does its database answer?
#[utoipa::path(
    get,
    path = "/api/v1/health",
    tag = "system",
    operation_id = "health",
    security(()),
    responses(
        (status = 200, description = "The server and its database answer", body = HealthResponse),
        (status = 503, description = "The database does not answer", body = portal_api::ErrorBody),
    ),
)]
pub async fn health(State(state): State<AppState>) -> Result<Json<HealthResponse>, ApiError> {
    state
        .db
        .write(|c| c.query_row("SELECT 1", (), |r| r.get::<_, i64>(0)))
        .await
        .map_err(|error| {
            tracing::error!(%error, "health check: the database does not answer");
            ApiError::unavailable("the database does not answer")
        })?;
    Ok(Json(HealthResponse {
        status: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    }))
}
