//! `/api/v1/documents`: the citizen's personal electronic data store. Every path answers
//! 404 for a code the citizen does not have, exactly alike whether another citizen has it.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use portal_api::document_index::DocumentIndex;
use portal_api::documents::{
    CreateDocumentShare, CreatedDocumentShare, DocumentDetail, DocumentPage, DocumentQuery,
    DocumentShare, DocumentSummary, SharedDocument,
};
use portal_api::record_sync::AccessActor;
use portal_api::upload::{ChosenFile, UploadForm};
use portal_api::{Channel, ErrorBody};

use crate::auth::clock::rfc3339;
use crate::auth::{ClientInfo, CurrentSession, accounts, challenges, sms};
use crate::citizen_limits;
use crate::documents::signature::trust_anchors::TrustAnchors;
use crate::documents::signed_pdf::{self, Refusal};
use crate::documents::upload::{self, Stored, Upload};
use crate::documents::{pdf, search, shares, store};
use crate::error::ApiError;
use crate::http::file_download::{Disposition, FileDownload};
use crate::limits::Taken;
use crate::openapi::responses::{JsonBody, SignedIn, SignedInChange};
use crate::record::access_log::{self, Access};
use crate::record::share_views::{self, SharedThing};
use crate::state::AppState;

type QueryPairs = Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>;

/// One page of the citizen's documents matching a search, with the filters' values.
#[utoipa::path(
    get,
    path = "/api/v1/documents",
    tag = "documents",
    operation_id = "listDocuments",
    params(
        ("q" = Option<String>, Query, description = "Words to find in the name or code, with or without diacritics (at most 100 characters)"),
        ("category" = Option<portal_api::documents::DocumentCategory>, Query, description = "Only this category"),
        ("agency" = Option<String>, Query, description = "Only this issuing agency"),
        ("year" = Option<u16>, Query, description = "Only documents issued this year"),
        ("sort" = Option<portal_api::documents::DocumentSort>, Query, description = "newest (default), oldest or name"),
        ("page" = Option<u32>, Query, description = "Page, from 1"),
        ("per_page" = Option<u32>, Query, description = "Documents per page, 1 to 100 (default 20)"),
    ),
    responses(
        (status = 200, description = "The page", body = DocumentPage),
        (status = 400, description = "`malformed_request`: a query parameter is not valid; `fields` names each one and why", body = ErrorBody),
        SignedIn,
        (status = 429, description = "`rate_limited`: the citizen's searches are past their pace (`--searches-per-citizen` at once, then that many per 3 seconds) by more than the 3 seconds a search may wait for its turn; answered after those 3 seconds, with `retry_after_seconds` and `Retry-After` saying when to search again", body = ErrorBody),
    ),
)]
pub async fn list_documents(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    pairs: QueryPairs,
) -> Result<Json<DocumentPage>, ApiError> {
    let Query(pairs) = pairs.map_err(|e| ApiError::malformed(e.body_text()))?;
    let query = DocumentQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|fields| {
            let mut body = ErrorBody::new(
                portal_api::ErrorCode::MalformedRequest,
                "some query parameters are not valid",
            );
            body.fields = fields;
            ApiError::from(body)
        })?;
    search_turn(&state, &session.personal_id).await?;
    let page = state
        .db
        .read(move |c| search::search(c, &session.personal_id, &query))
        .await?;
    Ok(Json(page))
}

/// Waits for the citizen's turn to search (their pace, `--searches-per-citizen`), or refuses.
async fn search_turn(state: &AppState, personal_id: &str) -> Result<(), ApiError> {
    state
        .search_pace
        .admit(
            state.citizen_limits.searches(),
            personal_id,
            state.clock.now_millis(),
        )
        .await
}

