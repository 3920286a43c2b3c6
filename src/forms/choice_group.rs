//! A question answered by ticking boxes or choosing one radio button, whose choices the
//! page draws: the fieldset, its legend, hint and error around them.

use leptos::prelude::*;
use portal_api::FieldErrorCode;

use super::{Text, field_message};
use crate::i18n::*;
use crate::text::tr;

/// A fieldset of checkboxes or radio buttons with its legend, hint and error, tied together
/// by `aria-describedby` as the text fields are.
#[component]
pub fn ChoiceGroup(
    /// The field's name; its first choice has this id, which the error summary links to.
    name: &'static str,
    /// The question.
    legend: Text,
    /// A hint under it.
    hint: Text,
    /// Why the choice is refused, if it is.
    error: Signal<Option<FieldErrorCode>>,
    /// The choices.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if error.with(Option::is_some) {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    view! {
        <div class="app-field" class:app-field--error=move || error.with(Option::is_some)>
            <fieldset class="app-fieldset" aria-describedby=described_by>
                <legend class="app-fieldset__legend">{tr(i18n, legend)}</legend>
                <p class="app-field__hint" id=hint_id>{tr(i18n, hint)}</p>
                {move || error.get().map(|code| view! {
                    <p class="app-field__error" id=error_id.clone()>
                        <span class="app-visually-hidden">{tr(i18n, |l| td_string!(l, form.error_prefix))}</span>
                        {field_message(i18n, name, code)}
                    </p>
                })}
                <div class="app-choices">{children()}</div>
            </fieldset>
        </div>
    }
}
