//! Bulk loading of entries by the system itself (demo seeding, benchmarks, migration of an
//! existing file). Not reachable over HTTP. Each entry passes the same parser, field edits,
//! duplicate check and number allocation as an operator's entry; each batch commits with one
//! `bulk_load` audit entry naming how many records it added.

use leads_audit::AuditEntry;
use leads_domain::Transaction;
use leads_domain::fields::{Ori, ParseContext};
use leads_domain::reply::Outcome;
use leads_message::parse_message;

use crate::act::enter;
use crate::{Service, ServiceError};

/// What a load did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Records entered.
    pub loaded: usize,
    /// Entries skipped because the record is already on file.
    pub duplicates: usize,
    /// Entries refused, with the reason.
    pub rejected: Vec<String>,
}

impl Service {
    /// Enters `messages` for agency `ori` in batches of `batch`; `label` names the load in the
    /// audit log.
    pub async fn bulk_load(
        &self,
        label: &str,
        ori: &Ori,
        messages: impl IntoIterator<Item = String>,
        batch: usize,
    ) -> Result<LoadReport, ServiceError> {
        let mut report = LoadReport::default();
        let mut messages = messages.into_iter().peekable();
        while messages.peek().is_some() {
            let now = self.clock.now();
            let ctx = ParseContext::new(now.date());
            let mut tx = self.store.begin().await?;
            let mut added = 0usize;
            for text in messages.by_ref().take(batch.max(1)) {
                let entry = match parse_message(&text, &ctx) {
                    Ok(message) if &message.ori != ori => {
                        report.rejected.push(format!("{text}: ORI IS NOT {ori}"));
                        continue;
                    }
                    Ok(message) => match message.transaction {
                        Transaction::Enter(entry) => entry,
                        _ => {
                            report.rejected.push(format!("{text}: NOT AN ENTRY"));
                            continue;
                        }
                    },
                    Err(error) => {
                        report.rejected.push(format!("{text}: {error}"));
                        continue;
                    }
                };
                match enter(tx.as_mut(), &entry, ori, now).await {
                    Ok(_) => added += 1,
                    Err(refusal) if refusal.code == "reject_on_file" => report.duplicates += 1,
                    Err(refusal) if refusal.outcome == Outcome::Failed => {
                        return Err(ServiceError::Internal(refusal.message));
                    }
                    Err(refusal) => report.rejected.push(format!("{text}: {}", refusal.message)),
                }
            }
            tx.append_audit(AuditEntry {
                operation_id: uuid::Uuid::new_v4().to_string(),
                at_micros: now.as_micros(),
                event: "bulk_load".into(),
                operator: None,
                terminal: None,
                ori: Some(ori.to_string()),
                key: None,
                purpose: None,
                case_number: None,
                outcome: Outcome::Accepted.name().into(),
                code: "entered".into(),
                rules: vec![],
                citations: vec![],
                records: vec![],
                detail: format!("{label}: RECORDS ENTERED {added}"),
            })
            .await?;
            tx.commit().await?;
            report.loaded += added;
        }
        Ok(report)
    }
}
