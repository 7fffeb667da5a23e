//! Bulk loading of entries by the system itself (demo seeding, benchmarks, migration of an
//! existing file). Not reachable over HTTP. Each entry passes the same parser, field edits,
//! duplicate check and number allocation as an operator's entry; each batch commits with one
//! `bulk_load` audit entry naming how many records it added.

use leads_domain::Transaction;
use leads_domain::codes::ReplyCode;
use leads_domain::fields::{Ori, ParseContext};
use leads_domain::reply::Outcome;
use leads_message::parse_message;

use crate::messages::records::enter;
use crate::runner::{Actor, Ctx, Done, OperationKind, Refusal, Work};
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
            let texts: Vec<String> = messages.by_ref().take(batch.max(1)).collect();
            let ori = ori.clone();
            let label = label.to_owned();
            let work = Work::new(OperationKind::BulkLoad, "bulk_load", "", move |ctx| {
                Box::pin(async move {
                    let loaded = load_batch(ctx, &ori, texts).await?;
                    ctx.audit.ori = Some(ori.to_string());
                    ctx.audit.detail = format!("{label}: RECORDS ENTERED {}", loaded.loaded);
                    Ok(Done::new(ReplyCode::Entered, "BATCH LOADED", loaded))
                })
            })
            .by_the_system();
            let answer = self.run(Actor::Provisioning, None, work).await?;
            if answer.outcome != Outcome::Accepted {
                return Err(ServiceError::Internal(answer.message));
            }
            report.loaded += answer.body.loaded;
            report.duplicates += answer.body.duplicates;
            report.rejected.extend(answer.body.rejected);
        }
        Ok(report)
    }
}

/// Enters one batch in the operation's transaction.
async fn load_batch(
    ctx: &mut Ctx<'_>,
    ori: &Ori,
    texts: Vec<String>,
) -> Result<LoadReport, Refusal> {
    let now = ctx.now;
    let parse = ParseContext::new(now.date());
    let mut report = LoadReport::default();
    for text in texts {
        let entry = match parse_message(&text, &parse) {
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
        match enter(ctx.tx.as_mut(), &entry, ori, now).await {
            Ok(_) => report.loaded += 1,
            Err(refusal) if refusal.code == "reject_on_file" => report.duplicates += 1,
            Err(refusal) if refusal.outcome == Outcome::Failed => return Err(refusal),
            Err(refusal) => report.rejected.push(format!("{text}: {}", refusal.message)),
        }
    }
    Ok(report)
}
