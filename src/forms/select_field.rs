use leptos::prelude::*;
use portal_api::FieldErrorCode;

use super::{FieldError, FieldValue, Text, described_by, invalid};
use crate::i18n::use_i18n;
use crate::text::tr;

/// A labelled select of given options, with its error tied to it, and an optional first
/// option worth nothing ("all", "choose..."). The choice follows `value` through each
/// option's `selected` property, not the attribute: once the citizen has picked an option,
/// the browser no longer lets the attribute change what is shown, and the value may still
/// change from elsewhere (Back to another filter, a draft merged from another tab).
#[component]
pub fn SelectField(
    /// The select's id and name; error summary links point here.
    id: &'static str,
    /// The label.
    label: Text,
    /// The words of a first option whose value is empty; no such option when `None`.
    #[prop(optional)]
    first: Option<Text>,
    /// The options: each value with its words, in order.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The chosen value, empty for the first option.
    #[prop(into)]
    value: FieldValue,
    /// Why the choice is refused, if it is.
    #[prop(optional, into)]
    error: Signal<Option<FieldErrorCode>>,
    /// A class that places the field in a layout (`app-filters__item`).
    #[prop(optional)]
    class: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let class = class.map_or_else(
        || "app-field".to_owned(),
        |class| format!("app-field {class}"),
    );
    view! {
        <div class=class class:app-field--error=move || error.with(Option::is_some)>
            <label class="app-field__label" for=id>{tr(i18n, label)}</label>
            <FieldError field=id error />
            <select
                class="app-field__input app-field__input--select"
                id=id
                name=id
                aria-invalid=invalid(error)
                aria-describedby=described_by(id, false, error)
                on:change=move |event| value.set.set(event_target_value(&event))
            >
                {first.map(|first| view! {
                    <option value="" prop:selected=move || value.get.with(String::is_empty)>{tr(i18n, first)}</option>
                })}
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(option, words)| {
                            let selected = {
                                let option = option.clone();
                                move || value.get.with(|chosen| *chosen == option)
                            };
                            view! { <option value=option prop:selected=selected>{words}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
