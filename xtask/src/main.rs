//! The project's commands, so that a fresh machine needs nothing but Rust, Node.js and root:
//!
//! - `cargo xtask serve [--port N] [--reset] [--kiosk]`: builds the app in release and runs the
//!   reference backend with demo data.
//! - `cargo xtask test [--no-e2e]`: every check CI runs.
//! - `cargo xtask build`: the release build of the app into `dist/`, compressed, with its sizes.
//! - `cargo xtask bench [--port N] [--skip-build] [--only lighthouse|search]`: keystroke to
//!   painted results in the documents search at 10,000 documents, in Chromium, and Lighthouse
//!   on five pages beside their static copies; it prints, and never fails on time.
//!   `cargo xtask bench --load [--seconds N] [--database sqlite|postgres] [--instances N]`: a
//!   few hundred signed-in citizens against release servers on SQLite, on PostgreSQL, and two
//!   on one PostgreSQL; fails only on errors or lost draft saves.
//! - `cargo xtask sizes`: the raw, gzip and brotli bytes of every asset in `dist/`.
//! - `cargo xtask openapi`: writes `docs/openapi.yaml` from the server's code.
//! - `cargo xtask api-check`: schemathesis against that document and the server (also a step
//!   of `test`).
//! - `cargo xtask setup`: installs whatever tool is missing, and nothing else.
//!
//! Each command installs what it needs first (see `tools.rs`) and is quick when all is there.

mod api_conformance;
mod app_build;
mod bench;
mod checks;
mod error;
mod load;
mod page_assets;
mod postgres;
mod process;
mod serve;
mod sizes;
mod throwaway_server;
mod tools;
mod wasm_build;

use std::path::PathBuf;
use std::process::ExitCode;

use error::XtaskError;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("\nxtask: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), XtaskError> {
    let root = project_root();
    let (command, rest) = args
        .split_first()
        .map_or(("help", &[][..]), |(c, r)| (c.as_str(), r));
    match command {
        "serve" => serve::serve(&root, &serve::ServeOptions::parse(rest)?),
        "test" => checks::run_all(&root, &checks::CheckOptions::parse(rest)?),
        "build" => {
            tools::ensure_for_build(&root)?;
            app_build::build_release(&root)?;
            sizes::report(&root).map(|_| ())
        }
        "bench" => bench::bench(&root, &bench::BenchOptions::parse(rest)?),
        "sizes" => sizes::report(&root).map(|_| ()),
        "openapi" => app_build::write_openapi(&root),
        "api-check" => {
            checks::build_server(&root)?;
            api_conformance::check(&root)
        }
        "postgres-tests" => checks::server_tests_on_postgres(&root),
        "setup" => tools::ensure_all(&root),
        "help" | "--help" | "-h" => {
            println!("{}", include_str!("usage.txt"));
            Ok(())
        }
        other => Err(XtaskError::Usage(format!(
            "unknown command `{other}`\n\n{}",
            include_str!("usage.txt")
        ))),
    }
}

/// The workspace root: xtask lives one folder below it.
fn project_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map_or(manifest.clone(), PathBuf::from)
}
