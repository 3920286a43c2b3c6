//! Signing in and out: `{api}/sign-in`, `{api}/sign-in/code`, `{api}/sign-in/resend`,
//! `DELETE {api}/session`, and "stay signed in".

use gloo_net::http::Method;
use portal_api::SessionInfo;
use portal_api::auth::{CodeChallenge, CodeResend, CodeVerification, PasswordSignIn};

use super::{Api, ApiError};

/// The password step: on success a code is on its way to the verified phone.
pub async fn sign_in(api: Api, body: &PasswordSignIn) -> Result<CodeChallenge, ApiError> {
    api.send_json(Method::POST, "/sign-in", body).await
}

/// The code step: on success the session cookie is set and the session answered.
pub async fn verify_code(api: Api, body: &CodeVerification) -> Result<SessionInfo, ApiError> {
    api.send_json(Method::POST, "/sign-in/code", body).await
}

/// A new code for the same sign-in.
pub async fn resend_code(api: Api, challenge_id: &str) -> Result<CodeChallenge, ApiError> {
    let body = CodeResend {
        challenge_id: challenge_id.to_owned(),
    };
    api.send_json(Method::POST, "/sign-in/resend", &body).await
}

/// "Stay signed in": the server's idle timer starts again.
pub async fn keep_alive(api: Api) -> Result<SessionInfo, ApiError> {
    api.post("/session/keep-alive").await
}

/// Ends the session on the server and clears the cookie.
pub async fn sign_out(api: Api) -> Result<(), ApiError> {
    api.send_empty(Method::DELETE, "/session").await
}
