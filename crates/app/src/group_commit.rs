//! Group commit for the audit entries of inquiries. An inquiry reads without taking the writer;
//! its audit entry (and the session's activity) is handed to one committer task, which writes
//! everything waiting in one transaction with one durable flush. While a flush runs, new entries
//! queue up and form the next batch, so many concurrent inquiries share each flush. An inquiry is
//! answered only after its entry is committed.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use leads_audit::SealedEntry;
use leads_store::{AuditAppend, Store, StoreError};
use tokio::sync::{mpsc, oneshot};

/// The most entries one commit carries.
pub(crate) const MAX_BATCH: usize = 512;

type Done = oneshot::Sender<Result<SealedEntry, StoreError>>;

static COMMITS: AtomicU64 = AtomicU64::new(0);
static ENTRIES: AtomicU64 = AtomicU64::new(0);

/// `(commits, entries)` written by group commit since start (metrics: entries per flush).
pub fn group_commit_totals() -> (u64, u64) {
    (
        COMMITS.load(Ordering::Relaxed),
        ENTRIES.load(Ordering::Relaxed),
    )
}

/// Hands entries to the committer task (started on first use, inside the runtime).
#[derive(Debug, Clone, Default)]
pub(crate) struct GroupCommitter {
    sender: Arc<OnceLock<mpsc::UnboundedSender<(AuditAppend, Done)>>>,
}

impl GroupCommitter {
    /// Appends one entry; returns once it is durably committed (or could not be).
    pub(crate) async fn append(
        &self,
        store: &Arc<dyn Store>,
        item: AuditAppend,
    ) -> Result<SealedEntry, StoreError> {
        let sender = self.sender.get_or_init(|| {
            let (sender, receiver) = mpsc::unbounded_channel();
            tokio::spawn(run(store.clone(), receiver));
            sender
        });
        let (done, answer) = oneshot::channel();
        sender
            .send((item, done))
            .map_err(|_| StoreError::Unavailable("the audit committer has stopped".into()))?;
        answer
            .await
            .map_err(|_| StoreError::Unavailable("the audit committer has stopped".into()))?
    }
}

async fn run(store: Arc<dyn Store>, mut receiver: mpsc::UnboundedReceiver<(AuditAppend, Done)>) {
    while let Some(first) = receiver.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match receiver.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        let items: Vec<AuditAppend> = batch.iter().map(|(item, _)| item.clone()).collect();
        match store.append_audit_batch(&items).await {
            Ok(sealed) => {
                COMMITS.fetch_add(1, Ordering::Relaxed);
                ENTRIES.fetch_add(sealed.len() as u64, Ordering::Relaxed);
                for ((_, done), entry) in batch.into_iter().zip(sealed) {
                    let _ = done.send(Ok(entry));
                }
            }
            Err(error) if batch.len() == 1 => {
                for (_, done) in batch {
                    let _ = done.send(Err(error.clone()));
                }
            }
            Err(_) => {
                // One bad entry must not fail its neighbours: write each alone.
                for (item, done) in batch {
                    let result = store
                        .append_audit_batch(std::slice::from_ref(&item))
                        .await
                        .and_then(|mut sealed| {
                            sealed.pop().ok_or_else(|| {
                                StoreError::Backend("the audit batch wrote nothing".into())
                            })
                        });
                    let _ = done.send(result);
                }
            }
        }
    }
}
