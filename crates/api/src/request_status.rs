//! Where a written request for information stands (Decree 137/2015, seed 001).

use serde::{Deserialize, Serialize};

/// The lifecycle of a written request: submitted, received, processing, then provided, or
/// refused with a written reason, or returned for more information. A draft is not yet sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Being written; saved on the server, not yet sent.
    Draft,
    /// Sent by the citizen, not yet taken in by the provider.
    Submitted,
    /// Taken in by the provider.
    Received,
    /// Being handled.
    Processing,
    /// The provider asks the citizen for more information.
    MoreInformationNeeded,
    /// The information was provided; the result is in the data store.
    Provided,
    /// Refused, with a written reason.
    Refused,
    /// Withdrawn by the citizen before processing.
    Withdrawn,
}

impl RequestStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [Self; 8] = [
        Self::Draft,
        Self::Submitted,
        Self::Received,
        Self::Processing,
        Self::MoreInformationNeeded,
        Self::Provided,
        Self::Refused,
        Self::Withdrawn,
    ];

    /// The status as the API and the database spell it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Received => "received",
            Self::Processing => "processing",
            Self::MoreInformationNeeded => "more_information_needed",
            Self::Provided => "provided",
            Self::Refused => "refused",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// Reads the spelling of [`Self::as_str`].
    pub fn from_str_opt(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether nothing more will happen to the request.
    pub const fn is_final(self) -> bool {
        matches!(self, Self::Provided | Self::Refused | Self::Withdrawn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_matches_serde_and_round_trips() {
        for status in RequestStatus::ALL {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
            assert_eq!(RequestStatus::from_str_opt(status.as_str()), Some(status));
        }
        assert_eq!(RequestStatus::from_str_opt("lost"), None);
    }
}
