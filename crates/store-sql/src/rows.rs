//! Rows to domain values and back.

use leads_domain::access::Principal;
use leads_domain::clock::Timestamp;
use leads_domain::fields::{
    CaseNumber, FieldCode, FieldDate, FreeText, Lrn, Nic, Ori, ParseContext,
};
use leads_domain::record::{LocateInfo, RemovalInfo, StoredParts};
use leads_domain::{FieldSet, Record, RecordStatus};
use leads_store::{SessionPrincipal, StoreResult};
use sqlx::AnyPool;
use sqlx::any::AnyRow;

use crate::columns::{corrupt, get, ori_column};
use crate::{classify, directory};

/// The columns every record query selects, in the order [`record_from_row`] reads them.
pub(crate) const RECORD_COLUMNS: &str = "lrn, nic, entry_key, ori, fields, status, status_ori, \
     status_date, status_case, status_reason, status_at, entered_at, updated_at";

/// Record fields as stored: a JSON array of `[tag, value]` pairs.
pub(crate) fn fields_json(fields: &FieldSet) -> String {
    serde_json::to_string(&fields.to_pairs()).unwrap_or_else(|_| "[]".to_owned())
}

fn fields_from_json(text: &str) -> StoreResult<FieldSet> {
    let pairs: Vec<(String, String)> = serde_json::from_str(text).map_err(corrupt)?;
    FieldSet::from_pairs(
        pairs.iter().map(|(t, v)| (t.as_str(), v.as_str())),
        &ParseContext::stored(),
    )
    .map_err(corrupt)
}

fn stored_date(code: FieldCode, number: Option<i64>) -> StoreResult<FieldDate> {
    let number = number.ok_or_else(|| corrupt(format!("{code} missing")))?;
    FieldDate::parse(code.tag(), &number.to_string(), time::Date::MAX).map_err(corrupt)
}

fn status_from_row(row: &AnyRow) -> StoreResult<RecordStatus> {
    let status: String = get(row, "status")?;
    let at = || -> StoreResult<Timestamp> {
        get::<Option<i64>>(row, "status_at")?
            .map(Timestamp::from_micros)
            .ok_or_else(|| corrupt("status_at missing"))
    };
    let reason = || -> StoreResult<FreeText> {
        let text: Option<String> = get(row, "status_reason")?;
        FreeText::parse("RPS", &text.unwrap_or_default(), 500).map_err(corrupt)
    };
    Ok(match status.as_str() {
        "active" => RecordStatus::Active,
        "located" => {
            let ori: Option<String> = get(row, "status_ori")?;
            let case: Option<String> = get(row, "status_case")?;
            RecordStatus::Located(LocateInfo {
                ori: Ori::parse(&ori.unwrap_or_default()).map_err(corrupt)?,
                date: stored_date(FieldCode::Dol, get(row, "status_date")?)?,
                case: CaseNumber::parse("LCA", &case.unwrap_or_default()).map_err(corrupt)?,
                at: at()?,
            })
        }
        "cleared" => RecordStatus::Cleared(RemovalInfo {
            date: stored_date(FieldCode::Dcl, get(row, "status_date")?)?,
            reason: reason()?,
            at: at()?,
        }),
        "cancelled" => RecordStatus::Cancelled(RemovalInfo {
            date: stored_date(FieldCode::Doc, get(row, "status_date")?)?,
            reason: reason()?,
            at: at()?,
        }),
        "retired" => RecordStatus::Retired(RemovalInfo {
            date: stored_date(FieldCode::Doc, get(row, "status_date")?)?,
            reason: reason()?,
            at: at()?,
        }),
        other => return Err(corrupt(format!("unknown status {other}"))),
    })
}

/// Rebuilds a record from a row of [`RECORD_COLUMNS`].
pub(crate) fn record_from_row(row: &AnyRow) -> StoreResult<Record> {
    let nic: Option<String> = get(row, "nic")?;
    let parts = StoredParts {
        lrn: Lrn::parse(&get::<String>(row, "lrn")?).map_err(corrupt)?,
        nic: nic.map(|n| Nic::parse(&n)).transpose().map_err(corrupt)?,
        entry_key: get(row, "entry_key")?,
        ori: ori_column(row, "ori")?,
        fields: fields_from_json(&get::<String>(row, "fields")?)?,
        status: status_from_row(row)?,
        entered_at: Timestamp::from_micros(get(row, "entered_at")?),
        updated_at: Timestamp::from_micros(get(row, "updated_at")?),
    };
    Record::from_stored(parts).map_err(corrupt)
}

/// The status columns of a record: name, ORI, date, case, reason, time.
pub(crate) type StatusColumns = (
    &'static str,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<i64>,
);

pub(crate) fn status_columns(status: &RecordStatus) -> StatusColumns {
    match status {
        RecordStatus::Active => ("active", None, None, None, None, None),
        RecordStatus::Located(l) => (
            "located",
            Some(l.ori.to_string()),
            Some(l.date.as_number()),
            Some(l.case.to_string()),
            None,
            Some(l.at.as_micros()),
        ),
        RecordStatus::Cleared(r) | RecordStatus::Cancelled(r) | RecordStatus::Retired(r) => (
            status.name(),
            None,
            Some(r.date.as_number()),
            None,
            Some(r.reason.to_string()),
            Some(r.at.as_micros()),
        ),
    }
}

pub(crate) async fn session_principal(
    pool: &AnyPool,
    token_hash: &str,
) -> StoreResult<Option<SessionPrincipal>> {
    let mut conn = pool.acquire().await.map_err(classify)?;
    let session = directory::one(
        &mut conn,
        "token_hash, operator_id, terminal_id, issued_at, expires_at, banner_accepted_at, last_activity_at",
        "sessions",
        "token_hash",
        token_hash.to_owned(),
        directory::session_from,
    )
    .await?;
    let Some(session) = session else {
        return Ok(None);
    };
    let account = directory::one(
        &mut conn,
        directory::ACCOUNT_COLUMNS,
        "operators",
        "id",
        session.operator_id.clone(),
        directory::account_from,
    )
    .await?
    .ok_or_else(|| {
        corrupt(format!(
            "session of unknown operator {}",
            session.operator_id
        ))
    })?;
    let agency = directory::one(
        &mut conn,
        directory::AGENCY_COLUMNS,
        "agencies",
        "ori",
        account.person.ori.to_string(),
        directory::agency_from,
    )
    .await?
    .ok_or_else(|| corrupt(format!("operator of unknown agency {}", account.person.ori)))?;
    let terminal = directory::one(
        &mut conn,
        directory::TERMINAL_COLUMNS,
        "terminals",
        "id",
        session.terminal_id.clone(),
        directory::terminal_from,
    )
    .await?
    .ok_or_else(|| {
        corrupt(format!(
            "session at unknown terminal {}",
            session.terminal_id
        ))
    })?;
    let principal = Principal {
        person: account.person.clone(),
        agency,
        terminal,
    };
    Ok(Some(SessionPrincipal {
        session,
        account,
        principal,
    }))
}
