//! The personal electronic data store: `GET {api}/document-index` (the whole list, which
//! the list page searches itself),
//! `GET {api}/documents/{code}` and its file, `POST {api}/documents/{code}/sync`, the
//! document's share links (`{api}/documents/{code}/shares`), and what a link's holder opens
//! (`GET {api}/shared-documents/{token}`). Uploads are in `upload.rs`.

use gloo_net::http::Method;
use portal_api::document_index::DocumentIndex;
use portal_api::documents::{
    CreateDocumentShare, CreatedDocumentShare, DocumentDetail, DocumentQuery, DocumentShare,
    SharedDocument,
};

use super::{Api, ApiError};

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

/// Every document in the citizen's store, for the list page to search as they type.
pub async fn index(api: Api) -> Result<DocumentIndex, ApiError> {
    api.request(Method::GET, "/document-index").await
}

/// A document with its metadata and history; 404 for a code the citizen does not hold.
pub async fn get(api: Api, code: &str) -> Result<DocumentDetail, ApiError> {
    api.request(Method::GET, &document_path(code)).await
}

/// Asks the issuing agency again for this document and answers it as it now stands.
pub async fn sync(api: Api, code: &str) -> Result<DocumentDetail, ApiError> {
    api.post(&format!("{}/sync", document_path(code))).await
}

/// Where the document's file is, to preview (`download = false`) or save.
pub fn file_url(api: Api, code: &str, download: bool) -> String {
    with_download(api.url(&format!("{}/file", document_path(code))), download)
}

/// Makes a link to the document as `share` asks (how long, and whether the server also texts
/// it to the citizen's own phone); the answer is the only one that carries the link's secret.
pub async fn share(
    api: Api,
    code: &str,
    share: &CreateDocumentShare,
) -> Result<CreatedDocumentShare, ApiError> {
    let url = format!("{}/shares", document_path(code));
    api.send_json(Method::POST, &url, share).await
}

/// The document's links that have not expired, revoked ones included, without their secrets.
pub async fn shares(api: Api, code: &str) -> Result<Vec<DocumentShare>, ApiError> {
    api.request(Method::GET, &format!("{}/shares", document_path(code)))
        .await
}

/// Ends link `id` of the document at once.
pub async fn revoke_share(api: Api, code: &str, id: &str) -> Result<(), ApiError> {
    let url = format!("{}/shares/{}", document_path(code), segment(id));
    api.send_empty(Method::DELETE, &url).await
}

/// What the holder of link `token` may see; 404 once it expired or was revoked.
pub async fn open_shared(api: Api, token: &str) -> Result<SharedDocument, ApiError> {
    api.request(
        Method::GET,
        &format!("/shared-documents/{}", segment(token)),
    )
    .await
}

/// The shared document's file, to preview (`download = false`) or save.
pub fn shared_file_url(api: Api, token: &str, download: bool) -> String {
    with_download(
        api.url(&format!("/shared-documents/{}/file", segment(token))),
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

fn document_path(code: &str) -> String {
    format!("/documents/{}", segment(code))
}
