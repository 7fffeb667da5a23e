//! The LEADS Advisory Policy Board (O4, 1240.20): members the Director appoints, meetings with
//! their minutes, and recommendations on policy, rules, non-compliance and sanctions — each
//! linked to the cases it concerns — with the Director's response.

use serde::{Deserialize, Serialize};

use super::out_of_order::OutOfOrder;
use crate::clock::Timestamp;
use crate::fields::FieldDate;
use crate::rules::{Cite, RuleId};

/// The Director appoints the Board.
pub const BOARD_APPOINTED: Cite = RuleId::O4.at("20 Ill. Adm. Code 1240.20(a)");
/// What the Board recommends on.
pub const BOARD_SCOPE: Cite = RuleId::O4.at("20 Ill. Adm. Code 1240.20(b)");

/// A member of the Board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardMember {
    pub name: String,
    /// The community the member comes from (`ILLINOIS SHERIFFS' ASSOCIATION`).
    pub represents: String,
    pub appointed_on: FieldDate,
    pub appointed_by: String,
    /// When the membership ended, and why.
    pub ended_on: Option<FieldDate>,
    pub ended_why: Option<String>,
}

impl BoardMember {
    /// A member appointed by the Director.
    pub fn appoint(
        name: &str,
        represents: &str,
        on: FieldDate,
        by: &str,
    ) -> Result<BoardMember, OutOfOrder> {
        if name.trim().is_empty() || represents.trim().is_empty() {
            return Err(OutOfOrder::new(
                BOARD_APPOINTED,
                "NAME THE MEMBER AND WHOM THE MEMBER REPRESENTS",
            ));
        }
        Ok(BoardMember {
            name: name.trim().to_owned(),
            represents: represents.trim().to_owned(),
            appointed_on: on,
            appointed_by: by.to_owned(),
            ended_on: None,
            ended_why: None,
        })
    }

    /// Still a member on `day`.
    pub fn serves_on(&self, day: FieldDate) -> bool {
        self.appointed_on <= day && self.ended_on.is_none_or(|end| day < end)
    }

    /// Ends the membership.
    pub fn end(&mut self, on: FieldDate, why: &str) -> Result<(), OutOfOrder> {
        if self.ended_on.is_some() {
            return Err(OutOfOrder::new(
                BOARD_APPOINTED,
                "THE MEMBERSHIP HAS ALREADY ENDED",
            ));
        }
        if on < self.appointed_on || why.trim().is_empty() {
            return Err(OutOfOrder::new(
                BOARD_APPOINTED,
                "A MEMBERSHIP ENDS ON OR AFTER ITS APPOINTMENT, FOR A STATED REASON",
            ));
        }
        self.ended_on = Some(on);
        self.ended_why = Some(why.trim().to_owned());
        Ok(())
    }
}

/// What a recommendation concerns (1240.20(b)(1)-(4)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// General policy: LEADS's philosophy, concept and operational principles.
    Policy,
    /// LEADS rules, regulations, standards and procedures.
    Rules,
    /// An agency's non-compliance and the sanctions for it.
    NonCompliance,
    /// Another issue the Director asked the Board to consider.
    Other,
}

/// How the Director answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Adopted,
    AdoptedInPart,
    Declined,
    Deferred,
}

/// The Director's response to a recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectorsResponse {
    pub answer: Answer,
    pub text: String,
    pub by: String,
    /// UTC microseconds.
    pub at: i64,
}

/// A recommendation of the Board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    pub topic: Topic,
    pub text: String,
    /// The cases it concerns (`VIOLATION 2`, `AUDIT 5`).
    pub cases: Vec<String>,
    pub response: Option<DirectorsResponse>,
}

/// A meeting of the Board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardMeeting {
    pub held_on: FieldDate,
    /// Member numbers present.
    pub present: Vec<i64>,
    pub minutes: String,
    pub recorded_by: String,
    pub recommendations: Vec<Recommendation>,
}

impl BoardMeeting {
    /// A meeting held on a past day or today, with at least one member present.
    pub fn record(
        held_on: FieldDate,
        present: Vec<i64>,
        minutes: &str,
        by: &str,
        now: Timestamp,
    ) -> Result<BoardMeeting, OutOfOrder> {
        if held_on > FieldDate::from_date(now.date()) {
            return Err(OutOfOrder::new(
                BOARD_SCOPE,
                format!("A MEETING IS RECORDED ONCE HELD - {held_on} HAS NOT COME"),
            ));
        }
        if present.is_empty() || minutes.trim().len() < 10 {
            return Err(OutOfOrder::new(
                BOARD_SCOPE,
                "NAME THE MEMBERS PRESENT AND RECORD THE MINUTES (10 CHARACTERS OR MORE)",
            ));
        }
        Ok(BoardMeeting {
            held_on,
            present,
            minutes: minutes.trim().to_owned(),
            recorded_by: by.to_owned(),
            recommendations: Vec::new(),
        })
    }

    /// A recommendation made at the meeting; returns its number (1 = the first).
    pub fn recommend(
        &mut self,
        topic: Topic,
        text: &str,
        cases: Vec<String>,
    ) -> Result<usize, OutOfOrder> {
        if text.trim().len() < 10 {
            return Err(OutOfOrder::new(
                BOARD_SCOPE,
                "STATE THE RECOMMENDATION (10 CHARACTERS OR MORE)",
            ));
        }
        if topic == Topic::NonCompliance && cases.is_empty() {
            return Err(OutOfOrder::new(
                BOARD_SCOPE,
                "A RECOMMENDATION ON AN AGENCY'S NON-COMPLIANCE NAMES THE CASE IT CONCERNS",
            ));
        }
        self.recommendations.push(Recommendation {
            topic,
            text: text.trim().to_owned(),
            cases,
            response: None,
        });
        Ok(self.recommendations.len())
    }

    /// The Director answers recommendation `number` (1-based), once.
    pub fn respond(
        &mut self,
        number: usize,
        answer: Answer,
        text: &str,
        by: &str,
        now: Timestamp,
    ) -> Result<(), OutOfOrder> {
        let rec = number
            .checked_sub(1)
            .and_then(|i| self.recommendations.get_mut(i))
            .ok_or_else(|| {
                OutOfOrder::new(
                    BOARD_SCOPE,
                    format!("NO RECOMMENDATION {number} AT THIS MEETING"),
                )
            })?;
        if rec.response.is_some() {
            return Err(OutOfOrder::new(
                BOARD_SCOPE,
                "THE DIRECTOR HAS ALREADY RESPONDED TO THIS RECOMMENDATION",
            ));
        }
        if text.trim().len() < 10 {
            return Err(OutOfOrder::new(
                BOARD_SCOPE,
                "STATE THE DIRECTOR'S RESPONSE (10 CHARACTERS OR MORE)",
            ));
        }
        rec.response = Some(DirectorsResponse {
            answer,
            text: text.trim().to_owned(),
            by: by.to_owned(),
            at: now.as_micros(),
        });
        Ok(())
    }
}
