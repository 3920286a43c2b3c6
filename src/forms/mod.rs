//! Form parts that every form of the portal shares, after the GOV.UK pattern: an error
//! summary at the top that takes focus and links to each field, and fields that show their
//! own error beside the label, so a citizen with a screen reader or a magnifier finds it.

mod error_summary;
mod field_error;
mod field_message;
mod file_field;
mod number_radios;
mod text_field;

pub use error_summary::ErrorSummary;
pub use field_error::FieldError;
pub use field_message::field_message;
pub use file_field::FileField;
pub use number_radios::{NumberRadios, Text, choice_id};
pub use text_field::TextField;

use portal_api::FieldErrorCode;

/// A field's problem: its id (also the element id of its input) and why.
pub type FieldProblem = (&'static str, FieldErrorCode);

/// Why `field` is refused among a form's `problems`, if it is, following them.
pub fn problem_of(
    problems: impl Into<leptos::prelude::Signal<Vec<FieldProblem>>>,
    field: &'static str,
) -> leptos::prelude::Signal<Option<FieldErrorCode>> {
    use leptos::prelude::*;
    let problems = problems.into();
    Signal::derive(move || problems.with(|p| p.iter().find(|(f, _)| *f == field).map(|(_, c)| *c)))
}

/// The refused fields among `fields` (as the rules or the server keyed them), in the order
/// the form shows them, `order`, so the summary reads top to bottom; others are left out.
pub fn in_form_order(
    order: &[&'static str],
    fields: &std::collections::BTreeMap<String, FieldErrorCode>,
) -> Vec<FieldProblem> {
    order
        .iter()
        .filter_map(|field| fields.get(*field).map(|code| (*field, *code)))
        .collect()
}
