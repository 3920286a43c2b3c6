//! Lighthouse in `cargo xtask bench`: the app's pages beside the same pages as static HTML,
//! served by one server in one run, so that the table says what the wasm costs the first load.
//!
//! Two servers in turn, because the server reads the built app once, at start-up: the first
//! serves `dist/` while `e2e/bench/static-pages.mjs` writes each page, as the app rendered it,
//! into a copy of `dist/`; the second serves that copy (the app and the static pages alike)
//! while `e2e/bench/lighthouse.mjs` measures both. No route of the server exists for the bench.

use std::fs;
use std::path::Path;

use super::{node_script, start_server};
use crate::error::XtaskError;
use crate::process::run;
use crate::tools::{self, CHROMIUM};
use crate::wasm_build::collect_files;

/// Captures the static pages, then runs Lighthouse on `port`; stops each server whatever
/// happened.
pub fn measure(root: &Path, port: u16) -> Result<(), XtaskError> {
    let dist = root.join("dist");
    // Under the target folder: rebuilt each run, never committed, never served by `serve`.
    let copy = tools::target_dir(root).join("bench-dist");
    copy_folder(&dist, &copy)?;

    let capturing = start_server(root, &dist, port)?;
    let captured = run(
        "the measured pages as static HTML, as the app rendered them (Chromium)",
        node_script(root, "bench/static-pages.mjs")
            .arg(capturing.url())
            .arg(&copy),
    );
    drop(capturing);
    captured?;

    let server = start_server(root, &copy, port)?;
    let measured = run(
        "Lighthouse, mobile preset: the app and its static pages (about 10 s a run)",
        node_script(root, "bench/lighthouse.mjs")
            .arg(server.url())
            // Lighthouse's launcher looks here, and fetches no browser of its own.
            .env("CHROME_PATH", CHROMIUM),
    );
    drop(server);
    measured
}

/// `to` as a fresh copy of `from`: what an earlier run left there is gone.
fn copy_folder(from: &Path, to: &Path) -> Result<(), XtaskError> {
    if to.exists() {
        fs::remove_dir_all(to).map_err(XtaskError::io(format!("removing {}", to.display())))?;
    }
    let mut files = Vec::new();
    collect_files(from, &mut files)?;
    for file in files {
        let inside = file.strip_prefix(from).map_err(|_| {
            XtaskError::CheckFailed(format!("{} is not in {}", file.display(), from.display()))
        })?;
        let target = to.join(inside);
        if let Some(folder) = target.parent() {
            fs::create_dir_all(folder)
                .map_err(XtaskError::io(format!("making {}", folder.display())))?;
        }
        fs::copy(&file, &target).map_err(XtaskError::io(format!("copying {}", file.display())))?;
    }
    Ok(())
}
