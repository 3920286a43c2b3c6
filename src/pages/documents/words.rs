//! The words for document categories, in one place for the list, the filters and the detail.

use portal_api::documents::DocumentCategory;

use crate::i18n::*;

/// "Hộ tịch", "Cư trú" and the others.
pub fn category_text(locale: Locale, category: DocumentCategory) -> &'static str {
    match category {
        DocumentCategory::CivilStatus => td_string!(locale, documents.cat_civil_status),
        DocumentCategory::Residence => td_string!(locale, documents.cat_residence),
        DocumentCategory::Identity => td_string!(locale, documents.cat_identity),
        DocumentCategory::CertifiedCopy => td_string!(locale, documents.cat_certified_copy),
        DocumentCategory::Application => td_string!(locale, documents.cat_application),
        DocumentCategory::HealthInsurance => td_string!(locale, documents.cat_health_insurance),
        DocumentCategory::DrivingLicence => td_string!(locale, documents.cat_driving_licence),
        DocumentCategory::Education => td_string!(locale, documents.cat_education),
        DocumentCategory::SocialInsurance => td_string!(locale, documents.cat_social_insurance),
        DocumentCategory::Land => td_string!(locale, documents.cat_land),
        DocumentCategory::Other => td_string!(locale, documents.cat_other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_words_in_both_languages() {
        for category in DocumentCategory::ALL {
            assert!(!category_text(Locale::vi, category).is_empty());
            assert_ne!(
                category_text(Locale::vi, category),
                category_text(Locale::en, category)
            );
        }
    }
}
