//! The built app from `dist/`: files as Trunk wrote them (with the `.br`/`.gz` copies the
//! release build adds, sent to browsers that accept them), index.html for every route of the
//! single-page app.

use std::path::{Path, PathBuf};

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Router, middleware};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::state::AppState;

/// For files whose name carries a content hash: they never change, so browsers keep them.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For everything else: the browser may keep a copy but asks every time whether it changed,
/// so a new release reaches every kiosk on its next load.
const REVALIDATE: &str = "no-cache";

/// The app's files and the SPA fallback.
pub fn routes(dist: &Path) -> Router<AppState> {
    let index = dist.join("index.html");
    let spa = move |request: Request| serve_index(index.clone(), request);
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(axum::handler::HandlerWithoutStateExt::into_service(spa));
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
}

/// Every path that is not a file: a route of the app (`/documents/KS-2020-1`) gets
/// index.html so deep links and reloads work; a missing file (`/missing.js`) gets 404.
async fn serve_index(index: PathBuf, request: Request) -> Response {
    if looks_like_a_file(request.uri().path()) {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    if !index.is_file() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "The app is not built. Run `cargo xtask serve`, which builds it first.",
        )
            .into_response();
    }
    let file = ServeFile::new(index)
        .precompressed_br()
        .precompressed_gzip();
    match file.oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(infallible) => match infallible {},
    }
}

/// The last segment of the path has an extension: the browser asked for a file.
fn looks_like_a_file(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
}

/// Trunk names the files it builds `name-<hash>.ext`, with a hash of 16 hex digits (15 when it
/// starts with a 0, which Trunk drops); the wasm build puts the app's scripts and wasm chunks
/// in a folder `app-<hash>/`, whose files are as immutable as its name.
fn is_hashed_asset(path: &str) -> bool {
    let Some(file) = path.rsplit('/').next().filter(|f| f.contains('.')) else {
        return false;
    };
    let in_hashed_folder = path
        .trim_start_matches('/')
        .split_once('/')
        .and_then(|(folder, _)| folder.strip_prefix("app-"))
        .is_some_and(is_hash);
    let stem = file.split('.').next().unwrap_or(file);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    in_hashed_folder || stem.rsplit_once('-').is_some_and(|(_, hash)| is_hash(hash))
}

fn is_hash(text: &str) -> bool {
    (12..=16).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

async fn cache_control(request: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    let value = if hashed && response.status().is_success() {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(value));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunks_hashed_names() {
        assert!(is_hashed_asset("/citizen-portal-d29f1a3744524019_bg.wasm"));
        assert!(is_hashed_asset("/citizen-portal-d29f1a3744524019.js"));
        assert!(is_hashed_asset("/main-588f1f8fe7712ab.css"));
        assert!(is_hashed_asset(
            "/app-d29f1a3744524019/citizen_portal_bg.wasm"
        ));
        assert!(is_hashed_asset("/app-d29f1a3744524019/__wasm_split.js"));
        assert!(!is_hashed_asset("/app-notahash/citizen_portal.js"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/config.json"));
        assert!(!is_hashed_asset("/favicon.svg"));
        assert!(!is_hashed_asset("/documents/KS-2020-0123000001"));
        // A route whose last segment happens to look like a hash is still a route.
        assert!(!is_hashed_asset("/documents/BD-2019-0123456789abcd"));
    }

    #[test]
    fn routes_are_not_files() {
        assert!(looks_like_a_file("/main.css"));
        assert!(!looks_like_a_file("/documents"));
        assert!(!looks_like_a_file("/requests/YC-2026-000001"));
        assert!(!looks_like_a_file("/"));
    }
}
