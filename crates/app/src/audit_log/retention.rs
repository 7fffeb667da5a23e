//! Retention (AU-11): audit entries are kept at least a year, then pruned. Only a prefix that a
//! signed checkpoint already covers is removed, and the tree edge it leaves becomes the log's
//! base, so the entries that remain still verify against every later checkpoint.

use leads_audit::merkle::Hash;
use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;

use crate::audit_log::{BATCH, frontier_of, nodes_of};
use crate::runner::{Actor, Done, OperationKind, Work};
use crate::{Service, ServiceError};
use leads_domain::reply::Outcome;

/// The shortest retention the rules allow, in days.
pub const MIN_AUDIT_RETENTION_DAYS: i64 = 365;

/// What a pruning run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PruneReport {
    /// Entries older than this were due.
    pub cutoff: Timestamp,
    /// Entries removed by this run.
    pub pruned: u64,
    /// The log now starts after this sequence number.
    pub base_size: u64,
    /// Due entries kept because no signed checkpoint covers them yet.
    pub awaiting_checkpoint: u64,
}

fn leaf(hex_text: &str, seq: u64) -> Result<Hash, ServiceError> {
    hex::decode(hex_text)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| ServiceError::Internal(format!("leaf hash of entry {seq} is malformed")))
}

impl Service {
    /// Removes the audit entries older than the retention period that a signed checkpoint
    /// covers. The pruning is itself an audit entry.
    pub async fn prune_audit(&self) -> Result<PruneReport, ServiceError> {
        let now = self.clock.now();
        let days = self
            .config
            .audit_retention_days
            .max(MIN_AUDIT_RETENTION_DAYS);
        let cutoff = now.plus_seconds(-days * 86_400);
        let (base_size, base_nodes) = self.store.audit_base().await?;
        let due = self.store.audit_older_prefix(cutoff.as_micros()).await?;
        let signed = self
            .store
            .latest_checkpoint()
            .await?
            .map_or(0, |c| c.checkpoint.size);
        let through = due.min(signed);
        let mut report = PruneReport {
            cutoff,
            pruned: 0,
            base_size,
            awaiting_checkpoint: due.saturating_sub(through.max(base_size)),
        };
        if through <= base_size {
            return Ok(report);
        }
        let mut frontier = frontier_of(&base_nodes, base_size)?;
        let mut next = base_size + 1;
        while next <= through {
            let batch = u32::try_from(through - next + 1).map_or(BATCH, |n| n.min(BATCH));
            let leaves = self.store.audit_leaves(next, batch).await?;
            if leaves.is_empty() {
                break;
            }
            for (seq, hash) in leaves {
                if seq != next {
                    return Err(ServiceError::Internal(format!(
                        "audit entry {next} is missing; nothing was pruned"
                    )));
                }
                frontier.push(leaf(&hash, seq)?);
                next += 1;
            }
        }
        if frontier.size() != through {
            return Err(ServiceError::Internal(format!(
                "the audit log ends before entry {through}; nothing was pruned"
            )));
        }
        let first = base_size + 1;
        let nodes = nodes_of(&frontier);
        let work = Work::new(
            OperationKind::AuditPrune,
            "audit_prune",
            "",
            move |ctx| {
                Box::pin(async move {
                    let pruned = ctx.tx.prune_audit(through, &nodes).await?;
                    ctx.audit.detail = format!(
                        "PRUNED {pruned} ENTRIES {first}-{through} OLDER THAN {cutoff} ({days}-DAY RETENTION)"
                    );
                    Ok(Done::new(ReplyCode::AuditPrune, format!("PRUNED {pruned}"), pruned))
                })
            },
        )
        .by_the_system();
        let answer = self.run(Actor::System, None, work).await?;
        if answer.outcome != Outcome::Accepted {
            return Err(ServiceError::Internal(answer.message));
        }
        let pruned = answer.body;
        tracing::info!(pruned, base_size = through, %cutoff, "audit entries past retention pruned");
        report.pruned = pruned;
        report.base_size = through;
        Ok(report)
    }
}
