//! `/verify`: public, no sign-in. Checks a share code (opened from the QR, pasted, read from
//! a photo of the QR, or scanned with the camera in the page) in the browser against the
//! portal's published keys, checks its expiry by the browser's clock and its revocation
//! online, and shows what it shares.

mod camera;
mod camera_scan;
mod camera_view;
mod check;
mod frame_scanner;
mod image_input;
mod outcome;
mod paste_form;
mod qr_image;
mod signature;

use leptos::{ev, prelude::*, task::spawn_local};
use portal_api::share::{ShareKey, SharePayload};

use crate::api::{self, Api, ApiError, use_api};
use crate::components::PageHeading;
use crate::i18n::*;
use crate::session::now_ms;
use crate::text::tr;
use camera_scan::CameraScan;
use check::{Refusal, Revocation, Verified, decide, is_expired, judge, read_claim};
use image_input::ImageInput;
use outcome::OutcomeView;
use paste_form::PasteForm;

/// Where the check of a code stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Fetching keys or asking about revocation.
    Checking,
    /// The portal's keys could not be fetched: nothing can be said about the code yet.
    KeysFailed(ApiError),
    /// Refused, with the expiry when the code was signed but has expired.
    Refused(Refusal, Option<i64>),
    /// Signed, in date, and not known to be revoked.
    Valid(Verified),
}

/// The verify page.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let outcome = RwSignal::new(None::<Outcome>);
    let last_code = StoredValue::new(String::new());
    // Fetched once, when the first code arrives; a new key appears only with a new deployment.
    let keys = StoredValue::new(None::<Vec<ShareKey>>);

    let check = move |text: String| {
        last_code.set_value(text.clone());
        outcome.set(Some(Outcome::Checking));
        spawn_local(async move {
            outcome.set(Some(check_code(api, &text, keys).await));
        });
    };
    let on_code = Callback::new(check);
    let on_retry = Callback::new(move |()| check(last_code.get_value()));

    // Opened from a QR: the code is after `#`, never sent to the server with the page.
    let from_hash = move || {
        let hash = window().location().hash().unwrap_or_default();
        if let Some(code) = hash.strip_prefix('#').filter(|code| !code.is_empty()) {
            check(code.to_owned());
        }
    };
    // Once in the browser: a page rendered ahead of time has no address to read.
    Effect::new(move |_| from_hash());
    let listener = window_event_listener(ev::hashchange, move |_| from_hash());
    on_cleanup(move || listener.remove());

    view! {
        <PageHeading title=move || t_string!(i18n, page.verify.title).to_owned() />
        <p class="app-lead">{tr(i18n, |l| td_string!(l, page.verify.intro))}</p>
        <OutcomeView outcome on_retry />
        <div class="app-grid">
            <div class="app-grid__main">
                <PasteForm on_code />
            </div>
            <div class="app-grid__side">
                <CameraScan on_code />
                <p class="app-body app-secondary-text">{tr(i18n, |l| td_string!(l, verify.camera_note))}</p>
                <ImageInput on_code />
            </div>
        </div>
    }
}

/// The whole check of one code: keys, signature, expiry, then revocation online.
async fn check_code(api: Api, text: &str, keys: StoredValue<Option<Vec<ShareKey>>>) -> Outcome {
    let published = match keys.get_value() {
        Some(published) => published,
        None => match api::share::share_keys(api).await {
            Ok(published) => {
                keys.set_value(Some(published.clone()));
                published
            }
            Err(error) => return Outcome::KeysFailed(error),
        },
    };
    let claim = match read_claim(text, &published, decode_payload) {
        Ok(claim) => claim,
        Err(refusal) => return Outcome::Refused(refusal, None),
    };
    let Ok(signed) = signature::signed_by_one_of_its_keys(&claim).await else {
        // A browser without Ed25519 could not fetch the code that checks it: as offline.
        return Outcome::KeysFailed(ApiError::Network);
    };
    let payload = match judge(claim, signed) {
        Ok(payload) => payload,
        Err(refusal) => return Outcome::Refused(refusal, None),
    };
    let now = (now_ms() / 1000.0).floor() as i64;
    // An expired code is refused whatever its standing: no need to ask, nor to log a check.
    if is_expired(&payload, now) {
        return Outcome::Refused(Refusal::Expired, Some(payload.exp));
    }
    let revocation = match api::share::share_status(api, &payload.id).await {
        Ok(status) if status.revoked => Revocation::Revoked,
        Ok(_) => Revocation::Standing,
        // Signed by the portal, yet the portal does not know it: withdrawn, never accepted.
        Err(ApiError::NotFound) => Revocation::Revoked,
        Err(_) => Revocation::Unchecked,
    };
    let exp = payload.exp;
    match decide(payload, now, revocation) {
        Ok(verified) => Outcome::Valid(verified),
        Err(refusal) => Outcome::Refused(refusal, (refusal == Refusal::Expired).then_some(exp)),
    }
}

/// The payload's JSON through the browser's own parser, so the wasm carries none.
fn decode_payload(json: &[u8]) -> Option<SharePayload> {
    let text = std::str::from_utf8(json).ok()?;
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}
