//! The sign-in limits a citizen's account, phone and client address get, counted in the
//! database (see [`crate::limits`]).

use portal_api::auth::{LOCKOUT_FAILURES, LOCKOUT_WINDOW_SECONDS};

use crate::limits::Limit;

/// Wrong passwords per account: the fifth within 15 minutes locks it for 15 minutes.
pub const PASSWORD_FAILURES: Limit = Limit {
    name: "password",
    max: LOCKOUT_FAILURES,
    window_seconds: LOCKOUT_WINDOW_SECONDS,
};

/// Wrong one-time codes per account, across every sign-in: each correct password starts a new
/// code with three tries, so without this whoever knows a password could keep guessing.
pub const CODE_FAILURES: Limit = Limit {
    name: "code",
    max: 10,
    window_seconds: 60 * 60,
};

/// Codes sent to one phone per hour (`--sms-per-phone-per-hour`, 5 by default: a citizen
/// needs two or three at most).
pub const fn sms_per_hour(max: u32) -> Limit {
    Limit {
        name: "sms-hour",
        max,
        window_seconds: 60 * 60,
    }
}

/// Codes sent to one phone per day (`--sms-per-phone-per-day`, 10 by default).
pub const fn sms_per_day(max: u32) -> Limit {
    Limit {
        name: "sms-day",
        max,
        window_seconds: 24 * 60 * 60,
    }
}

/// Password and code attempts from one client address (`--sign-in-attempts-per-ip`).
pub const fn per_address(max: u32, window_seconds: u32) -> Limit {
    Limit {
        name: "address",
        max,
        window_seconds,
    }
}

/// Password and code attempts from one registered kiosk (`--sign-in-attempts-per-kiosk`),
/// counted instead of its address's, so the kiosks of a busy site behind one address each
/// have their own.
pub const fn per_kiosk(max: u32, window_seconds: u32) -> Limit {
    Limit {
        name: "kiosk",
        max,
        window_seconds,
    }
}
