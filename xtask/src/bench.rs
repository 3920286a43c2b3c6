//! `cargo xtask bench`: keystroke to painted results in the documents search, at 10,000
//! documents, in Chromium (`e2e/bench/documents-search.mjs`); with `--load`, many signed-in
//! citizens against the release server (`load/`). It prints figures and never fails on time.

use std::path::{Path, PathBuf};

use crate::error::XtaskError;
use crate::load::{self, Engine, LoadOptions};
use crate::process::{command, run};
use crate::throwaway_server::ThrowawayServer;
use crate::{app_build, tools};

/// What `bench` was asked for.
pub struct BenchOptions {
    port: u16,
    skip_build: bool,
    /// `--load` and its own options.
    load: Option<LoadOptions>,
}

impl BenchOptions {
    /// Reads `[--port N] [--skip-build]` or `--load [--port N] [--seconds N] [--citizens N]
    /// [--database sqlite|postgres] [--instances N]`.
    pub fn parse(args: &[String]) -> Result<Self, XtaskError> {
        // Away from `serve` (8080), the e2e suites (8181–8183) and api-check (8292), which
        // may be running.
        let load = args.iter().any(|a| a == "--load");
        let mut port = if load { 8293 } else { 8291 };
        let mut skip_build = false;
        let mut loading = LoadOptions {
            port,
            seconds: 60,
            citizens: 200,
            instances: None,
            engine: None,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut number = |what: &str| {
                args.next()
                    .and_then(|n| n.parse::<u64>().ok())
                    .filter(|&n| n > 0)
                    .ok_or_else(|| XtaskError::Usage(format!("{arg} takes {what}")))
            };
            match arg.as_str() {
                "--port" => {
                    port = u16::try_from(number("a port number")?)
                        .map_err(|_| XtaskError::Usage("--port takes a port number".to_owned()))?;
                }
                "--skip-build" if !load => skip_build = true,
                "--load" => {}
                "--seconds" if load => loading.seconds = number("a number of seconds")?,
                "--citizens" if load => {
                    loading.citizens =
                        usize::try_from(number("a number of citizens")?).unwrap_or(usize::MAX);
                }
                "--instances" if load => {
                    loading.instances = Some(
                        u16::try_from(number("a number of servers")?)
                            .map_err(|_| XtaskError::Usage("--instances: too many".to_owned()))?,
                    );
                }
                "--database" if load => {
                    let engine = args.next().and_then(|name| Engine::parse(name));
                    loading.engine = Some(engine.ok_or_else(|| {
                        XtaskError::Usage("--database takes sqlite or postgres".to_owned())
                    })?);
                }
                other => {
                    return Err(XtaskError::Usage(format!(
                        "bench: unknown option `{other}`"
                    )));
                }
            }
        }
        loading.port = port;
        Ok(Self {
            port,
            skip_build,
            load: load.then_some(loading),
        })
    }
}

/// Builds the app and the release server, starts it with fresh demo data on its own port and
/// database, runs the measuring script, and stops the server whatever happened. With
/// `--load`, builds the server only and runs the load bench.
pub fn bench(root: &Path, options: &BenchOptions) -> Result<(), XtaskError> {
    if let Some(loading) = &options.load {
        build_release_server(root)?;
        return load::run(root, &release_binary(root), BENCH_OPERATOR_TOKEN, loading);
    }
    tools::ensure_all(root)?;
    if !options.skip_build {
        app_build::build_release(root)?;
    } else if !root.join("dist/index.html").is_file() {
        return Err(XtaskError::CheckFailed(
            "dist/ holds no built app: run without --skip-build".to_owned(),
        ));
    }
    build_release_server(root)?;
    let server = ThrowawayServer::start(
        root,
        &release_binary(root),
        &root.join("dist"),
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

/// Release, unlike the tests' server: SQLite's search in a debug build would be timed too.
fn build_release_server(root: &Path) -> Result<(), XtaskError> {
    run(
        "build the reference backend (release)",
        command(root, "cargo", root).args(["build", "--release", "--package", "portal-server"]),
    )
}

/// The operator credential of the bench's own throwaway server, which the script needs to
/// read the sign-in code from the development SMS outbox.
const BENCH_OPERATOR_TOKEN: &str = "bench-operator-credential";

/// The release build beside the debug one the tests use (same target folder).
fn release_binary(root: &Path) -> PathBuf {
    tools::target_dir(root).join("release/portal-server")
}
