//! Deadlines of the record lifecycle: what is due, by when, and what happens each time one
//! passes unmet. Pure: the application stores deadlines, sweeps them with the injected clock
//! and carries out the [`Step`] this module decides.

use crate::clock::Timestamp;
use crate::rules::RuleId;

const HOUR: i64 = 3_600 * 1_000_000;
const DAY: i64 = 24 * HOUR;

/// A kind of deadline; each names the rule it enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeadlineKind {
    /// A second operator of the agency checks a new record within 24 hours (H4).
    SecondPartyCheck,
    /// A temporary felony want (EWT) retires 48 hours after entry unless replaced (H7).
    TemporaryWant,
    /// A located record is cleared or cancelled by its owner (H7).
    LocatedRecord,
    /// A registrant's photo is replaced a year after its date of image (I3).
    RegistrantPhoto,
    /// A record is validated 60 days after entry and then every year, or purged (H8).
    Validation,
    /// A serious error the Department reported is corrected or the record removed by the end
    /// of the owner's shift (H5).
    SeriousError,
    /// An urgent hit confirmation request is answered within 10 minutes (H6).
    ConfirmUrgent,
    /// A routine hit confirmation request is answered within an hour (H6).
    ConfirmRoutine,
    /// A record retires when its file's configured retention period ends (H7).
    Retention,
    /// The Department audits a terminal agency again within its audit cycle (O1); the
    /// Administrator is told when an agency is due.
    AuditCycle,
    /// The agency head's written plan of action within 30 days of an audit report that found
    /// the agency out of compliance (O2, 1240.100(d)); missed, the agency is non-compliant.
    CorrectivePlan,
    /// The agency head's written notice that the plan is accomplished, by the plan's day (O2,
    /// 1240.100(d)-(e)); missed, the agency is non-compliant.
    CorrectiveCompletion,
    /// The agency appoints a new LEADS Agency Coordinator when the post falls vacant (T1,
    /// 1240.90(a)(1)).
    CoordinatorVacancy,
    /// The coordinator's certification runs out: the post falls vacant unless renewed (T1,
    /// 1240.90(a)(2)(B)).
    CoordinatorCertification,
    /// A person's window to respond to a notice against the certification closes: the
    /// Department may decide (T4, 1240.90(b)(9)).
    CertificationResponse,
    /// A person is retested and recertified before the certification runs out (T2,
    /// 1240.90(b)(4)): the agency is told ahead of the end.
    Recertification,
    /// The agency promptly addresses a minor violation's notice (O3, 1240.110(a)); missed, it
    /// and the Administrator are told a hearing may follow.
    ViolationResponse,
    /// A violation case's hearing is held and decided on its day (O3, 1240.110(b)-(e)); the
    /// Department's queue (read by the Administrator and the Director) is told daily while it
    /// is not.
    ViolationHearing,
    /// An indirect user or practitioner receives basic training within six months of
    /// employment or assignment (T3, 1240.90(b)(6)).
    BasicTraining,
    /// The agency acknowledges a Department bulletin on changes to LEADS (T3, 1240.90(b)(7)).
    BulletinAcknowledgement,
}

/// Every kind, in a stable order.
pub const DEADLINE_KINDS: [DeadlineKind; 20] = [
    DeadlineKind::SecondPartyCheck,
    DeadlineKind::TemporaryWant,
    DeadlineKind::LocatedRecord,
    DeadlineKind::RegistrantPhoto,
    DeadlineKind::Validation,
    DeadlineKind::SeriousError,
    DeadlineKind::ConfirmUrgent,
    DeadlineKind::ConfirmRoutine,
    DeadlineKind::Retention,
    DeadlineKind::AuditCycle,
    DeadlineKind::CorrectivePlan,
    DeadlineKind::CorrectiveCompletion,
    DeadlineKind::CoordinatorVacancy,
    DeadlineKind::CoordinatorCertification,
    DeadlineKind::CertificationResponse,
    DeadlineKind::Recertification,
    DeadlineKind::ViolationResponse,
    DeadlineKind::ViolationHearing,
    DeadlineKind::BasicTraining,
    DeadlineKind::BulletinAcknowledgement,
];

