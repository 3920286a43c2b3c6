//! Command line and environment: how one run of the server is set up.

use crate::db::Location;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand};
use ipnet::IpNet;
use portal_api::PrintPaper;

use crate::national_db::NationalDbFault;

/// The citizen portal's reference backend: the `/api/v1` API, the built app from `dist/`,
/// demo data, and a simulated National Population Database.
#[derive(Debug, Clone, Parser)]
#[command(name = "portal-server", version, about)]
pub struct Cli {
    /// Something other than serving.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// How to serve (when no subcommand is given).
    #[command(flatten)]
    pub serve: ServeOptions,
}

/// What the binary can do besides serving.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Print the OpenAPI 3.1 document, generated from the code, as YAML on stdout
    /// (`cargo xtask openapi` writes it to docs/openapi.yaml).
    Openapi,
    /// Register a kiosk in `--database` and print its token, once: put it in that kiosk's
    /// own `config.json` as `kiosk_device_token`.
    RegisterKiosk {
        /// What the site's staff call it, e.g. "Ki-ốt 2".
        #[arg(long)]
        name: String,
        /// Where it stands, e.g. "Nhà văn hóa tổ 12, phường Dịch Vọng Hậu".
        #[arg(long)]
        site: String,
    },
}

/// Everything a serving run needs; every flag also reads an environment variable.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeOptions {
    /// Address and port to listen on.
    #[arg(long, env = "PORTAL_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// The database: an SQLite file (its directory is created if missing), or a PostgreSQL
    /// database as a `postgres://user:password@host:port/name` URL.
    #[arg(long, env = "PORTAL_DATABASE", default_value = "./data/portal.sqlite3")]
    pub database: Location,

    /// Pooled database connections per server process: SQLite's readers (its writes take one
    /// connection of their own), or every PostgreSQL connection.
    #[arg(long, env = "PORTAL_DATABASE_POOL", default_value_t = 8)]
    pub database_pool: u32,

    /// The built app (Trunk's output) to serve.
    #[arg(long, env = "PORTAL_DIST", default_value = "./dist")]
    pub dist: PathBuf,

    /// Seed the demo citizens (published password, full records, documents, requests) into an
    /// empty database, or a wiped one with `--reset`. Never in a real deployment.
    #[arg(long, env = "PORTAL_DEMO", value_parser = clap::builder::FalseyValueParser::new())]
    pub demo: bool,

    /// With `--demo`: seed this many synthetic citizens besides the six, each with a small
    /// data store and the demo password; citizen n's phone is `038` and n in seven digits.
    /// For load tests (`cargo xtask bench --load`).
    #[arg(
        long,
        env = "PORTAL_DEMO_POPULATION",
        default_value_t = 0,
        requires = "demo",
        value_parser = clap::value_parser!(u32).range(0..=i64::from(crate::seed::MAX_POPULATION)),
    )]
    pub demo_population: u32,

    /// Delete all data before serving (and seed the demo citizens again with `--demo`).
    #[arg(long)]
    pub reset: bool,

    /// Tell the app it runs on a shared kiosk (short idle timeout, nothing remembered).
    #[arg(long, env = "PORTAL_KIOSK", value_parser = clap::builder::FalseyValueParser::new())]
    pub kiosk: bool,

    /// The paper this deployment's printer takes: `a4`, or `receipt-80mm` for a kiosk's
    /// thermal roll. The app lays the request confirmation and the record extract out for it.
    #[arg(long, env = "PORTAL_PRINT_PAPER", default_value = "a4", value_parser = parse_print_paper)]
    pub print_paper: PrintPaper,

    /// The address citizens reach the portal at, e.g. `https://dichvucong.example.vn`: a
    /// document's share link sent by SMS points there (a kiosk's own address may be one only
    /// the site's network reaches). Without it no link is sent by SMS.
    #[arg(long, env = "PORTAL_PUBLIC_URL", value_name = "URL", value_parser = parse_public_url)]
    pub public_url: Option<String>,

    /// Let `GET /api/v1/dev/sms-outbox` show the one-time codes the simulated SMS gateway
    /// sent. For demos and tests only; never in a real deployment.
    #[arg(long, env = "PORTAL_DEV_SMS_OUTBOX", value_parser = clap::builder::FalseyValueParser::new())]
    pub dev_sms_outbox: bool,

    /// Let `POST /api/v1/operator/requests/{reference}/decision` decide requests as the
    /// provider would, and `PATCH /api/v1/operator/national-records/{id}` change a citizen in
    /// the simulated national database. For demos and tests only.
    #[arg(long, env = "PORTAL_OPERATOR_ENDPOINT", value_parser = clap::builder::FalseyValueParser::new())]
    pub operator_endpoint: bool,

    /// The credential the operator endpoints and the development SMS outbox ask for, as
    /// `Authorization: Bearer TOKEN`. When either is on without one, a random one is made and
    /// printed at start-up.
    #[arg(long, env = "PORTAL_OPERATOR_TOKEN", hide_env_values = true)]
    pub operator_token: Option<String>,

    /// Seconds the simulated provider waits before taking in a submitted request, and again
    /// before starting to handle it; 0 leaves requests where they are.
    #[arg(long, env = "PORTAL_REQUEST_PACE_SECONDS", default_value_t = 60)]
    pub request_pace_seconds: u32,

    /// Password and code attempts allowed from one client address per 15 minutes.
    #[arg(long, env = "PORTAL_SIGN_IN_ATTEMPTS_PER_IP", default_value_t = 30)]
    pub sign_in_attempts_per_ip: u32,

    /// Password and code attempts allowed from one registered kiosk per 15 minutes, counted
    /// instead of its address's: a busy kiosk signs a citizen in every minute or so, each
    /// with two steps and a mistake or two.
    #[arg(long, env = "PORTAL_SIGN_IN_ATTEMPTS_PER_KIOSK", default_value_t = 60)]
    pub sign_in_attempts_per_kiosk: u32,

    /// Reverse proxies (addresses or CIDR ranges, comma-separated) whose `X-Forwarded-For` is
    /// believed for the client's address; nobody else's is. None by default.
    #[arg(long, env = "PORTAL_TRUSTED_PROXIES", value_delimiter = ',', value_name = "IP_OR_CIDR", value_parser = parse_proxy)]
    pub trusted_proxies: Vec<IpNet>,

    /// One-time codes one phone may be sent per hour.
    #[arg(long, env = "PORTAL_SMS_PER_PHONE_PER_HOUR", default_value_t = 5)]
    pub sms_per_phone_per_hour: u32,

    /// One-time codes one phone may be sent per day.
    #[arg(long, env = "PORTAL_SMS_PER_PHONE_PER_DAY", default_value_t = 10)]
    pub sms_per_phone_per_day: u32,
    /// Calls of the public share endpoints (opening a document link, checking a share code)
    /// allowed from one client address per minute.
    #[arg(long, env = "PORTAL_PUBLIC_REQUESTS_PER_IP", default_value_t = 120)]
    pub public_requests_per_ip: u32,

    /// Each citizen's share of the expensive operations.
    #[command(flatten)]
    pub citizen_limits: CitizenLimits,

    /// Send the session cookie without `Secure`, for a browser that refuses Secure cookies
    /// over plain HTTP. Chromium and Firefox keep them from localhost, so this is rarely needed.
    #[arg(long, env = "PORTAL_INSECURE_COOKIE", value_parser = clap::builder::FalseyValueParser::new())]
    pub insecure_cookie: bool,

    /// A directory of CA certificates (PEM or DER: `.pem`, `.crt`, `.cer`, `.der`) that vouch
    /// for the signers of uploaded PDFs, read at start-up. A real deployment gives the national
    /// root CA and the CAs it certifies; without it no signer is trusted and every upload is
    /// refused (`untrusted_signer`).
    #[arg(long, env = "PORTAL_TRUST_ANCHORS", value_name = "DIR")]
    pub trust_anchors: Option<PathBuf>,

    /// Simulated response time of the National Population Database, in milliseconds.
    #[arg(long, env = "PORTAL_NATIONAL_DB_LATENCY_MS", default_value_t = 300)]
    pub national_db_latency_ms: u64,

    /// Simulated failure of the National Population Database, for demos and tests.
    #[arg(long, env = "PORTAL_NATIONAL_DB_FAULT", value_enum, default_value_t = NationalDbFault::None)]
    pub national_db_fault: NationalDbFault,
}

