//! Kiosks registered by a site's staff (issue 11: a kiosk is a device, not an address).
//!
//! Staff register a kiosk (`portal-server register-kiosk`, or on a demo server
//! `POST /api/v1/operator/kiosks` with a [`NewKiosk`]) and get a [`KioskRegistration`] whose
//! token goes into that kiosk's `config.json` ([`crate::ClientConfig::kiosk_device_token`]).
//! The app sends it in a [`KioskDeviceToken`] to `POST /api/v1/kiosk-device`, which answers
//! with the HttpOnly device cookie ([`crate::KIOSK_COOKIE`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::FieldErrorCode;
use crate::text::is_blank;

/// Longest name or site of a kiosk, in characters.
pub const KIOSK_TEXT_MAX_LEN: usize = 100;

/// Longest kiosk token accepted (a registered one is 64 hex digits).
pub const KIOSK_TOKEN_MAX_LEN: usize = 128;

/// A kiosk to register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewKiosk {
    /// What the site's staff call it, e.g. "Ki-ốt 2".
    pub name: String,
    /// Where it stands, e.g. "Nhà văn hóa tổ 12, phường Dịch Vọng Hậu".
    pub site: String,
}

impl NewKiosk {
    /// Both fields not blank and at most [`KIOSK_TEXT_MAX_LEN`] characters.
    pub fn validate(&self) -> Result<(), BTreeMap<String, FieldErrorCode>> {
        let mut errors = BTreeMap::new();
        for (field, text) in [("name", &self.name), ("site", &self.site)] {
            if is_blank(text) {
                errors.insert(field.to_owned(), FieldErrorCode::Required);
            } else if text.chars().count() > KIOSK_TEXT_MAX_LEN {
                errors.insert(field.to_owned(), FieldErrorCode::TooLong);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// A kiosk just registered: the token is shown this once, and the server keeps only its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KioskRegistration {
    /// Identifies the kiosk, to revoke it.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its site.
    pub site: String,
    /// The secret to put in the kiosk's own `config.json` as `kiosk_device_token`.
    pub token: String,
}

/// `POST /api/v1/kiosk-device`: the kiosk's token, from its `config.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KioskDeviceToken {
    /// The token staff put in the kiosk's `config.json`.
    pub token: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kiosk_needs_a_name_and_a_site_of_reasonable_length() {
        let kiosk = NewKiosk {
            name: "Ki-ốt 1".into(),
            site: "Nhà văn hóa tổ 12".into(),
        };
        assert_eq!(kiosk.validate(), Ok(()));
        let errors = NewKiosk {
            name: " ".into(),
            site: "x".repeat(KIOSK_TEXT_MAX_LEN + 1),
        }
        .validate()
        .unwrap_err();
        assert_eq!(errors["name"], FieldErrorCode::Required);
        assert_eq!(errors["site"], FieldErrorCode::TooLong);
    }
}
