//! How sign-in and sessions behave in this deployment.

use std::sync::Arc;

use ipnet::IpNet;
use portal_api::Channel;

use super::sms::SmsSettings;

/// Settings from the command line.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// Web, or a kiosk deployment (the server's `--kiosk`): every session it opens is a
    /// kiosk session with the kiosk's short idle timeout.
    pub channel: Channel,
    /// Seconds without a request after which a session ends.
    pub idle_timeout_seconds: u32,
    /// Seconds after signing in at which a session ends however active.
    pub absolute_timeout_seconds: u32,
    /// Password and code attempts allowed from one address per [`Self::ip_window_seconds`].
    pub attempts_per_ip: u32,
    /// The window of [`Self::attempts_per_ip`].
    pub ip_window_seconds: u32,
    /// Password and code attempts allowed from one registered kiosk per
    /// [`Self::ip_window_seconds`], counted instead of its address's (`--sign-in-attempts-per-kiosk`).
    pub attempts_per_kiosk: u32,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`--trusted-proxies`); none by
    /// default, so the peer address counts.
    pub trusted_proxies: Arc<[IpNet]>,
    /// Whether `GET /api/v1/dev/sms-outbox` answers (demos and tests only).
    pub dev_sms_outbox: bool,
    /// The SMS gateway: echo, and the allowance of codes per phone.
    pub sms: SmsSettings,
    /// Whether the session cookie is marked `Secure`. Always, except when a developer serves
    /// plain HTTP to a browser that will not keep Secure cookies from it.
    pub secure_cookie: bool,
}

/// Eight hours: a working day at most, then sign in again.
pub const ABSOLUTE_TIMEOUT_SECONDS: u32 = 8 * 60 * 60;
