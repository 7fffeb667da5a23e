//! From a [`RawMessage`] to a validated domain [`Transaction`].

use leads_domain::admin_message::{AM_FIELDS, AM_KEY, AdministrativeMessage};
use leads_domain::codes::ReplyCode;
use leads_domain::confirmation::{ConfirmKey, ConfirmTransaction, lookup_confirm_key};
use leads_domain::fields::{FieldCode, Ori, ParseContext};
use leads_domain::files::MessageKey;
use leads_domain::image::{IMAGE_TAG, ImageKey, ImageTransaction, lookup_image_key};
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

/// An image message (EIM, MII, XIM, QIM) understood in full.
#[derive(Debug, Clone)]
pub struct ImageMessage {
    pub key: &'static ImageKey,
    /// The originating agency (first header ORI).
    pub ori: Ori,
    pub destinations: Vec<Ori>,
    pub transaction: ImageTransaction,
    /// The image sent with an EIM or MII, as received (normalized later).
    pub image: Option<Vec<u8>>,
}

/// A validated hit-confirmation message (YQ, YR).
#[derive(Debug, Clone)]
pub struct ConfirmMessage {
    pub key: &'static ConfirmKey,
    /// The agency sending it (first header ORI).
    pub ori: Ori,
    pub destinations: Vec<Ori>,
    pub transaction: ConfirmTransaction,
}

/// A validated administrative message (AM).
#[derive(Debug, Clone)]
pub struct AdministrativeMessageIn {
    /// The agency sending it (first header ORI).
    pub ori: Ori,
    pub message: AdministrativeMessage,
}

