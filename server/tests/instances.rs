//! Two server instances sharing one database, as behind a load balancer: whatever a citizen
//! did through one holds on the other, and every limit counts across both.

// A test that cannot set up its server should stop right there, loudly.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::{TestServer, api, get_with, json, password_step, sign_in};
use portal_server::params;
use portal_server::seed::DEMO_PASSWORD;
use serde_json::{Value, json};

const AN: &str = "001085012345";
const AN_PHONE: &str = "0912345678";

/// Instance A with `flags` and the SMS outbox, and instance B, started the same way on A's
/// database.
fn two_instances(flags: &[&str]) -> (TestServer, TestServer) {
    let flags = [&["--dev-sms-outbox"], flags].concat();
    let a = TestServer::start_with(&flags);
    let b = a.another_instance(&flags);
    (a, b)
}

async fn refresh(server: &TestServer, cookie: &str) -> (StatusCode, Value) {
    let request = api("POST", "/api/v1/record/refresh", json!({}), Some(cookie));
    let (response, body) = server.send(request).await;
    (response.status(), json(&body))
}

#[tokio::test]
async fn a_session_opened_on_one_instance_works_and_ends_on_the_other() {
    let (a, b) = two_instances(&[]);
    let cookie = sign_in(&a, AN, AN_PHONE).await;
    let (response, body) = b.send(get_with("/api/v1/record", &cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(json(&body)["record"]["personal_id"], AN);

    let (response, _) = b
        .send(api("DELETE", "/api/v1/session", json!({}), Some(&cookie)))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (response, _) = a.send(get_with("/api/v1/record", &cookie)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn wrong_passwords_on_both_instances_count_toward_one_lock() {
    let (a, b) = two_instances(&[]);
    // Three on A and two on B: neither alone reaches the five that lock the account.
    for server in [&a, &b, &a, &b, &a] {
        let (status, body) = password_step(server, AN, "wrong").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["code"], "invalid_credentials");
    }
    // Locked on both: the right password gets the answer a wrong one gets.
    for server in [&b, &a] {
        let (status, body) = password_step(server, AN, DEMO_PASSWORD).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
        assert_eq!(body["code"], "invalid_credentials");
    }
}

#[tokio::test]
async fn attempts_from_one_address_count_on_both_instances() {
    let (a, b) = two_instances(&["--sign-in-attempts-per-ip", "3"]);
    for server in [&a, &b, &a] {
        let (status, _) = password_step(server, "001099000001", "x").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = password_step(&b, AN, DEMO_PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(body["code"], "rate_limited");
}

#[tokio::test]
async fn a_refresh_started_on_one_instance_is_joined_and_finished_once_from_the_other() {
    // The national database takes three seconds: longer than a click waits (two).
    let (a, b) = two_instances(&["--national-db-latency-ms", "3000"]);
    let cookie = sign_in(&a, AN, AN_PHONE).await;
    let (status, started) = refresh(&a, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(started["state"], "running", "{started}");

    let (response, body) = b.send(get_with("/api/v1/record/refresh", &cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(json(&body)["state"], "running");

    // B's click joins A's job: it answers A's result, within its own two seconds. It comes
    // after A's answer, as a citizen's would, so a second job would show by its start time.
    b.clock.advance(2);
    let (status, joined) = refresh(&b, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(joined["state"], "done", "{joined}");
    assert_eq!(joined["started_at"], started["started_at"], "the same job");
    assert_eq!(joined["changes"][0]["field"], "current_residence");
    let (_, body) = b.send(get_with("/api/v1/record/refresh", &cookie)).await;
    assert_eq!(json(&body), joined);
    let (_, body) = b.send(get_with("/api/v1/record", &cookie)).await;
    assert!(json(&body)["next_refresh_in_seconds"].as_u64().unwrap() > 0);

    let national_reads: i64 = b.sql_value(
        "SELECT count(*) FROM access_log WHERE personal_id = ?1 AND actor = 'national_sync'",
        params![AN],
    );
    assert_eq!(national_reads, 1, "the national database was asked once");
    // And the next may start a minute after this one began, whichever instance is asked.
    let (status, _) = refresh(&a, &cookie).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}
