use leptos::prelude::*;
use portal_api::FieldErrorCode;
use send_wrapper::SendWrapper;
use web_sys::{File, HtmlInputElement};

use super::{FieldError, Text, described_by, invalid};
use crate::text::tr;

/// A labelled file chooser (`id="file"`, as the API names the field) with its hint and error
/// tied to it by `aria-describedby`. The browser keeps the chosen file in the input across
/// errors, so the citizen never has to find it again.
#[component]
pub fn FileField(
    /// The label.
    label: Text,
    /// A hint under it: what files are taken.
    hint: Text,
    /// The types offered in the browser's chooser (the rules still judge the content).
    accept: &'static str,
    /// The chosen file. The browser's `File` is not `Send`; the app has one thread, so the
    /// wrapper holds.
    file: RwSignal<Option<SendWrapper<File>>>,
    /// Why the file is refused, if it is.
    error: Signal<Option<FieldErrorCode>>,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let on_change = move |event: leptos::ev::Event| {
        let input = event_target::<HtmlInputElement>(&event);
        let chosen = input.files().and_then(|files| files.get(0));
        file.set(chosen.map(SendWrapper::new));
    };
    view! {
        <div class="app-field" class:app-field--error=move || error.with(Option::is_some)>
            <label class="app-field__label" for="file">{tr(i18n, label)}</label>
            <p class="app-field__hint" id="file-hint">{tr(i18n, hint)}</p>
            <FieldError field="file" error />
            <input
                class="app-file-input"
                type="file"
                id="file"
                name="file"
                accept=accept
                aria-invalid=invalid(error)
                aria-describedby=described_by("file", true, error)
                on:change=on_change
            />
        </div>
    }
}
