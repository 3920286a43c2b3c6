//! [`AppState`]: what every request handler can reach.

use crate::search_pace::SearchPace;
use portal_api::ClientConfig;

use crate::auth::{AuthSettings, Clock};
use crate::config::CitizenLimits;
use crate::db::Database;
use crate::documents::signature::trust_anchors::TrustAnchors;
use crate::national_db::NationalDatabase;
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
    /// Signs share codes.
    pub share_signer: ShareSigner,
    /// Calls of the public share endpoints allowed per client address per minute.
    pub public_requests_per_ip: u32,
    /// What one citizen may do or hold: searches, refreshes, uploads, drafts, shares.
    pub citizen_limits: CitizenLimits,
    /// Each citizen's searches lately, counted in this process (see [`SearchPace`]).
    pub search_pace: SearchPace,
    /// The CAs that vouch for the signers of uploaded PDFs (`--trust-anchors`).
    pub trust_anchors: TrustAnchors,
    /// The address citizens reach the portal at (`--public-url`), for links sent by SMS.
    pub public_url: Option<String>,
    /// Whether the operator endpoints are routed at all (demos and tests).
    pub operator_endpoint: bool,
    /// SHA-256 of the credential the operator endpoints and the development SMS outbox ask
    /// for, when either is on.
    pub operator_token_hash: Option<String>,
}
