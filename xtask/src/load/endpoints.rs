//! The calls the bench times one at a time, alone and beside a noisy neighbour: a citizen's
//! record, a documents search, a draft save, a file of the app and the health check.

use std::sync::Arc;

use hyper::header::{self, HeaderValue};

use super::citizens::Citizen;
use super::http::{Call, ExchangeError, HttpClient};
use super::timing::{Bounds, Summary, closed_loop};

/// What the bench times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `GET /api/v1/record`.
    Record,
    /// `GET /api/v1/documents?q=…` in a small store.
    Search,
    /// `PUT /api/v1/requests/{id}`, each citizen on their own draft.
    DraftSave,
    /// A file of the app, as a browser asks for it (brotli accepted).
    StaticFile,
    /// `GET /api/v1/health`, the reference: the least a request can cost.
    Health,
}

impl Endpoint {
    /// In the order they are printed.
    pub const ALL: [Self; 5] = [
        Self::Record,
        Self::Search,
        Self::DraftSave,
        Self::StaticFile,
        Self::Health,
    ];
}

/// Searches a citizen types, without diacritics as most do.
pub const SEARCHES: [&str; 4] = ["giay", "bao hiem", "xac nhan", "the"];

/// The signed-in citizens and where to reach the servers; cheap to clone.
#[derive(Clone)]
pub struct Crowd {
    /// The shared connection pool.
    pub client: HttpClient,
    /// Everyone signed in, each pinned to one server.
    pub citizens: Arc<Vec<Citizen>>,
    /// Every server's base URL.
    pub urls: Arc<Vec<String>>,
    /// The app's file the bench asks for.
    pub static_path: Arc<str>,
}

impl Crowd {
    /// What a line of the table calls `endpoint`.
    pub fn label(&self, endpoint: Endpoint) -> String {
        match endpoint {
            Endpoint::Record => "GET /api/v1/record".to_owned(),
            Endpoint::Search => format!("GET /api/v1/documents?q={}", SEARCHES[0]),
            Endpoint::DraftSave => "PUT /api/v1/requests/{id}".to_owned(),
            Endpoint::StaticFile => format!("GET {} (br)", self.static_path),
            Endpoint::Health => "GET /api/v1/health".to_owned(),
        }
    }

    /// Times `endpoint` from `bounds.callers` callers, spreading the citizens among them.
    pub async fn measure(&self, endpoint: Endpoint, bounds: Bounds) -> Summary {
        let crowd = self.clone();
        closed_loop(bounds, move |caller, n| {
            let crowd = crowd.clone();
            async move { crowd.call(endpoint, caller, n, bounds.callers).await }
        })
        .await
    }

    /// The `n`th call of `caller` (of `callers`).
    async fn call(
        &self,
        endpoint: Endpoint,
        caller: usize,
        n: u64,
        callers: usize,
    ) -> Result<(), ExchangeError> {
        let everyone = self.citizens.len().max(1);
        let turn = usize::try_from(n).unwrap_or(usize::MAX);
        let citizen = &self.citizens[(caller + turn.wrapping_mul(callers)) % everyone];
        let call = match endpoint {
            Endpoint::Record => {
                Call::get(format!("{}/api/v1/record", citizen.base)).cookie(&citizen.cookie)
            }
            Endpoint::Search => {
                let q = SEARCHES[turn % SEARCHES.len()].replace(' ', "+");
                Call::get(format!("{}/api/v1/documents?q={q}", citizen.base))
                    .cookie(&citizen.cookie)
            }
            Endpoint::DraftSave => {
                // Each caller saves only its own citizens' drafts, so no two saves of one
                // draft are ever in flight and every conflict would be the server's doing.
                // (The bench has no more callers than citizens, so each owns one at least.)
                let owned = everyone.saturating_sub(caller).div_ceil(callers).max(1);
                let mine = (caller + (turn % owned) * callers) % everyone;
                return self.citizens[mine].save_draft(&self.client).await;
            }
            Endpoint::StaticFile => {
                let base = &self.urls[caller % self.urls.len()];
                Call::get(format!("{base}{}", self.static_path)).header(
                    header::ACCEPT_ENCODING,
                    HeaderValue::from_static("gzip, deflate, br, zstd"),
                )
            }
            Endpoint::Health => Call::get(format!(
                "{}/api/v1/health",
                self.urls[caller % self.urls.len()]
            )),
        };
        self.client.send(call).await?.success().map(|_| ())
    }
}
