//! The Department's oversight acts as the JSON API and `leads oversight` carry them (tagged by
//! `command`).

use serde::{Deserialize, Serialize};

use super::audit::{FindingKind, PresentAs};
use super::board::{Answer, Topic};
use super::hearing::{EvidenceSide, Outcome};
use super::training::{TraineeCategory, TrainingKind};
use super::violation::{Allegation, ViolationClass};
use crate::access::service::ServiceScope;
use crate::fields::{FieldDate, Ori};

/// One oversight act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum OversightCommand {
    /// Put an audit of a terminal agency on the calendar (O1).
    ScheduleAudit { ori: Ori, date: FieldDate },
    /// Move an audit that has not begun (a notified one needs a new notice).
    RescheduleAudit { id: i64, date: FieldDate },
    /// Send the written notice before the audit: the date and what must be available.
    NotifyAudit { id: i64, make_available: String },
    /// The coordinator or a designee is present: the audit begins.
    RecordPresence {
        id: i64,
        name: String,
        capacity: PresentAs,
    },
    /// One finding, recommendation, discussion or requirement, citing its rule.
    RecordFinding {
        id: i64,
        kind: FindingKind,
        rule: String,
        text: String,
    },
    /// Issue the written report to the agency head.
    IssueReport { id: i64, to_head: String },
    /// The agency refused to cooperate (1240.100(f)).
    RecordAuditRefusal { id: i64, what: String },
    /// The agency head's written plan of action (1240.100(d)).
    RecordPlan {
        id: i64,
        head: String,
        text: String,
        complete_by: FieldDate,
    },
    /// The agency head's written notice that the plan is accomplished.
    RecordAccomplished { id: i64, head: String, text: String },
    /// The agency's written discipline standards (S4).
    FileDisciplineStandards {
        ori: Ori,
        document: String,
        adopted_on: FieldDate,
    },
    /// One audit, whole.
    ShowAudit { id: i64 },
    /// The audits of one agency, or of every agency.
    ListAudits {
        #[serde(default)]
        ori: Option<Ori>,
    },
    /// Each agency's last audit, next due date, scheduled audit and standing.
    AuditSchedule,
    /// Open a violation case (O3): a minor one sends its written notice; a moderate one sets
    /// its hearing; a major one suspends `suspend` at once and sets its hearing.
    OpenViolation {
        ori: Ori,
        class: ViolationClass,
        allegations: Vec<Allegation>,
        #[serde(default)]
        hearing_on: Option<FieldDate>,
        #[serde(default)]
        suspend: Vec<ServiceScope>,
    },
    /// The agency's written response that a minor violation is addressed.
    RecordViolationResponse { id: i64, head: String, text: String },
    /// A minor violation not promptly addressed goes to a hearing (110(b)).
    SetHearing { id: i64, hearing_on: FieldDate },
    /// The Director lifts an immediate suspension before its hearing (110(c)(3)).
    LiftBeforeHearing { id: i64, reason: String },
    /// The Director restores the services a decision suspended (110(e)(3)).
    Reinstate { id: i64, reason: String },
    /// Someone appeared at the hearing (110(d)(1)).
    RecordAppearance {
        id: i64,
        name: String,
        capacity: String,
    },
    /// A document in evidence (110(d)(2), (3)).
    RecordEvidence {
        id: i64,
        side: EvidenceSide,
        document: String,
        description: String,
    },
    /// The Director's decision at the end of the hearing (110(e)).
    DecideHearing {
        id: i64,
        outcome: Outcome,
        #[serde(default)]
        services: Vec<ServiceScope>,
        #[serde(default)]
        comply_by: Option<FieldDate>,
        #[serde(default)]
        next_hearing: Option<FieldDate>,
        text: String,
    },
    /// One violation case, whole.
    ShowViolation { id: i64 },
    /// The violation cases of one agency, or of every agency.
    ListViolations {
        #[serde(default)]
        ori: Option<Ori>,
    },
    /// The Director appoints a member of the Advisory Policy Board (O4).
    AppointBoardMember {
        name: String,
        represents: String,
        appointed_on: FieldDate,
    },
    /// A membership ends.
    EndBoardMembership {
        member: i64,
        ended_on: FieldDate,
        reason: String,
    },
    /// A meeting of the Board: the members present and the minutes.
    RecordBoardMeeting {
        held_on: FieldDate,
        present: Vec<i64>,
        minutes: String,
    },
    /// A recommendation made at a meeting, linked to the cases it concerns.
    RecordRecommendation {
        meeting: i64,
        topic: Topic,
        text: String,
        #[serde(default)]
        cases: Vec<String>,
    },
    /// The Director's response to a recommendation.
    RespondToRecommendation {
        meeting: i64,
        number: usize,
        answer: Answer,
        text: String,
    },
    /// The Board's members and meetings.
    ShowBoard,
    /// Put a person on the agency's training roll (T3).
    RegisterTrainee {
        ori: Ori,
        name: String,
        #[serde(default)]
        person: Option<String>,
        category: TraineeCategory,
        since: FieldDate,
    },
    /// A training, test or proficiency affirmation given.
    RecordTraining {
        trainee: i64,
        kind: TrainingKind,
        on: FieldDate,
        instructor: String,
        #[serde(default)]
        result: Option<String>,
    },
    /// The training roll of one agency, or of every agency.
    ListTrainees {
        #[serde(default)]
        ori: Option<Ori>,
    },
    /// A Department bulletin on a change to LEADS, to every active agency.
    IssueBulletin { title: String, text: String },
    /// The principal's agency acknowledges a bulletin.
    AcknowledgeBulletin { id: i64 },
    /// The bulletins, with who has and has not acknowledged.
    ListBulletins,
}

