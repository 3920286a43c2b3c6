//! The load bench's HTTP client: keep-alive connections to the servers under test, the
//! portal's CSRF header on every state-changing request, a session cookie when given, and a
//! time limit on every exchange, so a stuck server cannot hold the bench.

use std::fmt;
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

/// The longest one exchange may take before it counts as failed.
const EXCHANGE_LIMIT: Duration = Duration::from_secs(30);

/// A pool of connections shared by every simulated citizen; cheap to clone.
#[derive(Clone)]
pub struct HttpClient {
    pool: Client<HttpConnector, Full<Bytes>>,
}

/// What the server answered.
pub struct Answer {
    /// The status.
    pub status: StatusCode,
    /// The whole body.
    pub body: Bytes,
    /// The `Set-Cookie` header, if any.
    pub set_cookie: Option<String>,
}

impl Answer {
    /// The body as JSON, or an error naming what was asked.
    pub fn json(&self, what: &str) -> Result<serde_json::Value, ExchangeError> {
        serde_json::from_slice(&self.body)
            .map_err(|e| ExchangeError::Unexpected(format!("{what}: the answer is not JSON: {e}")))
    }

    /// This answer when its status is a success, else an error with the status.
    pub fn success(self) -> Result<Self, ExchangeError> {
        if self.status.is_success() {
            Ok(self)
        } else {
            Err(ExchangeError::Status(self.status))
        }
    }
}

/// Why an exchange failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExchangeError {
    /// The server answered with a status the bench did not expect.
    Status(StatusCode),
    /// No answer within [`EXCHANGE_LIMIT`].
    TimedOut,
    /// The connection failed.
    Connection(String),
    /// The answer was not what the API documents.
    Unexpected(String),
}

impl fmt::Display for ExchangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Status(status) => write!(f, "HTTP {}", status.as_u16()),
            Self::TimedOut => write!(f, "no answer within {} s", EXCHANGE_LIMIT.as_secs()),
            Self::Connection(e) => write!(f, "connection failed: {e}"),
            Self::Unexpected(e) => write!(f, "{e}"),
        }
    }
}

/// One request to send.
pub struct Call<'a> {
    method: Method,
    url: String,
    cookie: Option<&'a str>,
    headers: Vec<(header::HeaderName, HeaderValue)>,
    json: Option<String>,
}

impl<'a> Call<'a> {
    /// A GET of `url`.
    pub fn get(url: String) -> Self {
        Self {
            method: Method::GET,
            url,
            cookie: None,
            headers: Vec::new(),
            json: None,
        }
    }

    /// A request with a JSON body, as the app sends it (with the CSRF header).
    pub fn json(method: Method, url: String, body: &serde_json::Value) -> Self {
        Self {
            method,
            json: Some(body.to_string()),
            ..Self::get(url)
        }
    }

    /// As the signed-in citizen whose `Cookie` value this is.
    pub fn cookie(mut self, cookie: &'a str) -> Self {
        self.cookie = Some(cookie);
        self
    }

    /// With one more header.
    pub fn header(mut self, name: header::HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }
}

impl HttpClient {
    /// A client whose pool keeps as many connections open as there are callers at once.
    pub fn new() -> Self {
        let mut connector = HttpConnector::new();
        // As a browser's stack does, and as the server does since its static files were
        // found waiting 40 ms for delayed ACKs.
        connector.set_nodelay(true);
        Self {
            pool: Client::builder(TokioExecutor::new())
                .pool_max_idle_per_host(usize::MAX)
                .build(connector),
        }
    }

    /// Sends `call` and reads the whole answer.
    pub async fn send(&self, call: Call<'_>) -> Result<Answer, ExchangeError> {
        let changing = call.method != Method::GET && call.method != Method::HEAD;
        let mut request = Request::builder().method(call.method).uri(&call.url);
        if changing {
            // The portal's CSRF defence refuses a state-changing request without it.
            request = request.header("x-requested-with", "portal");
        }
        if call.json.is_some() {
            request = request.header(header::CONTENT_TYPE, "application/json");
        }
        if let Some(cookie) = call.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        for (name, value) in call.headers {
            request = request.header(name, value);
        }
        let body = Full::new(Bytes::from(call.json.unwrap_or_default()));
        let request = request
            .body(body)
            .map_err(|e| ExchangeError::Unexpected(format!("cannot build the request: {e}")))?;
        let exchange = async {
            let response = self
                .pool
                .request(request)
                .await
                .map_err(|e| ExchangeError::Connection(e.to_string()))?;
            let status = response.status();
            let set_cookie = response
                .headers()
                .get(header::SET_COOKIE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let body = response
                .into_body()
                .collect()
                .await
                .map_err(|e| ExchangeError::Connection(e.to_string()))?
                .to_bytes();
            Ok(Answer {
                status,
                body,
                set_cookie,
            })
        };
        tokio::time::timeout(EXCHANGE_LIMIT, exchange)
            .await
            .unwrap_or(Err(ExchangeError::TimedOut))
    }
}
