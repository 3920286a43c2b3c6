//! One serving run: open and seed the database, listen, print where to go, stop cleanly.

use crate::search_pace::SearchPace;
use std::fmt;

use axum::serve::ListenerExt;
use portal_api::auth::LOCKOUT_WINDOW_SECONDS;
use portal_api::{Channel, ClientConfig};
use tokio::net::TcpListener;

use crate::app::build_app;
use crate::auth::settings::ABSOLUTE_TIMEOUT_SECONDS;
use crate::auth::sms::SmsSettings;
use crate::auth::{AuthSettings, Clock, kiosks, secrets};
use crate::config::ServeOptions;
use crate::db::{Database, DbError};
use crate::documents::signature::trust_anchors::{TrustAnchorError, TrustAnchors};
use crate::http::static_files::{BuiltApp, DistError, PageMarks};
use crate::national_db::NationalDatabase;
use crate::seed::{self, SeedMode, SeedOutcome};
use crate::share::signer::ShareSigner;
use crate::state::AppState;

/// Why the server could not start or stopped with an error.
#[derive(Debug)]
pub enum ServerError {
    /// The database could not be opened, migrated or seeded.
    Database(DbError),
    /// The `--trust-anchors` directory could not be read.
    TrustAnchors(TrustAnchorError),
    /// The built app in `--dist` could not be read.
    Dist(DistError),
    /// The address could not be bound (in use, or not ours).
    Bind(std::net::SocketAddr, std::io::Error),
    /// Serving failed.
    Serve(std::io::Error),
}

impl fmt::Display for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Database(e) => write!(f, "{e}"),
            Self::TrustAnchors(e) => write!(f, "{e}"),
            Self::Dist(e) => write!(f, "{e}"),
            Self::Bind(address, e) => write!(
                f,
                "cannot listen on {address}: {e} (is another server running? try --port or --listen)"
            ),
            Self::Serve(e) => write!(f, "serving failed: {e}"),
        }
    }
}

impl std::error::Error for ServerError {}

impl From<DbError> for ServerError {
    fn from(error: DbError) -> Self {
        Self::Database(error)
    }
}

/// The demo kiosk `--demo --kiosk` registers: its token is published, like the demo password.
pub const DEMO_KIOSK_TOKEN: &str = "demo-kiosk-token-published-never-in-a-real-deployment";
/// The demo kiosk's name.
pub const DEMO_KIOSK_NAME: &str = "Ki-ốt 1";
/// The demo kiosk's site (seed 004's pilot).
pub const DEMO_KIOSK_SITE: &str = "Nhà văn hóa phường Dịch Vọng Hậu";

/// Registers a kiosk on `database` for `portal-server register-kiosk`: what a site's staff run
/// once per kiosk, then put the token in that kiosk's own `config.json`.
pub fn register_kiosk(
    database: &crate::db::Location,
    name: &str,
    site: &str,
) -> Result<portal_api::kiosk::KioskRegistration, ServerError> {
    let db = Database::connect(database, 1)?;
    Ok(db.write_blocking(|c| kiosks::register(c, name, site, Clock::System.now()))?)
}

