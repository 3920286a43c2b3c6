use leptos::prelude::*;

use crate::hooks::use_clock;
use crate::i18n::*;
use crate::session::now_ms;
use crate::text::tr;

/// "Please try again in 42 seconds", counting down from when it appears, for a server that
/// answered 429 with `retry_after_seconds`. It is not a live region: the notice around it was
/// announced once, and a ticking number would be read out every second.
#[component]
pub fn RetryCountdown(
    /// Seconds to wait, from the server's answer.
    seconds: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_clock();
    let shown_at = now_ms();
    let left = move || {
        let left = f64::from(seconds) - (clock.get() - shown_at) / 1000.0;
        left.ceil().max(0.0) as u32
    };
    view! {
        <span class="app-error-notice__retry-after">
            {move || match Wait::of(left()) {
                Wait::Over => tr(i18n, |l| td_string!(l, error.retry_now)).into_any(),
                Wait::Seconds(seconds) => t!(i18n, error.retry_after, seconds).into_any(),
                Wait::Minutes(minutes) => t!(i18n, error.retry_after_minutes, minutes).into_any(),
                Wait::Hours(hours) => t!(i18n, error.retry_after_hours, hours).into_any(),
            }}
        </span>
    }
}

/// A wait in the unit a citizen reads it in: "3480 seconds" says nothing, "58 minutes" does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wait {
    /// Nothing left to wait.
    Over,
    /// Under two minutes.
    Seconds(u32),
    /// Under two hours, rounded up.
    Minutes(u32),
    /// Longer (a day's uploads), rounded up.
    Hours(u32),
}

impl Wait {
    fn of(seconds: u32) -> Self {
        match seconds {
            0 => Self::Over,
            1..120 => Self::Seconds(seconds),
            120..7200 => Self::Minutes(seconds.div_ceil(60)),
            _ => Self::Hours(seconds.div_ceil(3600)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Wait;

    #[test]
    fn a_wait_reads_in_seconds_minutes_or_hours() {
        assert_eq!(Wait::of(0), Wait::Over);
        assert_eq!(Wait::of(42), Wait::Seconds(42));
        assert_eq!(Wait::of(3480), Wait::Minutes(58));
        assert_eq!(Wait::of(86_000), Wait::Hours(24));
    }
}
