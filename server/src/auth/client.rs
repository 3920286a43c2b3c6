//! Who is asking: the client's address (for per-address limits) and a short name of its
//! browser (for the citizen's list of sessions).

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::header::USER_AGENT;
use axum::http::request::Parts;
use ipnet::IpNet;

use crate::state::AppState;

/// The header in which a reverse proxy names the address it took a request from, appending
/// it to what earlier proxies wrote.
const FORWARDED_FOR: &str = "x-forwarded-for";

/// The client of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientInfo {
    /// The client's address: the peer's, or, when the peer is one of `--trusted-proxies`, the
    /// address those proxies say they took the request from (see [`client_address`]).
    pub ip: IpAddr,
    /// "Chrome on Android", "Firefox on Windows", or "Unknown browser".
    pub device: String,
    /// The User-Agent header as sent, to tell viewers of a public link apart.
    pub user_agent: String,
}

impl FromRequestParts<AppState> for ClientInfo {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
        let ip = client_address(peer, &parts.headers, &state.auth.trusted_proxies);
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

/// The address a request came from. `X-Forwarded-For` is believed only from a trusted proxy,
/// and only as far back as the chain of trusted proxies goes: read from the right (the entry
/// the peer itself added), each trusted entry passes the question one hop further, and the
/// first address that is not a trusted proxy is the client. Anyone else's header changes
/// nothing, so a client cannot pick the address its attempts are counted against; an entry
/// that is not an address ends the walk at the last hop that was believed.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    let mut client = peer;
    if !is_trusted(&client) {
        return client;
    }
    let entries: Vec<&str> = headers
        .get_all(FORWARDED_FOR)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect();
    for entry in entries.iter().rev() {
        let Ok(hop) = entry.parse::<IpAddr>() else {
            break;
        };
        client = hop;
        if !is_trusted(&hop) {
            break;
        }
    }
    client
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

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(FORWARDED_FOR, value.parse().unwrap());
        }
        headers
    }

    #[test]
    fn forwarded_for_is_believed_from_trusted_proxies_only() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap(), "::1/128".parse().unwrap()];
        let ip = |text: &str| text.parse::<IpAddr>().unwrap();
        let spoofed = forwarded(&["203.0.113.9"]);
        assert_eq!(
            client_address(ip("198.51.100.7"), &spoofed, &trusted),
            ip("198.51.100.7"),
            "an untrusted peer's header changes nothing"
        );
        assert_eq!(
            client_address(ip("198.51.100.7"), &spoofed, &[]),
            ip("198.51.100.7"),
            "no proxy trusted by default"
        );
        // The client wrote a made-up first entry; the trusted proxies appended the real ones.
        let chain = forwarded(&["1.2.3.4, 203.0.113.9", "10.0.0.2"]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &chain, &trusted),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_address(ip("::1"), &forwarded(&["garbage, 10.0.0.3"]), &trusted),
            ip("10.0.0.3"),
            "an entry that is no address ends the walk"
        );
        assert_eq!(
            client_address(ip("10.0.0.1"), &HeaderMap::new(), &trusted),
            ip("10.0.0.1"),
            "a trusted proxy that names nobody is the client"
        );
    }

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
