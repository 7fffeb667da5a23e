//! Hit confirmation (rule H6): an agency that got a hit asks the record's owner to confirm it
//! (YQ) at a priority, urgent (answer within 10 minutes) or routine (within an hour); the owner
//! answers (YR): confirmed, not confirmed, or more time needed and how much. Construction is
//! validation, as for [`crate::Transaction`].

use crate::fields::{Code, FieldCode, FreeText, Value};
use crate::fieldset::FieldSet;
use crate::files::KeySource;
use crate::transaction::{RecordRef, TransactionError};

/// The priority of a confirmation request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Priority {
    /// Answer within 10 minutes.
    Urgent,
    /// Answer within an hour.
    Routine,
}

impl Priority {
    /// The PRI code.
    pub fn code(self) -> &'static str {
        match self {
            Priority::Urgent => "U",
            Priority::Routine => "R",
        }
    }

    /// Minutes the owner has to answer.
    pub fn minutes(self) -> i64 {
        match self {
            Priority::Urgent => 10,
            Priority::Routine => 60,
        }
    }

    /// The name shown to operators.
    pub fn name(self) -> &'static str {
        match self {
            Priority::Urgent => "URGENT",
            Priority::Routine => "ROUTINE",
        }
    }

    /// From a PRI code.
    pub fn from_code(code: &str) -> Option<Priority> {
        match code {
            "U" => Some(Priority::Urgent),
            "R" => Some(Priority::Routine),
            _ => None,
        }
    }
}

/// The owner's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Confirmed,
    NotConfirmed,
    /// More time is needed: this many minutes.
    MoreTime(u16),
}

impl Answer {
    /// The stable name.
    pub fn name(self) -> &'static str {
        match self {
            Answer::Confirmed => "confirmed",
            Answer::NotConfirmed => "not_confirmed",
            Answer::MoreTime(_) => "more_time",
        }
    }

    /// As told to the requester.
    pub fn text(self) -> String {
        match self {
            Answer::Confirmed => "CONFIRMED".into(),
            Answer::NotConfirmed => "NOT CONFIRMED".into(),
            Answer::MoreTime(minutes) => format!("MORE TIME NEEDED - {minutes} MINUTES"),
        }
    }
}

/// A confirmation message key.
#[derive(Debug, PartialEq, Eq)]
pub struct ConfirmKey {
    pub key: &'static str,
    pub name: &'static str,
    pub request: bool,
    pub source: KeySource,
    pub fields: &'static [FieldCode],
    pub mandatory: &'static [FieldCode],
}

use FieldCode::{
    Cnf, Dob, Lic, Lis, Lrn as LrnCode, Mis, Mtm, Nam, Nic as NicCode, Oca, Pho, Pri, Rag, Rem,
    Rna, Rno, Rty, Ser, Sex, Vin,
};

/// The fields that identify the record in the Nlets layout besides its number: each one given
/// must match the record.
pub const IDENTIFYING_FIELDS: &[FieldCode] = &[Oca, Nam, Dob, Sex, Lic, Lis, Vin, Ser];

/// The hit-confirmation keys: the Nlets YQ/YR pair, in Nlets' own layout (RTY, RNO, PRI, OCA,
/// NIC, the identifying set, RNA, RAG, PHO, REM) or the short form (PRI and NIC or LRN).
pub static CONFIRM_KEYS: &[ConfirmKey] = &[
    ConfirmKey {
        key: "YQ",
        name: "HIT CONFIRMATION REQUEST",
        request: true,
        source: KeySource::Ncic,
        fields: &[
            Rty, Rno, Pri, Oca, NicCode, LrnCode, Nam, Dob, Sex, Lic, Lis, Vin, Ser, Rna, Rag, Pho,
            Rem, Mis,
        ],
        mandatory: &[Pri],
    },
    ConfirmKey {
        key: "YR",
        name: "HIT CONFIRMATION RESPONSE",
        request: false,
        source: KeySource::Ncic,
        fields: &[
            Rty, Oca, NicCode, LrnCode, Nam, Dob, Sex, Lic, Lis, Vin, Ser, Cnf, Mtm, Rna, Rag, Pho,
            Rem, Mis,
        ],
        mandatory: &[Cnf],
    },
];

/// The Nlets request type (RTY) of a hit on a record of `file`; `None` for the LEADS-only
/// registrant files, which Nlets does not carry.
pub fn request_type_of(file: crate::files::FileKind) -> Option<&'static str> {
    use crate::files::FileKind as F;
    match file {
        F::Wanted => Some("WP"),
        F::Missing => Some("MP"),
        F::Vehicle => Some("SV"),
        F::Plate => Some("SL"),
        F::Gun => Some("SG"),
        F::Article => Some("SA"),
        F::SexOffender | F::Voay => None,
    }
}

/// Who asks or answers, as the message says (RNA, RAG, PHO); what it leaves out the switch
/// fills in from the directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub name: Option<FreeText>,
    pub agency: Option<FreeText>,
    pub phone: Option<String>,
}

