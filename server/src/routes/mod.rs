//! The `/api/v1` endpoints, one module per resource, each documented where it is written so
//! that the OpenAPI document cannot drift from the code.

mod config;
mod health;
mod session;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::openapi::ApiDoc;
use crate::state::AppState;

/// Every endpoint of the API with its OpenAPI description.
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(<ApiDoc as utoipa::OpenApi>::openapi())
        .routes(routes!(config::client_config))
        .routes(routes!(health::health))
        .routes(routes!(session::current_session))
}
