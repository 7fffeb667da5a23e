//! The oversight records kept whole as JSON (violation cases, the Board, training rolls,
//! bulletins): loading one refuses a number not on file; a record that no longer reads is a
//! failure, never a silent gap.

use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::fields::Ori;
use leads_store::{CaseKind, StoreTx};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::runner::Refusal;

/// How a record of `kind` is named in entries, deadlines and messages (`VIOLATION 3`).
pub(crate) fn name_of(kind: CaseKind, id: i64) -> String {
    let word = match kind {
        CaseKind::Violation => "VIOLATION",
        CaseKind::BoardMember => "BOARD MEMBER",
        CaseKind::BoardMeeting => "BOARD MEETING",
        CaseKind::Trainee => "TRAINEE",
        CaseKind::Bulletin => "BULLETIN",
    };
    format!("{word} {id}")
}

fn decode<T: DeserializeOwned>(kind: CaseKind, id: i64, json: &str) -> Result<T, Refusal> {
    serde_json::from_str(json)
        .map_err(|e| Refusal::failed(format!("{} DOES NOT READ: {e}", name_of(kind, id))))
}

fn encode<T: Serialize>(value: &T) -> Result<String, Refusal> {
    serde_json::to_string(value).map_err(|e| Refusal::failed(format!("ENCODING: {e}")))
}

/// Record `id` of `kind`.
pub(super) async fn load<T: DeserializeOwned>(
    tx: &mut dyn StoreTx,
    kind: CaseKind,
    id: i64,
) -> Result<T, Refusal> {
    let json = tx.oversight().case(kind, id).await?.ok_or_else(|| {
        Refusal::rejected(
            ReplyCode::OversightRecordNotFound,
            format!("NO {} ON FILE", name_of(kind, id)),
        )
    })?;
    decode(kind, id, &json)
}

/// Records a new one; returns its number.
pub(super) async fn insert<T: Serialize>(
    tx: &mut dyn StoreTx,
    kind: CaseKind,
    ori: Option<&Ori>,
    value: &T,
    now: Timestamp,
) -> Result<i64, Refusal> {
    Ok(tx
        .oversight()
        .insert_case(kind, ori, &encode(value)?, now)
        .await?)
}

/// Writes a record's new state.
pub(super) async fn save<T: Serialize>(
    tx: &mut dyn StoreTx,
    kind: CaseKind,
    id: i64,
    value: &T,
    now: Timestamp,
) -> Result<(), Refusal> {
    Ok(tx
        .oversight()
        .update_case(kind, id, &encode(value)?, now)
        .await?)
}

/// Every record of `kind` of one agency, or of all.
pub(super) async fn all<T: DeserializeOwned>(
    tx: &mut dyn StoreTx,
    kind: CaseKind,
    ori: Option<&Ori>,
) -> Result<Vec<(i64, T)>, Refusal> {
    tx.oversight()
        .cases(kind, ori)
        .await?
        .into_iter()
        .map(|(id, json)| Ok((id, decode(kind, id, &json)?)))
        .collect()
}
