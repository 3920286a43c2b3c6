//! The verify page's decisions, as plain functions: take a share code apart, name the keys
//! that may have signed it, judge it once its signature is checked (`signature.rs`, which asks
//! the browser), and decide the verdict given the browser's clock and the online revocation
//! check. No browser in here, so the host tests cover it all.

use portal_api::share::{ALGORITHM, ShareKey, SharePayload, base64url_decode, split_code};

/// Why a code is refused; each has its own message for the verifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not a share code at all, or cut short.
    Malformed,
    /// The signature does not match: altered, or not signed by the portal.
    BadSignature,
    /// Signed with a key the portal does not publish.
    UnknownKey,
    /// Past its expiry by the browser's clock.
    Expired,
    /// The citizen revoked it (or the portal no longer knows it).
    Revoked,
}

/// What the online revocation check answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revocation {
    /// The portal says the share still stands.
    Standing,
    /// The portal says it was revoked, or has no such share.
    Revoked,
    /// The portal could not be asked (offline, unavailable).
    Unchecked,
}

/// A code whose signature and expiry hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// What the portal signed.
    pub payload: SharePayload,
    /// Whether the revocation check was made; `false` means "could not check", never "revoked".
    pub revocation_checked: bool,
}

/// An Ed25519 public key, as published.
pub type PublicKey = [u8; 32];

/// A code taken apart, before its signature is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The text the signature covers.
    pub signed: String,
    /// The signature, 64 bytes.
    pub signature: Vec<u8>,
    /// The keys that may have signed it: the one its payload names, or, when the payload
    /// cannot be read, every published key (to tell the portal's odd code from tampering).
    pub keys: Vec<PublicKey>,
    /// The payload, when it could be read.
    payload: Option<SharePayload>,
}

/// Takes `text` (a bare code or a verify URL) apart against the published `keys`. `decode`
/// reads the payload's JSON: the browser's own parser in the app, serde_json in the tests,
/// so the wasm carries no JSON parser.
pub fn read_claim(
    text: &str,
    keys: &[ShareKey],
    decode: impl Fn(&[u8]) -> Option<SharePayload>,
) -> Result<Claim, Refusal> {
    let split = split_code(text).map_err(|_| Refusal::Malformed)?;
    let payload = decode(&split.payload_json).filter(|payload| payload.v == 1);
    let keys = match &payload {
        Some(payload) => vec![
            keys.iter()
                .find(|key| key.kid == payload.kid)
                .and_then(public_key)
                .ok_or(Refusal::UnknownKey)?,
        ],
        None => keys.iter().filter_map(public_key).collect(),
    };
    Ok(Claim {
        signed: split.signed,
        signature: split.signature,
        keys,
        payload,
    })
}

/// The judgement on a claim, given whether one of its keys made its signature.
pub fn judge(claim: Claim, signed: bool) -> Result<SharePayload, Refusal> {
    match (claim.payload, signed) {
        (Some(payload), true) => Ok(payload),
        // An unreadable payload with a matching signature is the portal's own odd code; with
        // none, someone changed a character: that is tampering, not a typing slip.
        (None, true) => Err(Refusal::Malformed),
        (_, false) => Err(Refusal::BadSignature),
    }
}

/// The published key's bytes; `None` for another algorithm or a key of the wrong length.
fn public_key(key: &ShareKey) -> Option<PublicKey> {
    if key.algorithm != ALGORITHM {
        return None;
    }
    base64url_decode(&key.public_key)?.try_into().ok()
}

/// Whether a signed payload has expired at `now` (Unix seconds, the browser's clock).
pub fn is_expired(payload: &SharePayload, now: i64) -> bool {
    now >= payload.exp
}

