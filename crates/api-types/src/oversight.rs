//! The Department's oversight over HTTP (docs/OVERSIGHT.md): `POST /api/v1/oversight` takes an
//! act (`{"command": "schedule_audit", …}`) and answers with the audits it concerns or the
//! audit schedule; `GET /api/v1/oversight/audits/{id}/notice|report` prints a document.

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
