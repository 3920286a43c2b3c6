//! `/api/v1/sign-in`: the password step, the code step, and a new code.

use axum::Json;
use axum::extract::State;
use axum_extra::extract::cookie::CookieJar;
use portal_api::auth::{
    CodeChallenge, CodeResend, CodeVerification, PasswordSignIn, SignInOutcome,
};
use portal_api::{ErrorBody, SessionInfo};

use crate::auth::challenges::{self, Resend, Verdict};
use crate::auth::clock::seconds;
use crate::auth::current::{presented_token, session_cookie};
use crate::auth::sessions::{self, EndReason};
use crate::auth::{ClientInfo, accounts, password, sign_in_events};
use crate::error::ApiError;
use crate::json::ApiJson;
use crate::routes::session::session_info;
use crate::state::AppState;

/// Counts one attempt from this client against the per-address limit.
fn limit(state: &AppState, client: &ClientInfo) -> Result<(), ApiError> {
    state
        .sign_in_limiter
        .attempt(client.ip, state.clock.now())
        .map_err(ApiError::rate_limited)
}

/// Checks the identifier and password and sends a one-time code to the account's verified
/// phone.
#[utoipa::path(
    post,
    path = "/api/v1/sign-in",
    tag = "session",
    operation_id = "signIn",
    security(()),
    request_body = PasswordSignIn,
    responses(
        (status = 200, description = "A code was sent to the verified phone", body = CodeChallenge),
        (status = 400, description = "The body is not the expected JSON", body = ErrorBody),
        (status = 401, description = "`invalid_credentials`: wrong identifier or password (one answer for both)", body = ErrorBody),
        (status = 403, description = "`account_not_verified`, or `forbidden` without the CSRF header", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `identifier` or `password` breaks the rules", body = ErrorBody),
        (status = 423, description = "`account_locked` after too many wrong passwords; `retry_after_seconds` says until when", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many attempts from this address", body = ErrorBody),
    ),
)]
pub async fn sign_in(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(body): ApiJson<PasswordSignIn>,
) -> Result<Json<CodeChallenge>, ApiError> {
    limit(&state, &client)?;
    let identifier = body.validate().map_err(ApiError::validation)?;
    let now = state.clock.now();
    let channel = state.auth.channel;

    let account = state
        .db
        .call(move |c| accounts::find(c, &identifier))
        .await?;
    let Some(account) = account else {
        password::verify_blocking(body.password, None).await;
        return Err(ApiError::invalid_credentials());
    };

    let id = account.personal_id.clone();
    let device = client.device.clone();
    let locked = state
        .db
        .call(move |c| {
            let until = accounts::locked_until(c, &id, now)?;
            if until.is_some() {
                sign_in_events::record(c, &id, now, &device, channel, SignInOutcome::Locked)?;
            }
            Ok(until)
        })
        .await?;
    if let Some(until) = locked {
        // Checked before the password: while locked, a right guess and a wrong one look alike.
        return Err(ApiError::account_locked(seconds(until - now)));
    }

    let right = password::verify_blocking(body.password, Some(account.password_hash.clone())).await;
    if !right {
        let id = account.personal_id.clone();
        let device = client.device.clone();
        let locked = state
            .db
            .call(move |c| {
                accounts::record_failure(c, &id, now)?;
                sign_in_events::record(
                    c,
                    &id,
                    now,
                    &device,
                    channel,
                    SignInOutcome::WrongPassword,
                )?;
                accounts::locked_until(c, &id, now)
            })
            .await?;
        return Err(match locked {
            Some(until) => ApiError::account_locked(seconds(until - now)),
            None => ApiError::invalid_credentials(),
        });
    }
    if !account.verified {
        return Err(ApiError::account_not_verified());
    }
    let echo = state.auth.dev_sms_outbox;
    let challenge = state
        .db
        .call(move |c| challenges::start(c, &account, now, echo))
        .await?;
    Ok(Json(challenge))
}

