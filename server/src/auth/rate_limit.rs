//! Attempts per client address, counted in fixed windows, kept in memory.
//!
//! Memory is enough for one reference server; a fleet would keep the counters in a shared
//! store. Per-account protection (the lockout) lives in the database and survives restarts.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

/// Counts attempts per address.
#[derive(Debug, Clone)]
pub struct RateLimiter {
    limit: u32,
    window: i64,
    counts: Arc<Mutex<HashMap<IpAddr, (i64, u32)>>>,
}

impl RateLimiter {
    /// At most `limit` attempts per `window_seconds` from one address.
    pub fn new(limit: u32, window_seconds: u32) -> Self {
        Self {
            limit,
            window: i64::from(window_seconds.max(1)),
            counts: Arc::default(),
        }
    }

    /// Counts one attempt from `ip` at `now`; `Err` holds the seconds until the window
    /// reopens when the address has used up its attempts.
    pub fn attempt(&self, ip: IpAddr, now: i64) -> Result<(), u32> {
        let Ok(mut counts) = self.counts.lock() else {
            // A poisoned lock means a panic elsewhere; failing open keeps citizens able to
            // sign in, and the per-account lockout still holds.
            return Ok(());
        };
        // Forget closed windows now and then, so the map cannot grow without bound.
        if counts.len() > 10_000 {
            counts.retain(|_, (start, _)| now - *start < self.window);
        }
        let entry = counts.entry(ip).or_insert((now, 0));
        if now - entry.0 >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.limit {
            return Err(u32::try_from(entry.0 + self.window - now)
                .unwrap_or(1)
                .max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;

    #[test]
    fn limits_each_address_within_its_window() {
        let limiter = RateLimiter::new(3, 60);
        let a = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
        let b = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));
        for _ in 0..3 {
            assert_eq!(limiter.attempt(a, 1000), Ok(()));
        }
        assert_eq!(limiter.attempt(a, 1010), Err(50));
        assert_eq!(
            limiter.attempt(b, 1010),
            Ok(()),
            "another address has its own count"
        );
        assert_eq!(limiter.attempt(a, 1060), Ok(()), "a new window");
    }
}
