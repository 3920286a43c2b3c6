//! The citizen portal's API, written once for the browser and the server.
//!
//! Every request and response body of `/api/v1` is a type here, and so is every rule that
//! both sides must apply to what a citizen types (the personal identification number, dates).
//! The crate has no web or server dependency: the browser build compiles it to wasm, the
//! server derives its OpenAPI schemas from it with the `openapi` feature.

pub mod auth;
pub mod config;
pub mod date;
pub mod document_index;
pub mod documents;
pub mod error;
pub mod health;
pub mod kiosk;
pub mod personal_id;
pub mod phone;
pub mod province;
pub mod record;
pub mod record_sync;
pub mod request_status;
pub mod requests;
pub mod search;
pub mod session;
pub mod sex;
pub mod share;
pub mod text;
pub mod upload;

pub use auth::Channel;
pub use config::{ClientConfig, PrintPaper};
pub use date::{CalendarDate, DateError};
pub use error::{DraftConflictBody, ErrorBody, ErrorCode, FieldErrorCode};
pub use health::HealthResponse;
pub use personal_id::{PersonalId, PersonalIdError};
pub use phone::PhoneNumber;
pub use record::PopulationRecord;
pub use request_status::RequestStatus;
pub use search::fold_vietnamese;
pub use session::SessionInfo;
pub use sex::Sex;

/// The path prefix every endpoint of this version of the API lives under.
pub const API_PREFIX: &str = "/api/v1";

/// The header every state-changing request must carry, with the value [`CSRF_HEADER_VALUE`]:
/// a cross-site form cannot set it, and a cross-site script cannot send it without a CORS
/// preflight the server never grants. Requests without it get 403 `forbidden`.
pub const CSRF_HEADER: &str = "x-requested-with";

/// The value of [`CSRF_HEADER`].
pub const CSRF_HEADER_VALUE: &str = "portal";

/// The name of the session cookie (HttpOnly, Secure, SameSite=Strict).
pub const SESSION_COOKIE: &str = "portal_session";

/// The name of a registered kiosk's device cookie (HttpOnly, Secure, SameSite=Strict, sent to
/// the API only), set by `POST /api/v1/kiosk-device` in exchange for the kiosk's token.
pub const KIOSK_COOKIE: &str = "portal_kiosk";

/// The response header that carries the id of each request, for support and logs.
pub const REQUEST_ID_HEADER: &str = "x-request-id";
