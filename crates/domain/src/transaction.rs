//! The six transactions, built from a message key and its fields. Construction is validation:
//! a [`Transaction`] only exists if its fields are allowed, complete and consistent with the
//! rules the domain can check alone (H2 supporting document, D1 purpose and case number).

use crate::error::FieldError;
use crate::fields::{
    CaseNumber, Code, FieldCode, FieldDate, FreeText, Lrn, Nic, Oca, PersonName, Race, Sex, Value,
};
use crate::fieldset::FieldSet;
use crate::files::{Action, EntryKey, FileKind, FileSpec, MessageKey};
use crate::rules::RuleId;

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
    /// A rule of PRODUCT.md refuses the transaction.
    #[error("{rule}: {detail}")]
    Rule { rule: RuleId, detail: &'static str },
}

impl TransactionError {
    /// The stable error code (docs/ERROR-CODES.md).
    pub fn code(&self) -> &'static str {
        match self {
            TransactionError::Field(_) => "field_edit",
            TransactionError::NotAllowed { .. } => "field_not_allowed",
            TransactionError::Missing { .. } => "field_missing",
            TransactionError::Repeated { .. } => "field_repeated",
            TransactionError::NoRecordReference { .. } => "record_reference_missing",
            TransactionError::NoCriteria { .. } => "criteria_missing",
            TransactionError::NothingToModify => "nothing_to_modify",
            TransactionError::Rule { .. } => "rule_refused",
        }
    }

    /// What the operator is told: for a rule refusal the rule's detail alone (the rule and its
    /// citation travel separately as a reason), otherwise the whole error.
    pub fn operator_text(&self) -> String {
        match self {
            TransactionError::Rule { detail, .. } => (*detail).to_owned(),
            other => other.to_string(),
        }
    }

    /// The rule cited, for rule refusals.
    pub fn rule(&self) -> Option<RuleId> {
        match self {
            TransactionError::Rule { rule, .. } => Some(*rule),
            _ => None,
        }
    }
}

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
    changes: FieldSet,
}

/// A cancel (X…) or clear (C…): the record leaves the file, with the date and reason (H7).
#[derive(Debug, Clone)]
pub struct Removal {
    key: MessageKey,
    target: RecordRef,
    date: FieldDate,
    reason: FreeText,
}

/// Another agency reports it found the person or property (L… keys).
#[derive(Debug, Clone)]
pub struct Locate {
    key: MessageKey,
    target: RecordRef,
    date: FieldDate,
    case: CaseNumber,
    remarks: Option<FreeText>,
}

/// What an inquiry searches by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Criterion {
    /// One record by NIC or LEADS number.
    Record(RecordRef),
    /// A phonetic name search.
    Person(PersonCriteria),
    /// An identifier (SOC, OLN, FBI, MNU, VIN, LIC or SER); `state` narrows a plate by LIS.
    Identifier {
        code: FieldCode,
        value: String,
        state: Option<String>,
    },
}

/// NAM/SEX/DOB search, optionally narrowed by race and widened to DOB ± 1 year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonCriteria {
    pub name: PersonName,
    pub sex: Sex,
    pub dob: FieldDate,
    pub race: Option<Race>,
    pub expanded_dob: bool,
}

/// A query (Q… keys).
#[derive(Debug, Clone)]
pub struct Inquiry {
    key: MessageKey,
    criteria: Vec<Criterion>,
    purpose: Code,
    case: CaseNumber,
    fields: FieldSet,
}

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
        Action::Cancel => [RECORD_REFERENCE, &[FieldCode::Doc, FieldCode::Rps]].concat(),
        Action::Clear => [RECORD_REFERENCE, &[FieldCode::Dcl, FieldCode::Rps]].concat(),
        // A locating agency names the record by number: the OCA belongs to the owner.
        Action::Locate => vec![
            FieldCode::Nic,
            FieldCode::Lrn,
            FieldCode::Dol,
            FieldCode::Lca,
            FieldCode::Mis,
        ],
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
            Transaction::Enter(t) => &t.key,
            Transaction::Modify(t) => &t.key,
            Transaction::Cancel(t) | Transaction::Clear(t) => &t.key,
            Transaction::Locate(t) => &t.key,
            Transaction::Query(t) => &t.key,
        }
    }
}

fn require(
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
            rule: RuleId::H2,
            detail: "A TELEPHONE REPORT ALONE CANNOT SUPPORT AN ENTRY - NAME A WARRANT, COMPLAINT OR INVESTIGATIVE DOCUMENT (SDC)",
        });
    }
    if entry.needs_warrant && !documents.contains(&"WAR") {
        return Err(TransactionError::Rule {
            rule: RuleId::H2,
            detail: "THIS RECORD TYPE MUST BE SUPPORTED BY AN ACTIVE WARRANT (SDC/WAR)",
        });
    }
    Ok(())
}

