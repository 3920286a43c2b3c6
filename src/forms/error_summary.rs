use leptos::{html::Div, prelude::*};

use super::{FieldProblem, field_message};
use crate::api::ApiError;
use crate::components::error_message;
use crate::i18n::*;
use crate::text::tr;

/// The box at the top of a form that lists what to fix, each entry a link to its field. It
/// takes focus whenever it appears with new problems, so keyboard and screen-reader users
/// start from it, and its content is an alert (GOV.UK's error summary).
#[component]
pub fn ErrorSummary(
    /// Fields to fix.
    #[prop(into)]
    problems: Signal<Vec<FieldProblem>>,
    /// A problem of the whole form (wrong password, locked account, network...).
    #[prop(into)]
    general: Signal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let summary = NodeRef::<Div>::new();
    let visible = move || !problems.with(Vec::is_empty) || general.with(Option::is_some);
    Effect::new(move |_| {
        // Track both, so each new failure moves focus here again.
        let shown = problems.with(|p| !p.is_empty()) | general.with(Option::is_some);
        if shown && let Some(summary) = summary.get() {
            let _ = summary.focus();
        }
    });
    view! {
        {move || visible().then(|| view! {
            // Focus goes to the box, the alert role to what it holds (as in GOV.UK Frontend):
            // a screen reader then reads the problems once, instead of the focus and the
            // live region racing to announce them.
            <div class="app-error-summary" node_ref=summary tabindex="-1">
                <div role="alert">
                    <h2 class="app-error-summary__title">
                        {tr(i18n, |l| td_string!(l, form.error_summary_title))}
                    </h2>
                    <ul class="app-error-summary__list">
                        {move || general.get().map(|error| view! { <li>{error_message(i18n, error)}</li> })}
                        {move || {
                            problems
                                .get()
                                .into_iter()
                                .map(|(field, code)| {
                                    view! {
                                        <li>
                                            <a
                                                class="app-error-summary__link"
                                                href=format!("#{field}")
                                                on:click=move |event| focus_field(event, field)
                                            >
                                                {field_message(i18n, field, code)}
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </div>
        })}
    }
}

/// Moves focus to the field itself, not just the page to it, so the citizen can type at once
/// (a link to `#id` only scrolls), and keeps its label in view above it.
fn focus_field(event: leptos::ev::MouseEvent, field: &str) {
    use wasm_bindgen::JsCast;
    let Some(input) = document()
        .get_element_by_id(field)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    event.prevent_default();
    let _ = input.focus();
    if let Some(label) = input.parent_element() {
        label.scroll_into_view();
    }
}
