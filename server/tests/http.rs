//! The reference backend over HTTP: the app's files with the SPA fallback, the headers on
//! every response, and the API's error shape for what it does not have.

// A test that cannot set up its server should stop right there, loudly.
#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{INDEX_HTML, TestServer, index_html_marked, json};

/// Paths of every kind the server answers: API, app routes, files, missing things.
const EVERY_KIND_OF_PATH: &[&str] = &[
    "/",
    "/documents",
    "/requests/YC-2026-000001",
    "/no-such-page",
    "/config.json",
    "/robots.txt",
    "/app-0123456789abcdef.js",
    "/missing.js",
    "/api/v1/health",
    "/api/v1/session",
    "/api/v1/no-such-thing",
    "/api",
];

#[tokio::test]
async fn every_response_carries_the_security_headers_and_a_request_id() {
    let server = TestServer::start();
    for path in EVERY_KIND_OF_PATH {
        let (response, _) = server.get(path).await;
        let headers = response.headers();
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{path}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(headers[header::REFERRER_POLICY], "no-referrer", "{path}");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        let permissions = headers["permissions-policy"].to_str().unwrap();
        // The verifier's camera scan needs the camera in the portal's own pages, and no
        // frame of another origin may have it.
        let camera: Vec<_> = permissions
            .split(',')
            .map(str::trim)
            .filter(|p| p.starts_with("camera="))
            .collect();
        assert_eq!(camera, ["camera=(self)"], "{path}: {permissions}");
        assert!(permissions.contains("microphone=()"), "{path}");
        let id = headers["x-request-id"].to_str().unwrap();
        assert_eq!(id.len(), 36, "{path}: a UUID, got {id}");
    }
}

#[tokio::test]
async fn a_request_id_sent_by_a_proxy_is_kept() {
    let server = TestServer::start();
    let request = Request::get("/api/v1/health")
        .header("x-request-id", "kiosk-17-0042")
        .body(Body::empty())
        .unwrap();
    let (response, _) = server.send(request).await;
    assert_eq!(response.headers()["x-request-id"], "kiosk-17-0042");
}

#[tokio::test]
async fn every_route_of_the_app_gets_index_html_without_caching() {
    let server = TestServer::start();
    for path in [
        "/",
        "/documents",
        "/documents/KS-2020-0123000001",
        "/requests/new",
        "/no-such-page",
    ] {
        let (response, body) = server.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            String::from_utf8(body).unwrap(),
            index_html_marked(r#"data-print-paper="a4""#),
            "{path}"
        );
        assert!(
            response.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "no-cache",
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_missing_file_is_404_not_the_app() {
    let server = TestServer::start();
    let (response, body) = server.get("/missing.js").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_ne!(String::from_utf8(body).unwrap(), INDEX_HTML);
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_sent_precompressed() {
    let server = TestServer::start();
    let request = Request::get("/app-0123456789abcdef.js")
        .header(header::ACCEPT_ENCODING, "br, gzip")
        .body(Body::empty())
        .unwrap();
    let (response, _) = server.send(request).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
    let cache = response.headers()[header::CACHE_CONTROL].to_str().unwrap();
    assert!(cache.contains("immutable") && cache.contains("max-age=31536000"));

    let (response, body) = server.get("/app-0123456789abcdef.js").await;
    assert!(!response.headers().contains_key(header::CONTENT_ENCODING));
    assert_eq!(body, b"console.log('app');");

    let (response, _) = server.get("/robots.txt").await;
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
}

#[tokio::test]
async fn a_file_the_browser_holds_is_answered_304_with_the_same_headers() {
    let server = TestServer::start();
    let get = |etag: Option<&str>| {
        let mut request =
            Request::get("/app-0123456789abcdef.js").header(header::ACCEPT_ENCODING, "br");
        if let Some(etag) = etag {
            request = request.header(header::IF_NONE_MATCH, etag);
        }
        request.body(Body::empty()).unwrap()
    };
    let (first, _) = server.send(get(None)).await;
    let etag = first.headers()[header::ETAG].to_str().unwrap().to_owned();
    let (again, body) = server.send(get(Some(&etag))).await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    assert_eq!(again.headers()[header::ETAG], etag.as_str());
    assert_eq!(again.headers()[header::VARY], "accept-encoding");
    assert!(
        again
            .headers()
            .contains_key(header::CONTENT_SECURITY_POLICY)
    );
    let cache = again.headers()[header::CACHE_CONTROL].to_str().unwrap();
    assert!(cache.contains("immutable"));
}

#[tokio::test]
async fn the_app_is_only_read_not_written() {
    let server = TestServer::start();
    let request = Request::put("/documents").body(Body::empty()).unwrap();
    let (response, _) = server.send(request).await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers()[header::ALLOW], "GET,HEAD");
    let request = Request::post("/robots.txt").body(Body::empty()).unwrap();
    let (response, _) = server.send(request).await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    // A page's own form, sent by the browser before the app took it over, goes back to the
    // page rather than to a dead end.
    let request = Request::post("/sign-in?next=%2Frecord")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("identifier=001085012345&password=secret"))
        .unwrap();
    let (response, _) = server.send(request).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[header::LOCATION],
        "/sign-in?next=%2Frecord"
    );
    let request = Request::head("/robots.txt").body(Body::empty()).unwrap();
    let (response, body) = server.send(request).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_LENGTH], "14");
    assert!(body.is_empty());
}

