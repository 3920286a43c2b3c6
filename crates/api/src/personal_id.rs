//! The 12-digit personal identification number (số định danh cá nhân).
//!
//! Layout (Decree 137/2015/ND-CP, Circular 07/2016/TT-BCA): three digits of the province where
//! the birth was registered, one digit for century and sex, two digits of the birth year, six
//! random digits. There is no check digit, so a client can check only the shape, the province,
//! and that the century/sex digit and year agree with the person's date of birth and sex.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::FieldErrorCode;
use crate::province::province_name;
use crate::sex::Sex;

/// The number of digits in a personal identification number.
pub const PERSONAL_ID_LEN: usize = 12;

/// A personal identification number whose shape and province code are valid.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonalId(String);

/// Why a text is not a personal identification number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonalIdError {
    /// Nothing was typed.
    Empty,
    /// Not exactly 12 digits (after removing spaces).
    InvalidFormat,
    /// The first three digits are no province code.
    UnknownProvince,
    /// The century/sex digit or the year digits disagree with the date of birth or sex.
    InconsistentWithBirth,
}

impl PersonalIdError {
    /// The field error the API reports for this.
    pub const fn field_code(self) -> FieldErrorCode {
        match self {
            Self::Empty => FieldErrorCode::Required,
            Self::InvalidFormat => FieldErrorCode::InvalidFormat,
            Self::UnknownProvince => FieldErrorCode::UnknownProvince,
            Self::InconsistentWithBirth => FieldErrorCode::InconsistentWithBirth,
        }
    }
}

