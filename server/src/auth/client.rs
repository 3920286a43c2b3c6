//! Who is asking: the client's address (for per-address limits) and a short name of its
//! browser (for the citizen's list of sessions).

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::USER_AGENT;
use axum::http::request::Parts;

/// The client of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientInfo {
    /// The peer address. Behind a reverse proxy this is the proxy; a deployment there must
    /// put the limits in the proxy or teach this extractor its forwarding header.
    pub ip: IpAddr,
    /// "Chrome on Android", "Firefox on Windows", or "Unknown browser".
    pub device: String,
    /// The User-Agent header as sent, to tell viewers of a public link apart.
    pub user_agent: String,
}

impl<S: Send + Sync> FromRequestParts<S> for ClientInfo {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
        let agent = parts
            .headers
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        Ok(Self {
            ip,
            device: describe_device(agent),
            user_agent: agent.to_owned(),
        })
    }
}

/// A citizen-readable name for a User-Agent: the browser and the system, no version
/// numbers (they would only make the list harder to read).
pub fn describe_device(agent: &str) -> String {
    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", and
    // Android also says "Linux".
    const BROWSERS: [(&str, &str); 7] = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("CocCoc", "Cốc Cốc"),
        ("Firefox/", "Firefox"),
        ("HeadlessChrome/", "Chrome"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ];
    const SYSTEMS: [(&str, &str); 6] = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ];
    let browser = BROWSERS.iter().find(|(mark, _)| agent.contains(mark));
    let system = SYSTEMS.iter().find(|(mark, _)| agent.contains(mark));
    match (browser, system) {
        (Some((_, b)), Some((_, s))) => format!("{b} on {s}"),
        (Some((_, b)), None) => (*b).to_owned(),
        (None, Some((_, s))) => format!("Browser on {s}"),
        (None, None) => "Unknown browser".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_common_browsers() {
        let android = "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
        assert_eq!(describe_device(android), "Chrome on Android");
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0";
        assert_eq!(describe_device(edge), "Edge on Windows");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";
        assert_eq!(describe_device(iphone), "Safari on iOS");
        assert_eq!(describe_device(""), "Unknown browser");
    }
}
