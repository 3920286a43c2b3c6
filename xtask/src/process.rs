//! Running the programs each step needs, with the project's tool path.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Output};

use crate::error::XtaskError;

/// A command that runs in `dir` with the project's tools first on `PATH`: the npm-installed
/// wasm-opt (Debian's is too old, see TOOLCHAIN.md) and cargo-installed Trunk and wasm-bindgen.
pub fn command(root: &Path, program: &str, dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir).env("PATH", tool_path(root));
    cmd
}

/// `PATH` with the project's tool folders in front.
pub fn tool_path(root: &Path) -> OsString {
    let mut dirs = vec![root.join("e2e/node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        dirs.push(Path::new(&home).join("bin"));
    } else if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".cargo/bin"));
    }
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

/// Runs a step to the end, its output going straight to the terminal.
pub fn run(step: &str, cmd: &mut Command) -> Result<(), XtaskError> {
    println!("\n==> {step}");
    let status = cmd.status().map_err(|source| XtaskError::NotStarted {
        program: cmd.get_program().to_string_lossy().into_owned(),
        source,
    })?;
    if status.success() {
        Ok(())
    } else {
        Err(XtaskError::StepFailed {
            step: step.to_owned(),
            code: status.code(),
        })
    }
}

/// Runs a program quietly and returns its output, or `None` if it cannot start (not installed).
pub fn probe(cmd: &mut Command) -> Option<Output> {
    cmd.output().ok()
}
