//! `GET /api/v1/health`.

use serde::{Deserialize, Serialize};

/// The server is up and its database answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthResponse {
    /// Always `ok` when the server answers 200.
    pub status: String,
    /// The server's version, for support.
    pub version: String,
}
