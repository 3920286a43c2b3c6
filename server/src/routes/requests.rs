//! `/api/v1/requests`: the citizen's written requests for information, from draft to result.

use axum::Json;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_api::requests::{
    ANSWER_WITHIN_WORKING_DAYS, DraftSave, RequestAnswer, RequestAnswers, RequestCatalogue,
    RequestDetail, RequestKind, RequestSummary,
};
use portal_api::upload::{ATTACHMENT_HEAD_LEN, check_attachment};
use portal_api::{Channel, DraftConflictBody, ErrorBody, RequestStatus};
use serde::Deserialize;

use crate::auth::CurrentSession;
use crate::citizen_limits;
use crate::error::ApiError;
use crate::http::file_download::{Disposition, FileDownload};
use crate::http::operator::Operator;
use crate::json::ApiJson;
use crate::openapi::responses::{JsonBody, PublicChange, SignedIn, SignedInChange};
use crate::requests::catalogue::POLICE_OFFICES;
use crate::requests::transition::{self, NewAttachment, Step};
use crate::requests::workflow::Actor;
use crate::requests::{self, Change, drafts, submitted};
use crate::state::AppState;

fn answer(change: Change) -> Result<Json<RequestDetail>, ApiError> {
    match change {
        Change::Done(detail) => Ok(Json(*detail)),
        Change::NotFound => Err(ApiError::not_found()),
        Change::Conflict(why) => Err(ApiError::conflict(why)),
        Change::Stale(current) => Err(DraftConflictBody::new(*current).into()),
        Change::Invalid(fields) => Err(ApiError::validation(fields)),
    }
}

/// What the guided form offers: the kinds of information and the offices for paper results.
#[utoipa::path(
    get,
    path = "/api/v1/request-catalogue",
    tag = "requests",
    operation_id = "requestCatalogue",
    security(()),
    responses((status = 200, description = "The catalogue", body = RequestCatalogue)),
)]
pub async fn catalogue() -> Json<RequestCatalogue> {
    Json(RequestCatalogue {
        kinds: RequestKind::ALL.to_vec(),
        police_offices: POLICE_OFFICES.clone(),
        answer_within_working_days: ANSWER_WITHIN_WORKING_DAYS,
    })
}

/// The citizen's drafts and requests, most recently changed first.
#[utoipa::path(
    get,
    path = "/api/v1/requests",
    tag = "requests",
    operation_id = "listRequests",
    responses(
        (status = 200, description = "Drafts and requests", body = Vec<RequestSummary>),
        SignedIn,
    ),
)]
pub async fn list_requests(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
) -> Result<Json<Vec<RequestSummary>>, ApiError> {
    let list = state
        .db
        .read(move |c| requests::list(c, &session.personal_id))
        .await?;
    Ok(Json(list))
}

/// Starts a draft, with whatever answers are given so far.
#[utoipa::path(
    post,
    path = "/api/v1/requests",
    tag = "requests",
    operation_id = "createDraft",
    request_body = RequestAnswers,
    responses(
        (status = 201, description = "The draft; its `id` names it until it is submitted", body = RequestDetail),
        JsonBody,
        SignedInChange,
        (status = 409, description = "`draft_limit_reached`: the citizen already has as many open drafts as `allowed`; submit or discard one first", body = ErrorBody),
        (status = 422, description = "`validation_failed`: an answer is longer than allowed", body = ErrorBody),
    ),
)]
pub async fn create_draft(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    ApiJson(answers): ApiJson<RequestAnswers>,
) -> Result<(StatusCode, Json<RequestDetail>), ApiError> {
    let errors = answers.draft_errors();
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let now = state.clock.now();
    let allowed = state.citizen_limits.open_drafts_per_citizen;
    let draft = state
        .db
        .write(move |c| {
            let owner = &session.personal_id;
            // The count and the insert in one transaction, under the citizen's row lock.
            let tx = c.transaction()?;
            if let Err(full) = citizen_limits::room_for_draft(&tx, owner, allowed)? {
                return Ok(Err(full));
            }
            let draft = drafts::create_draft(&tx, owner, &answers, now)?;
            tx.commit()?;
            Ok(Ok(draft))
        })
        .await??;
    Ok((StatusCode::CREATED, Json(draft)))
}

