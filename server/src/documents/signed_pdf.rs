//! Checking that an uploaded file is a PDF signed by someone a trusted CA vouches for, and
//! not changed since.
//!
//! A signed PDF holds a signature dictionary with `/ByteRange [a b c d]`, the two stretches of
//! the file that were signed (everything but the signature itself), and `/Contents <hex>`,
//! a CMS (PKCS #7) SignedData. Its check goes in four steps, each with its own refusal:
//! 1. the ranges cover the whole file but the signature, and the CMS reads
//!    ([`Refusal::BadSignature`]);
//! 2. the CMS's `messageDigest` is the digest of the signed bytes, and the signer's signature
//!    over the signed attributes (which hold that digest) verifies with the public key of the
//!    signer's certificate ([`Refusal::SignatureMismatch`]). The digest alone proves nothing:
//!    whoever edits a file can recompute it; the signature needs the signer's private key;
//! 3. the signer's certificate was valid when it signed: at the `signingTime` the signature
//!    states, else now ([`Refusal::CertificateExpired`]);
//! 4. it chains, through the CA certificates the CMS carries, to one of the trust anchors the
//!    server was started with ([`Refusal::UntrustedSigner`]); with none, nobody is trusted.
//!
//! The signing time is the signer's own word, as in any signature without an RFC 3161
//! timestamp from a trusted authority; revocation (CRL, OCSP) is not checked.

use super::signature::chain;
use super::signature::cms_signer::{self, CmsRefusal, VerifiedSignature};
use super::signature::trust_anchors::TrustAnchors;

/// The largest file accepted, 10 MiB (the shared crate's rule).
pub const MAX_BYTES: usize = portal_api::upload::MAX_UPLOAD_BYTES as usize;

/// Why a file is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Larger than [`MAX_BYTES`].
    TooLarge,
    /// Not a PDF, whatever its name says.
    NotPdf,
    /// A PDF without a signature.
    Unsigned,
    /// A signature that does not cover the file, is damaged, or uses an algorithm we do not
    /// accept.
    BadSignature,
    /// A signature that does not match the file: the file was changed after signing, or the
    /// signature was not made by the key of the certificate it names.
    SignatureMismatch,
    /// The signer's certificate had expired, or was not yet valid, when it signed.
    CertificateExpired,
    /// The signer's certificate does not chain to a trust anchor.
    UntrustedSigner,
}

/// Checks `bytes`: a PDF whose last signature holds and whose signer `anchors` vouch for;
/// `now` (seconds since 1970) stands for the signing time when the signature states none.
pub fn check(bytes: &[u8], anchors: &TrustAnchors, now: i64) -> Result<(), Refusal> {
    let signature = read_signature(bytes)?;
    let at = signature.signing_time.unwrap_or(now);
    if !chain::valid_at(&signature.signer, at) {
        return Err(Refusal::CertificateExpired);
    }
    if !chain::chains_to_anchor(&signature.signer, &signature.certificates, anchors, at) {
        return Err(Refusal::UntrustedSigner);
    }
    Ok(())
}

/// The last signature of the PDF `bytes`, once it holds over the file: who signed is not
/// judged yet.
pub fn read_signature(bytes: &[u8]) -> Result<VerifiedSignature, Refusal> {
    if bytes.len() > MAX_BYTES {
        return Err(Refusal::TooLarge);
    }
    if !bytes.starts_with(portal_api::upload::PDF_MAGIC) {
        return Err(Refusal::NotPdf);
    }
    let Some(ranges) = last_byte_range(bytes) else {
        return Err(Refusal::Unsigned);
    };
    let [start, first_len, second_start, second_len] = ranges;
    // The ranges must cover the whole file but the hole where `<hex>` sits.
    let covers = start == 0
        && first_len < second_start
        && second_start.checked_add(second_len) == Some(bytes.len())
        && bytes.get(first_len) == Some(&b'<')
        && bytes.get(second_start - 1) == Some(&b'>');
    if !covers {
        return Err(Refusal::BadSignature);
    }
    let hex = &bytes[first_len + 1..second_start - 1];
    let der = decode_hex(hex).ok_or(Refusal::BadSignature)?;
    let signed = [&bytes[..first_len], &bytes[second_start..]];
    cms_signer::verify(&der, &signed).map_err(|refusal| match refusal {
        CmsRefusal::Unreadable => Refusal::BadSignature,
        CmsRefusal::Mismatch => Refusal::SignatureMismatch,
    })
}

