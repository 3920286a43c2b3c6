//! What the integration tests share: a server on a temporary database and a fake `dist/`,
//! and a way to send it one request.

#![allow(dead_code)]

use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, header};
use http_body_util::BodyExt;
use portal_server::auth::Clock;
use portal_server::config::Cli;
use portal_server::db::{Database, Engine, FromValue, Value};
use tower::ServiceExt;

/// A built app like Trunk's, small enough to write in a test: index.html, a hashed script
/// with its brotli copy, and a plain file.
pub const INDEX_HTML: &str =
    "<!doctype html><html lang=\"vi\"><title>Cổng công dân</title><main>shell</main></html>";

/// [`INDEX_HTML`] as the server sends it: with the marks of its deployment on `<html>`.
pub fn index_html_marked(marks: &str) -> String {
    INDEX_HTML.replacen("<html ", &format!("<html {marks} "), 1)
}

/// The operator credential of the test servers started by [`TestServer::start_with`].
pub const OPERATOR_TOKEN: &str = "test-operator-credential";
/// The demo CA's certificate (made with fixtures/make_signed_sample.py).
pub const DEMO_TRUST_ANCHORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/trust-anchors/demo");

/// The app under test, with the directory holding its files and its database.
pub struct TestServer {
    pub app: Router,
    pub dir: tempfile::TempDir,
    pub clock: Clock,
    /// The server's own handle on its database, for what a test checks behind the API.
    pub db: Database,
    /// The `--database` the server was given: an SQLite file in `dir`, or a PostgreSQL
    /// database of its own when the tests run on PostgreSQL (see [`database_for_a_test`]).
    pub location: String,
}

impl TestServer {
    /// A server with a freshly seeded database and a fake built app.
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// As [`Self::start`], with extra command-line flags: a demo server (`--demo`) whose
    /// operator credential is [`OPERATOR_TOKEN`] and whose trusted CA is the demo CA that
    /// signed the samples in fixtures/ (unless `flags` name other anchors).
    pub fn start_with(flags: &[&str]) -> Self {
        Self::production(&demo_flags(flags))
    }

    /// A second server instance on this one's database, as [`Self::start_with`] makes one:
    /// its own clock, folder and memory, every row shared, as two processes behind one load
    /// balancer. (Two processes may share an SQLite file as well as a PostgreSQL database.)
    pub fn another_instance(&self, flags: &[&str]) -> Self {
        Self::launch(&demo_flags(flags), true, Some(self.location.clone()))
    }

    /// A server as a real deployment runs it: only the flags given, no demo data.
    pub fn production(flags: &[&str]) -> Self {
        Self::launch(flags, true, None)
    }

    /// As [`Self::start`], with a `dist/` that holds no index.html: the app is not built.
    pub fn without_built_app() -> Self {
        Self::launch(&["--demo"], false, None)
    }

    /// Starts a server on `location`, or on a database of its own when `None`.
    fn launch(flags: &[&str], built: bool, location: Option<String>) -> Self {
        // The server's log, shown with a failing test's output (a 500's cause is only there).
        let _ = tracing_subscriber::fmt()
            .with_env_filter("portal_server=warn")
            .with_test_writer()
            .try_init();
        let dir = tempfile::tempdir().unwrap();
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        if built {
            std::fs::write(dist.join("index.html"), INDEX_HTML).unwrap();
        }
        std::fs::write(dist.join("app-0123456789abcdef.js"), "console.log('app');").unwrap();
        std::fs::write(
            dist.join("app-0123456789abcdef.js.br"),
            b"\x0b\x09\x80console.log('app');\x03",
        )
        .unwrap();
        std::fs::write(dist.join("robots.txt"), "User-agent: *\n").unwrap();
        let location = location.unwrap_or_else(|| database_for_a_test(dir.path()));
        let mut args: Vec<String> = vec![
            "portal-server".into(),
            "--dist".into(),
            dist.display().to_string(),
            "--database".into(),
            location.clone(),
            // Few connections per test: many tests run at once against one PostgreSQL.
            "--database-pool".into(),
            "2".into(),
        ];
        if !flags.contains(&"--national-db-latency-ms") {
            args.extend(["--national-db-latency-ms".into(), "0".into()]);
        }
        args.extend(flags.iter().map(|f| (*f).to_owned()));
        let cli = <Cli as clap::Parser>::try_parse_from(args).unwrap();
        let mut state = portal_server::server::prepare(&cli.serve).unwrap();
        // A clock the test moves, starting now, so expiries are tested without waiting.
        let clock = Clock::manual(Clock::System.now());
        state.clock = clock.clone();
        let db = state.db.clone();
        let built_app = portal_server::http::static_files::BuiltApp::load(
            &dist,
            portal_server::http::static_files::PageMarks::of(&state.client_config),
        )
        .unwrap();
        let app = portal_server::build_app(state, built_app);
        Self {
            app,
            dir,
            clock,
            db,
            location,
        }
    }

