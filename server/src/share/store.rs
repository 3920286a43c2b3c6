//! The shares citizens made: creating (and signing) one, listing, revoking, checking.

use std::collections::BTreeMap;

use crate::db::{Connection, OptionalExtension};
use crate::params;
use portal_api::share::{CreateShare, Share, SharePayload, ShareableField};
use portal_api::{PopulationRecord, Sex};

use super::signer::ShareSigner;
use crate::auth::clock::rfc3339;
use crate::auth::secrets;
use crate::db::DbError;

/// The value of a field as the record page shows it.
pub fn field_value(record: &PopulationRecord, field: ShareableField) -> String {
    match field {
        ShareableField::FullName => record.full_name.clone(),
        ShareableField::DateOfBirth => record.date_of_birth.to_display(),
        ShareableField::Sex => match record.sex {
            Sex::Male => "Nam".to_owned(),
            Sex::Female => "Nữ".to_owned(),
            Sex::Unknown => String::new(),
        },
        ShareableField::Nationality => record.nationality.clone(),
        ShareableField::PersonalId => record.personal_id.as_str().to_owned(),
        ShareableField::PermanentResidence => {
            record.permanent_residence.clone().unwrap_or_default()
        }
        ShareableField::CurrentResidence => record.current_residence.clone().unwrap_or_default(),
    }
}

/// Signs and stores a share of `record`'s chosen fields, made in session `session_id`.
pub fn create(
    connection: &Connection,
    signer: &ShareSigner,
    record: &PopulationRecord,
    request: &CreateShare,
    session_id: &str,
    now: i64,
) -> Result<Share, DbError> {
    let mut fields = request.fields.clone();
    fields.sort();
    fields.dedup();
    let payload = SharePayload {
        v: 1,
        id: secrets::random_token()[..24].to_owned(),
        kid: signer.kid().to_owned(),
        iat: now,
        exp: now + i64::from(request.valid_minutes) * 60,
        fields: fields
            .iter()
            .map(|field| (*field, field_value(record, *field)))
            .collect::<BTreeMap<_, _>>(),
    };
    let code = signer.sign(&payload)?;
    connection.execute(
        "INSERT INTO shares (id, personal_id, fields_json, code, created_at, expires_at,
             created_by_session)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            payload.id,
            record.personal_id.as_str(),
            serde_json::to_string(&fields)?,
            code,
            now,
            payload.exp,
            session_id
        ],
    )?;
    Ok(Share {
        id: payload.id,
        fields,
        created_at: rfc3339(now),
        expires_at: rfc3339(payload.exp),
        revoked: false,
        code,
    })
}

/// The citizen's shares that have not expired, newest first.
pub fn list(connection: &Connection, personal_id: &str, now: i64) -> Result<Vec<Share>, DbError> {
    let mut statement = connection.prepare(
        "SELECT id, fields_json, code, created_at, expires_at, revoked_at FROM shares
         WHERE personal_id = ?1 AND expires_at > ?2 ORDER BY created_at DESC, id",
    )?;
    let rows = statement.query_map(params![personal_id, now], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, i64>(3)?,
            row.get::<_, i64>(4)?,
            row.get::<_, Option<i64>>(5)?,
        ))
    })?;
    let mut shares = Vec::new();
    for row in rows {
        let (id, fields, code, created_at, expires_at, revoked_at) = row?;
        shares.push(Share {
            id,
            fields: serde_json::from_str(&fields)?,
            created_at: rfc3339(created_at),
            expires_at: rfc3339(expires_at),
            revoked: revoked_at.is_some(),
            code,
        });
    }
    Ok(shares)
}

/// Revokes one of the citizen's shares; `false` if they have none with that id.
pub fn revoke(
    connection: &Connection,
    personal_id: &str,
    id: &str,
    now: i64,
) -> Result<bool, DbError> {
    let changed = connection.execute(
        "UPDATE shares SET revoked_at = ?3 WHERE id = ?1 AND personal_id = ?2 AND revoked_at IS NULL",
        params![id, personal_id, now],
    )?;
    Ok(changed == 1)
}

/// Revokes every live share made in session `session_id`; how many there were.
pub fn revoke_made_in(connection: &Connection, session_id: &str, now: i64) -> Result<u32, DbError> {
    let changed = connection.execute(
        "UPDATE shares SET revoked_at = ?2
         WHERE created_by_session = ?1 AND revoked_at IS NULL AND expires_at > ?2",
        params![session_id, now],
    )?;
    Ok(u32::try_from(changed).unwrap_or(u32::MAX))
}

/// Whose share `id` is and whether it was revoked.
pub fn status(connection: &Connection, id: &str) -> Result<Option<(String, bool)>, DbError> {
    connection
        .query_row(
            "SELECT personal_id, revoked_at IS NOT NULL FROM shares WHERE id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
}