/// Every document in the citizen's store, for the page to search as the citizen types.
#[utoipa::path(
    get,
    path = "/api/v1/document-index",
    tag = "documents",
    operation_id = "getDocumentIndex",
    responses(
        (status = 200, description = "Every document in the store, in the order they came into it: the page searches them by the same rule as `listDocuments` (every word of `q`, diacritics folded, in the name or the code; the filters; the orders, ties broken by this order)", body = DocumentIndex),
        SignedIn,
        (status = 429, description = "`rate_limited`: counted with the citizen's searches (`--searches-per-citizen`), as one search", body = ErrorBody),
    ),
)]
pub async fn document_index(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
) -> Result<Json<DocumentIndex>, ApiError> {
    search_turn(&state, &session.personal_id).await?;
    let index = state
        .db
        .read(move |c| search::index(c, &session.personal_id))
        .await?;
    Ok(Json(index))
}

/// Loads the citizen's document and logs the read.
async fn read_document(
    state: &AppState,
    session: &crate::auth::sessions::Session,
    client: &ClientInfo,
    code: String,
    purpose: &'static str,
) -> Result<store::StoredDocument, ApiError> {
    let now = state.clock.now();
    let owner = session.personal_id.clone();
    let channel = session.channel;
    let device = client.device.clone();
    let kiosk = session.kiosk.clone();
    state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            let found = store::find(&tx, &owner, &code)?;
            if found.is_some() {
                let what = format!("document:{code}");
                let access = Access {
                    personal_id: &owner,
                    actor: AccessActor::Citizen,
                    session: Some((channel, &device)),
                    kiosk: kiosk.as_deref(),
                    what: &what,
                    purpose,
                };
                access_log::record(&tx, &access, now)?;
            }
            tx.commit()?;
            Ok(found)
        })
        .await?
        .ok_or_else(ApiError::not_found)
}

/// A document with all its metadata and its history.
#[utoipa::path(
    get,
    path = "/api/v1/documents/{code}",
    tag = "documents",
    operation_id = "getDocument",
    params(("code" = String, Path, description = "The document code")),
    responses(
        (status = 200, description = "The document", body = DocumentDetail),
        SignedIn,
        (status = 404, description = "The citizen has no document with this code", body = ErrorBody),
    ),
)]
pub async fn get_document(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    client: ClientInfo,
    Path(code): Path<String>,
) -> Result<Json<DocumentDetail>, ApiError> {
    Ok(Json(
        read_document(&state, &session, &client, code, "view")
            .await?
            .detail,
    ))
}

/// The document's file, with its real name and type; `?download=1` asks the browser to save
/// it instead of showing it, except in a kiosk session.
#[utoipa::path(
    get,
    path = "/api/v1/documents/{code}/file",
    tag = "documents",
    operation_id = "getDocumentFile",
    params(
        ("code" = String, Path, description = "The document code"),
        ("download" = Option<String>, Query, description = "`1` to download rather than preview; a kiosk session always gets the preview, since a file saved on a shared kiosk would stay there for the next person"),
    ),
    responses(
        (status = 200, description = "The file", content_type = "application/pdf"),
        SignedIn,
        (status = 404, description = "The citizen has no document with this code", body = ErrorBody),
    ),
)]
pub async fn get_document_file(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    client: ClientInfo,
    Path(code): Path<String>,
    Query(options): Query<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    // The kiosk's app offers no download; this holds whatever asks (a link typed in, the PDF
    // viewer's own button asking again).
    let download = options.iter().any(|(k, v)| k == "download" && v == "1")
        && session.channel != Channel::Kiosk;
    let document = read_document(
        &state,
        &session,
        &client,
        code,
        if download { "download" } else { "preview" },
    )
    .await?;
    let id = document.id;
    let uploaded = state.db.read(move |c| upload::file_bytes(c, id)).await?;
    let detail = document.detail;
    Ok(file_response(
        &detail.summary,
        &detail.file_name,
        uploaded,
        download,
    ))
}

/// The file of a document as a response: its bytes, type and name, framable by the portal's
/// own pages only.
fn file_response(
    summary: &DocumentSummary,
    file_name: &str,
    uploaded: Option<Vec<u8>>,
    download: bool,
) -> Response {
    // The demo's own documents have no stored file: one is made from their metadata.
    let bytes = uploaded.unwrap_or_else(|| {
        pdf::one_page(&[
            summary.name.clone(),
            format!("Ma so: {}", summary.code),
            format!("Co quan cap: {}", summary.issuing_agency),
            format!("Ngay cap: {}", summary.issued_on.to_display()),
        ])
    });
    FileDownload {
        bytes,
        content_type: "application/pdf".to_owned(),
        file_name: file_name.to_owned(),
        disposition: if download {
            Disposition::Attachment
        } else {
            Disposition::InlineInPortalFrame
        },
    }
    .into_response()
}

