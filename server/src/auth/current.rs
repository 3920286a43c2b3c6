//! [`CurrentSession`]: the extractor every protected endpoint takes. Without a live session
//! the request ends in 401 `unauthenticated` before the handler runs.

use std::sync::{Arc, Mutex};

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use portal_api::{Channel, SESSION_COOKIE};

use super::sessions::{self, EndReason, Session};
use crate::error::ApiError;
use crate::state::AppState;

/// The signed-in citizen's live session, already marked active.
#[derive(Debug, Clone)]
pub struct CurrentSession(pub Session);

impl FromRequestParts<AppState> for CurrentSession {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar
            .get(SESSION_COOKIE)
            .map(|cookie| cookie.value().to_owned())
            .filter(|token| !token.is_empty())
            .ok_or_else(ApiError::unauthenticated)?;
        let now = state.clock.now();
        let presented = token.clone();
        // Read first: most calls come within the second of the page's previous one, and need
        // no write at all, so a busy page never queues behind SQLite's one writer.
        let found = state
            .db
            .read(move |c| sessions::find_live(c, &token))
            .await?;
        let Some((session, last_active_at)) = found else {
            return Err(ApiError::unauthenticated());
        };
        let id = session.id.clone();
        if sessions::is_over(&session, last_active_at, now) {
            state
                .db
                .write(move |c| sessions::end(c, &id, EndReason::Expired, now))
                .await?;
            return Err(ApiError::unauthenticated());
        }
        if last_active_at < now {
            let live = state
                .db
                .write(move |c| sessions::touch(c, &id, now))
                .await?;
            if !live {
                return Err(ApiError::unauthenticated());
            }
        }
        if session.channel == Channel::Kiosk
            && let Some(renewal) = parts.extensions.get::<CookieRenewal>()
        {
            renewal.set(session_cookie_for(
                presented,
                &session,
                state.auth.secure_cookie,
            ));
        }
        Ok(Self(session))
    }
}

/// Where [`CurrentSession`] leaves a kiosk session's renewed cookie for
/// [`renew_kiosk_cookie`] to send with the answer.
#[derive(Debug, Clone, Default)]
struct CookieRenewal(Arc<Mutex<Option<Cookie<'static>>>>);

impl CookieRenewal {
    fn set(&self, cookie: Cookie<'static>) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(cookie);
        }
    }

    fn take(&self) -> Option<Cookie<'static>> {
        self.0.lock().ok().and_then(|mut slot| slot.take())
    }
}

/// Middleware on the API: every answer that found a live kiosk session renews its cookie's
/// lifetime (see [`session_cookie_for`]), unless the answer sets the session cookie itself
/// (sign-in, sign-out).
pub async fn renew_kiosk_cookie(mut request: Request, next: Next) -> Response {
    let renewal = CookieRenewal::default();
    request.extensions_mut().insert(renewal.clone());
    let mut response = next.run(request).await;
    let Some(cookie) = renewal.take() else {
        return response;
    };
    let prefix = format!("{SESSION_COOKIE}=");
    let sets_session = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|value| value.as_bytes().starts_with(prefix.as_bytes()));
    if !sets_session && let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The session token present on a request, if any (sign-in ends it: a new token every time).
pub fn presented_token(jar: &CookieJar) -> Option<String> {
    jar.get(SESSION_COOKIE).map(|c| c.value().to_owned())
}

/// The cookie that carries a session token: invisible to scripts, never sent cross-site,
/// gone when the browser closes (the server's own expiry still applies).
pub fn session_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token))
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Strict)
        .build()
}

/// How much longer than its session's idle timeout a kiosk session's cookie lives: the
/// time a request takes on its way, so the cookie never dies before the server's session.
const KIOSK_COOKIE_MARGIN_SECONDS: i64 = 10;

/// The cookie for `session`. A kiosk session's lives only as long as the session's idle
/// timeout (90 s), renewed by every answer: a kiosk whose sign-out never reached the server
/// (the network down, the server away) forgets the session by itself once left alone, as the
/// server does, and the next stranger cannot bring it back when the network returns. A
/// citizen's own browser keeps it until it closes, as before.
pub fn session_cookie_for(token: String, session: &Session, secure: bool) -> Cookie<'static> {
    let mut cookie = session_cookie(token, secure);
    if session.channel == Channel::Kiosk {
        cookie.set_max_age(time::Duration::seconds(
            session.idle_timeout + KIOSK_COOKIE_MARGIN_SECONDS,
        ));
    }
    cookie
}

/// The cookie that makes the browser forget the session token.
pub fn expired_session_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = session_cookie(String::new(), secure);
    cookie.make_removal();
    cookie
}
