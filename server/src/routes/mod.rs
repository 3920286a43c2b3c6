//! The `/api/v1` endpoints, one module per resource, each documented where it is written so
//! that the OpenAPI document cannot drift from the code.

mod account;
mod config;
mod dev;
mod documents;
mod health;
mod kiosk;
mod operator;
mod record;
mod requests;
pub mod session;
mod shares;
mod sign_in;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::openapi::ApiDoc;
use crate::state::AppState;

/// The OpenAPI document of every endpoint: what `docs/openapi.yaml` holds.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    let (_, routed) = api_router().split_for_parts();
    crate::openapi::complete(routed)
}

/// [`openapi_document`] as YAML.
pub fn openapi_yaml() -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    Ok(openapi_document().to_yaml()?)
}

/// Every endpoint of the API with its OpenAPI description, the demo's included: what the
/// document describes.
pub fn api_router() -> OpenApiRouter<AppState> {
    public_router().merge(operator_router()).merge(dev_router())
}

/// The endpoints every deployment serves.
pub fn public_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(<ApiDoc as utoipa::OpenApi>::openapi())
        .routes(routes!(config::client_config))
        .routes(routes!(health::health))
        .routes(routes!(session::current_session, session::sign_out))
        .routes(routes!(session::keep_alive))
        .routes(routes!(sign_in::sign_in))
        .routes(routes!(sign_in::verify_code))
        .routes(routes!(sign_in::resend_code))
        .routes(routes!(kiosk::register_device))
        .routes(routes!(account::activity))
        .routes(routes!(account::end_session))
        .routes(routes!(account::report_session))
        .routes(routes!(record::get_record))
        .routes(routes!(record::start_refresh, record::refresh_status))
        .routes(routes!(record::access_log_page))
        .routes(routes!(shares::create_share, shares::list_shares))
        .routes(routes!(shares::revoke_share))
        .routes(routes!(shares::share_status))
        .routes(routes!(shares::share_keys))
        .routes(with_upload_limit(routes!(
            documents::list_documents,
            documents::upload_document
        )))
        .routes(routes!(documents::document_index))
        .routes(routes!(documents::get_document))
        .routes(routes!(documents::get_document_file))
        .routes(routes!(documents::sync_document))
        .routes(routes!(
            documents::share_document,
            documents::list_document_shares
        ))
        .routes(routes!(documents::revoke_document_share))
        .routes(routes!(documents::open_shared_document))
        .routes(routes!(documents::open_shared_document_file))
        .routes(routes!(requests::catalogue))
        .routes(routes!(requests::list_requests, requests::create_draft))
        .routes(routes!(
            requests::get_request,
            requests::save_draft,
            requests::discard_draft
        ))
        .routes(routes!(requests::submit))
        .routes(routes!(requests::withdraw))
        .routes(with_upload_limit(routes!(requests::answer_question)))
        .routes(routes!(requests::get_attachment))
}

/// Deciding requests as the provider, changing the simulated national database, registering
/// and revoking kiosks: routed
/// only with `--operator-endpoint`, so that otherwise they answer like any unknown path.
pub fn operator_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(requests::operator_decision))
        .routes(routes!(operator::change_national_record))
        .routes(routes!(kiosk::register_kiosk))
        .routes(routes!(kiosk::revoke_kiosk))
}

/// The development SMS outbox: routed only with `--dev-sms-outbox`.
pub fn dev_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(dev::sms_outbox))
}

/// Raises the body limit of a route that takes uploads to the upload limit (10 MB) plus room
/// for the multipart envelope; every other route keeps axum's 2 MB.
fn with_upload_limit(
    (schemas, paths, router): utoipa_axum::router::UtoipaMethodRouter<AppState>,
) -> utoipa_axum::router::UtoipaMethodRouter<AppState> {
    let limit = crate::documents::signed_pdf::MAX_BYTES + 256 * 1024;
    (
        schemas,
        paths,
        router.layer(axum::extract::DefaultBodyLimit::max(limit)),
    )
}
