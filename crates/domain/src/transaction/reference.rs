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

/// Takes the record reference out of `fields`, with the second identifier NCIC requires
/// beside a number: NIC or LRN with NAM or OCA in a person file (a locating agency gives the
/// name), with OCA or the file's own identifier (VIN, LIC, SER) in a property file; or OCA with
/// NAM in a person file, OCA with the file's identifier in a property file. The second identifiers come back in the returned set: each must match
/// the record the number names.
pub(super) fn take_reference(
    key: &MessageKey,
    fields: &mut FieldSet,
) -> Result<(RecordRef, FieldSet), TransactionError> {
    let person = key.file.person;
    let second: Vec<FieldCode> = if person {
        vec![FieldCode::Nam, FieldCode::Oca]
    } else {
        let mut codes = vec![FieldCode::Oca];
        if key.action == Action::Locate {
            codes.extend(key.file.identifiers.iter().copied());
        }
        codes
    };
    let needs = match (key.action, person) {
        (Action::Locate, true) => "NIC OR LRN WITH NAM",
        (Action::Locate, false) => "NIC OR LRN WITH OCA, VIN, LIC OR SER",
        (_, true) => "NIC OR LRN WITH NAM OR OCA, OR OCA AND NAM",
        (_, false) => "NIC OR LRN WITH OCA, OR OCA WITH VIN, LIC OR SER",
    };
    let missing = TransactionError::NoRecordReference {
        key: key.key,
        needs,
    };
    let number = match (
        fields.get(FieldCode::Nic).cloned(),
        fields.get(FieldCode::Lrn).cloned(),
    ) {
        (Some(Value::Nic(nic)), _) => Some(RecordRef::Nic(nic)),
        (_, Some(Value::Lrn(lrn))) => Some(RecordRef::Lrn(lrn)),
        _ => None,
    };
    if let Some(reference) = number {
        let mut confirm = FieldSet::new();
        for code in &second {
            // In a modification the second identifiers stay among the fields: one the record
            // does not carry is a change (see `Modification::changes_to`).
            let values = if key.action == Action::Modify {
                fields.all(*code).to_vec()
            } else {
                fields.remove(*code).unwrap_or_default()
            };
            for value in values {
                confirm.insert(*code, value);
            }
        }
        if confirm.is_empty() {
            return Err(missing);
        }
        fields.remove(FieldCode::Nic);
        fields.remove(FieldCode::Lrn);
        return Ok((reference, confirm));
    }
    if key.action == Action::Locate {
        return Err(missing);
    }
    let oca = match fields.get(FieldCode::Oca) {
        Some(Value::Oca(oca)) => oca.clone(),
        _ => return Err(missing),
    };
    if person {
        let name = match fields.get(FieldCode::Nam) {
            Some(Value::Name(name)) => name.clone(),
            _ => return Err(missing),
        };
        fields.remove(FieldCode::Oca);
        fields.remove(FieldCode::Nam);
        return Ok((
            RecordRef::Oca {
                oca,
                name: Some(name),
            },
            FieldSet::new(),
        ));
    }
    // A property record named by its case number, with the file's own identifier beside it.
    let Some(code) = key
        .file
        .identifiers
        .iter()
        .copied()
        .find(|code| fields.get(*code).is_some())
    else {
        return Err(missing);
    };
    let mut confirm = FieldSet::new();
    for value in fields.remove(code).unwrap_or_default() {
        confirm.insert(code, value);
    }
    fields.remove(FieldCode::Oca);
    Ok((RecordRef::Oca { oca, name: None }, confirm))
}