    /// The SQLite file of this server; `None` on PostgreSQL.
    pub fn sqlite_file(&self) -> Option<PathBuf> {
        (self.db.engine() == Engine::Sqlite).then(|| PathBuf::from(&self.location))
    }

    /// The single value the database answers to `sql`, e.g. a `count(*)`.
    pub fn sql_value<T: FromValue + Send>(&self, sql: &str, params: Vec<Value>) -> T {
        self.db
            .write_blocking(|c| c.query_row(sql, params, |row| row.get(0)))
            .unwrap()
    }

    /// The first column of every row the database answers to `sql`.
    pub fn sql_column<T: FromValue + Send>(&self, sql: &str, params: Vec<Value>) -> Vec<T> {
        self.db
            .write_blocking(|c| {
                c.prepare(sql)?
                    .query_map(params, |row| row.get(0))?
                    .collect::<Result<_, _>>()
            })
            .unwrap()
    }

    /// Runs `sql`; how many rows it changed.
    pub fn sql_execute(&self, sql: &str, params: Vec<Value>) -> usize {
        self.db.write_blocking(|c| c.execute(sql, params)).unwrap()
    }

    /// Sends one request and returns the response with its body read. A request to the
    /// operator or development endpoints carries the operator credential unless it has an
    /// `Authorization` of its own; [`Self::send_as_stranger`] sends it as it is.
    pub async fn send(&self, mut request: Request<Body>) -> (Response<()>, Vec<u8>) {
        let path = request.uri().path();
        let behind_the_scenes =
            path.starts_with("/api/v1/operator/") || path.starts_with("/api/v1/dev/");
        if behind_the_scenes && !request.headers().contains_key(header::AUTHORIZATION) {
            let bearer = format!("Bearer {OPERATOR_TOKEN}");
            request
                .headers_mut()
                .insert(header::AUTHORIZATION, bearer.parse().unwrap());
        }
        self.send_as_stranger(request).await
    }

    /// Sends one request exactly as given.
    pub async fn send_as_stranger(&self, request: Request<Body>) -> (Response<()>, Vec<u8>) {
        let response = self.app.clone().oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes().to_vec();
        (Response::from_parts(parts, ()), bytes)
    }

    /// A GET of `path`.
    pub async fn get(&self, path: &str) -> (Response<()>, Vec<u8>) {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }
}

/// `flags` with what makes a demo server: `--demo`, the operator credential
/// [`OPERATOR_TOKEN`] and the demo CA as trust anchor (unless `flags` name other anchors).
fn demo_flags<'a>(flags: &[&'a str]) -> Vec<&'a str> {
    let mut demo = vec!["--demo", "--operator-token", OPERATOR_TOKEN];
    if !flags.contains(&"--trust-anchors") {
        demo.extend(["--trust-anchors", DEMO_TRUST_ANCHORS]);
    }
    demo.extend(flags);
    demo
}

/// A JSON POST (or other method) from the portal: with the CSRF header, and the session
/// cookie when one is given.
pub fn api(
    method: &str,
    path: &str,
    body: serde_json::Value,
    cookie: Option<&str>,
) -> Request<Body> {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json")
        .header("x-requested-with", "portal");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.body(Body::from(body.to_string())).unwrap()
}

/// A GET with the session cookie.
pub fn get_with(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path)
        .header("cookie", cookie)
        .body(Body::empty())
        .unwrap()
}

/// The body as JSON.
pub fn json(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body).unwrap()
}

