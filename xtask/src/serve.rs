//! `cargo xtask serve`: the portal with its reference backend and demo data, on one machine.

use std::path::{Path, PathBuf};

use crate::error::XtaskError;
use crate::process::{command, run};
use crate::{app_build, sizes, tools};

/// What `serve` was asked for.
pub struct ServeOptions {
    port: u16,
    reset: bool,
    kiosk: bool,
    skip_build: bool,
    server_args: Vec<String>,
}

impl ServeOptions {
    /// Reads `[--port N] [--reset] [--kiosk] [--skip-build] [-- SERVER ARGS]`.
    pub fn parse(args: &[String]) -> Result<Self, XtaskError> {
        let mut options = Self {
            port: 8080,
            reset: false,
            kiosk: false,
            skip_build: false,
            server_args: Vec::new(),
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--port" => {
                    options.port = args.next().and_then(|p| p.parse().ok()).ok_or_else(|| {
                        XtaskError::Usage("--port takes a port number".to_owned())
                    })?;
                }
                "--reset" => options.reset = true,
                "--kiosk" => options.kiosk = true,
                "--skip-build" => options.skip_build = true,
                "--" => options.server_args.extend(args.by_ref().cloned()),
                other => {
                    return Err(XtaskError::Usage(format!(
                        "serve: unknown option `{other}`"
                    )));
                }
            }
        }
        Ok(options)
    }
}

/// Builds the app in release, then runs the server in the foreground until Ctrl-C.
pub fn serve(root: &Path, options: &ServeOptions) -> Result<(), XtaskError> {
    if !options.skip_build {
        tools::ensure_for_build(root)?;
        app_build::build_release(root)?;
        sizes::report(root)?;
    }
    run(
        "build the reference backend",
        command(root, "cargo", root).args(["build", "--package", "portal-server"]),
    )?;

    let mut server = command(root, &server_binary(root).to_string_lossy(), root);
    server
        .args(["--listen", &format!("127.0.0.1:{}", options.port)])
        .args(["--dist", "dist", "--database", "data/portal.sqlite3"])
        // Demo citizens with a published password: never a real deployment's default.
        .arg("--demo")
        // A demo on one machine has no phone to receive the sign-in code: the simulated SMS
        // gateway prints each message and the outbox endpoint shows it.
        .arg("--dev-sms-outbox")
        // Share links texted to a demo citizen's phone (printed too) open on this machine.
        .args([
            "--public-url",
            &format!("http://127.0.0.1:{}", options.port),
        ])
        // So a demo can take a request all the way to a result or a refusal. The server makes
        // the operator credential these need and prints it.
        .arg("--operator-endpoint")
        // The demo CA vouches for the signed samples (server/fixtures); a real deployment
        // gives the national root CA's certificates instead.
        .arg("--trust-anchors")
        .arg(root.join("server/trust-anchors/demo"));
    if options.reset {
        server.arg("--reset");
    }
    if options.kiosk {
        server.arg("--kiosk");
    }
    server.args(&options.server_args);
    run("reference backend (Ctrl-C stops it)", &mut server)
}

/// The debug build of the server: the same one the tests build, so nothing is compiled twice.
pub fn server_binary(root: &Path) -> PathBuf {
    tools::target_dir(root).join("debug/portal-server")
}
