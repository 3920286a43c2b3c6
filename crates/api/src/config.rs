//! The runtime configuration the app reads from `/config.json` beside `index.html`.

use serde::{Deserialize, Serialize};

/// What one deployment tells the app at start-up, so that one build serves every deployment:
/// a citizen's browser, a kiosk in a cultural centre, a test run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ClientConfig {
    /// Where the API lives, e.g. `/api/v1` on the same origin.
    pub api_base_url: String,
    /// A shared kiosk: shorter timeouts, nothing remembered between citizens.
    pub kiosk: bool,
    /// Seconds without activity before the session ends.
    pub idle_timeout_seconds: u32,
    /// Seconds before that end at which the citizen is warned.
    pub warning_seconds: u32,
    /// A registered kiosk's secret, in that kiosk's own `config.json` only: the app exchanges
    /// it at start-up for the HttpOnly device cookie (`POST /api/v1/kiosk-device`), so the
    /// server counts this kiosk's sign-ins apart from its address's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kiosk_device_token: Option<String>,
    /// The paper this deployment's printer takes: the request confirmation and the record
    /// extract are laid out for it when printed.
    pub print_paper: PrintPaper,
    /// Whether a document's share link can also be sent by SMS to the citizen's own phone
    /// (`send_by_sms`): only where the server knows the address citizens reach it at.
    pub share_by_sms: bool,
}

/// The paper a deployment prints on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PrintPaper {
    /// An office printer's A4 sheet: a citizen's own printer, a service point's desk.
    #[default]
    #[serde(rename = "a4")]
    A4,
    /// A kiosk's 80 mm thermal receipt roll: one narrow column, only what the receipt is for.
    #[serde(rename = "receipt-80mm")]
    Receipt80mm,
}

impl PrintPaper {
    /// The name in `config.json`, which the app also puts on the page for its print stylesheet.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::A4 => "a4",
            Self::Receipt80mm => "receipt-80mm",
        }
    }
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            api_base_url: crate::API_PREFIX.to_owned(),
            kiosk: false,
            idle_timeout_seconds: 15 * 60,
            warning_seconds: 2 * 60,
            kiosk_device_token: None,
            print_paper: PrintPaper::A4,
            share_by_sms: false,
        }
    }
}

impl ClientConfig {
    /// The defaults for a shared kiosk: left alone, a session ends within two minutes.
    pub fn kiosk() -> Self {
        Self {
            kiosk: true,
            idle_timeout_seconds: 90,
            warning_seconds: 30,
            ..Self::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_keys_take_defaults_and_unknown_keys_are_refused() {
        let config: ClientConfig = serde_json::from_str(r#"{"kiosk": true}"#).unwrap();
        assert!(config.kiosk);
        assert_eq!(config.api_base_url, "/api/v1");
        assert_eq!(config.idle_timeout_seconds, 900);
        assert!(serde_json::from_str::<ClientConfig>(r#"{"kisok": true}"#).is_err());
    }

    #[test]
    fn print_paper_is_named_as_in_config_json() {
        for paper in [PrintPaper::A4, PrintPaper::Receipt80mm] {
            let json = serde_json::to_string(&paper).unwrap();
            assert_eq!(json, format!("\"{}\"", paper.as_str()));
            assert_eq!(serde_json::from_str::<PrintPaper>(&json).unwrap(), paper);
        }
        let config: ClientConfig =
            serde_json::from_str(r#"{"print_paper": "receipt-80mm"}"#).unwrap();
        assert_eq!(config.print_paper, PrintPaper::Receipt80mm);
        assert_eq!(ClientConfig::default().print_paper, PrintPaper::A4);
    }

    #[test]
    fn kiosk_warns_before_it_signs_out() {
        let kiosk = ClientConfig::kiosk();
        assert!(kiosk.warning_seconds < kiosk.idle_timeout_seconds);
    }
}
