//! The one operation runner. Every act of the service — a formatted message, a JSON call, a
//! command, a reading, a sign-in, a step of the sweep — is an [`Operation`] run by
//! [`Service::run`]:
//!
//! 1. identify the actor (a session, a person signing in, the system, provisioning);
//! 2. prepare: parse and check what needs no database (and may seal a picture);
//! 3. open the database transaction (read-only for readings);
//! 4. act: the operation authorizes through [`Service::permit`] (the one call into Cedar) and
//!    does its work in the transaction, filling in its audit draft;
//! 5. write the audit entries through the one builder ([`AuditDraft`]) in the same
//!    transaction — or, for a reading, through the group committer — and commit;
//! 6. after the commit, delete the sealed blobs the act gave up (or, if nothing committed, the
//!    ones it sealed);
//! 7. answer in the one envelope ([`Answer`]).
//!
//! A refusal rolls back what the act touched (unless it must keep it, as a failed sign-in's
//! count does) and is audited in a transaction of its own. If any entry cannot be written,
//! nothing commits, the failure is counted and logged, the Administrator's queue is told,
//! readiness reports it, and the caller gets the fail-closed error.

mod actor;
mod audit;
mod commit;
mod decide;
mod kind;
mod operation;
mod outcome;
mod work;

use leads_domain::access::Principal;
use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::reply::{Answer, Outcome};
use leads_store::StoreTx;

pub(crate) use actor::{Actor, Who, token_hash};
pub(crate) use audit::{AuditDraft, RefusalDetail};
pub(crate) use commit::AuditHealth;
pub use commit::{ADMINISTRATOR_QUEUE, audit_write_failures};
pub use decide::policy_evaluation_errors;
pub use kind::OperationKind;
pub(crate) use operation::{Ctx, Mode, Operation, Prep};
pub(crate) use outcome::{Done, Refusal};
pub(crate) use work::{Work, WorkFuture};

use crate::{Service, ServiceError};

fn log_refusal(kind: OperationKind, operation_id: &str, refusal: &Refusal) {
    tracing::debug!(
        kind = kind.name(),
        operation_id,
        outcome = refusal.outcome.name(),
        code = refusal.code.name(),
        "operation refused"
    );
}

