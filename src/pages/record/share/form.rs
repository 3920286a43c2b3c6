use std::collections::BTreeMap;

use leptos::prelude::*;
use portal_api::FieldErrorCode;
use portal_api::share::{CreateShare, Share, ShareableField};

use crate::api::{self, ApiError, use_api};
use crate::forms::{
    ChoiceGroup, ErrorSummary, FieldProblem, NumberRadios, Text, choice_id, in_form_order,
    problem_of,
};
use crate::i18n::*;
use crate::share_fields::field_label;
use crate::text::tr;

/// The validities offered, in minutes, with their labels: from the shortest the rules allow
/// to the longest.
const VALIDITIES: [(u32, Text); 4] = [
    (10, |l| td_string!(l, share.minutes_10)),
    (60, |l| td_string!(l, share.hours_1)),
    (4 * 60, |l| td_string!(l, share.hours_4)),
    (24 * 60, |l| td_string!(l, share.hours_24)),
];

/// What to share (checkboxes) and for how long (radio buttons), checked in the browser with
/// the shared rules before anything is sent; the server's field errors land in the same
/// places. Nothing is chosen at first: sharing is the citizen's decision, field by field.
#[component]
pub fn ShareForm(
    /// Called with the share once the server has signed it.
    on_created: Callback<Share>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let chosen = RwSignal::new(Vec::<ShareableField>::new());
    // 0 until the citizen picks one: the rules refuse it, so a missed choice is explained.
    let minutes = RwSignal::new(0_u32);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let general = RwSignal::new(None::<ApiError>);
    let error_of = move |field: &'static str| problem_of(problems, field);
    let create = Action::new_local(move |body: &CreateShare| {
        let body = body.clone();
        async move {
            match api::share::create_share(api, &body).await {
                Ok(share) => on_created.run(share),
                Err(ApiError::Validation(fields)) if !fields.is_empty() => {
                    problems.set(ordered(&fields));
                }
                Err(error) => general.set(Some(error)),
            }
        }
    });
    let pending = create.pending();

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let body = CreateShare {
            // In the order of the form, whatever order they were ticked in.
            fields: chosen.with_untracked(|chosen| {
                ShareableField::ALL
                    .into_iter()
                    .filter(|field| chosen.contains(field))
                    .collect()
            }),
            valid_minutes: minutes.get_untracked(),
        };
        general.set(None);
        if let Err(fields) = body.validate() {
            problems.set(ordered(&fields));
            return;
        }
        problems.set(Vec::new());
        create.dispatch(body);
    };

    let field_boxes = ShareableField::ALL
        .into_iter()
        .enumerate()
        .map(|(index, field)| {
            let id = choice_id("fields", index);
            view! {
                <div class="app-choice">
                    <input
                        class="app-choice__input"
                        type="checkbox"
                        id=id.clone()
                        name="fields"
                        prop:checked=move || chosen.with(|c| c.contains(&field))
                        on:change=move |_| chosen.update(|c| toggle(c, field))
                    />
                    <label class="app-choice__label" for=id>
                        {move || field_label(i18n.get_locale(), field)}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <ErrorSummary problems general />
        <form class="app-form" on:submit=submit novalidate=true>
            <ChoiceGroup
                name="fields"
                legend=|l| td_string!(l, share.fields_legend)
                hint=|l| td_string!(l, share.fields_hint)
                error=error_of("fields")
            >
                {field_boxes}
            </ChoiceGroup>
            <ChoiceGroup
                name="valid_minutes"
                legend=|l| td_string!(l, share.validity_legend)
                hint=|l| td_string!(l, share.validity_hint)
                error=error_of("valid_minutes")
            >
                <NumberRadios name="valid_minutes" options=&VALIDITIES value=minutes />
            </ChoiceGroup>
            <div class="app-form__actions">
                <button type="submit" class="app-button" aria-disabled=move || pending.get().then_some("true")>
                    {move || if pending.get() {
                        tr(i18n, |l| td_string!(l, share.creating)).into_any()
                    } else {
                        tr(i18n, |l| td_string!(l, share.create_button)).into_any()
                    }}
                </button>
            </div>
        </form>
    }
}

/// The first choice carries the field's own id, so the error summary's link reaches it.
fn toggle(chosen: &mut Vec<ShareableField>, field: ShareableField) {
    if let Some(at) = chosen.iter().position(|f| *f == field) {
        chosen.remove(at);
    } else {
        chosen.push(field);
    }
}

/// The fields in the order they appear on the form, as the summary lists them.
fn ordered(fields: &BTreeMap<String, FieldErrorCode>) -> Vec<FieldProblem> {
    in_form_order(&["fields", "valid_minutes"], fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_follows_the_form_and_links_to_the_first_choice() {
        let mut fields = BTreeMap::new();
        fields.insert("valid_minutes".to_owned(), FieldErrorCode::InvalidFormat);
        fields.insert("fields".to_owned(), FieldErrorCode::Required);
        fields.insert("other".to_owned(), FieldErrorCode::Required);
        assert_eq!(
            ordered(&fields),
            vec![
                ("fields", FieldErrorCode::Required),
                ("valid_minutes", FieldErrorCode::InvalidFormat)
            ]
        );
    }

    #[test]
    fn every_offered_validity_is_allowed() {
        for (minutes, _) in VALIDITIES {
            let body = CreateShare {
                fields: vec![ShareableField::FullName],
                valid_minutes: minutes,
            };
            assert!(body.validate().is_ok(), "{minutes}");
        }
    }

    #[test]
    fn ticking_twice_unticks() {
        let mut chosen = Vec::new();
        toggle(&mut chosen, ShareableField::Sex);
        toggle(&mut chosen, ShareableField::FullName);
        toggle(&mut chosen, ShareableField::Sex);
        assert_eq!(chosen, vec![ShareableField::FullName]);
    }
}
