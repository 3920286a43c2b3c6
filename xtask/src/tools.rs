//! Installs what the commands need when it is missing, and does nothing when it is there.
//!
//! Every tool comes from a package registry (crates.io, npm, Debian), because the machines
//! reach nothing else: no tool may download a binary of its own (see TOOLCHAIN.md).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use crate::error::XtaskError;
use crate::process::{command, probe, run};

/// The Trunk release that builds with this project's Rust (0.22 needs a newer rustc).
const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian's Chromium: the one browser the tests and the bench drive (none may download its own).
pub const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Everything `cargo xtask test` needs.
pub fn ensure_all(root: &Path) -> Result<(), XtaskError> {
    ensure_for_build(root)?;
    ensure_chromium()?;
    ensure_schemathesis(root).map(|_| ())
}

/// What building the app needs: the wasm target, Trunk, wasm-bindgen-cli, and the npm
/// packages (wasm-opt comes from npm's binaryen).
pub fn ensure_for_build(root: &Path) -> Result<(), XtaskError> {
    ensure_wasm_target(root)?;
    ensure_cargo_tool(root, "trunk", "trunk", TRUNK_VERSION, &["--locked"])?;
    let bindgen = wasm_bindgen_version(root)?;
    // Not --locked: its lockfile wants a webpki-roots release the registry does not have.
    ensure_cargo_tool(root, "wasm-bindgen", "wasm-bindgen-cli", &bindgen, &[])?;
    ensure_npm_packages(root)
}

fn ensure_wasm_target(root: &Path) -> Result<(), XtaskError> {
    let installed = probe(command(root, "rustup", root).args(["target", "list", "--installed"]))
        .is_some_and(|out| {
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .any(|l| l.trim() == WASM_TARGET)
        });
    if installed {
        return Ok(());
    }
    run(
        "install the wasm32 target",
        command(root, "rustup", root).args(["target", "add", WASM_TARGET]),
    )
}

/// Installs `package` at exactly `version` unless `binary --version` already says so.
fn ensure_cargo_tool(
    root: &Path,
    binary: &str,
    package: &str,
    version: &str,
    extra: &[&str],
) -> Result<(), XtaskError> {
    let current = probe(command(root, binary, root).arg("--version"))
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    if current.split_whitespace().nth(1) == Some(version) {
        return Ok(());
    }
    let mut cmd = command(root, "cargo", root);
    cmd.args(["install", package, "--version", version, "--force"])
        .args(extra);
    run(
        &format!("install {package} {version} (a few minutes, once)"),
        &mut cmd,
    )
}

/// The wasm-bindgen version Cargo.lock resolves: the CLI must be exactly that one.
pub fn wasm_bindgen_version(root: &Path) -> Result<String, XtaskError> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(XtaskError::io("reading Cargo.lock"))?;
    locked_version(&lock, "wasm-bindgen").ok_or_else(|| {
        XtaskError::CheckFailed("Cargo.lock names no wasm-bindgen package".to_owned())
    })
}

/// Finds `version = "…"` right after `name = "<package>"` in a Cargo.lock.
fn locked_version(lock: &str, package: &str) -> Option<String> {
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name_line {
            let version = lines
                .next()?
                .trim()
                .strip_prefix("version = \"")?
                .strip_suffix('"')?;
            return Some(version.to_owned());
        }
    }
    None
}

fn ensure_chromium() -> Result<(), XtaskError> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    let is_root =
        probe(Command::new("id").arg("-u")).is_some_and(|out| out.stdout.trim_ascii() == b"0");
    if !is_root {
        return Err(XtaskError::MissingTool(
            "Chromium is missing: run `sudo apt-get update && sudo apt-get install -y chromium chromium-driver`".to_owned(),
        ));
    }
    run(
        "apt-get update",
        Command::new("apt-get").args(["update", "-q"]),
    )?;
    run(
        "install Debian's Chromium",
        Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args([
                "install",
                "-y",
                "-q",
                "chromium",
                "chromium-driver",
                "fonts-dejavu-core",
            ]),
    )
}

/// `npm ci` in e2e/ when node_modules is missing or older than the lockfile. Playwright must
/// not download a browser of its own: it drives Debian's Chromium.
fn ensure_npm_packages(root: &Path) -> Result<(), XtaskError> {
    let e2e = root.join("e2e");
    let lock = modified(&e2e.join("package-lock.json"));
    let installed = modified(&e2e.join("node_modules/.package-lock.json"));
    if installed.is_some() && installed >= lock {
        return Ok(());
    }
    run(
        "npm ci (Playwright, axe-core, binaryen's wasm-opt, terser, Redocly, Lighthouse)",
        command(root, "npm", &e2e)
            .args(["ci", "--no-audit", "--no-fund"])
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )
}

/// The pinned schemathesis (`xtask/schemathesis/requirements.txt`, from PyPI) in a virtual
/// environment of its own under the target folder; installed when missing or when the pins
/// changed since. Returns the environment's `bin` folder.
pub fn ensure_schemathesis(root: &Path) -> Result<PathBuf, XtaskError> {
    let requirements = root.join("xtask/schemathesis/requirements.txt");
    let venv = target_dir(root).join("schemathesis");
    let bin = venv.join("bin");
    let stamp = venv.join("installed-requirements.txt");
    let wanted = std::fs::read_to_string(&requirements).map_err(XtaskError::io(
        "reading xtask/schemathesis/requirements.txt",
    ))?;
    if std::fs::read_to_string(&stamp).is_ok_and(|done| done == wanted) {
        return Ok(bin);
    }
    run(
        "make a Python environment for schemathesis",
        command(root, "python3", root)
            .arg("-m")
            .arg("venv")
            .arg(&venv),
    )?;
    run(
        "install schemathesis from PyPI (pinned, once)",
        command(root, &bin.join("pip").to_string_lossy(), root)
            .args(["install", "--quiet", "--disable-pip-version-check", "-r"])
            .arg(&requirements),
    )?;
    std::fs::write(&stamp, wanted).map_err(XtaskError::io("writing the install stamp"))?;
    Ok(bin)
}

/// The Cargo target folder: `CARGO_TARGET_DIR`, or `target/` in the workspace.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_locked_version_of_a_package() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n\n\
                    [[package]]\nname = \"wasm-bindgen-futures\"\nversion = \"0.4.53\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            locked_version(lock, "wasm-bindgen-futures").as_deref(),
            Some("0.4.53")
        );
        assert_eq!(locked_version(lock, "trunk"), None);
    }
}