/// The newest one-time code the simulated SMS gateway sent to `phone` (the server must run
/// with `--dev-sms-outbox`).
pub async fn latest_code(server: &TestServer, phone: &str) -> String {
    let (response, body) = server
        .get(&format!("/api/v1/dev/sms-outbox?to={phone}"))
        .await;
    assert_eq!(response.status(), axum::http::StatusCode::OK);
    let messages = json(&body);
    let text = messages[0]["text"].as_str().unwrap().to_owned();
    text.split(|c: char| !c.is_ascii_digit())
        .find(|part| part.len() == 6)
        .unwrap()
        .to_owned()
}

/// The first step of signing in: `identifier` and `password`; the answer's status and body.
pub async fn password_step(
    server: &TestServer,
    identifier: &str,
    password: &str,
) -> (axum::http::StatusCode, serde_json::Value) {
    let request = api(
        "POST",
        "/api/v1/sign-in",
        serde_json::json!({"identifier": identifier, "password": password}),
        None,
    );
    let (response, body) = server.send(request).await;
    (response.status(), json(&body))
}

/// Signs in with the demo password and returns the `Cookie` header value for the session.
pub async fn sign_in(server: &TestServer, identifier: &str, phone: &str) -> String {
    let request = api(
        "POST",
        "/api/v1/sign-in",
        serde_json::json!({"identifier": identifier, "password": portal_server::seed::DEMO_PASSWORD}),
        None,
    );
    let (response, body) = server.send(request).await;
    assert_eq!(response.status(), axum::http::StatusCode::OK);
    let challenge = json(&body);
    let code = latest_code(server, phone).await;
    let request = api(
        "POST",
        "/api/v1/sign-in/code",
        serde_json::json!({"challenge_id": challenge["challenge_id"], "code": code}),
        None,
    );
    let (response, _) = server.send(request).await;
    assert_eq!(response.status(), axum::http::StatusCode::OK);
    let set_cookie = response.headers()[axum::http::header::SET_COOKIE]
        .to_str()
        .unwrap();
    set_cookie.split(';').next().unwrap().to_owned()
}

/// The code of the first document in the signed-in citizen's store.
pub async fn first_document_code(server: &TestServer, cookie: &str) -> String {
    let (_, body) = server.send(get_with("/api/v1/documents", cookie)).await;
    json(&body)["items"][0]["code"].as_str().unwrap().to_owned()
}

/// Makes a link to document `code` for `hours` and returns the answer (with its `token`).
pub async fn share_document(
    server: &TestServer,
    cookie: &str,
    code: &str,
    hours: u32,
) -> serde_json::Value {
    let path = format!("/api/v1/documents/{code}/shares");
    let body = serde_json::json!({ "valid_hours": hours });
    let (response, body) = server.send(api("POST", &path, body, Some(cookie))).await;
    assert_eq!(response.status(), axum::http::StatusCode::CREATED);
    json(&body)
}

/// The `--database` for one test's server. By default an SQLite file in `dir`. When
/// `PORTAL_TEST_POSTGRES` holds a PostgreSQL server's URL without a database name (as
/// `cargo xtask test` sets it for its PostgreSQL run), a new, empty database on that server,
/// so tests running in parallel never see each other's data.
pub fn database_for_a_test(dir: &std::path::Path) -> String {
    let Ok(server) = std::env::var("PORTAL_TEST_POSTGRES") else {
        return dir.join("portal.sqlite3").display().to_string();
    };
    let server = server.trim_end_matches('/').to_owned();
    let name = format!("portal_test_{}", uuid::Uuid::new_v4().simple());
    // The blocking client refuses to run inside the test's async runtime: a thread of its own.
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let admin = format!("{server}/postgres");
                let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
                client
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .unwrap();
            })
            .join()
            .unwrap();
    });
    format!("{server}/{name}")
}

/// A PDF signed by the demo CA (fixtures/make_signed_sample.py), which uploads accept.
pub const SIGNED: &[u8] = include_bytes!("../../fixtures/signed-sample.pdf");

/// A multipart upload as the browser's FormData sends it.
pub fn upload(
    cookie: &str,
    name: &str,
    category: &str,
    file_name: &str,
    bytes: &[u8],
) -> Request<Body> {
    let boundary = "----portal-test-boundary";
    let mut body = Vec::new();
    for (field, value) in [("name", name), ("category", category)] {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n").as_bytes());
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    Request::post("/api/v1/documents")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("x-requested-with", "portal")
        .header("cookie", cookie)
        .body(Body::from(body))
        .unwrap()
}
