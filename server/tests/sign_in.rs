//! Signing in end to end over HTTP: password, code from the SMS outbox, the session cookie,
//! and every rule around them (lockout, code tries and expiry, resend countdown, rate limits,
//! idle and absolute expiry, sign-out, CSRF, the account's sessions).

// A test that cannot set up its server should stop right there, loudly.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::{StatusCode, header};
use common::{TestServer, api, get_with, json, latest_code, password_step, sign_in};
use portal_server::params;
use portal_server::seed::DEMO_PASSWORD;
use serde_json::json;

const AN: &str = "001085012345";
const AN_PHONE: &str = "0912345678";
const HA_UNVERIFIED: &str = "031301008899";

async fn code_step(
    server: &TestServer,
    challenge: &str,
    code: &str,
) -> (axum::http::Response<()>, serde_json::Value) {
    let request = api(
        "POST",
        "/api/v1/sign-in/code",
        json!({"challenge_id": challenge, "code": code}),
        None,
    );
    let (response, body) = server.send(request).await;
    (response, json(&body))
}

fn server() -> TestServer {
    TestServer::start_with(&["--dev-sms-outbox"])
}

#[tokio::test]
async fn password_then_code_opens_a_session_with_a_strict_cookie() {
    let server = server();
    let (status, challenge) = password_step(&server, "001 085 012345", DEMO_PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(challenge["phone_masked"], "••••••5678");
    assert_eq!(challenge["attempts_left"], 3);
    assert_eq!(challenge["resend_in_seconds"], 60);
    assert_eq!(challenge["expires_in_seconds"], 300);

    let code = latest_code(&server, AN_PHONE).await;
    let (response, session) =
        code_step(&server, challenge["challenge_id"].as_str().unwrap(), &code).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(session["personal_id"], AN);
    assert_eq!(session["full_name"], "Nguyễn Văn An");
    assert_eq!(session["channel"], "web");
    assert_eq!(session["idle_timeout_seconds"], 900);
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    for attribute in [
        "portal_session=",
        "HttpOnly",
        "Secure",
        "SameSite=Strict",
        "Path=/",
    ] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    let token = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("portal_session=");
    assert_eq!(token.len(), 64, "256 random bits");

    // The database holds only the hash of the token.
    let stored: i64 = server.sql_value(
        "SELECT count(*) FROM sessions WHERE token_hash = ?1",
        params![token],
    );
    assert_eq!(stored, 0);

    // The code works once.
    let (response, body) =
        code_step(&server, challenge["challenge_id"].as_str().unwrap(), &code).await;
    assert_eq!(response.status(), StatusCode::GONE);
    assert_eq!(body["code"], "code_expired");
}

#[tokio::test]
async fn a_phone_number_signs_in_too() {
    let server = server();
    let cookie = sign_in(&server, "+84 912 345 678", AN_PHONE).await;
    let (response, body) = server.send(get_with("/api/v1/session", &cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(json(&body)["personal_id"], AN);
}

#[tokio::test]
async fn unknown_identifier_and_wrong_password_answer_alike() {
    let server = server();
    let (unknown_status, unknown) = password_step(&server, "001099000001", DEMO_PASSWORD).await;
    let (wrong_status, wrong) = password_step(&server, AN, "not the password").await;
    assert_eq!(unknown_status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown_status, wrong_status);
    assert_eq!(
        unknown, wrong,
        "the same body: nothing tells who has an account"
    );
    assert_eq!(wrong["code"], "invalid_credentials");
}

#[tokio::test]
async fn an_identifier_of_neither_shape_is_answered_like_an_unknown_one() {
    let server = server();
    let (unknown_status, unknown) = password_step(&server, "001099999999", "Sai@2026").await;
    for misshapen in ["999085012345", "12345", "not a number"] {
        let (status, body) = password_step(&server, misshapen, "Sai@2026").await;
        assert_eq!(status, unknown_status, "{misshapen}");
        assert_eq!(
            body, unknown,
            "{misshapen}: the same body as an unknown account"
        );
    }
    assert_eq!(unknown_status, StatusCode::UNAUTHORIZED);
    // Blank or too long is still told at the field, as the document's rules say.
    let (status, body) = password_step(&server, " \u{a0} ", "Sai@2026").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["identifier"], "required");
    let (status, body) = password_step(&server, &"0".repeat(41), "Sai@2026").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["identifier"], "too_long");
}

#[tokio::test]
async fn bad_input_is_refused_at_its_field_before_any_check() {
    let server = server();
    let (status, body) = password_step(&server, "999085012345", "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["identifier"], "unknown_province");
    assert_eq!(body["fields"]["password"], "required");
    let (response, body) = code_step(&server, "whatever", "12a456").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["code"], "invalid_format");
}

#[tokio::test]
async fn an_unverified_account_is_told_so_after_the_right_password() {
    let server = server();
    let (status, body) = password_step(&server, HA_UNVERIFIED, DEMO_PASSWORD).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "account_not_verified");
    let (status, _) = password_step(&server, HA_UNVERIFIED, "wrong").await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "a wrong password reveals nothing more"
    );
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_quietly_and_tell_the_citizen_by_sms() {
    let server = server();
    for _ in 0..5 {
        let (status, body) = password_step(&server, AN, "wrong").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["code"], "invalid_credentials");
    }

    // Locked: the right password gets the answer a wrong one gets, so the lock tells a
    // stranger nothing, and guesses made during it are not checked at all.
    server.clock.advance(600);
    let (status, locked) = password_step(&server, AN, DEMO_PASSWORD).await;
    let (_, wrong) = password_step(&server, AN, "wrong").await;
    let (_, unknown) = password_step(&server, "001099000001", DEMO_PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(locked, wrong);
    assert_eq!(locked, unknown);

    // The citizen learns of it on their own phone, with the time it ends.
    let (_, body) = server
        .get(&format!("/api/v1/dev/sms-outbox?to={AN_PHONE}"))
        .await;
    let notice = json(&body)[0]["text"].as_str().unwrap().to_owned();
    assert!(notice.contains("tam khoa den"), "{notice}");

    server.clock.advance(300);
    let (status, _) = password_step(&server, AN, DEMO_PASSWORD).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the lock ends fifteen minutes after the fifth wrong password"
    );
}

