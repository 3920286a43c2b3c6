use leptos::{prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use super::qr_image::read_qr;
use crate::i18n::*;
use crate::text::tr;

/// Why a photo gave no code.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PhotoProblem {
    /// No QR code in it, or not an image the browser reads.
    NoCode,
    /// The reader's code could not be fetched (offline): choosing the photo again retries.
    NotLoaded,
}

/// A file input for a photo of the QR; the code found in it is checked like a pasted one.
#[component]
pub fn ImageInput(
    /// Called with the text of the QR found in the photo.
    on_code: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = RwSignal::new(None::<PhotoProblem>);
    let on_change = move |event: leptos::ev::Event| {
        let file = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let Some(file) = file else { return };
        problem.set(None);
        spawn_local(async move {
            match read_qr(&file).await {
                Ok(Some(text)) => on_code.run(text),
                Ok(None) => problem.set(Some(PhotoProblem::NoCode)),
                Err(_) => problem.set(Some(PhotoProblem::NotLoaded)),
            }
        });
    };
    view! {
        <div class="app-field" class:app-field--error=move || problem.get().is_some()>
            <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, verify.image_heading))}</h2>
            <label class="app-field__label" for="qr_image">{tr(i18n, |l| td_string!(l, verify.image_label))}</label>
            <p class="app-field__hint" id="qr_image-hint">{tr(i18n, |l| td_string!(l, verify.image_hint))}</p>
            <div role="alert">
                {move || problem.get().map(|problem| view! {
                    <p class="app-field__error" id="qr_image-error">
                        {match problem {
                            PhotoProblem::NoCode => tr(i18n, |l| td_string!(l, verify.no_qr_in_image)),
                            PhotoProblem::NotLoaded => tr(i18n, |l| td_string!(l, error.network)),
                        }}
                    </p>
                })}
            </div>
            <input
                class="app-file-input"
                type="file"
                id="qr_image"
                accept="image/*"
                aria-describedby=move || if problem.get().is_some() { "qr_image-hint qr_image-error" } else { "qr_image-hint" }
                on:change=on_change
            />
        </div>
    }
}
