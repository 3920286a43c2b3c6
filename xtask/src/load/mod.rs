//! `cargo xtask bench --load`: many signed-in citizens against release servers on 127.0.0.1.
//!
//! For each setup (by default SQLite, PostgreSQL, and two instances on one PostgreSQL) it
//! prints throughput and p50/p99 of a record read, a documents search, a draft save, a file of
//! the app and the health check, alone and then beside one citizen's 20 searches of their
//! 10,000 documents (the noisy-neighbour ratio); then a mixed run of every citizen at once,
//! after which every draft is read back. It never fails on a time: only when it cannot run,
//! when a mixed run met errors, or when a draft save was lost or duplicated.

mod citizens;
mod endpoints;
mod http;
mod mixed;
mod report;
mod target;
mod timing;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use hyper::header::HeaderValue;

use crate::error::XtaskError;
use crate::postgres::ThrowawayPostgres;
use citizens::{Citizen, population_phone, sign_in, start_draft};
use endpoints::{Crowd, Endpoint};
use http::{Call, HttpClient};
use target::{Target, TargetPlan};
use timing::{Bounds, closed_loop};

/// What `bench --load` was asked for.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The first server's port.
    pub port: u16,
    /// Length of the mixed run.
    pub seconds: u64,
    /// Citizens signed in.
    pub citizens: usize,
    /// Servers started, citizens spread over them; `None`: one, and two on PostgreSQL.
    pub instances: Option<u16>,
    /// The engine; `None`: each in turn.
    pub engine: Option<Engine>,
}

/// The database the servers run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// An SQLite file for each server.
    Sqlite,
    /// One database of a throwaway PostgreSQL cluster, shared by every server.
    Postgres,
}

impl Engine {
    /// Reads `sqlite` or `postgres`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "sqlite" => Some(Self::Sqlite),
            "postgres" | "postgresql" => Some(Self::Postgres),
            _ => None,
        }
    }
}

/// One engine with a number of instances: what one part of the run measures.
#[derive(Debug, Clone, Copy)]
struct Setup {
    engine: Engine,
    instances: u16,
}

impl Setup {
    /// What was asked for, or by default the three setups the issue compares.
    fn all(options: &LoadOptions) -> Vec<Self> {
        let engines = match options.engine {
            Some(engine) => vec![engine],
            None => vec![Engine::Sqlite, Engine::Postgres],
        };
        let mut setups = Vec::new();
        for engine in engines {
            let counts = match (options.instances, engine) {
                (Some(n), _) => vec![n],
                (None, Engine::Sqlite) => vec![1],
                (None, Engine::Postgres) => vec![1, 2],
            };
            setups.extend(
                counts
                    .into_iter()
                    .map(|instances| Self { engine, instances }),
            );
        }
        setups
    }

    fn title(self) -> String {
        let servers = match self.instances {
            1 => "one server".to_owned(),
            n => format!("{n} servers"),
        };
        match (self.engine, self.instances) {
            (Engine::Sqlite, 1) => format!("SQLite, {servers}"),
            (Engine::Sqlite, _) => format!("SQLite, {servers}, each on its own file"),
            (Engine::Postgres, 1) => format!("PostgreSQL, {servers}"),
            (Engine::Postgres, _) => format!("PostgreSQL, {servers} on one database"),
        }
    }
}

/// The citizen with 10,000 documents, and the phone their codes go to.
const LARGE_STORE_CITIZEN: (&str, &str) = ("048078000777", "0935777888");
/// Their concurrent searches beside the measured calls.
const NOISY_SEARCHES: usize = 20;
/// Callers at once while one endpoint is timed.
const CALLERS: usize = 32;
/// No stretch sends more than this, however fast the server.
const MAX_REQUESTS: u64 = 2_000_000;
/// Sign-ins at once: each costs the server an argon2 hash.
const SIGN_INS_AT_ONCE: usize = 8;

/// For each setup, starts the servers, runs the three parts and says what they came to;
/// then fails if any setup's mixed run did.
pub fn run(
    root: &Path,
    binary: &Path,
    operator_token: &str,
    options: &LoadOptions,
) -> Result<(), XtaskError> {
    let setups = Setup::all(options);
    // One cluster for every PostgreSQL setup: each resets its database when it starts.
    let cluster = if setups.iter().any(|s| s.engine == Engine::Postgres) {
        println!("\n==> load: starting a throwaway PostgreSQL cluster");
        Some(ThrowawayPostgres::start()?)
    } else {
        None
    };
    let database = cluster.as_ref().map(|c| format!("{}/postgres", c.url()));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(XtaskError::io("starting the load bench's runtime"))?;
    let operator = HeaderValue::from_str(&format!("Bearer {operator_token}"))
        .map_err(|e| XtaskError::Usage(format!("the operator credential: {e}")))?;
    let mut faults = Vec::new();
    for setup in setups {
        println!("\n==> load: {}", setup.title());
        let plan = TargetPlan {
            binary,
            first_port: options.port,
            instances: setup.instances,
            population: options.citizens,
            operator_token,
            postgres: match setup.engine {
                Engine::Sqlite => None,
                Engine::Postgres => database.as_deref(),
            },
        };
        let target = Target::start(root, &plan)?;
        if let Some(note) = target.static_file_note() {
            println!("    note: {note}");
        }
        if let Err(fault) = runtime.block_on(measure(&target, options, &operator)) {
            println!("\n{}: {fault}", setup.title());
            faults.push(format!("{}: {fault}", setup.title()));
        }
    }
    if faults.is_empty() {
        Ok(())
    } else {
        Err(XtaskError::CheckFailed(faults.join("; ")))
    }
}