/// How many attempts of each outcome the account's record holds.
fn outcomes(server: &TestServer, outcome: &str) -> i64 {
    server.sql_value(
        "SELECT count(*) FROM sign_in_events WHERE personal_id = ?1 AND outcome = ?2",
        params![AN, outcome],
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_parallel_wrong_passwords_are_five_checks_and_a_lock() {
    let server = server();
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let app = server.app.clone();
        let request = api(
            "POST",
            "/api/v1/sign-in",
            json!({"identifier": AN, "password": "wrong"}),
            None,
        );
        attempts.spawn(async move {
            use tower::ServiceExt;
            app.oneshot(request).await.unwrap().status()
        });
    }
    while let Some(status) = attempts.join_next().await {
        assert_eq!(status.unwrap(), StatusCode::UNAUTHORIZED);
    }
    // Each attempt takes its slot before the (slow) password check, so however the twenty
    // interleave, exactly five are checked and the rest meet the lock.
    assert_eq!(outcomes(&server, "wrong_password"), 5);
    assert_eq!(outcomes(&server, "locked"), 15);
    let (status, _) = password_step(&server, AN, DEMO_PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "locked");
}

#[tokio::test]
async fn ten_wrong_codes_across_sign_ins_lock_the_account() {
    let server = server();
    let mut last = None;
    // Each right password starts a new code with three tries; the account's allowance of
    // ten wrong codes an hour spans them all.
    for round in 0..4 {
        let (status, challenge) = password_step(&server, AN, DEMO_PASSWORD).await;
        assert_eq!(status, StatusCode::OK, "round {round}");
        let id = challenge["challenge_id"].as_str().unwrap().to_owned();
        let right = latest_code(&server, AN_PHONE).await;
        let wrong = if right == "000000" {
            "111111"
        } else {
            "000000"
        };
        for _ in 0..3 {
            let (response, body) = code_step(&server, &id, wrong).await;
            last = Some((response.status(), body));
            if last.as_ref().unwrap().0 == StatusCode::LOCKED {
                break;
            }
        }
        server.clock.advance(61);
    }
    let (status, body) = last.unwrap();
    assert_eq!(status, StatusCode::LOCKED, "the tenth wrong code locks");
    assert_eq!(body["code"], "account_locked");
    assert_eq!(
        outcomes(&server, "wrong_code"),
        4,
        "three used-up codes and the lock"
    );
    let (status, _) = password_step(&server, AN, DEMO_PASSWORD).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "and the password step says no more"
    );
}

#[tokio::test]
async fn a_phone_gets_five_codes_an_hour() {
    let server = server();
    for _ in 0..5 {
        let (status, _) = password_step(&server, AN, DEMO_PASSWORD).await;
        assert_eq!(status, StatusCode::OK);
        server.clock.advance(60);
    }
    let (status, body) = password_step(&server, AN, DEMO_PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["code"], "rate_limited");
    assert_eq!(body["retry_after_seconds"], 3600 - 5 * 60);
    server.clock.advance(3600);
    let (status, _) = password_step(&server, AN, DEMO_PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "a new hour, a new allowance");
}