/// A draft (by its id) or a request (by its reference), with its history.
#[utoipa::path(
    get,
    path = "/api/v1/requests/{id}",
    tag = "requests",
    operation_id = "getRequest",
    params(("id" = String, Path, description = "A draft's id, or a request's reference (`YC-2026-000123`)")),
    responses(
        (status = 200, description = "The draft or request", body = RequestDetail),
        SignedIn,
        (status = 404, description = "The citizen has no draft or request by this name", body = ErrorBody),
    ),
)]
pub async fn get_request(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    Path(id): Path<String>,
) -> Result<Json<RequestDetail>, ApiError> {
    state
        .db
        .read(move |c| requests::detail(c, &session.personal_id, &id))
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}

/// Saves a draft's answers: the form's autosave. The save names the revision it was based
/// on, and is taken only if that is still the draft's current one: a save that arrives late,
/// after a newer one, changes nothing and gets 409 `draft_conflict` with the draft as it now
/// stands, for the client to merge and save again on its revision.
#[utoipa::path(
    put,
    path = "/api/v1/requests/{id}",
    tag = "requests",
    operation_id = "saveDraft",
    params(("id" = String, Path, description = "The draft's id")),
    request_body = DraftSave,
    responses(
        (status = 200, description = "Saved; `revision` is one more than the save named", body = RequestDetail),
        JsonBody,
        SignedInChange,
        (status = 404, description = "The citizen has no such draft", body = ErrorBody),
        (status = 409, description = "`draft_conflict`: the draft was saved meanwhile and `revision` is no longer its current one; nothing was saved, and `draft` holds the draft as it now stands (answers and revision). Or `conflict`: it was submitted and can no longer change", body = DraftConflictBody),
        (status = 422, description = "`validation_failed`: an answer is longer than allowed", body = ErrorBody),
    ),
)]
pub async fn save_draft(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    Path(id): Path<String>,
    ApiJson(DraftSave { revision, answers }): ApiJson<DraftSave>,
) -> Result<Json<RequestDetail>, ApiError> {
    let errors = answers.draft_errors();
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let now = state.clock.now();
    answer(
        state
            .db
            .write(move |c| {
                drafts::update_draft(c, &session.personal_id, &id, revision, &answers, now)
            })
            .await?,
    )
}

/// Discards a draft.
#[utoipa::path(
    delete,
    path = "/api/v1/requests/{id}",
    tag = "requests",
    operation_id = "discardDraft",
    params(("id" = String, Path, description = "The draft's id")),
    responses(
        (status = 204, description = "Discarded"),
        SignedInChange,
        (status = 404, description = "The citizen has no such draft", body = ErrorBody),
        (status = 409, description = "`conflict`: it was submitted; withdraw it instead", body = ErrorBody),
    ),
)]
pub async fn discard_draft(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let change = state
        .db
        .write(move |c| drafts::discard_draft(c, &session.personal_id, &id))
        .await?;
    answer(change).map(|_| StatusCode::NO_CONTENT)
}

/// Submits a draft. Idempotent: submitting the same draft again (a double click, a retry
/// after a timeout, a resubmit after reload) answers with the one request it became.
#[utoipa::path(
    post,
    path = "/api/v1/requests/{id}/submit",
    tag = "requests",
    operation_id = "submitRequest",
    params(("id" = String, Path, description = "The draft's id (its idempotency key)")),
    responses(
        (status = 200, description = "The request, with its reference number", body = RequestDetail),
        SignedInChange,
        (status = 404, description = "The citizen has no such draft", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `fields` names every answer still wrong", body = ErrorBody),
    ),
)]
pub async fn submit(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    Path(id): Path<String>,
) -> Result<Json<RequestDetail>, ApiError> {
    let now = state.clock.now();
    answer(
        state
            .db
            // One transaction: the draft's check and the insert cannot interleave with
            // another submission of the same draft.
            .transaction(move |tx| submitted::submit(tx, &session.personal_id, &id, now))
            .await?,
    )
}

