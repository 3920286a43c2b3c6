//! `/api/v1/sign-in`: the password step, the code step, and a new code.

use axum::Json;
use axum::extract::State;
use axum_extra::extract::cookie::CookieJar;
use portal_api::auth::{
    CodeChallenge, CodeResend, CodeVerification, PasswordSignIn, SignInOutcome,
};
use portal_api::{ErrorBody, FieldErrorCode, SessionInfo};

use portal_api::auth::LOCKOUT_WINDOW_SECONDS;

use crate::auth::attempt_limits::{self, PASSWORD_FAILURES};
use crate::auth::challenges::{self, Resend, Start, Verdict};
use crate::auth::clock::seconds;
use crate::auth::current::{presented_token, session_cookie_for};
use crate::auth::kiosks::{self, KioskDevice};
use crate::auth::sessions::{self, EndReason};
use crate::auth::{ClientInfo, accounts, locks, password, sign_in_events};
use crate::error::ApiError;
use crate::json::ApiJson;
use crate::limits::Taken;
use crate::openapi::responses::{JsonBody, PublicChange};
use crate::routes::session::session_info;
use crate::state::AppState;

/// The registered kiosk whose device cookie the request carries, if any (a revoked or unknown
/// token counts as none: the attempt is then the address's).
async fn presented_kiosk(
    state: &AppState,
    jar: &CookieJar,
) -> Result<Option<KioskDevice>, ApiError> {
    let Some(token) = kiosks::presented_token(jar) else {
        return Ok(None);
    };
    Ok(state.db.read(move |c| kiosks::find(c, &token)).await?)
}

/// Counts one attempt from this client, in the database, so every server instance sharing it
/// counts together: against its registered kiosk's own budget, or else against its address's
/// (the peer's, or the one trusted proxies name).
async fn limit_attempt(
    state: &AppState,
    client: &ClientInfo,
    kiosk: Option<&KioskDevice>,
) -> Result<(), ApiError> {
    let window = state.auth.ip_window_seconds;
    let (limit, subject) = match kiosk {
        Some(kiosk) => (
            attempt_limits::per_kiosk(state.auth.attempts_per_kiosk, window),
            kiosk.id.clone(),
        ),
        None => (
            attempt_limits::per_address(state.auth.attempts_per_ip, window),
            client.ip.to_string(),
        ),
    };
    limit.admit(&state.db, subject, state.clock.now()).await
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
        JsonBody,
        (status = 401, description = "`invalid_credentials`: an unknown identifier, a wrong password, or an account locked after too many wrong passwords or codes: one answer, after as long, for all three (the citizen learns of a lock by SMS)", body = ErrorBody),
        (status = 403, description = "`account_not_verified` (after the right password), or `forbidden` without the CSRF header", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `identifier` or `password` is blank or too long. An identifier that is neither a personal identification number nor a mobile number names no account, and is answered 401 like an unknown one", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many attempts from this address (or this registered kiosk), or (after the right password) the phone has had its codes for the hour or the day; `retry_after_seconds` says how long to wait", body = ErrorBody),
    ),
)]
pub async fn sign_in(
    State(state): State<AppState>,
    client: ClientInfo,
    jar: CookieJar,
    ApiJson(body): ApiJson<PasswordSignIn>,
) -> Result<Json<CodeChallenge>, ApiError> {
    let kiosk = presented_kiosk(&state, &jar).await?;
    limit_attempt(&state, &client, kiosk.as_ref()).await?;
    let identifier = match body.validate() {
        Ok(identifier) => Some(identifier),
        // An identifier in neither shape names no account. The browser says so at the field;
        // the server answers as for an unknown one, so the API document can state its rule
        // as "not blank, not too long" rather than as a regex of every province code.
        Err(fields) if fields.len() == 1 && is_misshapen(fields.get("identifier")) => None,
        Err(fields) => return Err(ApiError::validation(fields)),
    };
    let now = state.clock.now();
    let channel = state.auth.channel;
    let sms = state.auth.sms;

    let account = match identifier {
        Some(identifier) => {
            state
                .db
                .read(move |c| accounts::find(c, &identifier))
                .await?
        }
        None => None,
    };
    let Some(account) = account else {
        password::verify_blocking(body.password, None).await;
        return Err(ApiError::invalid_credentials());
    };

    // The failure is counted before the password is checked, so a burst of guesses in
    // parallel gets exactly the account's allowance of checks; a right password gives its
    // slot back. A locked account is answered exactly like a wrong password, after as long.
    let id = account.personal_id.clone();
    let device = client.device.clone();
    let slot = state
        .db
        .write(move |c| {
            let slot = match locks::locked_until(c, &id, now)? {
                Some(_) => None,
                None => match PASSWORD_FAILURES.take(c, &id, now)? {
                    Taken::Slot(slot) => Some(slot),
                    Taken::Full { .. } => None,
                },
            };
            if slot.is_none() {
                sign_in_events::record(c, &id, now, &device, channel, SignInOutcome::Locked)?;
            }
            Ok(slot)
        })
        .await?;
    let Some(slot) = slot else {
        password::verify_blocking(body.password, None).await;
        return Err(ApiError::invalid_credentials());
    };

    let right = password::verify_blocking(body.password, Some(account.password_hash.clone())).await;
    if !right {
        let device = client.device.clone();
        state
            .db
            .write(move |c| {
                let id = &account.personal_id;
                sign_in_events::record(c, id, now, &device, channel, SignInOutcome::WrongPassword)?;
                if slot.last {
                    let until = now + i64::from(LOCKOUT_WINDOW_SECONDS);
                    locks::lock(c, id, &account.phone, until, now, sms.echo)?;
                }
                Ok(())
            })
            .await?;
        return Err(ApiError::invalid_credentials());
    }
    state.db.write(move |c| slot.give_back(c)).await?;
    if !account.verified {
        return Err(ApiError::account_not_verified());
    }
    let started = state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            let started = challenges::start(&tx, &account, now, sms)?;
            if matches!(started, Start::Sent(_)) {
                tx.commit()?;
            }
            Ok(started)
        })
        .await?;
    match started {
        Start::Sent(challenge) => Ok(Json(challenge)),
        Start::PhoneLimit(wait) => Err(ApiError::rate_limited(wait)),
    }
}

