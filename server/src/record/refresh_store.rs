//! The `refresh_jobs` table: each citizen's latest refresh, where every server instance on
//! the database sees it.
//!
//! Which instance runs a refresh is decided by one atomic statement ([`claim`]), as the
//! counted limits are (see `crate::limits`), so two instances, or two clicks on one, cannot
//! both start one.

use portal_api::record_sync::{REFRESH_INTERVAL_SECONDS, RefreshState, RefreshStatus};

use crate::auth::clock::seconds;
use crate::db::{Connection, DbError, OptionalExtension};
use crate::params;

/// How long a job may run before another may take its place. The national database answers
/// within seconds or not at all, so a job still running after this lost its instance (it
/// stopped or crashed mid-refresh) and would otherwise block the citizen's refreshes forever.
pub const STALE_AFTER_SECONDS: i64 = 300;

/// The row of a job that did not start, as the claim found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentJob {
    /// When it started, in Unix seconds.
    pub started_at: i64,
    /// Where it stands.
    pub status: RefreshStatus,
}

/// Marks a refresh of `personal_id` as running from `now`, unless one runs or the last one
/// began less than [`REFRESH_INTERVAL_SECONDS`] ago; `None` when it was not started here.
pub fn claim(
    connection: &Connection,
    personal_id: &str,
    now: i64,
    running: &RefreshStatus,
) -> Result<Option<i64>, DbError> {
    // `refresh_jobs.*` is the stored row, `excluded.*` this claim's. The WHERE refuses the
    // update (and so returns no row) while a job runs, unless it is stale, or too soon after.
    connection
        .query_row(
            "INSERT INTO refresh_jobs (personal_id, started_at, state, status_json, finished_at)
             VALUES (?1, ?2, 'running', ?3, NULL)
             ON CONFLICT (personal_id) DO UPDATE SET
                 started_at = excluded.started_at,
                 state = 'running',
                 status_json = excluded.status_json,
                 finished_at = NULL
             WHERE (refresh_jobs.state <> 'running'
                    AND refresh_jobs.started_at + ?4 <= excluded.started_at)
                OR (refresh_jobs.state = 'running'
                    AND refresh_jobs.started_at + ?5 <= excluded.started_at)
             RETURNING started_at",
            params![
                personal_id,
                now,
                serde_json::to_string(running)?,
                i64::from(REFRESH_INTERVAL_SECONDS),
                STALE_AFTER_SECONDS
            ],
            |row| row.get(0),
        )
        .optional()
}

/// The citizen's latest refresh, if there ever was one.
pub fn current(connection: &Connection, personal_id: &str) -> Result<Option<CurrentJob>, DbError> {
    let row: Option<(i64, String)> = connection
        .query_row(
            "SELECT started_at, status_json FROM refresh_jobs WHERE personal_id = ?1",
            [personal_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    row.map(|(started_at, json)| {
        Ok(CurrentJob {
            started_at,
            status: serde_json::from_str(&json)?,
        })
    })
    .transpose()
}

/// Seconds until `personal_id` may start another refresh.
pub fn next_in(connection: &Connection, personal_id: &str, now: i64) -> Result<u32, DbError> {
    let started: Option<i64> = connection
        .query_row(
            "SELECT started_at FROM refresh_jobs WHERE personal_id = ?1",
            [personal_id],
            |row| row.get(0),
        )
        .optional()?;
    Ok(started.map_or(0, |started| {
        seconds(started + i64::from(REFRESH_INTERVAL_SECONDS) - now)
    }))
}

/// Stores the outcome of the job that started at `started_at`; `false` when that job is no
/// longer the citizen's latest (another took its place after it went stale), which stores
/// nothing.
pub fn finish(
    connection: &Connection,
    personal_id: &str,
    started_at: i64,
    status: &RefreshStatus,
    now: i64,
) -> Result<bool, DbError> {
    let state = match status.state {
        RefreshState::Running => "running",
        RefreshState::Done => "done",
        RefreshState::Failed => "failed",
    };
    let updated = connection.execute(
        "UPDATE refresh_jobs SET state = ?3, status_json = ?4, finished_at = ?5
         WHERE personal_id = ?1 AND started_at = ?2 AND state = 'running'",
        params![
            personal_id,
            started_at,
            state,
            serde_json::to_string(status)?,
            now
        ],
    )?;
    Ok(updated == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Database;

    const AN: &str = "001085012345";

    fn running(now: i64) -> RefreshStatus {
        RefreshStatus {
            state: RefreshState::Running,
            started_at: now.to_string(),
            changes: Vec::new(),
            error: None,
            view: None,
        }
    }

    fn database() -> (tempfile::TempDir, Database) {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("portal.sqlite3")).unwrap();
        db.write_blocking(|c| {
            c.execute(
                "INSERT INTO citizens VALUES (?1, 'An', '{}', '2026-01-01')",
                [AN],
            )
        })
        .unwrap();
        (dir, db)
    }

    #[test]
    fn one_job_at_a_time_one_per_interval_and_a_stale_one_is_taken_over() {
        let (_dir, db) = database();
        db.write_blocking(|c| {
            assert_eq!(claim(c, AN, 1000, &running(1000))?, Some(1000));
            assert_eq!(claim(c, AN, 1100, &running(1100))?, None, "it still runs");
            let mut done = running(1000);
            done.state = RefreshState::Done;
            assert!(finish(c, AN, 1000, &done, 1003)?);
            assert!(!finish(c, AN, 1000, &done, 1004)?, "finished once");
            assert_eq!(claim(c, AN, 1059, &running(1059))?, None, "too soon");
            assert_eq!(next_in(c, AN, 1059)?, 1);
            assert_eq!(claim(c, AN, 1060, &running(1060))?, Some(1060));

            // The instance running the job at 1060 is gone; the job is taken over once stale.
            assert_eq!(claim(c, AN, 1359, &running(1359))?, None);
            assert_eq!(claim(c, AN, 1360, &running(1360))?, Some(1360));
            assert!(
                !finish(c, AN, 1060, &done, 1361)?,
                "the old job stores nothing"
            );
            let current = current(c, AN)?.unwrap();
            assert_eq!(current.started_at, 1360);
            assert_eq!(current.status, running(1360));
            Ok(())
        })
        .unwrap();
    }
}
