//! The personal electronic data store over HTTP: search with and without diacritics, filters,
//! paging, bad parameters, detail and history, files, re-sync, and the 404 rule.

// A test that cannot set up its server should stop right there, loudly.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::{Request, StatusCode, header};
use common::{
    SIGNED, TestServer, api, first_document_code, get_with, json, share_document, sign_in, upload,
};
use portal_api::document_index::{DocumentIndex, SearchableDocuments};
use portal_api::documents::{DocumentPage, DocumentQuery};
use portal_server::seed::LARGE_STORE_CITIZEN;
use serde_json::{Value, json};

const AN: &str = "001085012345";
const AN_PHONE: &str = "0912345678";
const BINH: &str = "001190023456";
const BINH_PHONE: &str = "0987654321";

async fn server_with(who: (&str, &str)) -> (TestServer, String) {
    let server = TestServer::start_with(&["--dev-sms-outbox"]);
    let cookie = sign_in(&server, who.0, who.1).await;
    (server, cookie)
}

async fn list(server: &TestServer, cookie: &str, query: &str) -> (StatusCode, Value) {
    let (response, body) = server
        .send(get_with(&format!("/api/v1/documents{query}"), cookie))
        .await;
    (response.status(), json(&body))
}

#[tokio::test]
async fn search_ignores_case_and_diacritics() {
    let (server, cookie) = server_with((AN, AN_PHONE)).await;
    let (status, with) = list(&server, &cookie, "?q=Gi%E1%BA%A5y%20khai%20sinh").await;
    assert_eq!(status, StatusCode::OK);
    let (_, without) = list(&server, &cookie, "?q=giay+khai+sinh").await;
    let (_, shouting) = list(&server, &cookie, "?q=GIAY+KHAI+SINH").await;
    assert!(with["total"].as_u64().unwrap() >= 1);
    assert_eq!(with["total"], without["total"]);
    assert_eq!(with["total"], shouting["total"]);
    for item in without["items"].as_array().unwrap() {
        let name = item["name"].as_str().unwrap();
        assert!(
            portal_api::fold_vietnamese(name).contains("giay khai sinh"),
            "{name}"
        );
    }
    // "đ" finds "d" too: "dang ky" in folded form matches "Đăng ký".
    let (_, d) = list(&server, &cookie, "?q=%C4%91%C4%83ng").await;
    let (_, plain) = list(&server, &cookie, "?q=dang").await;
    assert_eq!(d["total"], plain["total"]);
    // A code finds its document.
    let code = without["items"][0]["code"].as_str().unwrap().to_owned();
    let (_, by_code) = list(&server, &cookie, &format!("?q={}", code.to_lowercase())).await;
    assert_eq!(by_code["total"], 1);
}

#[tokio::test]
async fn filters_sort_and_pages() {
    let (server, cookie) = server_with((AN, AN_PHONE)).await;
    let (_, all) = list(&server, &cookie, "?per_page=100").await;
    // 24 seeded documents and the result of a provided request.
    assert_eq!(all["total"], 25);
    let dates: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["issued_on"].as_str().unwrap())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first by default"
    );

    let (_, civil) = list(&server, &cookie, "?category=civil_status&per_page=100").await;
    assert!(
        civil["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["category"] == "civil_status")
    );
    let facet = all["facets"]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["value"] == "civil_status")
        .unwrap();
    assert_eq!(facet["count"], civil["total"]);

    let year = all["facets"]["years"][0]["value"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, in_year) = list(&server, &cookie, &format!("?year={year}")).await;
    assert!(
        in_year["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["issued_on"].as_str().unwrap().starts_with(&year))
    );

    let (_, by_name) = list(&server, &cookie, "?sort=name&per_page=100").await;
    let names: Vec<String> = by_name["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| portal_api::fold_vietnamese(i["name"].as_str().unwrap()))
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]));

    let (_, page_two) = list(&server, &cookie, "?per_page=10&page=3").await;
    assert_eq!(page_two["items"].as_array().unwrap().len(), 5);
    let (status, beyond) = list(&server, &cookie, "?per_page=10&page=9").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(beyond["items"], json!([]));
    assert_eq!(beyond["total"], 25);
}

