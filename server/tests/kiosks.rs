//! A kiosk is a device, not an address (issue 11): registered kiosks sign citizens in on
//! budgets of their own, however many stand behind one address; an unregistered address keeps
//! its limit; `X-Forwarded-For` is believed from `--trusted-proxies` only; a session opened on
//! a kiosk, and the reads made in it, name the kiosk.

// A test that cannot set up its server should stop right there, loudly.
#![allow(clippy::unwrap_used)]

mod common;

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use common::{TestServer, api, first_document_code, get_with, json, latest_code};
use portal_server::seed::{DEMO_PASSWORD, population_phone};

/// The address every kiosk of one cultural centre reaches the server from.
const SITE: &str = "203.0.113.5:40000";

/// `request` as if it came from `peer`, with the kiosk's device cookie and a session cookie.
fn from(mut request: Request<Body>, peer: &str, cookies: &[&str]) -> Request<Body> {
    let peer: SocketAddr = peer.parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    let cookies: Vec<&str> = cookies.iter().copied().filter(|c| !c.is_empty()).collect();
    if !cookies.is_empty() {
        request
            .headers_mut()
            .insert(header::COOKIE, cookies.join("; ").parse().unwrap());
    }
    request
}

/// Registers a kiosk through the operator endpoint and exchanges its token for the device
/// cookie, as the kiosk's app does at start-up; the `Cookie` value.
async fn register_kiosk(server: &TestServer, name: &str) -> (String, String) {
    let body = serde_json::json!({"name": name, "site": "Nhà văn hóa tổ 12"});
    let (response, body) = server
        .send(api("POST", "/api/v1/operator/kiosks", body, None))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let registration = json(&body);
    let token = registration["token"].as_str().unwrap().to_owned();
    let exchange = api(
        "POST",
        "/api/v1/kiosk-device",
        serde_json::json!({ "token": token }),
        None,
    );
    let (response, _) = server.send(from(exchange, SITE, &[])).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let set_cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/api/v1"] {
        assert!(set_cookie.contains(attribute), "{set_cookie}");
    }
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    (registration["id"].as_str().unwrap().to_owned(), cookie)
}

/// The password step from `peer` with `cookie`; the status.
async fn password_step(
    server: &TestServer,
    peer: &str,
    cookie: &str,
    identifier: &str,
    password: &str,
    forwarded_for: Option<&str>,
) -> StatusCode {
    let body = serde_json::json!({"identifier": identifier, "password": password});
    let mut request = from(api("POST", "/api/v1/sign-in", body, None), peer, &[cookie]);
    if let Some(forwarded) = forwarded_for {
        request
            .headers_mut()
            .insert("x-forwarded-for", forwarded.parse().unwrap());
    }
    server.send(request).await.0.status()
}

/// A JSON POST to `path` from `peer` with `cookie`; the response and its body as JSON.
async fn post_from(
    server: &TestServer,
    path: &str,
    body: serde_json::Value,
    peer: &str,
    cookie: &str,
) -> (axum::http::Response<()>, serde_json::Value) {
    let request = from(api("POST", path, body, None), peer, &[cookie]);
    let (response, body) = server.send(request).await;
    let body = serde_json::from_slice(&body).unwrap_or_default();
    (response, body)
}

/// Both steps from `peer` with the kiosk's `cookie`; the status of each and the session cookie.
async fn sign_in(
    server: &TestServer,
    peer: &str,
    cookie: &str,
    phone: &str,
) -> (StatusCode, StatusCode, String) {
    let body = serde_json::json!({"identifier": phone, "password": DEMO_PASSWORD});
    let (response, body) = post_from(server, "/api/v1/sign-in", body, peer, cookie).await;
    if response.status() != StatusCode::OK {
        return (response.status(), response.status(), String::new());
    }
    let code = latest_code(server, phone).await;
    let body = serde_json::json!({"challenge_id": body["challenge_id"], "code": code});
    let (response, _) = post_from(server, "/api/v1/sign-in/code", body, peer, cookie).await;
    let session = response
        .headers()
        .get(header::SET_COOKIE)
        .map(|c| c.to_str().unwrap().split(';').next().unwrap().to_owned())
        .unwrap_or_default();
    (StatusCode::OK, response.status(), session)
}

