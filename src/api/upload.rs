//! `POST {api}/documents`: a signed PDF into the citizen's data store, as multipart form data
//! through XMLHttpRequest, because fetch (and so gloo-net) cannot report how much of a body
//! has been sent, and on a slow phone line a 10 MB file takes minutes.

use portal_api::documents::{DocumentCategory, DocumentDetail};
use portal_api::upload::{ChosenFile, PDF_MAGIC};
use portal_api::{CSRF_HEADER, CSRF_HEADER_VALUE, ErrorCode, FieldErrorCode};
use send_wrapper::SendWrapper;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FormData, ProgressEvent, XmlHttpRequest};

use super::{Api, ApiError, answer};
use leptos::prelude::*;

/// What the citizen sends.
pub struct Upload {
    /// The name they give the document.
    pub name: String,
    /// Its category.
    pub category: DocumentCategory,
    /// The chosen file.
    pub file: File,
}

/// The first `len` bytes of `file` (fewer if it is shorter; none if it cannot be read):
/// what the shared rules judge a file's type by, whatever its name says.
pub async fn head_of(file: &File, len: usize) -> Vec<u8> {
    let Ok(head) = file.slice_with_i32_and_i32(0, len as i32) else {
        return Vec::new();
    };
    match JsFuture::from(head.array_buffer()).await {
        Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
        Err(_) => Vec::new(),
    }
}

/// What the shared rules need to know of a chosen file: its size, and whether its first
/// bytes are a PDF's.
pub async fn facts_of(file: &File) -> ChosenFile {
    ChosenFile {
        size: file.size() as u64,
        starts_as_pdf: head_of(file, PDF_MAGIC.len()).await == PDF_MAGIC,
    }
}

/// Sends `upload`, calling `on_progress` with the share of the body sent so far (0 to 1).
/// Leaving the page aborts it, and the server keeps nothing of an interrupted upload.
pub async fn upload(
    api: Api,
    upload: &Upload,
    on_progress: impl Fn(f64) + 'static,
) -> Result<DocumentDetail, ApiError> {
    if !window().navigator().on_line() {
        return Err(ApiError::Network);
    }
    let xhr = XmlHttpRequest::new().map_err(|_| ApiError::Server)?;
    let form = FormData::new().map_err(|_| ApiError::Server)?;
    let opened = xhr
        .open_with_async("POST", &api.url("/documents"), true)
        .and_then(|()| xhr.set_request_header(CSRF_HEADER, CSRF_HEADER_VALUE))
        .and_then(|()| xhr.set_request_header("Accept", "application/json"))
        .and_then(|()| form.append_with_str("name", &upload.name))
        .and_then(|()| form.append_with_str("category", upload.category.as_str()))
        .and_then(|()| {
            form.append_with_blob_and_filename("file", &upload.file, &upload.file.name())
        });
    opened.map_err(|_| ApiError::Server)?;

    let progress = Closure::<dyn Fn(ProgressEvent)>::new(move |event: ProgressEvent| {
        if event.length_computable() && event.total() > 0.0 {
            on_progress(event.loaded() / event.total());
        }
    });
    if let Ok(target) = xhr.upload() {
        target.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    // `loadend` comes once, after success, failure, abort or timeout alike.
    let finished = js_sys::Promise::new(&mut |resolve, _| xhr.set_onloadend(Some(&resolve)));
    let aborter = SendWrapper::new(xhr.clone());
    on_cleanup(move || {
        let _ = aborter.abort();
    });
    xhr.send_with_opt_form_data(Some(&form))
        .map_err(|_| ApiError::Network)?;
    let _ = JsFuture::from(finished).await;
    drop(progress);

    let status = xhr.status().unwrap_or(0);
    if status == 0 {
        return Err(ApiError::Network);
    }
    let json = xhr
        .response_text()
        .ok()
        .flatten()
        .filter(|text| !text.is_empty())
        .and_then(|text| js_sys::JSON::parse(&text).ok());
    let retry_after = xhr.get_response_header("retry-after").ok().flatten();
    match api.tell(answer(status, json.clone(), retry_after.as_deref())) {
        Ok(json) => serde_wasm_bindgen::from_value(json).map_err(|_| ApiError::Server),
        // A body over the limit is the file's fault: say so at the file, like the browser's
        // own check would have (a proxy may answer 413 without the error body).
        Err(_) if status == 413 || is_code(json.as_ref(), ErrorCode::PayloadTooLarge) => Err(
            ApiError::Validation([("file".to_owned(), FieldErrorCode::TooLarge)].into()),
        ),
        Err(error) => Err(error),
    }
}

fn is_code(json: Option<&JsValue>, code: ErrorCode) -> bool {
    json.and_then(|json| serde_wasm_bindgen::from_value::<portal_api::ErrorBody>(json.clone()).ok())
        .is_some_and(|body| body.code == code)
}
