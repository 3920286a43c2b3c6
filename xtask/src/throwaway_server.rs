//! The reference backend on its own port and its own throwaway database, with fresh demo data,
//! as the bench and the API conformance run start it; stopped, and its database removed, when
//! dropped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::XtaskError;

/// A running server. The caller waits for it with [`ThrowawayServer::wait_until_up`].
pub struct ThrowawayServer {
    child: Child,
    /// The SQLite file it made, removed when it stops; `None` for a shared database.
    database: Option<PathBuf>,
    port: u16,
}

/// Which database a server runs on.
#[derive(Debug, Clone, Copy)]
pub enum ServerDatabase<'a> {
    /// An SQLite file of its own in the system's temporary folder, seeded afresh.
    OwnFile,
    /// A PostgreSQL database that other instances may share, by its URL. Only the first
    /// instance `reset`s and seeds it; the others find it seeded.
    Shared { url: &'a str, reset: bool },
}

impl ThrowawayServer {
    /// Starts `binary` on `port` with `--demo --reset` on a database of its own in the system's
    /// temporary folder, serving the app in `dist`, the SMS outbox on behind `operator_token`,
    /// and `extra` arguments.
    pub fn start(
        root: &Path,
        binary: &Path,
        dist: &Path,
        port: u16,
        operator_token: &str,
        extra: &[&str],
    ) -> Result<Self, XtaskError> {
        let on = ServerDatabase::OwnFile;
        Self::start_on(root, binary, dist, port, operator_token, on, extra)
    }

    /// As [`Self::start`], on the database `on`.
    pub fn start_on(
        root: &Path,
        binary: &Path,
        dist: &Path,
        port: u16,
        operator_token: &str,
        on: ServerDatabase<'_>,
        extra: &[&str],
    ) -> Result<Self, XtaskError> {
        // A server left on the port would answer instead of ours, with data of its own.
        TcpListener::bind(("127.0.0.1", port)).map_err(XtaskError::io(format!(
            "port {port} is taken (choose another with --port)"
        )))?;
        let (database, location, reset) = match on {
            ServerDatabase::OwnFile => {
                let file = std::env::temp_dir()
                    .join(format!("portal-{port}-{}.sqlite3", std::process::id()));
                let location = file.clone().into_os_string();
                (Some(file), location, true)
            }
            ServerDatabase::Shared { url, reset } => (None, url.into(), reset),
        };
        let child = Command::new(binary)
            .current_dir(root)
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .arg("--dist")
            .arg(dist)
            .arg("--database")
            .arg(location)
            .args(["--demo", "--dev-sms-outbox"])
            .args(reset.then_some("--reset"))
            .args(["--operator-token", operator_token])
            .args(extra)
            // It prints each SMS it sends: the callers read the code from the outbox instead.
            .stdout(Stdio::null())
            .spawn()
            .map_err(|source| XtaskError::NotStarted {
                program: binary.to_string_lossy().into_owned(),
                source,
            })?;
        Ok(Self {
            child,
            database,
            port,
        })
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Waits until the server accepts connections (seeding the demo data takes a while in a
    /// debug build), or fails if it exits first or takes more than two minutes.
    pub fn wait_until_up(&mut self) -> Result<(), XtaskError> {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(120) {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(XtaskError::CheckFailed(format!(
                    "the reference backend exited at start-up ({status})"
                )));
            }
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Err(XtaskError::CheckFailed(
            "the reference backend did not start within two minutes".to_owned(),
        ))
    }
}

impl Drop for ThrowawayServer {
    fn drop(&mut self) {
        // Already gone is fine: there is nothing left to stop.
        let _ = self.child.kill();
        let _ = self.child.wait();
        let Some(database) = &self.database else {
            return;
        };
        for suffix in ["", "-wal", "-shm"] {
            let mut path = database.clone().into_os_string();
            path.push(suffix);
            // A file that was never made is fine; the folder is the system's temporary one.
            let _ = std::fs::remove_file(path);
        }
    }
}
