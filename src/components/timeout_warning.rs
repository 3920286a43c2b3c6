use leptos::{html::Dialog, prelude::*, task::spawn_local_scoped};

use crate::api::{self, use_api};
use crate::hooks::use_clock;
use crate::i18n::*;
use crate::session::SessionContext;
use crate::sign_out::{SignOutReason, sign_out};
use crate::text::tr;

/// Seconds left at which a screen reader hears the countdown, besides every second of the
/// last [`EVERY_SECOND_FROM`]: reading every tick would drown everything else out.
const ANNOUNCE_AT: [u32; 6] = [120, 90, 60, 45, 30, 25];
/// From here on, every second is announced.
const EVERY_SECOND_FROM: u32 = 20;

/// The warning before the idle timeout (the GOV.UK timeout-warning pattern): a modal dialog
/// `warning_seconds` before the session ends, with a countdown, "Stay signed in" (also Esc)
/// and "Sign out". Activity in any tab of the portal moves the end; at the end the citizen
/// is signed out and told why.
#[component]
pub fn TimeoutWarning() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let api = use_api();
    let clock = use_clock();
    let dialog = NodeRef::<Dialog>::new();
    let announced = RwSignal::new(String::new());
    let ended = RwSignal::new(false);

    let remaining = Memo::new(move |_| {
        let info = session.signed_in()?;
        let idle = f64::from(info.idle_timeout_seconds);
        let left = idle - (clock.get() - session.last_activity()) / 1000.0;
        Some(left.ceil().max(0.0) as u32)
    });
    let warning = move || {
        let config = session.config().current();
        remaining
            .get()
            .is_some_and(|left| left <= config.warning_seconds)
    };

    // Open and close the native modal dialog: it traps focus, makes the page behind inert,
    // and gives focus back where it was when it closes.
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        let show = warning();
        if show && !dialog.open() {
            let _ = dialog.show_modal();
        } else if !show && dialog.open() {
            dialog.close();
        }
    });
    // At the end, sign out; on the way, announce at intervals.
    Effect::new(move |_| match remaining.get() {
        Some(0) if !ended.get_untracked() => {
            ended.set(true);
            sign_out(session, SignOutReason::TimedOut);
        }
        Some(left) if warning() && (left <= EVERY_SECOND_FROM || ANNOUNCE_AT.contains(&left)) => {
            announced.set(countdown_text(left));
        }
        _ => {}
    });

    let stay = move || {
        session.note_activity();
        spawn_local_scoped(async move {
            // The answer notes the activity again; a 401 means it was too late.
            let _ = api::auth::keep_alive(api).await;
        });
    };

    view! {
        <dialog
            class="app-dialog"
            node_ref=dialog
            aria-labelledby="timeout-title"
            aria-describedby="timeout-body"
            on:cancel=move |event: leptos::ev::Event| {
                // Esc means "stay signed in", not "dismiss and be signed out unawares".
                event.prevent_default();
                stay();
            }
        >
            <h2 class="app-dialog__title" id="timeout-title">{tr(i18n, |l| td_string!(l, session.timeout_title))}</h2>
            <p class="app-body" id="timeout-body">
                {tr(i18n, |l| td_string!(l, session.timeout_body))}
                " "
                <strong class="app-dialog__countdown" aria-hidden="true">
                    {move || remaining.get().map(countdown_text)}
                </strong>
            </p>
            <p class="app-visually-hidden" aria-live="assertive" aria-atomic="true">{move || announced.get()}</p>
            <div class="app-dialog__actions">
                <button type="button" class="app-button" on:click=move |_| stay()>
                    {tr(i18n, |l| td_string!(l, session.stay_signed_in))}
                </button>
                <button
                    type="button"
                    class="app-button app-button--secondary"
                    on:click=move |_| sign_out(session, SignOutReason::Chosen)
                >
                    {tr(i18n, |l| td_string!(l, session.sign_out))}
                </button>
            </div>
        </dialog>
    }
}

/// "1:45", the way a countdown reads in both languages.
fn countdown_text(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdowns_read_as_minutes_and_seconds() {
        assert_eq!(countdown_text(120), "2:00");
        assert_eq!(countdown_text(65), "1:05");
        assert_eq!(countdown_text(9), "0:09");
    }
}
