//! Random secrets and their hashes.
//!
//! Session tokens and challenge ids carry 256 bits from the operating system's generator;
//! the database keeps only their SHA-256, so a leaked copy of it opens no session. A fast hash
//! is right here (unlike for passwords): the secrets are random, not guessable words.

use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

/// A new random secret: 32 bytes as 64 lowercase hex digits.
pub fn random_token() -> String {
    let mut bytes = [0_u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex(&bytes)
}

/// A new one-time code: six decimal digits, leading zeros kept.
pub fn random_code() -> String {
    format!("{:06}", rand::rng().random_range(0..1_000_000))
}

/// The SHA-256 of `text` as hex: what the database stores in place of a secret.
pub fn hash(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hex() {
        let a = random_token();
        let b = random_token();
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..200 {
            let code = random_code();
            assert_eq!(code.len(), 6);
            assert!(code.bytes().all(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn hash_is_sha256() {
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
