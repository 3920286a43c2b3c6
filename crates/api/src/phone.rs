//! Vietnamese mobile phone numbers, as citizens type them and as the portal stores them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::FieldErrorCode;

/// A Vietnamese mobile number in its national form, `0` and nine digits (`0912345678`).
///
/// Citizens type it as `0912 345 678`, `+84 912 345 678` or `84912345678`; all of them parse
/// to the same number. Mobile numbers start with 03, 05, 07, 08 or 09 since the 2018
/// renumbering, which is what the SMS code goes to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Reads a number as typed. Spaces, dots, dashes and parentheses are ignored.
    pub fn parse(text: &str) -> Result<Self, FieldErrorCode> {
        let cleaned: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '\u{a0}'))
            .collect();
        if cleaned.is_empty() {
            return Err(FieldErrorCode::Required);
        }
        let national = if let Some(rest) = cleaned.strip_prefix("+84") {
            format!("0{rest}")
        } else if cleaned.len() == 11 && cleaned.starts_with("84") {
            format!("0{}", &cleaned[2..])
        } else {
            cleaned
        };
        let bytes = national.as_bytes();
        let shaped = bytes.len() == 10
            && bytes.iter().all(u8::is_ascii_digit)
            && bytes[0] == b'0'
            && matches!(bytes[1], b'3' | b'5' | b'7' | b'8' | b'9');
        if shaped {
            Ok(Self(national))
        } else {
            Err(FieldErrorCode::InvalidFormat)
        }
    }

    /// The ten digits, `0912345678`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// All but the last four digits hidden, `••••••5678`: enough for the citizen to recognise
    /// their phone, too little for someone looking over their shoulder.
    pub fn masked(&self) -> String {
        format!("••••••{}", &self.0[self.0.len() - 4..])
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text).map_err(|_| format!("not a Vietnamese mobile number: {text}"))
    }
}

impl From<PhoneNumber> for String {
    fn from(phone: PhoneNumber) -> Self {
        phone.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_usual_spelling_reads_as_the_national_form() {
        for typed in [
            "0912345678",
            "0912 345 678",
            "0912.345.678",
            "+84 912 345 678",
            "+84912345678",
            "84912345678",
            "(091) 234-5678",
        ] {
            assert_eq!(
                PhoneNumber::parse(typed).unwrap().as_str(),
                "0912345678",
                "{typed}"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_a_mobile_number() {
        assert_eq!(PhoneNumber::parse("  "), Err(FieldErrorCode::Required));
        for typed in [
            "091234567",   // nine digits
            "09123456789", // eleven
            "0212345678",  // a landline prefix
            "1912345678",  // no leading zero
            "09123456ab",
            "+1 912 345 6789",
        ] {
            assert_eq!(
                PhoneNumber::parse(typed),
                Err(FieldErrorCode::InvalidFormat),
                "{typed}"
            );
        }
    }

    #[test]
    fn masks_all_but_the_last_four_digits() {
        assert_eq!(
            PhoneNumber::parse("0912345678").unwrap().masked(),
            "••••••5678"
        );
    }

    #[test]
    fn serde_keeps_the_national_form_and_refuses_bad_numbers() {
        let phone = PhoneNumber::parse("+84 987 654 321").unwrap();
        assert_eq!(serde_json::to_string(&phone).unwrap(), r#""0987654321""#);
        assert!(serde_json::from_str::<PhoneNumber>(r#""12""#).is_err());
    }
}
