//! The checks every transaction shares: mandatory fields, the supporting document (H2), and
//! the dates and texts fields give.

use crate::fields::{FieldCode, FieldDate, FreeText, Value};
use crate::fieldset::FieldSet;
use crate::files::{EntryKey, FileSpec};
use crate::rules::RuleId;

use super::error::TransactionError;

pub(super) fn require(
    fields: &FieldSet,
    codes: &[FieldCode],
    key: &'static str,
) -> Result<(), TransactionError> {
    match codes.iter().find(|c| !fields.contains(**c)) {
        Some(code) => Err(TransactionError::Missing {
            tag: code.tag(),
            key,
        }),
        None => Ok(()),
    }
}

/// Checks a complete set of record fields for an entry key: mandatory fields and the supporting
/// document (H2). Used for new entries and again after every modification.
pub fn validate_record_fields(
    file: &FileSpec,
    entry: &EntryKey,
    fields: &FieldSet,
) -> Result<(), TransactionError> {
    require(fields, file.mandatory, entry.key)?;
    require(fields, crate::files::COMMON_ENTRY_MANDATORY, entry.key)?;
    require(fields, entry.extra_mandatory, entry.key)?;
    let documents: Vec<&str> = fields
        .all(FieldCode::Sdc)
        .iter()
        .filter_map(|v| match v {
            Value::Code(code) => Some(code.code()),
            _ => None,
        })
        .collect();
    if documents.iter().all(|d| *d == "TEL") {
        return Err(TransactionError::Rule {
            rule: RuleId::H2.into(),
            detail: "A TELEPHONE REPORT ALONE CANNOT SUPPORT AN ENTRY - NAME A WARRANT, COMPLAINT OR INVESTIGATIVE DOCUMENT (SDC)",
        });
    }
    if entry.needs_warrant && !documents.contains(&"WAR") {
        return Err(TransactionError::Rule {
            rule: RuleId::H2.into(),
            detail: "THIS RECORD TYPE MUST BE SUPPORTED BY AN ACTIVE WARRANT (SDC/WAR)",
        });
    }
    Ok(())
}

pub(super) fn date_of(
    fields: &FieldSet,
    code: FieldCode,
    key: &'static str,
) -> Result<FieldDate, TransactionError> {
    fields.date(code).ok_or(TransactionError::Missing {
        tag: code.tag(),
        key,
    })
}

pub(super) fn text_of(fields: &FieldSet, code: FieldCode) -> Option<FreeText> {
    match fields.get(code) {
        Some(Value::Text(text)) => Some(text.clone()),
        _ => None,
    }
}
