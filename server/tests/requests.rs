//! Written requests over HTTP: drafts that are never lost, exactly one request per draft
//! however often it is submitted, the provider's workflow, and only one's own requests.

// A test that cannot set up its server should stop right there, loudly.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::StatusCode;
use common::{TestServer, api, get_with, json, sign_in};
use portal_server::params;
use serde_json::{Value, json};

const AN: &str = "001085012345";
const AN_PHONE: &str = "0912345678";
const BINH: &str = "001190023456";
const BINH_PHONE: &str = "0987654321";

async fn server_with_an() -> (TestServer, String) {
    let server = TestServer::start_with(&["--dev-sms-outbox", "--operator-endpoint"]);
    let cookie = sign_in(&server, AN, AN_PHONE).await;
    (server, cookie)
}

fn complete() -> Value {
    json!({
        "kind": "record_extract",
        "purpose": "Bổ sung hồ sơ vay vốn",
        "delivery": "data_store",
        "contact_phone": "0912 345 678"
    })
}

/// The body of a draft's save (`DraftSave`): the answers, based on `revision`.
fn save(revision: u32, answers: Value) -> Value {
    json!({"revision": revision, "answers": answers})
}

async fn send(
    server: &TestServer,
    method: &str,
    path: &str,
    body: Value,
    cookie: &str,
) -> (StatusCode, Value) {
    let (response, body) = server.send(api(method, path, body, Some(cookie))).await;
    let value = if body.is_empty() {
        Value::Null
    } else {
        json(&body)
    };
    (response.status(), value)
}

async fn draft(server: &TestServer, cookie: &str, answers: Value) -> String {
    let (status, draft) = send(server, "POST", "/api/v1/requests", answers, cookie).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(draft["status"], "draft");
    draft["id"].as_str().unwrap().to_owned()
}

async fn decide(
    server: &TestServer,
    reference: &str,
    status: &str,
    note: Option<&str>,
) -> (StatusCode, Value) {
    let path = format!("/api/v1/operator/requests/{reference}/decision");
    let (response, body) = server
        .send(api(
            "POST",
            &path,
            json!({"status": status, "note": note}),
            None,
        ))
        .await;
    (response.status(), json(&body))
}

