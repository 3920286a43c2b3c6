//! The citizen's own record over HTTP: viewing it, refreshing it from the national database
//! in every outcome, and the access log that records each read.

// A test that cannot set up its server should stop right there, loudly.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::{TestServer, api, get_with, json, sign_in};
use serde_json::{Value, json};

const AN: &str = "001085012345";
const AN_PHONE: &str = "0912345678";
const BINH: &str = "001190023456";
const BINH_PHONE: &str = "0987654321";

async fn signed_in(flags: &[&str], who: (&str, &str)) -> (TestServer, String) {
    let flags = [&["--dev-sms-outbox"], flags].concat();
    let server = TestServer::start_with(&flags);
    let cookie = sign_in(&server, who.0, who.1).await;
    (server, cookie)
}

async fn refresh(server: &TestServer, cookie: &str) -> (StatusCode, Value) {
    let (response, body) = server
        .send(api(
            "POST",
            "/api/v1/record/refresh",
            json!({}),
            Some(cookie),
        ))
        .await;
    (response.status(), json(&body))
}

#[tokio::test]
async fn the_record_is_the_citizens_own_with_its_sync_time_and_the_read_is_logged() {
    let (server, cookie) = signed_in(&[], (AN, AN_PHONE)).await;
    let (response, body) = server.send(get_with("/api/v1/record", &cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let view = json(&body);
    assert_eq!(view["record"]["personal_id"], AN);
    assert_eq!(view["record"]["full_name"], "Nguyễn Văn An");
    assert!(
        view["synced_at"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-01T02:00:00")
    );
    assert_eq!(view["next_refresh_in_seconds"], 0);

    let (_, body) = server
        .send(get_with("/api/v1/record/access-log", &cookie))
        .await;
    let log = json(&body);
    assert_eq!(log["total"], 1);
    assert_eq!(log["entries"][0]["actor"], "citizen");
    assert_eq!(log["entries"][0]["what"], "record");
    assert_eq!(log["entries"][0]["channel"], "web");

    // Another citizen's session reads only their own record and log.
    let binh = sign_in(&server, BINH, BINH_PHONE).await;
    let (_, body) = server.send(get_with("/api/v1/record", &binh)).await;
    assert_eq!(json(&body)["record"]["personal_id"], BINH);
    let (_, body) = server
        .send(get_with("/api/v1/record/access-log", &binh))
        .await;
    assert_eq!(json(&body)["total"], 1);

    let (response, _) = server.get("/api/v1/record").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_refresh_brings_the_national_change_and_names_it() {
    let (server, cookie) = signed_in(&[], (AN, AN_PHONE)).await;
    let (status, body) = refresh(&server, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["state"], "done", "{body}");
    let changes = body["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0]["field"], "current_residence");
    assert!(
        changes[0]["old"]
            .as_str()
            .unwrap()
            .contains("Trần Duy Hưng")
    );
    assert!(changes[0]["new"].as_str().unwrap().contains("Vũ Phạm Hàm"));

    // Stored, with a new sync time; the refresh is in the log.
    let (_, body) = server.send(get_with("/api/v1/record", &cookie)).await;
    let view = json(&body);
    assert!(
        view["record"]["current_residence"]
            .as_str()
            .unwrap()
            .contains("Vũ Phạm Hàm")
    );
    assert!(
        !view["synced_at"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-01")
    );
    assert!(view["next_refresh_in_seconds"].as_u64().unwrap() > 0);
    let (_, body) = server
        .send(get_with("/api/v1/record/access-log", &cookie))
        .await;
    let whats: Vec<Value> = json(&body)["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["what"].clone())
        .collect();
    assert!(whats.contains(&json!("record_refresh")));
}

#[tokio::test]
async fn one_refresh_a_minute_and_the_next_has_no_changes() {
    let (server, cookie) = signed_in(&[], (AN, AN_PHONE)).await;
    let (status, _) = refresh(&server, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    server.clock.advance(30);
    let (status, body) = refresh(&server, &cookie).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["retry_after_seconds"], 30);
    server.clock.advance(30);
    let (status, body) = refresh(&server, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["state"], "done");
    assert_eq!(body["changes"], json!([]), "nothing new the second time");
}

#[tokio::test]
async fn an_unavailable_national_database_leaves_the_stored_copy() {
    let (server, cookie) = signed_in(&["--national-db-fault", "unavailable"], (AN, AN_PHONE)).await;
    let (status, body) = refresh(&server, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["state"], "failed");
    assert_eq!(body["error"], "unavailable");
    let (_, body) = server.send(get_with("/api/v1/record", &cookie)).await;
    let view = json(&body);
    assert!(
        view["record"]["current_residence"]
            .as_str()
            .unwrap()
            .contains("Trần Duy Hưng")
    );
    assert!(
        view["synced_at"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-01")
    );
}

#[tokio::test]
async fn a_citizen_the_national_database_does_not_know_is_told_so() {
    let (server, cookie) = signed_in(&["--national-db-fault", "not-found"], (AN, AN_PHONE)).await;
    let (_, body) = refresh(&server, &cookie).await;
    assert_eq!(body["state"], "failed");
    assert_eq!(body["error"], "citizen_not_found");
}

#[tokio::test]
async fn a_slow_refresh_answers_running_and_finishes_on_its_own() {
    let (server, cookie) = signed_in(&["--national-db-latency-ms", "3000"], (AN, AN_PHONE)).await;
    let (status, body) = refresh(&server, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["state"], "running");
    // A second click joins the running refresh instead of starting another or being refused.
    let (status, body) = refresh(&server, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["state"], "done", "{body}");
    let (response, body) = server
        .send(get_with("/api/v1/record/refresh", &cookie))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(json(&body)["state"], "done");
    assert_eq!(json(&body)["changes"][0]["field"], "current_residence");
}

#[tokio::test]
async fn an_operator_change_in_the_national_database_is_what_the_next_refresh_brings() {
    let (server, cookie) = signed_in(&["--operator-endpoint"], (BINH, BINH_PHONE)).await;
    let change = |body: Value| {
        api(
            "PATCH",
            &format!("/api/v1/operator/national-records/{BINH}"),
            body,
            None,
        )
    };
    let (response, body) = server
        .send(change(
            json!({"current_residence": "Số 1, phố Huế, phường Hai Bà Trưng, Hà Nội"}),
        ))
        .await;
    assert_eq!(response.status(), StatusCode::OK, "{}", json(&body));

    let (status, body) = refresh(&server, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["state"], "done", "{body}");
    let changes = body["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{body}");
    assert_eq!(changes[0]["field"], "current_residence");
    assert_eq!(
        changes[0]["new"],
        "Số 1, phố Huế, phường Hai Bà Trưng, Hà Nội"
    );

    // A field records do not have, the ID number itself, or a value of the wrong shape is
    // refused, and the record stays as it was.
    for (bad, field) in [
        (json!({"shoe_size": "42"}), "shoe_size"),
        (json!({"personal_id": AN}), "personal_id"),
        (json!({"marital_status": "complicated"}), "marital_status"),
    ] {
        let (response, body) = server.send(change(bad)).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            json(&body)["fields"][field],
            "invalid_format",
            "{}",
            json(&body)
        );
    }
    let (response, _) = server
        .send(api(
            "PATCH",
            "/api/v1/operator/national-records/001099999999",
            json!({"religion": "Không"}),
            None,
        ))
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_operator_change_is_off_unless_asked_for() {
    let server = TestServer::start();
    let (response, _) = server
        .send(api(
            "PATCH",
            &format!("/api/v1/operator/national-records/{BINH}"),
            json!({"religion": "Không"}),
            None,
        ))
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
