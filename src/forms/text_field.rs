use leptos::prelude::*;
use portal_api::FieldErrorCode;

use super::FieldError;

/// A labelled text input with an optional hint and its error, all tied to the input by
/// `aria-describedby`, and a touch-sized box.
#[component]
pub fn TextField(
    /// The input's id and name; error summary links point here.
    id: &'static str,
    /// The label, in the current language.
    #[prop(into)]
    label: Signal<String>,
    /// A hint under the label.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// The value, kept across errors.
    value: RwSignal<String>,
    /// Why the value is refused, if it is.
    #[prop(into)]
    error: Signal<Option<FieldErrorCode>>,
    /// `text`, `password`, `tel`...
    #[prop(default = Signal::stored("text"), into)]
    input_type: Signal<&'static str>,
    /// The `autocomplete` token (`off` on a kiosk).
    #[prop(into)]
    autocomplete: Signal<&'static str>,
    /// `numeric` for digits, `text` otherwise.
    #[prop(default = "text")]
    inputmode: &'static str,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described_by = {
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(format!("{id}-error"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="app-field" class:app-field--error=move || error.with(Option::is_some)>
            <label class="app-field__label" for=id>{label}</label>
            {hint.map(|hint| view! { <p class="app-field__hint" id=hint_id>{hint}</p> })}
            <FieldError field=id error />
            <input
                class="app-field__input"
                id=id
                name=id
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck="false"
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by
                bind:value=value
            />
        </div>
    }
}
