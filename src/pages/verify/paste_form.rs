use leptos::prelude::*;
use portal_api::FieldErrorCode;

use crate::forms::{ErrorSummary, FieldProblem, TextField, problem_of};
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
    // `post`, as sign-in's: the code holds what a citizen shared about themselves, which a form
    // the browser sends itself (before the app) must not put into an address.
    view! {
        <ErrorSummary problems general=Signal::stored(None) />
        <form class="app-form" method="post" on:submit=submit novalidate=true>
            <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, verify.paste_heading))}</h2>
            <TextField
                id=FIELD
                label=|l| td_string!(l, verify.paste_label)
                hint=|l| td_string!(l, verify.paste_hint)
                value=text
                error=problem_of(problems, FIELD)
                rows=4
                code=true
            />
            <div class="app-form__actions">
                <button type="submit" class="app-button">{tr(i18n, |l| td_string!(l, verify.check_button))}</button>
            </div>
        </form>
    }
}
