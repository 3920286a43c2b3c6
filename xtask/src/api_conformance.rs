//! The API against its document: schemathesis (pinned, from PyPI) runs every phase (examples,
//! coverage, fuzzing, stateful) and every check against the debug server, signed in as a
//! demo citizen, and fails on any answer the document does not allow, or any request the
//! document allows that the server refuses.

use std::path::Path;

use crate::error::XtaskError;
use crate::process::{command, run};
use crate::throwaway_server::ThrowawayServer;
use crate::{serve, tools};

/// Away from `serve` (8080), the e2e suites (8181–8183) and the bench (8291).
const PORT: u16 = 8292;
/// The credential of this run's own throwaway server: the hooks read sign-in codes from its
/// development SMS outbox.
const OPERATOR_TOKEN: &str = "schemathesis-operator-credential";

/// Starts a throwaway server and runs schemathesis against `docs/openapi.yaml` on it.
pub fn check(root: &Path) -> Result<(), XtaskError> {
    let bin = tools::ensure_schemathesis(root)?;
    let trust_anchors = root.join("server/trust-anchors/demo");
    let mut server = ThrowawayServer::start(
        root,
        &serve::server_binary(root),
        &root.join("dist"),
        PORT,
        OPERATOR_TOKEN,
        &[
            "--operator-endpoint",
            "--national-db-latency-ms",
            "0",
            "--request-pace-seconds",
            "0",
            // The run signs in again whenever one of its own cases signed it out, and sends
            // thousands of requests from one address: the limits would only make it test 429.
            "--sign-in-attempts-per-ip",
            "1000000",
            "--sms-per-phone-per-hour",
            "1000000",
            "--sms-per-phone-per-day",
            "1000000",
            "--public-requests-per-ip",
            "1000000",
            // It also makes drafts and shares by the hundred for one citizen.
            "--searches-per-citizen",
            "1000000",
            "--record-refreshes-per-citizen-per-hour",
            "1000000",
            "--uploads-per-citizen-per-day",
            "1000000",
            "--open-drafts-per-citizen",
            "1000000",
            "--live-shares-per-citizen",
            "1000000",
            "--trust-anchors",
            &trust_anchors.to_string_lossy(),
        ],
    )?;
    server.wait_until_up()?;
    let config = root.join("xtask/schemathesis");
    let report = tools::target_dir(root).join("schemathesis-report");
    let result = run(
        "API conformance: schemathesis against docs/openapi.yaml, signed in",
        command(root, &bin.join("schemathesis").to_string_lossy(), &config)
            .arg("--config-file")
            .arg(config.join("schemathesis.toml"))
            .args(["run", "../../docs/openapi.yaml", "--url", &server.url()])
            .arg("--report-dir")
            .arg(&report)
            .env("SCHEMATHESIS_HOOKS", "hooks")
            .env("PYTHONPATH", &config)
            .env("PORTAL_URL", server.url())
            .env("PORTAL_OPERATOR_TOKEN", OPERATOR_TOKEN),
    );
    drop(server);
    result
}