/// Re-synchronises the document from its issuing agency (simulated) and answers it anew.
#[utoipa::path(
    post,
    path = "/api/v1/documents/{code}/sync",
    tag = "documents",
    operation_id = "syncDocument",
    params(("code" = String, Path, description = "The document code")),
    responses(
        (status = 200, description = "The document, with its new sync time", body = DocumentDetail),
        SignedInChange,
        (status = 404, description = "The citizen has no document with this code", body = ErrorBody),
    ),
)]
pub async fn sync_document(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    Path(code): Path<String>,
) -> Result<Json<DocumentDetail>, ApiError> {
    let now = rfc3339(state.clock.now());
    let owner = session.personal_id.clone();
    let detail = state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            let Some(document) = store::find(&tx, &owner, &code)? else {
                return Ok(None);
            };
            store::mark_synced(
                &tx,
                document.id,
                &now,
                &document.detail.summary.issuing_agency,
            )?;
            let updated = store::find(&tx, &owner, &code)?;
            tx.commit()?;
            Ok(updated.map(|d| d.detail))
        })
        .await?;
    detail.map(Json).ok_or_else(ApiError::not_found)
}

/// Makes a link that opens this document for 1 hour to 7 days, and with `send_by_sms` also
/// texts it to the citizen's own phone.
#[utoipa::path(
    post,
    path = "/api/v1/documents/{code}/shares",
    tag = "documents",
    operation_id = "shareDocument",
    params(("code" = String, Path, description = "The document code")),
    request_body = CreateDocumentShare,
    responses(
        (status = 201, description = "The link; the page is `/shared/{token}`. The only answer that carries `token`: the server keeps just its hash. With `send_by_sms`, `sms_sent_to` is the masked phone it went to", body = CreatedDocumentShare),
        JsonBody,
        SignedInChange,
        (status = 404, description = "The citizen has no document with this code", body = ErrorBody),
        (status = 409, description = "`share_limit_reached`: the citizen already has as many live shares (record share codes and document links, neither expired nor revoked) as `allowed`; revoke one first. `conflict`: `send_by_sms` where the deployment sends no links by SMS (`share_by_sms` is false in `/config.json`)", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `valid_hours` outside 1 to 168", body = ErrorBody),
        (status = 429, description = "`rate_limited`: with `send_by_sms`, the citizen's links by SMS for the day are used up (`--share-sms-per-citizen-per-day`); no link was made", body = ErrorBody),
    ),
)]
pub async fn share_document(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    Path(code): Path<String>,
    crate::json::ApiJson(body): crate::json::ApiJson<CreateDocumentShare>,
) -> Result<(axum::http::StatusCode, Json<CreatedDocumentShare>), ApiError> {
    body.validate().map_err(ApiError::validation)?;
    let public_url = match (body.send_by_sms, &state.public_url) {
        (false, _) => None,
        (true, Some(url)) => Some(url.clone()),
        (true, None) => {
            return Err(ApiError::conflict(
                "this deployment sends no links by SMS (no --public-url)",
            ));
        }
    };
    let now = state.clock.now();
    let limits = state.citizen_limits;
    let echo = state.auth.sms.echo;
    state
        .db
        .write(move |c| {
            let owner = &session.personal_id;
            // An unknown document is 404 whatever the citizen's shares: checked first.
            if store::find(c, owner, &code)?.is_none() {
                return Ok(Ok(None));
            }
            // The count, the insert and the text in one transaction, under the citizen's row
            // lock: a refusal of either limit leaves no link and no text behind.
            let tx = c.transaction()?;
            let allowed = limits.live_shares_per_citizen;
            if let Err(full) = citizen_limits::room_for_share(&tx, owner, allowed, now)? {
                return Ok(Err(full));
            }
            let link = shares::NewLink {
                owner,
                code: &code,
                hours: body.valid_hours,
                session_id: &session.id,
            };
            let Some(mut share) = shares::create(&tx, link, now)? else {
                return Ok(Ok(None));
            };
            if let Some(public_url) = public_url {
                if let Taken::Full { retry_after } = limits.share_texts().take(&tx, owner, now)? {
                    return Ok(Err(ApiError::rate_limited(retry_after)));
                }
                let phone = accounts::phone(&tx, owner)?;
                let address = format!("{public_url}/shared/{}", share.token);
                let until = now + i64::from(body.valid_hours) * 3600;
                sms::send_share_link(&tx, &phone, &address, until, now, echo)?;
                share.sms_sent_to = Some(challenges::masked(&phone));
            }
            tx.commit()?;
            Ok(Ok(Some(share)))
        })
        .await??
        .map(|share| (axum::http::StatusCode::CREATED, Json(share)))
        .ok_or_else(ApiError::not_found)
}

