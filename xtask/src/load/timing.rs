//! Closed-loop load: a number of callers, each sending its next request as soon as the last
//! one is answered, for a bounded time and count; every answer's time is kept.
//!
//! Percentiles come from sorting every kept time rather than from a histogram crate: a run is
//! bounded (a few hundred thousand answers at most, a few MB), and a sort gives exact ranks.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::http::ExchangeError;

/// How long and how much one stretch may run.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Callers at once.
    pub callers: usize,
    /// Stop starting requests after this long.
    pub time: Duration,
    /// Stop starting requests after this many, whatever the time.
    pub requests: u64,
}

/// What one stretch came to.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Requests answered as expected.
    pub answered: u64,
    /// Requests that failed.
    pub errors: u64,
    /// The first failure, to tell what went wrong.
    pub first_error: Option<ExchangeError>,
    /// From the first request sent to the last answer.
    pub elapsed: Duration,
    /// Median time of the answered requests.
    pub p50: Duration,
    /// 99th percentile.
    pub p99: Duration,
}

impl Summary {
    /// Answered requests per second.
    pub fn per_second(&self) -> f64 {
        self.answered as f64 / self.elapsed.as_secs_f64().max(f64::EPSILON)
    }
}

/// Runs `call(caller, n)` from `bounds.callers` callers at once (the `n`th call of each),
/// until the time or the count runs out, and sums up their answers.
pub async fn closed_loop<F, Fut>(bounds: Bounds, call: F) -> Summary
where
    F: Fn(usize, u64) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<(), ExchangeError>> + Send,
{
    let started = Instant::now();
    let deadline = started + bounds.time;
    let issued = Arc::new(AtomicU64::new(0));
    let callers: Vec<_> = (0..bounds.callers)
        .map(|caller| {
            let call = call.clone();
            let issued = Arc::clone(&issued);
            tokio::spawn(async move {
                let mut tally = Tally::default();
                let mut n = 0;
                while Instant::now() < deadline
                    && issued.fetch_add(1, Ordering::Relaxed) < bounds.requests
                {
                    let sent = Instant::now();
                    let outcome = call(caller, n).await;
                    tally.add(sent.elapsed(), outcome);
                    n += 1;
                }
                tally
            })
        })
        .collect();
    let mut all = Tally::default();
    for caller in callers {
        match caller.await {
            Ok(tally) => all.merge(tally),
            // A caller that panicked is a bug of the bench: count it, carry on.
            Err(error) => all.add(
                Duration::ZERO,
                Err(ExchangeError::Unexpected(format!(
                    "a caller failed: {error}"
                ))),
            ),
        }
    }
    all.summary(started.elapsed())
}

/// One caller's answers so far.
#[derive(Default)]
struct Tally {
    /// Microseconds of each answered request.
    times: Vec<u32>,
    errors: u64,
    first_error: Option<ExchangeError>,
}

impl Tally {
    fn add(&mut self, time: Duration, outcome: Result<(), ExchangeError>) {
        match outcome {
            Ok(()) => self
                .times
                .push(u32::try_from(time.as_micros()).unwrap_or(u32::MAX)),
            Err(error) => {
                self.errors += 1;
                self.first_error.get_or_insert(error);
            }
        }
    }

    fn merge(&mut self, other: Self) {
        self.times.extend(other.times);
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
    }

    fn summary(mut self, elapsed: Duration) -> Summary {
        self.times.sort_unstable();
        Summary {
            answered: self.times.len() as u64,
            errors: self.errors,
            first_error: self.first_error,
            elapsed,
            p50: percentile(&self.times, 50),
            p99: percentile(&self.times, 99),
        }
    }
}

/// The nearest-rank percentile of sorted microseconds.
fn percentile(sorted: &[u32], percent: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (sorted.len() * percent).div_ceil(100).max(1);
    Duration::from_micros(u64::from(sorted[rank - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_ranks() {
        let times: Vec<u32> = (1..=100).collect();
        assert_eq!(percentile(&times, 50), Duration::from_micros(50));
        assert_eq!(percentile(&times, 99), Duration::from_micros(99));
        assert_eq!(percentile(&[7], 99), Duration::from_micros(7));
        assert_eq!(percentile(&[], 50), Duration::ZERO);
    }

    #[test]
    fn a_closed_loop_stops_at_its_count_and_counts_failures() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let bounds = Bounds {
            callers: 4,
            time: Duration::from_secs(10),
            requests: 40,
        };
        let summary = runtime.block_on(closed_loop(bounds, |caller, n| async move {
            if caller == 0 && n == 0 {
                Err(ExchangeError::TimedOut)
            } else {
                Ok(())
            }
        }));
        assert_eq!(summary.answered + summary.errors, 40);
        assert_eq!(summary.errors, 1);
        assert_eq!(summary.first_error, Some(ExchangeError::TimedOut));
    }
}