/// Shift changes, minutes after midnight UTC, when an agency has not defined its own (H5):
/// three eight-hour shifts from 07:00, 15:00 and 23:00.
pub const DEFAULT_SHIFT_STARTS: [u16; 3] = [7 * 60, 15 * 60, 23 * 60];

/// The end of the shift running at `now`: the next shift change after it, given the changes
/// as minutes after midnight UTC (an empty list counts as one shift a day, ending at midnight).
pub fn end_of_shift(now: Timestamp, shift_starts: &[u16]) -> Timestamp {
    let minute = 60 * 1_000_000;
    let day_start = now.as_micros().div_euclid(DAY) * DAY;
    let mut changes: Vec<i64> = shift_starts
        .iter()
        .filter(|m| **m < 24 * 60)
        .map(|m| i64::from(*m) * minute)
        .collect();
    if changes.is_empty() {
        changes.push(0);
    }
    changes.sort_unstable();
    let today = changes.iter().map(|c| day_start + c);
    let tomorrow = changes.iter().map(|c| day_start + DAY + c);
    let next = today
        .chain(tomorrow)
        .find(|at| *at > now.as_micros())
        .unwrap_or(day_start + DAY);
    Timestamp::from_micros(next)
}

/// Days before a certification runs out that the agency is told to recertify the person (T2).
pub const RECERTIFICATION_NOTICE_DAYS: i64 = 60;

/// Days an agency has to appoint a new coordinator before it is reminded daily (T1).
pub const COORDINATOR_VACANCY_DAYS: i64 = 7;

/// Days after entry a record first comes due for validation (H8).
pub const FIRST_VALIDATION_DAYS: i64 = 60;
/// Days between validations after the first (H8).
pub const VALIDATION_INTERVAL_DAYS: i64 = 365;
/// Days the agency has from the validation notice to validate or cancel (H8).
pub const VALIDATION_ANSWER_DAYS: i64 = 30;

/// How long after its event a deadline falls due, and how often a missed one is re-sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// From the event (entry, locate, notice date) to the deadline, in microseconds.
    pub allowed: i64,
    /// Between reminders once it is missed, in microseconds.
    pub reminder: i64,
    /// Missed notices to the agency before the Administrator is told too.
    pub notices_before_escalation: u32,
}

