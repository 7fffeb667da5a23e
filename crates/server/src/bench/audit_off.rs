//! The store with the audit log switched off, for the benchmark only: appending an inquiry's
//! audit entry writes and flushes nothing. Everything else is the real store. Production code
//! has no such switch.

use std::sync::Arc;

use async_trait::async_trait;
use leads_audit::SealedEntry;
use leads_audit::checkpoint::Checkpoint;
use leads_store::{
    AuditAppend, AuditQuery, Backend, FlagQuery, Message, SessionPrincipal, Store, StoreResult,
    StoreTx, StoredCheckpoint, StoredFlag,
};

#[derive(Debug)]
pub(super) struct AuditOff(pub(super) Arc<dyn Store>);

#[async_trait]
impl Store for AuditOff {
    fn backend(&self) -> Backend {
        self.0.backend()
    }

    async fn begin(&self) -> StoreResult<Box<dyn StoreTx>> {
        self.0.begin().await
    }

    async fn begin_read(&self) -> StoreResult<Box<dyn StoreTx>> {
        self.0.begin_read().await
    }

    /// Seals the entries in memory (as the real store does) and writes nothing.
    async fn append_audit_batch(&self, items: &[AuditAppend]) -> StoreResult<Vec<SealedEntry>> {
        Ok(items
            .iter()
            .map(|item| item.entry.clone().seal(0))
            .collect())
    }

    async fn session_principal(&self, token_hash: &str) -> StoreResult<Option<SessionPrincipal>> {
        self.0.session_principal(token_hash).await
    }

    async fn audit_entries(&self, from_seq: u64, limit: u32) -> StoreResult<Vec<SealedEntry>> {
        self.0.audit_entries(from_seq, limit).await
    }

    async fn audit_search(&self, query: &AuditQuery, limit: u32) -> StoreResult<Vec<SealedEntry>> {
        self.0.audit_search(query, limit).await
    }

    async fn audit_leaves(&self, from_seq: u64, limit: u32) -> StoreResult<Vec<(u64, String)>> {
        self.0.audit_leaves(from_seq, limit).await
    }

    async fn latest_checkpoint(&self) -> StoreResult<Option<StoredCheckpoint>> {
        self.0.latest_checkpoint().await
    }

    async fn checkpoints(&self, from_size: u64, limit: u32) -> StoreResult<Vec<Checkpoint>> {
        self.0.checkpoints(from_size, limit).await
    }

    async fn audit_base(&self) -> StoreResult<(u64, Vec<(u32, String)>)> {
        self.0.audit_base().await
    }

    async fn audit_older_prefix(&self, before_micros: i64) -> StoreResult<u64> {
        self.0.audit_older_prefix(before_micros).await
    }

    async fn misuse_reviewed(&self, week_start: i64) -> StoreResult<bool> {
        self.0.misuse_reviewed(week_start).await
    }

    async fn misuse_flags(&self, query: &FlagQuery, limit: u32) -> StoreResult<Vec<StoredFlag>> {
        self.0.misuse_flags(query, limit).await
    }

    async fn messages(&self, recipient: &str, limit: u32) -> StoreResult<Vec<Message>> {
        self.0.messages(recipient, limit).await
    }

    async fn record_count(&self) -> StoreResult<u64> {
        self.0.record_count().await
    }

    async fn health(&self) -> StoreResult<()> {
        self.0.health().await
    }
}
