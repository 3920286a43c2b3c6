//! Each citizen's pace of documents searches, kept in this process's memory.
//!
//! A citizen has `max` searches per window at once and then one every `window / max`: the
//! generic cell rate algorithm, which keeps one time per citizen (when their allowance is
//! whole again). A search past the allowance is not refused but *waits its turn*, at most
//! one window: the app keeps one search in flight, so a citizen typing faster than the pace
//! is slowed by a fraction of a second and never refused. Only searches sent side by side
//! (many tabs, or a script) can queue past a window; those are refused with 429 and
//! `Retry-After`, and only after being held as long as a search may wait, so a client that
//! ignores the refusal and asks again at once still runs at the pace and not faster.
//! Waiting costs a timer, not a core or a database connection, so one citizen's twenty
//! concurrent searches take the share of the machine that the pace allows.
//!
//! Unlike the sign-in limits, which must hold on every instance and so live in the database,
//! this pace protects the machine that runs the searches: its cores and its read
//! connections. Counting it in the database would make every search a write, and on SQLite
//! put every keystroke behind the one writer, which is what the pace is there to prevent.
//! Behind a load balancer a citizen may search on each instance at this pace, which is still a
//! bounded share of each.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::error::ApiError;
use crate::limits::Limit;

/// When each citizen who searched lately has their whole allowance again, in milliseconds.
#[derive(Clone, Default)]
pub struct SearchPace {
    full_at: Arc<Mutex<HashMap<String, i64>>>,
}

/// What asking for a search found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// Search now.
    Now,
    /// Search after waiting this long: the turn is taken.
    After(Duration),
    /// The turn is more than a window away: hold the refusal this long, then say to come
    /// back in this many seconds (at least 1).
    Refused { hold: Duration, retry_after: u32 },
}

/// Forget citizens whose allowance is whole once this many are kept, so memory stays bounded.
const PRUNE_ABOVE: usize = 10_000;

impl SearchPace {
    /// Takes `citizen`'s next turn of `limit` at `now` (milliseconds), or refuses it.
    pub fn take(&self, limit: Limit, citizen: &str, now: i64) -> Pace {
        let window = i64::from(limit.window_seconds.max(1)) * 1000;
        // One search every `interval`, and `max` of them at once when the allowance is whole.
        let interval = window / i64::from(limit.max.max(1));
        let burst = window - interval;
        let Ok(mut full_at) = self.full_at.lock() else {
            // A panic elsewhere poisoned the map: searching stays possible.
            return Pace::Now;
        };
        if full_at.len() > PRUNE_ABOVE {
            full_at.retain(|_, at| *at > now);
        }
        let whole = full_at.get(citizen).copied().unwrap_or(now).max(now);
        let turn = whole - burst;
        let wait = turn - now;
        if wait > window {
            let hold = Duration::from_millis(window.unsigned_abs());
            let seconds = (wait - window + 999) / 1000;
            return Pace::Refused {
                hold,
                retry_after: u32::try_from(seconds.max(1)).unwrap_or(u32::MAX),
            };
        }
        full_at.insert(citizen.to_owned(), whole + interval);
        if wait > 0 {
            Pace::After(Duration::from_millis(wait.unsigned_abs()))
        } else {
            Pace::Now
        }
    }

    /// As [`Self::take`], waited out: `Ok` once it is the search's turn, or 429
    /// `rate_limited` after the hold.
    pub async fn admit(&self, limit: Limit, citizen: &str, now: i64) -> Result<(), ApiError> {
        match self.take(limit, citizen, now) {
            Pace::Now => Ok(()),
            Pace::After(wait) => {
                tokio::time::sleep(wait).await;
                Ok(())
            }
            Pace::Refused { hold, retry_after } => {
                tokio::time::sleep(hold).await;
                Err(ApiError::rate_limited(retry_after))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two at once, then one every 1.5 s.
    const LIMIT: Limit = Limit {
        name: "search",
        max: 2,
        window_seconds: 3,
    };

    fn after(ms: u64) -> Pace {
        Pace::After(Duration::from_millis(ms))
    }

    #[test]
    fn grants_the_allowance_at_once_then_one_turn_per_interval() {
        let pace = SearchPace::default();
        assert_eq!(pace.take(LIMIT, "a", 0), Pace::Now);
        assert_eq!(pace.take(LIMIT, "a", 0), Pace::Now);
        assert_eq!(pace.take(LIMIT, "a", 0), after(1500));
        assert_eq!(
            pace.take(LIMIT, "a", 0),
            after(3000),
            "a window is the longest wait"
        );
        assert_eq!(
            pace.take(LIMIT, "a", 0),
            Pace::Refused {
                hold: Duration::from_secs(3),
                retry_after: 2
            },
            "4.5 s away: come back in 1.5 s, rounded up"
        );
        assert_eq!(pace.take(LIMIT, "b", 0), Pace::Now, "citizens count apart");
    }

    #[test]
    fn a_refusal_takes_no_turn() {
        let pace = SearchPace::default();
        for _ in 0..4 {
            pace.take(LIMIT, "a", 0);
        }
        assert!(matches!(pace.take(LIMIT, "a", 0), Pace::Refused { .. }));
        assert!(matches!(pace.take(LIMIT, "a", 0), Pace::Refused { .. }));
        // The four turns taken end 6 s on; a turn at 1.5 s waits the whole window.
        assert_eq!(pace.take(LIMIT, "a", 1500), after(3000));
    }

    #[test]
    fn one_search_at_a_time_is_slowed_by_an_interval_at_most_and_never_refused() {
        let pace = SearchPace::default();
        let mut now = 0;
        for _ in 0..100 {
            match pace.take(LIMIT, "a", now) {
                Pace::Now => now += 10,
                Pace::After(wait) => {
                    assert!(wait <= Duration::from_millis(1500), "waited {wait:?}");
                    now += i64::try_from(wait.as_millis()).unwrap_or(i64::MAX) + 10;
                }
                refused @ Pace::Refused { .. } => panic!("refused: {refused:?}"),
            }
        }
    }

    #[test]
    fn the_allowance_comes_back_whole_after_a_quiet_window() {
        let pace = SearchPace::default();
        for _ in 0..3 {
            pace.take(LIMIT, "a", 0);
        }
        assert_eq!(pace.take(LIMIT, "a", 10_000), Pace::Now);
        assert_eq!(pace.take(LIMIT, "a", 10_000), Pace::Now);
        assert_eq!(pace.take(LIMIT, "a", 10_000), after(1500));
    }
}
