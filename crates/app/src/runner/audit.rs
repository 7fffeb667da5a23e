//! The one builder of audit entries. An act fills in what its entry says (key, ORI, purpose,
//! case, records, detail) on the draft the runner hands it; the runner completes it with the
//! outcome and writes it. Acts that record several steps (a sweep batch, a lockout) derive a
//! draft per step from their own.

use leads_audit::AuditEntry;
use leads_domain::Record;
use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::reply::{Outcome, Reason};
use leads_domain::rules::RuleId;

use super::actor::Who;

/// What the detail of a refused act's entry says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum RefusalDetail {
    /// The detail as the act left it, or the refusal's message when it left none.
    #[default]
    MessageIfEmpty,
    /// The detail as the act left it.
    Keep,
    /// The detail (what was asked), an arrow, and the refusal's message.
    AskedThenMessage,
}

/// An audit entry in the making.
#[derive(Debug, Clone)]
pub(crate) struct AuditDraft {
    pub operation_id: String,
    pub at: Timestamp,
    pub event: String,
    pub operator: Option<String>,
    pub terminal: Option<String>,
    pub ori: Option<String>,
    pub key: Option<String>,
    pub purpose: Option<String>,
    pub case_number: Option<String>,
    /// Records the act concerned (LEADS numbers).
    pub records: Vec<String>,
    pub detail: String,
    /// Rules an accepted act applied (a deadline step names the rule that set it).
    pub rules: Vec<RuleId>,
    pub on_refusal: RefusalDetail,
    /// Entries of the steps the act recorded, written with its own.
    steps: Vec<AuditEntry>,
}

impl AuditDraft {
    /// The draft of an act by `who`, under `operation_id`, at `at`.
    pub(crate) fn new(who: &Who, operation_id: &str, at: Timestamp, event: &str) -> Self {
        let (operator, terminal, ori) = who.audit_identity();
        AuditDraft {
            operation_id: operation_id.to_owned(),
            at,
            event: event.to_owned(),
            operator,
            terminal,
            ori,
            key: None,
            purpose: None,
            case_number: None,
            records: vec![],
            detail: String::new(),
            rules: vec![],
            on_refusal: RefusalDetail::default(),
            steps: vec![],
        }
    }

    /// A draft for one step of this act: the same operation, actor and time, another event.
    pub(crate) fn step(&self, event: &str) -> AuditDraft {
        let mut step = self.clone();
        step.event = event.to_owned();
        step.steps = vec![];
        step.key = None;
        step.records = vec![];
        step.detail = String::new();
        step.rules = vec![];
        step
    }

    /// Records a step (accepted, with `code`) to be written with the act's own entry.
    pub(crate) fn record_step(&mut self, step: AuditDraft, code: ReplyCode) {
        let entry = step.entry(Outcome::Accepted, code, &[]);
        self.steps.push(entry);
    }

    /// Names the records of `records` in the entry.
    pub(crate) fn name_records<'r>(&mut self, records: impl IntoIterator<Item = &'r Record>) {
        self.records
            .extend(records.into_iter().map(|r| r.lrn().to_string()));
    }

    /// The entry with its outcome: the one place an [`AuditEntry`] is put together.
    pub(crate) fn entry(
        &self,
        outcome: Outcome,
        code: ReplyCode,
        reasons: &[Reason],
    ) -> AuditEntry {
        let (mut rules, mut citations): (Vec<String>, Vec<String>) = self
            .rules
            .iter()
            .map(|r| (r.id().to_owned(), r.citation().to_owned()))
            .unzip();
        rules.extend(reasons.iter().map(|r| r.rule.clone()));
        citations.extend(reasons.iter().map(|r| r.citation.clone()));
        AuditEntry {
            operation_id: self.operation_id.clone(),
            at_micros: self.at.as_micros(),
            event: self.event.clone(),
            operator: self.operator.clone(),
            terminal: self.terminal.clone(),
            ori: self.ori.clone(),
            key: self.key.clone(),
            purpose: self.purpose.clone(),
            case_number: self.case_number.clone(),
            outcome: outcome.name().into(),
            code: code.name().into(),
            rules,
            citations,
            records: self.records.clone(),
            detail: self.detail.clone(),
        }
    }

    /// Every entry of an accepted act: its steps, then its own (unless it has none).
    pub(crate) fn accepted(self, code: ReplyCode, steps_only: bool) -> Vec<AuditEntry> {
        let own = (!steps_only).then(|| self.entry(Outcome::Accepted, code, &[]));
        let mut entries = self.steps;
        entries.extend(own);
        entries
    }

    /// The entry of a refused act, with the records the refusal shows; steps recorded before
    /// the refusal are kept only with the changes (a refusal that keeps its changes).
    pub(crate) fn refused(
        mut self,
        refusal: &super::outcome::Refusal,
        keep_steps: bool,
    ) -> Vec<AuditEntry> {
        match self.on_refusal {
            RefusalDetail::Keep => {}
            RefusalDetail::MessageIfEmpty if !self.detail.is_empty() => {}
            RefusalDetail::MessageIfEmpty => self.detail = refusal.message.clone(),
            RefusalDetail::AskedThenMessage => {
                self.detail = format!("{} -> {}", self.detail, refusal.message);
            }
        }
        self.rules.clear();
        self.name_records(&refusal.records);
        let own = self.entry(refusal.outcome, refusal.code, &refusal.reasons);
        let mut entries = if keep_steps { self.steps } else { vec![] };
        entries.push(own);
        entries
    }
}
