//! What the load bench sends to: release servers it starts itself on 127.0.0.1, each on its
//! own port, reached by their URLs: on SQLite each with a fresh file of its own, on
//! PostgreSQL all on one database, which the first resets and seeds. The bench talks only to
//! those URLs, so the engine and the number of instances change nothing but this file.

use std::path::{Path, PathBuf};

use crate::error::XtaskError;
use crate::throwaway_server::{ServerDatabase, ThrowawayServer};

/// The servers under test, stopped (and their databases removed) when dropped.
pub struct Target {
    servers: Vec<ThrowawayServer>,
    /// The app the servers serve, when the bench had to write a stand-in.
    stand_in: Option<PathBuf>,
    /// The file of the app the bench asks for, as a URL path.
    pub static_path: String,
}

/// How to start the servers.
pub struct TargetPlan<'a> {
    /// The release `portal-server`.
    pub binary: &'a Path,
    /// The first instance's port; the next ones follow it.
    pub first_port: u16,
    /// How many instances.
    pub instances: u16,
    /// Synthetic citizens each instance seeds.
    pub population: usize,
    /// The operator credential for the development SMS outbox.
    pub operator_token: &'a str,
    /// A PostgreSQL database for every instance to share, by URL; `None` for SQLite files.
    pub postgres: Option<&'a str>,
}

impl Target {
    /// Starts the servers and waits until each accepts connections.
    pub fn start(root: &Path, plan: &TargetPlan<'_>) -> Result<Self, XtaskError> {
        let built = root.join("dist");
        let (dist, stand_in) = if built.join("index.html").is_file() {
            (built, None)
        } else {
            let stand_in = write_stand_in_app()?;
            (stand_in.clone(), Some(stand_in))
        };
        let static_path = pick_static_file(&dist).unwrap_or_else(|| "/index.html".to_owned());
        let population = plan.population.to_string();
        let mut target = Self {
            servers: Vec::new(),
            stand_in,
            static_path,
        };
        for (i, port) in (0..plan.instances).map(|i| (i, plan.first_port + i)) {
            let on = match plan.postgres {
                None => ServerDatabase::OwnFile,
                Some(url) => ServerDatabase::Shared { url, reset: i == 0 },
            };
            let mut server = ThrowawayServer::start_on(
                root,
                plan.binary,
                &dist,
                port,
                plan.operator_token,
                on,
                &[
                    "--demo-population",
                    &population,
                    "--national-db-latency-ms",
                    "0",
                    "--request-pace-seconds",
                    "0",
                    // Every citizen signs in from 127.0.0.1.
                    "--sign-in-attempts-per-ip",
                    "1000000",
                ],
            )?;
            // One at a time: the next instance must find the shared database seeded.
            server.wait_until_up()?;
            target.servers.push(server);
        }
        Ok(target)
    }

    /// Each instance's base URL.
    pub fn urls(&self) -> Vec<String> {
        self.servers.iter().map(ThrowawayServer::url).collect()
    }

    /// Says, when it is so, that the static file is the stand-in's and not the real app's.
    pub fn static_file_note(&self) -> Option<String> {
        self.stand_in.as_ref().map(|dir| {
            format!(
                "dist/ holds no built app (`cargo xtask build` makes one): the static file is a \
                 1.8 KB JSON stand-in written to {}",
                dir.display()
            )
        })
    }
}

impl Drop for Target {
    fn drop(&mut self) {
        // Stop the servers before their files go.
        self.servers.clear();
        if let Some(dir) = &self.stand_in {
            // A stand-in already gone is fine: it lived in the system's temporary folder.
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// A hashed stylesheet or script at the top of `dist`, as a browser's first load asks for.
fn pick_static_file(dist: &Path) -> Option<String> {
    let mut names: Vec<String> = std::fs::read_dir(dist)
        .ok()?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    ["css", "js", "json"].iter().find_map(|extension| {
        names
            .iter()
            .find(|name| name.ends_with(&format!(".{extension}")))
            .map(|name| format!("/{name}"))
    })
}

/// A page and a 1.8 KB JSON file, for a worktree where the app is not built.
fn write_stand_in_app() -> Result<PathBuf, XtaskError> {
    let dir = std::env::temp_dir().join(format!("portal-load-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(XtaskError::io("creating the stand-in app"))?;
    let items: Vec<String> = (0..16)
        .map(|i| {
            format!(
                r#"{{"code":"KS-2020-{i:010}","name":"Giấy khai sinh","agency":"Ủy ban nhân dân cấp xã","year":{}}}"#,
                2000 + i
            )
        })
        .collect();
    let files = [
        (
            "index.html",
            "<!doctype html><title>Cổng dữ liệu dân cư</title><main></main>".to_owned(),
        ),
        (
            "catalogue.json",
            format!(r#"{{"items":[{}]}}"#, items.join(",")),
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).map_err(XtaskError::io("writing the stand-in app"))?;
    }
    Ok(dir)
}
