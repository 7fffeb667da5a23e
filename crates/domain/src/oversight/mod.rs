//! The Department's oversight of its agencies (20 Ill. Adm. Code 1240.100, 1240.50(b)(5)):
//! audits with notice, presence and a written report (O1), the corrective action a report that
//! finds non-compliance opens (O2), the agency's discipline standards (S4) and the
//! non-compliance that follows a missed step. Pure: each step is a method that either moves the
//! case on or says, citing the paragraph, why it may not be taken now.

mod audit;
mod command;
mod corrective;
mod documents;
mod out_of_order;
mod standing;

pub use audit::{
    AUDIT_NOTICE, AUDIT_PRESENCE, AUDIT_REFUSAL, AUDIT_REPORT, AgencyAudit, AuditStage,
    DEFAULT_AUDIT_CYCLE_DAYS, Finding, FindingKind, MAX_AUDIT_CYCLE_DAYS, Presence, PresentAs,
};
pub use command::OversightCommand;
pub use corrective::{
    CORRECTIVE_COMPLETION, CORRECTIVE_PLAN, CorrectiveAction, PLAN_DAYS, WrittenNotice,
};
pub use documents::{AgencyName, Document, audit_notice, audit_report, non_compliance_notice};
pub use out_of_order::OutOfOrder;
pub use standing::{DisciplineStandards, NonCompliance, sanctions_open};
