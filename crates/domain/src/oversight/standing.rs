//! An agency's standing with the Department: its written discipline standards (S4) and the
//! non-compliance a missed oversight step declares (1240.100(e), (f)).

use serde::{Deserialize, Serialize};

use crate::fields::FieldDate;

/// The agency's written standards for disciplining LEADS and NCIC policy violators
/// (1240.50(b)(5)), on file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisciplineStandards {
    /// The document's title or reference (e.g. `GENERAL ORDER 12-4`).
    pub document: String,
    /// The day the agency adopted it.
    pub adopted_on: FieldDate,
    /// When it was filed (UTC microseconds) and by whom.
    pub filed_at: i64,
    pub filed_by: String,
}

/// The agency was declared non-compliant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonCompliance {
    /// UTC microseconds.
    pub since: i64,
    /// The rule and paragraph.
    pub rule: String,
    pub citation: String,
    pub reason: String,
    /// The case it comes from (`AUDIT 3`).
    pub case: String,
    /// When it ended (the completion notice received, a hearing's decision), and why.
    pub ended_at: Option<i64>,
    pub ended_how: Option<String>,
}

impl NonCompliance {
    /// Still in force.
    pub fn is_open(&self) -> bool {
        self.ended_at.is_none()
    }
}

/// What the Administrator may do about a non-compliant agency (1240.100(e), (f), 1240.110).
pub fn sanctions_open() -> &'static str {
    "SANCTIONS OPEN TO THE ADMINISTRATOR (20 Ill. Adm. Code 1240.110): SUSPENSION OF ALL OR PART OF \
     LEADS SERVICES (suspend-service; IMMEDIATE FOR A MAJOR VIOLATION, 110(c)); A HEARING WITH AT \
     LEAST 20 DAYS' WRITTEN NOTICE (110(b)); A WRITTEN NOTICE OF A MINOR VIOLATION (110(a))"
}
