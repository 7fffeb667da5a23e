//! What the compliance overview shows of an agency's oversight records: the people on its
//! training roll still without the training the rules require (T3), and its violation cases
//! not closed (O3).

use leads_domain::fields::Ori;
use leads_domain::oversight::{CaseStage, Trainee, ViolationCase};
use leads_store::{CaseKind, StoreError, StoreResult, StoreTx};
use serde::de::DeserializeOwned;

use super::records::name_of;

async fn rows<T: DeserializeOwned>(
    tx: &mut dyn StoreTx,
    kind: CaseKind,
    ori: &Ori,
) -> StoreResult<Vec<(i64, T)>> {
    tx.oversight()
        .cases(kind, Some(ori))
        .await?
        .into_iter()
        .map(|(id, json)| {
            serde_json::from_str(&json)
                .map(|value| (id, value))
                .map_err(|e| StoreError::Corrupt(format!("{}: {e}", name_of(kind, id))))
        })
        .collect()
}

/// One line per person without the required training, and per open violation case.
pub(crate) async fn standing_lines(
    tx: &mut dyn StoreTx,
    ori: &Ori,
) -> StoreResult<(Vec<String>, Vec<String>)> {
    let trainees: Vec<(i64, Trainee)> = rows(tx, CaseKind::Trainee, ori).await?;
    let training = trainees
        .iter()
        .filter(|(_, t)| !t.is_trained())
        .map(|(id, t)| {
            let owed = t.required().map_or("", |k| k.name());
            match t.trained_by() {
                Some(day) => format!("TRAINEE {id} ({}): {owed} TRAINING DUE BY {day}", t.name),
                None => format!("TRAINEE {id} ({}): {owed} TRAINING NOT ON RECORD", t.name),
            }
        })
        .collect();
    let cases: Vec<(i64, ViolationCase)> = rows(tx, CaseKind::Violation, ori).await?;
    let open = cases
        .iter()
        .filter(|(_, c)| c.stage != CaseStage::Closed)
        .map(|(id, c)| {
            let next = c.pending_hearing().map_or_else(
                || "AWAITING THE AGENCY'S RESPONSE".to_owned(),
                |h| format!("HEARING ON {}", h.on),
            );
            format!(
                "VIOLATION {id} ({}): {next}",
                c.class.name().to_ascii_uppercase()
            )
        })
        .collect();
    Ok((training, open))
}
