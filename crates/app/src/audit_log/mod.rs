//! The audit log as a tamper-evident record: signed checkpoints over its Merkle tree, export in
//! the documented format, verification of the live database, and the alert raised when an entry
//! cannot be written. Reading the log is itself audited.

pub(crate) mod group_commit;
pub(crate) mod reports;
pub(crate) mod retention;

use ed25519_dalek::{SigningKey, VerifyingKey};
use leads_audit::checkpoint::Checkpoint;
use leads_audit::merkle::{Frontier, Hash};
use leads_audit::verify::{ExportLine, FORMAT, Report, StreamVerifier};
use leads_domain::codes::ReplyCode;
use leads_store::StoredCheckpoint;

use crate::runner::{Actor, Done, OperationKind, Work};
use crate::{Service, ServiceError};

/// Entries read per database round trip.
pub(crate) const BATCH: u32 = 5_000;

pub(crate) fn frontier_of(nodes: &[(u32, String)], size: u64) -> Result<Frontier, ServiceError> {
    let parsed: Option<Vec<(u32, Hash)>> = nodes
        .iter()
        .map(|(h, hex)| {
            hex::decode(hex)
                .ok()
                .and_then(|b| b.try_into().ok())
                .map(|b| (*h, b))
        })
        .collect();
    parsed
        .and_then(|nodes| Frontier::from_parts(size, nodes))
        .ok_or_else(|| {
            ServiceError::Internal(format!("stored tree edge of size {size} is malformed"))
        })
}

pub(crate) fn nodes_of(frontier: &Frontier) -> Vec<(u32, String)> {
    frontier
        .nodes()
        .iter()
        .map(|(h, hash)| (*h, hex::encode(hash)))
        .collect()
}

impl Service {
    /// Signs a checkpoint over every entry written so far, if there are new ones.
    pub async fn checkpoint(&self, key: &SigningKey) -> Result<Option<Checkpoint>, ServiceError> {
        let mut frontier = match self.store.latest_checkpoint().await? {
            Some(stored) => frontier_of(&stored.frontier, stored.checkpoint.size)?,
            None => {
                let (size, nodes) = self.store.audit_base().await?;
                frontier_of(&nodes, size)?
            }
        };
        let start = frontier.size();
        loop {
            let leaves = self.store.audit_leaves(frontier.size() + 1, BATCH).await?;
            if leaves.is_empty() {
                break;
            }
            for (seq, hash) in leaves {
                if seq != frontier.size() + 1 {
                    return Err(ServiceError::Internal(format!(
                        "audit entry {} is missing",
                        frontier.size() + 1
                    )));
                }
                let hash: Hash = hex::decode(&hash)
                    .ok()
                    .and_then(|b| b.try_into().ok())
                    .ok_or_else(|| {
                        ServiceError::Internal(format!(
                            "audit entry {seq} has a malformed leaf hash"
                        ))
                    })?;
                frontier.push(hash);
            }
        }
        if frontier.size() == start {
            return Ok(None);
        }
        let checkpoint = Checkpoint::sign(
            frontier.size(),
            &frontier.root(),
            self.clock.now().as_micros(),
            key,
        );
        let mut tx = self.store.begin().await?;
        tx.insert_checkpoint(&StoredCheckpoint {
            checkpoint: checkpoint.clone(),
            frontier: nodes_of(&frontier),
        })
        .await?;
        tx.commit().await?;
        Ok(Some(checkpoint))
    }

    /// Writes the whole log, with its checkpoints, in the export format, line by line.
    /// `reader` names who reads it; the reading is audited.
    pub async fn export_audit(
        &self,
        reader: &str,
        sink: &mut dyn FnMut(&ExportLine) -> std::io::Result<()>,
    ) -> Result<u64, ServiceError> {
        let written = self.write_export(sink).await?;
        self.audit_reading(
            "audit_export",
            ReplyCode::AuditExport,
            reader,
            format!("EXPORTED {written} ENTRIES"),
        )
        .await?;
        Ok(written)
    }

    async fn write_export(
        &self,
        sink: &mut dyn FnMut(&ExportLine) -> std::io::Result<()>,
    ) -> Result<u64, ServiceError> {
        let io = |e: std::io::Error| ServiceError::Internal(format!("writing the export: {e}"));
        let (base_size, base_frontier) = self.store.audit_base().await?;
        sink(&ExportLine::Header {
            format: FORMAT.into(),
            version: 1,
            base_size,
            base_frontier,
        })
        .map_err(io)?;
        let mut checkpoints = self
            .store
            .checkpoints(base_size + 1, u32::MAX)
            .await?
            .into_iter()
            .peekable();
        let mut next = base_size + 1;
        let mut written = 0;
        loop {
            let entries = self.store.audit_entries(next, BATCH).await?;
            if entries.is_empty() {
                break;
            }
            for sealed in entries {
                next = sealed.seq + 1;
                let seq = sealed.seq;
                sink(&ExportLine::Entry {
                    seq,
                    leaf_hash: sealed.leaf_hash,
                    entry: sealed.canonical,
                })
                .map_err(io)?;
                written += 1;
                while let Some(checkpoint) = checkpoints.next_if(|c| c.size <= seq) {
                    sink(&ExportLine::Checkpoint(checkpoint)).map_err(io)?;
                }
            }
        }
        Ok(written)
    }

    /// Verifies the live log against its signed checkpoints with the public key.
    pub async fn verify_audit(
        &self,
        reader: &str,
        key: &VerifyingKey,
    ) -> Result<Report, ServiceError> {
        let mut verifier = StreamVerifier::new(key);
        let mut sink = |line: &ExportLine| {
            verifier.line(line);
            Ok(())
        };
        self.write_export(&mut sink).await?;
        let report = verifier.finish();
        let verdict = match &report.problem {
            None => format!(
                "VERIFIED {} ENTRIES AGAINST {} CHECKPOINTS",
                report.entries, report.checkpoints
            ),
            Some(problem) => format!(
                "VERIFICATION FAILED AT ENTRY {}: {}",
                problem.first_seq, problem.what
            ),
        };
        self.audit_reading("audit_verify", ReplyCode::AuditVerify, reader, verdict)
            .await?;
        Ok(report)
    }

    /// Audits a reading of the whole log by `reader` (a person at the command line).
    async fn audit_reading(
        &self,
        event: &'static str,
        code: ReplyCode,
        reader: &str,
        detail: String,
    ) -> Result<(), ServiceError> {
        let work = Work::new(OperationKind::AuditExport, event, detail, move |_ctx| {
            Box::pin(async move { Ok(Done::new(code, "READ", ())) })
        })
        .by_the_system();
        self.run(Actor::Reader(reader), None, work).await?;
        Ok(())
    }
}
