//! `GET /api/v1/session`: who is signed in.

use serde::{Deserialize, Serialize};

use crate::personal_id::PersonalId;

/// The signed-in citizen. Without a valid session the endpoint answers 401 `unauthenticated`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    /// The citizen's personal identification number.
    pub personal_id: PersonalId,
    /// The citizen's full name, for the header.
    pub full_name: String,
}