impl DeadlineKind {
    /// The stable name used in storage, JSON and messages.
    pub fn name(self) -> &'static str {
        match self {
            DeadlineKind::SecondPartyCheck => "second_party_check",
            DeadlineKind::TemporaryWant => "temporary_want",
            DeadlineKind::LocatedRecord => "located_record",
            DeadlineKind::RegistrantPhoto => "registrant_photo",
            DeadlineKind::Validation => "validation",
            DeadlineKind::SeriousError => "serious_error",
            DeadlineKind::ConfirmUrgent => "confirm_urgent",
            DeadlineKind::ConfirmRoutine => "confirm_routine",
            DeadlineKind::Retention => "retention",
            DeadlineKind::AuditCycle => "audit_cycle",
            DeadlineKind::CorrectivePlan => "corrective_plan",
            DeadlineKind::CorrectiveCompletion => "corrective_completion",
            DeadlineKind::CoordinatorVacancy => "coordinator_vacancy",
            DeadlineKind::CoordinatorCertification => "coordinator_certification",
            DeadlineKind::CertificationResponse => "certification_response",
            DeadlineKind::Recertification => "recertification",
            DeadlineKind::ViolationResponse => "violation_response",
            DeadlineKind::ViolationHearing => "violation_hearing",
            DeadlineKind::BasicTraining => "basic_training",
            DeadlineKind::BulletinAcknowledgement => "bulletin_acknowledgement",
        }
    }

    /// The kind of a stored name.
    pub fn parse(name: &str) -> Option<DeadlineKind> {
        DEADLINE_KINDS.into_iter().find(|k| k.name() == name)
    }

    /// The rule the deadline enforces.
    pub fn rule(self) -> RuleId {
        match self {
            DeadlineKind::SecondPartyCheck => RuleId::H4,
            DeadlineKind::TemporaryWant | DeadlineKind::LocatedRecord | DeadlineKind::Retention => {
                RuleId::H7
            }
            DeadlineKind::RegistrantPhoto => RuleId::I3,
            DeadlineKind::Validation => RuleId::H8,
            DeadlineKind::SeriousError => RuleId::H5,
            DeadlineKind::ConfirmUrgent | DeadlineKind::ConfirmRoutine => RuleId::H6,
            DeadlineKind::AuditCycle => RuleId::O1,
            DeadlineKind::CorrectivePlan | DeadlineKind::CorrectiveCompletion => RuleId::O2,
            DeadlineKind::CoordinatorVacancy | DeadlineKind::CoordinatorCertification => RuleId::T1,
            DeadlineKind::CertificationResponse => RuleId::T4,
            DeadlineKind::Recertification => RuleId::T2,
            DeadlineKind::ViolationResponse | DeadlineKind::ViolationHearing => RuleId::O3,
            DeadlineKind::BasicTraining | DeadlineKind::BulletinAcknowledgement => RuleId::T3,
        }
    }

    /// The timing of this kind (documented in docs/LIFECYCLE.md).
    pub fn timing(self) -> Timing {
        match self {
            DeadlineKind::SecondPartyCheck => Timing {
                allowed: 24 * HOUR,
                reminder: 24 * HOUR,
                notices_before_escalation: 1,
            },
            DeadlineKind::TemporaryWant => Timing {
                allowed: 48 * HOUR,
                reminder: 0,
                notices_before_escalation: 0,
            },
            DeadlineKind::LocatedRecord => Timing {
                allowed: 24 * HOUR,
                reminder: 24 * HOUR,
                notices_before_escalation: 2,
            },
            DeadlineKind::RegistrantPhoto => Timing {
                allowed: 0,
                reminder: 30 * DAY,
                notices_before_escalation: 2,
            },
            DeadlineKind::Retention => Timing {
                allowed: 0,
                reminder: 0,
                notices_before_escalation: 0,
            },
            DeadlineKind::ConfirmUrgent => Timing {
                allowed: 10 * 60 * 1_000_000,
                reminder: 10 * 60 * 1_000_000,
                notices_before_escalation: 2,
            },
            DeadlineKind::ConfirmRoutine => Timing {
                allowed: HOUR,
                reminder: HOUR,
                notices_before_escalation: 2,
            },
            DeadlineKind::SeriousError => Timing {
                allowed: 0,
                reminder: HOUR,
                notices_before_escalation: 0,
            },
            DeadlineKind::Validation => Timing {
                allowed: FIRST_VALIDATION_DAYS * DAY,
                reminder: VALIDATION_ANSWER_DAYS * DAY,
                notices_before_escalation: 1,
            },
            // Due at the end of the configured cycle (set when it opens); the Administrator is
            // reminded every 30 days until the audit is scheduled.
            DeadlineKind::AuditCycle => Timing {
                allowed: 0,
                reminder: 30 * DAY,
                notices_before_escalation: 0,
            },
            DeadlineKind::CorrectivePlan => Timing {
                allowed: crate::oversight::PLAN_DAYS * DAY,
                reminder: 0,
                notices_before_escalation: 0,
            },
            // Due at the end of the day the plan names (set when the plan is recorded).
            DeadlineKind::CorrectiveCompletion => Timing {
                allowed: 0,
                reminder: 0,
                notices_before_escalation: 0,
            },
            // The rule says at once: the agency and the Administrator are told when the post
            // falls vacant; a week later the agency is reminded daily, the Administrator too.
            DeadlineKind::CoordinatorVacancy => Timing {
                allowed: COORDINATOR_VACANCY_DAYS * DAY,
                reminder: DAY,
                notices_before_escalation: 0,
            },
            // Due RECERTIFICATION_NOTICE_DAYS before the certification's end (set at `certify`);
            // again every 30 days, the Administrator told from the third notice.
            DeadlineKind::Recertification => Timing {
                allowed: 0,
                reminder: 30 * DAY,
                notices_before_escalation: 2,
            },
            // Due at the end of the response window (set with the notice); the Administrator is
            // reminded weekly until he decides.
            DeadlineKind::CertificationResponse => Timing {
                allowed: crate::access::RESPONSE_DAYS * DAY,
                reminder: 7 * DAY,
                notices_before_escalation: 0,
            },
            // Due at the end of the coordinator's certification (set at the appointment).
            DeadlineKind::CoordinatorCertification => Timing {
                allowed: 0,
                reminder: 0,
                notices_before_escalation: 0,
            },
            // The notice asks for a response within 14 days; then weekly, the Administrator
            // told from the first reminder.
            DeadlineKind::ViolationResponse => Timing {
                allowed: crate::oversight::MINOR_RESPONSE_DAYS * DAY,
                reminder: 7 * DAY,
                notices_before_escalation: 0,
            },
            // Due at the end of the hearing day (set with the hearing); daily after.
            DeadlineKind::ViolationHearing => Timing {
                allowed: 0,
                reminder: DAY,
                notices_before_escalation: 0,
            },
            // Due at the end of the sixth month (set at registration); every 30 days after, the
            // Administrator told from the second notice.
            DeadlineKind::BasicTraining => Timing {
                allowed: 0,
                reminder: 30 * DAY,
                notices_before_escalation: 1,
            },
            DeadlineKind::BulletinAcknowledgement => Timing {
                allowed: crate::oversight::BULLETIN_ACK_DAYS * DAY,
                reminder: 7 * DAY,
                notices_before_escalation: 2,
            },
        }
    }

    /// What the sweep does when a deadline of this kind is found due after `notices` earlier
    /// notices.
    pub fn step(self, notices: u32) -> Step {
        match (self, notices) {
            (DeadlineKind::TemporaryWant | DeadlineKind::Retention, _) => return Step::Retire,
            (DeadlineKind::Validation, 1..) => return Step::Retire,
            (DeadlineKind::CorrectivePlan | DeadlineKind::CorrectiveCompletion, _) => {
                return Step::NonCompliant;
            }
            (DeadlineKind::CoordinatorCertification, _) => return Step::VacateCoordinator,
            _ => {}
        }
        let timing = self.timing();
        Step::Notify {
            escalate: notices >= timing.notices_before_escalation,
            again_in: timing.reminder,
        }
    }

    /// The reason a record retired by this deadline states (H7).
    pub fn retire_reason(self) -> &'static str {
        match self {
            DeadlineKind::TemporaryWant => {
                "TEMPORARY FELONY WANT - 48 HOURS WITHOUT A FULL WARRANT"
            }
            DeadlineKind::Validation => "NOT VALIDATED WITHIN 30 DAYS OF THE VALIDATION NOTICE",
            _ => "RETENTION PERIOD ENDED",
        }
    }

    /// What the agency is told, for the record or subject `subject`, at the `notice`-th notice
    /// (1 = the first).
    pub fn notice_text(self, subject: &str, notice: u32) -> String {
        let nth = match notice {
            1 => String::new(),
            2 => " - SECOND NOTICE".into(),
            3 => " - THIRD NOTICE".into(),
            n => format!(" - NOTICE {n}"),
        };
        match self {
            DeadlineKind::SecondPartyCheck => format!(
                "SECOND-PARTY CHECK OVERDUE: RECORD {subject} WAS NOT VERIFIED BY A SECOND OPERATOR WITHIN 24 HOURS OF ENTRY{nth}"
            ),
            DeadlineKind::TemporaryWant => format!(
                "TEMPORARY FELONY WANT {subject} RETIRED: 48 HOURS PASSED WITHOUT A FULL WARRANT RECORD"
            ),
            DeadlineKind::LocatedRecord => format!(
                "RECORD {subject} WAS LOCATED AND IS STILL IN THE FILE: CLEAR OR CANCEL IT{nth}"
            ),
            DeadlineKind::ConfirmUrgent | DeadlineKind::ConfirmRoutine => {
                let request = match notice {
                    1 => "SECOND REQUEST".to_owned(),
                    2 => "THIRD REQUEST".to_owned(),
                    n => format!("NOT ANSWERED AFTER {} REQUESTS", n),
                };
                format!(
                    "HIT CONFIRMATION ON RECORD {subject} NOT ANSWERED ({}) - {request}: ANSWER WITH YR",
                    if self == DeadlineKind::ConfirmUrgent {
                        "URGENT, 10 MINUTES"
                    } else {
                        "ROUTINE, 1 HOUR"
                    }
                )
            }
            DeadlineKind::Retention => {
                format!("RECORD {subject} RETIRED: ITS FILE'S RETENTION PERIOD ENDED")
            }
            DeadlineKind::SeriousError => format!(
                "SERIOUS ERROR ON RECORD {subject} NOT CORRECTED BY THE END OF THE SHIFT: CORRECT OR REMOVE IT NOW{nth}"
            ),
            DeadlineKind::Validation => format!(
                "RECORD {subject} IS DUE FOR VALIDATION: CONFIRM IT WITH ITS SOURCE AND VALIDATE IT, OR CANCEL IT, WITHIN {VALIDATION_ANSWER_DAYS} DAYS{nth}"
            ),
            DeadlineKind::RegistrantPhoto => format!(
                "REGISTRANT PHOTO DUE: RECORD {subject} NEEDS A NEW PHOTO (REPLACED EVERY YEAR){nth}"
            ),
            DeadlineKind::AuditCycle => format!(
                "AUDIT DUE: AGENCY {subject} HAS NOT BEEN AUDITED WITHIN THE DEPARTMENT'S AUDIT CYCLE - SCHEDULE ITS AUDIT{nth}"
            ),
            DeadlineKind::CorrectivePlan => format!(
                "{subject}: NO WRITTEN PLAN OF ACTION FROM THE AGENCY HEAD WITHIN {} DAYS OF THE AUDIT REPORT - THE AGENCY IS NON-COMPLIANT (1240.100(e))",
                crate::oversight::PLAN_DAYS
            ),
            DeadlineKind::CorrectiveCompletion => format!(
                "{subject}: NO WRITTEN NOTICE FROM THE AGENCY HEAD THAT THE PLAN OF ACTION WAS ACCOMPLISHED BY ITS DAY - THE AGENCY IS NON-COMPLIANT (1240.100(e))"
            ),
            DeadlineKind::CoordinatorVacancy => format!(
                "AGENCY {subject} HAS NO LEADS AGENCY COORDINATOR - APPOINT A CERTIFIED EMPLOYEE AT ONCE AND SUBMIT THE NAME TO THE LEADS ADMINISTRATOR (1240.90(a)(1)){nth}"
            ),
            DeadlineKind::Recertification => format!(
                "THE LEADS CERTIFICATION OF {subject} RUNS OUT WITHIN {RECERTIFICATION_NOTICE_DAYS} DAYS - SCHEDULE THE FUNCTIONAL RETEST AND RECERTIFICATION (1240.90(b)(4)); WITHOUT IT ACCESS ENDS{nth}"
            ),
            DeadlineKind::CertificationResponse => format!(
                "THE WINDOW FOR {subject} TO RESPOND TO THE NOTICE AGAINST THE CERTIFICATION HAS CLOSED - THE DEPARTMENT MAY DECIDE (1240.90(b)(9)){nth}"
            ),
            DeadlineKind::CoordinatorCertification => format!(
                "THE LEADS AGENCY COORDINATOR OF {subject} IS NO LONGER CERTIFIED - THE POST IS VACANT (1240.90(a)(2)(B))"
            ),
            DeadlineKind::ViolationResponse => format!(
                "{subject}: THE MINOR VIOLATION WAS NOT PROMPTLY ADDRESSED - NO RESPONSE WITHIN {} DAYS OF THE NOTICE; A HEARING MAY BE SET (1240.110(a), (b)){nth}",
                crate::oversight::MINOR_RESPONSE_DAYS
            ),
            DeadlineKind::ViolationHearing => format!(
                "{subject}: THE HEARING SET FOR TODAY OR EARLIER HAS NO DECISION - HOLD IT AND RECORD THE DIRECTOR'S DECISION (1240.110(d), (e)){nth}"
            ),
            DeadlineKind::BasicTraining => format!(
                "{subject} HAS NOT RECEIVED BASIC LEADS TRAINING WITHIN SIX MONTHS OF EMPLOYMENT OR ASSIGNMENT (1240.90(b)(6)) - TRAIN AND RECORD IT{nth}"
            ),
            DeadlineKind::BulletinAcknowledgement => format!(
                "{subject} IS NOT ACKNOWLEDGED - READ IT, PASS IT TO YOUR USERS AND ACKNOWLEDGE IT (1240.90(b)(7)){nth}"
            ),
        }
    }
}

