//! What an act ends in: done, with a body for the answer, or refused, with the rules that
//! refused it.

use leads_domain::Record;
use leads_domain::codes::ReplyCode;
use leads_domain::reply::{Outcome, Reason};

/// A finished act, before it is audited.
#[derive(Debug)]
pub(crate) struct Done<T> {
    /// Stable code (docs/ERROR-CODES.md).
    pub code: ReplyCode,
    pub message: String,
    pub body: T,
    /// The act recorded everything it did as steps of its own and has no entry of its own to
    /// write (a sweep batch with nothing due writes nothing).
    pub steps_only: bool,
}

impl<T> Done<T> {
    pub(crate) fn new(code: ReplyCode, message: impl Into<String>, body: T) -> Self {
        Done {
            code,
            message: message.into(),
            body,
            steps_only: false,
        }
    }

    /// An act whose audit is its steps alone.
    pub(crate) fn steps_only(mut self) -> Self {
        self.steps_only = true;
        self
    }
}

/// An act that will not be done; nothing it touched is kept (unless `keep_changes`).
#[derive(Debug)]
pub(crate) struct Refusal {
    pub outcome: Outcome,
    pub code: ReplyCode,
    pub message: String,
    pub reasons: Vec<Reason>,
    /// Records the refusal shows (the record already on file).
    pub records: Vec<Record>,
    /// For a duplicate found only by the unique index: the keys to fetch the record on file by.
    pub on_file_keys: Vec<String>,
    /// The refusal itself changes something that must be kept with its audit entry (a failed
    /// sign-in counts toward the lockout).
    pub keep_changes: bool,
}

impl Refusal {
    fn with(outcome: Outcome, code: ReplyCode, message: String, reasons: Vec<Reason>) -> Self {
        Refusal {
            outcome,
            code,
            message,
            reasons,
            records: vec![],
            on_file_keys: vec![],
            keep_changes: false,
        }
    }

    /// The request was wrong: a field edit, a missing field, a duplicate.
    pub(crate) fn rejected(code: ReplyCode, message: impl Into<String>) -> Refusal {
        Refusal::with(Outcome::Rejected, code, message.into(), vec![])
    }

    /// A rule or a policy forbids it.
    pub(crate) fn refused(
        code: ReplyCode,
        message: impl Into<String>,
        reasons: Vec<Reason>,
    ) -> Refusal {
        Refusal::with(Outcome::Refused, code, message.into(), reasons)
    }

    /// The system could not do it; nothing was changed.
    pub(crate) fn failed(message: impl Into<String>) -> Refusal {
        Refusal::with(
            Outcome::Failed,
            ReplyCode::StorageUnavailable,
            message.into(),
            vec![],
        )
    }

    /// Keeps what the act changed (committed with the refusal's audit entry).
    pub(crate) fn keeping_changes(mut self) -> Refusal {
        self.keep_changes = true;
        self
    }
}

impl From<leads_store::StoreError> for Refusal {
    fn from(error: leads_store::StoreError) -> Refusal {
        tracing::error!(%error, "storage failure during an act");
        Refusal::failed("SYSTEM UNAVAILABLE")
    }
}

impl From<crate::ServiceError> for Refusal {
    fn from(error: crate::ServiceError) -> Refusal {
        match error {
            crate::ServiceError::Storage(error) => error.into(),
            other => Refusal::rejected(other.code(), other.to_string()),
        }
    }
}

impl From<leads_domain::TransactionError> for Refusal {
    fn from(error: leads_domain::TransactionError) -> Refusal {
        match error.cite() {
            Some(rule) => {
                let message = match &error {
                    leads_domain::TransactionError::Rule { .. } => error.to_string(),
                    _ => error.operator_text(),
                };
                Refusal::refused(
                    error.code(),
                    message,
                    vec![Reason::rule(rule, error.operator_text())],
                )
            }
            None => Refusal::rejected(error.code(), error.to_string()),
        }
    }
}
