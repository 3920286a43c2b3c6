//! What can stop an xtask command.

use std::fmt;

/// Why a command stopped.
#[derive(Debug)]
pub enum XtaskError {
    /// The command line was not understood.
    Usage(String),
    /// A program the step ran exited with a failure.
    StepFailed {
        /// What was being done, e.g. "cargo clippy (wasm)".
        step: String,
        /// The exit code, if the program exited normally.
        code: Option<i32>,
    },
    /// A program could not be started at all.
    NotStarted {
        /// The program's name.
        program: String,
        /// Why it could not start.
        source: std::io::Error,
    },
    /// A file could not be read or written.
    Io {
        /// What was being read or written.
        what: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A check found something wrong (e.g. the size budget is exceeded).
    CheckFailed(String),
    /// A tool is missing and cannot be installed by this user.
    MissingTool(String),
}

impl fmt::Display for XtaskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Usage(text) => write!(f, "{text}"),
            Self::StepFailed {
                step,
                code: Some(code),
            } => write!(f, "{step} failed (exit code {code})"),
            Self::StepFailed { step, code: None } => write!(f, "{step} was stopped by a signal"),
            Self::NotStarted { program, source } => {
                write!(f, "could not start `{program}`: {source}")
            }
            Self::Io { what, source } => write!(f, "{what}: {source}"),
            Self::CheckFailed(text) => write!(f, "{text}"),
            Self::MissingTool(text) => write!(f, "{text}"),
        }
    }
}

impl std::error::Error for XtaskError {}

impl XtaskError {
    /// Wraps an I/O error with what was being done.
    pub fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> Self {
        let what = what.into();
        move |source| Self::Io { what, source }
    }
}
