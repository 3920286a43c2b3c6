//! The one typed client for the portal's API. Every HTTP call of the app goes through an
//! [`Api`] handle, which pages take from context with [`use_api`]: it sends the CSRF header and
//! the session cookie, aborts when the reactive owner that asked is cleaned up (the page the
//! citizen left), maps failures to [`ApiError`], and tells the app, through the [`ApiHooks`]
//! it was made with, that an answer came (activity, for the idle timeout) or that a 401 ended
//! the session. The hooks travel with the handle, so a call made anywhere keeps that rule; the
//! client knows nothing of the session, which sets the hooks (`src/app.rs`).

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

pub use error::{ApiError, NewerDraft};

use crate::config::ConfigContext;

/// What an answer means beyond the call that asked for it.
#[derive(Clone, Copy)]
pub struct ApiHooks {
    /// A 2xx answer: the citizen is active, the idle timer starts again.
    pub answered: Callback<()>,
    /// A 401: the session has ended.
    pub signed_out: Callback<()>,
}

/// The portal's API: where it is (the deployment's configuration) and whom to tell.
#[derive(Clone, Copy)]
pub struct Api {
    config: ConfigContext,
    hooks: Option<ApiHooks>,
}

/// The app's [`Api`], provided by `src/app.rs`.
pub fn use_api() -> Api {
    expect_context()
}

impl Api {
    /// The API of `config`'s deployment; without hooks, answers tell no one (the session's
    /// own check, which reads the answer itself).
    pub fn new(config: ConfigContext, hooks: Option<ApiHooks>) -> Self {
        Self { config, hooks }
    }

    /// The full address of `path` (from `/`), e.g. for a link to a file.
    pub fn url(self, path: &str) -> String {
        format!("{}{path}", self.config.current().api_base_url)
    }

    /// Sends a request without a body to `path` and reads the JSON answer as `T`.
    pub async fn request<T: DeserializeOwned>(
        self,
        method: Method,
        path: &str,
    ) -> Result<T, ApiError> {
        let json = self.exchange(method, path, Body::None).await?;
        serde_wasm_bindgen::from_value(json).map_err(|_| ApiError::Server)
    }

    /// A POST that carries nothing but its path (submit, withdraw, refresh, keep alive): an
    /// empty JSON object, as every JSON endpoint reads its body; the answer as `T`.
    pub async fn post<T: DeserializeOwned>(self, path: &str) -> Result<T, ApiError> {
        let answer = self
            .exchange(Method::POST, path, Body::Json("{}".to_owned()))
            .await?;
        serde_wasm_bindgen::from_value(answer).map_err(|_| ApiError::Server)
    }

    /// Sends `body`, one of the shared crate's request types, as JSON and reads the answer as
    /// `T`: the one way a body goes out, so what the app sends is what the server's types
    /// read. The browser's `JSON.stringify` writes it, so no JSON serializer joins the wasm.
    pub async fn send_json<B: serde::Serialize, T: DeserializeOwned>(
        self,
        method: Method,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let value = serde_wasm_bindgen::to_value(body).map_err(|_| ApiError::Server)?;
        let json = js_sys::JSON::stringify(&value)
            .map(String::from)
            .map_err(|_| ApiError::Server)?;
        let answer = self.exchange(method, path, Body::Json(json)).await?;
        serde_wasm_bindgen::from_value(answer).map_err(|_| ApiError::Server)
    }

    /// Sends `form` as multipart form data (text fields and files) and reads the answer as `T`.
    pub async fn send_form<T: DeserializeOwned>(
        self,
        method: Method,
        path: &str,
        form: web_sys::FormData,
    ) -> Result<T, ApiError> {
        let answer = self.exchange(method, path, Body::Form(form)).await?;
        serde_wasm_bindgen::from_value(answer).map_err(|_| ApiError::Server)
    }

    /// Sends a request whose answer has no body (204).
    pub async fn send_empty(self, method: Method, path: &str) -> Result<(), ApiError> {
        self.exchange(method, path, Body::None).await.map(|_| ())
    }

    /// One round trip to `path`, told to the hooks.
    async fn exchange(self, method: Method, path: &str, body: Body) -> Result<JsValue, ApiError> {
        let answer = round_trip(method, &self.url(path), body).await;
        self.tell(answer)
    }

    /// Tells the hooks what an answer means for the app: a 2xx is activity, a 401 signs the
    /// app out.
    fn tell(self, answer: Result<JsValue, ApiError>) -> Result<JsValue, ApiError> {
        if let Some(hooks) = self.hooks {
            match &answer {
                Ok(_) => hooks.answered.run(()),
                Err(ApiError::Unauthorized) => hooks.signed_out.run(()),
                Err(_) => {}
            }
        }
        answer
    }
}

/// Reads a file the app is served with (`/config.json`), not the API: no hooks.
pub async fn fetch_app_file<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let json = round_trip(Method::GET, path, Body::None).await?;
    serde_wasm_bindgen::from_value(json).map_err(|_| ApiError::Server)
}

/// What a request carries.
enum Body {
    None,
    /// A JSON text.
    Json(String),
    /// Multipart form data; the browser writes its `Content-Type` with the boundary.
    Form(web_sys::FormData),
}

/// One round trip: the JSON of a 2xx answer (`undefined` when it has no body), or the failure
/// as an [`ApiError`]. Not generic, so the wasm holds one copy of it whatever the answer's
/// type; the caller turns the JSON into its type.
async fn round_trip(method: Method, url: &str, body: Body) -> Result<JsValue, ApiError> {
    // Offline, the answer is known without asking (and without a failed request in the
    // console); the session check runs again when the connection is back.
    if !window().navigator().on_line() {
        return Err(ApiError::Network);
    }
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
    answer(status, json, retry_after.as_deref())
}

/// What an answer is, whichever way it came (fetch, or the upload's XMLHttpRequest): the JSON
/// of a 2xx (`undefined` without a body), otherwise the failure.
fn answer(
    status: u16,
    json: Option<JsValue>,
    retry_after: Option<&str>,
) -> Result<JsValue, ApiError> {
    if (200..300).contains(&status) {
        return Ok(json.unwrap_or(JsValue::UNDEFINED));
    }
    let draft = json.as_ref().and_then(NewerDraft::of);
    let body = json.and_then(|json| serde_wasm_bindgen::from_value::<ErrorBody>(json).ok());
    Err(ApiError::from_response(status, body, draft, retry_after))
}

/// An abort signal that fires when the current reactive owner is cleaned up, e.g. when the
/// citizen leaves the page before the answer arrives. A call made outside any owner (a plain
/// `spawn_local`) is not aborted; `LocalResource`, `Action` and `spawn_local_scoped` run
/// under the page's.
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
