//! Training (T3, 1240.90(b)(5)-(8)): the agency's records of every training, test and
//! proficiency affirmation per person; basic training for indirect users and criminal-justice
//! practitioners within six months of employment or assignment; basic training for
//! administrators and upper-level managers; and the Department's bulletins on changes to
//! LEADS, each acknowledged by every agency.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use super::out_of_order::OutOfOrder;
use crate::clock::Timestamp;
use crate::fields::{FieldDate, Ori};
use crate::rules::{Cite, RuleId};

/// The agency keeps records of all training, testing and proficiency affirmation.
pub const TRAINING_RECORDS: Cite = RuleId::T3.at("20 Ill. Adm. Code 1240.90(b)(5)");
/// Basic training of indirect users and practitioners within six months.
pub const BASIC_TRAINING: Cite = RuleId::T3.at("20 Ill. Adm. Code 1240.90(b)(6)");
/// Continuing information on changes to LEADS.
pub const CHANGES_TO_LEADS: Cite = RuleId::T3.at("20 Ill. Adm. Code 1240.90(b)(7)");
/// Basic training of administrators and upper-level managers.
pub const MANAGER_TRAINING: Cite = RuleId::T3.at("20 Ill. Adm. Code 1240.90(b)(8)");

/// Months after employment or assignment within which basic training is given.
pub const BASIC_TRAINING_MONTHS: u8 = 6;
/// Days an agency has to acknowledge a Department bulletin before it is reminded.
pub const BULLETIN_ACK_DAYS: i64 = 14;

/// Whom the agency trains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TraineeCategory {
    /// A certified LEADS user (certification is its own program, T2).
    User,
    /// An indirect user of LEADS the agency serves (110(b)(6)).
    IndirectUser,
    /// A criminal-justice practitioner the agency serves (110(b)(6)).
    Practitioner,
    /// A criminal-justice administrator or upper-level manager (110(b)(8)).
    Manager,
}

/// What a training record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrainingKind {
    /// Basic LEADS training (indirect users, practitioners).
    Basic,
    /// Basic training for administrators and managers: functionality, regulations, policy,
    /// audits, sanctions and related civil liability.
    ManagerBasic,
    /// A LEADS User Certification Program course.
    CertificationCourse,
    /// A test (a result is recorded).
    Test,
    /// An affirmation of proficiency (a result is recorded).
    ProficiencyAffirmation,
    /// Training on changes or enhancements to LEADS.
    Continuing,
}

impl TrainingKind {
    /// The stable name.
    pub fn name(self) -> &'static str {
        match self {
            TrainingKind::Basic => "basic",
            TrainingKind::ManagerBasic => "manager_basic",
            TrainingKind::CertificationCourse => "certification_course",
            TrainingKind::Test => "test",
            TrainingKind::ProficiencyAffirmation => "proficiency_affirmation",
            TrainingKind::Continuing => "continuing",
        }
    }
}

/// One training, test or affirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingRecord {
    pub kind: TrainingKind,
    pub on: FieldDate,
    /// Who gave it.
    pub instructor: String,
    /// A test's score or an affirmation's result.
    pub result: Option<String>,
    pub recorded_by: String,
}

/// A person the agency trains, with every record of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trainee {
    pub ori: Ori,
    pub name: String,
    /// The person's LEADS account, if any.
    pub person: Option<String>,
    pub category: TraineeCategory,
    /// The day of employment or assignment.
    pub since: FieldDate,
    pub records: Vec<TrainingRecord>,
}

fn months_after(day: Date, months: u8) -> Date {
    let index = i32::from(u8::from(day.month())) - 1 + i32::from(months);
    let year = day.year() + index.div_euclid(12);
    let month = u8::try_from(index.rem_euclid(12) + 1)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .unwrap_or(Month::December);
    let last = month.length(year);
    Date::from_calendar_date(year, month, day.day().min(last)).unwrap_or(day)
}

impl Trainee {
    /// A person on the agency's training roll.
    pub fn register(
        ori: Ori,
        name: &str,
        person: Option<String>,
        category: TraineeCategory,
        since: FieldDate,
        now: Timestamp,
    ) -> Result<Trainee, OutOfOrder> {
        if name.trim().is_empty() {
            return Err(OutOfOrder::new(TRAINING_RECORDS, "NAME THE PERSON TRAINED"));
        }
        if since > FieldDate::from_date(now.date()) {
            return Err(OutOfOrder::new(
                BASIC_TRAINING,
                format!("THE DAY OF EMPLOYMENT OR ASSIGNMENT HAS COME, NOT {since}"),
            ));
        }
        Ok(Trainee {
            ori,
            name: name.trim().to_owned(),
            person,
            category,
            since,
            records: Vec::new(),
        })
    }

    /// The training the rules require of this person, if any.
    pub fn required(&self) -> Option<TrainingKind> {
        match self.category {
            TraineeCategory::IndirectUser | TraineeCategory::Practitioner => {
                Some(TrainingKind::Basic)
            }
            TraineeCategory::Manager => Some(TrainingKind::ManagerBasic),
            TraineeCategory::User => None,
        }
    }