impl PersonalId {
    /// Checks a number as typed. Spaces and dots between digit groups are ignored, since
    /// citizens copy the number from the card in groups (`001 090 012345`).
    pub fn parse(text: &str) -> Result<Self, PersonalIdError> {
        let digits: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '\u{a0}'))
            .collect();
        if digits.is_empty() {
            return Err(PersonalIdError::Empty);
        }
        if digits.len() != PERSONAL_ID_LEN || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PersonalIdError::InvalidFormat);
        }
        let id = Self(digits);
        if province_name(id.province_code()).is_none() {
            return Err(PersonalIdError::UnknownProvince);
        }
        Ok(id)
    }

    /// The twelve digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code of the province where the birth was registered (e.g. 1 for Hà Nội).
    pub fn province_code(&self) -> u16 {
        self.digits(0, 3)
    }

    /// The name of the province where the birth was registered.
    pub fn province(&self) -> Option<&'static str> {
        province_name(self.province_code())
    }

    /// The birth year the number encodes: 0/1 mean 1900s, 2/3 2000s, 4/5 2100s and so on.
    pub fn birth_year(&self) -> u16 {
        let century_digit = self.digits(3, 4);
        1900 + (century_digit / 2) * 100 + self.digits(4, 6)
    }

    /// The sex the number encodes: an even century digit is male, an odd one female.
    pub fn sex(&self) -> Sex {
        if self.digits(3, 4).is_multiple_of(2) {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// Checks the number against the date of birth and sex it is recorded with.
    pub fn check_consistency(&self, birth_year: u16, sex: Sex) -> Result<(), PersonalIdError> {
        let sex_agrees = sex == Sex::Unknown || sex == self.sex();
        if self.birth_year() == birth_year && sex_agrees {
            Ok(())
        } else {
            Err(PersonalIdError::InconsistentWithBirth)
        }
    }

    /// The number with all but its first three and last two digits hidden, `001•••••••45`,
    /// for showing relatives' numbers without giving them away to a passer-by.
    pub fn masked(&self) -> String {
        let hidden = "•".repeat(PERSONAL_ID_LEN - 5);
        format!(
            "{}{}{}",
            &self.0[..3],
            hidden,
            &self.0[PERSONAL_ID_LEN - 2..]
        )
    }

    fn digits(&self, from: usize, to: usize) -> u16 {
        self.0.as_bytes()[from..to]
            .iter()
            .fold(0, |n, b| n * 10 + u16::from(b - b'0'))
    }
}

impl fmt::Display for PersonalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for PersonalId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PersonalId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(|_| {
            serde::de::Error::custom("expected a 12-digit personal identification number")
        })
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for PersonalId {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some("^[0-9]{12}$"))
            .description(Some(
                "12-digit personal identification number (số định danh cá nhân)",
            ))
            .examples(["001090012345"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for PersonalId {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_numbers_and_reads_their_parts() {
        let id = PersonalId::parse("001090012345").unwrap();
        assert_eq!(id.province(), Some("Hà Nội"));
        assert_eq!(id.birth_year(), 1990);
        assert_eq!(id.sex(), Sex::Male);

        let id = PersonalId::parse("079305000123").unwrap();
        assert_eq!(id.province(), Some("Hồ Chí Minh"));
        assert_eq!(id.birth_year(), 2005);
        assert_eq!(id.sex(), Sex::Female);

        let id = PersonalId::parse("096401000001").unwrap();
        assert_eq!(id.birth_year(), 2101);
        assert_eq!(id.sex(), Sex::Male);
    }

    #[test]
    fn ignores_group_separators_citizens_type() {
        assert_eq!(
            PersonalId::parse("001 090 012345").unwrap().as_str(),
            "001090012345"
        );
        assert_eq!(
            PersonalId::parse(" 001.090.012.345 ").unwrap().as_str(),
            "001090012345"
        );
    }

    #[test]
    fn refuses_wrong_shapes() {
        assert_eq!(PersonalId::parse(""), Err(PersonalIdError::Empty));
        assert_eq!(PersonalId::parse("   "), Err(PersonalIdError::Empty));
        for text in [
            "00109001234",
            "0010900123456",
            "00109001234a",
            "001-090-012345",
            "１２３４５６７８９０１２",
        ] {
            assert_eq!(
                PersonalId::parse(text),
                Err(PersonalIdError::InvalidFormat),
                "{text}"
            );
        }
    }

    #[test]
    fn refuses_codes_that_are_no_province() {
        for text in [
            "000090012345",
            "003090012345",
            "097090012345",
            "999090012345",
        ] {
            assert_eq!(
                PersonalId::parse(text),
                Err(PersonalIdError::UnknownProvince),
                "{text}"
            );
        }
    }

    #[test]
    fn checks_century_sex_and_year_against_the_record() {
        let id = PersonalId::parse("001190012345").unwrap(); // female, 1990
        assert_eq!(id.check_consistency(1990, Sex::Female), Ok(()));
        assert_eq!(id.check_consistency(1990, Sex::Unknown), Ok(()));
        assert_eq!(
            id.check_consistency(1990, Sex::Male),
            Err(PersonalIdError::InconsistentWithBirth)
        );
        assert_eq!(
            id.check_consistency(2090, Sex::Female),
            Err(PersonalIdError::InconsistentWithBirth)
        );
        assert_eq!(
            id.check_consistency(1991, Sex::Female),
            Err(PersonalIdError::InconsistentWithBirth)
        );
    }

    #[test]
    fn masks_all_but_the_ends() {
        let id = PersonalId::parse("001090012345").unwrap();
        assert_eq!(id.masked(), "001•••••••45");
        assert_eq!(id.masked().chars().count(), PERSONAL_ID_LEN);
    }

    #[test]
    fn serde_round_trip_checks_the_number() {
        let id = PersonalId::parse("001090012345").unwrap();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, r#""001090012345""#);
        assert_eq!(serde_json::from_str::<PersonalId>(&json).unwrap(), id);
        assert!(serde_json::from_str::<PersonalId>(r#""000090012345""#).is_err());
    }

    #[test]
    fn errors_map_to_field_codes() {
        assert_eq!(
            PersonalIdError::Empty.field_code(),
            FieldErrorCode::Required
        );
        assert_eq!(
            PersonalIdError::UnknownProvince.field_code(),
            FieldErrorCode::UnknownProvince
        );
    }
}
