//! The words for the record's fields and values, in one place, for the record page and for the
//! list of changes a refresh brings (whose fields come as paths such as
//! `household.members.1.full_name`).

use portal_api::date::CalendarDate;
use portal_api::record::MaritalStatus;
use portal_api::sex::Sex;

use crate::i18n::*;

/// The label of one key of the record (`current_residence`) or of a part of it (`issued_on`).
pub fn field_label(locale: Locale, key: &str) -> Option<&'static str> {
    Some(match key {
        "full_name" => td_string!(locale, record.full_name),
        "head_full_name" => td_string!(locale, record.household_head),
        "other_names" => td_string!(locale, record.other_names),
        "personal_id" | "head_personal_id" => td_string!(locale, record.personal_id),
        "date_of_birth" => td_string!(locale, record.date_of_birth),
        "sex" => td_string!(locale, record.sex),
        "ethnicity" => td_string!(locale, record.ethnicity),
        "religion" => td_string!(locale, record.religion),
        "nationality" => td_string!(locale, record.nationality),
        "blood_type" => td_string!(locale, record.blood_type),
        "marital_status" => td_string!(locale, record.marital_status),
        "place_of_birth" => td_string!(locale, record.place_of_birth),
        "place_of_birth_registration" => td_string!(locale, record.place_of_birth_registration),
        "native_place" => td_string!(locale, record.native_place),
        "permanent_residence" => td_string!(locale, record.permanent_residence),
        "temporary_residence" => td_string!(locale, record.temporary_residence),
        "current_residence" => td_string!(locale, record.current_residence),
        "temporary_absence" => td_string!(locale, record.temporary_absence),
        "residence_file_number" => td_string!(locale, record.residence_file_number),
        "household" => td_string!(locale, record.section_household),
        "relationship_to_head" => td_string!(locale, record.relationship_to_head),
        "members" => td_string!(locale, record.household_members),
        "father" => td_string!(locale, record.father),
        "mother" => td_string!(locale, record.mother),
        "spouse" => td_string!(locale, record.spouse),
        "children" => td_string!(locale, record.children),
        "legal_representative" => td_string!(locale, record.legal_representative),
        "represented_person" => td_string!(locale, record.represented_person),
        "death_or_missing" => td_string!(locale, record.death_or_missing),
        "old_id_number" => td_string!(locale, record.old_id_number),
        "id_card" => td_string!(locale, record.section_card),
        "issued_on" => td_string!(locale, record.card_issued_on),
        "issued_by" => td_string!(locale, record.card_issued_by),
        "valid_until" => td_string!(locale, record.card_valid_until),
        "phone" => td_string!(locale, record.phone),
        "email" => td_string!(locale, record.email),
        _ => return None,
    })
}

/// A changed field's path in words: `household.members.1.full_name` reads "Household ›
/// Household members 2 › Full name at birth". A key without a label keeps its own name, so a
/// field the server adds later still shows.
pub fn change_label(locale: Locale, path: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for segment in path.split('.') {
        match segment.parse::<usize>() {
            // List items count from 1 for people, and belong with the list's name.
            Ok(index) => match parts.last_mut() {
                Some(last) => *last = format!("{last} {}", index + 1),
                None => parts.push((index + 1).to_string()),
            },
            Err(_) => parts.push(field_label(locale, segment).unwrap_or(segment).to_owned()),
        }
    }
    parts.join(" › ")
}

/// A changed value as the record page would show it: dates as `dd/mm/yyyy`, sex and marital
/// status in words; anything else as it came.
pub fn change_value(locale: Locale, path: &str, value: &str) -> String {
    let key = path.rsplit('.').next().unwrap_or(path);
    if let Ok(date) = CalendarDate::parse_iso(value) {
        return date.to_display();
    }
    // The API's own names for the values (`Sex`, `MaritalStatus` in snake case).
    let text = match (key, value) {
        ("sex", "male") => sex_text(locale, Sex::Male),
        ("sex", "female") => sex_text(locale, Sex::Female),
        ("sex", "unknown") => sex_text(locale, Sex::Unknown),
        ("marital_status", "single") => marital_text(locale, MaritalStatus::Single),
        ("marital_status", "married") => marital_text(locale, MaritalStatus::Married),
        ("marital_status", "divorced") => marital_text(locale, MaritalStatus::Divorced),
        ("marital_status", "widowed") => marital_text(locale, MaritalStatus::Widowed),
        _ => value,
    };
    text.to_owned()
}

/// "Nam" / "Nữ".
pub fn sex_text(locale: Locale, sex: Sex) -> &'static str {
    match sex {
        Sex::Male => td_string!(locale, record.sex_male),
        Sex::Female => td_string!(locale, record.sex_female),
        Sex::Unknown => td_string!(locale, record.sex_unknown),
    }
}

/// "Đã kết hôn" and the others.
pub fn marital_text(locale: Locale, status: MaritalStatus) -> &'static str {
    match status {
        MaritalStatus::Single => td_string!(locale, record.marital_single),
        MaritalStatus::Married => td_string!(locale, record.marital_married),
        MaritalStatus::Divorced => td_string!(locale, record.marital_divorced),
        MaritalStatus::Widowed => td_string!(locale, record.marital_widowed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_top_level_field_reads_as_its_label() {
        assert_eq!(
            change_label(Locale::vi, "current_residence"),
            "Nơi ở hiện tại"
        );
        assert_eq!(
            change_label(Locale::en, "current_residence"),
            "Current residence"
        );
    }

    #[test]
    fn list_items_count_from_one_beside_their_list() {
        assert_eq!(
            change_label(Locale::vi, "household.members.1.full_name"),
            "Hộ gia đình › Thành viên hộ gia đình 2 › Họ, chữ đệm và tên khai sinh"
        );
        assert_eq!(
            change_label(Locale::en, "children.0.personal_id"),
            "Children 1 › Personal identification number"
        );
    }

    #[test]
    fn an_unknown_key_keeps_its_name() {
        assert_eq!(
            change_label(Locale::en, "id_card.chip_serial"),
            "Citizen ID card › chip_serial"
        );
    }

    #[test]
    fn values_read_as_on_the_page() {
        assert_eq!(
            change_value(Locale::vi, "id_card.issued_on", "2025-02-20"),
            "20/02/2025"
        );
        assert_eq!(change_value(Locale::vi, "sex", "female"), "Nữ");
        assert_eq!(
            change_value(Locale::en, "marital_status", "married"),
            "Married"
        );
        assert_eq!(
            change_value(Locale::vi, "current_residence", "Số 5, Hà Nội"),
            "Số 5, Hà Nội"
        );
    }
}
