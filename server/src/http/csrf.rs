//! CSRF defence for the API, on top of the SameSite=Strict session cookie: every request that
//! changes state must carry `X-Requested-With: portal`, which a cross-site form cannot send
//! and a cross-site script cannot send without a CORS preflight this server never grants;
//! browsers that say a request is cross-site (`Sec-Fetch-Site`) are refused outright.

use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use portal_api::{CSRF_HEADER, CSRF_HEADER_VALUE};

use crate::error::ApiError;

/// Refuses state-changing API requests that could come from another site.
pub async fn require_same_site(request: Request, next: Next) -> Response {
    // The methods the API has routes for that change state. Any other method (TRACE, say)
    // reaches no handler, and the router answers it 405 like any method a path lacks.
    let changing = matches!(
        *request.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    if changing {
        let headers = request.headers();
        let cross_site = headers
            .get("sec-fetch-site")
            .is_some_and(|v| v.as_bytes() == b"cross-site");
        let marked = headers
            .get(CSRF_HEADER)
            .is_some_and(|v| v.as_bytes() == CSRF_HEADER_VALUE.as_bytes());
        if cross_site || !marked {
            return ApiError::forbidden(format!(
                "state-changing requests must come from the portal and send `{CSRF_HEADER}: {CSRF_HEADER_VALUE}`"
            ))
            .into_response();
        }
    }
    next.run(request).await
}
