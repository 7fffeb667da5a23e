//! How a message names the record it acts on.

use crate::fields::{FieldCode, Lrn, Nic, Oca, PersonName, Value};
use crate::fieldset::FieldSet;
use crate::files::{Action, MessageKey};

use super::error::TransactionError;

/// How a record transaction names its record: NIC, LEADS number, or the entering agency's case
/// number (with the name, for person files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordRef {
    Nic(Nic),
    Lrn(Lrn),
    Oca { oca: Oca, name: Option<PersonName> },
}

impl std::fmt::Display for RecordRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordRef::Nic(nic) => write!(f, "NIC/{nic}"),
            RecordRef::Lrn(lrn) => write!(f, "LRN/{lrn}"),
            RecordRef::Oca {
                oca,
                name: Some(name),
            } => write!(f, "OCA/{oca}.NAM/{name}"),
            RecordRef::Oca { oca, name: None } => write!(f, "OCA/{oca}"),
        }
    }
}

/// Takes the record reference out of `fields`: NIC, else LRN, else OCA (with NAM in person files).
pub(super) fn take_reference(
    key: &MessageKey,
    fields: &mut FieldSet,
) -> Result<RecordRef, TransactionError> {
    let needs = match (key.action, key.file.person) {
        (Action::Locate, _) => "NIC OR LRN",
        (_, true) => "NIC, LRN OR OCA AND NAM",
        (_, false) => "NIC, LRN OR OCA",
    };
    let missing = TransactionError::NoRecordReference {
        key: key.key,
        needs,
    };
    if let Some(Value::Nic(nic)) = fields.get(FieldCode::Nic).cloned() {
        fields.remove(FieldCode::Nic);
        fields.remove(FieldCode::Lrn);
        return Ok(RecordRef::Nic(nic));
    }
    if let Some(Value::Lrn(lrn)) = fields
        .remove(FieldCode::Lrn)
        .and_then(|v| v.into_iter().next())
    {
        return Ok(RecordRef::Lrn(lrn));
    }
    let oca = match fields.get(FieldCode::Oca) {
        Some(Value::Oca(oca)) => oca.clone(),
        _ => return Err(missing),
    };
    let name = match fields.get(FieldCode::Nam) {
        Some(Value::Name(name)) => Some(name.clone()),
        _ if key.file.person => return Err(missing),
        _ => None,
    };
    fields.remove(FieldCode::Oca);
    fields.remove(FieldCode::Nam);
    Ok(RecordRef::Oca { oca, name })
}
