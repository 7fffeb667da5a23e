//! Inquiries: what they search by, and their purpose and case (D1).

use crate::fields::{CaseNumber, Code, FieldCode, FieldDate, PersonName, Race, Sex, Value};
use crate::fieldset::FieldSet;
use crate::files::{FileKind, MessageKey};
use crate::rules::RuleId;

use super::error::TransactionError;

/// The fields an inquiry may search by alone.
pub(super) const IDENTIFIERS: &[FieldCode] = &[
    FieldCode::Soc,
    FieldCode::Fbi,
    FieldCode::Mnu,
    FieldCode::Oln,
    FieldCode::Vin,
    FieldCode::Lic,
    FieldCode::Ser,
];

use super::reference::RecordRef;

/// What an inquiry searches by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Criterion {
    /// One record by NIC or LEADS number.
    Record(RecordRef),
    /// A phonetic name search.
    Person(PersonCriteria),
    /// An identifier (SOC, OLN, FBI, MNU, VIN, LIC or SER); `state` narrows a plate by LIS,
    /// `make` a gun serial number by MAK.
    Identifier {
        code: FieldCode,
        value: String,
        state: Option<String>,
        make: Option<String>,
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

impl Inquiry {
    pub(super) fn build(key: MessageKey, fields: FieldSet) -> Result<Inquiry, TransactionError> {
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
                rule: RuleId::D1.at(crate::rules::PURPOSE_PARAGRAPH),
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

fn criteria_of(key: &MessageKey, fields: &FieldSet) -> Result<Vec<Criterion>, TransactionError> {
    if let Some(Value::Nic(nic)) = fields.get(FieldCode::Nic) {
        return Ok(vec![Criterion::Record(RecordRef::Nic(nic.clone()))]);
    }
    if let Some(Value::Lrn(lrn)) = fields.get(FieldCode::Lrn) {
        return Ok(vec![Criterion::Record(RecordRef::Lrn(lrn.clone()))]);
    }
    let state = fields.text(FieldCode::Lis);
    let make = fields.text(FieldCode::Mak);
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
                make: if *code == FieldCode::Ser {
                    make.clone()
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
