//! Each citizen's share of the expensive operations (issue 13), each limit set low by its
//! flag: the one past it is refused with its status, code and wait; another citizen is not
//! affected; and the window reopening, or a draft discarded or a share revoked, makes room.

// A test that cannot set up its server should stop right there, loudly.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::{Response, StatusCode, header};
use common::{SIGNED, TestServer, api, first_document_code, get_with, json, sign_in, upload};
use serde_json::{Value, json};

const AN: &str = "001085012345";
const AN_PHONE: &str = "0912345678";
const BINH: &str = "001190023456";
const BINH_PHONE: &str = "0987654321";
const ECDSA_SIGNED: &[u8] = include_bytes!("../fixtures/signed-sample-ecdsa.pdf");

/// A demo server with `flags`, An and Bình signed in. A test that moves the clock past the
/// sessions' idle timeout signs in again.
async fn two_citizens(flags: &[&str]) -> (TestServer, String, String) {
    let server = TestServer::start_with(&[&["--dev-sms-outbox"], flags].concat());
    let an = sign_in(&server, AN, AN_PHONE).await;
    let binh = sign_in(&server, BINH, BINH_PHONE).await;
    (server, an, binh)
}

/// Expects 429 `rate_limited` waiting `seconds`, in the body and in `Retry-After` alike.
fn assert_rate_limited(response: &Response<()>, body: &[u8], seconds: u64) {
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let body = json(body);
    assert_eq!(body["code"], "rate_limited");
    assert_eq!(body["retry_after_seconds"], seconds);
    assert_eq!(response.headers()[header::RETRY_AFTER], seconds.to_string());
}

/// Expects 409 with the stock limit's `code`, saying how many are `allowed`.
fn assert_stock_full(response: &Response<()>, body: &[u8], code: &str, allowed: u64) {
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body = json(body);
    assert_eq!(body["code"], code);
    assert_eq!(body["allowed"], allowed);
    assert!(
        !response.headers().contains_key(header::RETRY_AFTER),
        "waiting does not help"
    );
}

async fn search(server: &TestServer, cookie: &str) -> (Response<()>, Vec<u8>) {
    server
        .send(get_with("/api/v1/documents?q=giay", cookie))
        .await
}

/// With one search per 3 s, a second sent beside the first waits 3 s for its turn and is
/// answered; a third sent beside it would wait 6 s, more than a search may, and is refused
/// (after being held 3 s), told to come back when its turn is no more than 3 s away.
#[tokio::test]
async fn searches_past_the_citizens_pace_wait_their_turn_and_past_a_window_are_refused() {
    let (server, an, binh) = two_citizens(&["--searches-per-citizen", "1"]).await;
    assert_eq!(search(&server, &an).await.0.status(), StatusCode::OK);
    let (one, other) = tokio::join!(search(&server, &an), search(&server, &an));
    let (answered, refused) = if one.0.status() == StatusCode::OK {
        (one, other)
    } else {
        (other, one)
    };
    assert_eq!(answered.0.status(), StatusCode::OK, "one waits its turn");
    assert_rate_limited(&refused.0, &refused.1, 3);
    assert_eq!(
        search(&server, &binh).await.0.status(),
        StatusCode::OK,
        "another citizen's searches are their own"
    );
    // The two turns taken end 6 s on: from then the next search is answered at once.
    server.clock.advance(6);
    assert_eq!(search(&server, &an).await.0.status(), StatusCode::OK);
}

async fn refresh(server: &TestServer, cookie: &str) -> (Response<()>, Vec<u8>) {
    let request = api("POST", "/api/v1/record/refresh", json!({}), Some(cookie));
    server.send(request).await
}

#[tokio::test]
async fn record_refreshes_past_the_hours_share_wait_for_the_hour() {
    let flags = ["--record-refreshes-per-citizen-per-hour", "2"];
    let (server, an, binh) = two_citizens(&flags).await;
    assert_eq!(refresh(&server, &an).await.0.status(), StatusCode::OK);
    server.clock.advance(60);
    assert_eq!(refresh(&server, &an).await.0.status(), StatusCode::OK);
    // A minute on, as one a minute allows, but the hour's two are used.
    server.clock.advance(60);
    let (response, body) = refresh(&server, &an).await;
    assert_rate_limited(&response, &body, 3600 - 120);
    assert_eq!(refresh(&server, &binh).await.0.status(), StatusCode::OK);
    server.clock.advance(3600 - 120);
    let an = sign_in(&server, AN, AN_PHONE).await;
    assert_eq!(refresh(&server, &an).await.0.status(), StatusCode::OK);
}

