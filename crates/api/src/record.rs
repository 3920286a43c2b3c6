//! A citizen's population record: the items the Law on Identity 2023 (Article 9) lists.

use serde::{Deserialize, Serialize};

use crate::date::CalendarDate;
use crate::personal_id::PersonalId;
use crate::sex::Sex;

/// One person's record in the National Population Database, as the portal stores a copy of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PopulationRecord {
    /// Personal identification number (số định danh cá nhân).
    pub personal_id: PersonalId,
    /// Full name at birth (họ, chữ đệm và tên khai sinh).
    pub full_name: String,
    /// Other names, if any (tên gọi khác).
    #[serde(default)]
    pub other_names: Vec<String>,
    /// Date of birth.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date_of_birth: CalendarDate,
    /// Sex.
    pub sex: Sex,
    /// Place of birth (nơi sinh).
    pub place_of_birth: String,
    /// Place of birth registration (nơi đăng ký khai sinh).
    pub place_of_birth_registration: String,
    /// Native place (quê quán).
    pub native_place: String,
    /// Ethnicity (dân tộc).
    pub ethnicity: String,
    /// Religion (tôn giáo); "Không" when none.
    pub religion: String,
    /// Nationality (quốc tịch).
    pub nationality: String,
    /// Blood type, when recorded.
    pub blood_type: Option<String>,
    /// Marital status (tình trạng hôn nhân).
    pub marital_status: MaritalStatus,
    /// The old 9-digit identity card number (số CMND), when there was one.
    pub old_id_number: Option<String>,
    /// The chip citizen ID card, when issued.
    pub id_card: Option<IdCard>,
    /// Permanent residence (nơi thường trú).
    pub permanent_residence: Option<String>,
    /// Temporary residence (nơi tạm trú).
    pub temporary_residence: Option<String>,
    /// Current residence (nơi ở hiện tại).
    pub current_residence: Option<String>,
    /// Temporary-absence declaration (khai báo tạm vắng).
    pub temporary_absence: Option<String>,
    /// Residence file number (số hồ sơ cư trú).
    pub residence_file_number: Option<String>,
    /// The household the citizen belongs to.
    pub household: Option<Household>,
    /// Father.
    pub father: Option<Relative>,
    /// Mother.
    pub mother: Option<Relative>,
    /// Spouse.
    pub spouse: Option<Relative>,
    /// Children.
    #[serde(default)]
    pub children: Vec<Relative>,
    /// Legal representative, for minors and others who need one.
    pub legal_representative: Option<Relative>,
    /// The person this citizen legally represents.
    pub represented_person: Option<Relative>,
    /// Date of death, or a declaration that the person is missing.
    pub death_or_missing: Option<String>,
    /// Mobile phone number.
    pub phone: Option<String>,
    /// Email address.
    pub email: Option<String>,
}

/// Marital status as the record holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MaritalStatus {
    /// Chưa kết hôn.
    Single,
    /// Đã kết hôn.
    Married,
    /// Đã ly hôn.
    Divorced,
    /// Góa.
    Widowed,
}

/// The chip citizen ID card (thẻ Căn cước công dân / thẻ Căn cước).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdCard {
    /// Date of issue.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub issued_on: CalendarDate,
    /// The issuing authority, e.g. "Cục Cảnh sát quản lý hành chính về trật tự xã hội".
    pub issued_by: String,
    /// Valid until; `None` for cards valid for life.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub valid_until: Option<CalendarDate>,
}

/// A relative named in the record: name, ID number and nationality, as Article 9 lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Relative {
    /// Full name.
    pub full_name: String,
    /// Their personal identification number, when known.
    pub personal_id: Option<PersonalId>,
    /// Nationality.
    pub nationality: String,
}

/// The household (hộ gia đình) the citizen belongs to, which replaced the paper household book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Household {
    /// The head of household's full name.
    pub head_full_name: String,
    /// The head of household's personal identification number.
    pub head_personal_id: PersonalId,
    /// The citizen's relationship to the head, e.g. "Chủ hộ", "Vợ", "Con".
    pub relationship_to_head: String,
    /// The other members of the household.
    pub members: Vec<HouseholdMember>,
}

/// One member of a household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HouseholdMember {
    /// Full name.
    pub full_name: String,
    /// Personal identification number.
    pub personal_id: PersonalId,
    /// Relationship to the head of household.
    pub relationship_to_head: String,
}

impl PopulationRecord {
    /// The text of the QR code printed on the chip ID card, so the portal's card QR reads the
    /// same in any scanner: `ID|old ID|full name|date of birth ddmmyyyy|sex|permanent
    /// residence|date of issue ddmmyyyy`, empty where the record has nothing.
    pub fn card_qr_text(&self) -> String {
        let sex = match self.sex {
            Sex::Male => "Nam",
            Sex::Female => "Nữ",
            Sex::Unknown => "",
        };
        [
            self.personal_id.as_str(),
            self.old_id_number.as_deref().unwrap_or_default(),
            &self.full_name,
            &self.date_of_birth.to_compact(),
            sex,
            self.permanent_residence.as_deref().unwrap_or_default(),
            &self
                .id_card
                .as_ref()
                .map(|card| card.issued_on.to_compact())
                .unwrap_or_default(),
        ]
        .join("|")
    }

    /// Checks that the record's ID number agrees with its date of birth and sex.
    pub fn id_agrees_with_birth(&self) -> bool {
        self.personal_id
            .check_consistency(self.date_of_birth.year(), self.sex)
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> PopulationRecord {
        let json = r#"{
            "personal_id": "001085012345", "full_name": "Nguyễn Văn An", "other_names": [],
            "date_of_birth": "1985-03-14", "sex": "male", "place_of_birth": "Hà Nội",
            "place_of_birth_registration": "Hà Nội", "native_place": "Hà Nội",
            "ethnicity": "Kinh", "religion": "Không", "nationality": "Việt Nam",
            "blood_type": null, "marital_status": "married", "old_id_number": "012345678",
            "id_card": {"issued_on": "2025-02-20", "issued_by": "Bộ Công an", "valid_until": null},
            "permanent_residence": "Số 12, phố Trần Duy Hưng, Hà Nội",
            "temporary_residence": null, "current_residence": null, "temporary_absence": null,
            "residence_file_number": null, "household": null, "father": null, "mother": null,
            "spouse": null, "children": [], "legal_representative": null,
            "represented_person": null, "death_or_missing": null, "phone": null, "email": null
        }"#;
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn card_qr_text_follows_the_chip_cards_layout() {
        assert_eq!(
            record().card_qr_text(),
            "001085012345|012345678|Nguyễn Văn An|14031985|Nam|Số 12, phố Trần Duy Hưng, Hà Nội|20022025"
        );
    }

    #[test]
    fn card_qr_text_leaves_missing_items_empty() {
        let mut record = record();
        record.old_id_number = None;
        record.id_card = None;
        record.sex = Sex::Female;
        assert_eq!(
            record.card_qr_text(),
            "001085012345||Nguyễn Văn An|14031985|Nữ|Số 12, phố Trần Duy Hưng, Hà Nội|"
        );
    }

    #[test]
    fn the_id_agrees_with_birth() {
        assert!(record().id_agrees_with_birth());
    }
}
