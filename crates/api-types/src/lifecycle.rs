//! The record lifecycle over HTTP: second-party checks, the agency's message queue and the
//! compliance view.

use serde::{Deserialize, Serialize};

use crate::ReplyHeader;

/// The answer of a lifecycle call: the outcome, and the items it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemsBody<T> {
    /// What was done, or why not, and the operation id.
    #[serde(flatten)]
    pub header: ReplyHeader,
    /// The agency whose queue or deadlines were read; null for every agency (`?ori=ALL`).
    pub ori: Option<String>,
    pub items: Vec<T>,
}

/// `POST /api/v1/records/{lrn}/verification` (the second-party check, H4) and
/// `POST /api/v1/records/{lrn}/validation` (H8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerificationRequest {
    /// What was cross-checked (report, warrant, VIN, plate...), or for a validation how the
    /// record was confirmed with its source (complainant, court, prosecutor, DMV); 10
    /// characters or more.
    pub checked: String,
}

/// A recorded second-party check or validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationBody {
    /// `second_party_check` (H4) or `validation` (H8).
    pub kind: String,
    pub lrn: String,
    pub ori: String,
    pub operator: String,
    pub checked: String,
    pub at: String,
}

/// A message in an agency's (or the Administrator's) queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailBody {
    pub id: i64,
    pub at: String,
    pub recipient: String,
    /// What it is about: `second_party_check`, `temporary_want`, `located_record`,
    /// `registrant_photo`, `misuse_review`, `audit_failure`.
    pub kind: String,
    pub text: String,
    /// When it was acknowledged and by whom; null while unread.
    pub read_at: Option<String>,
    pub read_by: Option<String>,
}

/// An open deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineBody {
    pub kind: String,
    /// The rule it enforces.
    pub rule: String,
    pub ori: String,
    /// The record it is about.
    pub subject: String,
    /// When it falls (or its next reminder).
    pub due_at: String,
    /// Notices already sent.
    pub notices: u32,
    pub opened_at: String,
    /// Past due (at least one notice sent, or due now).
    pub overdue: bool,
}

/// A warrant entered more than 24 hours after its information came in (H3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateEntryBody {
    pub lrn: String,
    pub ori: String,
    pub entry_key: String,
    pub received_at: String,
    pub entered_at: String,
    pub minutes_late: i64,
    /// The emergency that delayed it (EDR); null when none was stated.
    pub emergency: Option<String>,
}

/// `POST /api/v1/records/{lrn}/serious-error` (`text`: what is wrong) and
/// `POST /api/v1/records/{lrn}/removal` (`text`: why) — the Department's acts (H5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriousErrorRequest {
    pub text: String,
}

/// The record a serious-error act concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriousErrorBody {
    pub lrn: String,
    pub ori: String,
    /// The end of the owner's shift, by which it is corrected; null for a removal.
    pub correct_by: Option<String>,
}

/// `PUT /api/v1/agencies/{ori}/shifts`: the agency's shift changes, `hhmm` UTC (H5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShiftsRequest {
    pub starts: Vec<String>,
}

/// Hours in which no certified operator of the agency was signed in (H1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffingGapBody {
    pub from: String,
    pub to: String,
    pub hours: i64,
}

/// `GET /api/v1/compliance/overview`: everything one agency has open, late or unstaffed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplianceOverviewBody {
    pub deadlines: Vec<DeadlineBody>,
    pub late_entries: Vec<LateEntryBody>,
    pub photos: Vec<crate::PhotoDueBody>,
    /// The last week's hours without a certified operator signed in.
    pub staffing_gaps: Vec<StaffingGapBody>,
    /// The agency's written discipline standards (S4); null when none are on file.
    #[serde(default)]
    pub discipline_standards: Option<DisciplineStandardsBody>,
    /// Declarations of non-compliance in force (1240.100(e), (f)).
    #[serde(default)]
    pub non_compliance: Vec<NonComplianceBody>,
    /// People on the agency's training roll without the training the rules require (T3).
    #[serde(default)]
    pub training_outstanding: Vec<String>,
    /// The agency's violation cases not closed (O3).
    #[serde(default)]
    pub open_violations: Vec<String>,
}

/// The agency's written discipline standards on file (S4, 1240.50(b)(5)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisciplineStandardsBody {
    pub document: String,
    /// ccyymmdd.
    pub adopted_on: String,
}

/// A declaration of non-compliance in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonComplianceBody {
    pub since: String,
    pub rule: String,
    pub citation: String,
    pub reason: String,
    /// The oversight case it comes from (`AUDIT 3`).
    pub case: String,
}
