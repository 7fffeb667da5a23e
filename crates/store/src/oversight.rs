//! The Department's oversight cases: audits of agencies with their corrective action
//! (migration 0012), and the other oversight records — violation cases, the Advisory Policy
//! Board, training rolls, bulletins — each kept whole as JSON (migration 0013).

use async_trait::async_trait;
use leads_domain::clock::Timestamp;
use leads_domain::fields::Ori;
use leads_domain::oversight::AgencyAudit;

use crate::StoreResult;

/// The kinds of oversight record kept whole as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseKind {
    /// A violation case with its hearings (`leads_domain::oversight::ViolationCase`).
    Violation,
    /// A member of the Advisory Policy Board.
    BoardMember,
    /// A meeting of the Board with its recommendations.
    BoardMeeting,
    /// A person on an agency's training roll.
    Trainee,
    /// A Department bulletin with its acknowledgements.
    Bulletin,
}

impl CaseKind {
    /// The stored name.
    pub fn name(self) -> &'static str {
        match self {
            CaseKind::Violation => "violation",
            CaseKind::BoardMember => "board_member",
            CaseKind::BoardMeeting => "board_meeting",
            CaseKind::Trainee => "trainee",
            CaseKind::Bulletin => "bulletin",
        }
    }
}

/// Audits and the other oversight records, in one transaction.
#[async_trait]
pub trait OversightTx: Send {
    /// Records a new audit; returns its number.
    async fn insert_audit(&mut self, audit: &AgencyAudit, at: Timestamp) -> StoreResult<i64>;
    /// Writes an audit's new state.
    async fn update_audit(
        &mut self,
        id: i64,
        audit: &AgencyAudit,
        at: Timestamp,
    ) -> StoreResult<()>;
    async fn audit(&mut self, id: i64) -> StoreResult<Option<AgencyAudit>>;
    /// The audits of one agency, or of all, by number.
    async fn audits(&mut self, ori: Option<&Ori>) -> StoreResult<Vec<(i64, AgencyAudit)>>;
    /// Records a new record of `kind` (its JSON `profile`); returns its number.
    async fn insert_case(
        &mut self,
        kind: CaseKind,
        ori: Option<&Ori>,
        profile: &str,
        at: Timestamp,
    ) -> StoreResult<i64>;
    /// Writes a record's new JSON.
    async fn update_case(
        &mut self,
        kind: CaseKind,
        id: i64,
        profile: &str,
        at: Timestamp,
    ) -> StoreResult<()>;
    /// One record's JSON.
    async fn case(&mut self, kind: CaseKind, id: i64) -> StoreResult<Option<String>>;
    /// The records of `kind` of one agency, or of all, by number.
    async fn cases(&mut self, kind: CaseKind, ori: Option<&Ori>)
    -> StoreResult<Vec<(i64, String)>>;
}