#[tokio::test]
async fn sixty_sign_ins_in_fifteen_minutes_from_six_kiosks_behind_one_address_all_succeed() {
    let server = TestServer::start_with(&[
        "--operator-endpoint",
        "--dev-sms-outbox",
        "--demo-population",
        "60",
    ]);
    let mut kiosks = Vec::new();
    for n in 1..=6 {
        kiosks.push(register_kiosk(&server, &format!("Ki-ốt {n}")).await.1);
    }
    // Sixty citizens, one every 14 seconds: 14 minutes, inside one 15-minute window, so 120
    // attempts from one address, four times its allowance of 30.
    for n in 0..60 {
        let kiosk = &kiosks[n as usize % kiosks.len()];
        let (password, code, session) = sign_in(&server, SITE, kiosk, &population_phone(n)).await;
        assert_eq!(
            (password, code),
            (StatusCode::OK, StatusCode::OK),
            "sign-in {n}"
        );
        assert!(!session.is_empty());
        server.clock.advance(14);
    }
    // The address's own allowance was not touched: an unregistered browser there has all 30.
    for attempt in 0..30 {
        let status = password_step(&server, SITE, "", "0380000000", "wrong", None).await;
        assert_ne!(status, StatusCode::TOO_MANY_REQUESTS, "attempt {attempt}");
    }
    assert_eq!(
        password_step(&server, SITE, "", "0380000000", "wrong", None).await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn thirty_one_bad_passwords_from_one_unregistered_address_get_429() {
    let server = TestServer::start_with(&["--operator-endpoint"]);
    // A revoked kiosk's cookie and a made-up one count as no kiosk at all.
    let (id, revoked) = register_kiosk(&server, "Ki-ốt cũ").await;
    let (response, _) = server
        .send(
            Request::delete(format!("/api/v1/operator/kiosks/{id}"))
                .header("x-requested-with", "portal")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let cookies = [revoked.as_str(), "portal_kiosk=made-up", ""];
    for attempt in 0..30 {
        let cookie = cookies[attempt % cookies.len()];
        let status = password_step(&server, SITE, cookie, "001085012345", "wrong", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let status = password_step(&server, SITE, "", "001190023456", "wrong", None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the 31st");
    // The exchange refuses the revoked kiosk's token, and clears its cookie.
    let token = revoked.split_once('=').unwrap().1;
    let exchange = api(
        "POST",
        "/api/v1/kiosk-device",
        serde_json::json!({ "token": token }),
        None,
    );
    let (response, body) = server.send(exchange).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(json(&body)["code"], "invalid_credentials");
    assert!(
        response.headers()[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
}

#[tokio::test]
async fn forwarded_for_from_an_untrusted_peer_changes_nothing() {
    let server = TestServer::start_with(&["--trusted-proxies", "10.0.0.1,10.1.0.0/16"]);
    let stranger = "198.51.100.7:5000";
    // Each attempt claims to come from somewhere else; every one counts against the peer.
    for attempt in 0..30 {
        let claimed = format!("192.0.2.{attempt}");
        let status = password_step(
            &server,
            stranger,
            "",
            "001085012345",
            "wrong",
            Some(&claimed),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let status = password_step(
        &server,
        stranger,
        "",
        "001085012345",
        "wrong",
        Some("192.0.2.200"),
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);

    // Behind a trusted proxy, each client it names has an allowance of its own, and the
    // client's own made-up entries in front of the proxy's are not believed.
    let proxy = "10.0.0.1:443";
    for attempt in 0..30 {
        let status = password_step(
            &server,
            proxy,
            "",
            "001085012345",
            "wrong",
            Some("6.6.6.6, 192.0.2.1, 10.1.2.3"),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let tired = Some("7.7.7.7, 192.0.2.1, 10.1.2.3");
    let status = password_step(&server, proxy, "", "001085012345", "wrong", tired).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "192.0.2.1 used its 30"
    );
    let other = Some("192.0.2.2");
    let status = password_step(&server, proxy, "", "001085012345", "wrong", other).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "192.0.2.2 has its own");
    // The proxy's own address was never counted: a request it sends without a header is its own.
    let status = password_step(&server, proxy, "", "001085012345", "wrong", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_kiosk_session_and_its_reads_name_the_kiosk() {
    let server = TestServer::start_with(&["--operator-endpoint", "--dev-sms-outbox"]);
    let (_, kiosk) = register_kiosk(&server, "Ki-ốt 2").await;
    let (_, _, session) = sign_in(&server, SITE, &kiosk, "0939222333").await;
    let (response, body) = server
        .send(from(
            get_with("/api/v1/account/activity", &session),
            SITE,
            &[],
        ))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let current = &json(&body)["sessions"][0];
    assert_eq!(current["kiosk"], "Ki-ốt 2, Nhà văn hóa tổ 12");
    assert_eq!(
        current["channel"], "kiosk",
        "a registered kiosk's session is a kiosk's"
    );
    let (info, body) = server
        .send(from(get_with("/api/v1/session", &session), SITE, &[]))
        .await;
    assert_eq!(info.status(), StatusCode::OK);
    assert_eq!(json(&body)["idle_timeout_seconds"], 90);

    server.send(get_with("/api/v1/record", &session)).await;
    let (_, body) = server
        .send(get_with("/api/v1/record/access-log", &session))
        .await;
    let entry = &json(&body)["entries"][0];
    assert_eq!(entry["what"], "record");
    assert_eq!(entry["kiosk"], "Ki-ốt 2, Nhà văn hóa tổ 12");

    // A session on the citizen's own browser names no kiosk.
    let own = common::sign_in(&server, "092092001357", "0939222333").await;
    let (_, body) = server
        .send(get_with("/api/v1/account/activity", &own))
        .await;
    let sessions = json(&body)["sessions"].clone();
    assert!(sessions[0].get("kiosk").is_none(), "{sessions}");
}

/// The `Set-Cookie` values of `response` for the session cookie.
fn session_cookies_set(response: &axum::http::Response<()>) -> Vec<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .filter(|value| value.starts_with(&format!("{}=", portal_api::SESSION_COOKIE)))
        .collect()
}

/// Signs in with both steps (no device cookie); the code step's session `Set-Cookie` values.
async fn sign_in_cookies(server: &TestServer, phone: &str) -> Vec<String> {
    let body = serde_json::json!({"identifier": phone, "password": DEMO_PASSWORD});
    let (response, body) = post_from(server, "/api/v1/sign-in", body, SITE, "").await;
    assert_eq!(response.status(), StatusCode::OK);
    let code = latest_code(server, phone).await;
    let body = serde_json::json!({"challenge_id": body["challenge_id"], "code": code});
    let (response, _) = post_from(server, "/api/v1/sign-in/code", body, SITE, "").await;
    assert_eq!(response.status(), StatusCode::OK);
    session_cookies_set(&response)
}

#[tokio::test]
async fn a_kiosk_sessions_cookie_lives_as_long_as_its_idle_timeout_and_every_answer_renews_it() {
    let server = TestServer::start_with(&["--kiosk", "--dev-sms-outbox"]);
    let set = sign_in_cookies(&server, "0939222333").await;
    assert_eq!(set.len(), 1, "{set:?}");
    assert!(
        set[0].contains("Max-Age=100"),
        "90 s and a margin: {}",
        set[0]
    );
    for attribute in ["HttpOnly", "Secure", "SameSite=Strict"] {
        assert!(set[0].contains(attribute), "{}", set[0]);
    }
    let session = set[0].split(';').next().unwrap().to_owned();

    // Every answer that found the session renews the same token's lifetime.
    let (response, _) = server.send(get_with("/api/v1/record", &session)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let renewed = session_cookies_set(&response);
    assert_eq!(renewed.len(), 1, "{renewed:?}");
    assert!(
        renewed[0].starts_with(&format!("{session};")),
        "{}",
        renewed[0]
    );
    assert!(renewed[0].contains("Max-Age=100"), "{}", renewed[0]);

    // No session, no cookie: an answer that did not find one says nothing of it.
    let (response, _) = server.send(get_with("/api/v1/health", &session)).await;
    assert!(session_cookies_set(&response).is_empty());

    // Sign-out's own removal is the only session cookie its answer sets.
    let (response, _) = server
        .send(api(
            "DELETE",
            "/api/v1/session",
            serde_json::Value::Null,
            Some(&session),
        ))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let removal = session_cookies_set(&response);
    assert_eq!(removal.len(), 1, "{removal:?}");
    assert!(removal[0].contains("Max-Age=0"), "{}", removal[0]);
    let (response, _) = server.send(get_with("/api/v1/record", &session)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(session_cookies_set(&response).is_empty());
}

#[tokio::test]
async fn a_session_on_a_citizens_own_browser_keeps_its_cookie_until_the_browser_closes() {
    let server = TestServer::start_with(&["--dev-sms-outbox"]);
    let set = sign_in_cookies(&server, "0939222333").await;
    assert_eq!(set.len(), 1, "{set:?}");
    assert!(!set[0].contains("Max-Age"), "{}", set[0]);
    let session = set[0].split(';').next().unwrap().to_owned();
    let (response, _) = server.send(get_with("/api/v1/record", &session)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(session_cookies_set(&response).is_empty());
}

#[tokio::test]
async fn a_kiosk_session_never_downloads_a_file_only_shows_it() {
    let disposition = |response: &axum::http::Response<()>| {
        response.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .to_owned()
    };
    for (flags, expected) in [
        (&["--kiosk", "--dev-sms-outbox"][..], "inline"),
        (&["--dev-sms-outbox"][..], "attachment"),
    ] {
        let server = TestServer::start_with(flags);
        let set = sign_in_cookies(&server, "0939222333").await;
        let session = set[0].split(';').next().unwrap().to_owned();
        let code = first_document_code(&server, &session).await;
        let (response, bytes) = server
            .send(get_with(
                &format!("/api/v1/documents/{code}/file?download=1"),
                &session,
            ))
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(
            disposition(&response).starts_with(expected),
            "{flags:?}: {}",
            disposition(&response)
        );
    }
}
