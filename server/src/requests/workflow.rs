//! The life of a request: which status may follow which, and who may move it.
//!
//! submitted → received → processing → provided | refused (with a written reason), or
//! processing → more information needed → (the citizen answers) → processing; a request not yet
//! in processing may be withdrawn by the citizen. Nothing else.

use portal_api::RequestStatus;

/// Who moves a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The citizen who made it.
    Citizen,
    /// The agency that manages the population database.
    Provider,
}

/// Whether `actor` may move a request from `from` to `to`.
pub fn allowed(from: RequestStatus, to: RequestStatus, actor: Actor) -> bool {
    use RequestStatus::{
        Draft, MoreInformationNeeded, Processing, Provided, Received, Refused, Submitted, Withdrawn,
    };
    match actor {
        Actor::Citizen => matches!(
            (from, to),
            (Draft, Submitted)
                | (Submitted | Received, Withdrawn)
                | (MoreInformationNeeded, Processing)
        ),
        Actor::Provider => matches!(
            (from, to),
            (Submitted, Received)
                | (Received, Processing | Refused)
                | (Processing, MoreInformationNeeded | Provided | Refused)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RequestStatus::*;

    #[test]
    fn the_lifecycle_and_nothing_else() {
        let legal = [
            (Draft, Submitted, Actor::Citizen),
            (Submitted, Withdrawn, Actor::Citizen),
            (Received, Withdrawn, Actor::Citizen),
            (MoreInformationNeeded, Processing, Actor::Citizen),
            (Submitted, Received, Actor::Provider),
            (Received, Processing, Actor::Provider),
            (Received, Refused, Actor::Provider),
            (Processing, MoreInformationNeeded, Actor::Provider),
            (Processing, Provided, Actor::Provider),
            (Processing, Refused, Actor::Provider),
        ];
        for from in RequestStatus::ALL {
            for to in RequestStatus::ALL {
                for actor in [Actor::Citizen, Actor::Provider] {
                    let expected = legal.contains(&(from, to, actor));
                    assert_eq!(
                        allowed(from, to, actor),
                        expected,
                        "{from:?} → {to:?} by {actor:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn final_states_never_move() {
        for from in RequestStatus::ALL.into_iter().filter(|s| s.is_final()) {
            for to in RequestStatus::ALL {
                assert!(!allowed(from, to, Actor::Citizen) && !allowed(from, to, Actor::Provider));
            }
        }
    }
}
