//! Rows of the record lifecycle: second-party verifications.

use leads_domain::clock::Timestamp;
use leads_domain::fields::{Lrn, Ori};

/// A check of a record: its second-party check (rule H4) or a validation (rule H8): who
/// checked it, when, and against what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// `SecondPartyCheck` or `Validation`: the deadline the check settles.
    pub kind: leads_domain::deadline::DeadlineKind,
    pub lrn: Lrn,
    pub ori: Ori,
    /// The operator who checked (never the one who entered).
    pub operator: String,
    /// What was cross-checked, in the operator's words (report, VIN, plate, warrant...).
    pub checked: String,
    pub at: Timestamp,
}

/// A hit confirmation request (H6) and, once given, its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HitConfirmation {
    pub id: i64,
    pub lrn: Lrn,
    pub owner: Ori,
    pub requester: Ori,
    pub priority: leads_domain::confirmation::Priority,
    pub request_no: u8,
    pub requested_at: Timestamp,
}

/// A warrant entered late (rule H3), as the compliance view lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLateEntry {
    pub lrn: Lrn,
    pub ori: Ori,
    pub entry_key: String,
    pub late: leads_domain::timeliness::LateEntry,
}
