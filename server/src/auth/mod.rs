//! Signing in and sessions: verified accounts with argon2id passwords, a one-time code by
//! SMS, opaque session tokens stored as hashes, lockout and rate limits.

pub mod accounts;
pub mod attempt_limits;
pub mod challenges;
pub mod client;
pub mod clock;
pub mod current;
pub mod kiosks;
pub mod locks;
pub mod password;
pub mod secrets;
pub mod sessions;
pub mod settings;
pub mod sign_in_events;
pub mod sms;

pub use client::ClientInfo;
pub use clock::Clock;
pub use current::CurrentSession;
pub use settings::AuthSettings;
