//! The documented API and the server agree: the committed `docs/openapi.yaml` is exactly what
//! the code generates, and every documented operation is routed.

// A test that cannot set up its server should stop right there, loudly.
#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::{TestServer, json};

const COMMITTED: &str = include_str!("../../docs/openapi.yaml");

#[test]
fn the_committed_document_is_the_generated_one() {
    let generated = portal_server::routes::openapi_yaml().unwrap();
    assert!(
        generated == COMMITTED,
        "docs/openapi.yaml is out of date: run `cargo xtask openapi` and commit the result"
    );
}

#[test]
fn it_is_openapi_3_1_with_the_session_cookie_scheme() {
    let document = portal_server::routes::openapi_document();
    let value = serde_json::to_value(&document).unwrap();
    assert_eq!(value["openapi"], "3.1.0");
    let scheme = &value["components"]["securitySchemes"]["portal_session"];
    assert_eq!(scheme["type"], "apiKey");
    assert_eq!(scheme["in"], "cookie");
    assert_eq!(scheme["name"], "portal_session");
    assert_eq!(
        value["security"],
        serde_json::json!([{"portal_session": []}]),
        "operations need a session unless they say otherwise"
    );
    assert!(value["components"]["schemas"]["ErrorBody"].is_object());
}

/// Whether the operation requires the session cookie: its own `security`, or else the
/// document's default.
fn needs_session(
    operation: &utoipa::openapi::path::Operation,
    document: &utoipa::openapi::OpenApi,
) -> bool {
    let security =
        serde_json::to_value(operation.security.as_ref().or(document.security.as_ref())).unwrap();
    security.as_array().is_some_and(|alternatives| {
        !alternatives.is_empty()
            && alternatives
                .iter()
                .all(|requirement| requirement.get("portal_session").is_some())
    })
}

/// Fills `{name}` path parameters with a value of the right shape for routing.
fn concrete(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                "sample"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn every_documented_operation_is_routed_and_answers_a_documented_status() {
    // The demo's endpoints are documented too; they are routed only when switched on.
    let server = TestServer::start_with(&["--dev-sms-outbox", "--operator-endpoint"]);
    let document = portal_server::routes::openapi_document();
    let mut operations = 0;
    for (path, item) in &document.paths.paths {
        let methods = [
            (Method::GET, &item.get),
            (Method::POST, &item.post),
            (Method::PUT, &item.put),
            (Method::DELETE, &item.delete),
            (Method::PATCH, &item.patch),
        ];
        for (verb, operation) in methods {
            let Some(operation) = operation else { continue };
            operations += 1;
            let request = Request::builder()
                .method(verb.clone())
                .uri(concrete(path))
                .header("content-type", "application/json")
                .header("x-requested-with", "portal")
                .body(Body::from("{}"))
                .unwrap();
            let (response, body) = server.send(request).await;
            let status = response.status();
            assert_ne!(
                status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{verb} {path} is not routed"
            );
            if status == StatusCode::NOT_FOUND {
                assert_ne!(
                    json(&body)["message"],
                    portal_server::http::api_fallback::NO_ENDPOINT,
                    "{verb} {path} is not routed"
                );
            }
            let documented: Vec<&String> = operation.responses.responses.keys().collect();
            let answered = status.as_u16().to_string();
            // 400/415/422 answer any body the sample does not satisfy; they are documented
            // where an operation takes a body.
            assert!(
                documented.iter().any(|code| **code == answered),
                "{verb} {path} answered {answered}, documented {documented:?}"
            );
            if needs_session(operation, &document) {
                assert!(
                    documented.iter().any(|code| *code == "401"),
                    "{verb} {path} needs a session: document its 401"
                );
                assert_eq!(
                    status,
                    StatusCode::UNAUTHORIZED,
                    "{verb} {path} without a session"
                );
            }
        }
    }
    // Every operation the committed document lists was tried, not just some of them.
    let committed = include_str!("../../docs/openapi.yaml");
    let listed = committed
        .lines()
        .filter(|line| line.trim_start().starts_with("operationId:"))
        .count();
    assert_eq!(operations, listed);
}