/// A fresh operation id (one per request; made by the server).
pub(crate) fn new_operation_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl Service {
    /// Runs one operation for `actor` under `operation_id` (one is made when `None`), and counts
    /// it: by kind and outcome, its duration, and each rule a refusal cites.
    pub(crate) async fn run<O: Operation>(
        &self,
        actor: Actor<'_>,
        operation_id: Option<String>,
        op: O,
    ) -> Result<Answer<O::Output>, ServiceError> {
        let started = std::time::Instant::now();
        // The kind is known once the operation is prepared (a message's, once it is parsed).
        let mut kind = op.kind();
        let answer = self.run_counted(actor, operation_id, op, &mut kind).await;
        let (outcome, reasons) = match &answer {
            Ok(answer) => (answer.outcome.name(), answer.reasons.as_slice()),
            Err(ServiceError::Storage(_) | ServiceError::Internal(_)) => ("failed", &[][..]),
            Err(_) => ("unauthenticated", &[][..]),
        };
        crate::metrics::operation_done(kind.name(), outcome, reasons, started.elapsed());
        answer
    }

    async fn run_counted<O: Operation>(
        &self,
        actor: Actor<'_>,
        operation_id: Option<String>,
        mut op: O,
        kind_out: &mut OperationKind,
    ) -> Result<Answer<O::Output>, ServiceError> {
        let operation_id = operation_id.unwrap_or_else(new_operation_id);
        let who = self.identify_actor(actor, &operation_id).await?;
        let now = self.clock.now();
        let mut audit = AuditDraft::new(&who, &operation_id, now, op.event());
        let mut delete_unless_committed = Vec::new();
        let prepared = op
            .prepare(Prep {
                service: self,
                who: &who,
                now,
                audit: &mut audit,
                delete_unless_committed: &mut delete_unless_committed,
            })
            .await;
        let kind = op.kind();
        *kind_out = kind;
        let mode = match prepared {
            Ok(mode) => mode,
            Err(refusal) => {
                log_refusal(kind, &operation_id, &refusal);
                let body = op.refused_body();
                let answer = self
                    .refuse::<O>(&who, audit, refusal, None, body, &operation_id, now)
                    .await;
                self.delete_blobs(&delete_unless_committed).await;
                return answer;
            }
        };
        let in_flight = (mode == Mode::Read).then(|| self.committer.start());
        let opened = match mode {
            Mode::Write => self.store.begin().await,
            Mode::Read => self.store.begin_read().await,
        };
        let tx = match opened {
            Ok(tx) => tx,
            Err(error) => {
                self.delete_blobs(&delete_unless_committed).await;
                return Err(error.into());
            }
        };
        let refused_body = op.refused_body();
        let op_kind = op.kind();
        let mut ctx = Ctx {
            service: self,
            tx,
            who,
            now,
            audit,
            delete_after_commit: Vec::new(),
            delete_unless_committed,
        };
        let result = op.act(&mut ctx).await;
        let Ctx {
            tx,
            who,
            audit,
            delete_after_commit,
            delete_unless_committed,
            ..
        } = ctx;
        match result {
            Ok(done) => {
                let entries = audit.accepted(done.code, done.steps_only);
                let written = match (mode, in_flight) {
                    (Mode::Read, Some(in_flight)) => {
                        tx.rollback().await?;
                        self.commit_reading(who.session(), entries, in_flight, &operation_id, now)
                            .await
                    }
                    _ => {
                        self.commit_entries(tx, who.session(), entries, &operation_id, now)
                            .await
                    }
                };
                if let Err(error) = written {
                    self.delete_blobs(&delete_unless_committed).await;
                    return Err(error);
                }
                self.delete_blobs(&delete_after_commit).await;
                tracing::debug!(
                    kind = op_kind.name(),
                    operation_id,
                    code = done.code.name(),
                    "operation done"
                );
                Ok(Answer {
                    operation_id,
                    at: now,
                    outcome: Outcome::Accepted,
                    code: done.code,
                    message: done.message,
                    reasons: vec![],
                    body: done.body,
                })
            }
            Err(refusal) => {
                log_refusal(op_kind, &operation_id, &refusal);
                drop(in_flight);
                let kept = if refusal.keep_changes && mode == Mode::Write {
                    Some(tx)
                } else {
                    tx.rollback().await?;
                    None
                };
                let answer = self
                    .refuse::<O>(&who, audit, refusal, kept, refused_body, &operation_id, now)
                    .await;
                self.delete_blobs(&delete_unless_committed).await;
                answer
            }
        }
    }

    /// Audits a refusal — with the changes it keeps, in `kept`, or in a transaction of its
    /// own — and answers it.
    #[expect(
        clippy::too_many_arguments,
        reason = "the refusal, where it is written, and the envelope's parts"
    )]
    async fn refuse<O: Operation>(
        &self,
        who: &Who,
        audit: AuditDraft,
        mut refusal: Refusal,
        kept: Option<Box<dyn StoreTx>>,
        mut body: O::Output,
        operation_id: &str,
        now: Timestamp,
    ) -> Result<Answer<O::Output>, ServiceError> {
        let keep_steps = kept.is_some();
        let mut tx = match kept {
            Some(tx) => tx,
            None => self.store.begin().await?,
        };
        if refusal.records.is_empty() && !refusal.on_file_keys.is_empty() {
            refusal
                .records
                .extend(tx.record_by_duplicate_key(&refusal.on_file_keys).await?);
        }
        let entries = audit.refused(&refusal, keep_steps);
        self.commit_entries(tx, who.session(), entries, operation_id, now)
            .await?;
        O::show_records(&mut body, refusal.records);
        Ok(Answer {
            operation_id: operation_id.to_owned(),
            at: now,
            outcome: refusal.outcome,
            code: refusal.code,
            message: refusal.message,
            reasons: refusal.reasons,
            body,
        })
    }

    /// Ends a session idle past the limit (AC-11), with its audit entry.
    async fn end_idle_session(
        &self,
        principal: Principal,
        hash: String,
        operation_id: &str,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        let who = Who::Person {
            principal: Box::new(principal),
            token_hash: hash.clone(),
        };
        let mut draft = AuditDraft::new(&who, operation_id, now, "session_timeout");
        draft.detail = format!(
            "IDLE FOR MORE THAN {} MINUTES",
            self.config.idle_seconds / 60
        );
        let mut tx = self.store.begin().await?;
        tx.delete_session(&hash).await?;
        let entries = vec![draft.entry(
            leads_domain::reply::Outcome::Accepted,
            ReplyCode::SessionTimeout,
            &[],
        )];
        self.commit_entries(tx, None, entries, operation_id, now)
            .await
    }

    async fn delete_blobs(&self, blobs: &[String]) {
        for blob in blobs {
            self.delete_blob(blob).await;
        }
    }
}
