//! Suspending or revoking a person's LEADS certification with due process (T4,
//! 1240.90(b)(9)): a written notice with the reason and the evidence, an opportunity to respond
//! (a response window), then the decision. A decision before the person has responded or the
//! window has closed is refused citing 90(b)(9).

use serde::{Deserialize, Serialize};

use crate::clock::Timestamp;
use crate::fields::FieldDate;
use crate::oversight::OutOfOrder;
use crate::rules::{Cite, RuleId};

/// The paragraph that gives the person notice and a chance to respond.
pub const DUE_PROCESS: Cite = RuleId::T4.at("20 Ill. Adm. Code 1240.90(b)(9)");
/// Days the person has to respond to the notice.
pub const RESPONSE_DAYS: i64 = 14;

/// What the notice proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificationSanction {
    Suspend,
    Revoke,
}

/// What the Department decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificationDecision {
    /// Suspended until a day (the person may not use LEADS until the day after).
    Suspend,
    /// Revoked: the certification is gone; a new one needs the certification program again.
    Revoke,
    /// No action: the certification stands.
    NoAction,
}

/// One proceeding against a person's certification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificationCase {
    pub proposed: CertificationSanction,
    pub reason: String,
    pub evidence: String,
    /// UTC microseconds.
    pub noticed_at: i64,
    pub noticed_by: String,
    /// The end of the response window, UTC microseconds.
    pub respond_by: i64,
    pub response: Option<String>,
    pub responded_at: Option<i64>,
    pub decision: Option<CertificationDecision>,
    pub decided_at: Option<i64>,
    pub decided_by: Option<String>,
    /// The last day of a suspension.
    pub suspended_until: Option<FieldDate>,
}

impl CertificationCase {
    /// The written notice: the reason and the evidence, and the window to respond.
    pub fn notice(
        proposed: CertificationSanction,
        reason: &str,
        evidence: &str,
        by: &str,
        now: Timestamp,
    ) -> Result<CertificationCase, OutOfOrder> {
        if reason.trim().len() < 10 || evidence.trim().len() < 10 {
            return Err(OutOfOrder::new(
                DUE_PROCESS,
                "THE NOTICE STATES THE REASON AND THE EVIDENCE (10 CHARACTERS OR MORE EACH)",
            ));
        }
        Ok(CertificationCase {
            proposed,
            reason: reason.trim().to_owned(),
            evidence: evidence.trim().to_owned(),
            noticed_at: now.as_micros(),
            noticed_by: by.to_owned(),
            respond_by: now.as_micros() + RESPONSE_DAYS * 24 * 3_600 * 1_000_000,
            response: None,
            responded_at: None,
            decision: None,
            decided_at: None,
            decided_by: None,
            suspended_until: None,
        })
    }

    /// The person's response, any time before the decision.
    pub fn respond(&mut self, text: &str, now: Timestamp) -> Result<(), OutOfOrder> {
        if self.decision.is_some() {
            return Err(OutOfOrder::new(DUE_PROCESS, "THE CASE IS ALREADY DECIDED"));
        }
        if text.trim().len() < 10 {
            return Err(OutOfOrder::new(
                DUE_PROCESS,
                "GIVE THE PERSON'S RESPONSE (10 CHARACTERS OR MORE)",
            ));
        }
        self.response = Some(text.trim().to_owned());
        self.responded_at = Some(now.as_micros());
        Ok(())
    }

    /// The decision: only once the person has responded or the window has closed.
    pub fn decide(
        &mut self,
        decision: CertificationDecision,
        until: Option<FieldDate>,
        by: &str,
        now: Timestamp,
    ) -> Result<(), OutOfOrder> {
        if self.decision.is_some() {
            return Err(OutOfOrder::new(DUE_PROCESS, "THE CASE IS ALREADY DECIDED"));
        }
        if self.response.is_none() && now.as_micros() < self.respond_by {
            return Err(OutOfOrder::new(
                DUE_PROCESS,
                format!(
                    "THE PERSON HAS UNTIL {} TO RESPOND - NO DECISION BEFORE THE RESPONSE OR THE END OF THE WINDOW",
                    Timestamp::from_micros(self.respond_by)
                ),
            ));
        }
        if decision == CertificationDecision::Suspend && until.is_none() {
            return Err(OutOfOrder::new(
                DUE_PROCESS,
                "A SUSPENSION NAMES ITS LAST DAY (until=)",
            ));
        }
        self.decision = Some(decision);
        self.decided_at = Some(now.as_micros());
        self.decided_by = Some(by.to_owned());
        self.suspended_until = until.filter(|_| decision == CertificationDecision::Suspend);
        Ok(())
    }

    /// Not yet decided.
    pub fn is_open(&self) -> bool {
        self.decision.is_none()
    }
}
