//! The citizen's own record as the portal serves it, its refresh from the national database,
//! and the log of who accessed it.
//!
//! `GET /api/v1/record` answers a [`RecordView`]; `POST /api/v1/record/refresh` starts (or
//! joins) a synchronisation and answers a [`RefreshStatus`], which `GET /api/v1/record/refresh`
//! reports until it is done; `GET /api/v1/record/access-log` answers an [`AccessLogPage`].

use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;
use crate::record::PopulationRecord;

/// Seconds a citizen waits between two refreshes.
pub const REFRESH_INTERVAL_SECONDS: u32 = 60;

/// The portal's stored copy of the record and when it was last synchronised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordView {
    /// The record.
    pub record: PopulationRecord,
    /// When it was last synchronised from the national database (RFC 3339, UTC).
    pub synced_at: String,
    /// Seconds until another refresh may start; 0 when one may start now.
    pub next_refresh_in_seconds: u32,
}

/// One field that a refresh changed, with the text before and after (absent = empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    /// The field's path in [`PopulationRecord`], e.g. `current_residence` or
    /// `household.members.1.full_name`.
    pub field: String,
    /// The value before the refresh.
    pub old: Option<String>,
    /// The value after it.
    pub new: Option<String>,
}

/// Where a refresh stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefreshState {
    /// Waiting for the national database; ask again.
    Running,
    /// Done: the record is the national database's, `changes` says what differed.
    Done,
    /// The national database did not give the record: `error` says why; the stored copy stays.
    Failed,
}

/// The latest refresh of the citizen's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshStatus {
    /// Running, done or failed.
    pub state: RefreshState,
    /// When this refresh started (RFC 3339, UTC).
    pub started_at: String,
    /// What changed, when done; empty when nothing did.
    #[serde(default)]
    pub changes: Vec<FieldChange>,
    /// Why it failed: `unavailable` (the national database did not answer) or
    /// `citizen_not_found` (it holds no such citizen).
    pub error: Option<ErrorCode>,
    /// The record as it now stands, when done.
    pub view: Option<RecordView>,
}

/// Who read the citizen's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccessActor {
    /// The citizen, in one of their sessions.
    Citizen,
    /// The portal, synchronising from the national database at the citizen's request.
    NationalSync,
    /// Someone checking a QR code the citizen shared.
    SharedQrVerification,
    /// Someone opening a link to a document the citizen shared.
    SharedLinkView,
}

/// One read of the citizen's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessEntry {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who.
    pub actor: AccessActor,
    /// Web or kiosk, for the citizen's own reads.
    pub channel: Option<crate::auth::Channel>,
    /// The browser and system, for the citizen's own reads.
    pub device: Option<String>,
    /// The registered kiosk of a citizen's own read, as "name, site".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kiosk: Option<String>,
    /// What was read: `record`, `record_refresh`, `document:<code>`, `shared_fields`.
    pub what: String,
    /// Why, in the words the portal records: e.g. `view`, `refresh`, `verification`.
    pub purpose: String,
}

/// One page of the access log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessLogPage {
    /// The entries on this page.
    pub entries: Vec<AccessEntry>,
    /// This page, from 1.
    pub page: u32,
    /// Entries per page.
    pub per_page: u32,
    /// All entries.
    pub total: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_and_actors_are_snake_case() {
        assert_eq!(
            serde_json::to_string(&RefreshState::Running).unwrap(),
            r#""running""#
        );
        assert_eq!(
            serde_json::to_string(&AccessActor::SharedQrVerification).unwrap(),
            r#""shared_qr_verification""#
        );
    }

    #[test]
    fn a_failed_refresh_names_its_reason() {
        let status = RefreshStatus {
            state: RefreshState::Failed,
            started_at: "2026-11-24T04:00:00Z".to_owned(),
            changes: Vec::new(),
            error: Some(ErrorCode::CitizenNotFound),
            view: None,
        };
        let json = serde_json::to_string(&status).unwrap();
        assert!(json.contains(r#""error":"citizen_not_found""#), "{json}");
        assert_eq!(
            serde_json::from_str::<RefreshStatus>(&json).unwrap(),
            status
        );
    }
}
