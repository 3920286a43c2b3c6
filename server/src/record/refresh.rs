//! Refreshing a record from the national database, as a job the citizen can leave and come
//! back to, on whichever server instance they reach.
//!
//! A refresh runs on its own task, so a slow national database holds no request open and a
//! citizen who closes the page does not cancel it. There is at most one job per citizen, kept
//! in the database ([`refresh_store`]) so every instance sharing it agrees: a second click
//! while one runs joins it, on this instance or another, and a new one may start only
//! [`REFRESH_INTERVAL_SECONDS`] after the last began.

use std::time::Duration;

use portal_api::record::PopulationRecord;
use portal_api::record_sync::{
    AccessActor, REFRESH_INTERVAL_SECONDS, RecordView, RefreshState, RefreshStatus,
};
use portal_api::{ErrorCode, PersonalId};

use super::access_log::{self, Access};
use super::refresh_store;
use super::{diff, store};
use crate::auth::clock::{rfc3339, seconds};
use crate::db::{Database, DbError};
use crate::national_db::NationalDbError;
use crate::state::AppState;

/// How long a request waits for its refresh before answering "still running".
const WAIT_FOR_RESULT: Duration = Duration::from_secs(2);

/// How often a waiting request looks at the job's row. The job may run on another instance,
/// so there is nothing to be woken by; a tenth of a second is quick next to the national
/// database and a handful of small reads per click.
const LOOK_EVERY: Duration = Duration::from_millis(100);

/// Why a refresh could not start.
#[derive(Debug)]
pub enum StartError {
    /// The last one began less than the interval ago; seconds to wait.
    TooSoon(u32),
    /// The job's row could not be read or written.
    Database(DbError),
}

impl From<DbError> for StartError {
    fn from(error: DbError) -> Self {
        Self::Database(error)
    }
}

/// What claiming the job's row decided.
enum Claim {
    /// This instance runs the job that started then.
    Started(i64),
    /// Another job holds the row: running (to join) or finished too recently.
    Found {
        /// When it started.
        started_at: i64,
        /// Whether it still runs.
        running: bool,
    },
}

/// Starts a refresh, or joins the one running, and waits briefly for its result.
pub async fn start_or_join(
    state: &AppState,
    personal_id: &str,
) -> Result<RefreshStatus, StartError> {
    let now = state.clock.now();
    let running = RefreshStatus {
        state: RefreshState::Running,
        started_at: rfc3339(now),
        changes: Vec::new(),
        error: None,
        view: None,
    };
    let id = personal_id.to_owned();
    let claim = state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            let claim = match refresh_store::claim(&tx, &id, now, &running)? {
                Some(started_at) => Claim::Started(started_at),
                None => {
                    let job = refresh_store::current(&tx, &id)?.ok_or(DbError::NoRows)?;
                    Claim::Found {
                        started_at: job.started_at,
                        running: job.status.state == RefreshState::Running,
                    }
                }
            };
            tx.commit()?;
            Ok(claim)
        })
        .await?;
    match claim {
        Claim::Started(started_at) => {
            tokio::spawn(run(state.clone(), personal_id.to_owned(), started_at));
        }
        Claim::Found { running: true, .. } => {}
        Claim::Found { started_at, .. } => {
            let wait = started_at + i64::from(REFRESH_INTERVAL_SECONDS) - now;
            return Err(StartError::TooSoon(seconds(wait).max(1)));
        }
    }
    Ok(wait_for_result(&state.db, personal_id).await?)
}

/// The job's status once it finished, or as it stands after [`WAIT_FOR_RESULT`].
async fn wait_for_result(db: &Database, personal_id: &str) -> Result<RefreshStatus, DbError> {
    let deadline = tokio::time::Instant::now() + WAIT_FOR_RESULT;
    loop {
        let id = personal_id.to_owned();
        let job = db
            .read(move |c| refresh_store::current(c, &id))
            .await?
            .ok_or(DbError::NoRows)?;
        if job.status.state != RefreshState::Running || tokio::time::Instant::now() >= deadline {
            return Ok(job.status);
        }
        tokio::time::sleep(LOOK_EVERY).await;
    }
}

/// The job: ask the national database, store what it says, log the read, report.
async fn run(state: AppState, personal_id: String, started_at: i64) {
    let fetched = match PersonalId::parse(&personal_id) {
        Ok(id) => state.national.fetch_record(&id).await,
        Err(_) => Err(NationalDbError::NotFound),
    };
    let stored = match fetched {
        Ok(fresh) => match save(&state, &personal_id, started_at, fresh).await {
            Err(error) => {
                tracing::error!(%error, "storing a refreshed record failed");
                fail(&state, &personal_id, started_at, ErrorCode::Internal).await
            }
            saved => saved,
        },
        Err(NationalDbError::NotFound) => {
            fail(&state, &personal_id, started_at, ErrorCode::CitizenNotFound).await
        }
        Err(NationalDbError::Unavailable) => {
            fail(&state, &personal_id, started_at, ErrorCode::Unavailable).await
        }
    };
    match stored {
        Ok(true) => {}
        Ok(false) => {
            tracing::warn!("a refresh finished after another took its place; it stored nothing")
        }
        Err(error) => tracing::error!(
            %error,
            "a refresh's outcome could not be stored; it shows as running until it goes stale"
        ),
    }
}

/// Stores the fresh record, its read in the access log and the job's result in one
/// transaction; `false` (storing nothing) when another job has taken this one's place.
async fn save(
    state: &AppState,
    personal_id: &str,
    started_at: i64,
    fresh: PopulationRecord,
) -> Result<bool, DbError> {
    let now = state.clock.now();
    let id = personal_id.to_owned();
    state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            let (stored, _) = store::load(&tx, &id)?;
            let changes = diff::changes(&stored, &fresh);
            let synced_at = rfc3339(now);
            store::save(&tx, &fresh, &synced_at)?;
            let access = Access {
                personal_id: &id,
                actor: AccessActor::NationalSync,
                session: None,
                kiosk: None,
                what: "record_refresh",
                purpose: "refresh",
            };
            access_log::record(&tx, &access, now)?;
            let status = RefreshStatus {
                state: RefreshState::Done,
                started_at: rfc3339(started_at),
                changes,
                error: None,
                view: Some(RecordView {
                    record: fresh,
                    synced_at,
                    next_refresh_in_seconds: seconds(
                        started_at + i64::from(REFRESH_INTERVAL_SECONDS) - now,
                    ),
                }),
            };
            // Dropping the transaction rolls the record back: the job that took this one's
            // place stores its own, and a late, older answer must not overwrite it.
            if !refresh_store::finish(&tx, &id, started_at, &status, now)? {
                return Ok(false);
            }
            tx.commit()?;
            Ok(true)
        })
        .await
}

/// Stores that the job failed, and why; the stored record stays as it was.
async fn fail(
    state: &AppState,
    personal_id: &str,
    started_at: i64,
    error: ErrorCode,
) -> Result<bool, DbError> {
    let now = state.clock.now();
    let status = RefreshStatus {
        state: RefreshState::Failed,
        started_at: rfc3339(started_at),
        changes: Vec::new(),
        error: Some(error),
        view: None,
    };
    let id = personal_id.to_owned();
    state
        .db
        .write(move |c| refresh_store::finish(c, &id, started_at, &status, now))
        .await
}
