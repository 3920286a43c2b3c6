//! Signing in: a password step, then a one-time code sent by SMS to the verified phone.
//!
//! `POST /api/v1/sign-in` takes a [`PasswordSignIn`] and answers a [`CodeChallenge`];
//! `POST /api/v1/sign-in/code` takes a [`CodeVerification`] and answers the new
//! [`crate::SessionInfo`] with the session cookie; `POST /api/v1/sign-in/resend` takes a
//! [`CodeResend`] and answers a fresh [`CodeChallenge`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::FieldErrorCode;
use crate::personal_id::{PERSONAL_ID_LEN, PersonalId};
use crate::phone::PhoneNumber;
use crate::text::{BLANK, is_blank};

/// Digits in the one-time code.
pub const CODE_LEN: usize = 6;
/// Longest password accepted; longer input is refused before it reaches the hash.
pub const PASSWORD_MAX_LEN: usize = 128;
/// Longest identifier accepted, as typed: room for `+84 (912) 345-678` and spaces to spare.
pub const IDENTIFIER_MAX_LEN: usize = 40;
/// The JSON Schema `pattern` of the code field: six digits, blank characters allowed anywhere
/// (the same characters [`validate_code`] drops; see [`crate::text::BLANK`]).
pub const CODE_PATTERN: &str =
    r"^[ \t\n\r\u000b\u000c\u00a0]*(?:[0-9][ \t\n\r\u000b\u000c\u00a0]*){6}$";
/// Seconds a code stays valid.
pub const CODE_TTL_SECONDS: u32 = 5 * 60;
/// Wrong codes allowed before the citizen must start again.
pub const CODE_ATTEMPTS: u32 = 3;
/// Seconds before another code may be sent.
pub const RESEND_AFTER_SECONDS: u32 = 60;
/// Wrong passwords within [`LOCKOUT_WINDOW_SECONDS`] that lock the account.
pub const LOCKOUT_FAILURES: u32 = 5;
/// The window in which wrong passwords count, and how long a lock lasts.
pub const LOCKOUT_WINDOW_SECONDS: u32 = 15 * 60;

/// What a citizen signs in with: their personal identification number, or their verified
/// mobile number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInIdentifier {
    /// The 12-digit personal identification number.
    PersonalId(PersonalId),
    /// The verified mobile number.
    Phone(PhoneNumber),
}

impl SignInIdentifier {
    /// Reads the identifier field: twelve digits are a personal identification number (with
    /// its province check), a number in a phone's shape is a phone number.
    pub fn parse(text: &str) -> Result<Self, FieldErrorCode> {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        if is_blank(text) {
            return Err(FieldErrorCode::Required);
        }
        if text.chars().count() > IDENTIFIER_MAX_LEN {
            return Err(FieldErrorCode::TooLong);
        }
        let plus = text.trim_start().starts_with('+');
        if digits.len() == PERSONAL_ID_LEN && !plus {
            return PersonalId::parse(text)
                .map(Self::PersonalId)
                .map_err(|e| e.field_code());
        }
        PhoneNumber::parse(text).map(Self::Phone)
    }
}

/// The first step: identifier and password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordSignIn {
    /// The personal identification number or the verified mobile number, as typed.
    pub identifier: String,
    /// The account's password.
    pub password: String,
}

impl PasswordSignIn {
    /// The rules the browser applies before sending and the server applies on receipt;
    /// the error map is keyed by field name (`identifier`, `password`).
    pub fn validate(&self) -> Result<SignInIdentifier, BTreeMap<String, FieldErrorCode>> {
        let mut fields = BTreeMap::new();
        let identifier = SignInIdentifier::parse(&self.identifier);
        if let Err(code) = &identifier {
            fields.insert("identifier".to_owned(), *code);
        }
        if self.password.is_empty() {
            fields.insert("password".to_owned(), FieldErrorCode::Required);
        } else if self.password.chars().count() > PASSWORD_MAX_LEN {
            fields.insert("password".to_owned(), FieldErrorCode::TooLong);
        }
        match identifier {
            Ok(identifier) if fields.is_empty() => Ok(identifier),
            _ => Err(fields),
        }
    }
}

/// A code was sent: where to, and the clock the citizen is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeChallenge {
    /// Identifies this sign-in attempt in the next step; opaque, random, short-lived.
    pub challenge_id: String,
    /// The verified phone the code went to, masked: `••••••5678`.
    pub phone_masked: String,
    /// Seconds until the code expires.
    pub expires_in_seconds: u32,
    /// Seconds until another code may be sent.
    pub resend_in_seconds: u32,
    /// Wrong codes still allowed.
    pub attempts_left: u32,
}

/// The second step: the code from the SMS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeVerification {
    /// From the [`CodeChallenge`].
    pub challenge_id: String,
    /// The six digits, as typed (spaces allowed).
    pub code: String,
}

impl CodeVerification {
    /// The six digits without spaces, or why the field is refused (keyed `code`).
    pub fn validate(&self) -> Result<String, BTreeMap<String, FieldErrorCode>> {
        validate_code(&self.code).map_err(|code| BTreeMap::from([("code".to_owned(), code)]))
    }
}

/// Checks a one-time code as typed: six digits, spaces ignored.
pub fn validate_code(text: &str) -> Result<String, FieldErrorCode> {
    let code: String = text.chars().filter(|c| !BLANK.contains(c)).collect();
    if code.is_empty() {
        Err(FieldErrorCode::Required)
    } else if code.len() != CODE_LEN || !code.bytes().all(|b| b.is_ascii_digit()) {
        Err(FieldErrorCode::InvalidFormat)
    } else {
        Ok(code)
    }
}

