//! A hearing of a violation case (O3, 1240.110(d)-(e)) as recorded: who appeared, the
//! Administrator's evidence that a violation occurred, the agency's evidence, and the
//! Director's decision.

use serde::{Deserialize, Serialize};

use crate::access::service::ServiceScope;
use crate::clock::Timestamp;
use crate::fields::FieldDate;
use crate::rules::{Cite, RuleId};

/// The procedure of a hearing: appearances and both sides' evidence.
pub const HEARING_PROCEDURE: Cite = RuleId::O3.at("20 Ill. Adm. Code 1240.110(d)");
/// The Director's decision at the end of a hearing.
pub const DIRECTORS_DECISION: Cite = RuleId::O3.at("20 Ill. Adm. Code 1240.110(e)");

/// Whose evidence a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceSide {
    /// The LEADS Administrator's, that a violation occurred (110(d)(2)).
    Administrator,
    /// The agency's, on the violation or its corrective actions (110(d)(3)).
    Agency,
}

/// A document put in evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub side: EvidenceSide,
    /// The document's title or reference.
    pub document: String,
    pub description: String,
    pub recorded_by: String,
    /// UTC microseconds.
    pub recorded_at: i64,
}

/// Someone who appeared at the hearing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appearance {
    pub name: String,
    /// For whom, in what capacity (`AGENCY HEAD`, `LEADS ADMINISTRATOR`).
    pub capacity: String,
}

/// What the Director decides (1240.110(e)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Suspend the services named.
    Suspend,
    /// No violation: any suspension ends.
    NoViolation,
    /// End a suspension already imposed.
    EndSuspension,
    /// Grant time to comply and set the date of a second hearing.
    TimeToComply,
}

impl Outcome {
    /// The stable name.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Suspend => "suspend",
            Outcome::NoViolation => "no_violation",
            Outcome::EndSuspension => "end_suspension",
            Outcome::TimeToComply => "time_to_comply",
        }
    }
}

/// The Director's decision, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingDecision {
    pub outcome: Outcome,
    /// The services suspended (`suspend`).
    pub services: Vec<ServiceScope>,
    /// The day to comply by and the second hearing's date (`time_to_comply`).
    pub comply_by: Option<FieldDate>,
    pub next_hearing: Option<FieldDate>,
    /// The order, in the Director's words.
    pub text: String,
    pub by: String,
    /// UTC microseconds.
    pub at: i64,
}

/// One hearing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hearing {
    pub on: FieldDate,
    pub set_by: String,
    /// When it was set (the notice's date), UTC microseconds.
    pub set_at: i64,
    pub appearances: Vec<Appearance>,
    pub evidence: Vec<Evidence>,
    pub decision: Option<HearingDecision>,
}

impl Hearing {
    pub(super) fn set(on: FieldDate, by: &str, now: Timestamp) -> Hearing {
        Hearing {
            on,
            set_by: by.to_owned(),
            set_at: now.as_micros(),
            appearances: Vec::new(),
            evidence: Vec::new(),
            decision: None,
        }
    }
}
