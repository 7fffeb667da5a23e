//! The six transactions, built from a message key and its fields. Construction is validation:
//! a [`Transaction`] only exists if its fields are allowed, complete and consistent with the
//! rules the domain can check alone (H2 supporting document, D1 purpose and case number).

mod checks;
mod error;
mod inquiry;
mod records;
mod reference;

pub use checks::validate_record_fields;
pub use error::TransactionError;
pub use inquiry::{Criterion, Inquiry, PersonCriteria};
pub use records::{Entry, Locate, Modification, Removal};
pub use reference::RecordRef;

use crate::fields::FieldCode;
use crate::fieldset::FieldSet;
use crate::files::{Action, FileSpec, MessageKey};

/// A parsed, validated transaction.
#[derive(Debug, Clone)]
pub enum Transaction {
    Enter(Entry),
    Modify(Modification),
    Cancel(Removal),
    Clear(Removal),
    Locate(Locate),
    Query(Inquiry),
}

const RECORD_REFERENCE: &[FieldCode] = &[
    FieldCode::Nic,
    FieldCode::Lrn,
    FieldCode::Oca,
    FieldCode::Nam,
];

/// The identifiers a property record is named by beside its number or case number (none for a
/// person, who is named by NAM).
fn property_identifiers(file: &'static FileSpec) -> &'static [FieldCode] {
    if file.person { &[] } else { file.identifiers }
}

/// The fields a message key accepts.
pub fn allowed_fields(key: &MessageKey) -> Vec<FieldCode> {
    let file = key.file;
    let mut allowed: Vec<FieldCode> = match key.action {
        Action::Enter => {
            let extra = key.entry.map(|e| e.extra_mandatory).unwrap_or_default();
            file.entry_fields().chain(extra.iter().copied()).collect()
        }
        Action::Modify => {
            let mut fields = vec![FieldCode::Nic, FieldCode::Lrn];
            fields.extend(file.entry_fields());
            fields
        }
        Action::Cancel => [
            RECORD_REFERENCE,
            property_identifiers(file),
            &[FieldCode::Doc, FieldCode::Rps],
        ]
        .concat(),
        Action::Clear => [
            RECORD_REFERENCE,
            property_identifiers(file),
            &[FieldCode::Dcl, FieldCode::Rps],
        ]
        .concat(),
        // A locating agency names the record by number and a second identifier.
        Action::Locate => {
            let mut fields = vec![
                FieldCode::Nic,
                FieldCode::Lrn,
                FieldCode::Nam,
                FieldCode::Oca,
                FieldCode::Dol,
                FieldCode::Lca,
                FieldCode::Mis,
            ];
            fields.extend(property_identifiers(file));
            fields
        }
        Action::Query => {
            let mut fields = vec![
                FieldCode::Nic,
                FieldCode::Lrn,
                FieldCode::Pur,
                FieldCode::Cas,
            ];
            for spec in key.query_files.iter().map(|f| f.spec()) {
                fields.extend(spec.identifiers);
                if spec.identifiers.contains(&FieldCode::Lic) {
                    fields.push(FieldCode::Lis);
                }
                // NCIC: a gun is asked for by serial number and make.
                if spec.mandatory.contains(&FieldCode::Mak) {
                    fields.push(FieldCode::Mak);
                }
                if spec.person {
                    fields.extend([
                        FieldCode::Nam,
                        FieldCode::Sex,
                        FieldCode::Rac,
                        FieldCode::Dob,
                        FieldCode::Exd,
                    ]);
                }
            }
            fields
        }
    };
    allowed.sort();
    allowed.dedup();
    allowed
}

impl Transaction {
    /// Builds a transaction; `fields` must only hold fields the key accepts.
    pub fn build(key: MessageKey, fields: FieldSet) -> Result<Transaction, TransactionError> {
        let allowed = allowed_fields(&key);
        if let Some(code) = fields.codes().find(|c| !allowed.contains(c)) {
            return Err(TransactionError::NotAllowed {
                tag: code.tag(),
                key: key.key,
            });
        }
        match key.action {
            Action::Enter => match key.entry {
                Some(entry) => Entry::build(key, entry, fields).map(Transaction::Enter),
                None => Err(TransactionError::Missing {
                    tag: "MKE",
                    key: key.key,
                }),
            },
            Action::Modify => Modification::build(key, fields).map(Transaction::Modify),
            Action::Cancel => Removal::build(key, fields, FieldCode::Doc).map(Transaction::Cancel),
            Action::Clear => Removal::build(key, fields, FieldCode::Dcl).map(Transaction::Clear),
            Action::Locate => Locate::build(key, fields).map(Transaction::Locate),
            Action::Query => Inquiry::build(key, fields).map(Transaction::Query),
        }
    }

    /// The message key.
    pub fn key(&self) -> &MessageKey {
        match self {
            Transaction::Enter(t) => t.key(),
            Transaction::Modify(t) => t.key(),
            Transaction::Cancel(t) | Transaction::Clear(t) => t.key(),
            Transaction::Locate(t) => t.key(),
            Transaction::Query(t) => t.key(),
        }
    }
}