impl DeadlineKind {
    /// The Department, not the agency, must act: its notices go to the Administrator's queue.
    pub fn department_acts(self) -> bool {
        matches!(
            self,
            DeadlineKind::AuditCycle
                | DeadlineKind::CertificationResponse
                | DeadlineKind::ViolationHearing
        )
    }

    /// What the agency is told when this deadline retires its record.
    pub fn retired_text(self, subject: &str) -> String {
        match self {
            DeadlineKind::Validation => format!(
                "RECORD {subject} PURGED: NOT VALIDATED WITHIN {VALIDATION_ANSWER_DAYS} DAYS OF THE VALIDATION NOTICE - RE-ENTER IT ONCE IT IS VALIDATED"
            ),
            _ => self.notice_text(subject, 1),
        }
    }
}

/// What to do with a deadline that has passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Message the responsible agency (and the Administrator when `escalate`); look again
    /// `again_in` microseconds later.
    Notify { escalate: bool, again_in: i64 },
    /// Remove the record from the file, stating why, tell the agency, and close the deadline.
    Retire,
    /// Declare the agency non-compliant (1240.100(e)), tell it and the Administrator with the
    /// sanctions open, and close the deadline.
    NonCompliant,
    /// The coordinator's certification ran out: vacate the post and open the vacancy (T1).
    VacateCoordinator,
}

