//! The transactions on one record: entry, modification, cancel or clear, locate.

use crate::fields::{CaseNumber, FieldCode, FieldDate, FreeText, Value};
use crate::fieldset::FieldSet;
use crate::files::{EntryKey, FileKind, MessageKey};

use super::checks::{date_of, text_of, validate_record_fields};
use super::error::TransactionError;
use super::reference::RecordRef;
use super::reference::take_reference;

/// A new record (E… keys).
#[derive(Debug, Clone)]
pub struct Entry {
    key: MessageKey,
    entry: &'static EntryKey,
    fields: FieldSet,
}

/// Changes to a record (M… keys).
#[derive(Debug, Clone)]
pub struct Modification {
    key: MessageKey,
    target: RecordRef,
    identified_by: FieldSet,
    changes: FieldSet,
}

/// A cancel (X…) or clear (C…): the record leaves the file, with the date and reason (H7).
#[derive(Debug, Clone)]
pub struct Removal {
    key: MessageKey,
    target: RecordRef,
    identified_by: FieldSet,
    date: FieldDate,
    reason: FreeText,
}

/// Another agency reports it found the person or property (L… keys).
#[derive(Debug, Clone)]
pub struct Locate {
    key: MessageKey,
    target: RecordRef,
    identified_by: FieldSet,
    date: FieldDate,
    case: CaseNumber,
    remarks: Option<FreeText>,
}

impl Entry {
    pub(super) fn build(
        key: MessageKey,
        entry: &'static EntryKey,
        fields: FieldSet,
    ) -> Result<Entry, TransactionError> {
        validate_record_fields(key.file, entry, &fields)?;
        Ok(Entry { key, entry, fields })
    }

    /// The message key.
    pub fn key(&self) -> &MessageKey {
        &self.key
    }

    /// The record type.
    pub fn entry_key(&self) -> &'static EntryKey {
        self.entry
    }

    /// The file.
    pub fn file(&self) -> FileKind {
        self.key.file.kind
    }

    /// The record's fields.
    pub fn fields(&self) -> &FieldSet {
        &self.fields
    }
}

impl Modification {
    pub(super) fn build(
        key: MessageKey,
        mut fields: FieldSet,
    ) -> Result<Modification, TransactionError> {
        let (target, identified_by) = take_reference(&key, &mut fields)?;
        // Second identifiers left among the fields confirm the record or change it: with only
        // one of them, something else must change.
        let others = fields
            .codes()
            .filter(|code| !identified_by.contains(*code))
            .count();
        let kept = fields
            .codes()
            .filter(|code| identified_by.contains(*code))
            .count();
        if others == 0 && kept < 2 {
            return Err(TransactionError::NothingToModify);
        }
        Ok(Modification {
            key,
            target,
            identified_by,
            changes: fields,
        })
    }

    /// The message key.
    pub fn key(&self) -> &MessageKey {
        &self.key
    }

    /// The record to change.
    pub fn target(&self) -> &RecordRef {
        &self.target
    }

    /// The second identifiers given beside the number (NAM or OCA), still among the fields
    /// ([`crate::Record::changes_from`] sorts identifiers from changes).
    pub fn identified_by(&self) -> &FieldSet {
        &self.identified_by
    }

    /// The fields as sent, second identifiers included.
    pub fn changes(&self) -> &FieldSet {
        &self.changes
    }
}

impl Removal {
    pub(super) fn build(
        key: MessageKey,
        mut fields: FieldSet,
        date_code: FieldCode,
    ) -> Result<Removal, TransactionError> {
        let (target, identified_by) = take_reference(&key, &mut fields)?;
        let date = date_of(&fields, date_code, key.key)?;
        let reason = text_of(&fields, FieldCode::Rps).ok_or(TransactionError::Missing {
            tag: FieldCode::Rps.tag(),
            key: key.key,
        })?;
        Ok(Removal {
            key,
            target,
            identified_by,
            date,
            reason,
        })
    }

    /// The message key.
    pub fn key(&self) -> &MessageKey {
        &self.key
    }

    /// The record to remove.
    pub fn target(&self) -> &RecordRef {
        &self.target
    }

    /// The second identifiers given beside the number; each must match the record.
    pub fn identified_by(&self) -> &FieldSet {
        &self.identified_by
    }

    /// Date of cancel or clear.
    pub fn date(&self) -> FieldDate {
        self.date
    }

    /// Why the record leaves the file.
    pub fn reason(&self) -> &FreeText {
        &self.reason
    }
}

impl Locate {
    pub(super) fn build(key: MessageKey, mut fields: FieldSet) -> Result<Locate, TransactionError> {
        let (target, identified_by) = take_reference(&key, &mut fields)?;
        let date = date_of(&fields, FieldCode::Dol, key.key)?;
        let case = match fields.get(FieldCode::Lca) {
            Some(Value::Case(case)) => case.clone(),
            _ => {
                return Err(TransactionError::Missing {
                    tag: FieldCode::Lca.tag(),
                    key: key.key,
                });
            }
        };
        let remarks = text_of(&fields, FieldCode::Mis);
        Ok(Locate {
            key,
            target,
            identified_by,
            date,
            case,
            remarks,
        })
    }

    /// The message key.
    pub fn key(&self) -> &MessageKey {
        &self.key
    }

    /// The record located.
    pub fn target(&self) -> &RecordRef {
        &self.target
    }

    /// The second identifiers given beside the number; each must match the record.
    pub fn identified_by(&self) -> &FieldSet {
        &self.identified_by
    }

    /// Date of locate.
    pub fn date(&self) -> FieldDate {
        self.date
    }

    /// The locating agency's case number.
    pub fn case(&self) -> &CaseNumber {
        &self.case
    }

    /// Remarks.
    pub fn remarks(&self) -> Option<&FreeText> {
        self.remarks.as_ref()
    }
}
