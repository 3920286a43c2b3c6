//! [`AppState`]: what every request handler can reach.

use portal_api::ClientConfig;

use crate::db::Database;
use crate::national_db::NationalDatabase;

/// Shared by every request; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The portal's database.
    pub db: Database,
    /// The simulated National Population Database.
    pub national: NationalDatabase,
    /// What `/config.json` tells the app.
    pub client_config: ClientConfig,
}
