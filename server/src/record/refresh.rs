//! Refreshing a record from the national database, as a job the citizen can leave and come
//! back to.
//!
//! A refresh runs on its own task, so a slow national database holds no request open and a
//! citizen who closes the page does not cancel it. There is at most one job per citizen: a
//! second click while one runs joins it, and a new one may start only
//! [`REFRESH_INTERVAL_SECONDS`] after the last began.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use portal_api::record_sync::{
    AccessActor, REFRESH_INTERVAL_SECONDS, RecordView, RefreshState, RefreshStatus,
};
use portal_api::{ErrorCode, PersonalId};
use tokio::sync::watch;

use super::access_log::{self, Access};
use super::{diff, store};
use crate::auth::clock::{rfc3339, seconds};
use crate::national_db::NationalDbError;
use crate::state::AppState;

/// How long a request waits for its refresh before answering "still running".
const WAIT_FOR_RESULT: Duration = Duration::from_secs(2);

/// The latest refresh of each citizen.
#[derive(Clone, Default)]
pub struct RefreshJobs {
    jobs: Arc<Mutex<HashMap<String, Job>>>,
}

#[derive(Clone)]
struct Job {
    started_at: i64,
    status: watch::Receiver<RefreshStatus>,
}

/// Why a refresh could not start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartError {
    /// The last one began less than the interval ago; seconds to wait.
    TooSoon(u32),
}

impl RefreshJobs {
    /// Seconds until `personal_id` may start another refresh.
    pub fn next_in(&self, personal_id: &str, now: i64) -> u32 {
        self.jobs
            .lock()
            .ok()
            .and_then(|jobs| jobs.get(personal_id).map(|job| job.started_at))
            .map_or(0, |started| {
                seconds(started + i64::from(REFRESH_INTERVAL_SECONDS) - now)
            })
    }

    /// The latest refresh's status, if there was one since the server started.
    pub fn latest(&self, personal_id: &str) -> Option<RefreshStatus> {
        let jobs = self.jobs.lock().ok()?;
        jobs.get(personal_id).map(|job| job.status.borrow().clone())
    }

    /// Starts a refresh, or joins the one running, and waits briefly for its result.
    pub async fn start_or_join(
        &self,
        state: &AppState,
        personal_id: &str,
    ) -> Result<RefreshStatus, StartError> {
        let now = state.clock.now();
        let mut receiver = {
            let Ok(mut jobs) = self.jobs.lock() else {
                return Err(StartError::TooSoon(REFRESH_INTERVAL_SECONDS));
            };
            match jobs.get(personal_id) {
                Some(job) if job.status.borrow().state == RefreshState::Running => {
                    job.status.clone()
                }
                Some(job) if now < job.started_at + i64::from(REFRESH_INTERVAL_SECONDS) => {
                    return Err(StartError::TooSoon(seconds(
                        job.started_at + i64::from(REFRESH_INTERVAL_SECONDS) - now,
                    )));
                }
                _ => {
                    let (sender, receiver) = watch::channel(RefreshStatus {
                        state: RefreshState::Running,
                        started_at: rfc3339(now),
                        changes: Vec::new(),
                        error: None,
                        view: None,
                    });
                    jobs.insert(
                        personal_id.to_owned(),
                        Job {
                            started_at: now,
                            status: receiver.clone(),
                        },
                    );
                    tokio::spawn(run(state.clone(), personal_id.to_owned(), now, sender));
                    receiver
                }
            }
        };
        let finished = receiver.wait_for(|status| status.state != RefreshState::Running);
        let _ = tokio::time::timeout(WAIT_FOR_RESULT, finished).await;
        let status = receiver.borrow().clone();
        Ok(status)
    }
}

/// The job: ask the national database, store what it says, log the read, report.
async fn run(
    state: AppState,
    personal_id: String,
    started_at: i64,
    sender: watch::Sender<RefreshStatus>,
) {
    let mut status = sender.borrow().clone();
    let fetched = match PersonalId::parse(&personal_id) {
        Ok(id) => state.national.fetch_record(&id).await,
        Err(_) => Err(NationalDbError::NotFound),
    };
    match fetched {
        Ok(fresh) => {
            let now = state.clock.now();
            let next = seconds(started_at + i64::from(REFRESH_INTERVAL_SECONDS) - now);
            let id = personal_id.clone();
            let saved = state
                .db
                .call(move |c| {
                    let tx = c.transaction()?;
                    let (stored, _) = store::load(&tx, &id)?;
                    let changes = diff::changes(&stored, &fresh);
                    let synced_at = rfc3339(now);
                    store::save(&tx, &fresh, &synced_at)?;
                    let access = Access {
                        personal_id: &id,
                        actor: AccessActor::NationalSync,
                        session: None,
                        what: "record_refresh",
                        purpose: "refresh",
                    };
                    access_log::record(&tx, &access, now)?;
                    tx.commit()?;
                    Ok((
                        changes,
                        RecordView {
                            record: fresh,
                            synced_at,
                            next_refresh_in_seconds: next,
                        },
                    ))
                })
                .await;
            match saved {
                Ok((changes, view)) => {
                    status.state = RefreshState::Done;
                    status.changes = changes;
                    status.view = Some(view);
                }
                Err(error) => {
                    tracing::error!(%error, "storing a refreshed record failed");
                    status.state = RefreshState::Failed;
                    status.error = Some(ErrorCode::Internal);
                }
            }
        }
        Err(error) => {
            status.state = RefreshState::Failed;
            status.error = Some(match error {
                NationalDbError::NotFound => ErrorCode::CitizenNotFound,
                NationalDbError::Unavailable => ErrorCode::Unavailable,
            });
        }
    }
    // Nobody listening is fine: the status stays readable through the map.
    let _ = sender.send(status);
}
