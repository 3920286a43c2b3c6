//! The built app from `dist/`: files as Trunk wrote them (with the `.br`/`.gz` copies the
//! release build adds, sent to browsers that accept them), a page rendered ahead of time for
//! its own address, index.html for every other route of the single-page app. Everything is read once at start-up ([`BuiltApp`]), so a file is answered
//! at the speed of a lookup.

mod accept_encoding;
mod asset;
mod built_app;
mod names;
mod page_marks;
mod prerendered;

use std::borrow::Cow;
use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

pub use built_app::{BuiltApp, DistError};
pub use page_marks::PageMarks;

use crate::state::AppState;
use built_app::REVALIDATE;
use names::looks_like_a_file;

/// The app's files and the SPA fallback, for every path the API does not claim.
pub fn routes(app: Arc<BuiltApp>) -> Router<AppState> {
    Router::new().fallback(move |request: Request| {
        let app = Arc::clone(&app);
        async move { answer(&app, &request) }
    })
}

fn answer(app: &BuiltApp, request: &Request) -> Response {
    let method = request.method();
    if method == Method::POST && !looks_like_a_file(request.uri().path()) {
        return back_to_the_page(request);
    }
    if method != Method::GET && method != Method::HEAD {
        let mut response = refusal(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed");
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET,HEAD"));
        return response;
    }
    let path = url_path(request.uri().path());
    if path == "/index.html" || !looks_like_a_file(&path) {
        let page = prerendered::candidates(&path, request.headers())
            .iter()
            .find_map(|file| app.file(file));
        if let Some(page) = page {
            let mut response = page.respond(method, request.headers());
            // The same address answers in the language of the citizen's cookie.
            response
                .headers_mut()
                .append(header::VARY, HeaderValue::from_static("cookie"));
            return response;
        }
    }
    if let Some(file) = app.file(&path) {
        return file.respond(method, request.headers());
    }
    // Not a file: a route of the app (`/documents/KS-2020-1`) gets index.html so deep links
    // and reloads work; a missing file (`/missing.js`) gets 404.
    if looks_like_a_file(&path) {
        return refusal(StatusCode::NOT_FOUND, "Not found");
    }
    match app.index() {
        Some(index) => index.respond(method, request.headers()),
        None => refusal(
            StatusCode::SERVICE_UNAVAILABLE,
            "The app is not built. Run `cargo xtask serve`, which builds it first.",
        ),
    }
}

/// A page's form sent by the browser itself, before the app's code had taken it over (it did
/// not arrive, or the citizen was quicker): the page's forms are `method="post"` so that what
/// was typed, a password among it, never goes into an address, a history or a log. The
/// citizen is sent back to the page (`303`, so the browser asks for it with GET), where the
/// app now starts. The body is not read.
fn back_to_the_page(request: &Request) -> Response {
    let uri = request.uri();
    // One leading slash, whatever the request had: `//host` would be another site's address.
    let mut location = format!("/{}", uri.path().trim_start_matches(['/', '\\']));
    if let Some(query) = uri.query() {
        location.push('?');
        location.push_str(query);
    }
    Redirect::to(&location).into_response()
}

/// The path as the files are named: percent-escapes decoded, a folder's `index.html` for a
/// path ending in `/`.
fn url_path(raw: &str) -> Cow<'_, str> {
    let path = percent_encoding::percent_decode_str(raw).decode_utf8_lossy();
    if path.ends_with('/') {
        Cow::Owned(format!("{path}index.html"))
    } else {
        path
    }
}

/// A plain-text refusal, revalidated like every answer that is not a hashed file.
fn refusal(status: StatusCode, text: &'static str) -> Response {
    let mut response = (status, text).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(uri: &str) -> Response {
        back_to_the_page(&Request::post(uri).body(axum::body::Body::empty()).unwrap())
    }

    #[test]
    fn a_form_sent_to_a_page_goes_back_to_it_on_this_site() {
        let response = posted("/sign-in?next=%2Frecord");
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            response.headers()[header::LOCATION],
            "/sign-in?next=%2Frecord"
        );
        assert_eq!(
            posted("//evil.example/x").headers()[header::LOCATION],
            "/evil.example/x"
        );
        assert_eq!(
            posted("/\\evil.example").headers()[header::LOCATION],
            "/evil.example"
        );
    }

    #[test]
    fn paths_are_decoded_and_folders_mean_their_index() {
        assert_eq!(url_path("/"), "/index.html");
        assert_eq!(url_path("/app-1/"), "/app-1/index.html");
        assert_eq!(url_path("/main%2Ecss"), "/main.css");
        assert_eq!(url_path("/documents/KS-1"), "/documents/KS-1");
    }
}
