//! The headers that keep the portal safe on a shared kiosk and a citizen's phone, set on
//! every response the server sends, files and API alike.

use axum::http::{HeaderName, HeaderValue, header};
use axum::response::Response;

/// The Content-Security-Policy: only the portal's own files run, and the wasm may be
/// compiled (`'wasm-unsafe-eval'`); no inline scripts or styles, no framing, no plug-ins.
/// `blob:` and `data:` images are for QR codes and previews made in the page.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
    script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; \
    img-src 'self' data: blob:; \
    font-src 'self'; \
    connect-src 'self'; \
    media-src 'self' blob:; \
    worker-src 'self' blob:; \
    object-src 'none'; \
    base-uri 'self'; \
    form-action 'self'; \
    frame-ancestors 'none'";

/// Powerful features: the camera for the portal's own pages only (the verifier scans a share
/// QR on `/verify`), never for a frame of another origin; the rest, which the portal never
/// uses, switched off so no injected code can ask for them.
pub const PERMISSIONS_POLICY: &str =
    "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), fullscreen=(self)";

const HEADERS: [(HeaderName, &str); 8] = [
    (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
    // The URL of a document page must not leak to a site the citizen follows a link to.
    (header::REFERRER_POLICY, "no-referrer"),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (
        HeaderName::from_static("permissions-policy"),
        PERMISSIONS_POLICY,
    ),
    // For browsers older than `frame-ancestors`.
    (header::X_FRAME_OPTIONS, "DENY"),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    ),
    (
        HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    ),
    // Ignored over plain HTTP (the local demo); binding wherever the portal is served by TLS.
    (header::STRICT_TRANSPORT_SECURITY, "max-age=31536000"),
];

/// Adds every security header the response does not already carry; used with
/// `axum::middleware::map_response` around the whole app.
pub async fn add<B>(mut response: Response<B>) -> Response<B> {
    let headers = response.headers_mut();
    for (name, value) in HEADERS {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}
