use leptos::prelude::*;

use crate::hooks::use_clock;
use crate::i18n::*;
use crate::session::now_ms;

/// "You can try again in 42 seconds", counting down from when it appears, for a server that
/// answered 429 with `retry_after_seconds`. It is not a live region: the error summary around
/// it was announced once, and a ticking number would be read out every second.
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
            {move || {
                let seconds = left();
                (seconds > 0).then(|| t!(i18n, error.retry_after, seconds))
            }}
        </span>
    }
}
