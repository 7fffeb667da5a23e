//! The Department's oversight over HTTP (docs/OVERSIGHT.md): `POST /api/v1/oversight` takes an
//! act (`{"command": "schedule_audit", …}`) and answers with the audits it concerns or the
//! audit schedule, violation cases, the Advisory Policy Board, training rolls or bulletins;
//! `GET /api/v1/oversight/audits/{id}/notice|report` and
//! `GET /api/v1/oversight/violations/{id}/notice|decision|decision-N` print a document.

use serde::{Deserialize, Serialize};

use crate::ReplyHeader;

/// The answer to `POST /api/v1/oversight`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OversightReplyBody {
    /// What was done, or why not, and the operation id.
    #[serde(flatten)]
    pub header: ReplyHeader,
    pub command: String,
    /// The audits the act concerns: `id`, `ori`, `stage`, `scheduled_for`, the notice,
    /// presence, findings, report and corrective action, `plan_due` and `completion_due`
    /// (times in RFC 3339).
    pub audits: Vec<serde_json::Value>,
    /// The audit schedule (`audit_schedule`).
    pub schedule: Vec<AuditScheduleBody>,
    /// The violation cases the act concerns: `id`, `ori`, `class`, `allegations`, `stage`,
    /// `response`, `suspensions`, `hearings` (appearances, evidence, decision), `response_due`
    /// and `next_hearing`.
    #[serde(default)]
    pub violations: Vec<serde_json::Value>,
    /// Members of the Advisory Policy Board (`id`, `name`, `represents`, …).
    #[serde(default)]
    pub board_members: Vec<serde_json::Value>,
    /// Meetings of the Board with their recommendations and the Director's responses.
    #[serde(default)]
    pub board_meetings: Vec<serde_json::Value>,
    /// People on training rolls: `id`, `name`, `category`, `since`, `records`, `trained`,
    /// `trained_by`.
    #[serde(default)]
    pub trainees: Vec<serde_json::Value>,
    /// Department bulletins with their acknowledgements and `unacknowledged` agencies.
    #[serde(default)]
    pub bulletins: Vec<serde_json::Value>,
}

/// One agency of the audit schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditScheduleBody {
    pub ori: String,
    pub name: String,
    pub last_reported: Option<String>,
    pub next_due: String,
    /// Due and not on the calendar.
    pub due_now: bool,
    pub scheduled_audit: Option<i64>,
    /// ccyymmdd.
    pub scheduled_for: Option<String>,
    /// Written discipline standards on file (S4).
    pub discipline_standards: bool,
    /// Declarations of non-compliance in force.
    pub non_compliant: usize,
}

/// `GET /api/v1/oversight/audits/{id}/notice|report` as JSON (`Accept: application/pdf`
/// prints it as PDF, `text/plain` as text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OversightDocumentBody {
    #[serde(flatten)]
    pub header: ReplyHeader,
    pub title: String,
    pub text: String,
}