/// What one citizen may do or hold (issue 13): enough that a citizen never meets it, little
/// enough that a script cannot take everyone else's share. See [`crate::citizen_limits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::Args)]
pub struct CitizenLimits {
    /// Documents searches (`GET /api/v1/documents`) one citizen may make at once, and per 3
    /// seconds after that (one every 3 s / N). The app sends one per keystroke when the
    /// answers come back quickly: 30 is a 120-word-a-minute typist's rate, with room for a
    /// burst such as a held Backspace. A search past it waits its turn, up to 3 s.
    #[arg(long, env = "PORTAL_SEARCHES_PER_CITIZEN", default_value_t = 30)]
    pub searches_per_citizen: u32,

    /// Record refreshes from the national database one citizen may start per hour (on top
    /// of one a minute).
    #[arg(
        long,
        env = "PORTAL_RECORD_REFRESHES_PER_CITIZEN_PER_HOUR",
        default_value_t = 10
    )]
    pub record_refreshes_per_citizen_per_hour: u32,

    /// Signed PDFs one citizen may upload per day (each one's signature is checked).
    #[arg(long, env = "PORTAL_UPLOADS_PER_CITIZEN_PER_DAY", default_value_t = 20)]
    pub uploads_per_citizen_per_day: u32,

    /// Bytes of uploaded files one citizen's data store may hold (200 MiB: twenty files of
    /// the largest size, far more signed PDFs of the usual few hundred kilobytes).
    #[arg(long, env = "PORTAL_STORAGE_QUOTA_BYTES", default_value_t = 200 * 1024 * 1024)]
    pub storage_quota_bytes: u64,

    /// Drafts of written requests one citizen may have open (not submitted) at once.
    #[arg(long, env = "PORTAL_OPEN_DRAFTS_PER_CITIZEN", default_value_t = 20)]
    pub open_drafts_per_citizen: u32,

    /// Live shares one citizen may have at once: record share codes and document links
    /// together, neither expired nor revoked.
    #[arg(long, env = "PORTAL_LIVE_SHARES_PER_CITIZEN", default_value_t = 50)]
    pub live_shares_per_citizen: u32,

    /// Share links one citizen may have sent to their own phone by SMS per day: each one is
    /// a message the portal pays for.
    #[arg(
        long,
        env = "PORTAL_SHARE_SMS_PER_CITIZEN_PER_DAY",
        default_value_t = 10
    )]
    pub share_sms_per_citizen_per_day: u32,
}