    /// The last day the required basic training may be given (indirect users and
    /// practitioners: six months after employment or assignment).
    pub fn trained_by(&self) -> Option<FieldDate> {
        matches!(
            self.category,
            TraineeCategory::IndirectUser | TraineeCategory::Practitioner
        )
        .then(|| FieldDate::from_date(months_after(self.since.date(), BASIC_TRAINING_MONTHS)))
    }

    /// The required training is on record.
    pub fn is_trained(&self) -> bool {
        self.required()
            .is_none_or(|kind| self.records.iter().any(|r| r.kind == kind))
    }

    /// Records a training, test or affirmation; returns whether the required training is now
    /// on record.
    pub fn record(&mut self, record: TrainingRecord, now: Timestamp) -> Result<bool, OutOfOrder> {
        if record.on > FieldDate::from_date(now.date()) {
            return Err(OutOfOrder::new(
                TRAINING_RECORDS,
                format!(
                    "TRAINING IS RECORDED ONCE GIVEN - {} HAS NOT COME",
                    record.on
                ),
            ));
        }
        if record.instructor.trim().is_empty() {
            return Err(OutOfOrder::new(
                TRAINING_RECORDS,
                "NAME WHO GAVE THE TRAINING",
            ));
        }
        let needs_result = matches!(
            record.kind,
            TrainingKind::Test | TrainingKind::ProficiencyAffirmation
        );
        if needs_result && record.result.as_deref().is_none_or(|r| r.trim().is_empty()) {
            return Err(OutOfOrder::new(
                TRAINING_RECORDS,
                "A TEST OR PROFICIENCY AFFIRMATION RECORDS ITS RESULT",
            ));
        }
        let wrong_basic = match record.kind {
            TrainingKind::Basic => self.category == TraineeCategory::Manager,
            TrainingKind::ManagerBasic => self.category != TraineeCategory::Manager,
            _ => false,
        };
        if wrong_basic {
            return Err(OutOfOrder::new(
                MANAGER_TRAINING,
                "ADMINISTRATORS AND UPPER-LEVEL MANAGERS RECEIVE manager_basic; INDIRECT USERS AND PRACTITIONERS RECEIVE basic",
            ));
        }
        self.records.push(record);
        Ok(self.is_trained())
    }
}

/// An agency's acknowledgement of a bulletin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acknowledgement {
    pub ori: Ori,
    pub by: String,
    /// UTC microseconds.
    pub at: i64,
}

/// A Department bulletin on a change or enhancement to LEADS (1240.90(b)(7)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bulletin {
    pub title: String,
    pub text: String,
    pub issued_by: String,
    /// UTC microseconds.
    pub issued_at: i64,
    /// The agencies it was sent to.
    pub addressed_to: Vec<Ori>,
    pub acknowledgements: Vec<Acknowledgement>,
}

impl Bulletin {
    /// A bulletin to the agencies `to`.
    pub fn issue(
        title: &str,
        text: &str,
        to: Vec<Ori>,
        by: &str,
        now: Timestamp,
    ) -> Result<Bulletin, OutOfOrder> {
        if title.trim().is_empty() || text.trim().len() < 10 {
            return Err(OutOfOrder::new(
                CHANGES_TO_LEADS,
                "A BULLETIN HAS A TITLE AND SAYS WHAT CHANGES (10 CHARACTERS OR MORE)",
            ));
        }
        Ok(Bulletin {
            title: title.trim().to_owned(),
            text: text.trim().to_owned(),
            issued_by: by.to_owned(),
            issued_at: now.as_micros(),
            addressed_to: to,
            acknowledgements: Vec::new(),
        })
    }

    /// The agency acknowledges it, once.
    pub fn acknowledge(&mut self, ori: &Ori, by: &str, now: Timestamp) -> Result<(), OutOfOrder> {
        if !self.addressed_to.contains(ori) {
            return Err(OutOfOrder::new(
                CHANGES_TO_LEADS,
                format!("THE BULLETIN WAS NOT SENT TO {ori}"),
            ));
        }
        if self.acknowledgements.iter().any(|a| &a.ori == ori) {
            return Err(OutOfOrder::new(
                CHANGES_TO_LEADS,
                format!("{ori} HAS ALREADY ACKNOWLEDGED THIS BULLETIN"),
            ));
        }
        self.acknowledgements.push(Acknowledgement {
            ori: ori.clone(),
            by: by.to_owned(),
            at: now.as_micros(),
        });
        Ok(())
    }

    /// The agencies that have not acknowledged it.
    pub fn unacknowledged(&self) -> Vec<&Ori> {
        self.addressed_to
            .iter()
            .filter(|o| !self.acknowledgements.iter().any(|a| &a.ori == *o))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_months_after_keeps_the_day_or_the_month_end() {
        let d = |y, m, day| Date::from_calendar_date(y, m, day).unwrap();
        assert_eq!(
            months_after(d(2026, Month::January, 15), 6),
            d(2026, Month::July, 15)
        );
        assert_eq!(
            months_after(d(2026, Month::August, 31), 6),
            d(2027, Month::February, 28)
        );
        assert_eq!(
            months_after(d(2026, Month::December, 1), 6),
            d(2027, Month::June, 1)
        );
    }
}