/// The numbers of the last `/ByteRange [a b c d]` in the file (the latest signature).
fn last_byte_range(bytes: &[u8]) -> Option<[usize; 4]> {
    let key = b"/ByteRange";
    let at = bytes.windows(key.len()).rposition(|w| w == key)? + key.len();
    let rest = &bytes[at..bytes.len().min(at + 100)];
    let open = rest.iter().position(|b| *b == b'[')?;
    let close = rest.iter().position(|b| *b == b']')?;
    let text = std::str::from_utf8(rest.get(open + 1..close)?).ok()?;
    let numbers: Vec<usize> = text
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    numbers.try_into().ok()
}

/// Hex digits to bytes; the signature slot is padded with zeros after the DER, which the
/// DER reader below leaves unread.
fn decode_hex(hex: &[u8]) -> Option<Vec<u8>> {
    let digits: Vec<u8> = hex
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNED: &[u8] = include_bytes!("../../fixtures/signed-sample.pdf");
    const ECDSA: &[u8] = include_bytes!("../../fixtures/signed-sample-ecdsa.pdf");
    const EXPIRED: &[u8] = include_bytes!("../../fixtures/signed-sample-expired.pdf");
    const UNTRUSTED: &[u8] = include_bytes!("../../fixtures/signed-sample-untrusted.pdf");
    /// Upload time; the samples state their signing time, so it matters only to files without.
    const NOW: i64 = 1_800_000_000;

    fn checked(bytes: &[u8]) -> Result<(), Refusal> {
        check(bytes, &TrustAnchors::demo(), NOW)
    }

    #[test]
    fn samples_signed_under_the_demo_ca_pass_with_rsa_and_ecdsa() {
        assert_eq!(checked(SIGNED), Ok(()));
        assert_eq!(checked(ECDSA), Ok(()));
    }

    #[test]
    fn a_changed_byte_breaks_the_signature() {
        let mut changed = SIGNED.to_vec();
        let at = changed.windows(4).position(|w| w == b"mau ").unwrap();
        changed[at] = b'M';
        assert_eq!(checked(&changed), Err(Refusal::SignatureMismatch));
    }

    #[test]
    fn a_signer_whose_certificate_had_expired_is_refused() {
        assert_eq!(checked(EXPIRED), Err(Refusal::CertificateExpired));
    }

    #[test]
    fn a_valid_signature_from_an_unknown_ca_is_untrusted() {
        assert_eq!(checked(UNTRUSTED), Err(Refusal::UntrustedSigner));
    }

    #[test]
    fn without_trust_anchors_nobody_is_trusted() {
        assert_eq!(
            check(SIGNED, &TrustAnchors::default(), NOW),
            Err(Refusal::UntrustedSigner)
        );
    }

    #[test]
    fn the_signer_alone_does_not_make_a_chain() {
        // The signer's own certificate as the anchor: it is no CA, so it vouches for nobody.
        let signer = read_signature(SIGNED).unwrap().signer;
        let anchors = TrustAnchors::from_certificates(vec![signer]);
        assert_eq!(check(SIGNED, &anchors, NOW), Err(Refusal::UntrustedSigner));
    }

    #[test]
    fn a_pdf_without_a_signature_is_unsigned() {
        let plain = crate::documents::pdf::one_page(&["Giấy khai sinh".to_owned()]);
        assert_eq!(checked(&plain), Err(Refusal::Unsigned));
    }

    #[test]
    fn other_files_are_not_pdfs_whatever_their_name() {
        assert_eq!(checked(b"\x89PNG\r\n\x1a\n...."), Err(Refusal::NotPdf));
        assert_eq!(checked(b""), Err(Refusal::NotPdf));
    }

    #[test]
    fn a_truncated_file_or_signature_is_refused() {
        assert_eq!(
            checked(&SIGNED[..SIGNED.len() - 10]),
            Err(Refusal::BadSignature)
        );
        let mut garbled = SIGNED.to_vec();
        let start = garbled
            .windows(11)
            .position(|w| w == b"/Contents <")
            .unwrap()
            + 11;
        garbled[start..start + 40].fill(b'f');
        assert_eq!(checked(&garbled), Err(Refusal::BadSignature));
    }

    #[test]
    fn too_large_files_are_refused_before_anything_else() {
        let big = vec![b'%'; MAX_BYTES + 1];
        assert_eq!(checked(&big), Err(Refusal::TooLarge));
    }
}