/// Whether the identifier's fault is its shape (not blank, not too long).
fn is_misshapen(code: Option<&FieldErrorCode>) -> bool {
    code.is_some_and(|code| !matches!(code, FieldErrorCode::Required | FieldErrorCode::TooLong))
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
        JsonBody,
        (status = 401, description = "`wrong_code`, with `attempts_left`", body = ErrorBody),
        PublicChange,
        (status = 410, description = "`code_expired`: expired, used up by wrong tries, or unknown; start again", body = ErrorBody),
        (status = 422, description = "`validation_failed`: `code` is not six digits", body = ErrorBody),
        (status = 423, description = "`account_locked`: too many wrong codes on this account within an hour (across sign-ins), or a lock from wrong passwords; `retry_after_seconds` says until when", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many attempts from this address (or this registered kiosk)", body = ErrorBody),
    ),
)]
pub async fn verify_code(
    State(state): State<AppState>,
    client: ClientInfo,
    jar: CookieJar,
    ApiJson(body): ApiJson<CodeVerification>,
) -> Result<(CookieJar, Json<SessionInfo>), ApiError> {
    let kiosk = presented_kiosk(&state, &jar).await?;
    limit_attempt(&state, &client, kiosk.as_ref()).await?;
    let code = body.validate().map_err(ApiError::validation)?;
    let now = state.clock.now();
    let settings = state.auth.clone();
    let previous = presented_token(&jar);
    let device = client.device;
    let sms = settings.sms;
    let outcome = state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            let verdict = challenges::verify(&tx, &body.challenge_id, &code, now, sms)?;
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
                    Some(sessions::create(
                        &tx,
                        personal_id,
                        &settings,
                        &device,
                        kiosk.as_ref(),
                        now,
                    )?)
                }
                // A code used up by wrong tries, or one that locked the account, goes in the
                // account's record of attempts.
                Verdict::Expired {
                    personal_id: Some(id),
                }
                | Verdict::Locked {
                    personal_id: id, ..
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
            let jar = jar.add(session_cookie_for(
                token,
                &session,
                state.auth.secure_cookie,
            ));
            Ok((jar, Json(info)))
        }
        (Verdict::Wrong { attempts_left }, _) => Err(ApiError::wrong_code(attempts_left)),
        (Verdict::Locked { until, .. }, _) => Err(ApiError::account_locked(seconds(until - now))),
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
        JsonBody,
        PublicChange,
        (status = 410, description = "`code_expired`: the sign-in expired or used all its new codes; start again", body = ErrorBody),
        (status = 429, description = "`rate_limited`: the countdown, or the phone's allowance of codes for the hour or the day, has `retry_after_seconds` to go", body = ErrorBody),
    ),
)]
pub async fn resend_code(
    State(state): State<AppState>,
    client: ClientInfo,
    jar: CookieJar,
    ApiJson(body): ApiJson<CodeResend>,
) -> Result<Json<CodeChallenge>, ApiError> {
    let kiosk = presented_kiosk(&state, &jar).await?;
    limit_attempt(&state, &client, kiosk.as_ref()).await?;
    let now = state.clock.now();
    let sms = state.auth.sms;
    let resend = state
        .db
        .write(move |c| {
            // Not committed when told to wait: a refusal by the phone's daily allowance must
            // not keep the slot it took in the hourly one.
            let tx = c.transaction()?;
            let resend = challenges::resend(&tx, &body.challenge_id, now, sms)?;
            if !matches!(resend, Resend::TooSoon(_)) {
                tx.commit()?;
            }
            Ok(resend)
        })
        .await?;
    match resend {
        Resend::Sent(challenge) => Ok(Json(challenge)),
        Resend::TooSoon(wait) => Err(ApiError::rate_limited(wait)),
        Resend::Expired => Err(ApiError::code_expired()),
    }
}