/// A deadline as the application holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub id: i64,
    pub kind: DeadlineKind,
    /// The agency that must act.
    pub ori: String,
    /// What it is about: a LEADS record number, or an oversight case (`AUDIT 3`) or agency.
    pub subject: String,
    /// When the deadline falls (or the next reminder, once missed).
    pub due_at: Timestamp,
    /// Notices already sent for it.
    pub notices: u32,
    pub created_at: Timestamp,
}

impl Deadline {
    /// Due now or earlier.
    pub fn is_due(&self, now: Timestamp) -> bool {
        self.due_at <= now
    }

    /// Missed: a notice has gone out, or it is due and the sweep has not yet run.
    pub fn is_overdue(&self, now: Timestamp) -> bool {
        self.notices > 0 || self.is_due(now)
    }
}

/// When a deadline of `kind` for an event at `event` falls due.
///
/// Validations fall on the first of a month (00:00 UTC): the agency's records that come due in
/// a month are listed together then (H8, the monthly validation list).
pub fn due_after(kind: DeadlineKind, event: Timestamp) -> Timestamp {
    let due = Timestamp::from_micros(event.as_micros().saturating_add(kind.timing().allowed));
    match kind {
        DeadlineKind::Validation => first_of_next_month(due),
        _ => due,
    }
}

/// `at` if it is the first of a month at 00:00 UTC, else the first of the next month.
pub fn first_of_next_month(at: Timestamp) -> Timestamp {
    let date = at.date();
    let start = |d: time::Date| {
        Timestamp::from_micros(d.midnight().assume_utc().unix_timestamp() * 1_000_000)
    };
    let this_month = date.replace_day(1).unwrap_or(date);
    if start(this_month) == at {
        return at;
    }
    let next = match date.month() {
        time::Month::December => {
            time::Date::from_calendar_date(date.year() + 1, time::Month::January, 1)
        }
        month => time::Date::from_calendar_date(date.year(), month.next(), 1),
    };
    next.map_or(at, start)
}

/// When the next validation falls after one done at `at`: a year later, on the first of that
/// month or the next (H8).
pub fn next_validation(at: Timestamp) -> Timestamp {
    first_of_next_month(Timestamp::from_micros(
        at.as_micros() + VALIDATION_INTERVAL_DAYS * DAY,
    ))
}
