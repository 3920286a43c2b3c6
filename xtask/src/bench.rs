//! `cargo xtask bench`, in one run: keystroke to painted results in the documents search, at
//! 10,000 documents, in Chromium (`e2e/bench/documents-search.mjs`), and Lighthouse on five
//! pages, each beside the same page as static HTML ([`lighthouse`]); `--only search` or
//! `--only lighthouse` runs one of the two. With `--load`, many signed-in citizens against the
//! release server (`load/`). It prints figures and never fails on time.

mod lighthouse;

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::XtaskError;
use crate::load::{self, Engine, LoadOptions};
use crate::process::{command, run};
use crate::throwaway_server::ThrowawayServer;
use crate::{app_build, tools};

/// What `bench` was asked for.
pub struct BenchOptions {
    port: u16,
    skip_build: bool,
    /// `--only`: one part of the run; both when `None`.
    only: Option<BenchPart>,
    /// `--load` and its own options.
    load: Option<LoadOptions>,
}

/// The parts of a `bench` run without `--load`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenchPart {
    /// The documents search, keystroke to painted results.
    Search,
    /// Lighthouse on the app's pages and their static copies.
    Lighthouse,
}

impl BenchPart {
    fn parse(name: &str) -> Option<Self> {
        match name {
            "search" => Some(Self::Search),
            "lighthouse" => Some(Self::Lighthouse),
            _ => None,
        }
    }
}

impl BenchOptions {
    /// Reads `[--port N] [--skip-build] [--only lighthouse|search]` or `--load [--port N]
    /// [--seconds N] [--citizens N] [--database sqlite|postgres] [--instances N]`.
    pub fn parse(args: &[String]) -> Result<Self, XtaskError> {
        // Away from `serve` (8080), the e2e suites (8181–8183) and api-check (8292), which
        // may be running.
        let load = args.iter().any(|a| a == "--load");
        let mut port = if load { 8293 } else { 8291 };
        let mut skip_build = false;
        let mut only = None;
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
                "--only" if !load => {
                    let part = args.next().and_then(|name| BenchPart::parse(name));
                    only = Some(part.ok_or_else(|| {
                        XtaskError::Usage("--only takes lighthouse or search".to_owned())
                    })?);
                }
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
            only,
            load: load.then_some(loading),
        })
    }
}

/// Builds the app and the release server, then runs the parts asked for, each against
/// servers of its own with fresh demo data, stopped whatever happened. With `--load`, builds
/// the server only and runs the load bench.
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
    let runs = |part| options.only.is_none_or(|only| only == part);
    if runs(BenchPart::Search) {
        search(root, options.port)?;
    }
    if runs(BenchPart::Lighthouse) {
        lighthouse::measure(root, options.port)?;
    }
    Ok(())
}

/// `e2e/bench/documents-search.mjs` against a server of its own, serving `dist/`.
fn search(root: &Path, port: u16) -> Result<(), XtaskError> {
    let server = start_server(root, &root.join("dist"), port)?;
    let result = run(
        "keystroke to painted results, 10,000 documents (Chromium)",
        node_script(root, "bench/documents-search.mjs").arg(server.url()),
    );
    drop(server);
    result
}

/// The release server on `port`, serving the app in `dist`, with fresh demo data, no
/// simulated national-database delay, and sign-in limits that the scripts' own sign-ins do
/// not reach.
fn start_server(root: &Path, dist: &Path, port: u16) -> Result<ThrowawayServer, XtaskError> {
    ThrowawayServer::start(
        root,
        &release_binary(root),
        dist,
        port,
        BENCH_OPERATOR_TOKEN,
        &[
            "--national-db-latency-ms",
            "0",
            "--sign-in-attempts-per-ip",
            "10000",
        ],
    )
}

/// `node <script>` in e2e/, with what the scripts need to sign in and to keep Playwright from
/// downloading a browser.
fn node_script(root: &Path, script: &str) -> Command {
    let mut cmd = command(root, "node", &root.join("e2e"));
    cmd.arg(script)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .env("PORTAL_OPERATOR_TOKEN", BENCH_OPERATOR_TOKEN);
    cmd
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<BenchOptions, XtaskError> {
        BenchOptions::parse(&args.iter().map(|&a| a.to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn runs_both_parts_unless_told_one() {
        assert_eq!(parse(&[]).unwrap().only, None);
        let lighthouse = parse(&["--skip-build", "--only", "lighthouse"]).unwrap();
        assert_eq!(lighthouse.only, Some(BenchPart::Lighthouse));
        assert!(lighthouse.skip_build);
        assert_eq!(
            parse(&["--only", "search"]).unwrap().only,
            Some(BenchPart::Search)
        );
    }

    #[test]
    fn only_names_a_part_and_is_not_for_the_load_bench() {
        assert!(matches!(parse(&["--only"]), Err(XtaskError::Usage(_))));
        assert!(matches!(
            parse(&["--only", "sizes"]),
            Err(XtaskError::Usage(_))
        ));
        assert!(matches!(
            parse(&["--load", "--only", "search"]),
            Err(XtaskError::Usage(_))
        ));
    }
}
