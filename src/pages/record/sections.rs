//! The record, grouped the way a citizen reads it: identity, birth, residence, household,
//! family, ID card, contact. Every row has its label, its value (or "none"), and a link to
//! request a correction of it.

use leptos::prelude::*;
use portal_api::PopulationRecord;
use portal_api::record::{Household, Relative};

use super::labels::{field_label, marital_text, sex_text};
use super::masked_id::MaskedId;
use crate::i18n::*;
use crate::text::tr;

/// Where "Request a correction" leads: the written-request form, for a correction of
/// `field`, with the value the record holds now.
fn correction_href(field: &str, current: &str) -> String {
    let encode = |text: &str| String::from(js_sys::encode_uri_component(text));
    format!(
        "/requests/new?kind=record_correction&field={}&value={}",
        encode(field),
        encode(current)
    )
}

/// One row: the label, the value, and the correction link for `field`.
fn row(
    i18n: leptos_i18n::I18nContext<Locale>,
    field: &'static str,
    value: AnyView,
    current: String,
) -> AnyView {
    // A path such as `id_card.issued_on` is labelled by its last part.
    let key = field.rsplit('.').next().unwrap_or(field);
    let label = move || field_label(i18n.get_locale(), key).unwrap_or(key);
    view! {
        <div class="app-record-list__row">
            <dt class="app-record-list__key">{label}</dt>
            <dd class="app-record-list__value">{value}</dd>
            <dd class="app-record-list__action">
                <a class="app-link" href=correction_href(field, &current)>
                    {tr(i18n, |l| td_string!(l, record.correct))}
                    <span class="app-visually-hidden">
                        " " {t!(i18n, record.correct_field, field = label)}
                    </span>
                </a>
            </dd>
        </div>
    }
    .into_any()
}

/// A row whose value is plain text, "none" when the record has nothing.
fn text_row(
    i18n: leptos_i18n::I18nContext<Locale>,
    field: &'static str,
    value: Option<String>,
) -> AnyView {
    let current = value.clone().unwrap_or_default();
    let shown = match value.filter(|v| !v.is_empty()) {
        Some(text) => text.into_any(),
        None => tr(i18n, |l| td_string!(l, record.none)).into_any(),
    };
    row(i18n, field, shown, current)
}

/// A relative: name, masked ID number with its reveal, nationality.
fn relative_row(
    i18n: leptos_i18n::I18nContext<Locale>,
    field: &'static str,
    relative: Option<&Relative>,
) -> AnyView {
    let Some(relative) = relative else {
        return text_row(i18n, field, None);
    };
    let current = relative.full_name.clone();
    let value = view! {
        <span class="app-record-person">
            <span class="app-record-person__name">{relative.full_name.clone()}</span>
            {relative.personal_id.clone().map(|id| view! {
                <span class="app-record-person__id">
                    {tr(i18n, |l| td_string!(l, record.id_of))} " "
                    <MaskedId id owner=relative.full_name.clone() />
                </span>
            })}
            <span class="app-record-person__detail">{relative.nationality.clone()}</span>
        </span>
    };
    row(i18n, field, value.into_any(), current)
}

/// One `<section>` with its heading and its rows.
fn section(title: impl IntoView + 'static, rows: impl IntoView + 'static) -> AnyView {
    view! {
        <section class="app-section app-record-section">
            <h2 class="app-section__heading">{title}</h2>
            <dl class="app-record-list">{rows}</dl>
        </section>
    }
    .into_any()
}

