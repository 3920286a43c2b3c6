//! The public share endpoints under load: each client address has its allowance (429 with
//! `Retry-After` beyond it), and a viewer's repeated calls make one access-log entry an hour.

// A test that cannot set up its server should stop right there, loudly.
#![allow(clippy::unwrap_used)]

mod common;

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use common::{TestServer, api, first_document_code, json, share_document, sign_in};
use portal_server::params;
use serde_json::json;

const AN: &str = "001085012345";
const AN_PHONE: &str = "0912345678";

/// A GET of `path` from address `ip` with browser `agent`, as the listener would pass it on.
async fn get_from(server: &TestServer, path: &str, ip: &str, agent: &str) -> StatusCode {
    let address: SocketAddr = format!("{ip}:40000").parse().unwrap();
    let request = Request::get(path)
        .header(header::USER_AGENT, agent)
        .extension(ConnectInfo(address))
        .body(Body::empty())
        .unwrap();
    server.send(request).await.0.status()
}

/// How many entries by `actor` the access log holds.
fn logged(server: &TestServer, actor: &str) -> i64 {
    server.sql_value(
        "SELECT count(*) FROM access_log WHERE actor = ?1",
        params![actor],
    )
}

#[tokio::test]
async fn the_public_endpoints_limit_each_address_and_say_when_to_come_back() {
    let server = TestServer::start_with(&["--public-requests-per-ip", "3"]);
    let link = "/api/v1/shared-documents/no-such-link";
    let status = "/api/v1/shares/no-such-share/status";
    // Both endpoints draw on one allowance per address.
    for path in [link, status, link] {
        assert_eq!(
            get_from(&server, path, "203.0.113.7", "A").await,
            StatusCode::NOT_FOUND
        );
    }
    for path in [link, status] {
        let address: SocketAddr = "203.0.113.7:40000".parse().unwrap();
        let request = Request::get(path)
            .extension(ConnectInfo(address))
            .body(Body::empty())
            .unwrap();
        let (response, body) = server.send(request).await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS, "{path}");
        assert_eq!(response.headers()[header::RETRY_AFTER], "60");
        let body = json(&body);
        assert_eq!(body["code"], "rate_limited");
        assert_eq!(body["retry_after_seconds"], 60);
    }
    assert_eq!(
        get_from(&server, link, "203.0.113.8", "A").await,
        StatusCode::NOT_FOUND,
        "another address has its own allowance"
    );
    server.clock.advance(60);
    assert_eq!(
        get_from(&server, link, "203.0.113.7", "A").await,
        StatusCode::NOT_FOUND,
        "a minute later the address may call again"
    );
}

#[tokio::test]
async fn a_viewer_is_logged_once_an_hour_per_share() {
    let server = TestServer::start_with(&["--dev-sms-outbox"]);
    let cookie = sign_in(&server, AN, AN_PHONE).await;
    let code = first_document_code(&server, &cookie).await;
    let token = share_document(&server, &cookie, &code, 24).await["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (response, body) = server
        .send(api(
            "POST",
            "/api/v1/shares",
            json!({"fields": ["full_name"], "valid_minutes": 1440}),
            Some(&cookie),
        ))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let id = json(&body)["id"].as_str().unwrap().to_owned();
    let link = format!("/api/v1/shared-documents/{token}");
    let file = format!("{link}/file");
    let status = format!("/api/v1/shares/{id}/status");

    // One viewer, again and again, the document and its file: one entry.
    for path in [&link, &file, &link, &link] {
        assert_eq!(
            get_from(&server, path, "198.51.100.1", "Phone").await,
            StatusCode::OK
        );
    }
    assert_eq!(logged(&server, "shared_link_view"), 1);
    // Another browser at the same address, or the same browser elsewhere, is another viewer.
    get_from(&server, &link, "198.51.100.1", "Laptop").await;
    get_from(&server, &link, "198.51.100.2", "Phone").await;
    assert_eq!(logged(&server, "shared_link_view"), 3);
    // A verifier checking a code over and over: one entry too.
    for _ in 0..3 {
        assert_eq!(
            get_from(&server, &status, "198.51.100.1", "Phone").await,
            StatusCode::OK
        );
    }
    assert_eq!(logged(&server, "shared_qr_verification"), 1);

    // Within the hour nothing more; once it has passed, the next view is logged again.
    server.clock.advance(3599);
    get_from(&server, &link, "198.51.100.1", "Phone").await;
    assert_eq!(logged(&server, "shared_link_view"), 3);
    server.clock.advance(1);
    get_from(&server, &link, "198.51.100.1", "Phone").await;
    get_from(&server, &status, "198.51.100.1", "Phone").await;
    assert_eq!(logged(&server, "shared_link_view"), 4);
    assert_eq!(logged(&server, "shared_qr_verification"), 2);
}
