//! Written requests: `GET {api}/request-catalogue`, the drafts and requests under
//! `{api}/requests`, their submission, withdrawal and answers.

use gloo_net::http::Method;
use portal_api::requests::{
    DraftSave, RequestAnswer, RequestAnswers, RequestCatalogue, RequestDetail, RequestSummary,
};

use super::{Api, ApiError};

/// What the form offers: kinds of information, police offices, the answer time.
pub async fn catalogue(api: Api) -> Result<RequestCatalogue, ApiError> {
    api.request(Method::GET, "/request-catalogue").await
}

/// The citizen's drafts and requests, newest first.
pub async fn list(api: Api) -> Result<Vec<RequestSummary>, ApiError> {
    api.request(Method::GET, "/requests").await
}

/// Starts a draft with the answers known so far (e.g. a correction from the record page).
pub async fn create_draft(api: Api, answers: &RequestAnswers) -> Result<RequestDetail, ApiError> {
    api.send_json(Method::POST, "/requests", answers).await
}

/// A draft by its id, or a request by its reference.
pub async fn get(api: Api, id: &str) -> Result<RequestDetail, ApiError> {
    api.request(Method::GET, &format!("/requests/{}", encode(id)))
        .await
}

/// Saves a draft's answers, replacing what was saved, if `revision` is still the draft's
/// current one; otherwise nothing is saved and the error is [`ApiError::DraftConflict`] with
/// the newer draft.
pub async fn save_draft(
    api: Api,
    id: &str,
    revision: u32,
    answers: RequestAnswers,
) -> Result<RequestDetail, ApiError> {
    api.send_json(
        Method::PUT,
        &format!("/requests/{}", encode(id)),
        &DraftSave { revision, answers },
    )
    .await
}

/// Throws a draft away.
pub async fn discard_draft(api: Api, id: &str) -> Result<(), ApiError> {
    api.send_empty(Method::DELETE, &format!("/requests/{}", encode(id)))
        .await
}

/// Sends the draft. The draft's id is the idempotency key: a second call (a double click, a
/// retry after a timeout) answers the same request.
pub async fn submit(api: Api, id: &str) -> Result<RequestDetail, ApiError> {
    api.post(&format!("/requests/{}/submit", encode(id))).await
}

/// Withdraws a request not yet in processing.
pub async fn withdraw(api: Api, reference: &str) -> Result<RequestDetail, ApiError> {
    api.post(&format!("/requests/{}/withdraw", encode(reference)))
        .await
}

/// Answers the provider's question, attaching `file` if the citizen chose one.
pub async fn answer(
    api: Api,
    reference: &str,
    text: &str,
    file: Option<&web_sys::File>,
) -> Result<RequestDetail, ApiError> {
    let url = format!("/requests/{}/answer", encode(reference));
    let Some(file) = file else {
        let body = RequestAnswer {
            text: text.to_owned(),
        };
        return api.send_json(Method::POST, &url, &body).await;
    };
    let form = web_sys::FormData::new().map_err(|_| ApiError::Server)?;
    form.append_with_str("text", text)
        .and_then(|()| form.append_with_blob_and_filename("file", file, &file.name()))
        .map_err(|_| ApiError::Server)?;
    api.send_form(Method::POST, &url, form).await
}

/// Where a file attached to an answer is (`attachment` from the request's history).
pub fn attachment_url(api: Api, reference: &str, attachment: i64) -> String {
    api.url(&format!(
        "/requests/{}/attachments/{attachment}",
        encode(reference)
    ))
}

/// Ids come from the server or the address bar: keep them one path segment.
fn encode(id: &str) -> String {
    String::from(js_sys::encode_uri_component(id))
}