/// Every section of the record.
#[component]
pub fn RecordSections(
    /// The stored copy.
    record: PopulationRecord,
) -> impl IntoView {
    let i18n = use_i18n();
    let r = record;
    let locale = move || i18n.get_locale();
    let sex = r.sex;
    let marital = r.marital_status;
    let other_names = (!r.other_names.is_empty()).then(|| r.other_names.join(", "));
    let card = r.id_card.clone();

    view! {
        {section(
            tr(i18n, |l| td_string!(l, record.section_identity)),
            view! {
                {text_row(i18n, "full_name", Some(r.full_name.clone()))}
                {text_row(i18n, "other_names", other_names)}
                {text_row(i18n, "personal_id", Some(r.personal_id.as_str().to_owned()))}
                {text_row(i18n, "date_of_birth", Some(r.date_of_birth.to_display()))}
                {row(i18n, "sex", (move || sex_text(locale(), sex)).into_any(), sex_text(Locale::vi, sex).to_owned())}
                {text_row(i18n, "ethnicity", Some(r.ethnicity.clone()))}
                {text_row(i18n, "religion", Some(r.religion.clone()))}
                {text_row(i18n, "nationality", Some(r.nationality.clone()))}
                {text_row(i18n, "blood_type", r.blood_type.clone())}
                {row(i18n, "marital_status", (move || marital_text(locale(), marital)).into_any(), marital_text(Locale::vi, marital).to_owned())}
                {r.death_or_missing.clone().map(|text| text_row(i18n, "death_or_missing", Some(text)))}
            },
        )}
        {section(
            tr(i18n, |l| td_string!(l, record.section_birth)),
            view! {
                {text_row(i18n, "place_of_birth", Some(r.place_of_birth.clone()))}
                {text_row(i18n, "place_of_birth_registration", Some(r.place_of_birth_registration.clone()))}
                {text_row(i18n, "native_place", Some(r.native_place.clone()))}
            },
        )}
        {section(
            tr(i18n, |l| td_string!(l, record.section_residence)),
            view! {
                {text_row(i18n, "permanent_residence", r.permanent_residence.clone())}
                {text_row(i18n, "temporary_residence", r.temporary_residence.clone())}
                {text_row(i18n, "current_residence", r.current_residence.clone())}
                {text_row(i18n, "temporary_absence", r.temporary_absence.clone())}
                {text_row(i18n, "residence_file_number", r.residence_file_number.clone())}
            },
        )}
        {r.household.clone().map(|household| household_section(i18n, &r.personal_id, household))}
        {section(
            tr(i18n, |l| td_string!(l, record.section_family)),
            view! {
                {relative_row(i18n, "father", r.father.as_ref())}
                {relative_row(i18n, "mother", r.mother.as_ref())}
                {relative_row(i18n, "spouse", r.spouse.as_ref())}
                {r.children.iter().map(|child| relative_row(i18n, "children", Some(child))).collect_view()}
                {r.legal_representative.as_ref().map(|p| relative_row(i18n, "legal_representative", Some(p)))}
                {r.represented_person.as_ref().map(|p| relative_row(i18n, "represented_person", Some(p)))}
            },
        )}
        {section(
            tr(i18n, |l| td_string!(l, record.section_card)),
            match card {
                Some(card) => view! {
                    {text_row(i18n, "personal_id", Some(r.personal_id.as_str().to_owned()))}
                    {text_row(i18n, "id_card.issued_on", Some(card.issued_on.to_display()))}
                    {text_row(i18n, "id_card.issued_by", Some(card.issued_by.clone()))}
                    {match card.valid_until {
                        Some(date) => text_row(i18n, "id_card.valid_until", Some(date.to_display())).into_any(),
                        None => row(
                            i18n,
                            "id_card.valid_until",
                            tr(i18n, |l| td_string!(l, record.valid_for_life)).into_any(),
                            String::new(),
                        ).into_any(),
                    }}
                    {text_row(i18n, "old_id_number", r.old_id_number.clone())}
                }.into_any(),
                None => view! {
                    <div class="app-record-list__row">
                        <dt class="app-visually-hidden">{tr(i18n, |l| td_string!(l, record.section_card))}</dt>
                        <dd class="app-record-list__value">{tr(i18n, |l| td_string!(l, record.no_card))}</dd>
                    </div>
                    {text_row(i18n, "old_id_number", r.old_id_number.clone())}
                }.into_any(),
            },
        )}
        {section(
            tr(i18n, |l| td_string!(l, record.section_contact)),
            view! {
                {text_row(i18n, "phone", r.phone.clone())}
                {text_row(i18n, "email", r.email.clone())}
            },
        )}
    }
}

/// The household: its head, the citizen's relationship to them, and its members, whose ID
/// numbers are masked (the citizen's own is not).
fn household_section(
    i18n: leptos_i18n::I18nContext<Locale>,
    own_id: &portal_api::PersonalId,
    household: Household,
) -> AnyView {
    let own_id = own_id.clone();
    let head = Relative {
        full_name: household.head_full_name.clone(),
        personal_id: (household.head_personal_id != own_id)
            .then(|| household.head_personal_id.clone()),
        nationality: String::new(),
    };
    let members = household
        .members
        .iter()
        .map(|member| {
            let id = (member.personal_id != own_id).then(|| member.personal_id.clone());
            view! {
                <li class="app-record-person">
                    <span class="app-record-person__name">{member.full_name.clone()}</span>
                    <span class="app-record-person__detail">{member.relationship_to_head.clone()}</span>
                    {id.map(|id| view! {
                        <span class="app-record-person__id">
                            {tr(i18n, |l| td_string!(l, record.id_of))} " "
                            <MaskedId id owner=member.full_name.clone() />
                        </span>
                    })}
                </li>
            }
        })
        .collect_view();
    section(
        tr(i18n, |l| td_string!(l, record.section_household)),
        view! {
            {relative_row(i18n, "household.head_full_name", Some(&head))}
            {text_row(i18n, "household.relationship_to_head", Some(household.relationship_to_head.clone()))}
            {row(
                i18n,
                "household.members",
                view! { <ul class="app-record-people">{members}</ul> }.into_any(),
                String::new(),
            )}
        },
    )
    .into_any()
}
