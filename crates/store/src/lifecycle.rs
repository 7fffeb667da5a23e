//! Rows of the record lifecycle: second-party verifications.

use leads_domain::clock::Timestamp;
use leads_domain::fields::{Lrn, Ori};

/// A second-party check of a record (rule H4): who checked it, when, and against what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub lrn: Lrn,
    pub ori: Ori,
    /// The operator who checked (never the one who entered).
    pub operator: String,
    /// What was cross-checked, in the operator's words (report, VIN, plate, warrant...).
    pub checked: String,
    pub at: Timestamp,
}

/// A warrant entered late (rule H3), as the compliance view lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLateEntry {
    pub lrn: Lrn,
    pub ori: Ori,
    pub entry_key: String,
    pub late: leads_domain::timeliness::LateEntry,
}
