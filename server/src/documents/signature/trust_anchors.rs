//! The CA certificates the server trusts to vouch for signers, read once at start-up from the
//! `--trust-anchors` directory.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use x509_cert::Certificate;
use x509_cert::der::Decode;

/// File endings read as certificates; anything else in the directory (a README) is left alone.
const CERTIFICATE_ENDINGS: [&str; 4] = ["pem", "crt", "cer", "der"];

/// The trusted CA certificates; cheap to clone. Empty trusts nobody.
#[derive(Debug, Clone, Default)]
pub struct TrustAnchors(Arc<Vec<Certificate>>);

/// Why the trust anchors could not be read; the server does not start without them, so a
/// typo in the path is noticed at once rather than as refused uploads.
#[derive(Debug)]
pub enum TrustAnchorError {
    /// The directory or a file in it could not be read.
    Read(PathBuf, std::io::Error),
    /// A file with a certificate's ending holds no certificate we can parse.
    NotCertificate(PathBuf),
}

impl fmt::Display for TrustAnchorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read(path, e) => {
                write!(f, "cannot read trust anchors at {}: {e}", path.display())
            }
            Self::NotCertificate(path) => write!(
                f,
                "{} is not a PEM or DER certificate (--trust-anchors)",
                path.display()
            ),
        }
    }
}

impl std::error::Error for TrustAnchorError {}

impl TrustAnchors {
    /// Exactly these certificates.
    pub fn from_certificates(certificates: Vec<Certificate>) -> Self {
        Self(Arc::new(certificates))
    }

    /// Every certificate in the `.pem`, `.crt`, `.cer` and `.der` files of `dir` (PEM files
    /// may hold several), in file-name order.
    pub fn load(dir: &Path) -> Result<Self, TrustAnchorError> {
        let read_error = |path: &Path| {
            let path = path.to_path_buf();
            move |e| TrustAnchorError::Read(path, e)
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(read_error(dir))?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .map_err(read_error(dir))?;
        files.retain(|path| {
            path.is_file()
                && path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| CERTIFICATE_ENDINGS.contains(&e.to_ascii_lowercase().as_str()))
        });
        files.sort();
        let mut certificates = Vec::new();
        for path in files {
            let bytes = std::fs::read(&path).map_err(read_error(&path))?;
            let parsed = if bytes.windows(10).any(|w| w == b"-----BEGIN") {
                Certificate::load_pem_chain(&bytes).ok()
            } else {
                Certificate::from_der(&bytes).ok().map(|c| vec![c])
            };
            match parsed {
                Some(found) if !found.is_empty() => certificates.extend(found),
                _ => return Err(TrustAnchorError::NotCertificate(path)),
            }
        }
        Ok(Self::from_certificates(certificates))
    }

    /// The trusted certificates.
    pub fn certificates(&self) -> &[Certificate] {
        &self.0
    }

    /// The demo CA of `trust-anchors/demo`, which signed the samples in `fixtures/`.
    #[cfg(test)]
    pub(crate) fn demo() -> Self {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/trust-anchors/demo");
        Self::load(Path::new(dir)).unwrap_or_default()
    }

    /// Whether nobody is trusted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_directory_holds_the_demo_root() {
        let anchors = TrustAnchors::demo();
        assert_eq!(anchors.certificates().len(), 1);
        let subject = anchors.certificates()[0]
            .tbs_certificate
            .subject
            .to_string();
        assert!(subject.contains("Demo Root CA"), "{subject}");
    }

    #[test]
    fn der_files_are_read_other_files_skipped_and_bad_ones_named() {
        use x509_cert::der::Encode;
        let dir = tempfile::tempdir().unwrap();
        let demo = TrustAnchors::demo();
        let der = demo.certificates()[0].to_der().unwrap();
        std::fs::write(dir.path().join("root.cer"), &der).unwrap();
        std::fs::write(dir.path().join("README.md"), "not a certificate").unwrap();
        let anchors = TrustAnchors::load(dir.path()).unwrap();
        assert_eq!(anchors.certificates(), demo.certificates());

        std::fs::write(
            dir.path().join("broken.pem"),
            "-----BEGIN CERTIFICATE-----\n",
        )
        .unwrap();
        assert!(matches!(
            TrustAnchors::load(dir.path()),
            Err(TrustAnchorError::NotCertificate(path)) if path.ends_with("broken.pem")
        ));
        assert!(matches!(
            TrustAnchors::load(&dir.path().join("missing")),
            Err(TrustAnchorError::Read(..))
        ));
    }
}
