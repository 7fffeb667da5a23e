//! Group commit for the audit entries of inquiries. An inquiry reads without taking the writer;
//! its audit entry (and the session's activity) is handed to one committer task, which writes
//! everything waiting in one transaction with one durable flush. While a flush runs, new entries
//! queue up and form the next batch, so many concurrent inquiries share each flush. An inquiry is
//! answered only after its entry is committed.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use leads_audit::SealedEntry;
use leads_store::{AuditAppend, Store, StoreError};
use tokio::sync::{mpsc, oneshot};

/// The most entries one commit carries.
pub(crate) const MAX_BATCH: usize = 512;

/// How long a batch waits for inquiries still being processed before it is committed.
const GATHER: Duration = Duration::from_millis(1);

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
    /// Inquiries between their start and the hand-over of their entry.
    in_flight: Arc<AtomicUsize>,
}

/// An inquiry on its way to the committer; counted until its entry is handed over.
#[derive(Debug)]
pub(crate) struct InFlight(Arc<AtomicUsize>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl GroupCommitter {
    /// Marks an inquiry as started, so a batch about to commit waits briefly for its entry.
    pub(crate) fn start(&self) -> InFlight {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        InFlight(self.in_flight.clone())
    }

    /// Appends one entry; returns once it is durably committed (or could not be).
    pub(crate) async fn append(
        &self,
        store: &Arc<dyn Store>,
        item: AuditAppend,
        in_flight: InFlight,
    ) -> Result<SealedEntry, StoreError> {
        let sender = self.sender.get_or_init(|| {
            let (sender, receiver) = mpsc::unbounded_channel();
            tokio::spawn(run(store.clone(), receiver, self.in_flight.clone()));
            sender
        });
        let (done, answer) = oneshot::channel();
        // Uncounted before it is queued, so the committer never waits for its own entry.
        drop(in_flight);
        sender
            .send((item, done))
            .map_err(|_| StoreError::Unavailable("the audit committer has stopped".into()))?;
        answer
            .await
            .map_err(|_| StoreError::Unavailable("the audit committer has stopped".into()))?
    }
}

async fn run(
    store: Arc<dyn Store>,
    mut receiver: mpsc::UnboundedReceiver<(AuditAppend, Done)>,
    in_flight: Arc<AtomicUsize>,
) {
    while let Some((item, done)) = receiver.recv().await {
        let (mut items, mut dones) = (vec![item], vec![done]);
        let mut drain = |items: &mut Vec<AuditAppend>, dones: &mut Vec<Done>| {
            while items.len() < MAX_BATCH {
                match receiver.try_recv() {
                    Ok((item, done)) => {
                        items.push(item);
                        dones.push(done);
                    }
                    Err(_) => break,
                }
            }
        };
        drain(&mut items, &mut dones);
        // Other inquiries are nearly done: let them join this flush rather than the next.
        if in_flight.load(Ordering::Relaxed) > 0 && items.len() < MAX_BATCH {
            tokio::time::sleep(GATHER).await;
            drain(&mut items, &mut dones);
        }
        match store.append_audit_batch(&items).await {
            Ok(sealed) => {
                COMMITS.fetch_add(1, Ordering::Relaxed);
                crate::metrics::group_committed(sealed.len());
                ENTRIES.fetch_add(sealed.len() as u64, Ordering::Relaxed);
                for (done, entry) in dones.into_iter().zip(sealed) {
                    let _ = done.send(Ok(entry));
                }
            }
            Err(error) if items.len() == 1 => {
                for done in dones {
                    let _ = done.send(Err(error.clone()));
                }
            }
            Err(_) => {
                // One bad entry must not fail its neighbours: write each alone.
                for (item, done) in items.iter().zip(dones) {
                    let result = store
                        .append_audit_batch(std::slice::from_ref(item))
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