/// The verdict on a signed payload at `now`, given the revocation check.
pub fn decide(
    payload: SharePayload,
    now: i64,
    revocation: Revocation,
) -> Result<Verified, Refusal> {
    if is_expired(&payload, now) {
        return Err(Refusal::Expired);
    }
    match revocation {
        Revocation::Revoked => Err(Refusal::Revoked),
        Revocation::Standing => Ok(Verified {
            payload,
            revocation_checked: true,
        }),
        Revocation::Unchecked => Ok(Verified {
            payload,
            revocation_checked: false,
        }),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use ed25519_dalek::{Signer, SigningKey};
    use portal_api::share::{ShareableField, base64url_encode};

    use super::super::signature::dalek_signs;
    use super::*;

    /// The page's whole signature check, with ed25519-dalek where the page may ask WebCrypto.
    fn verify_signature(
        text: &str,
        keys: &[ShareKey],
        decode: impl Fn(&[u8]) -> Option<SharePayload>,
    ) -> Result<SharePayload, Refusal> {
        let claim = read_claim(text, keys, decode)?;
        let signed = claim
            .keys
            .iter()
            .any(|key| dalek_signs(key, claim.signed.as_bytes(), &claim.signature));
        judge(claim, signed)
    }

    const NOW: i64 = 1_800_000_000;

    fn signing_key() -> SigningKey {
        SigningKey::from_bytes(&[42; 32])
    }

    fn published(kid: &str, key: &SigningKey) -> ShareKey {
        ShareKey {
            kid: kid.to_owned(),
            algorithm: ALGORITHM.to_owned(),
            public_key: base64url_encode(key.verifying_key().as_bytes()),
        }
    }

    fn payload() -> SharePayload {
        SharePayload {
            v: 1,
            id: "share-1".to_owned(),
            kid: "k1".to_owned(),
            iat: NOW - 60,
            exp: NOW + 600,
            fields: BTreeMap::from([
                (ShareableField::FullName, "Nguyễn Văn An".to_owned()),
                (ShareableField::DateOfBirth, "14/03/1985".to_owned()),
            ]),
        }
    }

    /// Signs as the server does (server/src/share/signer.rs).
    fn sign(payload: &SharePayload, key: &SigningKey) -> String {
        let signed = base64url_encode(&serde_json::to_vec(payload).unwrap());
        let signature = key.sign(signed.as_bytes());
        format!("{signed}.{}", base64url_encode(&signature.to_bytes()))
    }

    fn decode(json: &[u8]) -> Option<SharePayload> {
        serde_json::from_slice(json).ok()
    }

    fn keys() -> Vec<ShareKey> {
        vec![
            published("k0", &SigningKey::from_bytes(&[7; 32])),
            published("k1", &signing_key()),
        ]
    }

    #[test]
    fn a_genuine_code_verifies_from_a_url_or_bare() {
        let code = sign(&payload(), &signing_key());
        assert_eq!(verify_signature(&code, &keys(), decode), Ok(payload()));
        let url = format!("https://portal.example/verify#{code}");
        assert_eq!(verify_signature(&url, &keys(), decode), Ok(payload()));
        assert_eq!(
            verify_signature(&format!("  {url}\n"), &keys(), decode),
            Ok(payload())
        );
    }

    #[test]
    fn junk_is_malformed() {
        for text in ["", "hello", "abc.def", "https://portal.example/verify#"] {
            assert_eq!(
                verify_signature(text, &keys(), decode),
                Err(Refusal::Malformed),
                "{text}"
            );
        }
    }

    #[test]
    fn a_changed_character_is_a_bad_signature() {
        let code = sign(&payload(), &signing_key());
        let (signed, signature) = code.split_once('.').unwrap();
        // Every position of the payload: a change that breaks the JSON is tampering too.
        for at in 0..signed.len() {
            let mut chars: Vec<char> = signed.chars().collect();
            chars[at] = if chars[at] == 'A' { 'B' } else { 'A' };
            let tampered: String = chars.into_iter().collect();
            if tampered == signed {
                continue;
            }
            let result = verify_signature(&format!("{tampered}.{signature}"), &keys(), decode);
            // A change inside the key id names a key the portal never published.
            assert!(
                matches!(result, Err(Refusal::BadSignature | Refusal::UnknownKey)),
                "{at}: {result:?}"
            );
        }
        let mut other = payload();
        other
            .fields
            .insert(ShareableField::FullName, "Someone Else".to_owned());
        let forged = format!(
            "{}.{signature}",
            base64url_encode(&serde_json::to_vec(&other).unwrap())
        );
        assert_eq!(
            verify_signature(&forged, &keys(), decode),
            Err(Refusal::BadSignature)
        );
        let unreadable = format!("{}.{signature}", base64url_encode(b"not json"));
        assert_eq!(
            verify_signature(&unreadable, &keys(), decode),
            Err(Refusal::BadSignature)
        );
    }

    #[test]
    fn another_key_is_unknown_or_bad() {
        let stranger = SigningKey::from_bytes(&[9; 32]);
        let mut unknown = payload();
        unknown.kid = "k9".to_owned();
        assert_eq!(
            verify_signature(&sign(&unknown, &stranger), &keys(), decode),
            Err(Refusal::UnknownKey)
        );
        // Claims a published key but was signed by another.
        assert_eq!(
            verify_signature(&sign(&payload(), &stranger), &keys(), decode),
            Err(Refusal::BadSignature)
        );
        let mut other_algorithm = keys();
        other_algorithm[1].algorithm = "RS256".to_owned();
        assert_eq!(
            verify_signature(&sign(&payload(), &signing_key()), &other_algorithm, decode),
            Err(Refusal::UnknownKey)
        );
    }

    #[test]
    fn expiry_comes_before_revocation() {
        assert_eq!(
            decide(payload(), NOW, Revocation::Standing),
            Ok(Verified {
                payload: payload(),
                revocation_checked: true
            })
        );
        let exp = payload().exp;
        assert_eq!(
            decide(payload(), exp, Revocation::Standing),
            Err(Refusal::Expired)
        );
        assert_eq!(
            decide(payload(), exp + 1, Revocation::Revoked),
            Err(Refusal::Expired)
        );
        assert_eq!(
            decide(payload(), NOW, Revocation::Revoked),
            Err(Refusal::Revoked)
        );
    }

    #[test]
    fn an_unchecked_revocation_still_shows_the_fields_and_says_so() {
        let verdict = decide(payload(), NOW, Revocation::Unchecked).unwrap();
        assert!(!verdict.revocation_checked);
        assert_eq!(verdict.payload, payload());
    }
}