impl Contact {
    fn of(fields: &FieldSet) -> Contact {
        let text = |code| match fields.get(code) {
            Some(Value::Text(t)) => Some(t.clone()),
            _ => None,
        };
        Contact {
            name: text(Rna),
            agency: text(Rag),
            phone: fields.get(Pho).map(ToString::to_string),
        }
    }
}

/// The confirmation key for `text`, if it is one.
pub fn lookup_confirm_key(text: &str) -> Option<&'static ConfirmKey> {
    CONFIRM_KEYS.iter().find(|k| k.key == text)
}

/// A validated confirmation message.
#[derive(Debug, Clone)]
pub enum ConfirmTransaction {
    Request {
        record: RecordRef,
        priority: Priority,
        /// 1, 2 or 3 (a repeated request from the requester's side).
        request_no: u8,
        /// The Nlets request type, when given (it must match the record's file).
        request_type: Option<Code>,
        /// The identifying fields given besides the number (each must match the record).
        identity: FieldSet,
        requester: Contact,
        /// Remarks (REM, or MIS).
        mis: Option<FreeText>,
    },
    Response {
        record: RecordRef,
        answer: Answer,
        request_type: Option<Code>,
        identity: FieldSet,
        answerer: Contact,
        mis: Option<FreeText>,
    },
}

fn code_of(fields: &FieldSet, code: FieldCode) -> Option<Code> {
    match fields.get(code) {
        Some(Value::Code(c)) => Some(*c),
        _ => None,
    }
}

impl ConfirmTransaction {
    /// Builds a confirmation transaction from its fields.
    pub fn build(
        key: &'static ConfirmKey,
        fields: &FieldSet,
    ) -> Result<ConfirmTransaction, TransactionError> {
        if let Some(code) = fields.codes().find(|c| !key.fields.contains(c)) {
            return Err(TransactionError::NotAllowed {
                tag: code.tag(),
                key: key.key,
            });
        }
        if let Some(code) = key.mandatory.iter().find(|c| !fields.contains(**c)) {
            return Err(TransactionError::Missing {
                tag: code.tag(),
                key: key.key,
            });
        }
        let record = match (fields.get(NicCode), fields.get(LrnCode)) {
            (Some(Value::Nic(nic)), _) => RecordRef::Nic(nic.clone()),
            (_, Some(Value::Lrn(lrn))) => RecordRef::Lrn(lrn.clone()),
            _ => {
                return Err(TransactionError::NoRecordReference {
                    key: key.key,
                    needs: "NIC OR LRN",
                });
            }
        };
        let mis = match (fields.get(Rem), fields.get(Mis)) {
            (Some(Value::Text(text)), _) | (None, Some(Value::Text(text))) => Some(text.clone()),
            _ => None,
        };
        let request_type = code_of(fields, Rty);
        let mut identity = FieldSet::new();
        for code in IDENTIFYING_FIELDS {
            if let Some(value) = fields.get(*code) {
                identity.insert(*code, value.clone());
            }
        }
        let contact = Contact::of(fields);
        let missing = |tag| TransactionError::Missing { tag, key: key.key };
        if key.request {
            let priority = code_of(fields, Pri)
                .and_then(|c| Priority::from_code(c.code()))
                .ok_or_else(|| missing("PRI"))?;
            let request_no = code_of(fields, Rno)
                .and_then(|c| c.code().parse().ok())
                .unwrap_or(1);
            return Ok(ConfirmTransaction::Request {
                record,
                priority,
                request_no,
                request_type,
                identity,
                requester: contact,
                mis,
            });
        }
        let minutes = match fields.get(Mtm) {
            Some(Value::Token(t)) => t.to_string().parse::<u16>().ok(),
            _ => None,
        };
        let answer = match (code_of(fields, Cnf).map(|c| c.code()), minutes) {
            (Some("Y"), None) => Answer::Confirmed,
            (Some("N"), None) => Answer::NotConfirmed,
            (Some("M"), Some(minutes)) if minutes > 0 => Answer::MoreTime(minutes),
            (Some("M"), _) => return Err(missing("MTM")),
            (Some(_), Some(_)) => {
                return Err(TransactionError::NotAllowed {
                    tag: "MTM",
                    key: "CNF/Y OR CNF/N",
                });
            }
            _ => return Err(missing("CNF")),
        };
        Ok(ConfirmTransaction::Response {
            record,
            answer,
            request_type,
            identity,
            answerer: contact,
            mis,
        })
    }

    /// The Nlets request type and the identifying fields the message gives besides the number.
    pub fn identification(&self) -> (Option<Code>, &FieldSet) {
        match self {
            ConfirmTransaction::Request {
                request_type,
                identity,
                ..
            }
            | ConfirmTransaction::Response {
                request_type,
                identity,
                ..
            } => (*request_type, identity),
        }
    }

    /// The record the message names.
    pub fn record(&self) -> &RecordRef {
        match self {
            ConfirmTransaction::Request { record, .. }
            | ConfirmTransaction::Response { record, .. } => record,
        }
    }
}