/// Everything the app needs, built from the options.
pub fn prepare(options: &ServeOptions) -> Result<AppState, ServerError> {
    // First, so a wrong directory stops the start before the database is touched.
    let trust_anchors = load_trust_anchors(options)?;
    let db = Database::connect(&options.database, options.database_pool)?;
    let mode = if options.reset {
        SeedMode::Reset
    } else {
        SeedMode::IfEmpty
    };
    if options.demo {
        match seed::ensure_demo_data(&db, mode)? {
            SeedOutcome::Seeded => {
                tracing::info!(database = %options.database, "demo data seeded")
            }
            SeedOutcome::Kept => {
                tracing::info!(database = %options.database, "existing data kept")
            }
        }
        if options.demo_population > 0 {
            let added = seed::ensure_population(&db, options.demo_population)?;
            tracing::info!(
                added,
                of = options.demo_population,
                "synthetic demo citizens seeded"
            );
        }
    } else if options.reset {
        seed::wipe(&db)?;
        tracing::info!(database = %options.database, "all data deleted");
    }
    let demo_endpoints = options.operator_endpoint || options.dev_sms_outbox;
    // A demo endpoint switched on without a credential gets one nobody knows; `run` makes and
    // prints one first, so this only happens to callers that did not ask for a token.
    let operator_token_hash = demo_endpoints.then(|| {
        secrets::hash(
            &options
                .operator_token
                .clone()
                .unwrap_or_else(secrets::random_token),
        )
    });
    let share_signer =
        db.write_blocking(|c| ShareSigner::load_or_create(c, Clock::System.now()))?;
    let national = NationalDatabase::new(
        db.clone(),
        options.national_db_latency(),
        options.national_db_fault,
    );
    let mut client_config = if options.kiosk {
        ClientConfig::kiosk()
    } else {
        ClientConfig::default()
    };
    client_config.print_paper = options.print_paper;
    client_config.share_by_sms = options.public_url.is_some();
    if options.demo && options.kiosk {
        // A demo kiosk server is the kiosk: its config.json carries the demo kiosk's published
        // token, which only `--demo` registers. A real site puts each kiosk's own token in that
        // kiosk's own config.json (`portal-server register-kiosk`).
        db.write_blocking(|c| {
            kiosks::register_with_token(
                c,
                DEMO_KIOSK_NAME,
                DEMO_KIOSK_SITE,
                DEMO_KIOSK_TOKEN,
                Clock::System.now(),
            )
        })?;
        client_config.kiosk_device_token = Some(DEMO_KIOSK_TOKEN.to_owned());
    }
    let auth = AuthSettings {
        channel: if options.kiosk {
            Channel::Kiosk
        } else {
            Channel::Web
        },
        // The app warns from the same number, so both sides agree when a session ends.
        idle_timeout_seconds: client_config.idle_timeout_seconds,
        absolute_timeout_seconds: ABSOLUTE_TIMEOUT_SECONDS,
        attempts_per_ip: options.sign_in_attempts_per_ip,
        ip_window_seconds: LOCKOUT_WINDOW_SECONDS,
        attempts_per_kiosk: options.sign_in_attempts_per_kiosk,
        trusted_proxies: options.trusted_proxies.clone().into(),
        dev_sms_outbox: options.dev_sms_outbox,
        sms: SmsSettings {
            echo: options.dev_sms_outbox,
            per_phone_per_hour: options.sms_per_phone_per_hour,
            per_phone_per_day: options.sms_per_phone_per_day,
        },
        secure_cookie: !options.insecure_cookie,
    };
    Ok(AppState {
        db,
        national,
        client_config,
        auth,
        clock: Clock::System,
        share_signer,
        public_requests_per_ip: options.public_requests_per_ip,
        citizen_limits: options.citizen_limits,
        public_url: options.public_url.clone(),
        search_pace: SearchPace::default(),
        trust_anchors,
        operator_endpoint: options.operator_endpoint,
        operator_token_hash,
    })
}

/// The CAs named by `--trust-anchors`; none, with a warning, when it is not given or empty,
/// so a forgotten flag refuses uploads rather than trusting anyone.
fn load_trust_anchors(options: &ServeOptions) -> Result<TrustAnchors, ServerError> {
    let Some(dir) = &options.trust_anchors else {
        tracing::warn!(
            "no --trust-anchors directory: no signer is trusted and every signed PDF upload is refused"
        );
        return Ok(TrustAnchors::default());
    };
    let anchors = TrustAnchors::load(dir).map_err(ServerError::TrustAnchors)?;
    if anchors.is_empty() {
        tracing::warn!(dir = %dir.display(), "no certificates in --trust-anchors: no signer is trusted");
    } else {
        tracing::info!(dir = %dir.display(), count = anchors.certificates().len(), "trust anchors loaded");
    }
    Ok(anchors)
}

