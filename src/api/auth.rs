//! Signing in and out: `{api}/sign-in`, `{api}/sign-in/code`, `{api}/sign-in/resend`,
//! `DELETE {api}/session`, and "stay signed in".

use gloo_net::http::Method;
use portal_api::SessionInfo;
use portal_api::auth::{CodeChallenge, CodeVerification, PasswordSignIn};

use super::{ApiError, send, send_empty};

/// The password step: on success a code is on its way to the verified phone.
pub async fn sign_in(api: &str, body: &PasswordSignIn) -> Result<CodeChallenge, ApiError> {
    let fields = [
        ("identifier", body.identifier.as_str()),
        ("password", body.password.as_str()),
    ];
    send(Method::POST, &format!("{api}/sign-in"), &fields).await
}

/// The code step: on success the session cookie is set and the session answered.
pub async fn verify_code(api: &str, body: &CodeVerification) -> Result<SessionInfo, ApiError> {
    let fields = [
        ("challenge_id", body.challenge_id.as_str()),
        ("code", body.code.as_str()),
    ];
    send(Method::POST, &format!("{api}/sign-in/code"), &fields).await
}

/// A new code for the same sign-in.
pub async fn resend_code(api: &str, challenge_id: &str) -> Result<CodeChallenge, ApiError> {
    send(
        Method::POST,
        &format!("{api}/sign-in/resend"),
        &[("challenge_id", challenge_id)],
    )
    .await
}

/// "Stay signed in": the server's idle timer starts again.
pub async fn keep_alive(api: &str) -> Result<SessionInfo, ApiError> {
    send(Method::POST, &format!("{api}/session/keep-alive"), &[]).await
}

/// Ends the session on the server and clears the cookie.
pub async fn sign_out(api: &str) -> Result<(), ApiError> {
    send_empty(Method::DELETE, &format!("{api}/session")).await
}
