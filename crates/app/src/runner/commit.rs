//! Writing an operation's audit entries, and what happens when they cannot be written: nothing
//! commits, the failure is logged and counted, the Administrator's queue is told, readiness
//! reports it, and the caller gets the fail-closed error.

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use leads_audit::AuditEntry;
use leads_domain::clock::Timestamp;
use leads_store::{AuditAppend, StoreError, StoreTx};

use crate::audit_log::group_commit::InFlight;
use crate::{Service, ServiceError};

/// The recipient of system alerts: the LEADS Administrator's queue.
pub const ADMINISTRATOR_QUEUE: &str = "ADMINISTRATOR";

static AUDIT_WRITE_FAILURES: AtomicU64 = AtomicU64::new(0);

/// Operations refused because their audit entry could not be written (a metric).
pub fn audit_write_failures() -> u64 {
    AUDIT_WRITE_FAILURES.load(Ordering::Relaxed)
}

/// Whether audit entries are being written: the last failure, cleared by the next success.
#[derive(Debug, Default)]
pub(crate) struct AuditHealth {
    /// Microseconds of the last failure not followed by a success; 0 when healthy.
    failing_since: AtomicI64,
}

impl Service {
    /// When audit writes started failing, if the last one failed (readiness).
    pub fn audit_failing_since(&self) -> Option<Timestamp> {
        match self.audit_health.failing_since.load(Ordering::Relaxed) {
            0 => None,
            micros => Some(Timestamp::from_micros(micros)),
        }
    }

    /// Appends `entries` in `tx` with the session's activity and commits, or commits nothing.
    pub(crate) async fn commit_entries(
        &self,
        mut tx: Box<dyn StoreTx>,
        session: Option<&str>,
        entries: Vec<AuditEntry>,
        operation_id: &str,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        // The block owns the transaction: on failure it is rolled back and released before the
        // alert opens one of its own.
        let committed = async move {
            if let Some(hash) = session {
                tx.update_session(hash, None, now).await?;
            }
            for entry in entries {
                tx.append_audit(entry).await?;
            }
            tx.commit().await
        }
        .await;
        self.audit_written(committed, operation_id).await
    }

    /// Hands a reading's entry to the group committer and waits until it is durable.
    pub(crate) async fn commit_reading(
        &self,
        session: Option<&str>,
        entries: Vec<AuditEntry>,
        in_flight: InFlight,
        operation_id: &str,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        let mut in_flight = Some(in_flight);
        let mut session = session.map(|hash| (hash.to_owned(), now));
        for entry in entries {
            let item = AuditAppend {
                entry,
                session: session.take(),
            };
            let guard = in_flight.take().unwrap_or_else(|| self.committer.start());
            let written = self.committer.append(&self.store, item, guard).await;
            self.audit_written(written.map(|_| ()), operation_id)
                .await?;
        }
        Ok(())
    }

    async fn audit_written(
        &self,
        result: Result<(), StoreError>,
        operation_id: &str,
    ) -> Result<(), ServiceError> {
        match result {
            Ok(()) => {
                self.audit_health.failing_since.store(0, Ordering::Relaxed);
                Ok(())
            }
            Err(error) => {
                self.alert_audit_failure(&error, operation_id).await;
                Err(ServiceError::Storage(error))
            }
        }
    }

    /// An audit entry could not be written, so the operation was not committed: log it at error
    /// level, count it, mark readiness, and tell the Administrator (as far as the database
    /// still allows).
    async fn alert_audit_failure(&self, error: &StoreError, operation_id: &str) {
        AUDIT_WRITE_FAILURES.fetch_add(1, Ordering::Relaxed);
        crate::metrics::audit_write_failed();
        let now = self.clock.now();
        let _ = self.audit_health.failing_since.compare_exchange(
            0,
            now.as_micros().max(1),
            Ordering::Relaxed,
            Ordering::Relaxed,
        );
        tracing::error!(%error, operation_id, "AUDIT WRITE FAILED: the operation was refused and nothing was committed");
        let text = format!(
            "AUDIT ENTRY COULD NOT BE WRITTEN FOR OPERATION {operation_id}; THE TRANSACTION WAS REFUSED: {error}"
        );
        let posted = async {
            let mut tx = self.store.begin().await?;
            tx.post_message(ADMINISTRATOR_QUEUE, "audit_failure", &text, now)
                .await?;
            tx.commit().await
        };
        if let Err(queue_error) = posted.await {
            tracing::error!(%queue_error, "the audit failure alert could not be queued for the Administrator either");
        }
    }
}
