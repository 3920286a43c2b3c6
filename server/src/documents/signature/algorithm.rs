//! The signature algorithms Vietnamese CAs issue keys for (RSA PKCS #1 v1.5, ECDSA on P-256
//! and P-384, each with SHA-2), checked with a certificate's public key.

use p256::ecdsa::signature::hazmat::PrehashVerifier;
use rsa::{Pkcs1v15Sign, RsaPublicKey};
use sha2::{Digest, Sha256, Sha384, Sha512};
use x509_cert::der::oid::ObjectIdentifier;
use x509_cert::spki::SubjectPublicKeyInfoOwned;

/// SHA-256's OID.
const SHA_256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
/// SHA-384's OID.
const SHA_384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
/// SHA-512's OID.
const SHA_512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
/// `rsaEncryption`: an RSA key, or in CMS an RSA signature with the SignerInfo's digest.
const RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// `sha256WithRSAEncryption`.
const RSA_SHA_256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
/// `sha384WithRSAEncryption`.
const RSA_SHA_384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
/// `sha512WithRSAEncryption`.
const RSA_SHA_512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
/// `id-ecPublicKey`: an EC key, or in CMS an ECDSA signature with the SignerInfo's digest.
const EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// `ecdsa-with-SHA256`.
const ECDSA_SHA_256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
/// `ecdsa-with-SHA384`.
const ECDSA_SHA_384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
/// `ecdsa-with-SHA512`.
const ECDSA_SHA_512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4");
/// The P-256 curve (`prime256v1`).
const P_256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// The P-384 curve (`secp384r1`).
const P_384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");

/// A SHA-2 digest, as a CMS or a certificate names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Hash {
    /// The digest algorithm with this OID, if it is one we accept (not SHA-1 nor MD5).
    pub fn from_oid(oid: ObjectIdentifier) -> Option<Self> {
        match oid {
            SHA_256 => Some(Self::Sha256),
            SHA_384 => Some(Self::Sha384),
            SHA_512 => Some(Self::Sha512),
            _ => None,
        }
    }

    /// The digest of `parts` one after the other.
    pub fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        /// The digest by `D`, whichever SHA-2 it is.
        fn of<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut hasher = D::new();
            for part in parts {
                hasher.update(part);
            }
            hasher.finalize().to_vec()
        }
        match self {
            Self::Sha256 => of::<Sha256>(parts),
            Self::Sha384 => of::<Sha384>(parts),
            Self::Sha512 => of::<Sha512>(parts),
        }
    }

    /// PKCS #1 v1.5 padding naming this digest.
    fn pkcs1v15(self) -> Pkcs1v15Sign {
        match self {
            Self::Sha256 => Pkcs1v15Sign::new::<Sha256>(),
            Self::Sha384 => Pkcs1v15Sign::new::<Sha384>(),
            Self::Sha512 => Pkcs1v15Sign::new::<Sha512>(),
        }
    }
}

/// Why a signature is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureError {
    /// An algorithm, curve or key we do not check, or a key or signature that does not parse.
    Unsupported,
    /// Well formed, but not made by this key over this message.
    Invalid,
}

/// The family of key a signature algorithm needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    /// RSA, signing with PKCS #1 v1.5.
    Rsa,
    /// An elliptic curve, signing with ECDSA.
    Ec,
}

/// The key family and digest a signature algorithm names. CMS may name only the key family
/// (`rsaEncryption`, `id-ecPublicKey`) and leave the digest to the SignerInfo's.
fn named(algorithm: ObjectIdentifier) -> Option<(KeyKind, Option<Hash>)> {
    Some(match algorithm {
        RSA => (KeyKind::Rsa, None),
        RSA_SHA_256 => (KeyKind::Rsa, Some(Hash::Sha256)),
        RSA_SHA_384 => (KeyKind::Rsa, Some(Hash::Sha384)),
        RSA_SHA_512 => (KeyKind::Rsa, Some(Hash::Sha512)),
        EC => (KeyKind::Ec, None),
        ECDSA_SHA_256 => (KeyKind::Ec, Some(Hash::Sha256)),
        ECDSA_SHA_384 => (KeyKind::Ec, Some(Hash::Sha384)),
        ECDSA_SHA_512 => (KeyKind::Ec, Some(Hash::Sha512)),
        _ => return None,
    })
}

/// Checks that `signature` over `message` was made with `key` by `algorithm` (an OID from a
/// certificate or a SignerInfo). `digest` is used where the algorithm names none.
pub fn verify(
    key: &SubjectPublicKeyInfoOwned,
    algorithm: ObjectIdentifier,
    digest: Option<Hash>,
    message: &[u8],
    signature: &[u8],
) -> Result<(), SignatureError> {
    let (kind, named_digest) = named(algorithm).ok_or(SignatureError::Unsupported)?;
    let hash = named_digest.or(digest).ok_or(SignatureError::Unsupported)?;
    let point = key
        .subject_public_key
        .as_bytes()
        .ok_or(SignatureError::Unsupported)?;
    let hashed = hash.digest(&[message]);
    match (kind, key.algorithm.oid) {
        (KeyKind::Rsa, RSA) => {
            use rsa::pkcs1::DecodeRsaPublicKey;
            let key =
                RsaPublicKey::from_pkcs1_der(point).map_err(|_| SignatureError::Unsupported)?;
            key.verify(hash.pkcs1v15(), &hashed, signature)
                .map_err(|_| SignatureError::Invalid)
        }
        (KeyKind::Ec, EC) => {
            let curve = key
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            // The prehash verifier takes any SHA-2 digest and fits it to the curve's size,
            // as FIPS 186 says, so P-256 with SHA-384 is checked too.
            match curve {
                Some(P_256) => prehash(
                    p256::ecdsa::VerifyingKey::from_sec1_bytes(point),
                    p256::ecdsa::Signature::from_der(signature),
                    &hashed,
                ),
                Some(P_384) => prehash(
                    p384::ecdsa::VerifyingKey::from_sec1_bytes(point),
                    p384::ecdsa::Signature::from_der(signature),
                    &hashed,
                ),
                _ => Err(SignatureError::Unsupported),
            }
        }
        // An RSA algorithm with an EC key, or the other way round.
        _ => Err(SignatureError::Invalid),
    }
}

/// An ECDSA check of `hashed`, whichever curve the parsed key and signature are on.
fn prehash<K: PrehashVerifier<S>, S, E, F>(
    key: Result<K, E>,
    signature: Result<S, F>,
    hashed: &[u8],
) -> Result<(), SignatureError> {
    let key = key.map_err(|_| SignatureError::Unsupported)?;
    let signature = signature.map_err(|_| SignatureError::Invalid)?;
    key.verify_prehash(hashed, &signature)
        .map_err(|_| SignatureError::Invalid)
}
