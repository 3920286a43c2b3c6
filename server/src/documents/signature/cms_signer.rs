//! The CMS (PKCS #7) SignedData of a PDF signature: its digest of the signed bytes, and the
//! signer's signature over its signed attributes, checked with the signer's certificate.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use x509_cert::Certificate;
use x509_cert::der::asn1::OctetString;
use x509_cert::der::oid::ObjectIdentifier;
use x509_cert::der::{Decode, Encode, Reader, SliceReader};
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::time::Time;

use super::algorithm::{self, Hash, SignatureError};

/// The content type of a CMS SignedData.
const SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
/// The `messageDigest` signed attribute: the digest of the signed bytes.
const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
/// The `signingTime` signed attribute: when the signer says it signed.
const SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");

/// Why a CMS signature does not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmsRefusal {
    /// Not a SignedData we can read: damaged, without signed attributes or the signer's
    /// certificate, or with an algorithm we do not accept.
    Unreadable,
    /// Readable, but the digest is not that of the signed bytes, or the signature over the
    /// signed attributes is not the signer's key's: the file or the signature was changed.
    Mismatch,
}

/// A signature that holds, with what is needed to judge its signer.
#[derive(Debug, Clone)]
pub struct VerifiedSignature {
    /// The certificate whose key made the signature.
    pub signer: Certificate,
    /// Every certificate the signature carries (the signer's and, usually, its CAs').
    pub certificates: Vec<Certificate>,
    /// The `signingTime` signed attribute, in seconds since 1970, when there is one.
    pub signing_time: Option<i64>,
}

/// Checks the DER SignedData `der` (trailing padding is ignored) over `signed`, the file's
/// signed byte ranges in order.
pub fn verify(der: &[u8], signed: &[&[u8]]) -> Result<VerifiedSignature, CmsRefusal> {
    use CmsRefusal::{Mismatch, Unreadable};
    let data = signed_data(der).ok_or(Unreadable)?;
    // PDF signatures have one signer; a second would sign the same bytes again.
    let info = data.signer_infos.0.iter().next().ok_or(Unreadable)?;
    let hash = Hash::from_oid(info.digest_alg.oid).ok_or(Unreadable)?;
    // Without signed attributes nothing ties a signing time or the digest to the signer; PDF
    // signing tools always write them (PAdES requires them).
    let attributes = info.signed_attrs.as_ref().ok_or(Unreadable)?;
    let digest = attributes
        .iter()
        .find(|a| a.oid == MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .and_then(|v| v.decode_as::<OctetString>().ok())
        .ok_or(Unreadable)?;
    if digest.as_bytes() != hash.digest(signed).as_slice() {
        return Err(Mismatch);
    }
    let certificates: Vec<Certificate> = data
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|choice| match choice {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let signer = certificates
        .iter()
        .find(|c| identifies(&info.sid, c))
        .cloned()
        .ok_or(Unreadable)?;
    // RFC 5652 §5.4: the signature covers the DER of the attributes as a SET OF, not the
    // [0] IMPLICIT form they are carried in; the set's encoding gives exactly that.
    let signed_attributes = attributes.to_der().map_err(|_| Unreadable)?;
    match algorithm::verify(
        &signer.tbs_certificate.subject_public_key_info,
        info.signature_algorithm.oid,
        Some(hash),
        &signed_attributes,
        info.signature.as_bytes(),
    ) {
        Ok(()) => {}
        Err(SignatureError::Invalid) => return Err(Mismatch),
        Err(SignatureError::Unsupported) => return Err(Unreadable),
    }
    Ok(VerifiedSignature {
        signing_time: signing_time(info)?,
        signer,
        certificates,
    })
}

/// The SignedData inside the ContentInfo at the start of `der`.
fn signed_data(der: &[u8]) -> Option<SignedData> {
    let mut reader = SliceReader::new(der).ok()?;
    let info: ContentInfo = reader.decode().ok()?;
    if info.content_type != SIGNED_DATA {
        return None;
    }
    info.content.decode_as().ok()
}

/// Whether `certificate` is the one the SignerInfo names.
fn identifies(sid: &SignerIdentifier, certificate: &Certificate) -> bool {
    let tbs = &certificate.tbs_certificate;
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer,
            serial_number,
        }) => tbs.issuer == *issuer && tbs.serial_number == *serial_number,
        SignerIdentifier::SubjectKeyIdentifier(wanted) => {
            matches!(tbs.get::<SubjectKeyIdentifier>(), Ok(Some((_, key))) if key == *wanted)
        }
    }
}

/// The `signingTime` signed attribute, if present; present but unreadable refuses the file.
fn signing_time(info: &SignerInfo) -> Result<Option<i64>, CmsRefusal> {
    let Some(attribute) = info
        .signed_attrs
        .iter()
        .flat_map(|set| set.iter())
        .find(|a| a.oid == SIGNING_TIME)
    else {
        return Ok(None);
    };
    let time: Time = attribute
        .values
        .iter()
        .next()
        // A CHOICE (UTCTime or GeneralizedTime) has no single tag, so it is read from the
        // value's own DER rather than through `decode_as`.
        .and_then(|v| Time::from_der(&v.to_der().ok()?).ok())
        .ok_or(CmsRefusal::Unreadable)?;
    i64::try_from(time.to_unix_duration().as_secs())
        .map(Some)
        .map_err(|_| CmsRefusal::Unreadable)
}
