//! The mixed run: every signed-in citizen at once, reading their record, searching their
//! documents, opening their draft and saving it, for a bounded time; then a check, through
//! the API, that each draft holds exactly the saves the server said it took.

use std::time::Duration;

use super::endpoints::{Crowd, SEARCHES};
use super::http::{Call, ExchangeError};
use super::timing::{Bounds, Summary, closed_loop};

/// Out of every ten calls of a citizen: four record reads, three searches, one draft read
/// and two draft saves, each citizen starting at another point of the round.
const ROUND: [Action; 10] = [
    Action::Record,
    Action::Search,
    Action::Save,
    Action::Record,
    Action::Search,
    Action::ReadDraft,
    Action::Record,
    Action::Save,
    Action::Search,
    Action::Record,
];

#[derive(Debug, Clone, Copy)]
enum Action {
    Record,
    Search,
    ReadDraft,
    Save,
}

/// Runs every citizen as one caller for `time`, at most `requests` calls in all.
pub async fn run(crowd: &Crowd, time: Duration, requests: u64) -> Summary {
    let bounds = Bounds {
        callers: crowd.citizens.len(),
        time,
        requests,
    };
    let crowd = crowd.clone();
    closed_loop(bounds, move |caller, n| {
        let crowd = crowd.clone();
        async move {
            let turn = usize::try_from(n).unwrap_or(0);
            let citizen = &crowd.citizens[caller];
            let base = &citizen.base;
            let call = match ROUND[(caller + turn) % ROUND.len()] {
                Action::Record => Call::get(format!("{base}/api/v1/record")),
                Action::Search => {
                    let q = SEARCHES[turn % SEARCHES.len()].replace(' ', "+");
                    Call::get(format!("{base}/api/v1/documents?q={q}"))
                }
                Action::ReadDraft => {
                    let id = citizen.lock_draft().id.clone();
                    Call::get(format!("{base}/api/v1/requests/{id}"))
                }
                Action::Save => return citizen.save_draft(&crowd.client).await,
            };
            let answer = crowd.client.send(call.cookie(&citizen.cookie)).await?;
            answer.success().map(|_| ())
        }
    })
    .await
}

/// What the check of the drafts found.
#[derive(Debug, Default)]
pub struct DraftCheck {
    /// Drafts whose saves all came back answered, so the bench knows what they must hold.
    pub checked: usize,
    /// Drafts holding fewer saves than the server said it took, or other answers.
    pub lost: usize,
    /// Drafts holding more saves than the server said it took.
    pub duplicated: usize,
    /// Drafts one of whose saves got no answer: either outcome is right.
    pub unsure: usize,
    /// Drafts the bench could not read back.
    pub unreadable: Vec<ExchangeError>,
}

/// Reads every draft back and compares it with the saves the server took.
pub async fn check_drafts(crowd: &Crowd) -> DraftCheck {
    let mut check = DraftCheck::default();
    for citizen in crowd.citizens.iter() {
        let stored = citizen.stored_draft(&crowd.client).await;
        let expected = citizen.lock_draft().clone();
        let (revision, answers) = match stored {
            Ok(stored) => stored,
            Err(error) => {
                check.unreadable.push(error);
                continue;
            }
        };
        if expected.unsure {
            check.unsure += 1;
            continue;
        }
        check.checked += 1;
        // A draft starts at revision 1 and each save the server takes adds one.
        let taken = expected.saves + 1;
        if revision > taken || revision > expected.revision {
            check.duplicated += 1;
        } else if revision < taken || revision < expected.revision || answers != expected.answers {
            check.lost += 1;
        }
    }
    check
}
