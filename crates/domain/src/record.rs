//! Records held in the hot files, and what may happen to them.

use crate::clock::Timestamp;
use crate::error::{Edit, FieldError};
use crate::fields::{CaseNumber, FieldCode, FieldDate, FreeText, Lrn, Nic, Ori};
use crate::fieldset::FieldSet;
use crate::files::{EntryKey, FileKind, lookup_key};
use crate::rules::RuleId;
use crate::transaction::{Modification, TransactionError, validate_record_fields};

/// Where a record stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordStatus {
    /// In the file.
    Active,
    /// In the file, and another agency has reported finding the person or property.
    Located(LocateInfo),
    /// Removed because its legal intent was satisfied (H7).
    Cleared(RemovalInfo),
    /// Removed because it is no longer valid (H7).
    Cancelled(RemovalInfo),
    /// Removed by the system: its retention period ran out (H7) or it was not validated (H8).
    Retired(RemovalInfo),
}

impl RecordStatus {
    /// The stable name used in storage and JSON.
    pub fn name(&self) -> &'static str {
        match self {
            RecordStatus::Active => "active",
            RecordStatus::Located(_) => "located",
            RecordStatus::Cleared(_) => "cleared",
            RecordStatus::Cancelled(_) => "cancelled",
            RecordStatus::Retired(_) => "retired",
        }
    }

    /// True while the record is in the file (active or located).
    pub fn is_in_file(&self) -> bool {
        matches!(self, RecordStatus::Active | RecordStatus::Located(_))
    }
}

/// A locate: who found it, when, under which of their case numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocateInfo {
    pub ori: Ori,
    pub date: FieldDate,
    pub case: CaseNumber,
    pub at: Timestamp,
}

/// A cancel or clear: the date given, the reason, and when it was processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovalInfo {
    pub date: FieldDate,
    pub reason: FreeText,
    pub at: Timestamp,
}

/// A hot-file record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    lrn: Lrn,
    nic: Option<Nic>,
    file: FileKind,
    entry: &'static EntryKey,
    ori: Ori,
    fields: FieldSet,
    status: RecordStatus,
    entered_at: Timestamp,
    updated_at: Timestamp,
}

/// The parts a stored record is rebuilt from.
#[derive(Debug, Clone)]
pub struct StoredParts {
    pub lrn: Lrn,
    pub nic: Option<Nic>,
    pub entry_key: String,
    pub ori: Ori,
    pub fields: FieldSet,
    pub status: RecordStatus,
    pub entered_at: Timestamp,
    pub updated_at: Timestamp,
}

impl Record {
    /// A new active record for a validated entry.
    pub fn new(
        entry: &crate::transaction::Entry,
        ori: Ori,
        lrn: Lrn,
        nic: Option<Nic>,
        at: Timestamp,
    ) -> Record {
        Record {
            lrn,
            nic,
            file: entry.file(),
            entry: entry.entry_key(),
            ori,
            fields: entry.fields().clone(),
            status: RecordStatus::Active,
            entered_at: at,
            updated_at: at,
        }
    }

    /// Rebuilds a stored record; fails if its entry key is unknown (the storage was altered).
    pub fn from_stored(parts: StoredParts) -> Result<Record, FieldError> {
        let key = lookup_key(&parts.entry_key)
            .filter(|k| k.entry.is_some())
            .ok_or_else(|| FieldError::new("MKE", &parts.entry_key, Edit::InvalidCode))?;
        let entry = key
            .entry
            .ok_or_else(|| FieldError::new("MKE", &parts.entry_key, Edit::InvalidCode))?;
        Ok(Record {
            lrn: parts.lrn,
            nic: parts.nic,
            file: key.file.kind,
            entry,
            ori: parts.ori,
            fields: parts.fields,
            status: parts.status,
            entered_at: parts.entered_at,
            updated_at: parts.updated_at,
        })
    }

    pub fn lrn(&self) -> &Lrn {
        &self.lrn
    }

    /// Whether the record carries `value` in field `code`, as an identifier given beside its
    /// number must: equal, or for a name the same surname and first name (operators leave out
    /// the middle name). The record's OCA, NIC and LEADS number count too.
    pub fn carries(&self, code: FieldCode, value: &crate::fields::Value) -> bool {
        use crate::fields::Value;
        if let (FieldCode::Nic, Value::Nic(nic)) = (code, value) {
            return self.nic.as_ref() == Some(nic);
        }
        self.fields
            .all(code)
            .iter()
            .any(|on_file| match (on_file, value) {
                (Value::Name(a), Value::Name(b)) => {
                    a.surname() == b.surname() && a.first() == b.first()
                }
                _ => on_file == value,
            })
    }

    /// Checks the second identifiers given beside the record's number are the record's (NCIC).
    pub fn confirm(&self, given: &crate::fieldset::FieldSet) -> Result<(), TransactionError> {
        match given
            .iter()
            .find(|(code, value)| !self.carries(*code, value))
        {
            None => Ok(()),
            Some((code, value)) => Err(TransactionError::NotThisRecord {
                given: format!("{code}/{value}"),
                record: self.lrn.to_string(),
            }),
        }
    }