/// Asks for a new code for the same sign-in attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeResend {
    /// From the [`CodeChallenge`].
    pub challenge_id: String,
}

/// Where a session was opened: a citizen's own device, or a shared kiosk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The portal in a browser.
    Web,
    /// A shared kiosk at a public service point.
    Kiosk,
}

/// One of the citizen's sessions that has not ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActiveSession {
    /// Identifies the session to end or report it; not the secret token.
    pub id: String,
    /// When it was opened (RFC 3339, UTC).
    pub started_at: String,
    /// When it was last used (RFC 3339, UTC).
    pub last_active_at: String,
    /// The browser and system, as the browser names itself, shortened ("Chrome on Android").
    pub device: String,
    /// Web or kiosk.
    pub channel: Channel,
    /// The registered kiosk it was opened on, as "name, site" ("Ki-ốt 2, Nhà văn hóa tổ
    /// 12"); absent for a citizen's own device and an unregistered kiosk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kiosk: Option<String>,
    /// This is the session asking.
    pub current: bool,
}

/// `POST /api/v1/account/sessions/{id}/report`: what "This wasn't me" undid besides ending
/// the session. Whoever held it may have handed out what it made, so every live document
/// link and record share code it made is revoked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionReport {
    /// Document share links made in the session, revoked now.
    pub revoked_document_links: u32,
    /// Record share codes made in the session, revoked now.
    pub revoked_share_codes: u32,
}

/// How a sign-in attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignInOutcome {
    /// Signed in.
    Succeeded,
    /// The password was wrong.
    WrongPassword,
    /// The password was right, the code was not.
    WrongCode,
    /// Refused because the account was locked.
    Locked,
}

/// One sign-in attempt on the citizen's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRecord {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// The browser and system ("Firefox on Windows").
    pub device: String,
    /// Web or kiosk.
    pub channel: Channel,
    /// How it ended.
    pub outcome: SignInOutcome,
}

/// `GET /api/v1/account/activity`: the citizen's open sessions and recent sign-ins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountActivity {
    /// Sessions that have not ended, the current one first.
    pub sessions: Vec<ActiveSession>,
    /// The last 20 sign-in attempts, newest first.
    pub sign_ins: Vec<SignInRecord>,
}

/// A message the reference backend's SMS gateway sent, as its development outbox shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsMessage {
    /// The phone it went to.
    pub to: String,
    /// The text.
    pub text: String,
    /// When (RFC 3339, UTC).
    pub sent_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_digits_are_a_personal_id_and_phone_shapes_a_phone() {
        assert!(matches!(
            SignInIdentifier::parse("001 085 012345"),
            Ok(SignInIdentifier::PersonalId(_))
        ));
        assert!(matches!(
            SignInIdentifier::parse("0912 345 678"),
            Ok(SignInIdentifier::Phone(_))
        ));
        assert!(matches!(
            SignInIdentifier::parse("+84912345678"),
            Ok(SignInIdentifier::Phone(_))
        ));
    }

    #[test]
    fn identifier_errors_name_the_rule() {
        assert_eq!(SignInIdentifier::parse(" "), Err(FieldErrorCode::Required));
        assert_eq!(
            SignInIdentifier::parse("999085012345"),
            Err(FieldErrorCode::UnknownProvince)
        );
        assert_eq!(
            SignInIdentifier::parse("12345"),
            Err(FieldErrorCode::InvalidFormat)
        );
        assert_eq!(
            SignInIdentifier::parse("nguyen van an"),
            Err(FieldErrorCode::InvalidFormat)
        );
    }

    #[test]
    fn password_sign_in_reports_every_field() {
        let empty = PasswordSignIn {
            identifier: String::new(),
            password: String::new(),
        };
        let fields = empty.validate().unwrap_err();
        assert_eq!(fields["identifier"], FieldErrorCode::Required);
        assert_eq!(fields["password"], FieldErrorCode::Required);

        let long = PasswordSignIn {
            identifier: "001085012345".to_owned(),
            password: "x".repeat(PASSWORD_MAX_LEN + 1),
        };
        let fields = long.validate().unwrap_err();
        assert_eq!(fields.len(), 1);
        assert_eq!(fields["password"], FieldErrorCode::TooLong);

        let good = PasswordSignIn {
            identifier: "001085012345".to_owned(),
            password: "Demo@2026".to_owned(),
        };
        assert!(good.validate().is_ok());
    }

    #[test]
    fn codes_are_six_digits() {
        assert_eq!(validate_code("123 456"), Ok("123456".to_owned()));
        assert_eq!(validate_code(""), Err(FieldErrorCode::Required));
        assert_eq!(validate_code("12345"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(validate_code("12345a"), Err(FieldErrorCode::InvalidFormat));
        assert_eq!(validate_code("1234567"), Err(FieldErrorCode::InvalidFormat));
    }

    #[test]
    fn round_trips() {
        let challenge = CodeChallenge {
            challenge_id: "abc".to_owned(),
            phone_masked: "••••••5678".to_owned(),
            expires_in_seconds: CODE_TTL_SECONDS,
            resend_in_seconds: RESEND_AFTER_SECONDS,
            attempts_left: CODE_ATTEMPTS,
        };
        let json = serde_json::to_string(&challenge).unwrap();
        assert_eq!(
            serde_json::from_str::<CodeChallenge>(&json).unwrap(),
            challenge
        );
        assert_eq!(
            serde_json::to_string(&Channel::Kiosk).unwrap(),
            r#""kiosk""#
        );
        assert_eq!(
            serde_json::to_string(&SignInOutcome::WrongPassword).unwrap(),
            r#""wrong_password""#
        );
    }
}
