//! Signed share codes over HTTP: a code verifies against the published key and holds only
//! the chosen fields; revocation and verification are visible; nobody else can revoke.

// A test that cannot set up its server should stop right there, loudly.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::{TestServer, api, first_document_code, get_with, json, share_document, sign_in};
use portal_api::share::{ShareableField, base64url_decode};
use portal_server::share::signer::verify;
use serde_json::json;

const AN: &str = "001085012345";
const AN_PHONE: &str = "0912345678";

async fn create(
    server: &TestServer,
    cookie: &str,
    body: serde_json::Value,
) -> (StatusCode, serde_json::Value) {
    let (response, body) = server
        .send(api("POST", "/api/v1/shares", body, Some(cookie)))
        .await;
    (response.status(), json(&body))
}

async fn public_key(server: &TestServer) -> [u8; 32] {
    let (response, body) = server.get("/api/v1/share-keys").await;
    assert_eq!(response.status(), StatusCode::OK);
    let keys = json(&body);
    assert_eq!(keys["keys"][0]["algorithm"], "Ed25519");
    base64url_decode(keys["keys"][0]["public_key"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap()
}

#[tokio::test]
async fn a_share_code_verifies_and_carries_only_the_chosen_fields() {
    let server = TestServer::start_with(&["--dev-sms-outbox"]);
    let cookie = sign_in(&server, AN, AN_PHONE).await;
    let (status, share) = create(
        &server,
        &cookie,
        json!({"fields": ["date_of_birth", "full_name"], "valid_minutes": 10}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let payload = verify(share["code"].as_str().unwrap(), &public_key(&server).await).unwrap();
    assert_eq!(payload.fields.len(), 2);
    assert_eq!(payload.fields[&ShareableField::FullName], "Nguyễn Văn An");
    assert_eq!(payload.fields[&ShareableField::DateOfBirth], "14/03/1985");
    assert_eq!(payload.exp - payload.iat, 600);
    assert_eq!(payload.id, share["id"].as_str().unwrap());

    let (_, body) = server.send(get_with("/api/v1/shares", &cookie)).await;
    assert_eq!(json(&body).as_array().unwrap().len(), 1);
    server.clock.advance(600);
    let (_, body) = server.send(get_with("/api/v1/shares", &cookie)).await;
    assert_eq!(json(&body), json!([]), "expired shares leave the list");
}

#[tokio::test]
async fn a_share_needs_fields_and_a_validity_between_ten_minutes_and_a_day() {
    let server = TestServer::start_with(&["--dev-sms-outbox"]);
    let cookie = sign_in(&server, AN, AN_PHONE).await;
    let (status, body) = create(&server, &cookie, json!({"fields": [], "valid_minutes": 5})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["fields"], "required");
    assert_eq!(body["fields"]["valid_minutes"], "invalid_format");
}

#[tokio::test]
async fn revoking_shows_in_the_status_and_checks_are_logged_for_the_citizen() {
    let server = TestServer::start_with(&["--dev-sms-outbox"]);
    let cookie = sign_in(&server, AN, AN_PHONE).await;
    let (_, share) = create(
        &server,
        &cookie,
        json!({"fields": ["full_name"], "valid_minutes": 60}),
    )
    .await;
    let id = share["id"].as_str().unwrap();
    let status_path = format!("/api/v1/shares/{id}/status");
    let (response, body) = server.get(&status_path).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "public: no session needed"
    );
    assert_eq!(json(&body)["revoked"], false);

    let binh = sign_in(&server, "001190023456", "0987654321").await;
    let (response, _) = server
        .send(api(
            "DELETE",
            &format!("/api/v1/shares/{id}"),
            json!({}),
            Some(&binh),
        ))
        .await;
    assert_eq!(
        response.status(),
        StatusCode::NOT_FOUND,
        "only the owner revokes"
    );

    let (response, _) = server
        .send(api(
            "DELETE",
            &format!("/api/v1/shares/{id}"),
            json!({}),
            Some(&cookie),
        ))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (_, body) = server.get(&status_path).await;
    assert_eq!(json(&body)["revoked"], true);

    let (_, body) = server
        .send(get_with("/api/v1/record/access-log", &cookie))
        .await;
    let checks = json(&body)["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["actor"] == "shared_qr_verification")
        .count();
    assert_eq!(
        checks, 1,
        "the same verifier twice within the hour is logged once"
    );

    let (response, _) = server.get("/api/v1/shares/no-such-share/status").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

/// The id of `cookie`'s own session, from the account's activity.
async fn session_id(server: &TestServer, cookie: &str) -> String {
    let (_, body) = server
        .send(get_with("/api/v1/account/activity", cookie))
        .await;
    json(&body)["sessions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Whether the public endpoints still honour document link `token` and share code `id`.
async fn still_work(server: &TestServer, token: &str, id: &str) -> (bool, bool) {
    let (link, _) = server
        .get(&format!("/api/v1/shared-documents/{token}"))
        .await;
    let (response, body) = server.get(&format!("/api/v1/shares/{id}/status")).await;
    assert_eq!(response.status(), StatusCode::OK);
    (
        link.status() == StatusCode::OK,
        json(&body)["revoked"] == false,
    )
}

#[tokio::test]
async fn reporting_a_session_revokes_the_links_and_codes_it_made_and_no_others() {
    let server = TestServer::start_with(&["--dev-sms-outbox"]);
    let mine = sign_in(&server, AN, AN_PHONE).await;
    let intruder = sign_in(&server, AN, AN_PHONE).await;
    let code = first_document_code(&server, &mine).await;
    let fields = json!({"fields": ["full_name"], "valid_minutes": 60});
    let mut made = Vec::new();
    for cookie in [&mine, &intruder] {
        let link = share_document(&server, cookie, &code, 24).await;
        let (status, share) = create(&server, cookie, fields.clone()).await;
        assert_eq!(status, StatusCode::CREATED);
        made.push((
            link["token"].as_str().unwrap().to_owned(),
            share["id"].as_str().unwrap().to_owned(),
        ));
    }
    let reported = session_id(&server, &intruder).await;

    let (response, body) = server
        .send(api(
            "POST",
            &format!("/api/v1/account/sessions/{reported}/report"),
            json!({}),
            Some(&mine),
        ))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        json(&body),
        json!({"revoked_document_links": 1, "revoked_share_codes": 1})
    );
    assert_eq!(
        still_work(&server, &made[1].0, &made[1].1).await,
        (false, false),
        "what the reported session made no longer works"
    );
    assert_eq!(
        still_work(&server, &made[0].0, &made[0].1).await,
        (true, true),
        "what the citizen's own session made still does"
    );
}
