//! `/api/v1/dev`: what demos and tests need to see behind the scenes. Not routed unless the
//! server runs with `--dev-sms-outbox`, and then only with the operator credential; a real
//! deployment never does.

use axum::Json;
use axum::extract::{Query, State};
use portal_api::ErrorBody;
use portal_api::auth::SmsMessage;
use serde::Deserialize;

use crate::auth::clock::rfc3339;
use crate::error::ApiError;
use crate::http::operator::Operator;
use crate::state::AppState;

/// Which phone's messages to list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// The phone number in national form, `0912345678`.
    to: String,
}

/// The messages the simulated SMS gateway sent to a phone, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/dev/sms-outbox",
    tag = "development",
    operation_id = "devSmsOutbox",
    security(("operator" = [])),
    params(OutboxQuery),
    responses(
        (status = 200, description = "The messages, newest first", body = Vec<SmsMessage>),
        (status = 400, description = "`to` is missing", body = ErrorBody),
        (status = 401, description = "Without the operator credential", body = ErrorBody),
        (status = 404, description = "The outbox is switched off (the default): not routed, like any unknown path", body = ErrorBody),
    ),
)]
pub async fn sms_outbox(
    State(state): State<AppState>,
    _operator: Operator,
    query: Result<Query<OutboxQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<SmsMessage>>, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::malformed(e.body_text()))?;
    let messages = state
        .db
        .write(move |c| {
            let mut statement = c.prepare(
                "SELECT phone, text, sent_at FROM sms_outbox WHERE phone = ?1 ORDER BY id DESC LIMIT 50",
            )?;
            let rows = statement.query_map([query.to], |row| {
                Ok(SmsMessage {
                    to: row.get(0)?,
                    text: row.get(1)?,
                    sent_at: rfc3339(row.get(2)?),
                })
            })?;
            rows.collect::<Result<Vec<_>, _>>()
        })
        .await?;
    Ok(Json(messages))
}
