//! Why a message could not become a transaction.

use crate::codes::ReplyCode;
use crate::error::FieldError;
use crate::rules::{Cite, RuleId};

/// Why a message could not become a transaction.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransactionError {
    /// A field failed its edit.
    #[error(transparent)]
    Field(#[from] FieldError),
    /// A field the message key does not take.
    #[error("{tag} NOT ALLOWED IN {key}")]
    NotAllowed {
        tag: &'static str,
        key: &'static str,
    },
    /// A mandatory field is absent.
    #[error("{tag} MISSING - MANDATORY FOR {key}")]
    Missing {
        tag: &'static str,
        key: &'static str,
    },
    /// A field given more often than it may be.
    #[error("{tag} REPEATED - AT MOST {max}")]
    Repeated { tag: &'static str, max: usize },
    /// A record transaction without NIC, LRN or OCA.
    #[error("{key} NEEDS {needs} TO IDENTIFY THE RECORD")]
    NoRecordReference {
        key: &'static str,
        needs: &'static str,
    },
    /// An inquiry without anything to search by.
    #[error("{key} NEEDS {needs}")]
    NoCriteria {
        key: &'static str,
        needs: &'static str,
    },
    /// A modify message that changes nothing.
    #[error("NO FIELDS TO MODIFY")]
    NothingToModify,
    /// A second identifier given beside the record's number is not the record's.
    #[error("{given} DOES NOT MATCH {record} - CHECK THE RECORD NUMBER")]
    NotThisRecord { given: String, record: String },
    /// A rule (docs/RULES.md) refuses the transaction, citing the paragraph that decides.
    #[error("{rule}: {detail}")]
    Rule { rule: Cite, detail: &'static str },
}

impl TransactionError {
    /// The stable error code (docs/ERROR-CODES.md).
    pub fn code(&self) -> crate::codes::ReplyCode {
        match self {
            TransactionError::Field(_) => ReplyCode::FieldEdit,
            TransactionError::NotAllowed { .. } => ReplyCode::FieldNotAllowed,
            TransactionError::Missing { .. } => ReplyCode::FieldMissing,
            TransactionError::Repeated { .. } => ReplyCode::FieldRepeated,
            TransactionError::NoRecordReference { .. } => ReplyCode::RecordReferenceMissing,
            TransactionError::NoCriteria { .. } => ReplyCode::CriteriaMissing,
            TransactionError::NothingToModify => ReplyCode::NothingToModify,
            TransactionError::NotThisRecord { .. } => ReplyCode::IdentityMismatch,
            TransactionError::Rule { .. } => ReplyCode::RuleRefused,
        }
    }

    /// What the operator is told: for a rule refusal the rule's detail alone (the rule and its
    /// citation travel separately as a reason), otherwise the whole error.
    pub fn operator_text(&self) -> String {
        match self {
            TransactionError::Rule { detail, .. } => (*detail).to_owned(),
            TransactionError::Field(error) => match error.lawful() {
                Some(lawful) => format!("{error} - {}", lawful.text),
                None => error.to_string(),
            },
            other => other.to_string(),
        }
    }

    /// The rule and paragraph cited, for rule refusals and for values outside a rule's list
    /// of lawful values.
    pub fn cite(&self) -> Option<Cite> {
        match self {
            TransactionError::Rule { rule, .. } => Some(*rule),
            TransactionError::Field(error) => error.lawful().map(|l| l.cite),
            _ => None,
        }
    }

    /// The rule cited, for rule refusals.
    pub fn rule(&self) -> Option<RuleId> {
        self.cite().map(Cite::rule)
    }
}
