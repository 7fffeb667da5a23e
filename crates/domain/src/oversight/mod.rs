//! The Department's oversight of its agencies (20 Ill. Adm. Code 1240.20, 1240.90(b),
//! 1240.100, 1240.110, 1240.50(b)(5)): audits with notice, presence and a written report (O1),
//! the corrective action a report that finds non-compliance opens (O2), violation cases with
//! their hearings and sanctions (O3), the Advisory Policy Board (O4), training records and
//! bulletins (T3), the agency's discipline standards (S4) and the non-compliance that follows
//! a missed step. Pure: each step is a method that either moves the
//! case on or says, citing the paragraph, why it may not be taken now.

mod audit;
mod board;
mod case_documents;
mod command;
mod corrective;
mod documents;
mod hearing;
mod hearing_steps;
mod out_of_order;
mod standing;
mod training;
mod violation;

pub use audit::{
    AUDIT_NOTICE, AUDIT_PRESENCE, AUDIT_REFUSAL, AUDIT_REPORT, AgencyAudit, AuditStage,
    DEFAULT_AUDIT_CYCLE_DAYS, Finding, FindingKind, MAX_AUDIT_CYCLE_DAYS, Presence, PresentAs,
};
pub use board::{
    Answer, BOARD_APPOINTED, BOARD_SCOPE, BoardMeeting, BoardMember, DirectorsResponse,
    Recommendation, Topic,
};
pub use case_documents::{hearing_decision, violation_notice};
pub use command::OversightCommand;
pub use corrective::{
    CORRECTIVE_COMPLETION, CORRECTIVE_PLAN, CorrectiveAction, PLAN_DAYS, WrittenNotice,
};
pub use documents::{AgencyName, Document, audit_notice, audit_report, non_compliance_notice};
pub use hearing::{
    Appearance, DIRECTORS_DECISION, Evidence, EvidenceSide, HEARING_PROCEDURE, Hearing,
    HearingDecision, Outcome,
};
pub use hearing_steps::{Deciding, DecisionEffect};
pub use out_of_order::OutOfOrder;
pub use standing::{DisciplineStandards, NonCompliance, sanctions_open};
pub use training::{
    Acknowledgement, BASIC_TRAINING, BASIC_TRAINING_MONTHS, BULLETIN_ACK_DAYS, Bulletin,
    CHANGES_TO_LEADS, MANAGER_TRAINING, TRAINING_RECORDS, Trainee, TraineeCategory, TrainingKind,
    TrainingRecord,
};
pub use violation::{
    Allegation, CaseStage, CaseSuspension, HEARING_NOTICE, HEARING_NOTICE_DAYS,
    HEARING_WITHIN_DAYS, IMMEDIATE_SUSPENSION, MINOR_RESPONSE_DAYS, MINOR_VIOLATION, Opening,
    PROMPT_HEARING, ViolationCase, ViolationClass,
};