#[tokio::test]
async fn bad_parameters_get_a_clear_400_naming_them() {
    let (server, cookie) = server_with((AN, AN_PHONE)).await;
    let (status, body) = list(
        &server,
        &cookie,
        "?page=0&sort=random&category=passport&year=abc&per_page=500",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "malformed_request");
    for name in ["page", "sort", "category", "year", "per_page"] {
        assert_eq!(body["fields"][name], "invalid_format", "{name}");
    }
    let long = "a".repeat(101);
    let (status, body) = list(&server, &cookie, &format!("?q={long}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["fields"]["q"], "too_long");
    // A wildcard is a character, not a pattern.
    let (_, body) = list(&server, &cookie, "?q=%25").await;
    assert_eq!(body["total"], 0);
}

#[tokio::test]
async fn the_large_store_searches_all_ten_thousand() {
    let (server, cookie) = server_with((LARGE_STORE_CITIZEN, "0935777888")).await;
    let (_, all) = list(&server, &cookie, "").await;
    assert_eq!(all["total"], 10_000);
    assert_eq!(all["items"].as_array().unwrap().len(), 20);
    let (_, some) = list(&server, &cookie, "?q=bao+hiem+y+te").await;
    let found = some["total"].as_u64().unwrap();
    assert!(found > 100 && found < 10_000, "{found}");
}

/// The page searches the store's index in the browser (`portal_api::document_index`); for
/// every kind of search, that answer is the server's, page for page.
#[tokio::test]
async fn the_index_searched_in_the_page_answers_what_the_server_answers() {
    let server = TestServer::start_with(&["--dev-sms-outbox", "--searches-per-citizen", "1000"]);
    let cookie = sign_in(&server, LARGE_STORE_CITIZEN, "0935777888").await;
    let (response, body) = server
        .send(get_with("/api/v1/document-index", &cookie))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let index: DocumentIndex = serde_json::from_slice(&body).unwrap();
    assert_eq!(index.items.len(), 10_000);
    let searchable = SearchableDocuments::new(index);
    let (_, all) = list(&server, &cookie, "").await;
    let agency = all["facets"]["agencies"][1]["value"].as_str().unwrap();
    let year = all["facets"]["years"][2]["value"].as_str().unwrap();
    let searches: Vec<Vec<(&str, &str)>> = vec![
        vec![],
        vec![("q", "giay khai sinh")],
        vec![("q", "Nguyễn")],
        vec![("q", "d")],
        vec![("q", "so ho khau"), ("page", "2")],
        vec![("q", "chung nhan"), ("sort", "name")],
        vec![("sort", "name"), ("page", "7"), ("per_page", "100")],
        vec![("sort", "oldest"), ("page", "3")],
        vec![("q", "bao hiem"), ("sort", "oldest"), ("per_page", "100")],
        vec![("category", "civil_status"), ("sort", "name")],
        vec![("agency", agency), ("year", year)],
        vec![("q", "2021")],
        vec![("q", "100%")],
        vec![("q", "không có giấy tờ này")],
    ];
    for pairs in searches {
        let query = DocumentQuery::from_pairs(pairs.iter().copied()).unwrap();
        let encoded: String = url_query(&pairs);
        let (status, answer) = list(&server, &cookie, &encoded).await;
        assert_eq!(status, StatusCode::OK, "{encoded}");
        let expected: DocumentPage = serde_json::from_value(answer).unwrap();
        let found = searchable.search(&query);
        assert_eq!(
            (found.total, &found.items),
            (expected.total, &expected.items),
            "{encoded}"
        );
        assert_eq!(found.facets, expected.facets, "{encoded}");
        assert_eq!(
            (found.page, found.per_page),
            (expected.page, expected.per_page)
        );
    }
}

/// `?name=value&…`, each side percent-encoded.
fn url_query(pairs: &[(&str, &str)]) -> String {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    let joined: Vec<String> = pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", utf8_percent_encode(value, NON_ALPHANUMERIC)))
        .collect();
    if joined.is_empty() {
        String::new()
    } else {
        format!("?{}", joined.join("&"))
    }
}

#[tokio::test]
async fn detail_file_and_sync() {
    let (server, cookie) = server_with((AN, AN_PHONE)).await;
    let (_, all) = list(&server, &cookie, "?q=giay+khai+sinh").await;
    let code = all["items"][0]["code"].as_str().unwrap().to_owned();

    let (response, body) = server
        .send(get_with(&format!("/api/v1/documents/{code}"), &cookie))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let detail = json(&body);
    assert_eq!(detail["code"], code);
    assert_eq!(detail["content_type"], "application/pdf");
    let kinds: Vec<&str> = detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["issued", "added"]);

    let (response, bytes) = server
        .send(get_with(
            &format!("/api/v1/documents/{code}/file?download=1"),
            &cookie,
        ))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/pdf");
    let disposition = response.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap();
    assert_eq!(disposition, format!("attachment; filename=\"{code}.pdf\""));
    assert!(bytes.starts_with(b"%PDF-"));
    let (response, _) = server
        .send(get_with(&format!("/api/v1/documents/{code}/file"), &cookie))
        .await;
    assert!(
        response.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("inline")
    );
    assert!(
        response.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'self'")
    );

    // Within the idle timeout, so the session still stands.
    server.clock.advance(600);
    let (response, body) = server
        .send(api(
            "POST",
            &format!("/api/v1/documents/{code}/sync"),
            json!({}),
            Some(&cookie),
        ))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let synced = json(&body);
    assert_ne!(synced["synced_at"], detail["synced_at"]);
    assert_eq!(
        synced["history"].as_array().unwrap().last().unwrap()["kind"],
        "synced"
    );

    let (_, body) = server
        .send(get_with("/api/v1/record/access-log", &cookie))
        .await;
    let whats: Vec<Value> = json(&body)["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["what"].clone())
        .collect();
    assert!(whats.contains(&json!(format!("document:{code}"))));
}

#[tokio::test]
async fn another_citizens_document_is_404_on_every_path_like_a_missing_one() {
    let server = TestServer::start_with(&["--dev-sms-outbox"]);
    let an = sign_in(&server, AN, AN_PHONE).await;
    let binh = sign_in(&server, BINH, BINH_PHONE).await;
    let (_, ans) = list(&server, &an, "").await;
    let code = ans["items"][0]["code"].as_str().unwrap().to_owned();
    for path in [
        format!("/api/v1/documents/{code}"),
        format!("/api/v1/documents/{code}/file"),
    ] {
        let (theirs, theirs_body) = server.send(get_with(&path, &binh)).await;
        let (missing, missing_body) = server
            .send(get_with(&path.replace(&code, "NO-SUCH-CODE"), &binh))
            .await;
        assert_eq!(theirs.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(theirs.status(), missing.status());
        assert_eq!(
            theirs_body, missing_body,
            "{path}: nothing tells the two apart"
        );
    }
    let sync = format!("/api/v1/documents/{code}/sync");
    let (response, _) = server
        .send(api("POST", &sync, json!({}), Some(&binh)))
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let (_, binhs) = list(&server, &binh, &format!("?q={code}")).await;
    assert_eq!(binhs["total"], 0, "search never reaches another store");
}

#[tokio::test]
async fn a_shared_link_opens_one_document_until_it_expires_or_is_revoked() {
    let (server, cookie) = server_with((AN, AN_PHONE)).await;
    let (_, all) = list(&server, &cookie, "").await;
    let code = all["items"][0]["code"].as_str().unwrap().to_owned();
    let shares = format!("/api/v1/documents/{code}/shares");

    let (response, body) = server
        .send(api(
            "POST",
            &shares,
            json!({"valid_hours": 0}),
            Some(&cookie),
        ))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json(&body)["fields"]["valid_hours"], "invalid_format");
    // JSON has one number type: a whole number written as `2.0` is the integer 2. (Another
    // document, so that this test's counts of `code`'s links stay its own.)
    let other = all["items"][1]["code"].as_str().unwrap();
    let request = Request::post(format!("/api/v1/documents/{other}/shares"))
        .header("content-type", "application/json")
        .header("x-requested-with", "portal")
        .header("cookie", &cookie)
        .body(axum::body::Body::from(r#"{"valid_hours": 2.0}"#))
        .unwrap();
    let (response, _) = server.send(request).await;
    assert_eq!(response.status(), StatusCode::CREATED);

    let share = share_document(&server, &cookie, &code, 1).await;
    let token = share["token"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 64);

    // Anyone with the link, no session: that document only, with the link's expiry.
    let (response, body) = server
        .get(&format!("/api/v1/shared-documents/{token}"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let shared = json(&body);
    assert_eq!(shared["code"], code);
    assert_eq!(shared["link_expires_at"], share["expires_at"]);
    assert!(
        shared.get("history").is_none(),
        "no history for the link holder"
    );
    let (response, bytes) = server
        .get(&format!("/api/v1/shared-documents/{token}/file?download=1"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(bytes.starts_with(b"%PDF-"));

    // The view is in the owner's log: once, though the same viewer also fetched the file
    // (one entry per viewer per link per hour).
    let (_, body) = server
        .send(get_with("/api/v1/record/access-log", &cookie))
        .await;
    let views = json(&body)["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["actor"] == "shared_link_view")
        .count();
    assert_eq!(views, 1);

    // An hour later it no longer opens.
    server.clock.advance(3600);
    let (response, _) = server
        .get(&format!("/api/v1/shared-documents/{token}"))
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    // Revoked, at once.
    let cookie = sign_in(&server, AN, AN_PHONE).await;
    let (_, body) = server
        .send(api(
            "POST",
            &shares,
            json!({"valid_hours": 168}),
            Some(&cookie),
        ))
        .await;
    let share = json(&body);
    let token = share["token"].as_str().unwrap();
    let (response, body) = server.send(get_with(&shares, &cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        json(&body).as_array().unwrap().len(),
        1,
        "the expired one is gone from the list"
    );
    let revoke = format!("{shares}/{}", share["id"].as_str().unwrap());
    let (response, _) = server
        .send(api("DELETE", &revoke, json!({}), Some(&cookie)))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (response, _) = server
        .get(&format!("/api/v1/shared-documents/{token}"))
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let (_, body) = server
        .send(get_with(&format!("/api/v1/documents/{code}"), &cookie))
        .await;
    let kinds: Vec<Value> = json(&body)["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].clone())
        .collect();
    assert!(kinds.contains(&json!("shared")) && kinds.contains(&json!("share_revoked")));

    // Another citizen cannot share, list or revoke it.
    let binh = sign_in(&server, BINH, BINH_PHONE).await;
    for (method, path) in [
        ("POST", shares.clone()),
        ("GET", shares.clone()),
        ("DELETE", revoke),
    ] {
        let (response, _) = server
            .send(api(method, &path, json!({"valid_hours": 1}), Some(&binh)))
            .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method} {path}");
    }
}

#[tokio::test]
async fn a_share_link_is_stored_as_a_hash_and_still_opens() {
    let (server, cookie) = server_with((AN, AN_PHONE)).await;
    let code = first_document_code(&server, &cookie).await;
    let shares = format!("/api/v1/documents/{code}/shares");
    let token = share_document(&server, &cookie, &code, 24).await["token"]
        .as_str()
        .unwrap()
        .to_owned();

    // Nowhere in the database: not in its table, not in any other.
    let stored: Vec<String> = server.sql_column("SELECT token_hash FROM document_shares", vec![]);
    assert_eq!(stored, [portal_server::auth::secrets::hash(&token)]);
    // On SQLite, not in the file's bytes either (PostgreSQL's files are the server's).
    let file = server.sqlite_file();
    for suffix in ["", "-wal"].iter().filter(|_| file.is_some()) {
        let path = format!("{}{suffix}", file.as_ref().unwrap().display());
        let bytes = std::fs::read(&path).unwrap_or_default();
        assert!(
            !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
            "the clear token is not in {path}"
        );
    }

    // The owner's list carries no secret.
    let (_, body) = server.send(get_with(&shares, &cookie)).await;
    let listed = json(&body);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert!(listed[0].get("token").is_none());

    // The link opens the document; a wrong token gets the very answer of an unknown link.
    let (response, body) = server
        .get(&format!("/api/v1/shared-documents/{token}"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(json(&body)["code"], code);
    let mut wrong = token.clone();
    wrong.replace_range(..1, if token.starts_with('0') { "1" } else { "0" });
    let refusals = [wrong.as_str(), "nonsense"].map(|t| format!("/api/v1/shared-documents/{t}"));
    let mut answers = Vec::new();
    for path in &refusals {
        let (response, body) = server.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let mut body = json(&body);
        body.as_object_mut().unwrap().remove("request_id");
        answers.push(body);
    }
    assert_eq!(answers[0], answers[1]);
}

#[tokio::test]
async fn a_part_the_form_does_not_have_is_refused_not_ignored() {
    let (server, cookie) = server_with((AN, AN_PHONE)).await;
    let before = document_count(&server, &cookie).await;
    let boundary = "----portal-test-boundary";
    let mut body = Vec::new();
    for (field, value) in [
        ("name", "Giấy khai sinh"),
        ("category", "civil_status"),
        ("nmae", "typo"),
    ] {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n").as_bytes());
    }
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n").as_bytes());
    body.extend_from_slice(SIGNED);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let request = Request::post("/api/v1/documents")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("x-requested-with", "portal")
        .header("cookie", &cookie)
        .body(axum::body::Body::from(body))
        .unwrap();
    let (response, body) = server.send(request).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(json(&body)["code"], "malformed_request");
    assert!(json(&body)["message"].as_str().unwrap().contains("nmae"));
    assert_eq!(
        document_count(&server, &cookie).await,
        before,
        "nothing stored"
    );
}

/// Sends an upload and expects it stored: the new document's detail.
async fn assert_stored(
    server: &TestServer,
    upload: axum::http::Request<axum::body::Body>,
) -> Value {
    let (response, body) = server.send(upload).await;
    assert_eq!(
        response.status(),
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&body)
    );
    json(&body)
}

/// Uploads `bytes` and expects a 422 naming `reason` at the file.
async fn assert_file_refused(server: &TestServer, cookie: &str, bytes: &[u8], reason: &str) {
    let (response, body) = server
        .send(upload(cookie, "Giấy tờ", "other", "giay-to.pdf", bytes))
        .await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{reason}"
    );
    assert_eq!(json(&body)["fields"]["file"], reason);
}

async fn document_count(server: &TestServer, cookie: &str) -> u64 {
    list(server, cookie, "").await.1["total"].as_u64().unwrap()
}

#[tokio::test]
async fn a_signed_pdf_uploads_once_and_keeps_its_bytes() {
    let (server, cookie) = server_with((AN, AN_PHONE)).await;
    let before = document_count(&server, &cookie).await;
    let detail = assert_stored(
        &server,
        upload(
            &cookie,
            "Bản sao bằng đại học",
            "education",
            "bang-dai-hoc.pdf",
            SIGNED,
        ),
    )
    .await;
    assert_eq!(detail["name"], "Bản sao bằng đại học");
    assert_eq!(detail["category"], "education");
    assert_eq!(detail["file_name"], "bang-dai-hoc.pdf");
    assert_eq!(detail["history"][0]["kind"], "uploaded");
    let code = detail["code"].as_str().unwrap();
    let (_, bytes) = server
        .send(get_with(
            &format!("/api/v1/documents/{code}/file?download=1"),
            &cookie,
        ))
        .await;
    assert_eq!(bytes, SIGNED, "the very bytes uploaded come back");
    assert_eq!(document_count(&server, &cookie).await, before + 1);
    let (_, found) = list(&server, &cookie, "?q=bang+dai+hoc").await;
    assert!(
        found["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["code"] == code)
    );

    let (response, body) = server
        .send(upload(&cookie, "Lần hai", "other", "again.pdf", SIGNED))
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let error = json(&body);
    assert_eq!(error["fields"]["file"], "duplicate");
    assert!(error["message"].as_str().unwrap().contains(code));
    assert_eq!(document_count(&server, &cookie).await, before + 1);
}

#[tokio::test]
async fn every_bad_file_is_refused_at_the_file_and_leaves_nothing() {
    let (server, cookie) = server_with((AN, AN_PHONE)).await;
    let before = document_count(&server, &cookie).await;
    let unsigned = portal_server::documents::pdf::one_page(&["Giấy tờ".to_owned()]);
    let mut tampered = SIGNED.to_vec();
    let at = tampered.windows(4).position(|w| w == b"mau ").unwrap();
    tampered[at] = b'M';
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    for (bytes, reason) in [
        (unsigned, "unsigned"),
        (tampered, "signature_mismatch"),
        (png, "not_pdf"),
    ] {
        assert_file_refused(&server, &cookie, &bytes, reason).await;
    }
    let (response, body) = server
        .send(upload(&cookie, " ", "passport", "x.pdf", SIGNED))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json(&body)["fields"]["name"], "required");
    assert_eq!(json(&body)["fields"]["category"], "invalid_format");

    let oversized = [SIGNED, &vec![b' '; 10 * 1024 * 1024]].concat();
    let (response, body) = server
        .send(upload(&cookie, "Lớn", "other", "big.pdf", &oversized))
        .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(json(&body)["code"], "payload_too_large");
    assert_eq!(
        document_count(&server, &cookie).await,
        before,
        "nothing stored"
    );
}

const ECDSA_SIGNED: &[u8] = include_bytes!("../fixtures/signed-sample-ecdsa.pdf");
const EXPIRED_SIGNER: &[u8] = include_bytes!("../fixtures/signed-sample-expired.pdf");
const UNTRUSTED_SIGNER: &[u8] = include_bytes!("../fixtures/signed-sample-untrusted.pdf");

/// The signed sample with a word changed and the CMS's `messageDigest` recomputed for the new
/// bytes, as anyone can do; the signature over the signed attributes stays the signer's old
/// one, which only the signer's private key could redo.
fn changed_with_recomputed_digest() -> Vec<u8> {
    use cms::content_info::ContentInfo;
    use cms::signed_data::{SignedData, SignerInfos};
    use sha2::{Digest, Sha256};
    use x509_cert::der::asn1::{OctetString, SetOfVec};
    use x509_cert::der::{Any, Encode, Reader, SliceReader};

    let mut pdf = SIGNED.to_vec();
    let at = pdf.windows(4).position(|w| w == b"mau ").unwrap();
    pdf[at] = b'M';
    let open = pdf.windows(11).position(|w| w == b"/Contents <").unwrap() + 10;
    let close = open + pdf[open..].iter().position(|b| *b == b'>').unwrap();
    let hex = std::str::from_utf8(&pdf[open + 1..close]).unwrap();
    let der: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    // The slot is padded with zeros after the DER: read one ContentInfo, leave the rest.
    let info: ContentInfo = SliceReader::new(&der).unwrap().decode().unwrap();
    let mut signed: SignedData = info.content.decode_as().unwrap();
    let new_digest = Sha256::new()
        .chain_update(&pdf[..open])
        .chain_update(&pdf[close + 1..])
        .finalize();
    let mut signer = signed.signer_infos.0.into_vec().remove(0);
    let mut attributes = signer.signed_attrs.take().unwrap().into_vec();
    let digest = attributes
        .iter_mut()
        .find(|a| a.oid.to_string() == "1.2.840.113549.1.9.4")
        .unwrap();
    let value = OctetString::new(new_digest.to_vec()).unwrap();
    digest.values = SetOfVec::try_from(vec![Any::encode_from(&value).unwrap()]).unwrap();
    signer.signed_attrs = Some(SetOfVec::try_from(attributes).unwrap());
    signed.signer_infos = SignerInfos(SetOfVec::try_from(vec![signer]).unwrap());
    let forged = ContentInfo {
        content_type: info.content_type,
        content: Any::encode_from(&signed).unwrap(),
    }
    .to_der()
    .unwrap();
    assert!(
        forged.len() * 2 < close - open,
        "the forged CMS fits the slot"
    );
    let hex: String = forged.iter().map(|b| format!("{b:02x}")).collect();
    let slot = &mut pdf[open + 1..close];
    slot.fill(b'0');
    slot[..hex.len()].copy_from_slice(hex.as_bytes());
    pdf
}

#[tokio::test]
async fn a_changed_file_with_its_digest_recomputed_fails_on_the_signature() {
    let (server, cookie) = server_with((AN, AN_PHONE)).await;
    let before = document_count(&server, &cookie).await;
    let forged = changed_with_recomputed_digest();
    assert_file_refused(&server, &cookie, &forged, "signature_mismatch").await;
    assert_eq!(
        document_count(&server, &cookie).await,
        before,
        "nothing stored"
    );
}

#[tokio::test]
async fn signers_are_judged_by_their_certificate_and_its_ca() {
    let (server, cookie) = server_with((AN, AN_PHONE)).await;
    let before = document_count(&server, &cookie).await;
    for (bytes, reason) in [
        (UNTRUSTED_SIGNER, "untrusted_signer"),
        (EXPIRED_SIGNER, "certificate_expired"),
    ] {
        assert_file_refused(&server, &cookie, bytes, reason).await;
    }
    assert_eq!(document_count(&server, &cookie).await, before);
    // ECDSA (P-256) under the demo CA is as good as the RSA sample.
    let upload = upload(&cookie, "Ký ECDSA", "other", "ecdsa.pdf", ECDSA_SIGNED);
    assert_eq!(assert_stored(&server, upload).await["name"], "Ký ECDSA");
}

#[tokio::test]
async fn a_server_without_trust_anchors_trusts_no_signer() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().display().to_string();
    let server = TestServer::start_with(&["--dev-sms-outbox", "--trust-anchors", &empty]);
    let cookie = sign_in(&server, AN, AN_PHONE).await;
    assert_file_refused(&server, &cookie, SIGNED, "untrusted_signer").await;
}

#[tokio::test]
async fn an_upload_cut_off_midway_is_refused_and_leaves_nothing() {
    let (server, cookie) = server_with((AN, AN_PHONE)).await;
    let before = document_count(&server, &cookie).await;
    // The connection drops halfway through the file: the body ends without its last boundary.
    let whole = upload(&cookie, "Bị ngắt", "other", "bi-ngat.pdf", SIGNED);
    let (parts, body) = whole.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    let cut = bytes.slice(..bytes.len() - SIGNED.len() / 2);
    let (response, _) = server
        .send(axum::http::Request::from_parts(
            parts,
            axum::body::Body::from(cut),
        ))
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(document_count(&server, &cookie).await, before);
    // And the whole file afterwards is new, not a "duplicate" of the broken one.
    let (response, _) = server
        .send(upload(&cookie, "Đủ", "other", "du.pdf", SIGNED))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

/// The texts the simulated SMS gateway sent to `phone`, newest first.
async fn texts_to(server: &TestServer, phone: &str) -> Vec<String> {
    let (_, body) = server
        .get(&format!("/api/v1/dev/sms-outbox?to={phone}"))
        .await;
    json(&body)
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_share_link_goes_by_sms_to_the_citizens_own_phone_only_where_offered_and_so_often() {
    let by_sms = json!({"valid_hours": 24, "send_by_sms": true});

    // No public address, no text: refused, and no link made.
    let (server, cookie) = server_with((AN, AN_PHONE)).await;
    let (_, config) = server.get("/config.json").await;
    assert_eq!(json(&config)["share_by_sms"], false);
    let code = first_document_code(&server, &cookie).await;
    let shares = format!("/api/v1/documents/{code}/shares");
    let request = api("POST", &shares, by_sms.clone(), Some(&cookie));
    let (response, body) = server.send(request).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(json(&body)["code"], "conflict");
    let (_, listed) = server.send(get_with(&shares, &cookie)).await;
    assert_eq!(json(&listed), json!([]));

    let server = TestServer::start_with(&[
        "--dev-sms-outbox",
        "--public-url",
        "https://dichvucong.example.vn/",
        "--share-sms-per-citizen-per-day",
        "2",
    ]);
    let (_, config) = server.get("/config.json").await;
    assert_eq!(json(&config)["share_by_sms"], true);
    let cookie = sign_in(&server, AN, AN_PHONE).await;
    let sign_in_texts = texts_to(&server, AN_PHONE).await.len();
    let code = first_document_code(&server, &cookie).await;
    let shares = format!("/api/v1/documents/{code}/shares");
    for sent in 1..=2 {
        let request = api("POST", &shares, by_sms.clone(), Some(&cookie));
        let (response, body) = server.send(request).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let share = json(&body);
        assert_eq!(
            share["sms_sent_to"], "••••••5678",
            "the account's phone, masked"
        );
        let texts = texts_to(&server, AN_PHONE).await;
        assert_eq!(texts.len(), sign_in_texts + sent);
        let link = format!(
            "https://dichvucong.example.vn/shared/{}",
            share["token"].as_str().unwrap()
        );
        assert!(texts[0].ends_with(&link), "{}", texts[0]);
        assert!(texts[0].is_ascii(), "a gateway's plain text: {}", texts[0]);
        // A lock screen shows it: neither the citizen nor the document is named.
        let (_, detail) = server
            .send(get_with(&format!("/api/v1/documents/{code}"), &cookie))
            .await;
        let title = json(&detail)["name"].as_str().unwrap().to_owned();
        assert!(
            !texts[0].contains(&title) && !texts[0].contains(AN),
            "{}",
            texts[0]
        );
        let opened = server
            .get(&format!(
                "/api/v1/shared-documents/{}",
                share["token"].as_str().unwrap()
            ))
            .await;
        assert_eq!(opened.0.status(), StatusCode::OK);
    }

    // The day's texts are used up: refused with the wait, and neither a link nor a text is
    // left behind.
    let request = api("POST", &shares, by_sms.clone(), Some(&cookie));
    let (response, body) = server.send(request).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(json(&body)["retry_after_seconds"].as_u64().unwrap() > 0);
    let (_, listed) = server.send(get_with(&shares, &cookie)).await;
    assert_eq!(json(&listed).as_array().unwrap().len(), 2, "no third link");
    assert_eq!(texts_to(&server, AN_PHONE).await.len(), sign_in_texts + 2);
    // A link without a text is still there to make.
    share_document(&server, &cookie, &code, 1).await;
}
