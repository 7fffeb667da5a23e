//! The Department's oversight cases: audits of agencies with their corrective action
//! (migration 0012).

use async_trait::async_trait;
use leads_domain::clock::Timestamp;
use leads_domain::fields::Ori;
use leads_domain::oversight::AgencyAudit;

use crate::StoreResult;

/// Audits, in one transaction.
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
}
