//! The one typed client for the portal's API. Every HTTP call of the app goes through
//! [`request`]: it sends the CSRF header and the session cookie, aborts when the page that
//! asked goes away, maps failures to [`ApiError`], and turns a 401 into "signed out".

mod error;
pub mod session;

use gloo_net::http::{Method, RequestBuilder, Response};
use leptos::prelude::*;
use portal_api::ErrorBody;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, RequestCredentials};

pub use error::ApiError;

use crate::session::SessionContext;

/// The header the server requires on every write, as its CSRF defence: a cross-site form
/// cannot set it, and a cross-site script cannot send it without a CORS preflight.
const CSRF_HEADER: &str = "X-Requested-With";
/// The value of [`CSRF_HEADER`].
const CSRF_VALUE: &str = "portal";

/// Sends a request to `url` and reads the JSON answer as `T`.
///
/// Call it inside the reactive owner of the page that needs the answer (a `LocalResource`,
/// an `Action`): when that owner is cleaned up, the request is aborted.
pub async fn request<T: DeserializeOwned>(method: Method, url: &str) -> Result<T, ApiError> {
    // Offline, the answer is known without asking (and without a failed request in the
    // console); the session check runs again when the connection is back.
    if !window().navigator().on_line() {
        return Err(ApiError::Network);
    }
    // Read before the first await: the owner is only current while the future starts.
    let session = use_context::<SessionContext>();
    let abort = abort_on_cleanup();
    let sent = RequestBuilder::new(url)
        .method(method)
        .header(CSRF_HEADER, CSRF_VALUE)
        .header("Accept", "application/json")
        .credentials(RequestCredentials::SameOrigin)
        .abort_signal(abort.as_ref())
        .send()
        .await;
    let response = sent.map_err(|_| ApiError::Network)?;
    if response.ok() {
        return read_json(response).await.ok_or(ApiError::Server);
    }
    let status = response.status();
    let retry_after = response.headers().get("retry-after");
    let body = read_json::<ErrorBody>(response).await;
    let error = ApiError::from_response(status, body, retry_after.as_deref());
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

/// Reads a JSON body with the browser's own parser, so the wasm does not carry one.
async fn read_json<T: DeserializeOwned>(response: Response) -> Option<T> {
    let raw = web_sys::Response::from(response);
    let value = JsFuture::from(raw.json().ok()?).await.ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}
