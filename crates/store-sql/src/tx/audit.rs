//! The audit log in one transaction: entries, checkpoints, pruning, the misuse review.

use async_trait::async_trait;
use leads_audit::{AuditEntry, SealedEntry};
use leads_domain::clock::Timestamp;
use leads_store::{AuditTx, StoreError, StoreResult, StoredCheckpoint};

use crate::classify;

use super::SqlTx;

#[async_trait]
impl AuditTx for SqlTx {
    async fn append_audit(&mut self, entry: AuditEntry) -> StoreResult<SealedEntry> {
        let seq: i64 = sqlx::query_scalar(
            "UPDATE audit_head SET next_seq = next_seq + 1 WHERE id = 1 RETURNING next_seq",
        )
        .fetch_one(&mut *self.tx)
        .await
        .map_err(classify)?;
        let sealed =
            entry.seal(u64::try_from(seq).map_err(|e| StoreError::Corrupt(e.to_string()))?);
        crate::audit_batch::insert_sealed(&mut self.tx, std::slice::from_ref(&sealed)).await?;
        Ok(sealed)
    }

    async fn insert_checkpoint(&mut self, checkpoint: &StoredCheckpoint) -> StoreResult<()> {
        crate::audit_rows::insert_checkpoint(&mut self.tx, checkpoint).await
    }

    async fn insert_misuse_review(
        &mut self,
        week_start: i64,
        week_end: i64,
        at: Timestamp,
        flags: &[leads_audit::misuse::Flag],
    ) -> StoreResult<()> {
        crate::review_rows::insert_review(&mut self.tx, week_start, week_end, at, flags).await
    }

    async fn misuse_flag(&mut self, id: i64) -> StoreResult<Option<leads_store::StoredFlag>> {
        crate::review_rows::flag(&mut self.tx, id).await
    }

    async fn dispose_misuse_flag(
        &mut self,
        id: i64,
        disposition: &leads_store::Disposition,
    ) -> StoreResult<bool> {
        crate::review_rows::dispose(&mut self.tx, id, disposition).await
    }

    async fn prune_audit(
        &mut self,
        through_seq: u64,
        frontier: &[(u32, String)],
    ) -> StoreResult<u64> {
        crate::audit_rows::prune_audit(&mut self.tx, through_seq, frontier).await
    }
}
