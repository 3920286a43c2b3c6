//! The bench's citizens: signed in as the app does it (password, then the SMS code, here read
//! from the server's development outbox), each with a draft request whose saves the bench
//! remembers, to check afterwards that the server kept exactly those.

use std::sync::Mutex;

use hyper::Method;
use hyper::header::{self, HeaderValue};
use serde_json::json;

use super::http::{Call, ExchangeError, HttpClient};

/// Every demo account's password (the server's `seed::DEMO_PASSWORD`).
const DEMO_PASSWORD: &str = "Demo@2026";

/// A signed-in citizen and their draft.
pub struct Citizen {
    /// The server this citizen talks to (`http://127.0.0.1:8293`).
    pub base: String,
    /// The `Cookie` header value of their session.
    pub cookie: String,
    /// Their draft request, as the bench last saved it.
    pub draft: Mutex<Draft>,
}

/// A draft as the bench believes the server holds it.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Its id (`PUT /api/v1/requests/{id}`).
    pub id: String,
    /// The revision the next save names.
    pub revision: u64,
    /// The answers of the last save the server took, as it echoed them.
    pub answers: serde_json::Value,
    /// How many saves the server took.
    pub saves: u64,
    /// A save got no answer, so the server may or may not have taken it.
    pub unsure: bool,
}

/// The phone the server gives synthetic demo citizen `n` (`--demo-population`): `038` and
/// `n` in seven digits, as `server/src/seed/population.rs` makes them.
pub fn population_phone(n: usize) -> String {
    format!("038{n:07}")
}

/// Signs in with the demo password as `identifier`, whose codes go to `phone`, and returns
/// the session's `Cookie` header value.
pub async fn sign_in(
    client: &HttpClient,
    base: &str,
    identifier: &str,
    phone: &str,
    operator: &HeaderValue,
) -> Result<String, ExchangeError> {
    let body = json!({"identifier": identifier, "password": DEMO_PASSWORD});
    let challenge = client
        .send(Call::json(
            Method::POST,
            format!("{base}/api/v1/sign-in"),
            &body,
        ))
        .await?
        .success()?
        .json("sign-in")?;
    let outbox = client
        .send(
            Call::get(format!("{base}/api/v1/dev/sms-outbox?to={phone}"))
                .header(header::AUTHORIZATION, operator.clone()),
        )
        .await?
        .success()?
        .json("the SMS outbox")?;
    // Newest first; the code is the message's only run of six digits.
    let text = outbox[0]["text"].as_str().unwrap_or_default();
    let code = text
        .split(|c: char| !c.is_ascii_digit())
        .find(|part| part.len() == 6)
        .ok_or_else(|| ExchangeError::Unexpected(format!("no code in the SMS to {phone}")))?;
    let body = json!({"challenge_id": challenge["challenge_id"], "code": code});
    let verified = client
        .send(Call::json(
            Method::POST,
            format!("{base}/api/v1/sign-in/code"),
            &body,
        ))
        .await?
        .success()?;
    verified
        .set_cookie
        .as_deref()
        .and_then(|c| c.split(';').next())
        .map(str::to_owned)
        .ok_or_else(|| ExchangeError::Unexpected("the sign-in set no session cookie".to_owned()))
}

/// Starts an empty draft for the citizen with this session.
pub async fn start_draft(
    client: &HttpClient,
    base: &str,
    cookie: &str,
) -> Result<Draft, ExchangeError> {
    let created = client
        .send(
            Call::json(Method::POST, format!("{base}/api/v1/requests"), &json!({})).cookie(cookie),
        )
        .await?
        .success()?
        .json("a new draft")?;
    Ok(Draft {
        id: created["id"]
            .as_str()
            .ok_or_else(|| ExchangeError::Unexpected("a draft without an id".to_owned()))?
            .to_owned(),
        revision: revision_of(&created)?,
        answers: created["answers"].clone(),
        saves: 0,
        unsure: false,
    })
}

impl Citizen {
    /// Saves the next answers on the draft's revision, as the form's autosave does, and
    /// remembers what the server took.
    pub async fn save_draft(&self, client: &HttpClient) -> Result<(), ExchangeError> {
        let (id, revision, number) = {
            let draft = self.lock_draft();
            (draft.id.clone(), draft.revision, draft.saves + 1)
        };
        let answers = json!({
            "kind": "record_extract",
            // Every save differs from the last, so a lost one shows in the answers too.
            "purpose": format!("Bổ sung hồ sơ, bản lưu {number}"),
            "delivery": "data_store",
        });
        let sent = client
            .send(
                Call::json(
                    Method::PUT,
                    format!("{}/api/v1/requests/{id}", self.base),
                    &json!({"revision": revision, "answers": answers}),
                )
                .cookie(&self.cookie),
            )
            .await;
        let answer = match sent {
            Ok(answer) => answer,
            Err(error) => {
                self.lock_draft().unsure = true;
                return Err(error);
            }
        };
        let saved = answer.success()?.json("a draft save")?;
        let mut draft = self.lock_draft();
        draft.revision = revision_of(&saved)?;
        draft.answers = saved["answers"].clone();
        draft.saves += 1;
        Ok(())
    }

    /// The draft as the server holds it now: its revision and answers.
    pub async fn stored_draft(
        &self,
        client: &HttpClient,
    ) -> Result<(u64, serde_json::Value), ExchangeError> {
        let id = self.lock_draft().id.clone();
        let stored = client
            .send(Call::get(format!("{}/api/v1/requests/{id}", self.base)).cookie(&self.cookie))
            .await?
            .success()?
            .json("a draft")?;
        Ok((revision_of(&stored)?, stored["answers"].clone()))
    }

    /// The bench's copy of the draft. Each citizen's saves run one at a time, so the lock is
    /// never contended; a poisoned one still holds the last state written.
    pub fn lock_draft(&self) -> std::sync::MutexGuard<'_, Draft> {
        self.draft
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn revision_of(detail: &serde_json::Value) -> Result<u64, ExchangeError> {
    detail["revision"]
        .as_u64()
        .ok_or_else(|| ExchangeError::Unexpected("a draft without a revision".to_owned()))
}
