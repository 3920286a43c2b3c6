//! The whole HTTP application: the API, the built app, and the layers every response passes.

use std::any::Any;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, Request, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::auth::current::renew_kiosk_cookie;
use crate::error::ApiError;
use crate::http::static_files::{self, BuiltApp};
use crate::http::{api_fallback, csrf, security_headers};
use crate::routes::{dev_router, operator_router, public_router};
use crate::state::AppState;

/// The application serving the API under `/api/v1` and the built app.
pub fn build_app(state: AppState, built_app: BuiltApp) -> Router {
    // Switched-off demo endpoints are not routed at all: they answer exactly like any unknown
    // path, for every method, and so do not tell anyone that they exist.
    let mut routes = public_router();
    if state.operator_endpoint {
        routes = routes.merge(operator_router());
    }
    if state.auth.dev_sms_outbox {
        routes = routes.merge(dev_router());
    }
    let (api, _) = routes.split_for_parts();
    let api = api
        // On the routes only: a method a path lacks is answered 405 by the router before any
        // CSRF check, and an unknown path 404, as the document says.
        .route_layer(middleware::from_fn(csrf::require_same_site))
        .route_layer(middleware::from_fn(renew_kiosk_cookie))
        .merge(api_fallback::routes())
        // After the routes: it applies to the method routers registered so far.
        .method_not_allowed_fallback(api_fallback::method_not_allowed)
        // Answers about a citizen never belong in a shared cache or a kiosk's disk cache.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        // The API's answers only: the app's files are compressed once, when they are built
        // or loaded, and compressing them again for every request is what made them slow.
        .layer(CompressionLayer::new());

    Router::new()
        .merge(api)
        .merge(static_files::routes(Arc::new(built_app)))
        .layer(
            ServiceBuilder::new()
                // Outermost first: every request gets an id before it is logged, and the
                // response carries the same id back.
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(request_span))
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(middleware::map_response(security_headers::add))
                .layer(CatchPanicLayer::custom(panic_response)),
        )
        .with_state(state)
}

/// The log span of one request, named by its id so a citizen's support call can be traced.
fn request_span<B>(request: &Request<B>) -> tracing::Span {
    let id = request
        .headers()
        .get(portal_api::REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        id,
        method = %request.method(),
        path = %request.uri().path(),
    )
}

/// A handler that panicked still answers with the error shape; the panic goes to the log.
fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<&str>()
        .map(ToString::to_string)
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!(%detail, "a request handler panicked");
    ApiError::internal().into_response()
}