/// Any message.
#[derive(Debug, Clone)]
pub enum Parsed {
    /// A hot-file transaction.
    Record(Message),
    /// An image transaction.
    Image(ImageMessage),
    /// A hit confirmation request or response.
    Confirmation(ConfirmMessage),
    /// An administrative message to agencies.
    Administrative(AdministrativeMessageIn),
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
    pub fn code(&self) -> leads_domain::codes::ReplyCode {
        match &self.kind {
            MessageErrorKind::Grammar(e) => e.code(),
            MessageErrorKind::UnknownKey(_) => ReplyCode::MessageUnknownKey,
            MessageErrorKind::UnknownField(_) => ReplyCode::FieldUnknown,
            MessageErrorKind::Header(_) => ReplyCode::MessageBadHeader,
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

    /// The rule and paragraph a refusal cites, if the message broke one.
    pub fn cite(&self) -> Option<leads_domain::rules::Cite> {
        match &self.kind {
            MessageErrorKind::Transaction(e) => e.cite(),
            _ => None,
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

/// Parses hot-file message text received on the day `ctx` gives (image keys are refused as
/// unknown; [`parse_any`] takes both).
pub fn parse_message(text: &str, ctx: &ParseContext) -> Result<Message, MessageError> {
    let raw = parse_raw(text).map_err(|e| MessageError {
        key: None,
        ori: None,
        kind: e.into(),
    })?;
    parse_raw_message(&raw, ctx)
}

/// Parses any message text: hot-file or image transaction.
pub fn parse_any(text: &str, ctx: &ParseContext) -> Result<Parsed, MessageError> {
    let raw = parse_raw(text).map_err(|e| MessageError {
        key: None,
        ori: None,
        kind: e.into(),
    })?;
    parse_raw_any(&raw, ctx)
}

/// Interprets any raw message.
pub fn parse_raw_any(raw: &RawMessage, ctx: &ParseContext) -> Result<Parsed, MessageError> {
    if let Some(key) = lookup_confirm_key(&raw.key) {
        return parse_confirmation(raw, key, ctx).map(Parsed::Confirmation);
    }
    if raw.key == AM_KEY {
        return parse_administrative(raw, ctx).map(Parsed::Administrative);
    }
    match lookup_image_key(&raw.key) {
        Some(key) => parse_image(raw, key, ctx).map(Parsed::Image),
        None => parse_raw_message(raw, ctx).map(Parsed::Record),
    }
}

fn fail(raw: &RawMessage, key: Option<&str>, kind: MessageErrorKind) -> MessageError {
    MessageError {
        key: key.map(str::to_owned),
        ori: raw.oris.first().cloned(),
        kind,
    }
}

/// The header ORIs: the sender, then destinations.
fn header(raw: &RawMessage, key: &'static str) -> Result<(Ori, Vec<Ori>), MessageError> {
    let mut oris = Vec::with_capacity(raw.oris.len());
    for text in &raw.oris {
        oris.push(Ori::parse(text).map_err(|e| fail(raw, Some(key), MessageErrorKind::Header(e)))?);
    }
    let mut oris = oris.into_iter();
    let ori = oris.next().ok_or_else(|| {
        fail(
            raw,
            Some(key),
            GrammarError::MissingOri {
                key: key.to_owned(),
            }
            .into(),
        )
    })?;
    Ok((ori, oris.collect()))
}

/// The fields, each parsed and checked against the fields the key takes.
fn field_set(
    raw: &RawMessage,
    key: &'static str,
    allowed: &[FieldCode],
    ctx: &ParseContext,
) -> Result<FieldSet, MessageError> {
    let k = Some(key);
    let mut fields = FieldSet::new();
    for field in &raw.fields {
        let code = FieldCode::from_tag(&field.tag)
            .ok_or_else(|| fail(raw, k, MessageErrorKind::UnknownField(field.tag.clone())))?;
        if !allowed.contains(&code) {
            let error = TransactionError::NotAllowed {
                tag: code.tag(),
                key,
            };
            return Err(fail(raw, k, error.into()));
        }
        let value = code
            .parse_value(&field.value, ctx)
            .map_err(|e| fail(raw, k, TransactionError::Field(e).into()))?;
        if !fields.insert(code, value) {
            let error = TransactionError::Repeated {
                tag: code.tag(),
                max: code.max_occurrences(),
            };
            return Err(fail(raw, k, error.into()));
        }
    }
    Ok(fields)
}

fn parse_image(
    raw: &RawMessage,
    key: &'static ImageKey,
    ctx: &ParseContext,
) -> Result<ImageMessage, MessageError> {
    let (ori, destinations) = header(raw, key.key)?;
    let fields = field_set(raw, key.key, key.fields, ctx)?;
    let transaction = ImageTransaction::build(key, &fields, raw.attachment.is_some())
        .map_err(|e| fail(raw, Some(key.key), e.into()))?;
    Ok(ImageMessage {
        key,
        ori,
        destinations,
        transaction,
        image: raw.attachment.clone(),
    })
}

fn parse_confirmation(
    raw: &RawMessage,
    key: &'static ConfirmKey,
    ctx: &ParseContext,
) -> Result<ConfirmMessage, MessageError> {
    if raw.attachment.is_some() {
        let error = TransactionError::NotAllowed {
            tag: IMAGE_TAG,
            key: key.key,
        };
        return Err(fail(raw, Some(key.key), error.into()));
    }
    let (ori, destinations) = header(raw, key.key)?;
    let fields = field_set(raw, key.key, key.fields, ctx)?;
    let transaction =
        ConfirmTransaction::build(key, &fields).map_err(|e| fail(raw, Some(key.key), e.into()))?;
    Ok(ConfirmMessage {
        key,
        ori,
        destinations,
        transaction,
    })
}

fn parse_administrative(
    raw: &RawMessage,
    ctx: &ParseContext,
) -> Result<AdministrativeMessageIn, MessageError> {
    if raw.attachment.is_some() {
        let error = TransactionError::NotAllowed {
            tag: IMAGE_TAG,
            key: AM_KEY,
        };
        return Err(fail(raw, Some(AM_KEY), error.into()));
    }
    let (ori, destinations) = header(raw, AM_KEY)?;
    let fields = field_set(raw, AM_KEY, AM_FIELDS, ctx)?;
    let message = AdministrativeMessage::build(&destinations, &fields)
        .map_err(|e| fail(raw, Some(AM_KEY), e.into()))?;
    Ok(AdministrativeMessageIn { ori, message })
}

/// Interprets a raw hot-file message (from text, or built from JSON).
pub fn parse_raw_message(raw: &RawMessage, ctx: &ParseContext) -> Result<Message, MessageError> {
    let key = lookup_key(&raw.key)
        .ok_or_else(|| fail(raw, None, MessageErrorKind::UnknownKey(raw.key.clone())))?;
    let k = Some(key.key);
    if raw.attachment.is_some() {
        let error = TransactionError::NotAllowed {
            tag: IMAGE_TAG,
            key: key.key,
        };
        return Err(fail(raw, k, error.into()));
    }
    let (ori, destinations) = header(raw, key.key)?;
    let allowed = allowed_fields(&key);
    let fields = field_set(raw, key.key, &allowed, ctx)?;
    let transaction = Transaction::build(key, fields).map_err(|e| fail(raw, k, e.into()))?;
    Ok(Message {
        key,
        ori,
        destinations,
        transaction,
    })
}
