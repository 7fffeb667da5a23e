//! Transaction replies as JSON.

use leads_domain::reply::{Reason, Reply};
use leads_domain::{Record, RecordStatus};
use serde::{Deserialize, Serialize};

/// A rule that decided a refusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonBody {
    pub rule: String,
    pub citation: String,
    pub text: String,
}

impl From<&Reason> for ReasonBody {
    fn from(reason: &Reason) -> ReasonBody {
        ReasonBody {
            rule: reason.rule.clone(),
            citation: reason.citation.clone(),
            text: reason.text.clone(),
        }
    }
}

/// A caution or medical condition (CMC), shown first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CautionBody {
    pub code: String,
    pub meaning: String,
    pub officer_safety: bool,
}

/// One field of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldBody {
    pub tag: String,
    pub value: String,
}

/// Where a record stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusBody {
    /// `active`, `located`, `cleared` or `cancelled`.
    pub state: String,
    /// The date given with a locate, clear or cancel (`ccyymmdd`).
    pub date: Option<String>,
    /// The locating agency.
    pub ori: Option<String>,
    /// The locating agency's case number.
    pub case: Option<String>,
    /// The reason given with a clear or cancel.
    pub reason: Option<String>,
}

/// A record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordBody {
    /// Cautions first, as on the terminal.
    pub cautions: Vec<CautionBody>,
    pub lrn: String,
    pub nic: Option<String>,
    pub file: String,
    pub record_type: String,
    pub entry_key: String,
    pub ori: String,
    pub status: StatusBody,
    pub fields: Vec<FieldBody>,
    pub entered_at: String,
    pub updated_at: String,
}

/// The JSON reply to a transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyBody {
    pub operation_id: String,
    pub at: String,
    pub key: Option<String>,
    pub ori: Option<String>,
    /// `accepted`, `rejected`, `refused` or `failed`.
    pub outcome: String,
    /// Stable code (docs/ERROR-CODES.md).
    pub code: String,
    pub message: String,
    pub reasons: Vec<ReasonBody>,
    pub records: Vec<RecordBody>,
    pub criteria: Option<String>,
    /// The same reply as terminal text.
    pub text: String,
}

impl From<&Record> for RecordBody {
    fn from(record: &Record) -> RecordBody {
        let status = match record.status() {
            RecordStatus::Active => StatusBody {
                state: "active".into(),
                date: None,
                ori: None,
                case: None,
                reason: None,
            },
            RecordStatus::Located(l) => StatusBody {
                state: "located".into(),
                date: Some(l.date.to_string()),
                ori: Some(l.ori.to_string()),
                case: Some(l.case.to_string()),
                reason: None,
            },
            RecordStatus::Cleared(r) | RecordStatus::Cancelled(r) => StatusBody {
                state: record.status().name().into(),
                date: Some(r.date.to_string()),
                ori: None,
                case: None,
                reason: Some(r.reason.to_string()),
            },
        };
        RecordBody {
            cautions: record
                .fields()
                .cautions()
                .into_iter()
                .map(|c| CautionBody {
                    code: c.code().into(),
                    meaning: c.meaning().into(),
                    officer_safety: c.is_officer_safety(),
                })
                .collect(),
            lrn: record.lrn().to_string(),
            nic: record.nic().map(ToString::to_string),
            file: record.file().storage_name().into(),
            record_type: record.entry_key().name.into(),
            entry_key: record.entry_key().key.into(),
            ori: record.ori().to_string(),
            status,
            fields: record
                .fields()
                .to_pairs()
                .into_iter()
                .map(|(tag, value)| FieldBody { tag, value })
                .collect(),
            entered_at: record.entered_at().to_string(),
            updated_at: record.updated_at().to_string(),
        }
    }
}

impl From<&Reply> for ReplyBody {
    fn from(reply: &Reply) -> ReplyBody {
        ReplyBody {
            operation_id: reply.operation_id.clone(),
            at: reply.at.to_string(),
            key: reply.key.clone(),
            ori: reply.ori.clone(),
            outcome: reply.outcome.name().into(),
            code: reply.code.into(),
            message: reply.message.clone(),
            reasons: reply.reasons.iter().map(ReasonBody::from).collect(),
            records: reply.records.iter().map(RecordBody::from).collect(),
            criteria: reply.criteria.clone(),
            text: leads_message::render_reply(reply),
        }
    }
}
