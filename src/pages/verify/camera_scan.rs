//! Scanning the QR with the camera, in the page: a button opens the camera, and the code
//! found in its picture is checked like a pasted one.

use leptos::{html::Button, prelude::*};

use super::camera::camera_supported;
use super::camera_view::CameraView;
use crate::hooks::use_focus_on_show;
use crate::i18n::*;
use crate::text::tr;

/// Where the camera stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CameraState {
    Closed,
    Open,
    /// It could not be opened: no permission, or no camera.
    Denied,
}

/// A button to scan the QR with the camera, and the camera's view while it is open. Where the
/// browser cannot open a camera in the page, says so instead.
#[component]
pub fn CameraScan(
    /// Called with the text of the QR the camera found.
    on_code: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Known once in the browser; a page rendered ahead of time offers the camera.
    let supported = RwSignal::new(true);
    Effect::new(move |_| supported.set(camera_supported()));
    let state = RwSignal::new(CameraState::Closed);
    // The stop button is gone once the camera closes: focus goes back to the button that opens
    // it, unless a code was found (then the verdict takes focus).
    let refocus = StoredValue::new(false);
    let on_found = Callback::new(move |text: String| {
        refocus.set_value(false);
        state.set(CameraState::Closed);
        on_code.run(text);
    });
    let on_denied = Callback::new(move |()| {
        refocus.set_value(true);
        state.set(CameraState::Denied);
    });
    let on_stop = Callback::new(move |()| {
        refocus.set_value(true);
        state.set(CameraState::Closed);
    });
    let on_open = Callback::new(move |()| state.set(CameraState::Open));
    let unsupported = move || {
        view! {
            <p class="app-body app-secondary-text">{tr(i18n, |l| td_string!(l, verify.camera_unsupported))}</p>
        }
    };
    view! {
        <Show when=move || supported.get() fallback=unsupported>
        <div class="app-field">
            <div role="alert">
                {move || (state.get() == CameraState::Denied).then(|| view! {
                    <p class="app-field__error">{tr(i18n, |l| td_string!(l, verify.camera_denied))}</p>
                })}
            </div>
            {move || if state.get() == CameraState::Open {
                view! { <CameraView on_code=on_found on_denied on_stop /> }.into_any()
            } else {
                view! { <OpenButton focus=refocus.get_value() on_open /> }.into_any()
            }}
        </div>
        </Show>
    }
}

/// The button that opens the camera.
#[component]
fn OpenButton(
    /// Takes focus when shown (after the camera closed under it).
    focus: bool,
    /// Called when pressed.
    on_open: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let button = NodeRef::<Button>::new();
    if focus {
        use_focus_on_show(button);
    }
    view! {
        <button type="button" class="app-button" node_ref=button on:click=move |_| on_open.run(())>
            {tr(i18n, |l| td_string!(l, verify.camera_button))}
        </button>
    }
}
