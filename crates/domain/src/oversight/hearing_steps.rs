//! The steps of a hearing (O3, 1240.110(d)-(e)): appearances and evidence from the hearing day
//! on, then the Director's decision — suspend, no violation, end the suspension, or time to
//! comply with a second hearing, at which every option is open again.

use super::hearing::{
    Appearance, DIRECTORS_DECISION, Evidence, EvidenceSide, HEARING_PROCEDURE, Hearing,
    HearingDecision, Outcome,
};
use super::out_of_order::OutOfOrder;
use super::violation::{CaseStage, CaseSuspension, ViolationCase};
use crate::access::service::ServiceScope;
use crate::clock::Timestamp;
use crate::fields::FieldDate;

/// What a decision asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deciding<'a> {
    pub outcome: Outcome,
    pub services: &'a [ServiceScope],
    pub comply_by: Option<FieldDate>,
    pub next_hearing: Option<FieldDate>,
    pub text: &'a str,
    pub by: &'a str,
}

/// What a decision changed in the agency's services.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionEffect {
    pub suspended: Vec<ServiceScope>,
    pub ended: Vec<ServiceScope>,
}

impl ViolationCase {
    /// The hearing under way: its day has come and it is not decided.
    fn hearing_today(&mut self, now: Timestamp) -> Result<&mut Hearing, OutOfOrder> {
        let stage = self.stage_text();
        let hearing = self
            .hearings
            .last_mut()
            .filter(|h| h.decision.is_none())
            .ok_or_else(|| {
                OutOfOrder::new(
                    HEARING_PROCEDURE,
                    format!("THE CASE IS {stage} - NO HEARING IS PENDING"),
                )
            })?;
        if FieldDate::from_date(now.date()) < hearing.on {
            return Err(OutOfOrder::new(
                HEARING_PROCEDURE,
                format!("THE HEARING IS SET FOR {} - IT HAS NOT BEGUN", hearing.on),
            ));
        }
        Ok(hearing)
    }

    /// Someone appeared at the hearing (110(d)(1)).
    pub fn record_appearance(
        &mut self,
        name: &str,
        capacity: &str,
        now: Timestamp,
    ) -> Result<(), OutOfOrder> {
        let hearing = self.hearing_today(now)?;
        if name.trim().is_empty() || capacity.trim().is_empty() {
            return Err(OutOfOrder::new(
                HEARING_PROCEDURE,
                "NAME WHO APPEARED AND IN WHAT CAPACITY",
            ));
        }
        hearing.appearances.push(Appearance {
            name: name.trim().to_owned(),
            capacity: capacity.trim().to_owned(),
        });
        Ok(())
    }

    /// A document in evidence (110(d)(2), (3)).
    pub fn record_evidence(
        &mut self,
        side: EvidenceSide,
        document: &str,
        description: &str,
        by: &str,
        now: Timestamp,
    ) -> Result<(), OutOfOrder> {
        let hearing = self.hearing_today(now)?;
        if document.trim().is_empty() || description.trim().len() < 10 {
            return Err(OutOfOrder::new(
                HEARING_PROCEDURE,
                "NAME THE DOCUMENT AND SAY WHAT IT SHOWS (10 CHARACTERS OR MORE)",
            ));
        }
        hearing.evidence.push(Evidence {
            side,
            document: document.trim().to_owned(),
            description: description.trim().to_owned(),
            recorded_by: by.to_owned(),
            recorded_at: now.as_micros(),
        });
        Ok(())
    }

    /// The Director's decision at the end of the hearing (110(e)).
    pub fn decide(
        &mut self,
        d: Deciding<'_>,
        now: Timestamp,
    ) -> Result<DecisionEffect, OutOfOrder> {
        let in_force = !self.suspended_now().is_empty();
        let refuse = |text: String| Err(OutOfOrder::new(DIRECTORS_DECISION, text));
        let hearing = self.hearing_today(now)?;
        let presented = hearing
            .evidence
            .iter()
            .any(|e| e.side == EvidenceSide::Administrator);
        if d.text.trim().len() < 10 {
            return refuse("STATE THE DIRECTOR'S ORDER (10 CHARACTERS OR MORE)".into());
        }
        match d.outcome {
            Outcome::Suspend if d.services.is_empty() => {
                return refuse("NAME THE SERVICES SUSPENDED".into());
            }
            Outcome::Suspend if d.services.iter().any(|s| s.check().is_err()) => {
                let text = d
                    .services
                    .iter()
                    .find_map(|s| s.check().err())
                    .unwrap_or_default();
                return refuse(text);
            }
            Outcome::Suspend if !presented => {
                return Err(OutOfOrder::new(
                    HEARING_PROCEDURE,
                    "NO EVIDENCE OF A VIOLATION WAS PRESENTED - THE ADMINISTRATOR PRESENTS IT BEFORE A SUSPENSION (1240.110(d)(2))",
                ));
            }
            Outcome::EndSuspension if !in_force => {
                return refuse("NO SUSPENSION OF THIS CASE IS IN FORCE".into());
            }
            Outcome::TimeToComply => {
                let today = FieldDate::from_date(now.date());
                match (d.comply_by, d.next_hearing) {
                    (Some(by), Some(next)) if by >= today && next > by => {}
                    _ => {
                        return refuse(
                            "TIME TO COMPLY NAMES THE DAY TO COMPLY BY AND A LATER DATE FOR THE SECOND HEARING (1240.110(e)(4))"
                                .into(),
                        );
                    }
                }
            }
            _ => {}
        }
        hearing.decision = Some(HearingDecision {
            outcome: d.outcome,
            services: d.services.to_vec(),
            comply_by: d.comply_by,
            next_hearing: d.next_hearing,
            text: d.text.trim().to_owned(),
            by: d.by.to_owned(),
            at: now.as_micros(),
        });
        let mut effect = DecisionEffect::default();
        let order = format!(
            "DIRECTOR'S DECISION: {}",
            d.outcome.name().to_ascii_uppercase()
        );
        match d.outcome {
            Outcome::Suspend => {
                // The decision's suspension replaces any immediate one.
                effect.ended = self.end_suspensions(&order, d.by, now).unwrap_or_default();
                self.suspensions.push(CaseSuspension {
                    scopes: d.services.to_vec(),
                    since: now.as_micros(),
                    by: d.by.to_owned(),
                    lifted_at: None,
                    lifted_by: None,
                    lifted_why: None,
                });
                effect.suspended = d.services.to_vec();
                self.close(&order);
            }
            Outcome::NoViolation | Outcome::EndSuspension => {
                effect.ended = self.end_suspensions(&order, d.by, now).unwrap_or_default();
                self.close(&order);
            }
            Outcome::TimeToComply => {
                if let Some(next) = d.next_hearing {
                    self.hearings.push(Hearing::set(next, d.by, now));
                }
                self.stage = CaseStage::HearingSet;
            }
        }
        Ok(effect)
    }

    /// The number (1 = the first) of the last hearing decided.
    pub fn last_decided(&self) -> Option<usize> {
        self.hearings
            .iter()
            .rposition(|h| h.decision.is_some())
            .map(|i| i + 1)
    }

    fn close(&mut self, how: &str) {
        self.stage = CaseStage::Closed;
        self.closed_how = Some(how.to_owned());
    }
}
