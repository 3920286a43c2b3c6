//! Whether a signer's certificate leads, through the CA certificates the signature carries,
//! to a trust anchor: each certificate signed by the next, each valid at the signing time,
//! each issuer a CA (basicConstraints `cA`, within its path length, `keyCertSign` if it states
//! key usages).
//!
//! Not judged here: revocation (CRL, OCSP), name constraints, policies, and unknown critical
//! extensions; a reference backend stops at the chain, a real one would add revocation.

use x509_cert::Certificate;
use x509_cert::der::Encode;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};

use super::algorithm;
use super::trust_anchors::TrustAnchors;

/// The longest chain followed below an anchor, so a loop of CAs naming each other ends.
const MAX_INTERMEDIATES: usize = 5;

/// Whether `certificate` is valid at `at` (seconds since 1970).
pub fn valid_at(certificate: &Certificate, at: i64) -> bool {
    let validity = &certificate.tbs_certificate.validity;
    let seconds = |t: x509_cert::time::Time| {
        i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
    };
    seconds(validity.not_before) <= at && at <= seconds(validity.not_after)
}

/// Whether `signer` chains to one of `anchors` through `intermediates`, all valid at `at`.
pub fn chains_to_anchor(
    signer: &Certificate,
    intermediates: &[Certificate],
    anchors: &TrustAnchors,
    at: i64,
) -> bool {
    reaches_anchor(signer, intermediates, anchors, at, 0)
}

/// Whether some issuer of `certificate` is an anchor, or an intermediate that reaches one;
/// `below` counts the CA certificates already between `certificate` and the signer.
fn reaches_anchor(
    certificate: &Certificate,
    intermediates: &[Certificate],
    anchors: &TrustAnchors,
    at: i64,
    below: usize,
) -> bool {
    let issued = |issuer: &&Certificate| issued_by(certificate, issuer, at, below);
    if anchors.certificates().iter().any(|a| issued(&a)) {
        return true;
    }
    below < MAX_INTERMEDIATES
        && intermediates
            .iter()
            .filter(issued)
            .any(|issuer| reaches_anchor(issuer, intermediates, anchors, at, below + 1))
}

/// Whether `issuer` is a CA that signed `certificate` and was valid at `at`, with `below`
/// CA certificates under it before the signer.
fn issued_by(certificate: &Certificate, issuer: &Certificate, at: i64, below: usize) -> bool {
    let tbs = &certificate.tbs_certificate;
    if tbs.issuer != issuer.tbs_certificate.subject
        || !valid_at(issuer, at)
        || !may_issue(issuer, below)
    {
        return false;
    }
    // Checked over the DER of the parsed to-be-signed part: DER has one encoding per value,
    // so this is the signed bytes for every certificate that decodes as DER at all.
    let (Ok(signed), Some(signature)) = (tbs.to_der(), certificate.signature.as_bytes()) else {
        return false;
    };
    algorithm::verify(
        &issuer.tbs_certificate.subject_public_key_info,
        certificate.signature_algorithm.oid,
        None,
        &signed,
        signature,
    )
    .is_ok()
}

/// Whether `issuer`'s extensions let it sign certificates, `below` CAs above the signer.
fn may_issue(issuer: &Certificate, below: usize) -> bool {
    let tbs = &issuer.tbs_certificate;
    let is_ca = match tbs.get::<BasicConstraints>() {
        Ok(Some((_, constraints))) => {
            constraints.ca
                && constraints
                    .path_len_constraint
                    .is_none_or(|most| below <= usize::from(most))
        }
        _ => false,
    };
    let signs_certificates = match tbs.get::<KeyUsage>() {
        Ok(Some((_, usage))) => usage.key_cert_sign(),
        Ok(None) => true,
        Err(_) => false,
    };
    is_ca && signs_certificates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::signed_pdf::read_signature;

    const SIGNED: &[u8] = include_bytes!("../../../fixtures/signed-sample.pdf");
    /// 1 January 2026 and 2024, in and before the demo CA's validity (2025 to 2045).
    const IN_2026: i64 = 1_767_225_600;
    const IN_2024: i64 = 1_704_067_200;

    #[test]
    fn the_sample_reaches_the_root_through_the_issuing_ca_it_carries() {
        let signature = read_signature(SIGNED).unwrap();
        let (signer, carried) = (&signature.signer, &signature.certificates);
        assert!(chains_to_anchor(
            signer,
            carried,
            &TrustAnchors::demo(),
            IN_2026
        ));
        assert!(
            !chains_to_anchor(signer, &[], &TrustAnchors::demo(), IN_2026),
            "without the issuing CA there is no path to the root"
        );
    }

    #[test]
    fn a_chain_holds_only_while_every_ca_in_it_is_valid() {
        let signature = read_signature(SIGNED).unwrap();
        let (signer, carried) = (&signature.signer, &signature.certificates);
        assert!(!chains_to_anchor(
            signer,
            carried,
            &TrustAnchors::demo(),
            IN_2024
        ));
    }

    #[test]
    fn an_issuing_ca_given_as_anchor_is_trusted_itself() {
        let signature = read_signature(SIGNED).unwrap();
        let issuing: Vec<Certificate> = signature
            .certificates
            .iter()
            .filter(|c| c.tbs_certificate.subject == signature.signer.tbs_certificate.issuer)
            .cloned()
            .collect();
        assert_eq!(issuing.len(), 1);
        let anchors = TrustAnchors::from_certificates(issuing);
        assert!(chains_to_anchor(&signature.signer, &[], &anchors, IN_2026));
    }
}
