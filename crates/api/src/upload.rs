//! `POST /api/v1/documents`: the rules for a citizen's upload of a signed PDF that the browser
//! checks before sending (so a wrong file is refused at once, not after minutes on a slow
//! line) and the server checks again. Whether the PDF's signature holds is the server's alone.

use std::collections::BTreeMap;

use crate::documents::DocumentCategory;
use crate::error::FieldErrorCode;
use crate::text::{is_blank, trim_blank};

/// The largest file accepted, 10 MiB.
pub const MAX_UPLOAD_BYTES: u64 = 10 * 1024 * 1024;
/// The longest name a citizen may give an upload, in characters.
pub const MAX_UPLOAD_NAME_CHARS: usize = 200;
/// How every PDF file begins, whatever its name says.
pub const PDF_MAGIC: &[u8] = b"%PDF-";

/// What is known of the chosen file before it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChosenFile {
    /// Its size in bytes.
    pub size: u64,
    /// Whether its first bytes are [`PDF_MAGIC`].
    pub starts_as_pdf: bool,
}

impl ChosenFile {
    /// The facts of a file held in memory.
    pub fn of(bytes: &[u8]) -> Self {
        Self {
            size: bytes.len() as u64,
            starts_as_pdf: bytes.starts_with(PDF_MAGIC),
        }
    }
}

/// The form's fields, as typed and chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadForm<'a> {
    /// The name the citizen gives the document.
    pub name: &'a str,
    /// The category's wire name, empty when none is chosen.
    pub category: &'a str,
    /// The file, when one is chosen.
    pub file: Option<ChosenFile>,
}

impl UploadForm<'_> {
    /// The category, or the reason for each field that is wrong, keyed `name`, `category`,
    /// `file` (`required`, `too_large`, `not_pdf`).
    pub fn validate(&self) -> Result<DocumentCategory, BTreeMap<String, FieldErrorCode>> {
        let mut errors = BTreeMap::new();
        if is_blank(self.name) {
            errors.insert("name".to_owned(), FieldErrorCode::Required);
        } else if self.name.chars().count() > MAX_UPLOAD_NAME_CHARS {
            errors.insert("name".to_owned(), FieldErrorCode::TooLong);
        }
        let category = match trim_blank(self.category) {
            "" => {
                errors.insert("category".to_owned(), FieldErrorCode::Required);
                None
            }
            text => {
                let parsed = DocumentCategory::parse(text);
                if parsed.is_none() {
                    errors.insert("category".to_owned(), FieldErrorCode::InvalidFormat);
                }
                parsed
            }
        };
        match self.file {
            None => {
                errors.insert("file".to_owned(), FieldErrorCode::Required);
            }
            Some(file) if file.size > MAX_UPLOAD_BYTES => {
                errors.insert("file".to_owned(), FieldErrorCode::TooLarge);
            }
            Some(file) if !file.starts_as_pdf => {
                errors.insert("file".to_owned(), FieldErrorCode::NotPdf);
            }
            Some(_) => {}
        }
        match category {
            Some(category) if errors.is_empty() => Ok(category),
            _ => Err(errors),
        }
    }
}

/// What a file attached to an answer may be, by its first bytes: a PDF or a photo or scan
/// (JPEG, PNG). The content type it is stored and served with, or `None`.
pub fn attachment_type(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(PDF_MAGIC) {
        Some("application/pdf")
    } else if head.starts_with(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else {
        None
    }
}

/// How many first bytes [`attachment_type`] needs.
pub const ATTACHMENT_HEAD_LEN: usize = 8;

/// A file attached to an answer: its content type, or why it is refused (`too_large`, or
/// `invalid_format` for anything but PDF, JPEG and PNG), keyed `file` as the form shows it.
pub fn check_attachment(size: u64, head: &[u8]) -> Result<&'static str, FieldErrorCode> {
    if size > MAX_UPLOAD_BYTES {
        return Err(FieldErrorCode::TooLarge);
    }
    attachment_type(head).ok_or(FieldErrorCode::InvalidFormat)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_attachment_is_a_pdf_or_a_picture_by_its_content_and_at_most_10_mb() {
        assert_eq!(check_attachment(10, b"%PDF-1.7"), Ok("application/pdf"));
        assert_eq!(check_attachment(10, b"\xff\xd8\xff\xe0"), Ok("image/jpeg"));
        assert_eq!(check_attachment(10, b"\x89PNG\r\n\x1a\n"), Ok("image/png"));
        assert_eq!(
            check_attachment(10, b"MZ\x90\x00"),
            Err(FieldErrorCode::InvalidFormat)
        );
        assert_eq!(
            check_attachment(MAX_UPLOAD_BYTES + 1, b"%PDF-1.7"),
            Err(FieldErrorCode::TooLarge)
        );
    }

    use super::*;

    const PDF: ChosenFile = ChosenFile {
        size: 2048,
        starts_as_pdf: true,
    };

    fn form(
        name: &str,
        category: &str,
        file: Option<ChosenFile>,
    ) -> Result<DocumentCategory, BTreeMap<String, FieldErrorCode>> {
        UploadForm {
            name,
            category,
            file,
        }
        .validate()
    }

    #[test]
    fn a_named_categorised_pdf_passes() {
        assert_eq!(
            form("Hợp đồng thuê nhà", "other", Some(PDF)),
            Ok(DocumentCategory::Other)
        );
    }

    #[test]
    fn each_missing_field_is_named() {
        let errors = form("  ", "", None).unwrap_err();
        assert_eq!(errors["name"], FieldErrorCode::Required);
        assert_eq!(errors["category"], FieldErrorCode::Required);
        assert_eq!(errors["file"], FieldErrorCode::Required);
    }

    #[test]
    fn a_file_is_judged_by_size_then_by_its_first_bytes() {
        let big = ChosenFile {
            size: MAX_UPLOAD_BYTES + 1,
            starts_as_pdf: true,
        };
        assert_eq!(
            form("A", "other", Some(big)).unwrap_err()["file"],
            FieldErrorCode::TooLarge
        );
        let exactly = ChosenFile {
            size: MAX_UPLOAD_BYTES,
            starts_as_pdf: true,
        };
        assert!(form("A", "other", Some(exactly)).is_ok());
        let picture = ChosenFile::of(b"\x89PNG\r\n\x1a\n");
        assert_eq!(
            form("A", "other", Some(picture)).unwrap_err()["file"],
            FieldErrorCode::NotPdf
        );
        assert!(ChosenFile::of(b"%PDF-1.7\n").starts_as_pdf);
    }

    #[test]
    fn a_long_name_and_an_unknown_category_are_refused() {
        let long = "đ".repeat(MAX_UPLOAD_NAME_CHARS + 1);
        let errors = form(&long, "passport", Some(PDF)).unwrap_err();
        assert_eq!(errors["name"], FieldErrorCode::TooLong);
        assert_eq!(errors["category"], FieldErrorCode::InvalidFormat);
        assert!(form(&"đ".repeat(MAX_UPLOAD_NAME_CHARS), "other", Some(PDF)).is_ok());
    }
}
