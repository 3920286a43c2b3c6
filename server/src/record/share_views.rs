//! The public share endpoints (opening a document link, checking a share code) answer anyone,
//! so they are limited per client address, and a viewer's repeated calls are written to the
//! citizen's access log once an hour rather than once a call.

use crate::db::{Connection, OptionalExtension};
use crate::params;

use crate::auth::{ClientInfo, secrets};
use crate::db::DbError;
use crate::error::ApiError;
use crate::limits::Limit;
use crate::state::AppState;

/// How long one viewer's calls on one share make one access-log entry, in seconds.
pub const VIEW_WINDOW_SECONDS: i64 = 3600;

/// What kind of share was viewed, as the database spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharedThing {
    /// A link to one document (`/shared/{token}`).
    DocumentLink,
    /// A signed code of record fields, checked online by a verifier.
    ShareCode,
}

impl SharedThing {
    /// Its name in `share_views.share_kind`.
    const fn as_str(self) -> &'static str {
        match self {
            Self::DocumentLink => "document_link",
            Self::ShareCode => "share_code",
        }
    }
}

/// Counts one call against the client address's allowance, in the database so every server
/// instance counts together; 429 `rate_limited` with the wait once it is used up.
pub async fn admit(state: &AppState, client: &ClientInfo) -> Result<(), ApiError> {
    let limit = Limit {
        name: "public",
        max: state.public_requests_per_ip,
        window_seconds: 60,
    };
    limit
        .admit(&state.db, client.ip.to_string(), state.clock.now())
        .await
}

/// Who is looking: the hash of their address and browser, enough to tell repeat views apart
/// without keeping either.
pub fn viewer(client: &ClientInfo) -> String {
    secrets::hash(&format!("{}\n{}", client.ip, client.user_agent))
}

/// Whether this view is to be logged: the first by `viewer` of share `id` in the last hour.
/// One statement decides and records it, so two calls at once cannot both be first.
pub fn first_this_hour(
    connection: &Connection,
    thing: SharedThing,
    id: &str,
    viewer: &str,
    now: i64,
) -> Result<bool, DbError> {
    // Rows past the window decide nothing any more; dropping them keeps the table small.
    connection.execute(
        "DELETE FROM share_views WHERE logged_at <= ?1",
        [now - VIEW_WINDOW_SECONDS],
    )?;
    let logged = connection
        .query_row(
            "INSERT INTO share_views (share_kind, share_id, viewer, logged_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (share_kind, share_id, viewer) DO UPDATE SET logged_at = excluded.logged_at
                 WHERE share_views.logged_at <= excluded.logged_at - ?5
             RETURNING 1",
            params![thing.as_str(), id, viewer, now, VIEW_WINDOW_SECONDS],
            |_| Ok(()),
        )
        .optional()?;
    Ok(logged.is_some())
}
