//! A throwaway PostgreSQL cluster: `initdb` on a temporary folder, `pg_ctl start` on a free
//! port of 127.0.0.1, stopped and deleted when dropped. The server tests and the load bench
//! run against it; nothing outside the folder is touched.
//!
//! PostgreSQL refuses to run as root. Where this runs as root (CI does), the cluster runs as
//! the `postgres` user that Debian's package creates.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::XtaskError;
use crate::process::{probe, run};

/// A running cluster; every database on it is reached at [`ThrowawayPostgres::url`].
pub struct ThrowawayPostgres {
    bin: PathBuf,
    data: PathBuf,
    folder: PathBuf,
    port: u16,
    as_user: Option<&'static str>,
}

impl ThrowawayPostgres {
    /// Installs Debian's `postgresql` where it is missing, then starts a new cluster.
    pub fn start() -> Result<Self, XtaskError> {
        let bin = ensure_installed()?;
        let as_user = is_root().then_some("postgres");
        let folder = std::env::temp_dir().join(format!("portal-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder)
            .map_err(XtaskError::io(format!("create {}", folder.display())))?;
        if let Some(user) = as_user {
            run(
                "hand the cluster's folder to the postgres user",
                Command::new("chown").arg(user).arg(&folder),
            )?;
        }
        let data = folder.join("data");
        let port = free_port()?;
        let cluster = Self {
            bin,
            data,
            folder,
            port,
            as_user,
        };
        // Trust on 127.0.0.1 only: the cluster lives for one run and listens nowhere else.
        run(
            "initdb (throwaway PostgreSQL cluster)",
            cluster
                .tool("initdb")
                .args(["-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"])
                .arg("-D")
                .arg(&cluster.data),
        )?;
        // Nothing needs to survive a crash, so nothing is synced, and the WAL is kept small
        // (the server tests' 150-odd databases peaked at 2.8 GB of disk with the default 1 GB).
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=400 \
             -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
             -c max_wal_size=128MB -c min_wal_size=32MB",
            cluster.folder.display()
        );
        run(
            &format!("start PostgreSQL on 127.0.0.1:{port}"),
            cluster
                .tool("pg_ctl")
                .arg("-D")
                .arg(&cluster.data)
                .args(["-o", &options, "-w", "-l"])
                .arg(cluster.folder.join("server.log"))
                .arg("start"),
        )?;
        Ok(cluster)
    }

    /// The cluster's URL without a database name, e.g. `postgres://postgres@127.0.0.1:54321`.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}", self.port)
    }

    /// A command running one of PostgreSQL's programs as the cluster's user.
    fn tool(&self, name: &str) -> Command {
        let program = self.bin.join(name);
        match self.as_user {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(program);
                command
            }
            None => Command::new(program),
        }
    }
}

impl Drop for ThrowawayPostgres {
    fn drop(&mut self) {
        let _ = self
            .tool("pg_ctl")
            .arg("-D")
            .arg(&self.data)
            .args(["-m", "immediate", "stop"])
            .output();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

fn is_root() -> bool {
    probe(Command::new("id").arg("-u")).is_some_and(|out| out.stdout.trim_ascii() == b"0")
}

/// The newest installed PostgreSQL's programs folder, installing Debian's package first when
/// there is none.
fn ensure_installed() -> Result<PathBuf, XtaskError> {
    if let Some(bin) = installed() {
        return Ok(bin);
    }
    if !is_root() {
        return Err(XtaskError::MissingTool(
            "PostgreSQL is missing: run `sudo apt-get update && sudo apt-get install -y postgresql`"
                .to_owned(),
        ));
    }
    run(
        "apt-get update",
        Command::new("apt-get").args(["update", "-q"]),
    )?;
    run(
        "install Debian's PostgreSQL",
        Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "-q", "postgresql"]),
    )?;
    installed().ok_or_else(|| {
        XtaskError::MissingTool("PostgreSQL was installed but initdb is not found".to_owned())
    })
}

fn installed() -> Option<PathBuf> {
    let versions = std::fs::read_dir("/usr/lib/postgresql").ok()?;
    let mut bins: Vec<(u32, PathBuf)> = versions
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            Path::new(&bin.join("initdb"))
                .is_file()
                .then_some((version, bin))
        })
        .collect();
    bins.sort();
    bins.pop().map(|(_, bin)| bin)
}

fn free_port() -> Result<u16, XtaskError> {
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .map_err(XtaskError::io("find a free port for PostgreSQL".to_owned()))?;
    listener
        .local_addr()
        .map(|address| address.port())
        .map_err(XtaskError::io("find a free port for PostgreSQL".to_owned()))
}