/// Serves until Ctrl-C or SIGTERM, then lets requests in flight finish.
pub async fn run(mut options: ServeOptions) -> Result<(), ServerError> {
    let made_token =
        (options.operator_endpoint || options.dev_sms_outbox) && options.operator_token.is_none();
    if made_token {
        options.operator_token = Some(secrets::random_token());
    }
    let state = prepare(&options)?;
    let built_app = BuiltApp::load(&options.dist, PageMarks::of(&state.client_config))
        .map_err(ServerError::Dist)?;
    if built_app.index().is_none() {
        tracing::warn!(dist = %options.dist.display(), "no built app here; the API still answers");
    }
    spawn_provider(&state, options.request_pace_seconds);
    spawn_janitor(&state);
    let app = build_app(state, built_app);
    let listener = TcpListener::bind(options.listen)
        .await
        .map_err(|e| ServerError::Bind(options.listen, e))?;
    let address = listener.local_addr().map_err(ServerError::Serve)?;
    // Without it, a response hyper writes in more than one piece (headers, then a streamed
    // body such as a document's file) waits for the client's delayed ACK of the first piece:
    // 40 ms on Linux for every such answer, whatever the speed of the network.
    let listener = listener.tap_io(|connection| {
        if let Err(error) = connection.set_nodelay(true) {
            tracing::warn!(%error, "cannot switch off Nagle's algorithm on a connection");
        }
    });
    println!("{}", banner(address, &options, made_token));
    axum::serve(
        listener,
        // The peer address feeds the per-address sign-in limits.
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(ServerError::Serve)
}

/// The simulated provider: every few seconds it takes in and starts handling requests that
/// have waited `pace` seconds; deciding them is the operator endpoint's.
fn spawn_provider(state: &AppState, pace: u32) {
    if pace == 0 {
        return;
    }
    let state = state.clone();
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(std::time::Duration::from_secs(5));
        loop {
            ticks.tick().await;
            let now = state.clock.now();
            let moved = state
                .db
                .write(move |c| {
                    let tx = c.transaction()?;
                    let moved =
                        crate::requests::transition::advance_workflow(&tx, now, i64::from(pace))?;
                    tx.commit()?;
                    Ok(moved)
                })
                .await;
            if let Err(error) = moved {
                tracing::error!(%error, "the simulated provider failed");
            }
        }
    });
}

/// Every ten minutes, drops limit counters whose windows closed long ago.
fn spawn_janitor(state: &AppState) {
    let state = state.clone();
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            ticks.tick().await;
            let now = state.clock.now();
            if let Err(error) = state.db.write(move |c| crate::limits::prune(c, now)).await {
                tracing::warn!(%error, "cannot prune the limit counters");
            }
        }
    });
}

/// What a person starting the portal needs to see: where it is, who to sign in as on a demo,
/// and the operator credential when this run made one.
fn banner(address: std::net::SocketAddr, options: &ServeOptions, made_token: bool) -> String {
    let mut text = format!(
        "\nCổng công dân / Citizen portal: http://{address}/{}\n",
        if options.kiosk { "  (kiosk mode)" } else { "" },
    );
    if made_token && let Some(token) = &options.operator_token {
        text.push_str(&format!(
            "\nOperator credential for the demo endpoints: Authorization: Bearer {token}\n"
        ));
    }
    if options.demo {
        text.push_str(&format!(
            "\nDemo citizens — password {}; the SMS code is in the server's outbox{}:\n",
            seed::DEMO_PASSWORD,
            if options.dev_sms_outbox {
                format!(
                    " (printed here as each is sent; also at http://{address}/api/v1/dev/sms-outbox?to=PHONE with the operator credential)"
                )
            } else {
                " (start with --dev-sms-outbox to read it)".to_owned()
            },
        ));
        for citizen in seed::demo_citizens() {
            text.push_str(&format!(
                "  {}  {:<16} phone {}  {:>6} documents{}\n",
                citizen.record.personal_id.as_str(),
                citizen.record.full_name,
                citizen.record.phone.as_deref().unwrap_or("-"),
                citizen.store.count(),
                if citizen.verified {
                    ""
                } else {
                    "  (account not verified)"
                },
            ));
        }
    }
    if options.demo && options.demo_population > 0 {
        text.push_str(&format!(
            "  and {} synthetic citizens, phones {} to {}\n",
            options.demo_population,
            seed::population_phone(0),
            seed::population_phone(options.demo_population - 1),
        ));
    }
    text.push_str("\nStop with Ctrl-C.\n");
    text
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
