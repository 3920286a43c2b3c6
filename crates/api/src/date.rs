//! Calendar dates as the API carries them (`YYYY-MM-DD`) and citizens read them (`dd/mm/yyyy`).
//!
//! A small type of our own rather than `time` or `chrono`: the browser only needs to check,
//! compare and format dates, and those crates would cost the wasm far more than this does.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A day on the Gregorian calendar, always a real one (no 30 February).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD` / `dd/mm/yyyy`.
    InvalidFormat,
    /// Well formed, but no such day (month 13, 31 April, 29 February of a common year).
    NoSuchDay,
}

impl CalendarDate {
    /// The date, if such a day exists (years 1000 to 9999).
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, DateError> {
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(DateError::NoSuchDay);
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay);
        }
        Ok(Self { year, month, day })
    }

    /// The year, e.g. 1990.
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub const fn day(self) -> u8 {
        self.day
    }

    /// Reads the API's `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Result<Self, DateError> {
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(DateError::InvalidFormat);
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(DateError::InvalidFormat);
        }
        Self::new(number(y)?, number(m)?, number(d)?)
    }

    /// Reads what a citizen types, `dd/mm/yyyy` (one-digit day and month allowed).
    pub fn parse_display(text: &str) -> Result<Self, DateError> {
        let mut parts = text.trim().split('/');
        let (Some(d), Some(m), Some(y), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(DateError::InvalidFormat);
        };
        if y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
            return Err(DateError::InvalidFormat);
        }
        Self::new(number(y)?, number(m)?, number(d)?)
    }

    /// The date as Vietnamese citizens read it: `dd/mm/yyyy`.
    pub fn to_display(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// The date as the chip ID card's QR code writes it: `ddmmyyyy`.
    pub fn to_compact(self) -> String {
        format!("{:02}{:02}{:04}", self.day, self.month, self.year)
    }
}

impl fmt::Display for CalendarDate {
    /// Formats as the API's `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for CalendarDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CalendarDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse_iso(&text).map_err(|_| serde::de::Error::custom("expected a date YYYY-MM-DD"))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for CalendarDate {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                utoipa::openapi::KnownFormat::Date,
            )))
            .examples(["1990-05-17"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for CalendarDate {}

fn number<T: std::str::FromStr>(digits: &str) -> Result<T, DateError> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::InvalidFormat);
    }
    digits.parse().map_err(|_| DateError::InvalidFormat)
}

const fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats_both_forms() {
        let date = CalendarDate::parse_iso("1990-05-07").unwrap();
        assert_eq!(date.to_display(), "07/05/1990");
        assert_eq!(date.to_compact(), "07051990");
        assert_eq!(date.to_string(), "1990-05-07");
        assert_eq!(CalendarDate::parse_display("7/5/1990"), Ok(date));
        assert_eq!(CalendarDate::parse_display(" 07/05/1990 "), Ok(date));
    }

    #[test]
    fn refuses_days_that_do_not_exist() {
        assert_eq!(
            CalendarDate::parse_iso("2023-02-29"),
            Err(DateError::NoSuchDay)
        );
        assert!(CalendarDate::parse_iso("2024-02-29").is_ok());
        assert_eq!(
            CalendarDate::parse_iso("1900-02-29"),
            Err(DateError::NoSuchDay)
        );
        assert!(CalendarDate::parse_iso("2000-02-29").is_ok());
        assert_eq!(
            CalendarDate::parse_iso("2024-04-31"),
            Err(DateError::NoSuchDay)
        );
        assert_eq!(
            CalendarDate::parse_iso("2024-13-01"),
            Err(DateError::NoSuchDay)
        );
        assert_eq!(
            CalendarDate::parse_iso("2024-00-10"),
            Err(DateError::NoSuchDay)
        );
        assert_eq!(
            CalendarDate::parse_display("00/01/2024"),
            Err(DateError::NoSuchDay)
        );
    }

    #[test]
    fn refuses_malformed_text() {
        for text in [
            "",
            "1990-5-07",
            "1990/05/07",
            "19900507",
            "1990-05-07-01",
            "abcd-ef-gh",
            "+990-05-07",
        ] {
            assert_eq!(
                CalendarDate::parse_iso(text),
                Err(DateError::InvalidFormat),
                "{text}"
            );
        }
        for text in ["", "07-05-1990", "7/5/90", "07/05/1990/1", "a/b/cdef"] {
            assert_eq!(
                CalendarDate::parse_display(text),
                Err(DateError::InvalidFormat),
                "{text}"
            );
        }
    }

    #[test]
    fn serde_uses_iso_text_and_checks_it() {
        let date = CalendarDate::new(2001, 12, 31).unwrap();
        assert_eq!(serde_json::to_string(&date).unwrap(), r#""2001-12-31""#);
        assert_eq!(
            serde_json::from_str::<CalendarDate>(r#""2001-12-31""#).unwrap(),
            date
        );
        assert!(serde_json::from_str::<CalendarDate>(r#""2001-02-30""#).is_err());
    }

    #[test]
    fn dates_order_chronologically() {
        let a = CalendarDate::new(1999, 12, 31).unwrap();
        let b = CalendarDate::new(2000, 1, 1).unwrap();
        assert!(a < b);
    }
}