/// A trusted proxy: a CIDR range, or one address (a range of one).
fn parse_proxy(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(IpNet::from))
        .map_err(|_| format!("not an IP address or CIDR range: {text}"))
}

/// The portal's public address: `http(s)://host[:port][/path]`, kept without a trailing
/// slash so `/shared/...` can follow it.
fn parse_public_url(text: &str) -> Result<String, String> {
    let text = text.trim().trim_end_matches('/');
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or_else(|| format!("not an http(s) address: {text}"))?;
    let host = rest.split('/').next().unwrap_or_default();
    let fine = |c: char| c.is_ascii_alphanumeric() || "-.:[]".contains(c);
    if host.is_empty() || !host.chars().all(fine) || rest.contains(['?', '#', ' ']) {
        return Err(format!("not a plain http(s) address: {text}"));
    }
    Ok(text.to_owned())
}

/// A paper by its `config.json` name.
fn parse_print_paper(text: &str) -> Result<PrintPaper, String> {
    [PrintPaper::A4, PrintPaper::Receipt80mm]
        .into_iter()
        .find(|paper| paper.as_str() == text.trim())
        .ok_or_else(|| format!("not a paper this portal prints on (a4, receipt-80mm): {text}"))
}

impl ServeOptions {
    /// The simulated latency as a duration.
    pub fn national_db_latency(&self) -> Duration {
        Duration::from_millis(self.national_db_latency_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_documented_ones() {
        let cli = Cli::try_parse_from(["portal-server"]).unwrap();
        assert!(cli.command.is_none());
        let options = cli.serve;
        assert_eq!(options.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(
            options.database,
            Location::Sqlite(PathBuf::from("./data/portal.sqlite3"))
        );
        assert_eq!(options.dist, PathBuf::from("./dist"));
        assert!(!options.reset);
        assert!(!options.demo, "no demo accounts unless asked for");
        assert_eq!(options.demo_population, 0);
        assert!(
            !options.operator_endpoint,
            "no operator endpoints unless asked for"
        );
        assert!(options.operator_token.is_none());
        assert!(
            !options.dev_sms_outbox,
            "the SMS outbox is off unless asked for"
        );
        assert!(!options.insecure_cookie);
        assert_eq!(options.sign_in_attempts_per_ip, 30);
        assert_eq!(options.sign_in_attempts_per_kiosk, 60);
        assert!(
            options.trusted_proxies.is_empty(),
            "no proxy believed by default"
        );
        assert_eq!(options.public_requests_per_ip, 120);
        assert_eq!(
            options.citizen_limits,
            CitizenLimits {
                searches_per_citizen: 30,
                record_refreshes_per_citizen_per_hour: 10,
                uploads_per_citizen_per_day: 20,
                storage_quota_bytes: 209_715_200,
                open_drafts_per_citizen: 20,
                live_shares_per_citizen: 50,
                share_sms_per_citizen_per_day: 10,
            }
        );
        assert_eq!(options.national_db_latency(), Duration::from_millis(300));
        assert_eq!(options.national_db_fault, NationalDbFault::None);
        assert_eq!(options.print_paper, PrintPaper::A4);
        assert_eq!(
            options.public_url, None,
            "no link sent by SMS unless configured"
        );
        assert_eq!(
            options.trust_anchors, None,
            "nobody is trusted unless configured"
        );
    }

    #[test]
    fn reads_flags_and_the_openapi_subcommand() {
        let cli = Cli::try_parse_from([
            "portal-server",
            "--listen",
            "127.0.0.1:9000",
            "--kiosk",
            "--reset",
            "--national-db-fault",
            "not-found",
            "--national-db-latency-ms",
            "0",
            "--trust-anchors",
            "server/trust-anchors/demo",
            "--print-paper",
            "receipt-80mm",
            "--public-url",
            "https://dichvucong.example.vn/",
        ])
        .unwrap();
        assert_eq!(
            cli.serve.public_url.as_deref(),
            Some("https://dichvucong.example.vn")
        );
        assert!(cli.serve.kiosk && cli.serve.reset);
        assert_eq!(cli.serve.print_paper, PrintPaper::Receipt80mm);
        assert_eq!(cli.serve.national_db_fault, NationalDbFault::NotFound);
        assert_eq!(cli.serve.national_db_latency_ms, 0);
        assert_eq!(
            cli.serve.trust_anchors,
            Some(PathBuf::from("server/trust-anchors/demo"))
        );

        let cli = Cli::try_parse_from(["portal-server", "openapi"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Openapi)));
    }

    #[test]
    fn a_demo_population_needs_the_demo_and_has_a_ceiling() {
        let parse = |args: &[&str]| Cli::try_parse_from([&["portal-server"], args].concat());
        let cli = parse(&["--demo", "--demo-population", "200"]).unwrap();
        assert_eq!(cli.serve.demo_population, 200);
        assert!(parse(&["--demo-population", "200"]).is_err());
        assert!(parse(&["--demo", "--demo-population", "100001"]).is_err());
    }

    #[test]
    fn command_line_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn a_public_url_is_a_plain_http_address() {
        assert_eq!(
            parse_public_url("http://127.0.0.1:8080").as_deref(),
            Ok("http://127.0.0.1:8080")
        );
        for bad in [
            "dichvucong.example.vn",
            "ftp://x",
            "https://",
            "https://a b",
            "https://x?y=1",
        ] {
            assert!(parse_public_url(bad).is_err(), "{bad}");
        }
    }
}
