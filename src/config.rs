//! The deployment's runtime configuration, read from `/config.json` beside `index.html`, so
//! that one build serves a citizen's browser, a kiosk and a test run alike.

use leptos::prelude::*;
use portal_api::{ClientConfig, PrintPaper};
use wasm_bindgen::JsCast;

use crate::api;

/// Where the configuration lives: beside `index.html`, whatever the page's path.
const CONFIG_PATH: &str = "/config.json";

/// The configuration in context: `None` until `/config.json` has answered (or failed, which
/// leaves the defaults).
#[derive(Debug, Clone, Copy)]
pub struct ConfigContext(RwSignal<Option<ClientConfig>>);

impl ConfigContext {
    /// The configuration now, the defaults until it has loaded; does not track.
    pub fn current(self) -> ClientConfig {
        self.0.get_untracked().unwrap_or_default()
    }

    /// Whether this deployment is a kiosk, tracking the configuration's arrival.
    pub fn kiosk(self) -> bool {
        self.0
            .with(|config| config.as_ref().is_some_and(|c| c.kiosk))
    }

    /// Whether the configuration has arrived and says this is not a kiosk; does not track.
    pub fn known_not_kiosk(self) -> bool {
        self.0
            .with_untracked(|config| config.as_ref().is_some_and(|c| !c.kiosk))
    }

    /// The paper this deployment prints on, tracking the configuration's arrival.
    pub fn print_paper(self) -> PrintPaper {
        self.0
            .with(|config| config.as_ref().map(|c| c.print_paper).unwrap_or_default())
    }

    /// Whether a share link can also go to the citizen's own phone by SMS here; tracks.
    pub fn share_by_sms(self) -> bool {
        self.0
            .with(|config| config.as_ref().is_some_and(|c| c.share_by_sms))
    }

    fn set(self, config: ClientConfig) {
        self.0.set(Some(config));
    }
}

/// Names the deployment on `<html>` for the stylesheet: `data-print-paper` chooses the page
/// a print is laid out for (a kiosk's 80 mm receipt roll or A4), and `data-kiosk` the kiosk's
/// larger type and touch targets (style/main.css, "receipts" and "kiosk").
pub fn mark_deployment(config: ConfigContext) {
    Effect::new(move || {
        let paper = config.print_paper();
        let kiosk = config.kiosk();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-print-paper", paper.as_str());
            let _ = if kiosk {
                root.set_attribute("data-kiosk", "")
            } else {
                root.remove_attribute("data-kiosk")
            };
        }
    });
}

/// Provides the configuration context; `load_config` fills it when the app starts.
pub fn provide_config_context() -> ConfigContext {
    let context = ConfigContext(RwSignal::new(None));
    provide_context(context);
    context
}

/// The name under which `boot.js` leaves its promise of `/config.json`'s settings.
const BOOT_CONFIG: &str = "__portalConfig";

/// The settings `boot.js` has already asked for, so that the app does not ask again: one round
/// trip less before the session check. `None` where the app was started otherwise, or that
/// request failed (the app then asks itself).
async fn config_from_boot() -> Option<ClientConfig> {
    let promise = js_sys::Reflect::get(&window(), &BOOT_CONFIG.into())
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let json = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    serde_wasm_bindgen::from_value(json).ok()
}

/// Loads `/config.json`, falling back to the defaults when it is missing or unreadable: the
/// portal still works on the same origin without it. A registered kiosk's configuration
/// carries its token, exchanged here for the device cookie before anyone can sign in.
pub async fn load_config(context: ConfigContext) -> ClientConfig {
    let config = match config_from_boot().await {
        Some(config) => config,
        None => api::fetch_app_file::<ClientConfig>(CONFIG_PATH)
            .await
            .unwrap_or_default(),
    };
    context.set(config.clone());
    if let Some(token) = config.kiosk_device_token.as_deref() {
        // A refused or unreachable exchange leaves the kiosk counted by its address, as an
        // unregistered one: sign-in still works, within the address's allowance.
        let _ = api::kiosk::register_device(api::Api::new(context, None), token).await;
    }
    config
}
