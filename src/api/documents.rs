//! The personal electronic data store: `GET {api}/documents` (search, filters, paging),
//! `GET {api}/documents/{code}` and its file, `POST {api}/documents/{code}/sync`, the
//! document's share links (`{api}/documents/{code}/shares`), and what a link's holder opens
//! (`GET {api}/shared-documents/{token}`). Uploads are in `upload.rs`.

use gloo_net::http::Method;
use portal_api::documents::{
    CreateDocumentShare, CreatedDocumentShare, DocumentDetail, DocumentPage, DocumentQuery,
    DocumentShare, SharedDocument,
};

use super::{ApiError, request, send, send_empty, send_json};

/// `name=value&…` with both sides encoded, for an address or the API.
pub fn query_string(query: &DocumentQuery) -> String {
    let encode = |text: &str| String::from(js_sys::encode_uri_component(text));
    query
        .to_pairs()
        .iter()
        .map(|(name, value)| format!("{name}={}", encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// One page of the documents that match `query`, with the counts for the filters.
pub async fn search(api: &str, query: &DocumentQuery) -> Result<DocumentPage, ApiError> {
    request(
        Method::GET,
        &format!("{api}/documents?{}", query_string(query)),
    )
    .await
}

/// A document with its metadata and history; 404 for a code the citizen does not hold.
pub async fn get(api: &str, code: &str) -> Result<DocumentDetail, ApiError> {
    request(Method::GET, &document_url(api, code)).await
}

/// Asks the issuing agency again for this document and answers it as it now stands.
pub async fn sync(api: &str, code: &str) -> Result<DocumentDetail, ApiError> {
    send(
        Method::POST,
        &format!("{}/sync", document_url(api, code)),
        &[],
    )
    .await
}

/// Where the document's file is, to preview (`download = false`) or save.
pub fn file_url(api: &str, code: &str, download: bool) -> String {
    with_download(format!("{}/file", document_url(api, code)), download)
}

/// Makes a link to the document that works for `valid_hours`; the answer is the only one that
/// carries the link's secret.
pub async fn share(
    api: &str,
    code: &str,
    valid_hours: u32,
) -> Result<CreatedDocumentShare, ApiError> {
    let url = format!("{}/shares", document_url(api, code));
    send_json(Method::POST, &url, &CreateDocumentShare { valid_hours }).await
}

/// The document's links that have not expired, revoked ones included, without their secrets.
pub async fn shares(api: &str, code: &str) -> Result<Vec<DocumentShare>, ApiError> {
    request(Method::GET, &format!("{}/shares", document_url(api, code))).await
}

/// Ends link `id` of the document at once.
pub async fn revoke_share(api: &str, code: &str, id: &str) -> Result<(), ApiError> {
    let url = format!("{}/shares/{}", document_url(api, code), segment(id));
    send_empty(Method::DELETE, &url).await
}

/// What the holder of link `token` may see; 404 once it expired or was revoked.
pub async fn open_shared(api: &str, token: &str) -> Result<SharedDocument, ApiError> {
    request(
        Method::GET,
        &format!("{api}/shared-documents/{}", segment(token)),
    )
    .await
}

/// The shared document's file, to preview (`download = false`) or save.
pub fn shared_file_url(api: &str, token: &str, download: bool) -> String {
    with_download(
        format!("{api}/shared-documents/{}/file", segment(token)),
        download,
    )
}

/// A file's address: as is to preview it, `?download=1` to save it under its real name.
fn with_download(file: String, download: bool) -> String {
    if download {
        format!("{file}?download=1")
    } else {
        file
    }
}

/// `text` as one path segment, so no code or token can reach another path.
fn segment(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

fn document_url(api: &str, code: &str) -> String {
    format!("{api}/documents/{}", segment(code))
}
