//! From a [`RawMessage`] to a validated domain [`Transaction`].

use leads_domain::fields::{FieldCode, Ori, ParseContext};
use leads_domain::files::MessageKey;
use leads_domain::transaction::allowed_fields;
use leads_domain::{FieldError, FieldSet, RuleId, Transaction, TransactionError, lookup_key};

use crate::grammar::{GrammarError, RawMessage, parse_raw};

/// A message understood in full.
#[derive(Debug, Clone)]
pub struct Message {
    pub key: MessageKey,
    /// The originating agency (first header ORI).
    pub ori: Ori,
    /// Destination ORIs of an Nlets-style header.
    pub destinations: Vec<Ori>,
    pub transaction: Transaction,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageErrorKind {
    #[error(transparent)]
    Grammar(#[from] GrammarError),
    #[error("UNKNOWN MESSAGE KEY {0}")]
    UnknownKey(String),
    #[error("UNKNOWN FIELD {0}")]
    UnknownField(String),
    #[error(transparent)]
    Header(FieldError),
    #[error(transparent)]
    Transaction(#[from] TransactionError),
}

/// A message that could not be understood, with as much of its header as was read (for the
/// reply and the audit entry).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct MessageError {
    pub key: Option<String>,
    pub ori: Option<String>,
    pub kind: MessageErrorKind,
}

impl MessageError {
    /// The stable error code.
    pub fn code(&self) -> &'static str {
        match &self.kind {
            MessageErrorKind::Grammar(e) => e.code(),
            MessageErrorKind::UnknownKey(_) => "message_unknown_key",
            MessageErrorKind::UnknownField(_) => "field_unknown",
            MessageErrorKind::Header(_) => "message_bad_header",
            MessageErrorKind::Transaction(e) => e.code(),
        }
    }

    /// What the operator is told (see `TransactionError::operator_text`).
    pub fn operator_text(&self) -> String {
        match &self.kind {
            MessageErrorKind::Transaction(e) => e.operator_text(),
            other => other.to_string(),
        }
    }

    /// The rule a refusal cites, if the message broke one.
    pub fn rule(&self) -> Option<RuleId> {
        match &self.kind {
            MessageErrorKind::Transaction(e) => e.rule(),
            _ => None,
        }
    }
}

/// Parses message text received on the day `ctx` gives.
pub fn parse_message(text: &str, ctx: &ParseContext) -> Result<Message, MessageError> {
    let raw = parse_raw(text).map_err(|e| MessageError {
        key: None,
        ori: None,
        kind: e.into(),
    })?;
    parse_raw_message(&raw, ctx)
}

/// Interprets a raw message (from text, or built from JSON).
pub fn parse_raw_message(raw: &RawMessage, ctx: &ParseContext) -> Result<Message, MessageError> {
    let fail = |key: Option<&str>, kind: MessageErrorKind| MessageError {
        key: key.map(str::to_owned),
        ori: raw.oris.first().cloned(),
        kind,
    };
    let key = lookup_key(&raw.key)
        .ok_or_else(|| fail(None, MessageErrorKind::UnknownKey(raw.key.clone())))?;
    let k = Some(key.key);
    let mut oris = Vec::with_capacity(raw.oris.len());
    for text in &raw.oris {
        oris.push(Ori::parse(text).map_err(|e| fail(k, MessageErrorKind::Header(e)))?);
    }
    let mut oris = oris.into_iter();
    let ori = oris.next().ok_or_else(|| {
        fail(
            k,
            GrammarError::MissingOri {
                key: key.key.to_owned(),
            }
            .into(),
        )
    })?;
    let allowed = allowed_fields(&key);
    let mut fields = FieldSet::new();
    for field in &raw.fields {
        let code = FieldCode::from_tag(&field.tag)
            .ok_or_else(|| fail(k, MessageErrorKind::UnknownField(field.tag.clone())))?;
        if !allowed.contains(&code) {
            let error = TransactionError::NotAllowed {
                tag: code.tag(),
                key: key.key,
            };
            return Err(fail(k, error.into()));
        }
        let value = code
            .parse_value(&field.value, ctx)
            .map_err(|e| fail(k, TransactionError::Field(e).into()))?;
        if !fields.insert(code, value) {
            let error = TransactionError::Repeated {
                tag: code.tag(),
                max: code.max_occurrences(),
            };
            return Err(fail(k, error.into()));
        }
    }
    let transaction = Transaction::build(key, fields).map_err(|e| fail(k, e.into()))?;
    Ok(Message {
        key,
        ori,
        destinations: oris.collect(),
        transaction,
    })
}
