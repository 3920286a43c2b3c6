//! The names of the record fields a citizen may share, in the citizen's language: the share
//! page's checkboxes and the verify page's list say the same words.

use portal_api::share::ShareableField;

use crate::i18n::*;

/// The label of `field` in `locale`.
pub fn field_label(locale: Locale, field: ShareableField) -> &'static str {
    match field {
        ShareableField::FullName => td_string!(locale, share.field_full_name),
        ShareableField::DateOfBirth => td_string!(locale, share.field_date_of_birth),
        ShareableField::Sex => td_string!(locale, share.field_sex),
        ShareableField::Nationality => td_string!(locale, share.field_nationality),
        ShareableField::PersonalId => td_string!(locale, share.field_personal_id),
        ShareableField::PermanentResidence => td_string!(locale, share.field_permanent_residence),
        ShareableField::CurrentResidence => td_string!(locale, share.field_current_residence),
    }
}
