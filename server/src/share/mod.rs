//! Signed share codes: signing what a citizen chose to share, and the keys that do it.

pub mod signer;
pub mod store;
