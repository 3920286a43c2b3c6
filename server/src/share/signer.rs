//! The Ed25519 key that signs share codes: created once, kept in the database so codes stay
//! valid across restarts, published (public half only) at `/api/v1/share-keys`.

use std::sync::Arc;

use crate::db::{Connection, OptionalExtension};
use crate::params;
use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use portal_api::share::{ALGORITHM, ShareKey, SharePayload, base64url_encode, split_code};
use rand::RngCore;

use crate::auth::secrets;
use crate::db::DbError;

/// The current signing key and its id.
#[derive(Clone)]
pub struct ShareSigner {
    kid: String,
    key: Arc<SigningKey>,
}

impl ShareSigner {
    /// The newest key in the database, or a new one stored there.
    pub fn load_or_create(connection: &Connection, now: i64) -> Result<Self, DbError> {
        let newest: Option<(String, Vec<u8>)> = connection
            .query_row(
                "SELECT kid, secret FROM signing_keys ORDER BY created_at DESC, kid DESC LIMIT 1",
                (),
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        if let Some((kid, secret)) = newest {
            let bytes: [u8; 32] = secret
                .try_into()
                .map_err(|_| DbError::Seed("a stored signing key is not 32 bytes".to_owned()))?;
            return Ok(Self {
                kid,
                key: Arc::new(SigningKey::from_bytes(&bytes)),
            });
        }
        let mut secret = [0_u8; 32];
        rand::rng().fill_bytes(&mut secret);
        let kid = secrets::random_token()[..16].to_owned();
        connection.execute(
            "INSERT INTO signing_keys (kid, secret, created_at) VALUES (?1, ?2, ?3)",
            params![kid, secret.to_vec(), now],
        )?;
        Ok(Self {
            kid,
            key: Arc::new(SigningKey::from_bytes(&secret)),
        })
    }

    /// The id that payloads name this key by.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The public half, as published.
    pub fn public_key(&self) -> ShareKey {
        ShareKey {
            kid: self.kid.clone(),
            algorithm: ALGORITHM.to_owned(),
            public_key: base64url_encode(self.key.verifying_key().as_bytes()),
        }
    }

    /// The code for a payload: `<payload base64url>.<signature base64url>`.
    pub fn sign(&self, payload: &SharePayload) -> Result<String, serde_json::Error> {
        let signed = base64url_encode(&serde_json::to_vec(payload)?);
        let signature = self.key.sign(signed.as_bytes());
        Ok(format!(
            "{signed}.{}",
            base64url_encode(&signature.to_bytes())
        ))
    }
}

/// Checks a code against a public key (as a verifier would, and as the tests do).
pub fn verify(code: &str, public_key: &[u8; 32]) -> Option<SharePayload> {
    let split = split_code(code).ok()?;
    let key = VerifyingKey::from_bytes(public_key).ok()?;
    let signature = ed25519_dalek::Signature::from_slice(&split.signature).ok()?;
    key.verify(split.signed.as_bytes(), &signature).ok()?;
    serde_json::from_slice(&split.payload_json).ok()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use portal_api::share::{ShareableField, base64url_decode};

    use super::*;
    use crate::db::Database;

    #[test]
    fn signs_codes_that_verify_and_refuses_tampered_ones() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(&dir.path().join("portal.sqlite3")).unwrap();
        let signer = db
            .write_blocking(|c| ShareSigner::load_or_create(c, 1))
            .unwrap();
        let again = db
            .write_blocking(|c| ShareSigner::load_or_create(c, 2))
            .unwrap();
        assert_eq!(signer.kid(), again.kid(), "the key survives a restart");

        let payload = SharePayload {
            v: 1,
            id: "abc".to_owned(),
            kid: signer.kid().to_owned(),
            iat: 100,
            exp: 700,
            fields: BTreeMap::from([(ShareableField::FullName, "Nguyễn Văn An".to_owned())]),
        };
        let code = signer.sign(&payload).unwrap();
        let public: [u8; 32] = base64url_decode(&signer.public_key().public_key)
            .unwrap()
            .try_into()
            .unwrap();
        assert_eq!(verify(&code, &public), Some(payload.clone()));

        let mut forged = payload;
        forged
            .fields
            .insert(ShareableField::FullName, "Someone else".to_owned());
        let forged_payload = base64url_encode(&serde_json::to_vec(&forged).unwrap());
        let signature = code.split_once('.').unwrap().1;
        assert_eq!(
            verify(&format!("{forged_payload}.{signature}"), &public),
            None
        );
    }
}
