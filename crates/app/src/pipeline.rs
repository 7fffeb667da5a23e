//! The pipeline: identify → parse → (authorize → act → audit, in one database transaction) →
//! respond.

use leads_audit::AuditEntry;
use leads_domain::clock::Timestamp;
use leads_domain::fields::{FieldCode, ParseContext};
use leads_domain::reply::{Outcome, Reason, Reply};
use leads_domain::{Record, Transaction};
use leads_message::{Message, MessageError, Parsed, RawMessage, parse_any, parse_raw_any};
use leads_policy::Principal;
use leads_store::AuditAppend;

use crate::{Service, ServiceError};

/// A message as a front end received it.
#[derive(Debug, Clone)]
pub enum Input {
    /// Formatted text (`QW.IL0160000.NAM/…`).
    Text(String),
    /// Key, ORIs and fields already separated (built from JSON).
    Raw(RawMessage),
}

/// A finished transaction, before it is audited.
#[derive(Debug, Default)]
pub(crate) struct Done {
    pub code: &'static str,
    pub message: String,
    pub records: Vec<Record>,
    pub criteria: Option<String>,
    pub images: Vec<leads_domain::reply::ImageView>,
    pub warnings: Vec<String>,
    /// Records the transaction concerned that the reply does not carry (LEADS numbers).
    pub audit_records: Vec<String>,
}

/// A transaction that will not be done; nothing it touched is kept.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub outcome: Outcome,
    pub code: &'static str,
    pub message: String,
    pub reasons: Vec<Reason>,
    pub records: Vec<Record>,
    /// For a duplicate found only by the unique index: the keys to fetch the record on file by.
    pub on_file_keys: Vec<String>,
}

impl Refusal {
    pub(crate) fn rejected(code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal {
            outcome: Outcome::Rejected,
            code,
            message: message.into(),
            reasons: vec![],
            records: vec![],
            on_file_keys: vec![],
        }
    }

    pub(crate) fn refused(
        code: &'static str,
        message: impl Into<String>,
        reasons: Vec<Reason>,
    ) -> Refusal {
        Refusal {
            outcome: Outcome::Refused,
            code,
            message: message.into(),
            reasons,
            records: vec![],
            on_file_keys: vec![],
        }
    }

    fn failed(message: impl Into<String>) -> Refusal {
        Refusal {
            outcome: Outcome::Failed,
            code: "storage_unavailable",
            message: message.into(),
            reasons: vec![],
            records: vec![],
            on_file_keys: vec![],
        }
    }
}

impl From<leads_store::StoreError> for Refusal {
    fn from(error: leads_store::StoreError) -> Refusal {
        tracing::error!(%error, "storage failure during a transaction");
        Refusal::failed("SYSTEM UNAVAILABLE")
    }
}

impl From<leads_domain::TransactionError> for Refusal {
    fn from(error: leads_domain::TransactionError) -> Refusal {
        match error.rule() {
            Some(rule) => Refusal::refused(
                error.code(),
                error.to_string(),
                vec![Reason::rule(rule, error.to_string())],
            ),
            None => Refusal::rejected(error.code(), error.to_string()),
        }
    }
}

/// Who and what an audit entry is about.
pub(crate) struct Subject<'a> {
    pub principal: &'a Principal,
    /// The audit event (`transaction`, `dissemination`).
    pub event: &'static str,
    pub key: Option<String>,
    pub ori: Option<String>,
    pub purpose: Option<String>,
    pub case: Option<String>,
    pub detail: String,
}

impl Service {
    /// Runs one message through the pipeline for the session `token`.
    pub async fn submit(
        &self,
        token: &str,
        input: Input,
        operation_id: Option<String>,
    ) -> Result<Reply, ServiceError> {
        let identified = self.identify_session(token, true).await?;
        let principal = identified.principal;
        let token_hash = identified.token_hash;
        let operation_id = operation_id.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let now = self.clock.now();
        let ctx = ParseContext::new(now.date());
        let parsed = match &input {
            Input::Text(text) => parse_any(text, &ctx),
            Input::Raw(raw) => parse_raw_any(raw, &ctx),
        };
        match parsed {
            Ok(Parsed::Record(message)) => {
                self.run(&principal, &token_hash, message, operation_id, now)
                    .await
            }
            Ok(Parsed::Image(message)) => {
                self.run_image(&principal, &token_hash, message, operation_id, now)
                    .await
            }
            Ok(Parsed::Confirmation(message)) => {
                self.run_confirmation(&principal, &token_hash, message, operation_id, now)
                    .await
            }
            Err(error) => {
                self.reject_message(&principal, &token_hash, &error, operation_id, now)
                    .await
            }
        }
    }

