use leptos::prelude::*;
use portal_api::FieldErrorCode;

use crate::forms::{ErrorSummary, FieldProblem, field_message};
use crate::i18n::*;
use crate::text::tr;

/// The field's id, which the error summary links to.
const FIELD: &str = "share_code";

/// A text box for a code someone pasted or typed: the whole verify link or the bare code.
#[component]
pub fn PasteForm(
    /// Called with the text to check.
    on_code: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let error = move || problems.with(|p| p.first().map(|(_, code)| *code));
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let value = text.get_untracked();
        if value.trim().is_empty() {
            problems.set(vec![(FIELD, FieldErrorCode::Required)]);
            return;
        }
        problems.set(Vec::new());
        on_code.run(value.trim().to_owned());
    };
    view! {
        <ErrorSummary problems general=Signal::stored(None) />
        <form class="app-form" on:submit=submit novalidate=true>
            <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, verify.paste_heading))}</h2>
            <div class="app-field" class:app-field--error=move || error().is_some()>
                <label class="app-field__label" for=FIELD>{tr(i18n, |l| td_string!(l, verify.paste_label))}</label>
                <p class="app-field__hint" id="share_code-hint">{tr(i18n, |l| td_string!(l, verify.paste_hint))}</p>
                {move || error().map(|code| view! {
                    <p class="app-field__error" id="share_code-error">
                        <span class="app-visually-hidden">{tr(i18n, |l| td_string!(l, form.error_prefix))}</span>
                        {field_message(i18n, FIELD, code)}
                    </p>
                })}
                <textarea
                    class="app-field__input app-field__input--code"
                    id=FIELD
                    name=FIELD
                    rows="4"
                    spellcheck="false"
                    autocomplete="off"
                    aria-invalid=move || error().is_some().then_some("true")
                    aria-describedby=move || if error().is_some() { "share_code-hint share_code-error" } else { "share_code-hint" }
                    bind:value=text
                ></textarea>
            </div>
            <div class="app-form__actions">
                <button type="submit" class="app-button">{tr(i18n, |l| td_string!(l, verify.check_button))}</button>
            </div>
        </form>
    }
}
