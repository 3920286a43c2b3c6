//! What a registration officer does to the national database, for demos and tests: not routed
//! unless the server runs with `--operator-endpoint`, like the request decisions, and then
//! only with the operator credential.

use axum::Json;
use axum::extract::{Path, State};
use portal_api::{ErrorBody, FieldErrorCode, PersonalId, PopulationRecord};
use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::http::operator::Operator;
use crate::json::ApiJson;
use crate::national_db::{self, ChangeError};
use crate::openapi::responses::PublicChange;
use crate::state::AppState;

/// Changes a citizen's authoritative record in the simulated national database (the fields
/// the body names, each replaced whole), so the citizen's next refresh finds the change.
#[utoipa::path(
    patch,
    path = "/api/v1/operator/national-records/{id}",
    tag = "development",
    operation_id = "operatorChangeNationalRecord",
    security(("operator" = [])),
    params(("id" = String, Path, description = "The citizen's personal identification number")),
    request_body(
        content = Object,
        description = "Top-level fields of the record and their new values, e.g. `{\"current_residence\": \"Số 1, phố Huế, Hà Nội\"}`",
    ),
    responses(
        (status = 200, description = "The record as the national database now holds it", body = PopulationRecord),
        (status = 400, description = "The body is not a JSON object", body = ErrorBody),
        (status = 401, description = "Without the operator credential", body = ErrorBody),
        PublicChange,
        (status = 404, description = "No such citizen; or the endpoint is off (the default): not routed, like any unknown path", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "`validation_failed`: a field that records do not have, the personal ID number, or a value of the wrong shape", body = ErrorBody),
    ),
)]
pub async fn change_national_record(
    State(state): State<AppState>,
    _operator: Operator,
    Path(id): Path<String>,
    ApiJson(changes): ApiJson<Map<String, Value>>,
) -> Result<Json<PopulationRecord>, ApiError> {
    let id = PersonalId::parse(&id).map_err(|_| ApiError::not_found())?;
    let changed = state
        .db
        .write(move |c| Ok(national_db::change_record(c, &id, changes)))
        .await?;
    match changed {
        Ok(record) => Ok(Json(record)),
        Err(ChangeError::NotFound) => Err(ApiError::not_found()),
        Err(ChangeError::Invalid(field)) => Err(ApiError::validation(
            [(field, FieldErrorCode::InvalidFormat)].into(),
        )),
        Err(ChangeError::Db(error)) => Err(error.into()),
    }
}
