//! A server as a real deployment runs it: no demo accounts, and the demo's behind-the-scenes
//! endpoints absent unless switched on, and even then closed without the operator credential.

// A test that cannot set up its server should stop right there, loudly.
#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{OPERATOR_TOKEN, TestServer, api, json};
use portal_server::seed::DEMO_PASSWORD;
use serde_json::json;

const AN: &str = "001085012345";

/// The demo's behind-the-scenes endpoints, with a method each takes.
const DEMO_ENDPOINTS: [(&str, &str); 3] = [
    ("GET", "/api/v1/dev/sms-outbox?to=0912345678"),
    ("POST", "/api/v1/operator/requests/YC-2026-000001/decision"),
    ("PATCH", "/api/v1/operator/national-records/001085012345"),
];

fn request(method: &str, path: &str, bearer: Option<&str>) -> Request<Body> {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json")
        .header("x-requested-with", "portal");
    if let Some(token) = bearer {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    request
        .body(Body::from(json!({"status": "received"}).to_string()))
        .unwrap()
}

#[tokio::test]
async fn a_fresh_server_holds_no_demo_account() {
    let server = TestServer::production(&[]);
    let (response, body) = server
        .send(api(
            "POST",
            "/api/v1/sign-in",
            json!({"identifier": AN, "password": DEMO_PASSWORD}),
            None,
        ))
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(json(&body)["code"], "invalid_credentials");
    let citizens: i64 = server.sql_value("SELECT count(*) FROM citizens", vec![]);
    assert_eq!(citizens, 0);
}

#[tokio::test]
async fn switched_off_endpoints_answer_exactly_like_an_unknown_path() {
    let server = TestServer::production(&[]);
    for (method, path) in DEMO_ENDPOINTS {
        // Every method, so that not even a 405 tells the path exists.
        for method in [method, "GET", "POST", "PUT", "PATCH", "DELETE"] {
            let unknown = server
                .send_as_stranger(request(method, "/api/v1/no/such/endpoint", None))
                .await;
            let (response, body) = server
                .send_as_stranger(request(method, path, Some(OPERATOR_TOKEN)))
                .await;
            assert_eq!(response.status(), unknown.0.status(), "{method} {path}");
            assert_eq!(json(&body), json(&unknown.1), "{method} {path}");
        }
    }
}

#[tokio::test]
async fn switched_on_endpoints_still_need_the_operator_credential() {
    let server = TestServer::start_with(&["--dev-sms-outbox", "--operator-endpoint"]);
    for (method, path) in DEMO_ENDPOINTS {
        for bearer in [None, Some("a guess")] {
            let (response, body) = server.send_as_stranger(request(method, path, bearer)).await;
            assert_eq!(
                response.status(),
                StatusCode::UNAUTHORIZED,
                "{method} {path}"
            );
            assert_eq!(json(&body)["code"], "unauthenticated");
        }
        let (response, _) = server
            .send_as_stranger(request(method, path, Some(OPERATOR_TOKEN)))
            .await;
        assert_ne!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "{method} {path}"
        );
        assert_ne!(response.status(), StatusCode::NOT_FOUND, "{method} {path}");
    }
}
