//! Whether one of the portal's keys made a share code's Ed25519 signature.
//!
//! The browser checks it itself where its WebCrypto has Ed25519 (Chromium 137, Firefox 129,
//! Safari 17 and later): native code, nothing to download. Elsewhere ed25519-dalek does, from
//! a chunk of its own (8 KB brotli) that only such a browser fetches.

use js_sys::{Array, Uint8Array};
use leptos::prelude::window;
use leptos::wasm_split::wasm_split;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::check::{Claim, PublicKey};
use crate::lazy_routes::ChunkNotLoaded;

/// The algorithm's name in WebCrypto.
const ED25519: &str = "Ed25519";

/// Whether one of the claim's keys made its signature. `Err` only when the browser lacks
/// Ed25519 and the fallback's chunk could not be fetched (offline).
pub async fn signed_by_one_of_its_keys(claim: &Claim) -> Result<bool, ChunkNotLoaded> {
    for key in &claim.keys {
        let signed = match web_crypto_signs(key, claim.signed.as_bytes(), &claim.signature).await {
            Some(signed) => signed,
            None => {
                dalek_check(&Check {
                    key: *key,
                    message: claim.signed.as_bytes().to_vec(),
                    signature: claim.signature.clone(),
                })
                .await?
            }
        };
        if signed {
            return Ok(true);
        }
    }
    Ok(false)
}

/// WebCrypto's verdict; `None` where it cannot give one (no Ed25519, no `crypto.subtle` in
/// an insecure context, or a key it refuses to import).
async fn web_crypto_signs(key: &PublicKey, message: &[u8], signature: &[u8]) -> Option<bool> {
    let subtle = window().crypto().ok()?.subtle();
    let usages = Array::of1(&"verify".into());
    let imported = subtle
        .import_key_with_str("raw", &Uint8Array::from(&key[..]), ED25519, false, &usages)
        .ok()?;
    let imported = JsFuture::from(imported).await.ok()?;
    let verdict = subtle
        .verify_with_str_and_js_u8_array_and_js_u8_array(
            ED25519,
            imported.unchecked_ref(),
            &Uint8Array::from(signature),
            &Uint8Array::from(message),
        )
        .ok()?;
    JsFuture::from(verdict).await.ok()?.as_bool()
}

/// One check for the fallback, passed to its chunk behind one pointer.
struct Check {
    key: PublicKey,
    message: Vec<u8>,
    signature: Vec<u8>,
}

/// ed25519-dalek's check, split into the `ed25519` chunk.
#[wasm_split(ed25519, wasm_split_path = ::leptos::wasm_split, fallible)]
fn dalek_check(check: &Check) -> Result<bool, ChunkNotLoaded> {
    Ok(dalek_signs(&check.key, &check.message, &check.signature))
}

/// Whether `key` made `signature` over `message`, by ed25519-dalek's strict rules (those of
/// the server's signer and of WebCrypto: no small-order keys, no malleable signatures).
pub fn dalek_signs(key: &PublicKey, message: &[u8], signature: &[u8]) -> bool {
    let Ok(signature) = ed25519_dalek::Signature::from_slice(signature) else {
        return false;
    };
    ed25519_dalek::VerifyingKey::from_bytes(key)
        .is_ok_and(|key| key.verify_strict(message, &signature).is_ok())
}
