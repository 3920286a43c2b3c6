//! The personal electronic data store: `GET {api}/documents` (search, filters, paging),
//! `GET {api}/documents/{code}` and its file, and `POST {api}/documents/{code}/sync`.

use gloo_net::http::Method;
use portal_api::documents::{DocumentDetail, DocumentPage, DocumentQuery};

use super::{ApiError, request, send};

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
    let file = format!("{}/file", document_url(api, code));
    if download {
        format!("{file}?download=1")
    } else {
        file
    }
}

fn document_url(api: &str, code: &str) -> String {
    format!(
        "{api}/documents/{}",
        String::from(js_sys::encode_uri_component(code))
    )
}