#[tokio::test]
async fn api_json_is_compressed_when_the_browser_accepts_it() {
    let server = TestServer::start();
    let request = Request::get("/api/v1/no-such-thing")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .unwrap();
    let (response, body) = server.send(request).await;
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&body[..]), &mut text).unwrap();
    assert_eq!(json(text.as_bytes())["code"], "not_found");
}

#[tokio::test]
async fn unknown_api_paths_answer_the_error_shape() {
    let server = TestServer::start();
    for path in [
        "/api",
        "/api/v1/no-such-thing",
        "/api/v2/health",
        "/api/v1/health/extra",
    ] {
        let (response, body) = server.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "application/json",
            "{path}"
        );
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "no-store",
            "{path}"
        );
        let body = json(&body);
        assert_eq!(body["code"], "not_found", "{path}");
        assert!(body["message"].is_string(), "{path}");
    }
}

#[tokio::test]
async fn a_wrong_method_answers_405_with_the_error_shape() {
    let server = TestServer::start();
    let request = Request::delete("/api/v1/health")
        .header("x-requested-with", "portal")
        .body(Body::empty())
        .unwrap();
    let (response, body) = server.send(request).await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(json(&body)["code"], "method_not_allowed");
}

#[tokio::test]
async fn health_answers_and_session_is_401_without_a_cookie() {
    let server = TestServer::start();
    let (response, body) = server.get("/api/v1/health").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(json(&body)["status"], "ok");

    let (response, body) = server.get("/api/v1/session").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(json(&body)["code"], "unauthenticated");
}

#[tokio::test]
async fn config_json_follows_the_kiosk_flag() {
    let ordinary = TestServer::start();
    let (response, body) = ordinary.get("/config.json").await;
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
    let config: portal_api::ClientConfig = serde_json::from_slice(&body).unwrap();
    assert_eq!(config, portal_api::ClientConfig::default());

    let kiosk = TestServer::start_with(&["--kiosk"]);
    let (_, body) = kiosk.get("/config.json").await;
    let config: portal_api::ClientConfig = serde_json::from_slice(&body).unwrap();
    assert!(config.kiosk);
    assert!(config.idle_timeout_seconds < portal_api::ClientConfig::default().idle_timeout_seconds);
}

/// `boot.js` asks for `config.json` only once the page has painted, so a kiosk's type and
/// paper come on the page itself: its first paint is already laid out for the kiosk.
#[tokio::test]
async fn a_kiosks_pages_come_marked_for_the_kiosk_and_its_paper() {
    let kiosk = TestServer::start_with(&["--kiosk", "--print-paper", "receipt-80mm"]);
    for path in ["/", "/documents/KS-2020-0123000001"] {
        let (response, body) = kiosk.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            String::from_utf8(body).unwrap(),
            index_html_marked(r#"data-print-paper="receipt-80mm" data-kiosk"#),
            "{path}"
        );
    }
}

#[tokio::test]
async fn without_a_built_app_the_server_says_so_and_the_api_still_answers() {
    let server = TestServer::without_built_app();
    let (response, body) = server.get("/documents").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        String::from_utf8(body)
            .unwrap()
            .contains("cargo xtask serve")
    );
    let (response, _) = server.get("/api/v1/health").await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_method_a_path_lacks_is_405_even_without_the_csrf_header() {
    let server = TestServer::start();
    for (method, path) in [
        ("PUT", "/api/v1/health"),
        ("TRACE", "/api/v1/health"),
        ("DELETE", "/api/v1/request-catalogue"),
        ("PATCH", "/config.json"),
    ] {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .body(Body::empty())
            .unwrap();
        let (response, _) = server.send_as_stranger(request).await;
        assert_eq!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
    }
    // A route that has the method still needs the header.
    let request = Request::post("/api/v1/sign-in")
        .header("content-type", "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let (response, _) = server.send_as_stranger(request).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}
