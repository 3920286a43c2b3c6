//! Form parts that every form of the portal shares, after the GOV.UK pattern: an error
//! summary at the top that takes focus and links to each field, and fields that show their
//! own error beside the label, so a citizen with a screen reader or a magnifier finds it.
//!
//! Every field takes its words as [`Text`] and its value as a [`FieldValue`], so a page
//! never builds a signal just to hand a label over.

mod choice_group;
mod error_summary;
mod field_error;
mod field_message;
mod file_field;
mod number_radios;
mod radio_group;
mod select_field;
mod text_field;

pub use choice_group::ChoiceGroup;
pub use error_summary::ErrorSummary;
pub use field_error::FieldError;
pub use field_message::field_message;
pub use file_field::FileField;
pub use number_radios::{NumberRadios, choice_id};
pub use radio_group::{Choice, RadioGroup};
pub use select_field::SelectField;
pub use text_field::TextField;

use leptos::prelude::*;
use portal_api::FieldErrorCode;

use crate::i18n::Locale;

/// A text of the locale files, as `tr` takes it: the one type for a label, a hint or a
/// legend. A plain function, so every field shares one rendering code (see `text.rs`).
pub type Text = fn(Locale) -> &'static str;

/// A field's problem: its id (also the element id of its input) and why.
pub type FieldProblem = (&'static str, FieldErrorCode);

/// What a field shows and where the citizen's edits go. A field of its own passes its
/// `RwSignal`; one answer of a larger form passes a slice of it (Leptos's `create_slice`), so
/// reading or typing one answer never copies the whole form.
#[derive(Clone, Copy)]
pub struct FieldValue {
    /// What the field shows.
    pub get: Signal<String>,
    /// Takes what the citizen typed or chose.
    pub set: SignalSetter<String>,
}

impl From<RwSignal<String>> for FieldValue {
    fn from(value: RwSignal<String>) -> Self {
        Self {
            get: value.into(),
            set: value.into(),
        }
    }
}

impl From<(Signal<String>, SignalSetter<String>)> for FieldValue {
    fn from((get, set): (Signal<String>, SignalSetter<String>)) -> Self {
        Self { get, set }
    }
}

/// Why `field` is refused among a form's `problems`, if it is, following them.
pub fn problem_of(
    problems: impl Into<Signal<Vec<FieldProblem>>>,
    field: &'static str,
) -> Signal<Option<FieldErrorCode>> {
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

/// The `aria-describedby` of field `id`'s input: its hint, if it has one, and its error while
/// it has one; nothing when neither.
fn described_by(
    id: &'static str,
    has_hint: bool,
    error: Signal<Option<FieldErrorCode>>,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    move || {
        let hint = has_hint.then(|| format!("{id}-hint"));
        let error = error.with(Option::is_some).then(|| format!("{id}-error"));
        match (hint, error) {
            (Some(hint), Some(error)) => Some(format!("{hint} {error}")),
            (hint, error) => hint.or(error),
        }
    }
}

/// `aria-invalid` while the field is refused.
fn invalid(
    error: Signal<Option<FieldErrorCode>>,
) -> impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static {
    move || error.with(Option::is_some).then_some("true")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_described_by_its_hint_and_its_error_while_it_has_one() {
        let owner = Owner::new();
        owner.set();
        let error = RwSignal::new(None);
        let with_hint = described_by("name", true, error.into());
        let without = described_by("code", false, error.into());
        assert_eq!(with_hint().as_deref(), Some("name-hint"));
        assert_eq!(without(), None);
        error.set(Some(FieldErrorCode::Required));
        assert_eq!(with_hint().as_deref(), Some("name-hint name-error"));
        assert_eq!(without().as_deref(), Some("code-error"));
    }
}
