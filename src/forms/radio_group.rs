use leptos::prelude::*;
use portal_api::FieldErrorCode;

use super::{FieldError, FieldValue, Text, choice_id};
use crate::i18n::use_i18n;
use crate::text::tr;

/// One choice of a [`RadioGroup`].
#[derive(Clone, Copy)]
pub struct Choice {
    /// The value the field takes.
    pub value: &'static str,
    /// Its words.
    pub label: Text,
}

/// A question answered by one of a few choices, as radios in a fieldset; the first radio
/// carries the field's id, so the error summary's link lands on the group.
#[component]
pub fn RadioGroup(
    /// The field's name.
    field: &'static str,
    /// The group's name for screen readers (the page's question).
    legend: Text,
    /// The choices, in order.
    choices: Vec<Choice>,
    /// The chosen value, empty until one is chosen.
    #[prop(into)]
    value: FieldValue,
    /// Why the answer is refused, if it is.
    #[prop(optional, into)]
    error: Signal<Option<FieldErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let radios = choices
        .into_iter()
        .enumerate()
        .map(
            |(
                index,
                Choice {
                    value: option,
                    label,
                },
            )| {
                let id = choice_id(field, index);
                view! {
                    <div class="app-radios__item">
                        <input
                            class="app-radios__input"
                            type="radio"
                            id=id.clone()
                            name=field
                            value=option
                            prop:checked=move || value.get.with(|chosen| chosen == option)
                            on:change=move |_| value.set.set(option.to_owned())
                        />
                        <label class="app-radios__label" for=id>{tr(i18n, label)}</label>
                    </div>
                }
            },
        )
        .collect_view();
    view! {
        <fieldset
            class="app-field app-radios"
            class:app-field--error=move || error.with(Option::is_some)
            aria-describedby=move || error.with(Option::is_some).then(|| format!("{field}-error"))
        >
            <legend class="app-visually-hidden">{tr(i18n, legend)}</legend>
            <FieldError field error />
            {radios}
        </fieldset>
    }
}
