//! `cargo xtask bench`: keystroke to painted results in the documents search, at 10,000
//! documents, in Chromium (`e2e/bench/documents-search.mjs`). It prints figures and never
//! fails on time: only when it cannot run.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::error::XtaskError;
use crate::process::{command, run};
use crate::{app_build, serve, tools};

/// What `bench` was asked for.
pub struct BenchOptions {
    port: u16,
    skip_build: bool,
}

impl BenchOptions {
    /// Reads `[--port N] [--skip-build]`.
    pub fn parse(args: &[String]) -> Result<Self, XtaskError> {
        // Away from `serve` (8080) and the e2e suites (8181–8183), which may be running.
        let mut options = Self {
            port: 8291,
            skip_build: false,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--port" => {
                    options.port = args.next().and_then(|p| p.parse().ok()).ok_or_else(|| {
                        XtaskError::Usage("--port takes a port number".to_owned())
                    })?;
                }
                "--skip-build" => options.skip_build = true,
                other => {
                    return Err(XtaskError::Usage(format!(
                        "bench: unknown option `{other}`"
                    )));
                }
            }
        }
        Ok(options)
    }
}

/// Builds the app and the release server, starts it with fresh demo data on its own port and
/// database, runs the measuring script, and stops the server whatever happened.
pub fn bench(root: &Path, options: &BenchOptions) -> Result<(), XtaskError> {
    tools::ensure_all(root)?;
    if !options.skip_build {
        app_build::build_release(root)?;
    } else if !root.join("dist/index.html").is_file() {
        return Err(XtaskError::CheckFailed(
            "dist/ holds no built app: run without --skip-build".to_owned(),
        ));
    }
    // Release, unlike the tests' server: SQLite's search in a debug build would be timed too.
    run(
        "build the reference backend (release)",
        command(root, "cargo", root).args(["build", "--release", "--package", "portal-server"]),
    )?;
    // A server left on the port would answer instead of ours, with data of its own.
    TcpListener::bind(("127.0.0.1", options.port)).map_err(XtaskError::io(format!(
        "port {} is taken (choose another with --port)",
        options.port
    )))?;

    let database =
        std::env::temp_dir().join(format!("portal-bench-{}.sqlite3", std::process::id()));
    let server = Server::start(root, options.port, &database)?;
    let result = run(
        "keystroke to painted results, 10,000 documents (Chromium)",
        command(root, "node", &root.join("e2e"))
            .args([
                "bench/documents-search.mjs",
                &format!("http://127.0.0.1:{}", options.port),
            ])
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
            .env("PORTAL_OPERATOR_TOKEN", BENCH_OPERATOR_TOKEN),
    );
    drop(server);
    for suffix in ["", "-wal", "-shm"] {
        let mut path = database.clone().into_os_string();
        path.push(suffix);
        // A file that was never made is fine; the folder is the system's temporary one.
        let _ = std::fs::remove_file(path);
    }
    result
}

/// The reference backend as the e2e suites start it (e2e/playwright.config.ts), stopped when
/// dropped. The script waits for its health endpoint.
struct Server(Child);

/// The operator credential of the bench's own throwaway server, which the script needs to
/// read the sign-in code from the development SMS outbox.
const BENCH_OPERATOR_TOKEN: &str = "bench-operator-credential";

impl Server {
    fn start(root: &Path, port: u16, database: &Path) -> Result<Self, XtaskError> {
        let binary = release_binary(root);
        let child = Command::new(&binary)
            .current_dir(root)
            .args(["--listen", &format!("127.0.0.1:{port}"), "--dist", "dist"])
            .arg("--database")
            .arg(database)
            .args([
                "--demo",
                "--reset",
                "--dev-sms-outbox",
                "--operator-token",
                BENCH_OPERATOR_TOKEN,
                "--national-db-latency-ms",
                "0",
            ])
            .args(["--sign-in-attempts-per-ip", "10000"])
            // It prints each SMS it sends: the script reads the code from the outbox instead.
            .stdout(Stdio::null())
            .spawn()
            .map_err(|source| XtaskError::NotStarted {
                program: binary.to_string_lossy().into_owned(),
                source,
            })?;
        Ok(Self(child))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Already gone is fine: there is nothing left to stop.
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The release build beside the debug one the tests use (same target folder).
fn release_binary(root: &Path) -> PathBuf {
    let debug = serve::server_binary(root);
    let target = debug
        .parent()
        .and_then(Path::parent)
        .map_or_else(|| root.join("target"), Path::to_path_buf);
    target.join("release/portal-server")
}
