//! `GET /api/v1/session`: who is signed in, and for how long.

use serde::{Deserialize, Serialize};

use crate::auth::Channel;
use crate::personal_id::PersonalId;

/// The signed-in citizen and the session's clock. Without a valid session the endpoint
/// answers 401 `unauthenticated`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    /// The citizen's personal identification number.
    pub personal_id: PersonalId,
    /// The citizen's full name, for the header.
    pub full_name: String,
    /// Web or kiosk: a kiosk session has a much shorter idle timeout.
    pub channel: Channel,
    /// Seconds of inactivity after which the server ends the session (900 on the web, 90 on
    /// a kiosk). Every authenticated request counts as activity.
    pub idle_timeout_seconds: u32,
    /// Seconds until the session ends however active it is (8 hours after signing in).
    pub absolute_expires_in_seconds: u32,
}