/// The document's links that have not expired, revoked ones included, without their secrets.
#[utoipa::path(
    get,
    path = "/api/v1/documents/{code}/shares",
    tag = "documents",
    operation_id = "listDocumentShares",
    params(("code" = String, Path, description = "The document code")),
    responses(
        (status = 200, description = "The links, each without its secret (only its hash is kept)", body = Vec<DocumentShare>),
        SignedIn,
        (status = 404, description = "The citizen has no document with this code", body = ErrorBody),
    ),
)]
pub async fn list_document_shares(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    Path(code): Path<String>,
) -> Result<Json<Vec<DocumentShare>>, ApiError> {
    let now = state.clock.now();
    state
        .db
        .read(move |c| shares::list(c, &session.personal_id, &code, now))
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}

/// Revokes a link at once.
#[utoipa::path(
    delete,
    path = "/api/v1/documents/{code}/shares/{id}",
    tag = "documents",
    operation_id = "revokeDocumentShare",
    params(
        ("code" = String, Path, description = "The document code"),
        ("id" = String, Path, description = "The share's id"),
    ),
    responses(
        (status = 204, description = "Revoked"),
        SignedInChange,
        (status = 404, description = "No such live link on the citizen's document", body = ErrorBody),
    ),
)]
pub async fn revoke_document_share(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    Path((code, id)): Path<(String, String)>,
) -> Result<axum::http::StatusCode, ApiError> {
    let now = state.clock.now();
    let revoked = state
        .db
        .write(move |c| shares::revoke(c, &session.personal_id, &code, &id, now))
        .await?;
    if revoked {
        Ok(axum::http::StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found())
    }
}

/// Opens a shared link (anyone holding it; no sign-in, limited per address) and logs the
/// view for the owner, once per viewer per hour.
async fn open_shared(
    state: &AppState,
    client: &ClientInfo,
    token: String,
    purpose: &'static str,
) -> Result<(SharedDocument, i64), ApiError> {
    share_views::admit(state, client).await?;
    let now = state.clock.now();
    let viewer = share_views::viewer(client);
    state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            let opened = shares::open(&tx, &token, now)?;
            if let Some(link) = &opened {
                let thing = SharedThing::DocumentLink;
                if share_views::first_this_hour(&tx, thing, &link.share_id, &viewer, now)? {
                    let what = format!("document:{}", link.document.summary.code);
                    let access = Access {
                        personal_id: &link.owner,
                        actor: AccessActor::SharedLinkView,
                        session: None,
                        kiosk: None,
                        what: &what,
                        purpose,
                    };
                    access_log::record(&tx, &access, now)?;
                }
            }
            tx.commit()?;
            Ok(opened.map(|link| (link.document, link.document_id)))
        })
        .await?
        .ok_or_else(ApiError::not_found)
}