    /// What a modification changes in this record. The second identifiers the record carries
    /// confirm it is the record meant, and at least one must; one it does not carry is a
    /// change (NIC with OCA and a new NAM corrects the name).
    pub fn changes_from(&self, modification: &Modification) -> Result<FieldSet, TransactionError> {
        let given = modification.identified_by();
        let mut changes = modification.changes().clone();
        if given.is_empty() {
            return Ok(changes);
        }
        let confirming: Vec<FieldCode> = given
            .iter()
            .filter(|(code, value)| self.carries(*code, value))
            .map(|(code, _)| code)
            .collect();
        if confirming.is_empty() {
            return self.confirm(given).map(|()| changes);
        }
        for code in confirming {
            changes.remove(code);
        }
        if changes.is_empty() {
            return Err(TransactionError::NothingToModify);
        }
        Ok(changes)
    }

    pub fn nic(&self) -> Option<&Nic> {
        self.nic.as_ref()
    }

    pub fn file(&self) -> FileKind {
        self.file
    }

    /// The record type (entry key).
    pub fn entry_key(&self) -> &'static EntryKey {
        self.entry
    }

    /// The owning agency (the ORI that entered it).
    pub fn ori(&self) -> &Ori {
        &self.ori
    }

    pub fn fields(&self) -> &FieldSet {
        &self.fields
    }

    pub fn status(&self) -> &RecordStatus {
        &self.status
    }

    pub fn entered_at(&self) -> Timestamp {
        self.entered_at
    }

    pub fn updated_at(&self) -> Timestamp {
        self.updated_at
    }

    fn ensure_in_file(&self) -> Result<(), TransactionError> {
        if self.status.is_in_file() {
            Ok(())
        } else {
            Err(TransactionError::Rule {
                rule: RuleId::H7.at("20 Ill. Adm. Code 1240.70(b)"),
                detail: "RECORD IS NO LONGER IN THE FILE (CLEARED OR CANCELLED)",
            })
        }
    }

    /// The record with `changes` applied, checked again as a whole (mandatory fields, H2).
    pub fn modified(&self, changes: &FieldSet, at: Timestamp) -> Result<Record, TransactionError> {
        self.ensure_in_file()?;
        let mut fields = self.fields.clone();
        fields.overwrite_from(changes);
        validate_record_fields(self.file.spec(), self.entry, &fields)?;
        Ok(Record {
            fields,
            updated_at: at,
            ..self.clone()
        })
    }

    fn check_removal_date(&self, code: FieldCode, date: FieldDate) -> Result<(), TransactionError> {
        if date.date() < self.entered_at.date() {
            return Err(FieldError::new(
                code.tag(),
                &date.to_string(),
                Edit::Format("BEFORE DATE OF ENTRY"),
            )
            .into());
        }
        Ok(())
    }

    /// The record cancelled (no longer valid).
    pub fn cancelled(
        &self,
        date: FieldDate,
        reason: FreeText,
        at: Timestamp,
    ) -> Result<Record, TransactionError> {
        self.ensure_in_file()?;
        self.check_removal_date(FieldCode::Doc, date)?;
        let status = RecordStatus::Cancelled(RemovalInfo { date, reason, at });
        Ok(Record {
            status,
            updated_at: at,
            ..self.clone()
        })
    }

    /// The record cleared (its legal intent satisfied).
    pub fn cleared(
        &self,
        date: FieldDate,
        reason: FreeText,
        at: Timestamp,
    ) -> Result<Record, TransactionError> {
        self.ensure_in_file()?;
        self.check_removal_date(FieldCode::Dcl, date)?;
        let status = RecordStatus::Cleared(RemovalInfo { date, reason, at });
        Ok(Record {
            status,
            updated_at: at,
            ..self.clone()
        })
    }

    /// The record retired by the system, stating `reason` (H7, H8).
    pub fn retired(&self, reason: FreeText, at: Timestamp) -> Result<Record, TransactionError> {
        self.ensure_in_file()?;
        let status = RecordStatus::Retired(RemovalInfo {
            date: FieldDate::from_date(at.date()),
            reason,
            at,
        });
        Ok(Record {
            status,
            updated_at: at,
            ..self.clone()
        })
    }

    /// The record located by agency `by`. The owner does not locate its own record: it clears it.
    pub fn located(
        &self,
        by: &Ori,
        date: FieldDate,
        case: CaseNumber,
        at: Timestamp,
    ) -> Result<Record, TransactionError> {
        self.ensure_in_file()?;
        if matches!(self.status, RecordStatus::Located(_)) {
            return Err(TransactionError::Rule {
                rule: RuleId::H7.at("20 Ill. Adm. Code 1240.60(a)(7)"),
                detail: "RECORD ALREADY LOCATED - OWNER MUST CLEAR OR CANCEL IT",
            });
        }
        if by == &self.ori {
            return Err(TransactionError::Rule {
                rule: RuleId::H7.at("20 Ill. Adm. Code 1240.60(a)(7)"),
                detail: "THE ENTERING AGENCY CLEARS ITS OWN RECORD INSTEAD OF LOCATING IT",
            });
        }
        self.check_removal_date(FieldCode::Dol, date)?;
        let status = RecordStatus::Located(LocateInfo {
            ori: by.clone(),
            date,
            case,
            at,
        });
        Ok(Record {
            status,
            updated_at: at,
            ..self.clone()
        })
    }
}
