//! `cargo xtask bench`: keystroke to painted results in the documents search, at 10,000
//! documents, in Chromium (`e2e/bench/documents-search.mjs`). It prints figures and never
//! fails on time: only when it cannot run.

use std::path::{Path, PathBuf};

use crate::error::XtaskError;
use crate::process::{command, run};
use crate::throwaway_server::ThrowawayServer;
use crate::{app_build, tools};

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
    let server = ThrowawayServer::start(
        root,
        &release_binary(root),
        options.port,
        BENCH_OPERATOR_TOKEN,
        &[
            "--national-db-latency-ms",
            "0",
            "--sign-in-attempts-per-ip",
            "10000",
        ],
    )?;
    let result = run(
        "keystroke to painted results, 10,000 documents (Chromium)",
        command(root, "node", &root.join("e2e"))
            .args(["bench/documents-search.mjs", &server.url()])
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
            .env("PORTAL_OPERATOR_TOKEN", BENCH_OPERATOR_TOKEN),
    );
    drop(server);
    result
}

/// The operator credential of the bench's own throwaway server, which the script needs to
/// read the sign-in code from the development SMS outbox.
const BENCH_OPERATOR_TOKEN: &str = "bench-operator-credential";

/// The release build beside the debug one the tests use (same target folder).
fn release_binary(root: &Path) -> PathBuf {
    tools::target_dir(root).join("release/portal-server")
}