#[tokio::test]
async fn three_wrong_codes_end_the_attempt() {
    let server = server();
    let (_, challenge) = password_step(&server, AN, DEMO_PASSWORD).await;
    let id = challenge["challenge_id"].as_str().unwrap();
    let right = latest_code(&server, AN_PHONE).await;
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    let (response, body) = code_step(&server, id, wrong).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "wrong_code");
    assert_eq!(body["attempts_left"], 2);
    let (_, body) = code_step(&server, id, wrong).await;
    assert_eq!(body["attempts_left"], 1);
    let (response, body) = code_step(&server, id, wrong).await;
    assert_eq!(response.status(), StatusCode::GONE);
    assert_eq!(body["code"], "code_expired");
    let (response, _) = code_step(&server, id, &right).await;
    assert_eq!(
        response.status(),
        StatusCode::GONE,
        "not even the right code now"
    );
}

#[tokio::test]
async fn a_code_expires_after_five_minutes() {
    let server = server();
    let (_, challenge) = password_step(&server, AN, DEMO_PASSWORD).await;
    let code = latest_code(&server, AN_PHONE).await;
    server.clock.advance(300);
    let (response, body) =
        code_step(&server, challenge["challenge_id"].as_str().unwrap(), &code).await;
    assert_eq!(response.status(), StatusCode::GONE);
    assert_eq!(body["code"], "code_expired");
}