/// Checks the one-time code; on success opens a session with a new token in the cookie.
#[utoipa::path(
    post,
    path = "/api/v1/sign-in/code",
    tag = "session",
    operation_id = "verifySignInCode",
    security(()),
    request_body = CodeVerification,
    responses(
        (status = 200, description = "Signed in; the response sets the `portal_session` cookie", body = SessionInfo,
            headers(("set-cookie" = String, description = "`portal_session=…; Path=/; HttpOnly; Secure; SameSite=Strict`"))),
        (status = 400, description = "The body is not the expected JSON", body = ErrorBody),
        (status = 401, description = "`wrong_code`, with `attempts_left`", body = ErrorBody),
        (status = 403, description = "`forbidden` without the CSRF header", body = ErrorBody),
        (status = 410, description = "`code_expired`: expired, used up by wrong tries, or unknown; start again", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `code` is not six digits", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many attempts from this address", body = ErrorBody),
    ),
)]
pub async fn verify_code(
    State(state): State<AppState>,
    client: ClientInfo,
    jar: CookieJar,
    ApiJson(body): ApiJson<CodeVerification>,
) -> Result<(CookieJar, Json<SessionInfo>), ApiError> {
    limit(&state, &client)?;
    let code = body.validate().map_err(ApiError::validation)?;
    let now = state.clock.now();
    let settings = state.auth.clone();
    let previous = presented_token(&jar);
    let device = client.device;
    let outcome = state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            let verdict = challenges::verify(&tx, &body.challenge_id, &code, now)?;
            let opened = match &verdict {
                Verdict::Accepted { personal_id } => {
                    // No session fixation: whatever session the browser had ends, and the
                    // citizen gets a token that did not exist before this moment.
                    let old = match previous.as_deref() {
                        Some(token) => sessions::resume(&tx, token, now)?,
                        None => None,
                    };
                    if let Some(old) = old {
                        sessions::end(&tx, &old.id, EndReason::SignedOut, now)?;
                    }
                    accounts::clear_failures(&tx, personal_id)?;
                    sign_in_events::record(
                        &tx,
                        personal_id,
                        now,
                        &device,
                        settings.channel,
                        SignInOutcome::Succeeded,
                    )?;
                    Some(sessions::create(&tx, personal_id, &settings, &device, now)?)
                }
                // A code used up by wrong tries goes in the account's record of attempts.
                Verdict::Expired {
                    personal_id: Some(id),
                } => {
                    sign_in_events::record(
                        &tx,
                        id,
                        now,
                        &device,
                        settings.channel,
                        SignInOutcome::WrongCode,
                    )?;
                    None
                }
                Verdict::Wrong { .. } | Verdict::Expired { personal_id: None } => None,
            };
            tx.commit()?;
            Ok((verdict, opened))
        })
        .await?;
    match outcome {
        (Verdict::Accepted { .. }, Some((token, session))) => {
            let info = session_info(&state, &session, now).await?;
            let jar = jar.add(session_cookie(token, state.auth.secure_cookie));
            Ok((jar, Json(info)))
        }
        (Verdict::Wrong { attempts_left }, _) => Err(ApiError::wrong_code(attempts_left)),
        _ => Err(ApiError::code_expired()),
    }
}

/// Sends a new code once the previous one's countdown has run out.
#[utoipa::path(
    post,
    path = "/api/v1/sign-in/resend",
    tag = "session",
    operation_id = "resendSignInCode",
    security(()),
    request_body = CodeResend,
    responses(
        (status = 200, description = "A new code was sent; the previous one no longer works", body = CodeChallenge),
        (status = 400, description = "The body is not the expected JSON", body = ErrorBody),
        (status = 403, description = "`forbidden` without the CSRF header", body = ErrorBody),
        (status = 410, description = "`code_expired`: the sign-in expired or used all its new codes; start again", body = ErrorBody),
        (status = 415, description = "The body is not JSON", body = ErrorBody),
        (status = 429, description = "`rate_limited`: the countdown has `retry_after_seconds` to go", body = ErrorBody),
    ),
)]
pub async fn resend_code(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(body): ApiJson<CodeResend>,
) -> Result<Json<CodeChallenge>, ApiError> {
    limit(&state, &client)?;
    let now = state.clock.now();
    let echo = state.auth.dev_sms_outbox;
    let resend = state
        .db
        .call(move |c| challenges::resend(c, &body.challenge_id, now, echo))
        .await?;
    match resend {
        Resend::Sent(challenge) => Ok(Json(challenge)),
        Resend::TooSoon(wait) => Err(ApiError::rate_limited(wait)),
        Resend::Expired => Err(ApiError::code_expired()),
    }
}
