//! The misuse review queue on the wire: `GET /api/v1/review/flags` and
//! `POST /api/v1/review/flags/{id}`.

use serde::{Deserialize, Serialize};

use crate::ReplyHeader;

/// A reviewer's decision on a flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispositionBody {
    /// `justified`, `referred` or `violation`.
    pub decision: String,
    pub note: String,
    pub by: String,
    pub at: String,
}

/// One flag of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagBody {
    pub id: i64,
    /// Start of the reviewed week (RFC 3339).
    pub week_start: String,
    /// `own_record`, `own_surname`, `shared_subject`, `burst`, `off_hours`,
    /// `case_without_activity`.
    pub kind: String,
    pub operator: String,
    pub ori: String,
    /// When the first flagged inquiry was made.
    pub at: String,
    /// Sequence numbers of the audit entries concerned.
    pub entries: Vec<u64>,
    pub detail: String,
    pub disposition: Option<DispositionBody>,
}

/// The answer to a queue request or a disposition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewReplyBody {
    /// What was done, or why not, and the operation id.
    #[serde(flatten)]
    pub header: ReplyHeader,
    pub flags: Vec<FlagBody>,
}

/// `POST /api/v1/review/flags/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DispositionRequest {
    /// `justified`, `referred` or `violation`.
    pub decision: String,
    /// Why (10 characters or more).
    pub note: String,
}
