//! `cargo xtask test`: every check, in the order that fails fastest, each timed.

use std::path::Path;
use std::time::Instant;

use crate::error::XtaskError;
use crate::process::{command, run};
use crate::{api_conformance, app_build, serve, sizes, tools};

/// What `test` was asked for.
pub struct CheckOptions {
    e2e: bool,
}

impl CheckOptions {
    /// Reads `[--no-e2e]`.
    pub fn parse(args: &[String]) -> Result<Self, XtaskError> {
        let mut options = Self { e2e: true };
        for arg in args {
            match arg.as_str() {
                "--no-e2e" => options.e2e = false,
                other => return Err(XtaskError::Usage(format!("test: unknown option `{other}`"))),
            }
        }
        Ok(options)
    }
}

/// Runs every check; stops at the first that fails.
pub fn run_all(root: &Path, options: &CheckOptions) -> Result<(), XtaskError> {
    let started = Instant::now();
    let mut timings: Vec<(&str, f64)> = Vec::new();
    let mut timed = |name: &'static str, step: &mut dyn FnMut() -> Result<(), XtaskError>| {
        let t = Instant::now();
        let result = step();
        timings.push((name, t.elapsed().as_secs_f64()));
        result
    };

    timed("tools", &mut || tools::ensure_all(root))?;
    timed("fmt", &mut || {
        run(
            "cargo fmt --check",
            command(root, "cargo", root).args(["fmt", "--all", "--", "--check"]),
        )
    })?;
    timed("clippy (host)", &mut || {
        run(
            "cargo clippy (host)",
            command(root, "cargo", root).args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
        )
    })?;
    timed("clippy (wasm)", &mut || {
        run(
            "cargo clippy (wasm32)",
            command(root, "cargo", root).args([
                "clippy",
                "--package",
                "citizen-portal",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ]),
        )
    })?;
    timed("clippy (pre-renderer)", &mut || {
        run(
            "cargo clippy (the app built to render pages ahead of time)",
            command(root, "cargo", root).args(SSR_CLIPPY),
        )
    })?;
    timed("unit and server tests", &mut || {
        run(
            "cargo test (API crate, app logic, server, OpenAPI equality)",
            command(root, "cargo", root).args(WORKSPACE_TEST),
        )
    })?;
    timed("pre-rendered pages", &mut || {
        run(
            "cargo test (every public page renders ahead of time, in both languages)",
            command(root, "cargo", root).args([
                "test",
                "--package",
                "citizen-portal",
                "--no-default-features",
                "--features",
                "ssr",
            ]),
        )
    })?;
    timed("server tests on PostgreSQL", &mut || {
        server_tests_on_postgres(root)
    })?;
    timed("OpenAPI lint", &mut || {
        run(
            "redocly lint docs/openapi.yaml",
            command(root, "npx", &root.join("e2e"))
                .args([
                    "--no-install",
                    "redocly",
                    "lint",
                    "../docs/openapi.yaml",
                    "--config",
                    "redocly.yaml",
                ])
                .env("REDOCLY_TELEMETRY", "off")
                .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"),
        )
    })?;
    timed("release build and size budget", &mut || {
        app_build::build_release(root)?;
        sizes::check_budget(sizes::report(root)?)
    })?;
    timed("API conformance (schemathesis)", &mut || {
        build_server(root)?;
        api_conformance::check(root)
    })?;
    if options.e2e {
        timed("e2e (Playwright, Chromium)", &mut || e2e(root))?;
    }

    println!("\nstep timings:");
    for (name, seconds) in &timings {
        println!("  {name:<32} {seconds:>7.1} s");
    }
    println!(
        "all checks passed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if options.e2e {
        print_e2e_counts(root);
    }
    Ok(())
}

/// Playwright against the debug server, built for the API conformance step; the config starts
/// the servers it needs on their own ports with throwaway databases.
fn e2e(root: &Path) -> Result<(), XtaskError> {
    run(
        "playwright test",
        command(root, "npx", &root.join("e2e"))
            .args(["--no-install", "playwright", "test"])
            .env("PORTAL_SERVER_BIN", serve::server_binary(root))
            .env("PORTAL_DIST", root.join("dist")),
    )
}

/// The server's integration tests again, on PostgreSQL: each test's server on a new database
/// of a throwaway cluster (`tests/common`'s `PORTAL_TEST_POSTGRES`).
pub fn server_tests_on_postgres(root: &Path) -> Result<(), XtaskError> {
    let cluster = crate::postgres::ThrowawayPostgres::start()?;
    run(
        "cargo test (server integration tests, PostgreSQL)",
        command(root, "cargo", root)
            .args(WORKSPACE_TEST)
            .args(["--test", "*"])
            .env("PORTAL_TEST_POSTGRES", cluster.url()),
    )
}

/// The debug server that the API conformance run and the e2e suites start: the binary that
/// `cargo test --workspace` builds for the server's integration tests (target/debug/portal-server),
/// so after the test step this compiles nothing.
pub fn build_server(root: &Path) -> Result<(), XtaskError> {
    run(
        "build the reference backend",
        command(root, "cargo", root)
            .args(WORKSPACE_TEST)
            .arg("--no-run"),
    )
}

/// Every cargo test run of the checks selects the same packages, so cargo resolves the same
/// features and builds the dependencies once. `--package portal-server` alone, or a
/// `cargo build`, resolves others (xtask's hyper client features, the test-only
/// dependencies' features) and built the server and its 200-odd crates again: a second and
/// third copy of them, about 5 GB of debug builds and five minutes of a CI run, which once
/// filled a CI machine's disk.
const WORKSPACE_TEST: &[&str] = &["test", "--workspace"];

/// One closing line with the e2e counts, read from Playwright's JSON report.
fn print_e2e_counts(root: &Path) {
    let Ok(text) = std::fs::read_to_string(root.join("e2e/test-results/results.json")) else {
        return;
    };
    let Ok(report) = serde_json::from_str::<serde_json::Value>(&text) else {
        return;
    };
    let count = |key: &str| report["stats"][key].as_u64().unwrap_or(0);
    let failed = count("unexpected") + count("flaky");
    println!(
        "e2e: {} passed, {} failed, {} skipped",
        count("expected"),
        failed,
        count("skipped")
    );
}

/// Clippy on the app as the pre-renderer builds it (`--features ssr`, natively): code that
/// only that build compiles is checked too.
const SSR_CLIPPY: &[&str] = &[
    "clippy",
    "--package",
    "citizen-portal",
    "--no-default-features",
    "--features",
    "ssr",
    "--all-targets",
    "--",
    "-D",
    "warnings",
];
