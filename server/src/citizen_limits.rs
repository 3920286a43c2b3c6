//! Each citizen's share of the expensive operations (issue 13): the searches of one citizen
//! cannot take more than their share.
//!
//! Two kinds. A *rate* (record refreshes, uploads) is a [`Limit`] counted in the database,
//! answered `429 rate_limited` with `Retry-After`: waiting is the remedy. Searches are a rate
//! too, but paced in memory ([`crate::search_pace`]): one past the allowance waits its turn. A *stock*
//! (open drafts, live shares, stored bytes) is what the citizen holds, counted from the rows
//! themselves, so it can never drift from them; it is answered `409` with its own code and
//! `allowed`, because waiting does not help: the citizen submits or discards a draft, revokes
//! a share, or deletes a file. The defaults ([`CitizenLimits`]) are met by scripts, not by
//! citizens.
//!
//! A stock is counted in the same transaction as the insert it guards, after taking the
//! citizen's row lock ([`hold`]): SQLite runs one write transaction at a time anyway, and on
//! PostgreSQL two requests at the last free slot wait for each other, so only one passes.

use crate::db::Connection;
use crate::params;
use portal_api::{ErrorBody, ErrorCode};

use crate::config::CitizenLimits;
use crate::db::DbError;
use crate::error::ApiError;
use crate::limits::Limit;

/// The length of a search window, in seconds: short, so a citizen past it waits a moment,
/// not a minute. It is also the longest a search waits for its turn.
pub const SEARCH_WINDOW_SECONDS: u32 = 3;

/// Whether a stock has room for one more; the refusal to answer when it has not.
pub type Room = Result<(), ApiError>;

impl CitizenLimits {
    /// Documents searches per citizen per [`SEARCH_WINDOW_SECONDS`].
    pub const fn searches(&self) -> Limit {
        Limit {
            name: "search",
            max: self.searches_per_citizen,
            window_seconds: SEARCH_WINDOW_SECONDS,
        }
    }

    /// Record refreshes (calls to the national database) per citizen per hour.
    pub const fn record_refreshes(&self) -> Limit {
        Limit {
            name: "record-refresh",
            max: self.record_refreshes_per_citizen_per_hour,
            window_seconds: 60 * 60,
        }
    }

    /// Uploads (signature checks) per citizen per day.
    pub const fn uploads(&self) -> Limit {
        Limit {
            name: "upload",
            max: self.uploads_per_citizen_per_day,
            window_seconds: 24 * 60 * 60,
        }
    }

    /// Share links sent by SMS to the citizen's own phone, per citizen per day.
    pub const fn share_texts(&self) -> Limit {
        Limit {
            name: "share-sms",
            max: self.share_sms_per_citizen_per_day,
            window_seconds: 24 * 60 * 60,
        }
    }
}

/// Takes `owner`'s row lock until the caller's transaction ends, so counts of what the
/// citizen holds are not raced by their other requests.
fn hold(connection: &Connection, owner: &str) -> Result<(), DbError> {
    connection.execute(
        "UPDATE citizens SET full_name = full_name WHERE personal_id = ?1",
        [owner],
    )?;
    Ok(())
}

/// Room for one more open draft of `owner`'s, of `allowed`.
pub fn room_for_draft(connection: &Connection, owner: &str, allowed: u32) -> Result<Room, DbError> {
    hold(connection, owner)?;
    let open: i64 = connection.query_row(
        "SELECT COUNT(*) FROM request_drafts WHERE owner_id = ?1 AND submitted_request_id IS NULL",
        [owner],
        |row| row.get(0),
    )?;
    Ok(refuse_if(
        open >= i64::from(allowed),
        allowed.into(),
        ErrorCode::DraftLimitReached,
        "as many drafts are open as a citizen may have; submit or discard one first",
    ))
}

/// Room for one more live share of `owner`'s at `now`, of `allowed`: share codes of the
/// record and links to documents together, as both are ways out for the citizen's data.
pub fn room_for_share(
    connection: &Connection,
    owner: &str,
    allowed: u32,
    now: i64,
) -> Result<Room, DbError> {
    hold(connection, owner)?;
    let live: i64 = connection.query_row(
        "SELECT
             (SELECT COUNT(*) FROM shares
              WHERE personal_id = ?1 AND revoked_at IS NULL AND expires_at > ?2)
           + (SELECT COUNT(*) FROM document_shares s JOIN documents d ON d.id = s.document_id
              WHERE d.owner_id = ?1 AND s.revoked_at IS NULL AND s.expires_at > ?2)",
        params![owner, now],
        |row| row.get(0),
    )?;
    Ok(refuse_if(
        live >= i64::from(allowed),
        allowed.into(),
        ErrorCode::ShareLimitReached,
        "as many shares are live as a citizen may have; revoke one first",
    ))
}

/// Room in `owner`'s storage quota of `allowed` bytes for a file of `size` bytes more.
pub fn room_for_file(
    connection: &Connection,
    owner: &str,
    allowed: u64,
    size: usize,
) -> Result<Room, DbError> {
    hold(connection, owner)?;
    // `length` of a blob is its bytes in SQLite and PostgreSQL alike.
    let stored: i64 = connection.query_row(
        "SELECT COALESCE(SUM(length(f.bytes)), 0) FROM document_files f
         JOIN documents d ON d.id = f.document_id WHERE d.owner_id = ?1",
        [owner],
        |row| row.get(0),
    )?;
    let after = u64::try_from(stored)
        .unwrap_or(0)
        .saturating_add(u64::try_from(size).unwrap_or(u64::MAX));
    Ok(refuse_if(
        after > allowed,
        allowed,
        ErrorCode::StorageQuotaExceeded,
        "the file would take the data store past its storage quota",
    ))
}

/// The refusal, saying how many are `allowed`, when the stock is `full`.
fn refuse_if(full: bool, allowed: u64, code: ErrorCode, message: &str) -> Room {
    if full {
        Err(ErrorBody::stock_limit(code, allowed, message).into())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_fits_up_to_the_last_byte_of_the_quota() {
        let (_dir, db) = {
            let dir = tempfile::tempdir().unwrap();
            let db = crate::db::Database::open(&dir.path().join("portal.sqlite3")).unwrap();
            (dir, db)
        };
        db.write_blocking(|c| {
            assert!(room_for_file(c, "001085012345", 100, 100)?.is_ok());
            let refused = room_for_file(c, "001085012345", 100, 101)?.unwrap_err();
            assert_eq!(refused.code(), ErrorCode::StorageQuotaExceeded);
            Ok(())
        })
        .unwrap();
    }
}