/// Withdraws a request not yet in processing.
#[utoipa::path(
    post,
    path = "/api/v1/requests/{id}/withdraw",
    tag = "requests",
    operation_id = "withdrawRequest",
    params(("id" = String, Path, description = "The request's reference")),
    responses(
        (status = 200, description = "Withdrawn", body = RequestDetail),
        SignedInChange,
        (status = 404, description = "The citizen has no such request", body = ErrorBody),
        (status = 409, description = "`conflict`: already in processing or decided", body = ErrorBody),
    ),
)]
pub async fn withdraw(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    Path(id): Path<String>,
) -> Result<Json<RequestDetail>, ApiError> {
    let now = state.clock.now();
    answer(
        state
            .db
            .transaction(move |tx| {
                let step = Step::bare(RequestStatus::Withdrawn, Actor::Citizen);
                transition::transition(tx, &session.personal_id, &id, &step, now)
            })
            .await?,
    )
}

/// Answers the provider's question, with a file if the citizen attaches one (a PDF, JPEG or
/// PNG of at most 10 MB, judged by its content); the request goes back to processing.
#[utoipa::path(
    post,
    path = "/api/v1/requests/{id}/answer",
    tag = "requests",
    operation_id = "answerRequest",
    params(("id" = String, Path, description = "The request's reference")),
    request_body(
        description = "JSON `{\"text\": …}`, or multipart form data with `text` and, to attach a file, `file`",
        content(
            (RequestAnswer = "application/json"),
            (crate::openapi::forms::AnswerForm = "multipart/form-data"),
        )
    ),
    responses(
        (status = 200, description = "Answered", body = RequestDetail),
        (status = 400, description = "The body is not the expected JSON or multipart, or has a part other than the form's", body = ErrorBody),
        SignedInChange,
        (status = 404, description = "The citizen has no such request", body = ErrorBody),
        (status = 409, description = "`conflict`: no question is waiting for an answer", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: the file is over 10 MB", body = ErrorBody),
        (status = 415, description = "The body is neither JSON nor multipart", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `text` is empty or too long, or `file` is not a PDF, JPEG or PNG (`invalid_format`)", body = ErrorBody),
    ),
)]
pub async fn answer_question(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    Path(id): Path<String>,
    AnswerBody { text, attachment }: AnswerBody,
) -> Result<Json<RequestDetail>, ApiError> {
    RequestAnswer { text: text.clone() }
        .validate()
        .map_err(ApiError::validation)?;
    let now = state.clock.now();
    answer(
        state
            .db
            .transaction(move |tx| {
                let text = text.trim().to_owned();
                let step = Step {
                    to: RequestStatus::Processing,
                    actor: Actor::Citizen,
                    note: Some(&text),
                    attachment: attachment.as_ref(),
                };
                transition::transition(tx, &session.personal_id, &id, &step, now)
            })
            .await?,
    )
}

/// The answer's text and file, from JSON (text alone) or multipart form data (text and file,
/// the file checked by its content).
pub struct AnswerBody {
    /// The citizen's answer, as sent.
    pub text: String,
    /// The file they attached, if any.
    pub attachment: Option<NewAttachment>,
}

impl FromRequest<AppState> for AnswerBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        read_answer(state, request).await
    }
}

async fn read_answer(state: &AppState, request: Request) -> Result<AnswerBody, ApiError> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let ApiJson(body) = ApiJson::<RequestAnswer>::from_request(request, state).await?;
        return Ok(AnswerBody {
            text: body.text,
            attachment: None,
        });
    }
    let mut form = Multipart::from_request(request, state)
        .await
        .map_err(|e| ApiError::malformed(e.body_text()))?;
    let body_error = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                portal_api::ErrorCode::PayloadTooLarge,
                "the file is larger than 10 MB",
            )
        } else {
            ApiError::malformed(e.body_text())
        }
    };
    let (mut text, mut file) = (String::new(), None);
    while let Some(field) = form.next_field().await.map_err(body_error)? {
        match field.name() {
            Some("text") => text = field.text().await.map_err(body_error)?,
            Some("file") => {
                let name = crate::documents::upload::clean_file_name(
                    field.file_name().unwrap_or_default(),
                );
                let bytes = field.bytes().await.map_err(body_error)?.to_vec();
                // A form with no file chosen still sends an empty `file` part.
                if !bytes.is_empty() {
                    file = Some((name, bytes));
                }
            }
            other => return Err(crate::routes::documents::unknown_part(other)),
        }
    }
    let attachment = match file {
        None => None,
        Some((file_name, bytes)) => {
            let head = &bytes[..bytes.len().min(ATTACHMENT_HEAD_LEN)];
            match check_attachment(bytes.len() as u64, head) {
                Ok(content_type) => Some(NewAttachment {
                    file_name,
                    content_type,
                    bytes,
                }),
                Err(code) => {
                    return Err(ApiError::validation([("file".to_owned(), code)].into()));
                }
            }
        }
    };
    Ok(AnswerBody { text, attachment })
}