async fn measure(
    target: &Target,
    options: &LoadOptions,
    operator: &HeaderValue,
) -> Result<(), XtaskError> {
    let client = HttpClient::new();
    let urls = target.urls();
    println!("==> signing in {} citizens", options.citizens);
    let crowd = Crowd {
        citizens: Arc::new(sign_in_everyone(&client, &urls, options.citizens, operator).await?),
        client: client.clone(),
        urls: Arc::new(urls.clone()),
        static_path: Arc::from(target.static_path.as_str()),
    };
    let (id, phone) = LARGE_STORE_CITIZEN;
    let noisy_cookie = sign_in(&client, &urls[0], id, phone, operator)
        .await
        .map_err(|e| cannot_run(&format!("sign in as {id}"), &e))?;

    let stretch = Duration::from_secs((options.seconds / 5).clamp(2, 5));
    let bounds = Bounds {
        callers: CALLERS.min(options.citizens),
        time: stretch,
        requests: MAX_REQUESTS,
    };
    report::heading(&format!(
        "alone: {} callers, {} s each",
        bounds.callers,
        stretch.as_secs()
    ));
    let mut alone = Vec::new();
    for endpoint in Endpoint::ALL {
        let summary = crowd.measure(endpoint, bounds).await;
        report::line(&crowd.label(endpoint), &summary);
        alone.push((endpoint, summary));
    }

    report::heading(&format!(
        "beside one citizen's {NOISY_SEARCHES} concurrent searches of their 10,000 documents"
    ));
    let noisy = spawn_noisy_neighbour(&client, &urls[0], noisy_cookie, stretch * 5);
    // Let the neighbour's searches get going before anything is timed.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut beside = Vec::new();
    for endpoint in Endpoint::ALL {
        let summary = crowd.measure(endpoint, bounds).await;
        report::line(&crowd.label(endpoint), &summary);
        beside.push((endpoint, summary));
    }
    match noisy.await {
        Ok(summary) => report::line("  the neighbour's own searches", &summary),
        Err(error) => println!("  the neighbour's searches failed: {error}"),
    }
    report::ratio(&alone, &beside, Endpoint::Record);

    let time = Duration::from_secs(options.seconds);
    report::heading(&format!(
        "mixed: {} citizens at once for {} s (reads, searches, draft saves)",
        options.citizens, options.seconds
    ));
    let summary = mixed::run(&crowd, time, MAX_REQUESTS).await;
    report::line("every call", &summary);
    let check = mixed::check_drafts(&crowd).await;
    report::drafts(&check);
    report::verdict(&summary, &check)
}

/// Signs in synthetic citizens `0..count`, spread over the servers, a few at a time, and
/// starts a draft for each.
async fn sign_in_everyone(
    client: &HttpClient,
    urls: &[String],
    count: usize,
    operator: &HeaderValue,
) -> Result<Vec<Citizen>, XtaskError> {
    let mut citizens = Vec::with_capacity(count);
    let indices: Vec<usize> = (0..count).collect();
    for batch in indices.chunks(SIGN_INS_AT_ONCE) {
        let signing: Vec<_> = batch
            .iter()
            .map(|&n| {
                let (client, operator) = (client.clone(), operator.clone());
                let base = urls[n % urls.len()].clone();
                tokio::spawn(async move {
                    let phone = population_phone(n);
                    let cookie = sign_in(&client, &base, &phone, &phone, &operator).await?;
                    let draft = start_draft(&client, &base, &cookie).await?;
                    Ok::<_, http::ExchangeError>(Citizen {
                        base,
                        cookie,
                        draft: std::sync::Mutex::new(draft),
                    })
                })
            })
            .collect();
        for (signing, n) in signing.into_iter().zip(batch) {
            let what = format!("sign in synthetic citizen {n} and start a draft");
            match signing.await {
                Ok(Ok(citizen)) => citizens.push(citizen),
                Ok(Err(error)) => return Err(cannot_run(&what, &error)),
                Err(error) => return Err(XtaskError::CheckFailed(format!("{what}: {error}"))),
            }
        }
    }
    Ok(citizens)
}

/// One citizen searching their 10,000 documents from 20 tabs at once, for `time`.
fn spawn_noisy_neighbour(
    client: &HttpClient,
    base: &str,
    cookie: String,
    time: Duration,
) -> tokio::task::JoinHandle<timing::Summary> {
    const WORDS: [&str; 5] = ["giay", "bao+hiem+y+te", "xac+nhan+cu+tru", "2019", "ha+noi"];
    let bounds = Bounds {
        callers: NOISY_SEARCHES,
        time,
        requests: MAX_REQUESTS,
    };
    let (client, base, cookie) = (client.clone(), base.to_owned(), Arc::<str>::from(cookie));
    tokio::spawn(closed_loop(bounds, move |caller, n| {
        let (client, cookie) = (client.clone(), Arc::clone(&cookie));
        let turn = caller + usize::try_from(n).unwrap_or(0);
        let url = format!(
            "{base}/api/v1/documents?q={}&page={}",
            WORDS[turn % WORDS.len()],
            turn % 5 + 1
        );
        async move {
            let answer = client.send(Call::get(url).cookie(&cookie)).await?;
            answer.success().map(|_| ())
        }
    }))
}

fn cannot_run(what: &str, error: &http::ExchangeError) -> XtaskError {
    XtaskError::CheckFailed(format!("the load bench cannot run: {what}: {error}"))
}