    async fn reject_message(
        &self,
        principal: &Principal,
        token_hash: &str,
        error: &MessageError,
        operation_id: String,
        now: Timestamp,
    ) -> Result<Reply, ServiceError> {
        let refusal = match error.rule() {
            Some(rule) => Refusal::refused(
                error.code(),
                error.to_string(),
                vec![Reason::rule(rule, error.to_string())],
            ),
            None => Refusal::rejected(error.code(), error.to_string()),
        };
        let subject = Subject {
            principal,
            event: "transaction",
            key: error.key.clone(),
            ori: error.ori.clone(),
            purpose: None,
            case: None,
            detail: error.operator_text(),
        };
        self.finish_refusal(subject, token_hash, refusal, operation_id, now)
            .await
    }

    async fn run(
        &self,
        principal: &Principal,
        token_hash: &str,
        message: Message,
        operation_id: String,
        now: Timestamp,
    ) -> Result<Reply, ServiceError> {
        let (purpose, case) = match &message.transaction {
            Transaction::Query(q) => (
                Some(q.purpose().code().to_owned()),
                Some(q.case().to_string()),
            ),
            _ => (None, None),
        };
        let subject = Subject {
            principal,
            event: "transaction",
            key: Some(message.key.key.to_owned()),
            ori: Some(message.ori.to_string()),
            purpose,
            case,
            detail: String::new(),
        };
        if matches!(message.transaction, Transaction::Query(_)) {
            return self
                .run_inquiry(subject, token_hash, &message, operation_id, now)
                .await;
        }
        let mut tx = self.store.begin().await?;
        let result = self.act(tx.as_mut(), principal, &message, now).await;
        self.finish(subject, tx, token_hash, result, operation_id, now)
            .await
    }

    /// An inquiry reads in a read-only transaction; its audit entry joins the group commit,
    /// and the answer waits for that commit.
    async fn run_inquiry(
        &self,
        subject: Subject<'_>,
        token_hash: &str,
        message: &Message,
        operation_id: String,
        now: Timestamp,
    ) -> Result<Reply, ServiceError> {
        let in_flight = self.committer.start();
        let mut tx = self.store.begin_read().await?;
        let result = self.act(tx.as_mut(), subject.principal, message, now).await;
        tx.rollback().await?;
        let done = match result {
            Ok(done) => done,
            Err(refusal) => {
                return self
                    .finish_refusal(subject, token_hash, refusal, operation_id, now)
                    .await;
            }
        };
        let mut entry = self.audit_entry(
            &subject,
            &operation_id,
            now,
            Outcome::Accepted,
            done.code,
            &[],
            &done.records,
            done.criteria.clone(),
        );
        entry.records.extend(done.audit_records.iter().cloned());
        let item = AuditAppend {
            entry,
            session: Some((token_hash.to_owned(), now)),
        };
        if let Err(error) = self.committer.append(&self.store, item, in_flight).await {
            self.alert_audit_failure(&error, &operation_id).await;
            return Err(ServiceError::Storage(error));
        }
        Ok(accepted_reply(subject, done, operation_id, now))
    }

    /// Commits accepted work with its audit entry, or rolls it back and audits the refusal;
    /// then builds the reply.
    pub(crate) async fn finish(
        &self,
        subject: Subject<'_>,
        tx: Box<dyn leads_store::StoreTx>,
        token_hash: &str,
        result: Result<Done, Refusal>,
        operation_id: String,
        now: Timestamp,
    ) -> Result<Reply, ServiceError> {
        match result {
            Ok(done) => {
                let mut entry = self.audit_entry(
                    &subject,
                    &operation_id,
                    now,
                    Outcome::Accepted,
                    done.code,
                    &[],
                    &done.records,
                    done.criteria.clone(),
                );
                entry.records.extend(done.audit_records.iter().cloned());
                self.commit_with_audit(tx, token_hash, entry, &operation_id, now)
                    .await?;
                Ok(accepted_reply(subject, done, operation_id, now))
            }
            Err(refusal) => {
                tx.rollback().await?;
                self.finish_refusal(subject, token_hash, refusal, operation_id, now)
                    .await
            }
        }
    }