impl Entry {
    fn build(
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

/// Takes the record reference out of `fields`: NIC, else LRN, else OCA (with NAM in person files).
fn take_reference(key: &MessageKey, fields: &mut FieldSet) -> Result<RecordRef, TransactionError> {
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

impl Modification {
    fn build(key: MessageKey, mut fields: FieldSet) -> Result<Modification, TransactionError> {
        let target = take_reference(&key, &mut fields)?;
        if fields.is_empty() {
            return Err(TransactionError::NothingToModify);
        }
        Ok(Modification {
            key,
            target,
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

    /// The new values.
    pub fn changes(&self) -> &FieldSet {
        &self.changes
    }
}

fn date_of(
    fields: &FieldSet,
    code: FieldCode,
    key: &'static str,
) -> Result<FieldDate, TransactionError> {
    fields.date(code).ok_or(TransactionError::Missing {
        tag: code.tag(),
        key,
    })
}

fn text_of(fields: &FieldSet, code: FieldCode) -> Option<FreeText> {
    match fields.get(code) {
        Some(Value::Text(text)) => Some(text.clone()),
        _ => None,
    }
}

impl Removal {
    fn build(
        key: MessageKey,
        mut fields: FieldSet,
        date_code: FieldCode,
    ) -> Result<Removal, TransactionError> {
        let target = take_reference(&key, &mut fields)?;
        let date = date_of(&fields, date_code, key.key)?;
        let reason = text_of(&fields, FieldCode::Rps).ok_or(TransactionError::Missing {
            tag: FieldCode::Rps.tag(),
            key: key.key,
        })?;
        Ok(Removal {
            key,
            target,
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
    fn build(key: MessageKey, mut fields: FieldSet) -> Result<Locate, TransactionError> {
        let target = take_reference(&key, &mut fields)?;
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

impl Inquiry {
    fn build(key: MessageKey, fields: FieldSet) -> Result<Inquiry, TransactionError> {
        let purpose = match fields.get(FieldCode::Pur) {
            Some(Value::Code(code)) => Some(*code),
            _ => None,
        };
        let case = match fields.get(FieldCode::Cas) {
            Some(Value::Case(case)) => Some(case.clone()),
            _ => None,
        };
        let (Some(purpose), Some(case)) = (purpose, case) else {
            return Err(TransactionError::Rule {
                rule: RuleId::D1,
                detail: "EVERY INQUIRY MUST STATE ITS PURPOSE (PUR) AND CASE OR INCIDENT NUMBER (CAS)",
            });
        };
        let criteria = criteria_of(&key, &fields)?;
        Ok(Inquiry {
            key,
            criteria,
            purpose,
            case,
            fields,
        })
    }

    /// The message key.
    pub fn key(&self) -> &MessageKey {
        &self.key
    }

    /// The files searched.
    pub fn files(&self) -> &'static [FileKind] {
        self.key.query_files
    }

    /// What to search by; the hits are the union.
    pub fn criteria(&self) -> &[Criterion] {
        &self.criteria
    }

    /// The purpose code (D1).
    pub fn purpose(&self) -> Code {
        self.purpose
    }

    /// The case or incident number (D1).
    pub fn case(&self) -> &CaseNumber {
        &self.case
    }

    /// The inquiry's fields as sent (echoed in a no-hit reply and kept in the audit entry).
    pub fn fields(&self) -> &FieldSet {
        &self.fields
    }
}

const IDENTIFIERS: &[FieldCode] = &[
    FieldCode::Soc,
    FieldCode::Fbi,
    FieldCode::Mnu,
    FieldCode::Oln,
    FieldCode::Vin,
    FieldCode::Lic,
    FieldCode::Ser,
];

fn criteria_of(key: &MessageKey, fields: &FieldSet) -> Result<Vec<Criterion>, TransactionError> {
    if let Some(Value::Nic(nic)) = fields.get(FieldCode::Nic) {
        return Ok(vec![Criterion::Record(RecordRef::Nic(nic.clone()))]);
    }
    if let Some(Value::Lrn(lrn)) = fields.get(FieldCode::Lrn) {
        return Ok(vec![Criterion::Record(RecordRef::Lrn(lrn.clone()))]);
    }
    let state = fields.text(FieldCode::Lis);
    let identifiers: Vec<Criterion> = IDENTIFIERS
        .iter()
        .filter_map(|code| {
            fields.get(*code).map(|value| Criterion::Identifier {
                code: *code,
                value: value.to_string(),
                state: if *code == FieldCode::Lic {
                    state.clone()
                } else {
                    None
                },
            })
        })
        .collect();
    // NCIC: a name with SOC, FBI, MNU (or OLN) searches the identifier only.
    if !identifiers.is_empty() {
        return Ok(identifiers);
    }
    let person = key.query_files.iter().any(|f| f.spec().person);
    let Some(name) = fields.name().cloned() else {
        return Err(TransactionError::NoCriteria {
            key: key.key,
            needs: if person {
                "NAM/SEX/DOB OR AN IDENTIFIER"
            } else {
                "AN IDENTIFIER"
            },
        });
    };
    let sex = fields.sex().ok_or(TransactionError::Missing {
        tag: "SEX",
        key: key.key,
    })?;
    let dob = fields
        .date(FieldCode::Dob)
        .ok_or(TransactionError::Missing {
            tag: "DOB",
            key: key.key,
        })?;
    let expanded_dob =
        matches!(fields.get(FieldCode::Exd), Some(Value::Code(c)) if c.code() == "Y");
    Ok(vec![Criterion::Person(PersonCriteria {
        name,
        sex,
        dob,
        race: fields.race(),
        expanded_dob,
    })])
}