/// What a shared link shows: only that document, with its metadata and the link's expiry.
#[utoipa::path(
    get,
    path = "/api/v1/shared-documents/{token}",
    tag = "documents",
    operation_id = "openSharedDocument",
    security(()),
    params(("token" = String, Path, description = "The link's secret")),
    responses(
        (status = 200, description = "The shared document", body = SharedDocument),
        (status = 404, description = "The link is unknown, expired or revoked", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many calls from this address; `retry_after_seconds` and `Retry-After` say when to try again", body = ErrorBody),
    ),
)]
pub async fn open_shared_document(
    State(state): State<AppState>,
    client: ClientInfo,
    Path(token): Path<String>,
) -> Result<Json<SharedDocument>, ApiError> {
    Ok(Json(open_shared(&state, &client, token, "view").await?.0))
}

/// The shared document's file.
#[utoipa::path(
    get,
    path = "/api/v1/shared-documents/{token}/file",
    tag = "documents",
    operation_id = "openSharedDocumentFile",
    security(()),
    params(
        ("token" = String, Path, description = "The link's secret"),
        ("download" = Option<String>, Query, description = "`1` to download rather than preview"),
    ),
    responses(
        (status = 200, description = "The file", content_type = "application/pdf"),
        (status = 404, description = "The link is unknown, expired or revoked", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many calls from this address; `retry_after_seconds` and `Retry-After` say when to try again", body = ErrorBody),
    ),
)]
pub async fn open_shared_document_file(
    State(state): State<AppState>,
    client: ClientInfo,
    Path(token): Path<String>,
    Query(options): Query<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let download = options.iter().any(|(k, v)| k == "download" && v == "1");
    let purpose = if download { "download" } else { "preview" };
    let (document, id) = open_shared(&state, &client, token, purpose).await?;
    let uploaded = state.db.read(move |c| upload::file_bytes(c, id)).await?;
    Ok(file_response(
        &document.summary,
        &document.file_name,
        uploaded,
        download,
    ))
}

/// The answer to a multipart part the form does not have: refused rather than ignored, as
/// the document says (`additionalProperties: false`), so a misspelt field is found at once.
pub(crate) fn unknown_part(name: Option<&str>) -> ApiError {
    ApiError::malformed(format!(
        "the form has no part named {:?}",
        name.unwrap_or_default()
    ))
}

/// The answer to a body over the upload limit.
fn too_large() -> ApiError {
    ApiError::new(
        portal_api::ErrorCode::PayloadTooLarge,
        "the file is larger than 10 MB",
    )
}

/// Reads the upload form and checks its file; `now` stands for the signing time of a signature
/// that states none.
async fn read_upload(
    mut multipart: axum::extract::Multipart,
    anchors: &TrustAnchors,
    now: i64,
) -> Result<Upload, ApiError> {
    use portal_api::FieldErrorCode;
    let mut name = None;
    let mut category = None;
    let mut file = None;
    // An interrupted or oversized body fails at whichever field it reaches; both mean the same.
    let body_error = |e: axum::extract::multipart::MultipartError| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            ApiError::malformed(e.body_text())
        }
    };
    while let Some(field) = multipart.next_field().await.map_err(body_error)? {
        match field.name() {
            Some("name") => name = field.text().await.ok(),
            Some("category") => category = field.text().await.ok(),
            Some("file") => {
                let file_name = upload::clean_file_name(field.file_name().unwrap_or_default());
                let bytes = field.bytes().await.map_err(body_error)?;
                file = Some((file_name, bytes.to_vec()));
            }
            other => return Err(unknown_part(other)),
        }
    }
    let (name, category) = (name.unwrap_or_default(), category.unwrap_or_default());
    // The browser's rules first (shared crate), then what only the server can judge.
    let form = UploadForm {
        name: &name,
        category: &category,
        file: file.as_ref().map(|(_, bytes)| ChosenFile::of(bytes)),
    };
    let category = match form.validate() {
        Ok(category) => category,
        Err(errors) if errors.get("file") == Some(&FieldErrorCode::TooLarge) => {
            return Err(too_large());
        }
        Err(errors) => return Err(ApiError::validation(errors)),
    };
    let Some((file_name, bytes)) = file else {
        return Err(ApiError::internal());
    };
    let refused = match signed_pdf::check(&bytes, anchors, now) {
        Ok(()) => None,
        Err(Refusal::TooLarge) => return Err(too_large()),
        Err(Refusal::NotPdf) => Some(FieldErrorCode::NotPdf),
        Err(Refusal::Unsigned) => Some(FieldErrorCode::Unsigned),
        Err(Refusal::BadSignature) => Some(FieldErrorCode::BadSignature),
        Err(Refusal::SignatureMismatch) => Some(FieldErrorCode::SignatureMismatch),
        Err(Refusal::CertificateExpired) => Some(FieldErrorCode::CertificateExpired),
        Err(Refusal::UntrustedSigner) => Some(FieldErrorCode::UntrustedSigner),
    };
    if let Some(code) = refused {
        return Err(ApiError::validation([("file".to_owned(), code)].into()));
    }
    Ok(Upload {
        name: portal_api::text::trim_blank(&name).to_owned(),
        category,
        file_name,
        bytes,
    })
}

