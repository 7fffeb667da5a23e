//! What an oversight act answers: the records it concerns, each as the API shows it.

use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::fields::FieldDate;
use leads_domain::oversight::{BoardMeeting, BoardMember, Bulletin, Trainee, ViolationCase};

use super::common::AuditView;
use super::schedule::ScheduleRow;

/// What an act answers: its code, its message and the records it concerns.
pub(super) type Carried = (ReplyCode, String, OversightBody);

/// The body of an oversight answer: the records the act concerns.
#[derive(Debug, Clone, Default)]
pub struct OversightBody {
    pub command: &'static str,
    pub audits: Vec<AuditView>,
    pub schedule: Vec<ScheduleRow>,
    pub violations: Vec<ViolationView>,
    pub members: Vec<(i64, BoardMember)>,
    pub meetings: Vec<(i64, BoardMeeting)>,
    pub trainees: Vec<TraineeView>,
    pub bulletins: Vec<(i64, Bulletin)>,
}

impl OversightBody {
    pub(super) fn audits(audits: Vec<AuditView>) -> OversightBody {
        OversightBody {
            audits,
            ..OversightBody::default()
        }
    }

    pub(super) fn violation(id: i64, case: ViolationCase) -> OversightBody {
        OversightBody {
            violations: vec![ViolationView::of(id, case)],
            ..OversightBody::default()
        }
    }
}

/// A violation case as the API shows it: its number, the case, and what is due.
#[derive(Debug, Clone)]
pub struct ViolationView {
    pub id: i64,
    pub case: ViolationCase,
    /// When a minor violation's response is due.
    pub response_due: Option<Timestamp>,
    /// The day of the hearing to be held next.
    pub next_hearing: Option<FieldDate>,
}

impl ViolationView {
    pub(super) fn of(id: i64, case: ViolationCase) -> ViolationView {
        ViolationView {
            id,
            response_due: case.response_due(),
            next_hearing: case.pending_hearing().map(|h| h.on),
            case,
        }
    }
}

/// A person on a training roll: the records and what the rules still require.
#[derive(Debug, Clone)]
pub struct TraineeView {
    pub id: i64,
    pub trainee: Trainee,
    /// The required training is on record.
    pub trained: bool,
    /// The last day of the six months for basic training (indirect users, practitioners).
    pub trained_by: Option<FieldDate>,
}

impl TraineeView {
    pub(super) fn of(id: i64, trainee: Trainee) -> TraineeView {
        TraineeView {
            id,
            trained: trainee.is_trained(),
            trained_by: trainee.trained_by(),
            trainee,
        }
    }
}