    /// Writes the audit entry of accepted work and commits both; if the entry cannot be
    /// written nothing is committed and the Administrator is alerted.
    async fn commit_with_audit(
        &self,
        mut tx: Box<dyn leads_store::StoreTx>,
        token_hash: &str,
        entry: AuditEntry,
        operation_id: &str,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        // The block owns the transaction: on failure it is rolled back and released before the
        // alert opens one of its own.
        let committed = async move {
            tx.update_session(token_hash, None, now).await?;
            tx.append_audit(entry).await?;
            tx.commit().await
        }
        .await;
        if let Err(error) = committed {
            self.alert_audit_failure(&error, operation_id).await;
            return Err(ServiceError::Storage(error));
        }
        Ok(())
    }

    /// Audits a refusal in its own transaction and builds the reply.
    pub(crate) async fn finish_refusal(
        &self,
        mut subject: Subject<'_>,
        token_hash: &str,
        mut refusal: Refusal,
        operation_id: String,
        now: Timestamp,
    ) -> Result<Reply, ServiceError> {
        let mut tx = self.store.begin().await?;
        if refusal.records.is_empty() && !refusal.on_file_keys.is_empty() {
            refusal
                .records
                .extend(tx.record_by_duplicate_key(&refusal.on_file_keys).await?);
        }
        if subject.detail.is_empty() {
            subject.detail = refusal.message.clone();
        }
        let entry = self.audit_entry(
            &subject,
            &operation_id,
            now,
            refusal.outcome,
            refusal.code,
            &refusal.reasons,
            &refusal.records,
            None,
        );
        tx.update_session(token_hash, None, now).await?;
        tx.append_audit(entry).await?;
        tx.commit().await?;
        Ok(Reply {
            operation_id,
            at: now,
            key: subject.key,
            ori: subject.ori,
            outcome: refusal.outcome,
            code: refusal.code,
            message: refusal.message,
            reasons: refusal.reasons,
            records: refusal.records,
            criteria: None,
            images: vec![],
            warnings: vec![],
        })
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one audit entry gathers every AU-3 element"
    )]
    pub(crate) fn audit_entry(
        &self,
        subject: &Subject<'_>,
        operation_id: &str,
        now: Timestamp,
        outcome: Outcome,
        code: &str,
        reasons: &[Reason],
        records: &[Record],
        criteria: Option<String>,
    ) -> AuditEntry {
        AuditEntry {
            operation_id: operation_id.to_owned(),
            at_micros: now.as_micros(),
            event: subject.event.into(),
            operator: Some(subject.principal.person.id.clone()),
            terminal: Some(subject.principal.terminal.id.clone()),
            ori: subject
                .ori
                .clone()
                .or_else(|| Some(subject.principal.agency.ori.to_string())),
            key: subject.key.clone(),
            purpose: subject.purpose.clone(),
            case_number: subject.case.clone(),
            outcome: outcome.name().into(),
            code: code.into(),
            rules: reasons.iter().map(|r| r.rule.clone()).collect(),
            citations: reasons.iter().map(|r| r.citation.clone()).collect(),
            records: records.iter().map(|r| r.lrn().to_string()).collect(),
            detail: criteria.unwrap_or_else(|| subject.detail.clone()),
        }
    }
}

fn accepted_reply(subject: Subject<'_>, done: Done, operation_id: String, now: Timestamp) -> Reply {
    Reply {
        operation_id,
        at: now,
        key: subject.key,
        ori: subject.ori,
        outcome: Outcome::Accepted,
        code: done.code,
        message: done.message,
        reasons: vec![],
        records: done.records,
        criteria: done.criteria,
        images: done.images,
        warnings: done.warnings,
    }
}

/// The inquiry fields an operator sent, minus purpose and case (echoed with a no-hit reply).
pub(crate) fn criteria_text(fields: &leads_domain::FieldSet) -> String {
    fields
        .iter()
        .filter(|(code, _)| !matches!(code, FieldCode::Pur | FieldCode::Cas))
        .map(|(code, value)| format!("{code}/{value}"))
        .collect::<Vec<_>>()
        .join(" ")
}
