//! Entry timeliness (rule H3): a warrant entered more than 24 hours after its information came
//! in is recorded, and the operator warned, unless an emergency delay is stated in EDR; the
//! compliance view lists an agency's late entries.

use leads_domain::Record;
use leads_domain::RuleId;
use leads_domain::codes::ReplyCode;
use leads_domain::fields::Ori;
use leads_domain::timeliness::{WARRANT_ENTRY_HOURS, late_warrant};
use leads_store::{StoreResult, StoreTx, StoredLateEntry};

use crate::{ItemsReply, Service, ServiceError};

/// Late entries listed at most per reading.
pub const LATE_ENTRIES_LIMIT: u32 = 1_000;

/// Records a late warrant entry in `tx`; returns the warning for the operator, if any.
pub(crate) async fn check_entry(
    tx: &mut dyn StoreTx,
    record: &Record,
) -> StoreResult<Option<String>> {
    let Some(late) = late_warrant(record) else {
        return Ok(None);
    };
    let warning = match &late.emergency {
        Some(_) => None,
        None => Some(format!(
            "{}: ENTERED {} MINUTES AFTER THE {WARRANT_ENTRY_HOURS} HOURS ALLOWED SINCE THE INFORMATION WAS RECEIVED ({}) - IF AN EMERGENCY DELAYED IT, MODIFY THE RECORD WITH EDR/",
            RuleId::H3.id(),
            late.minutes_late,
            RuleId::H3.citation()
        )),
    };
    tx.insert_late_entry(&StoredLateEntry {
        lrn: record.lrn().clone(),
        ori: record.ori().clone(),
        entry_key: record.entry_key().key.to_owned(),
        late,
    })
    .await?;
    Ok(warning)
}

/// A modify that states an emergency delay (EDR) excuses the record's late entry.
pub(crate) async fn check_modify(
    tx: &mut dyn StoreTx,
    before: &Record,
    after: &Record,
) -> StoreResult<()> {
    let field = leads_domain::fields::FieldCode::Edr;
    let stated = after.fields().text(field);
    if let Some(emergency) = stated.filter(|e| before.fields().text(field).as_ref() != Some(e)) {
        tx.excuse_late_entry(after.lrn(), &emergency).await?;
    }
    Ok(())
}

impl Service {
    /// Warrants the agency (every agency for `ALL`) entered late, newest first, with the
    /// emergency that delayed each when one was recorded; audited, as Cedar allows.
    pub async fn late_entries(
        &self,
        token: &str,
        scope: Option<&str>,
        operation_id: Option<String>,
    ) -> Result<ItemsReply<StoredLateEntry>, ServiceError> {
        self.read_compliance(
            token,
            scope,
            operation_id,
            "late_entries_read",
            ReplyCode::LateEntries,
            false,
            |tx, _store, agency, _reader, _now| {
                Box::pin(async move {
                    Ok(Ok(tx
                        .late_entries(agency.map(Ori::as_str), LATE_ENTRIES_LIMIT)
                        .await?))
                })
            },
        )
        .await
    }
}
