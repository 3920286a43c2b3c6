//! The guided form's inputs, each bound to one answer of the draft's [`FormText`]: radios,
//! a text area, a select and a text box, each with its label, hint and error tied to it.

use leptos::prelude::*;
use portal_api::FieldErrorCode;

use super::draft::FormText;
use crate::forms::{FieldError, choice_id};

/// Which answer of [`FormText`] an input edits.
pub type Answer = fn(&mut FormText) -> &mut String;

/// One choice of a radio group.
pub struct Choice {
    /// The value the answer takes.
    pub value: &'static str,
    /// Its words.
    pub label: Signal<String>,
}

/// A group of radios for one answer; the first radio carries the field's id, so the error
/// summary's link lands on the group.
#[component]
pub fn RadioGroup(
    /// The answer's field name.
    field: &'static str,
    /// The draft.
    form: RwSignal<FormText>,
    /// Which answer.
    answer: Answer,
    /// The choices, in order.
    choices: Vec<Choice>,
    /// The group's name for screen readers (the page's question).
    #[prop(into)]
    legend: Signal<String>,
    /// Why the answer is refused, if it is.
    error: Signal<Option<FieldErrorCode>>,
) -> impl IntoView {
    let radios = choices
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            let id = choice_id(field, index);
            let value = choice.value;
            view! {
                <div class="app-radios__item">
                    <input
                        class="app-radios__input"
                        type="radio"
                        id=id.clone()
                        name=field
                        value=value
                        prop:checked=move || form.with(|f| *answer(&mut f.clone()) == value)
                        on:change=move |_| form.update(|f| *answer(f) = value.to_owned())
                    />
                    <label class="app-radios__label" for=id>{choice.label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="app-field app-radios"
            class:app-field--error=move || error.with(Option::is_some)
            aria-describedby=move || error.with(Option::is_some).then(|| format!("{field}-error"))
        >
            <legend class="app-visually-hidden">{legend}</legend>
            <FieldError field error />
            {radios}
        </fieldset>
    }
}

/// A text box or text area for one answer.
#[component]
pub fn AnswerText(
    /// The answer's field name and the input's id.
    field: &'static str,
    /// The draft.
    form: RwSignal<FormText>,
    /// Which answer.
    answer: Answer,
    /// The label.
    #[prop(into)]
    label: Signal<String>,
    /// A hint under the label.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// Why the answer is refused, if it is.
    error: Signal<Option<FieldErrorCode>>,
    /// Several lines (a text area) rather than one.
    #[prop(optional)]
    multiline: bool,
    /// `tel`, `email` or `text`.
    #[prop(default = "text")]
    input_type: &'static str,
    /// The `autocomplete` token.
    #[prop(default = "off")]
    autocomplete: &'static str,
) -> impl IntoView {
    let hint_id = format!("{field}-hint");
    let has_hint = hint.is_some();
    let described_by = move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{field}-hint"));
        }
        if error.with(Option::is_some) {
            ids.push(format!("{field}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let value = move || form.with(|f| answer(&mut f.clone()).clone());
    let on_input = move |event: leptos::ev::Event| {
        let text = event_target_value(&event);
        form.update(|f| *answer(f) = text);
    };
    let input = if multiline {
        view! {
            <textarea
                class="app-field__input app-field__input--area"
                id=field
                name=field
                rows="5"
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by
                prop:value=value
                on:input=on_input
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                class="app-field__input"
                id=field
                name=field
                type=input_type
                autocomplete=autocomplete
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by
                prop:value=value
                on:input=on_input
            />
        }
        .into_any()
    };
    view! {
        <div class="app-field" class:app-field--error=move || error.with(Option::is_some)>
            <label class="app-field__label" for=field>{label}</label>
            {hint.map(|hint| view! { <p class="app-field__hint" id=hint_id>{hint}</p> })}
            <FieldError field error />
            {input}
        </div>
    }
}

/// A select of fixed options for one answer, with a first "choose" option.
#[component]
pub fn AnswerSelect(
    /// The answer's field name and the select's id.
    field: &'static str,
    /// The draft.
    form: RwSignal<FormText>,
    /// Which answer.
    answer: Answer,
    /// The label.
    #[prop(into)]
    label: Signal<String>,
    /// The empty first option's words.
    #[prop(into)]
    placeholder: Signal<String>,
    /// The options (value and words alike).
    #[prop(into)]
    options: Signal<Vec<String>>,
    /// Why the answer is refused, if it is.
    error: Signal<Option<FieldErrorCode>>,
) -> impl IntoView {
    view! {
        <div class="app-field" class:app-field--error=move || error.with(Option::is_some)>
            <label class="app-field__label" for=field>{label}</label>
            <FieldError field error />
            <select
                class="app-field__input app-field__input--select"
                id=field
                name=field
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || error.with(Option::is_some).then(|| format!("{field}-error"))
                on:change=move |event| {
                    let text = event_target_value(&event);
                    form.update(|f| *answer(f) = text);
                }
            >
                <option value="">{placeholder}</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|option| {
                            let selected = form.with(|f| *answer(&mut f.clone()) == option);
                            view! { <option value=option.clone() selected=selected>{option.clone()}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