/// Uploads a PDF bearing the citizen's digital signature into their data store. The type is
/// judged by content, not name; the signature must match the file and its signer's certificate
/// be valid at signing time and chain to a trusted CA; the same file twice is recognised.
/// Nothing is stored unless everything passes.
#[utoipa::path(
    post,
    path = "/api/v1/documents",
    tag = "documents",
    operation_id = "uploadDocument",
    request_body(content = crate::openapi::forms::UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Stored; the new document", body = DocumentDetail),
        (status = 400, description = "Not a multipart body, or a part other than the form's", body = ErrorBody),
        SignedInChange,
        (status = 409, description = "`conflict`: the same file is already in the store (`fields.file` = `duplicate`). Or `storage_quota_exceeded`: the file would take the citizen's uploaded files past their quota of `allowed` bytes", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: over 10 MB", body = ErrorBody),
        (status = 415, description = "The body is not multipart/form-data", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `name`, `category`, or `file` (`not_pdf`, `unsigned`, `bad_signature` for a damaged or unsupported signature, `signature_mismatch` when the file or signature was changed, `certificate_expired` when the signer's certificate was not valid at signing time, `untrusted_signer` when it does not chain to a configured trust anchor)", body = ErrorBody),
        (status = 429, description = "`rate_limited`: the citizen's uploads for the day are used up (`--uploads-per-citizen-per-day`); `retry_after_seconds` and `Retry-After` say when to upload again", body = ErrorBody),
    ),
)]
pub async fn upload_document(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<(axum::http::StatusCode, Json<DocumentDetail>), ApiError> {
    let multipart = multipart
        .map_err(|e| ApiError::new(portal_api::ErrorCode::UnsupportedMediaType, e.body_text()))?;
    let now = state.clock.now();
    // Counted before the body is read: checking a signature is the cost the limit guards.
    let limits = state.citizen_limits;
    limits
        .uploads()
        .admit(&state.db, session.personal_id.clone(), now)
        .await?;
    let upload = read_upload(multipart, &state.trust_anchors, now).await?;
    let owner = session.personal_id.clone();
    let stored = state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            let quota = limits.storage_quota_bytes;
            if let Err(full) =
                citizen_limits::room_for_file(&tx, &owner, quota, upload.bytes.len())?
            {
                return Ok(Err(full));
            }
            let stored = upload::store(&tx, &owner, &upload, now)?;
            let detail = match &stored {
                Stored::New(code) => store::find(&tx, &owner, code)?.map(|d| d.detail),
                Stored::Duplicate(_) => None,
            };
            tx.commit()?;
            Ok(Ok((stored, detail)))
        })
        .await??;
    match stored {
        (Stored::New(_), Some(detail)) => Ok((axum::http::StatusCode::CREATED, Json(detail))),
        (Stored::Duplicate(code), _) => {
            let mut body = ErrorBody::new(
                portal_api::ErrorCode::Conflict,
                format!("this file is already in the data store as {code}"),
            );
            body.fields
                .insert("file".to_owned(), portal_api::FieldErrorCode::Duplicate);
            Err(body.into())
        }
        _ => Err(ApiError::internal()),
    }
}
