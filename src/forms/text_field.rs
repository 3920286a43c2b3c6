use leptos::prelude::*;
use portal_api::FieldErrorCode;

use super::{FieldError, FieldValue, Text, described_by, invalid};
use crate::i18n::use_i18n;
use crate::text::tr;

/// A labelled text input (or, given `rows`, a text area) with an optional hint and its error,
/// all tied to the input by `aria-describedby`, and a touch-sized box.
#[component]
pub fn TextField(
    /// The input's id and name; error summary links point here.
    id: &'static str,
    /// The label.
    label: Text,
    /// A hint under the label.
    #[prop(optional)]
    hint: Option<Text>,
    /// The value, kept across errors.
    #[prop(into)]
    value: FieldValue,
    /// Why the value is refused, if it is.
    #[prop(optional, into)]
    error: Signal<Option<FieldErrorCode>>,
    /// `text`, `password`, `tel`, `email`...
    #[prop(default = Signal::stored("text"), into)]
    input_type: Signal<&'static str>,
    /// The `autocomplete` token (`off` on a kiosk).
    #[prop(default = Signal::stored("off"), into)]
    autocomplete: Signal<&'static str>,
    /// The keyboard a phone shows (`numeric`, `tel`), where the type does not say it.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// Lines of a text area, for an answer of several lines; one line when `None`.
    #[prop(optional)]
    rows: Option<u32>,
    /// The id of what the input changes as the citizen types (a live search's results).
    #[prop(optional)]
    controls: Option<&'static str>,
    /// A code rather than words (a pasted share link): set in a fixed-width font, broken
    /// anywhere, never spell-checked.
    #[prop(optional)]
    code: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let described_by = described_by(id, hint.is_some(), error);
    let on_input = move |event: leptos::ev::Event| value.set.set(event_target_value(&event));
    let input = match rows {
        Some(rows) => view! {
            <textarea
                class=if code {
                    "app-field__input app-field__input--code"
                } else {
                    "app-field__input app-field__input--area"
                }
                id=id
                name=id
                rows=rows
                spellcheck=code.then_some("false")
                autocomplete=code.then_some("off")
                aria-invalid=invalid(error)
                aria-describedby=described_by
                prop:value=value.get
                on:input=on_input
            ></textarea>
        }
        .into_any(),
        None => view! {
            <input
                class="app-field__input"
                id=id
                name=id
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck="false"
                aria-invalid=invalid(error)
                aria-describedby=described_by
                aria-controls=controls
                prop:value=value.get
                on:input=on_input
            />
        }
        .into_any(),
    };
    view! {
        <div class="app-field" class:app-field--error=move || error.with(Option::is_some)>
            <label class="app-field__label" for=id>{tr(i18n, label)}</label>
            {hint.map(|hint| view! { <p class="app-field__hint" id=format!("{id}-hint")>{tr(i18n, hint)}</p> })}
            <FieldError field=id error />
            {input}
        </div>
    }
}
