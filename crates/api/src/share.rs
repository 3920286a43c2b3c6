//! Signed share codes: the citizen picks fields of their record and a validity, the server
//! signs them (Ed25519), and anyone can check the code on the public `/verify` page against
//! the portal's published keys, without signing in.
//!
//! A code is `<payload>.<signature>`, both base64url without padding: the payload is the JSON
//! of [`SharePayload`], the signature is Ed25519 over the payload's base64url text. The QR
//! holds the verify page's URL with the code after `#`, so a phone camera opens the page and
//! the code never reaches a server log.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::FieldErrorCode;

/// Shortest validity a citizen may choose, in minutes.
pub const MIN_VALID_MINUTES: u32 = 10;
/// Longest validity, in minutes (24 hours).
pub const MAX_VALID_MINUTES: u32 = 24 * 60;
/// The signature algorithm of every key.
pub const ALGORITHM: &str = "Ed25519";

/// A field of the record a citizen may share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShareableField {
    /// Full name.
    FullName,
    /// Date of birth, `dd/mm/yyyy`.
    DateOfBirth,
    /// Sex, "Nam"/"Nữ".
    Sex,
    /// Nationality.
    Nationality,
    /// Personal identification number.
    PersonalId,
    /// Permanent residence.
    PermanentResidence,
    /// Current residence.
    CurrentResidence,
}

impl ShareableField {
    /// Every shareable field, in the order the record page lists them.
    pub const ALL: [Self; 7] = [
        Self::FullName,
        Self::DateOfBirth,
        Self::Sex,
        Self::Nationality,
        Self::PersonalId,
        Self::PermanentResidence,
        Self::CurrentResidence,
    ];
}

/// `POST /api/v1/shares`: what to share and for how long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateShare {
    /// The fields, at least one.
    pub fields: Vec<ShareableField>,
    /// Minutes the code stays valid, 10 to 1440.
    pub valid_minutes: u32,
}

impl CreateShare {
    /// The rules both sides apply; errors keyed `fields` and `valid_minutes`.
    pub fn validate(&self) -> Result<(), BTreeMap<String, FieldErrorCode>> {
        let mut errors = BTreeMap::new();
        if self.fields.is_empty() {
            errors.insert("fields".to_owned(), FieldErrorCode::Required);
        }
        if !(MIN_VALID_MINUTES..=MAX_VALID_MINUTES).contains(&self.valid_minutes) {
            errors.insert("valid_minutes".to_owned(), FieldErrorCode::InvalidFormat);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// A share the citizen made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Share {
    /// Identifies the share (also inside the signed payload).
    pub id: String,
    /// The fields shared.
    pub fields: Vec<ShareableField>,
    /// When it was made (RFC 3339, UTC).
    pub created_at: String,
    /// When it stops being valid (RFC 3339, UTC).
    pub expires_at: String,
    /// Whether the citizen revoked it.
    pub revoked: bool,
    /// The signed code, `<payload>.<signature>`; the QR holds `/verify#<code>`.
    pub code: String,
}

/// What a share code signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharePayload {
    /// Format version, 1.
    pub v: u8,
    /// The share's id, for the revocation check.
    pub id: String,
    /// The id of the key that signed it.
    pub kid: String,
    /// Issued at, Unix seconds.
    pub iat: i64,
    /// Expires at, Unix seconds.
    pub exp: i64,
    /// The shared values, as the record page shows them.
    pub fields: BTreeMap<ShareableField, String>,
}

/// One of the portal's public signing keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShareKey {
    /// Key id, as in [`SharePayload::kid`].
    pub kid: String,
    /// Always `Ed25519`.
    pub algorithm: String,
    /// The 32-byte public key, base64url without padding.
    pub public_key: String,
}

/// `GET /api/v1/share-keys`: the keys a share code may be signed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShareKeys {
    /// The keys.
    pub keys: Vec<ShareKey>,
}

/// `GET /api/v1/shares/{id}/status`: whether a share still stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShareStatus {
    /// The citizen revoked it.
    pub revoked: bool,
}

/// Why a share code is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeError {
    /// Not `<payload>.<signature>` in base64url, or the payload is not a share.
    Malformed,
}

/// A share code taken apart; the signature is not checked yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitCode {
    /// The text the signature covers: the payload's base64url.
    pub signed: String,
    /// The payload's JSON bytes, for the caller's JSON reader (the API crate has none).
    pub payload_json: Vec<u8>,
    /// The 64 signature bytes.
    pub signature: Vec<u8>,
}

/// Takes a code (or a verify URL holding one after `#`) apart. Checking the signature is the
/// caller's: the browser and the server both use ed25519-dalek.
pub fn split_code(text: &str) -> Result<SplitCode, CodeError> {
    let code = text.trim().rsplit('#').next().unwrap_or_default();
    let (signed, signature) = code.split_once('.').ok_or(CodeError::Malformed)?;
    let payload_json = base64url_decode(signed).ok_or(CodeError::Malformed)?;
    let signature = base64url_decode(signature).ok_or(CodeError::Malformed)?;
    if signature.len() != 64 || payload_json.is_empty() {
        return Err(CodeError::Malformed);
    }
    Ok(SplitCode {
        signed: signed.to_owned(),
        payload_json,
        signature,
    })
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding (RFC 4648 §5), as share codes and keys are written.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0_u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// Reads [`base64url_encode`]'s output; `None` for anything else.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let mut n = 0_u32;
        for (i, c) in chunk.iter().enumerate() {
            let value = ALPHABET.iter().position(|a| a == c)?;
            n |= (value as u32) << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i) & 0xff) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        let data: Vec<u8> = (0..=255).collect();
        for len in 0..70 {
            let encoded = base64url_encode(&data[..len]);
            assert!(!encoded.contains(['+', '/', '=']));
            assert_eq!(base64url_decode(&encoded).unwrap(), &data[..len]);
        }
        assert_eq!(base64url_encode(b"\xfb\xff"), "-_8");
        assert_eq!(base64url_encode(b"Ma"), "TWE");
        assert_eq!(base64url_decode("TWE="), None, "no padding");
        assert_eq!(base64url_decode("T"), None);
    }

    #[test]
    fn a_code_splits_from_a_verify_url_and_refuses_junk() {
        let payload = base64url_encode(br#"{"v":1}"#);
        let signature = base64url_encode(&[7; 64]);
        let url = format!("https://portal.example/verify#{payload}.{signature}");
        let split = split_code(&url).unwrap();
        assert_eq!(split.signed, payload);
        assert_eq!(split.payload_json, br#"{"v":1}"#);
        assert_eq!(split.signature, vec![7; 64]);
        assert_eq!(split_code("nothing"), Err(CodeError::Malformed));
        let short = base64url_encode(&[7; 10]);
        assert_eq!(
            split_code(&format!("{payload}.{short}")),
            Err(CodeError::Malformed)
        );
    }

    #[test]
    fn a_share_needs_fields_and_a_validity_in_range() {
        let ok = CreateShare {
            fields: vec![ShareableField::FullName],
            valid_minutes: 10,
        };
        assert!(ok.validate().is_ok());
        let bad = CreateShare {
            fields: Vec::new(),
            valid_minutes: MAX_VALID_MINUTES + 1,
        };
        let errors = bad.validate().unwrap_err();
        assert_eq!(errors["fields"], FieldErrorCode::Required);
        assert_eq!(errors["valid_minutes"], FieldErrorCode::InvalidFormat);
    }
}
