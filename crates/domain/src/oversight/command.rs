//! The Department's oversight acts as the JSON API and `leads oversight` carry them (tagged by
//! `command`).

use serde::{Deserialize, Serialize};

use super::audit::{FindingKind, PresentAs};
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
        }
    }

    /// Reads only.
    pub fn is_reading(&self) -> bool {
        use OversightCommand as C;
        matches!(
            self,
            C::ShowAudit { .. } | C::ListAudits { .. } | C::AuditSchedule
        )
    }
}
