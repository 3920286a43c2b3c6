//! [`AppState`]: what every request handler can reach.

use portal_api::ClientConfig;

use crate::auth::rate_limit::RateLimiter;
use crate::auth::{AuthSettings, Clock};
use crate::db::Database;
use crate::documents::signature::trust_anchors::TrustAnchors;
use crate::national_db::NationalDatabase;
use crate::record::refresh::RefreshJobs;
use crate::share::signer::ShareSigner;

/// Shared by every request; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The portal's database.
    pub db: Database,
    /// The simulated National Population Database.
    pub national: NationalDatabase,
    /// What `/config.json` tells the app.
    pub client_config: ClientConfig,
    /// How sign-in and sessions behave.
    pub auth: AuthSettings,
    /// Where the time comes from.
    pub clock: Clock,
    /// Sign-in attempts per client address.
    pub sign_in_limiter: RateLimiter,
    /// Record refreshes, one per citizen at a time.
    pub refresh_jobs: RefreshJobs,
    /// Signs share codes.
    pub share_signer: ShareSigner,
    /// The CAs that vouch for the signers of uploaded PDFs (`--trust-anchors`).
    pub trust_anchors: TrustAnchors,
    /// Whether the provider's decision endpoint answers (demos and tests).
    pub operator_endpoint: bool,
}

impl AppState {
    /// The operator endpoints answer only on a server started with `--operator-endpoint`;
    /// otherwise they are as absent as any unknown path.
    pub fn require_operator(&self) -> Result<(), crate::error::ApiError> {
        if self.operator_endpoint {
            Ok(())
        } else {
            Err(crate::error::ApiError::new(
                portal_api::ErrorCode::NotFound,
                "the operator endpoint is off; start the server with --operator-endpoint",
            ))
        }
    }
}