#[tokio::test]
async fn a_new_code_waits_for_the_countdown_and_replaces_the_old_one() {
    let server = server();
    let (_, challenge) = password_step(&server, AN, DEMO_PASSWORD).await;
    let id = challenge["challenge_id"].as_str().unwrap();
    let first = latest_code(&server, AN_PHONE).await;

    server.clock.advance(20);
    let resend = || {
        api(
            "POST",
            "/api/v1/sign-in/resend",
            json!({"challenge_id": id}),
            None,
        )
    };
    let (response, body) = server.send(resend()).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(json(&body)["retry_after_seconds"], 40);
    assert_eq!(response.headers()[header::RETRY_AFTER], "40");

    server.clock.advance(40);
    let (response, body) = server.send(resend()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(json(&body)["resend_in_seconds"], 60);
    let second = latest_code(&server, AN_PHONE).await;
    if first != second {
        let (response, _) = code_step(&server, id, &first).await;
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "the old code no longer works"
        );
    }
    let (response, _) = code_step(&server, id, &second).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn one_address_gets_a_limited_number_of_attempts() {
    let server = TestServer::start_with(&["--dev-sms-outbox", "--sign-in-attempts-per-ip", "3"]);
    for _ in 0..3 {
        let (status, _) = password_step(&server, "001099000001", "x").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = password_step(&server, AN, DEMO_PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["code"], "rate_limited");
    assert!(body["retry_after_seconds"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn sessions_end_when_idle_and_after_eight_hours() {
    let server = server();
    let cookie = sign_in(&server, AN, AN_PHONE).await;
    server.clock.advance(899);
    let (response, _) = server.send(get_with("/api/v1/session", &cookie)).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "activity within the idle timeout"
    );
    server.clock.advance(900);
    let (response, body) = server.send(get_with("/api/v1/session", &cookie)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(json(&body)["code"], "unauthenticated");

    let cookie = sign_in(&server, AN, AN_PHONE).await;
    for _ in 0..40 {
        server.clock.advance(720);
        let (response, _) = server
            .send(api(
                "POST",
                "/api/v1/session/keep-alive",
                json!({}),
                Some(&cookie),
            ))
            .await;
        if response.status() == StatusCode::UNAUTHORIZED {
            break;
        }
        assert_eq!(response.status(), StatusCode::OK);
    }
    let (response, _) = server.send(get_with("/api/v1/session", &cookie)).await;
    assert_eq!(
        response.status(),
        StatusCode::UNAUTHORIZED,
        "eight hours at most, however active"
    );
}

#[tokio::test]
async fn kiosk_sessions_have_the_kiosk_idle_timeout() {
    let server = TestServer::start_with(&["--dev-sms-outbox", "--kiosk"]);
    let cookie = sign_in(&server, AN, AN_PHONE).await;
    let (_, body) = server.send(get_with("/api/v1/session", &cookie)).await;
    assert_eq!(json(&body)["channel"], "kiosk");
    assert_eq!(json(&body)["idle_timeout_seconds"], 90);
    server.clock.advance(90);
    let (response, _) = server.send(get_with("/api/v1/session", &cookie)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn signing_out_revokes_the_token_on_the_server() {
    let server = server();
    let cookie = sign_in(&server, AN, AN_PHONE).await;
    let (response, _) = server
        .send(api("DELETE", "/api/v1/session", json!({}), Some(&cookie)))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let cleared = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cleared.contains("portal_session=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
    // A copy of the old cookie opens nothing.
    let (response, _) = server.send(get_with("/api/v1/session", &cookie)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let (response, _) = server
        .send(api("DELETE", "/api/v1/session", json!({}), Some(&cookie)))
        .await;
    assert_eq!(
        response.status(),
        StatusCode::NO_CONTENT,
        "signing out twice is harmless"
    );
}

#[tokio::test]
async fn signing_in_again_issues_a_new_token_and_ends_the_old_one() {
    let server = server();
    let old = sign_in(&server, AN, AN_PHONE).await;
    let (_, challenge) = password_step(&server, AN, DEMO_PASSWORD).await;
    let code = latest_code(&server, AN_PHONE).await;
    let request = api(
        "POST",
        "/api/v1/sign-in/code",
        json!({"challenge_id": challenge["challenge_id"], "code": code}),
        Some(&old),
    );
    let (response, _) = server.send(request).await;
    let new = response.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    assert_ne!(new, old);
    let (response, _) = server.send(get_with("/api/v1/session", &old)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let (response, _) = server.send(get_with("/api/v1/session", &new)).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn state_changing_requests_need_the_portal_header_and_the_same_site() {
    let server = server();
    let cookie = sign_in(&server, AN, AN_PHONE).await;
    let forged = axum::http::Request::delete("/api/v1/session")
        .header("cookie", &cookie)
        .body(axum::body::Body::empty())
        .unwrap();
    let (response, body) = server.send(forged).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(json(&body)["code"], "forbidden");
    let cross_site = axum::http::Request::delete("/api/v1/session")
        .header("cookie", &cookie)
        .header("x-requested-with", "portal")
        .header("sec-fetch-site", "cross-site")
        .body(axum::body::Body::empty())
        .unwrap();
    let (response, _) = server.send(cross_site).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let (response, _) = server.send(get_with("/api/v1/session", &cookie)).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "the forged sign-outs did nothing"
    );
}

#[tokio::test]
async fn the_account_lists_sessions_and_sign_ins_and_ends_or_reports_others() {
    let server = server();
    let _ = password_step(&server, AN, "wrong").await;
    let here = sign_in(&server, AN, AN_PHONE).await;
    let there = sign_in(&server, AN, AN_PHONE).await;
    let elsewhere = sign_in(&server, AN, AN_PHONE).await;
    let binh = sign_in(&server, "001190023456", "0987654321").await;

    let (response, body) = server
        .send(get_with("/api/v1/account/activity", &here))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let activity = json(&body);
    let sessions = activity["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 3, "An's own sessions only");
    assert_eq!(sessions[0]["current"], true);
    let outcomes: Vec<&str> = activity["sign_ins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes.iter().filter(|o| **o == "succeeded").count(), 3);
    assert!(outcomes.contains(&"wrong_password"));

    let ids: Vec<String> = sessions
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    let (response, _) = server
        .send(api(
            "DELETE",
            &format!("/api/v1/account/sessions/{}", ids[1]),
            json!({}),
            Some(&here),
        ))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (response, body) = server
        .send(api(
            "POST",
            &format!("/api/v1/account/sessions/{}/report", ids[2]),
            json!({}),
            Some(&here),
        ))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        json(&body),
        json!({"revoked_document_links": 0, "revoked_share_codes": 0}),
        "it had made nothing"
    );
    for ended in [&there, &elsewhere] {
        let (response, _) = server.send(get_with("/api/v1/session", ended)).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let reports: i64 = server.sql_value("SELECT count(*) FROM session_reports", vec![]);
    assert_eq!(reports, 1);

    // Bình cannot end An's session, and learns nothing: the same 404 as for no session.
    let (response, body) = server
        .send(api(
            "DELETE",
            &format!("/api/v1/account/sessions/{}", ids[0]),
            json!({}),
            Some(&binh),
        ))
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(json(&body)["code"], "not_found");
    let (response, _) = server.send(get_with("/api/v1/session", &here)).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_sms_outbox_is_off_unless_asked_for() {
    let server = TestServer::start();
    let (response, body) = server
        .get(&format!("/api/v1/dev/sms-outbox?to={AN_PHONE}"))
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        json(&body)["message"],
        portal_server::http::api_fallback::NO_ENDPOINT
    );
}
