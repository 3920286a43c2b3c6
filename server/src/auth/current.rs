//! [`CurrentSession`]: the extractor every protected endpoint takes. Without a live session
//! the request ends in 401 `unauthenticated` before the handler runs.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use portal_api::SESSION_COOKIE;

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
        Ok(Self(session))
    }
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

/// The cookie that makes the browser forget the session token.
pub fn expired_session_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = session_cookie(String::new(), secure);
    cookie.make_removal();
    cookie
}
