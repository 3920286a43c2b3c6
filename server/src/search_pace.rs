//! Each citizen's allowance of documents searches, counted in this process's memory.
//!
//! Unlike the sign-in limits, which must hold on every instance and so live in the database,
//! this allowance protects the machine that runs the searches: its cores and its read
//! connections. Counting it in the database would make every search a write, and on SQLite
//! put every keystroke behind the one writer, which is what the allowance is there to prevent.
//! Behind a load balancer a citizen may search on each instance at this pace, which is still a
//! bounded share of each.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::auth::clock::seconds;
use crate::error::ApiError;
use crate::limits::Limit;

/// Open windows of every citizen who searched lately.
#[derive(Clone, Default)]
pub struct SearchPace {
    windows: Arc<Mutex<HashMap<String, Window>>>,
}

/// What asking for a search found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// Search.
    Granted,
    /// The window is full; it reopens in this many seconds (at least 1).
    Wait(u32),
}

#[derive(Clone, Copy)]
struct Window {
    start: i64,
    count: u32,
}

/// Forget closed windows once this many citizens are counted, so memory stays bounded.
const PRUNE_ABOVE: usize = 10_000;

impl SearchPace {
    /// Takes one search of `limit` for `citizen` at `now`, or says when the window reopens.
    pub fn take(&self, limit: Limit, citizen: &str, now: i64) -> Pace {
        let window_seconds = i64::from(limit.window_seconds.max(1));
        let Ok(mut windows) = self.windows.lock() else {
            // A panic elsewhere poisoned the map: searching stays possible.
            return Pace::Granted;
        };
        if windows.len() > PRUNE_ABOVE {
            windows.retain(|_, w| w.start + window_seconds > now);
        }
        let window = windows.entry(citizen.to_owned()).or_insert(Window {
            start: now,
            count: 0,
        });
        if window.start + window_seconds <= now {
            *window = Window {
                start: now,
                count: 0,
            };
        }
        if window.count >= limit.max {
            return Pace::Wait(seconds(window.start + window_seconds - now).max(1));
        }
        window.count += 1;
        Pace::Granted
    }

    /// As [`Self::take`], as an API answer: 429 `rate_limited` with the wait.
    pub fn admit(&self, limit: Limit, citizen: &str, now: i64) -> Result<(), ApiError> {
        match self.take(limit, citizen, now) {
            Pace::Granted => Ok(()),
            Pace::Wait(retry_after) => Err(ApiError::rate_limited(retry_after)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: Limit = Limit {
        name: "search",
        max: 2,
        window_seconds: 3,
    };

    #[test]
    fn grants_max_per_window_per_citizen_then_says_when_it_reopens() {
        let pace = SearchPace::default();
        assert_eq!(pace.take(LIMIT, "a", 100), Pace::Granted);
        assert_eq!(pace.take(LIMIT, "a", 101), Pace::Granted);
        assert_eq!(pace.take(LIMIT, "a", 101), Pace::Wait(2));
        assert_eq!(
            pace.take(LIMIT, "b", 101),
            Pace::Granted,
            "citizens count apart"
        );
        assert_eq!(pace.take(LIMIT, "a", 103), Pace::Granted, "a new window");
    }
}
