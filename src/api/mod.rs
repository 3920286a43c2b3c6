//! The one typed client for the portal's API. Every HTTP call of the app goes through
//! [`request`] or [`send`]: they send the CSRF header and the session cookie, abort when the
//! page that asked goes away, map failures to [`ApiError`], and turn a 401 into "signed out".

pub mod account;
pub mod auth;
pub mod documents;
mod error;
pub mod kiosk;
pub mod record;
pub mod requests;
pub mod session;
pub mod share;
pub mod upload;

use gloo_net::http::{Method, RequestBuilder, Response};
use leptos::prelude::*;
use portal_api::{CSRF_HEADER, CSRF_HEADER_VALUE, ErrorBody};
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, RequestCredentials};

pub use error::ApiError;

use crate::session::SessionContext;

/// Sends a request without a body to `url` and reads the JSON answer as `T`.
///
/// Call it from a future spawned with `spawn_local_scoped` (or in a `LocalResource`, an
/// `Action`), so that it runs under the reactive owner of the page that needs the answer:
/// the session is found through it, and when it is cleaned up the request is aborted. A plain
/// `spawn_local` future runs under no owner, and would lose both.
pub async fn request<T: DeserializeOwned>(method: Method, url: &str) -> Result<T, ApiError> {
    let json = exchange(method, url, Body::None).await?;
    serde_wasm_bindgen::from_value(json).map_err(|_| ApiError::Server)
}

/// Sends a JSON object of text fields to `url` and reads the JSON answer as `T`.
///
/// Every body the app sends so far is a few text fields; writing them with the browser's
/// `JSON.stringify` keeps a serializer out of the wasm.
pub async fn send<T: DeserializeOwned>(
    method: Method,
    url: &str,
    fields: &[(&str, &str)],
) -> Result<T, ApiError> {
    let json = exchange(method, url, Body::Json(json_object(fields)?)).await?;
    serde_wasm_bindgen::from_value(json).map_err(|_| ApiError::Server)
}

/// Sends `body` as JSON and reads the answer as `T`: for bodies with numbers or lists, which
/// `send`'s text fields cannot carry. The browser's `JSON.stringify` still writes it, so no
/// serializer joins the wasm.
pub async fn send_json<B: serde::Serialize, T: DeserializeOwned>(
    method: Method,
    url: &str,
    body: &B,
) -> Result<T, ApiError> {
    let value = serde_wasm_bindgen::to_value(body).map_err(|_| ApiError::Server)?;
    let json = js_sys::JSON::stringify(&value)
        .map(String::from)
        .map_err(|_| ApiError::Server)?;
    let answer = exchange(method, url, Body::Json(json)).await?;
    serde_wasm_bindgen::from_value(answer).map_err(|_| ApiError::Server)
}

/// Sends `form` as multipart form data (text fields and files) and reads the answer as `T`.
pub async fn send_form<T: DeserializeOwned>(
    method: Method,
    url: &str,
    form: web_sys::FormData,
) -> Result<T, ApiError> {
    let answer = exchange(method, url, Body::Form(form)).await?;
    serde_wasm_bindgen::from_value(answer).map_err(|_| ApiError::Server)
}

/// What a request carries.
enum Body {
    None,
    /// A JSON text.
    Json(String),
    /// Multipart form data; the browser writes its `Content-Type` with the boundary.
    Form(web_sys::FormData),
}

/// Sends a request whose answer has no body (204).
pub async fn send_empty(method: Method, url: &str) -> Result<(), ApiError> {
    exchange(method, url, Body::None).await.map(|_| ())
}

/// `{"name": "value", ...}` through the browser's own `JSON.stringify`, which escapes.
fn json_object(fields: &[(&str, &str)]) -> Result<String, ApiError> {
    let object = js_sys::Object::new();
    for (name, value) in fields {
        js_sys::Reflect::set(&object, &JsValue::from_str(name), &JsValue::from_str(value))
            .map_err(|_| ApiError::Server)?;
    }
    js_sys::JSON::stringify(&object)
        .map(String::from)
        .map_err(|_| ApiError::Server)
}

/// One round trip: the JSON of a 2xx answer (`undefined` when it has no body), or the failure
/// as an [`ApiError`]. Not generic, so the wasm holds one copy of it whatever the answer's
/// type; the caller turns the JSON into its type.
async fn exchange(method: Method, url: &str, body: Body) -> Result<JsValue, ApiError> {
    // Offline, the answer is known without asking (and without a failed request in the
    // console); the session check runs again when the connection is back.
    if !window().navigator().on_line() {
        return Err(ApiError::Network);
    }
    // Through the owner the caller's scoped future runs under (see `request`).
    let session = use_context::<SessionContext>();
    let abort = abort_on_cleanup();
    let builder = RequestBuilder::new(url)
        .method(method)
        .header(CSRF_HEADER, CSRF_HEADER_VALUE)
        .header("Accept", "application/json")
        .credentials(RequestCredentials::SameOrigin)
        .abort_signal(abort.as_ref());
    let built = match body {
        Body::None => builder.build(),
        Body::Json(json) => builder
            .header("Content-Type", "application/json")
            .body(JsValue::from_str(&json)),
        Body::Form(form) => builder.body(JsValue::from(form)),
    };
    let sent = match built {
        Ok(request) => request.send().await,
        Err(_) => return Err(ApiError::Server),
    };
    let response = sent.map_err(|_| ApiError::Network)?;
    let status = response.status();
    let retry_after = response.headers().get("retry-after");
    let json = read_json(response).await;
    answer(session, status, json, retry_after.as_deref())
}

/// What an answer means for the app, whichever way it came (fetch, or the upload's
/// XMLHttpRequest): the JSON of a 2xx (`undefined` without a body), which also counts as
/// activity for the idle timeout; otherwise the failure, and a 401 signs the app out.
fn answer(
    session: Option<SessionContext>,
    status: u16,
    json: Option<JsValue>,
    retry_after: Option<&str>,
) -> Result<JsValue, ApiError> {
    if (200..300).contains(&status) {
        if let Some(session) = session {
            session.note_activity();
        }
        return Ok(json.unwrap_or(JsValue::UNDEFINED));
    }
    let body = json.and_then(|json| serde_wasm_bindgen::from_value::<ErrorBody>(json).ok());
    let error = ApiError::from_response(status, body, retry_after);
    if error == ApiError::Unauthorized
        && let Some(session) = session
    {
        session.mark_signed_out();
    }
    Err(error)
}

/// An abort signal that fires when the current reactive owner is cleaned up, e.g. when the
/// citizen leaves the page before the answer arrives.
fn abort_on_cleanup() -> Option<AbortSignal> {
    let controller = AbortController::new().ok()?;
    let signal = controller.signal();
    // The browser's controller is not `Send`; the app has one thread, so the wrapper holds.
    let controller = SendWrapper::new(controller);
    on_cleanup(move || controller.abort());
    Some(signal)
}

/// Reads a JSON body with the browser's own parser, so the wasm does not carry one; `None`
/// for an empty or unreadable body.
async fn read_json(response: Response) -> Option<JsValue> {
    if response.status() == 204 {
        return None;
    }
    let raw = web_sys::Response::from(response);
    JsFuture::from(raw.json().ok()?).await.ok()
}