#[tokio::test]
async fn uploads_past_the_days_share_wait_for_the_next_day() {
    let (server, an, binh) = two_citizens(&["--uploads-per-citizen-per-day", "1"]).await;
    let first = upload(&an, "Giấy khai sinh", "civil_status", "a.pdf", SIGNED);
    assert_eq!(server.send(first).await.0.status(), StatusCode::CREATED);
    server.clock.advance(600);
    let second = || upload(&an, "Bằng tốt nghiệp", "education", "b.pdf", ECDSA_SIGNED);
    let (response, body) = server.send(second()).await;
    assert_rate_limited(&response, &body, 86_400 - 600);
    let theirs = upload(&binh, "Giấy khai sinh", "civil_status", "a.pdf", SIGNED);
    assert_eq!(server.send(theirs).await.0.status(), StatusCode::CREATED);
    server.clock.advance(86_400 - 600);
    let an = sign_in(&server, AN, AN_PHONE).await;
    let second = upload(&an, "Bằng tốt nghiệp", "education", "b.pdf", ECDSA_SIGNED);
    assert_eq!(server.send(second).await.0.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_file_past_the_storage_quota_is_refused_and_nothing_is_stored() {
    // Room for the one sample (9,243 bytes), not for a second.
    let (server, an, binh) = two_citizens(&["--storage-quota-bytes", "15000"]).await;
    let first = upload(&an, "Giấy khai sinh", "civil_status", "a.pdf", SIGNED);
    assert_eq!(server.send(first).await.0.status(), StatusCode::CREATED);
    let count = |cookie: String| {
        let server = &server;
        async move {
            let (_, body) = server.send(get_with("/api/v1/documents", &cookie)).await;
            json(&body)["total"].as_u64().unwrap()
        }
    };
    let before = count(an.clone()).await;
    let second = upload(&an, "Bằng tốt nghiệp", "education", "b.pdf", ECDSA_SIGNED);
    let (response, body) = server.send(second).await;
    assert_stock_full(&response, &body, "storage_quota_exceeded", 15_000);
    assert_eq!(count(an).await, before, "nothing stored");
    let theirs = upload(&binh, "Giấy khai sinh", "civil_status", "a.pdf", SIGNED);
    assert_eq!(server.send(theirs).await.0.status(), StatusCode::CREATED);
}

async fn new_draft(server: &TestServer, cookie: &str) -> (Response<()>, Vec<u8>) {
    server
        .send(api("POST", "/api/v1/requests", json!({}), Some(cookie)))
        .await
}

#[tokio::test]
async fn open_drafts_past_the_limit_are_refused_until_one_is_discarded() {
    let (server, an, binh) = two_citizens(&["--open-drafts-per-citizen", "2"]).await;
    let mut drafts = Vec::new();
    for _ in 0..2 {
        let (response, body) = new_draft(&server, &an).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        drafts.push(json(&body)["id"].as_str().unwrap().to_owned());
    }
    let (response, body) = new_draft(&server, &an).await;
    assert_stock_full(&response, &body, "draft_limit_reached", 2);
    assert_eq!(
        new_draft(&server, &binh).await.0.status(),
        StatusCode::CREATED
    );

    let path = format!("/api/v1/requests/{}", drafts[0]);
    let (response, _) = server
        .send(api("DELETE", &path, json!({}), Some(&an)))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        new_draft(&server, &an).await.0.status(),
        StatusCode::CREATED
    );
}

async fn share_record(server: &TestServer, cookie: &str) -> (Response<()>, Vec<u8>) {
    let body = json!({"fields": ["full_name"], "valid_minutes": 10});
    server
        .send(api("POST", "/api/v1/shares", body, Some(cookie)))
        .await
}

async fn share_link(server: &TestServer, cookie: &str, code: &str) -> (Response<()>, Vec<u8>) {
    let path = format!("/api/v1/documents/{code}/shares");
    let body = json!({"valid_hours": 1});
    server.send(api("POST", &path, body, Some(cookie))).await
}

#[tokio::test]
async fn live_shares_of_both_kinds_count_together_until_revoked_or_expired() {
    let (server, an, binh) = two_citizens(&["--live-shares-per-citizen", "2"]).await;
    let code = first_document_code(&server, &an).await;
    let (response, body) = share_record(&server, &an).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let record_share: Value = json(&body);
    assert_eq!(
        share_link(&server, &an, &code).await.0.status(),
        StatusCode::CREATED
    );

    let (response, body) = share_record(&server, &an).await;
    assert_stock_full(&response, &body, "share_limit_reached", 2);
    let (response, body) = share_link(&server, &an, &code).await;
    assert_stock_full(&response, &body, "share_limit_reached", 2);
    let (response, _) = share_link(&server, &an, "KHONG-CO").await;
    assert_eq!(
        response.status(),
        StatusCode::NOT_FOUND,
        "a document the citizen does not have is still 404"
    );
    assert_eq!(
        share_record(&server, &binh).await.0.status(),
        StatusCode::CREATED
    );

    // A revoked share makes room.
    let path = format!("/api/v1/shares/{}", record_share["id"].as_str().unwrap());
    let (response, _) = server
        .send(api("DELETE", &path, json!({}), Some(&an)))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        share_record(&server, &an).await.0.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        share_record(&server, &an).await.0.status(),
        StatusCode::CONFLICT
    );
    // So do expired ones: the link lasted an hour, the code ten minutes.
    server.clock.advance(3600);
    let an = sign_in(&server, AN, AN_PHONE).await;
    for _ in 0..2 {
        assert_eq!(
            share_record(&server, &an).await.0.status(),
            StatusCode::CREATED
        );
    }
}
