//! Corrective action after an audit that found the agency out of compliance (O2,
//! 1240.100(d)-(e)): the agency head's written plan within 30 days of the report, then the
//! head's written notice that the plan is accomplished. Missing either makes the agency
//! non-compliant.

use serde::{Deserialize, Serialize};

use super::out_of_order::OutOfOrder;
use crate::clock::Timestamp;
use crate::fields::FieldDate;
use crate::rules::{Cite, RuleId};

/// Days after receiving the report the agency head has for the plan of action.
pub const PLAN_DAYS: i64 = 30;

/// The plan of action within 30 days (1240.100(d)).
pub const CORRECTIVE_PLAN: Cite = RuleId::O2.at("20 Ill. Adm. Code 1240.100(d)");
/// Missing the plan or the notice of completion makes the agency non-compliant.
pub const CORRECTIVE_COMPLETION: Cite = RuleId::O2.at("20 Ill. Adm. Code 1240.100(e)");

/// A letter from the agency head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenNotice {
    /// The agency head who signed it.
    pub head: String,
    pub text: String,
    /// When the Administrator received it (UTC microseconds), and who recorded it.
    pub received_at: i64,
    pub recorded_by: String,
}

/// The corrective action of one audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectiveAction {
    /// When the report was received (issued to the agency's queue), UTC microseconds.
    pub opened_at: i64,
    pub plan: Option<WrittenNotice>,
    /// The day the plan says its objectives will be accomplished.
    pub complete_by: Option<FieldDate>,
    pub accomplished: Option<WrittenNotice>,
}

impl CorrectiveAction {
    pub(crate) fn opened(at: Timestamp) -> CorrectiveAction {
        CorrectiveAction {
            opened_at: at.as_micros(),
            plan: None,
            complete_by: None,
            accomplished: None,
        }
    }

    /// When the plan is due: 30 days after the report.
    pub fn plan_due(&self) -> Timestamp {
        Timestamp::from_micros(self.opened_at + PLAN_DAYS * 24 * 3_600 * 1_000_000)
    }

    /// When the notice of completion is due: the end of the plan's completion day.
    pub fn completion_due(&self) -> Option<Timestamp> {
        self.complete_by.map(|d| {
            let next = d.date().next_day().unwrap_or(d.date());
            Timestamp::from_micros(next.midnight().assume_utc().unix_timestamp() * 1_000_000)
        })
    }

    /// Records the agency head's plan of action, with the day its objectives will be met.
    pub fn record_plan(
        &mut self,
        notice: WrittenNotice,
        complete_by: FieldDate,
        today: FieldDate,
    ) -> Result<(), OutOfOrder> {
        if self.plan.is_some() {
            return Err(OutOfOrder::new(
                CORRECTIVE_PLAN,
                "THE PLAN OF ACTION IS ALREADY ON FILE",
            ));
        }
        check_letter(&notice, CORRECTIVE_PLAN)?;
        if complete_by < today {
            return Err(OutOfOrder::new(
                CORRECTIVE_PLAN,
                format!("THE PLAN'S COMPLETION DAY {complete_by} HAS PASSED - GIVE A DAY TO COME"),
            ));
        }
        self.plan = Some(notice);
        self.complete_by = Some(complete_by);
        Ok(())
    }

    /// Records the agency head's written notice that the plan is accomplished: the case
    /// closes.
    pub fn record_accomplished(&mut self, notice: WrittenNotice) -> Result<(), OutOfOrder> {
        if self.plan.is_none() {
            return Err(OutOfOrder::new(
                CORRECTIVE_PLAN,
                "NO PLAN OF ACTION IS ON FILE - THE AGENCY HEAD'S PLAN COMES FIRST",
            ));
        }
        if self.accomplished.is_some() {
            return Err(OutOfOrder::new(
                CORRECTIVE_COMPLETION,
                "THE CORRECTIVE ACTION IS ALREADY CLOSED",
            ));
        }
        check_letter(&notice, CORRECTIVE_COMPLETION)?;
        self.accomplished = Some(notice);
        Ok(())
    }

    /// Closed by the notice of completion.
    pub fn is_closed(&self) -> bool {
        self.accomplished.is_some()
    }
}

fn check_letter(notice: &WrittenNotice, cite: Cite) -> Result<(), OutOfOrder> {
    if notice.head.trim().is_empty() {
        return Err(OutOfOrder::new(
            cite,
            "THE LETTER IS THE AGENCY HEAD'S - NAME THE HEAD WHO SIGNED IT",
        ));
    }
    if notice.text.trim().len() < 10 {
        return Err(OutOfOrder::new(
            cite,
            "GIVE THE LETTER'S CONTENT (10 CHARACTERS OR MORE)",
        ));
    }
    Ok(())
}