/// A file the citizen attached to an answer, for them alone: another citizen's attachment
/// answers 404 like one that does not exist. Saved under its name, except in a kiosk
/// session: there it is shown in the portal's own frame, since a file saved on a shared kiosk
/// would stay there for the next person.
#[utoipa::path(
    get,
    path = "/api/v1/requests/{id}/attachments/{attachment}",
    tag = "requests",
    operation_id = "getRequestAttachment",
    params(
        ("id" = String, Path, description = "The request's reference"),
        ("attachment" = i64, Path, description = "The attachment's id, from the request's history"),
    ),
    responses(
        (status = 200, description = "The file, with its name: as an attachment to save, or in a kiosk session inline (for the portal's own frame only)", content_type = "application/octet-stream"),
        SignedIn,
        (status = 404, description = "No such attachment among the citizen's requests (an id that is not a number included)", body = ErrorBody),
    ),
)]
pub async fn get_attachment(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    Path((id, attachment)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    // An id that is not a number (or too big for one) names no attachment: 404 like any
    // other, in the error shape, rather than the router's plain-text 400.
    let attachment: i64 = attachment.parse().map_err(|_| ApiError::not_found())?;
    let disposition = if session.channel == Channel::Kiosk {
        Disposition::InlineInPortalFrame
    } else {
        Disposition::Attachment
    };
    let found = state
        .db
        .read(move |c| submitted::attachment(c, &session.personal_id, &id, attachment))
        .await?;
    let Some((file_name, content_type, bytes)) = found else {
        return Err(ApiError::not_found());
    };
    Ok(FileDownload {
        bytes,
        content_type,
        file_name,
        disposition,
    }
    .into_response())
}

/// The provider's decision, for demos and tests.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct Decision {
    /// `received`, `processing`, `more_information_needed` (with the question as `note`),
    /// `provided`, or `refused` (with the written reason as `note`).
    pub status: RequestStatus,
    /// The question, the reason, or a note.
    pub note: Option<String>,
}

/// Decides a request as the provider would. Off unless the server runs with
/// `--operator-endpoint`; never in a real deployment, where the provider's own system decides.
#[utoipa::path(
    post,
    path = "/api/v1/operator/requests/{id}/decision",
    tag = "development",
    operation_id = "operatorDecision",
    security(("operator" = [])),
    params(("id" = String, Path, description = "The request's reference")),
    request_body = Decision,
    responses(
        (status = 200, description = "Decided", body = RequestDetail),
        JsonBody,
        (status = 401, description = "Without the operator credential", body = ErrorBody),
        PublicChange,
        (status = 404, description = "No such request; or the endpoint is off (the default): not routed, like any unknown path", body = ErrorBody),
        (status = 409, description = "`conflict`: the request's status does not allow this decision", body = ErrorBody),
        (status = 422, description = "`validation_failed`: a refusal or a question needs its `note`", body = ErrorBody),
    ),
)]
pub async fn operator_decision(
    State(state): State<AppState>,
    _operator: Operator,
    Path(id): Path<String>,
    ApiJson(decision): ApiJson<Decision>,
) -> Result<Json<RequestDetail>, ApiError> {
    let needs_note = matches!(
        decision.status,
        RequestStatus::Refused | RequestStatus::MoreInformationNeeded
    );
    let note = decision
        .note
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    if needs_note && note.is_none() {
        return Err(ApiError::validation(
            [("note".to_owned(), portal_api::FieldErrorCode::Required)].into(),
        ));
    }
    let now = state.clock.now();
    answer(
        state
            .db
            .transaction(move |tx| {
                let Some(owner) = submitted::owner_of(tx, &id)? else {
                    return Ok(Change::NotFound);
                };
                let step = Step {
                    note: note.as_deref(),
                    ..Step::bare(decision.status, Actor::Provider)
                };
                transition::transition(tx, &owner, &id, &step, now)
            })
            .await?,
    )
}
