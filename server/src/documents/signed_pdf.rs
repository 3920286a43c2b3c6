//! Checking that an uploaded file is a PDF bearing a digital signature whose digest matches
//! the bytes it signs.
//!
//! A signed PDF holds a signature dictionary with `/ByteRange [a b c d]`, the two stretches of
//! the file that were signed (everything but the signature itself), and `/Contents <hex>`,
//! a CMS (PKCS #7) SignedData. The CMS carries the SHA-256 of the signed bytes as its
//! `messageDigest` attribute; recomputing it proves the file was not changed after signing.
//! Who signed is not judged here (that takes the national CA's trust chain).

use cms::cert::x509::der::asn1::OctetString;
use cms::cert::x509::der::{Reader, SliceReader, oid::ObjectIdentifier};
use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use sha2::{Digest, Sha256};

/// The largest file accepted, 10 MiB (the shared crate's rule).
pub const MAX_BYTES: usize = portal_api::upload::MAX_UPLOAD_BYTES as usize;

const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const SHA_256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

/// Why a file is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Larger than [`MAX_BYTES`].
    TooLarge,
    /// Not a PDF, whatever its name says.
    NotPdf,
    /// A PDF without a signature.
    Unsigned,
    /// A signature that does not cover the file or does not match it.
    BadSignature,
}

/// Checks `bytes`: a PDF whose last signature's digest matches its byte ranges.
pub fn check(bytes: &[u8]) -> Result<(), Refusal> {
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
    let digest = signed_digest(&der).ok_or(Refusal::BadSignature)?;
    let mut hasher = Sha256::new();
    hasher.update(&bytes[..first_len]);
    hasher.update(&bytes[second_start..]);
    if hasher.finalize().as_slice() == digest.as_slice() {
        Ok(())
    } else {
        Err(Refusal::BadSignature)
    }
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

/// The SHA-256 `messageDigest` the CMS SignedData's first signer signed.
fn signed_digest(der: &[u8]) -> Option<Vec<u8>> {
    let mut reader = SliceReader::new(der).ok()?;
    let info: ContentInfo = reader.decode().ok()?;
    if info.content_type != SIGNED_DATA {
        return None;
    }
    let signed: SignedData = info.content.decode_as().ok()?;
    let signer = signed.signer_infos.0.iter().next()?;
    if signer.digest_alg.oid != SHA_256 {
        return None;
    }
    let attributes = signer.signed_attrs.as_ref()?;
    let digest = attributes.iter().find(|a| a.oid == MESSAGE_DIGEST)?;
    let value: OctetString = digest.values.iter().next()?.decode_as().ok()?;
    Some(value.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNED: &[u8] = include_bytes!("../../fixtures/signed-sample.pdf");

    #[test]
    fn the_signed_sample_passes() {
        assert_eq!(check(SIGNED), Ok(()));
    }

    #[test]
    fn a_changed_byte_breaks_the_signature() {
        let mut changed = SIGNED.to_vec();
        let at = changed.windows(4).position(|w| w == b"mau ").unwrap();
        changed[at] = b'M';
        assert_eq!(check(&changed), Err(Refusal::BadSignature));
    }

    #[test]
    fn a_pdf_without_a_signature_is_unsigned() {
        let plain = crate::documents::pdf::one_page(&["Giấy khai sinh".to_owned()]);
        assert_eq!(check(&plain), Err(Refusal::Unsigned));
    }

    #[test]
    fn other_files_are_not_pdfs_whatever_their_name() {
        assert_eq!(check(b"\x89PNG\r\n\x1a\n...."), Err(Refusal::NotPdf));
        assert_eq!(check(b""), Err(Refusal::NotPdf));
    }

    #[test]
    fn a_truncated_file_or_signature_is_refused() {
        assert_eq!(
            check(&SIGNED[..SIGNED.len() - 10]),
            Err(Refusal::BadSignature)
        );
        let mut garbled = SIGNED.to_vec();
        let start = garbled
            .windows(11)
            .position(|w| w == b"/Contents <")
            .unwrap()
            + 11;
        garbled[start..start + 40].fill(b'f');
        assert_eq!(check(&garbled), Err(Refusal::BadSignature));
    }

    #[test]
    fn too_large_files_are_refused_before_anything_else() {
        let big = vec![b'%'; MAX_BYTES + 1];
        assert_eq!(check(&big), Err(Refusal::TooLarge));
    }
}