impl OversightCommand {
    /// The stable name.
    pub fn name(&self) -> &'static str {
        use OversightCommand as C;
        match self {
            C::ScheduleAudit { .. } => "schedule_audit",
            C::RescheduleAudit { .. } => "reschedule_audit",
            C::NotifyAudit { .. } => "notify_audit",
            C::RecordPresence { .. } => "record_presence",
            C::RecordFinding { .. } => "record_finding",
            C::IssueReport { .. } => "issue_report",
            C::RecordAuditRefusal { .. } => "record_audit_refusal",
            C::RecordPlan { .. } => "record_plan",
            C::RecordAccomplished { .. } => "record_accomplished",
            C::FileDisciplineStandards { .. } => "file_discipline_standards",
            C::ShowAudit { .. } => "show_audit",
            C::ListAudits { .. } => "list_audits",
            C::AuditSchedule => "audit_schedule",
            C::OpenViolation { .. } => "open_violation",
            C::RecordViolationResponse { .. } => "record_violation_response",
            C::SetHearing { .. } => "set_hearing",
            C::LiftBeforeHearing { .. } => "lift_before_hearing",
            C::Reinstate { .. } => "reinstate",
            C::RecordAppearance { .. } => "record_appearance",
            C::RecordEvidence { .. } => "record_evidence",
            C::DecideHearing { .. } => "decide_hearing",
            C::ShowViolation { .. } => "show_violation",
            C::ListViolations { .. } => "list_violations",
            C::AppointBoardMember { .. } => "appoint_board_member",
            C::EndBoardMembership { .. } => "end_board_membership",
            C::RecordBoardMeeting { .. } => "record_board_meeting",
            C::RecordRecommendation { .. } => "record_recommendation",
            C::RespondToRecommendation { .. } => "respond_to_recommendation",
            C::ShowBoard => "show_board",
            C::RegisterTrainee { .. } => "register_trainee",
            C::RecordTraining { .. } => "record_training",
            C::ListTrainees { .. } => "list_trainees",
            C::IssueBulletin { .. } => "issue_bulletin",
            C::AcknowledgeBulletin { .. } => "acknowledge_bulletin",
            C::ListBulletins => "list_bulletins",
        }
    }

    /// Reads only.
    pub fn is_reading(&self) -> bool {
        use OversightCommand as C;
        matches!(
            self,
            C::ShowAudit { .. }
                | C::ListAudits { .. }
                | C::AuditSchedule
                | C::ShowViolation { .. }
                | C::ListViolations { .. }
                | C::ShowBoard
                | C::ListTrainees { .. }
                | C::ListBulletins
        )
    }
}
