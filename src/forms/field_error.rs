use leptos::prelude::*;
use portal_api::FieldErrorCode;

use super::field_message;
use crate::i18n::*;
use crate::text::tr;

/// A field's error under its label, `id="<field>-error"` for the input's
/// `aria-describedby`, with "Error:" for screen readers; nothing while the field is fine.
#[component]
pub fn FieldError(
    /// The field's id.
    field: &'static str,
    /// Why its value is refused, if it is.
    error: Signal<Option<FieldErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|code| {
            view! {
                <p class="app-field__error" id=format!("{field}-error")>
                    <span class="app-visually-hidden">{tr(i18n, |l| td_string!(l, form.error_prefix))}</span>
                    {field_message(i18n, field, code)}
                </p>
            }
        })
    }
}
