//! One file of the built app as it is kept in memory: its bytes in each encoding, with every
//! header worked out once, so answering it is a choice and a copy of a few pointers.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use sha2::{Digest, Sha256};

use super::accept_encoding::{self, Encoding};

/// A file and its compressed copies.
#[derive(Debug, Clone)]
pub struct Asset {
    content_type: HeaderValue,
    cache_control: HeaderValue,
    /// The file as built.
    identity: Representation,
    /// Its compressed copies, best first; empty when it has none.
    compressed: Vec<Representation>,
}

/// The file in one encoding, with the entity tag that names exactly these bytes.
#[derive(Debug, Clone)]
struct Representation {
    encoding: Encoding,
    bytes: Bytes,
    etag: HeaderValue,
}

impl Asset {
    /// A file with `content_type` and `cache_control`, and the compressed copies it has.
    pub fn new(
        content_type: HeaderValue,
        cache_control: HeaderValue,
        identity: Bytes,
        brotli: Option<Bytes>,
        gzip: Option<Bytes>,
    ) -> Self {
        // One digest of the content names all its copies; the suffix tells the copies apart,
        // as a strong tag must differ between encodings of the same file.
        let digest = Sha256::digest(&identity);
        let tag: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        let copy = |encoding: Encoding, bytes: Bytes| {
            let etag = match encoding {
                Encoding::Identity => format!("\"{tag}\""),
                other => format!("\"{tag}-{}\"", other.token()),
            };
            Representation {
                encoding,
                bytes,
                // Hex digits, a dash and a token: always a valid header value.
                etag: HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\"")),
            }
        };
        let compressed = [(Encoding::Brotli, brotli), (Encoding::Gzip, gzip)]
            .into_iter()
            .filter_map(|(encoding, bytes)| bytes.map(|b| copy(encoding, b)))
            .collect();
        Self {
            content_type,
            cache_control,
            identity: copy(Encoding::Identity, identity.clone()),
            compressed,
        }
    }

    /// The answer to a GET or HEAD with `request` headers: the copy the browser reads best,
    /// or 304 when the browser already holds it (`If-None-Match`).
    pub fn respond(&self, method: &Method, request: &HeaderMap) -> Response {
        let copy = self.copy_for(request);
        let mut response = Response::new(Body::empty());
        let headers = response.headers_mut();
        headers.insert(header::ETAG, copy.etag.clone());
        headers.insert(header::CACHE_CONTROL, self.cache_control.clone());
        if !self.compressed.is_empty() {
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        if holds(request, &copy.etag) {
            *response.status_mut() = StatusCode::NOT_MODIFIED;
            return response;
        }
        headers.insert(header::CONTENT_TYPE, self.content_type.clone());
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(copy.bytes.len()));
        if copy.encoding != Encoding::Identity {
            headers.insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(copy.encoding.token()),
            );
        }
        if method != Method::HEAD {
            *response.body_mut() = Body::from(copy.bytes.clone());
        }
        response
    }

    fn copy_for(&self, request: &HeaderMap) -> &Representation {
        let offered = self.compressed.iter().map(|c| c.encoding);
        let accepted = request
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok());
        let chosen = accept_encoding::choose(accepted, offered);
        self.compressed
            .iter()
            .find(|c| c.encoding == chosen)
            .unwrap_or(&self.identity)
    }
}

/// The request's `If-None-Match` names `etag` (or `*`): the browser's copy is current.
/// Compared weakly, as RFC 9110 says for this header.
fn holds(request: &HeaderMap, etag: &HeaderValue) -> bool {
    let ours = etag.as_bytes();
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim())
        .any(|tag| tag == "*" || tag.trim_start_matches("W/").as_bytes() == ours)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script() -> Asset {
        Asset::new(
            HeaderValue::from_static("text/javascript"),
            HeaderValue::from_static("no-cache"),
            Bytes::from_static(b"console.log('a fairly long line of the app');"),
            Some(Bytes::from_static(b"br bytes")),
            Some(Bytes::from_static(b"gzip bytes")),
        )
    }

    fn request(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (name.clone(), HeaderValue::from_str(value).unwrap()))
            .collect()
    }

    async fn body(response: Response) -> Vec<u8> {
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX);
        bytes.await.unwrap().to_vec()
    }

    #[tokio::test]
    async fn brotli_is_chosen_when_accepted_and_gzip_otherwise() {
        let asset = script();
        let accepting = request(&[(header::ACCEPT_ENCODING, "gzip, deflate, br")]);
        let response = asset.respond(&Method::GET, &accepting);
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(response.headers()[header::VARY], "accept-encoding");
        assert_eq!(response.headers()[header::CONTENT_LENGTH], "8");
        assert_eq!(body(response).await, b"br bytes");

        let response = asset.respond(&Method::GET, &request(&[(header::ACCEPT_ENCODING, "gzip")]));
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");

        let response = asset.respond(&Method::GET, &HeaderMap::new());
        assert!(!response.headers().contains_key(header::CONTENT_ENCODING));
        assert_eq!(response.headers()[header::CONTENT_TYPE], "text/javascript");
        assert_eq!(
            body(response).await,
            b"console.log('a fairly long line of the app');"
        );
    }

    #[tokio::test]
    async fn a_matching_etag_is_answered_304_without_a_body() {
        let asset = script();
        let accepting = request(&[(header::ACCEPT_ENCODING, "br")]);
        let first = asset.respond(&Method::GET, &accepting);
        let etag = first.headers()[header::ETAG].to_str().unwrap().to_owned();
        assert!(etag.ends_with("-br\""), "{etag}");

        let again = request(&[
            (header::ACCEPT_ENCODING, "br"),
            (header::IF_NONE_MATCH, &format!("\"other\", W/{etag}")),
        ]);
        let response = asset.respond(&Method::GET, &again);
        assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(response.headers()[header::ETAG], etag.as_str());
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
        assert!(body(response).await.is_empty());

        // The same tag names the brotli copy only: a browser asking for the plain file gets it.
        let plain = request(&[(header::IF_NONE_MATCH, &etag)]);
        let response = asset.respond(&Method::GET, &plain);
        assert_eq!(response.status(), StatusCode::OK);
        assert_ne!(response.headers()[header::ETAG], etag.as_str());
    }

    #[tokio::test]
    async fn head_has_the_headers_and_no_body() {
        let response = script().respond(&Method::HEAD, &HeaderMap::new());
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_LENGTH], "45");
        assert!(body(response).await.is_empty());
    }
}
