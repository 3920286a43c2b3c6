//! A stored file as an answer: its bytes, its type and its name, with headers that keep it
//! inert. Every file a citizen or a provider put in the portal goes out through here, so none
//! is ever served without them.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// A file to answer with.
#[derive(Debug)]
pub struct FileDownload {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its content type, as judged when it was stored.
    pub content_type: String,
    /// Its name as the citizen's device had it, for the browser to save it under.
    pub file_name: String,
    /// Whether the browser shows it or saves it.
    pub disposition: Disposition,
}

/// How the browser treats the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Shown, in a frame of the portal's own pages at most (the document page's preview).
    InlineInPortalFrame,
    /// Saved, never shown in a page.
    Attachment,
}

impl IntoResponse for FileDownload {
    fn into_response(self) -> Response {
        let (kind, policy) = match self.disposition {
            Disposition::InlineInPortalFrame => {
                ("inline", "default-src 'none'; frame-ancestors 'self'")
            }
            Disposition::Attachment => ("attachment", "default-src 'none'"),
        };
        // A quote or backslash would end the quoted name early.
        let name = self.file_name.replace(['"', '\\'], "_");
        let disposition = HeaderValue::from_str(&format!("{kind}; filename=\"{name}\""))
            // A name with a control character keeps its kind and loses its name.
            .unwrap_or_else(|_| HeaderValue::from_static(kind));
        let content_type = HeaderValue::from_str(&self.content_type)
            .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
        let mut response = self.bytes.into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, content_type);
        headers.insert(header::CONTENT_DISPOSITION, disposition);
        // Nothing the file holds may run as the portal's page.
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(policy),
        );
        headers.insert(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static(match self.disposition {
                Disposition::InlineInPortalFrame => "SAMEORIGIN",
                Disposition::Attachment => "DENY",
            }),
        );
        // A citizen's file never stays in a shared cache or on a kiosk's disk.
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(file_name: &str, disposition: Disposition) -> axum::http::HeaderMap {
        FileDownload {
            bytes: b"%PDF-1.7".to_vec(),
            content_type: "application/pdf".to_owned(),
            file_name: file_name.to_owned(),
            disposition,
        }
        .into_response()
        .headers()
        .clone()
    }

    #[test]
    fn a_name_cannot_break_out_of_its_quotes() {
        let h = headers("a\"b\\c.pdf", Disposition::Attachment);
        assert_eq!(
            h[header::CONTENT_DISPOSITION],
            "attachment; filename=\"a_b_c.pdf\""
        );
        assert_eq!(h[header::CONTENT_SECURITY_POLICY], "default-src 'none'");
        assert_eq!(h[header::CACHE_CONTROL], "private, no-store");
    }

    #[test]
    fn a_preview_may_be_framed_by_the_portal_only() {
        let h = headers("giay-khai-sinh.pdf", Disposition::InlineInPortalFrame);
        assert_eq!(
            h[header::CONTENT_DISPOSITION],
            "inline; filename=\"giay-khai-sinh.pdf\""
        );
        assert_eq!(
            h[header::CONTENT_SECURITY_POLICY],
            "default-src 'none'; frame-ancestors 'self'"
        );
        assert_eq!(h[header::X_FRAME_OPTIONS], "SAMEORIGIN");
    }

    #[test]
    fn a_name_with_a_control_character_keeps_the_disposition() {
        let h = headers("a\nb.pdf", Disposition::Attachment);
        assert_eq!(h[header::CONTENT_DISPOSITION], "attachment");
    }
}