#[tokio::test]
async fn a_draft_saves_step_by_step_and_submits_to_a_reference() {
    let (server, cookie) = server_with_an().await;
    let id = draft(&server, &cookie, json!({"kind": "record_extract"})).await;
    let (status, saved) = send(
        &server,
        "PUT",
        &format!("/api/v1/requests/{id}"),
        save(1, complete()),
        &cookie,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(saved["answers"]["purpose"], "Bổ sung hồ sơ vay vốn");
    assert_eq!(saved["revision"], 2);

    // The draft is listed, and survives a new session.
    let again = sign_in(&server, AN, AN_PHONE).await;
    let (response, body) = server.send(get_with("/api/v1/requests", &again)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        json(&body)
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == id.as_str() && r["status"] == "draft")
    );

    let (status, request) = send(
        &server,
        "POST",
        &format!("/api/v1/requests/{id}/submit"),
        json!({}),
        &again,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let reference = request["reference"].as_str().unwrap();
    assert!(
        reference.starts_with("YC-20") && reference.len() == 14,
        "{reference}"
    );
    assert_eq!(request["status"], "submitted");
    assert_eq!(request["can_withdraw"], true);
    assert!(request["answer_due_by"].is_string());

    // The draft's id now leads to the request; it can no longer change.
    let (_, via_draft) = send(
        &server,
        "GET",
        &format!("/api/v1/requests/{id}"),
        json!({}),
        &again,
    )
    .await;
    assert_eq!(via_draft["reference"], reference);
    assert_eq!(via_draft["revision"], Value::Null);
    let (status, error) = send(
        &server,
        "PUT",
        &format!("/api/v1/requests/{id}"),
        save(2, complete()),
        &again,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error["code"], "conflict");
}

#[tokio::test]
async fn reference_numbers_widen_past_999999_instead_of_failing() {
    let (server, cookie) = server_with_an().await;
    let year = time::OffsetDateTime::from_unix_timestamp(server.clock.now())
        .unwrap()
        .year();
    server.sql_execute(
        "INSERT INTO request_reference_counters (year, last_number) VALUES (?1, 999999)
         ON CONFLICT (year) DO UPDATE SET last_number = 999999",
        params![year],
    );
    let mut references = Vec::new();
    for _ in 0..2 {
        let id = draft(&server, &cookie, complete()).await;
        let path = format!("/api/v1/requests/{id}/submit");
        let (status, request) = send(&server, "POST", &path, json!({}), &cookie).await;
        assert_eq!(status, StatusCode::OK, "{request}");
        references.push(request["reference"].as_str().unwrap().to_owned());
    }
    assert_eq!(
        references,
        [format!("YC-{year}-1000000"), format!("YC-{year}-1000001")]
    );
    // Each is found by its number.
    for reference in &references {
        let path = format!("/api/v1/requests/{reference}");
        let (status, _) = send(&server, "GET", &path, json!({}), &cookie).await;
        assert_eq!(status, StatusCode::OK, "{reference}");
    }
}

#[tokio::test]
async fn submitting_an_incomplete_draft_names_every_field() {
    let (server, cookie) = server_with_an().await;
    let id = draft(&server, &cookie, json!({"kind": "record_correction"})).await;
    let (status, body) = send(
        &server,
        "POST",
        &format!("/api/v1/requests/{id}/submit"),
        json!({}),
        &cookie,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in [
        "correction_field",
        "correction_value",
        "purpose",
        "delivery",
        "contact_phone",
    ] {
        assert_eq!(body["fields"][field], "required", "{field}");
    }
    let long = save(1, json!({"purpose": "x".repeat(501)}));
    let (status, body) = send(
        &server,
        "PUT",
        &format!("/api/v1/requests/{id}"),
        long,
        &cookie,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["purpose"], "too_long");
}

/// Which offices exist is the catalogue's data: one the catalogue lists is taken, any other
/// is refused at the field.
#[tokio::test]
async fn a_paper_result_is_collected_at_an_office_of_the_catalogue() {
    let (server, cookie) = server_with_an().await;
    let (_, catalogue) = send(
        &server,
        "GET",
        "/api/v1/request-catalogue",
        Value::Null,
        &cookie,
    )
    .await;
    let listed = catalogue["police_offices"][0].as_str().unwrap().to_owned();
    for (office, status) in [
        (
            "Công an xã Không Có".to_owned(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (listed, StatusCode::OK),
    ] {
        let mut answers = complete();
        answers["delivery"] = json!("in_person");
        answers["police_office"] = json!(office);
        let id = draft(&server, &cookie, answers).await;
        let path = format!("/api/v1/requests/{id}/submit");
        let (answered, body) = send(&server, "POST", &path, json!({}), &cookie).await;
        assert_eq!(answered, status, "{office}: {body}");
        if status != StatusCode::OK {
            assert_eq!(body["fields"]["police_office"], "invalid_format");
        }
    }
}

/// On SQLite the writes take turns on one connection, so this only shows the outcome; on
/// PostgreSQL (`cargo xtask postgres-tests`) the two transactions run side by side, and it
/// fails without the draft's row lock in `submitted::submit` (two references are made).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn submitting_twice_at_once_makes_exactly_one_request() {
    let (server, cookie) = server_with_an().await;
    let id = draft(&server, &cookie, complete()).await;
    let path = format!("/api/v1/requests/{id}/submit");
    // Eight submissions on eight tasks at once, as a double click and retries would send them.
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let app = server.app.clone();
            let request = api("POST", &path, json!({}), Some(&cookie));
            tokio::spawn(async move {
                use http_body_util::BodyExt;
                use tower::ServiceExt;
                let response = app.oneshot(request).await.unwrap();
                let status = response.status();
                let body = response.into_body().collect().await.unwrap().to_bytes();
                (status, body.to_vec())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for handle in handles {
        answers.push(handle.await.unwrap());
    }
    let references: std::collections::BTreeSet<String> = answers
        .iter()
        .map(|(status, body)| {
            assert_eq!(*status, StatusCode::OK);
            json(body)["reference"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(references.len(), 1, "{references:?}");
    let made: i64 = server.sql_value(
        "SELECT count(*) FROM requests WHERE reference = ?1",
        params![references.first().unwrap()],
    );
    assert_eq!(made, 1);
}

#[tokio::test]
async fn a_delayed_older_save_gets_409_with_the_newer_draft_and_changes_nothing() {
    let (server, cookie) = server_with_an().await;
    let id = draft(&server, &cookie, json!({"kind": "record_extract"})).await;
    let path = format!("/api/v1/requests/{id}");
    let newer = json!({"kind": "record_extract", "purpose": "Bổ sung hồ sơ vay vốn"});
    let (status, saved) = send(&server, "PUT", &path, save(1, newer.clone()), &cookie).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["revision"], 2);

    // A save the app sent before that one, held up on a slow network, arrives last.
    let older = json!({"kind": "record_extract", "contact_phone": "0912345678"});
    let (status, error) = send(&server, "PUT", &path, save(1, older), &cookie).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error["code"], "draft_conflict");
    assert_eq!(error["draft"]["id"], id.as_str());
    assert_eq!(error["draft"]["revision"], 2);
    assert_eq!(error["draft"]["answers"]["purpose"], newer["purpose"]);

    // It changed nothing.
    let (_, stored) = send(&server, "GET", &path, json!({}), &cookie).await;
    assert_eq!(stored["revision"], 2);
    assert_eq!(stored["answers"]["purpose"], newer["purpose"]);
    assert_eq!(stored["answers"]["contact_phone"], Value::Null);
    assert_eq!(stored["updated_at"], saved["updated_at"]);

    // Merged and saved on the revision the conflict named, it is taken.
    let merged = json!({
        "kind": "record_extract",
        "purpose": "Bổ sung hồ sơ vay vốn",
        "contact_phone": "0912345678"
    });
    let (status, saved) = send(&server, "PUT", &path, save(2, merged), &cookie).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["revision"], 3);
    assert_eq!(saved["answers"]["contact_phone"], "0912345678");
    assert_eq!(saved["answers"]["purpose"], newer["purpose"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_saves_at_once_from_the_same_revision_one_is_taken_one_gets_409() {
    let (server, cookie) = server_with_an().await;
    let id = draft(&server, &cookie, json!({"kind": "record_extract"})).await;
    let path = format!("/api/v1/requests/{id}");
    // Several rounds, each two saves on two tasks at once, both based on the latest revision.
    for round in 1..=5_u32 {
        let handles: Vec<_> = ["tab one", "tab two"]
            .into_iter()
            .map(|tab| {
                let app = server.app.clone();
                let answers = json!({"purpose": format!("{tab}, round {round}")});
                let request = api("PUT", &path, save(round, answers), Some(&cookie));
                tokio::spawn(async move {
                    use http_body_util::BodyExt;
                    use tower::ServiceExt;
                    let response = app.oneshot(request).await.unwrap();
                    let status = response.status();
                    let body = response.into_body().collect().await.unwrap().to_bytes();
                    (status, json(&body))
                })
            })
            .collect();
        let mut taken = Vec::new();
        let mut refused = Vec::new();
        for handle in handles {
            let (status, body) = handle.await.unwrap();
            match status {
                StatusCode::OK => taken.push(body),
                StatusCode::CONFLICT => refused.push(body),
                other => panic!("round {round}: {other} {body}"),
            }
        }
        assert_eq!((taken.len(), refused.len()), (1, 1), "round {round}");
        let (taken, refused) = (&taken[0], &refused[0]);
        assert_eq!(taken["revision"], round + 1);
        assert_eq!(refused["code"], "draft_conflict");
        // The refused save is told exactly what was taken.
        assert_eq!(refused["draft"]["revision"], round + 1);
        assert_eq!(refused["draft"]["answers"], taken["answers"]);
        let (_, stored) = send(&server, "GET", &path, json!({}), &cookie).await;
        assert_eq!(stored["answers"], taken["answers"]);
    }
}

#[tokio::test]
async fn the_provider_moves_it_to_a_result_in_the_data_store() {
    let (server, cookie) = server_with_an().await;
    let id = draft(&server, &cookie, complete()).await;
    let (_, request) = send(
        &server,
        "POST",
        &format!("/api/v1/requests/{id}/submit"),
        json!({}),
        &cookie,
    )
    .await;
    let reference = request["reference"].as_str().unwrap().to_owned();

    let (status, _) = decide(&server, &reference, "provided", None).await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "no jumping from submitted to provided"
    );
    for step in ["received", "processing"] {
        assert_eq!(
            decide(&server, &reference, step, None).await.0,
            StatusCode::OK
        );
    }
    let (status, _) = send(
        &server,
        "POST",
        &format!("/api/v1/requests/{reference}/withdraw"),
        json!({}),
        &cookie,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "too late to withdraw in processing"
    );

    let (status, asked) = decide(
        &server,
        &reference,
        "more_information_needed",
        Some("Bổ sung giấy khai sinh"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(asked["question"], "Bổ sung giấy khai sinh");
    let (status, answered) = send(
        &server,
        "POST",
        &format!("/api/v1/requests/{reference}/answer"),
        json!({"text": "Đã bổ sung"}),
        &cookie,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answered["status"], "processing");
    let last = answered["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["by_citizen"], true);
    assert_eq!(last["note"], "Đã bổ sung");

    let (status, provided) = decide(&server, &reference, "provided", None).await;
    assert_eq!(status, StatusCode::OK);
    let code = provided["result_document_code"].as_str().unwrap();
    let (response, body) = server
        .send(get_with(&format!("/api/v1/documents/{code}"), &cookie))
        .await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "the result is in the data store"
    );
    assert!(json(&body)["name"].as_str().unwrap().contains("trích lục"));
}

#[tokio::test]
async fn a_refusal_carries_its_written_reason_and_withdrawal_works_before_processing() {
    let (server, cookie) = server_with_an().await;
    let first = draft(&server, &cookie, complete()).await;
    let (_, request) = send(
        &server,
        "POST",
        &format!("/api/v1/requests/{first}/submit"),
        json!({}),
        &cookie,
    )
    .await;
    let reference = request["reference"].as_str().unwrap().to_owned();
    decide(&server, &reference, "received", None).await;
    let (status, body) = decide(&server, &reference, "refused", None).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a refusal needs its reason"
    );
    assert_eq!(body["fields"]["note"], "required");
    let (_, refused) = decide(
        &server,
        &reference,
        "refused",
        Some("Không đủ căn cứ cung cấp thông tin."),
    )
    .await;
    assert_eq!(refused["status"], "refused");
    assert_eq!(
        refused["refusal_reason"],
        "Không đủ căn cứ cung cấp thông tin."
    );

    let second = draft(&server, &cookie, complete()).await;
    let (_, request) = send(
        &server,
        "POST",
        &format!("/api/v1/requests/{second}/submit"),
        json!({}),
        &cookie,
    )
    .await;
    let reference = request["reference"].as_str().unwrap().to_owned();
    let (status, withdrawn) = send(
        &server,
        "POST",
        &format!("/api/v1/requests/{reference}/withdraw"),
        json!({}),
        &cookie,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(withdrawn["status"], "withdrawn");
    assert_eq!(withdrawn["can_withdraw"], false);
}

#[tokio::test]
async fn the_simulated_provider_takes_requests_in_at_its_pace() {
    let (server, cookie) = server_with_an().await;
    let id = draft(&server, &cookie, complete()).await;
    let (_, request) = send(
        &server,
        "POST",
        &format!("/api/v1/requests/{id}/submit"),
        json!({}),
        &cookie,
    )
    .await;
    let reference = request["reference"].as_str().unwrap().to_owned();
    let status = || -> String {
        server.sql_value(
            "SELECT status FROM requests WHERE reference = ?1",
            params![reference],
        )
    };
    let tick = |now: i64| {
        server
            .db
            .write_blocking(|c| portal_server::requests::transition::advance_workflow(c, now, 60))
            .unwrap()
    };
    let start = server.clock.now();
    tick(start + 30);
    assert_eq!(status(), "submitted");
    tick(start + 60);
    assert_eq!(status(), "received");
    tick(start + 120);
    assert_eq!(status(), "processing");
}

#[tokio::test]
async fn another_citizens_request_or_draft_is_404_everywhere() {
    let (server, an) = server_with_an().await;
    let binh = sign_in(&server, BINH, BINH_PHONE).await;
    let id = draft(&server, &an, complete()).await;
    let (_, list) = send(&server, "GET", "/api/v1/requests", json!({}), &an).await;
    let reference = list
        .as_array()
        .unwrap()
        .iter()
        .find_map(|r| r["reference"].as_str())
        .unwrap()
        .to_owned();
    for (method, path) in [
        ("GET", format!("/api/v1/requests/{id}")),
        ("PUT", format!("/api/v1/requests/{id}")),
        ("DELETE", format!("/api/v1/requests/{id}")),
        ("POST", format!("/api/v1/requests/{id}/submit")),
        ("GET", format!("/api/v1/requests/{reference}")),
        ("POST", format!("/api/v1/requests/{reference}/withdraw")),
        ("POST", format!("/api/v1/requests/{reference}/answer")),
    ] {
        let body = if path.ends_with("answer") {
            json!({"text": "x"})
        } else if method == "PUT" {
            save(1, complete())
        } else {
            complete()
        };
        let (status, error) = send(&server, method, &path, body, &binh).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}");
        assert_eq!(error["code"], "not_found");
    }
    let (_, theirs) = send(&server, "GET", "/api/v1/requests", json!({}), &binh).await;
    assert!(
        theirs
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["id"] != id.as_str() && r["reference"] != reference.as_str())
    );
}

#[tokio::test]
async fn the_operator_endpoint_is_off_unless_asked_for() {
    let server = TestServer::start();
    let (status, body) = decide(&server, "YC-2026-000001", "received", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["message"],
        portal_server::http::api_fallback::NO_ENDPOINT
    );
}

/// An answer as multipart form data, as the browser's FormData sends it.
fn answer_with_file(
    cookie: &str,
    reference: &str,
    text: &str,
    file: Option<(&str, &[u8])>,
) -> axum::http::Request<axum::body::Body> {
    let boundary = "----portal-answer-boundary";
    let mut body =
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{text}\r\n")
            .into_bytes();
    if let Some((name, bytes)) = file {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    axum::http::Request::post(format!("/api/v1/requests/{reference}/answer"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("x-requested-with", "portal")
        .header("cookie", cookie)
        .body(axum::body::Body::from(body))
        .unwrap()
}

/// A submitted request of `cookie`'s citizen that the provider asked more of; its reference.
async fn asked_for_more(server: &TestServer, cookie: &str) -> String {
    let id = draft(server, cookie, complete()).await;
    let path = format!("/api/v1/requests/{id}/submit");
    let (_, request) = send(server, "POST", &path, json!({}), cookie).await;
    let reference = request["reference"].as_str().unwrap().to_owned();
    for step in ["received", "processing"] {
        decide(server, &reference, step, None).await;
    }
    decide(
        server,
        &reference,
        "more_information_needed",
        Some("Ảnh giấy khai sinh"),
    )
    .await;
    reference
}

#[tokio::test]
async fn on_a_kiosk_an_attachment_is_shown_in_the_portal_never_saved() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR-the-picture";
    for (flags, expected) in [(&["--kiosk"][..], "inline"), (&[][..], "attachment")] {
        let flags = [flags, &["--dev-sms-outbox", "--operator-endpoint"]].concat();
        let server = TestServer::start_with(&flags);
        let cookie = sign_in(&server, AN, AN_PHONE).await;
        let reference = asked_for_more(&server, &cookie).await;
        let answer = answer_with_file(&cookie, &reference, "Ảnh", Some(("anh.png", png)));
        let (_, body) = server.send(answer).await;
        let history = json(&body)["history"].clone();
        let attachment = &history.as_array().unwrap().last().unwrap()["attachment"];
        let file = format!(
            "/api/v1/requests/{reference}/attachments/{}",
            attachment["id"]
        );
        let (response, bytes) = server.send(get_with(&file, &cookie)).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(bytes, png.to_vec());
        let disposition = response.headers()["content-disposition"].to_str().unwrap();
        assert!(
            disposition.starts_with(expected),
            "{flags:?}: {disposition}"
        );
    }
}

#[tokio::test]
async fn an_answer_carries_an_attached_file_that_only_its_citizen_can_fetch() {
    let (server, cookie) = server_with_an().await;
    let reference = asked_for_more(&server, &cookie).await;

    // Not a PDF or a picture, whatever its name: refused at the file, and still waiting.
    let (response, body) = server
        .send(answer_with_file(
            &cookie,
            &reference,
            "Đây",
            Some(("anh.png", b"MZ\x90\x00program")),
        ))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json(&body)["fields"]["file"], "invalid_format");

    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR-the-picture";
    let (response, body) = server
        .send(answer_with_file(
            &cookie,
            &reference,
            "Ảnh đính kèm",
            Some(("giay-khai-sinh.png", png)),
        ))
        .await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&body)
    );
    let answered = json(&body);
    assert_eq!(answered["status"], "processing");
    let last = answered["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["note"], "Ảnh đính kèm");
    assert_eq!(last["attachment"]["file_name"], "giay-khai-sinh.png");
    assert_eq!(last["attachment"]["content_type"], "image/png");
    let file = format!(
        "/api/v1/requests/{reference}/attachments/{}",
        last["attachment"]["id"]
    );
    let (response, bytes) = server.send(get_with(&file, &cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/png");
    assert_eq!(bytes, png.to_vec(), "the very bytes attached come back");

    // Another citizen gets 404, as for an attachment that does not exist.
    let binh = sign_in(&server, BINH, BINH_PHONE).await;
    let (response, _) = server.send(get_with(&file, &binh)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let missing = format!("/api/v1/requests/{reference}/attachments/999999");
    assert_eq!(
        server.send(get_with(&missing, &cookie)).await.0.status(),
        StatusCode::NOT_FOUND
    );

    // Multipart without a file answers like the JSON form.
    decide(
        &server,
        &reference,
        "more_information_needed",
        Some("Thêm gì nữa?"),
    )
    .await;
    let (response, body) = server
        .send(answer_with_file(
            &cookie,
            &reference,
            "Không có gì thêm",
            None,
        ))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let last = json(&body)["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert!(last.get("attachment").is_none());
}
