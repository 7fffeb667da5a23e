//! A violation case against an agency (O3, 1240.110): its class decides its path. A minor
//! violation gets a written notice and ends when the agency promptly addresses it; a moderate
//! one a hearing set with at least 20 days' written notice; a major one an immediate
//! suspension of all or part of the services, a notice listing them and the alleged
//! violations, and a hearing within 10 days — which the Director may lift before the hearing
//! for emergency or public-safety needs.

use serde::{Deserialize, Serialize};
use time::Duration;

use super::hearing::Hearing;
use super::out_of_order::OutOfOrder;
use crate::access::service::ServiceScope;
use crate::clock::Timestamp;
use crate::fields::{FieldDate, Ori};
use crate::rules::{Cite, RuleId};

/// A minor violation: written notice; no suspension if promptly addressed.
pub const MINOR_VIOLATION: Cite = RuleId::O3.at("20 Ill. Adm. Code 1240.110(a)");
/// A moderate violation: a hearing with at least 20 days' advance written notice.
pub const HEARING_NOTICE: Cite = RuleId::O3.at("20 Ill. Adm. Code 1240.110(b)");
/// A major violation: immediate suspension with the services and violations listed.
pub const IMMEDIATE_SUSPENSION: Cite = RuleId::O3.at("20 Ill. Adm. Code 1240.110(c)");
/// After an immediate suspension: a hearing within 10 days; the Director may lift it before.
pub const PROMPT_HEARING: Cite = RuleId::O3.at("20 Ill. Adm. Code 1240.110(c)(3)");

/// The least notice of a hearing on a moderate violation, in days.
pub const HEARING_NOTICE_DAYS: i64 = 20;
/// The latest hearing after an immediate suspension, in days.
pub const HEARING_WITHIN_DAYS: i64 = 10;
/// Days a minor violation's notice gives the agency to address it before the Administrator is
/// told it was not promptly addressed.
pub const MINOR_RESPONSE_DAYS: i64 = 14;

/// How grave a violation is; the class decides the path (1240.110(a)-(c)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViolationClass {
    /// Does not threaten the integrity of LEADS or its data (low risk).
    Minor,
    /// Repeated, continuous, multiple, or major without need of immediate suspension.
    Moderate,
    /// Could seriously affect LEADS's integrity, threatens officers or the public, or is
    /// against the law: immediate suspension.
    Major,
}

impl ViolationClass {
    /// The stable name.
    pub fn name(self) -> &'static str {
        match self {
            ViolationClass::Minor => "minor",
            ViolationClass::Moderate => "moderate",
            ViolationClass::Major => "major",
        }
    }
}

/// One alleged violation, citing the rule broken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allegation {
    /// A rule id of docs/RULES.md.
    pub rule: String,
    pub text: String,
}

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStage {
    /// A minor violation's notice went out; the agency has not yet addressed it.
    Noticed,
    /// A hearing is set (the first, or a later one after time was granted to comply).
    HearingSet,
    /// Closed: addressed (minor) or decided for good.
    Closed,
}

/// A suspension a case imposed, and its lifting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSuspension {
    pub scopes: Vec<ServiceScope>,
    /// UTC microseconds.
    pub since: i64,
    pub by: String,
    /// When it was lifted or ended, by whom and why.
    pub lifted_at: Option<i64>,
    pub lifted_by: Option<String>,
    pub lifted_why: Option<String>,
}

impl CaseSuspension {
    /// Still in force.
    pub fn in_force(&self) -> bool {
        self.lifted_at.is_none()
    }
}

/// A violation case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViolationCase {
    pub ori: Ori,
    pub class: ViolationClass,
    pub allegations: Vec<Allegation>,
    pub opened_by: String,
    /// UTC microseconds.
    pub opened_at: i64,
    pub stage: CaseStage,
    /// The agency's written response to a minor violation's notice.
    pub response: Option<super::corrective::WrittenNotice>,
    /// Suspensions the case imposed (immediately, or by a decision), in order.
    pub suspensions: Vec<CaseSuspension>,
    pub hearings: Vec<Hearing>,
    /// How it closed.
    pub closed_how: Option<String>,
}

/// What opening a case asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening<'a> {
    pub ori: Ori,
    pub class: ViolationClass,
    pub allegations: &'a [Allegation],
    pub hearing_on: Option<FieldDate>,
    pub suspend: &'a [ServiceScope],
    pub by: &'a str,
}

fn days_after(day: FieldDate, days: i64) -> FieldDate {
    FieldDate::from_date(day.date().saturating_add(Duration::days(days)))
}

impl ViolationCase {
    /// Opens a case; the class decides what it must and must not carry.
    pub fn open(opening: Opening<'_>, now: Timestamp) -> Result<ViolationCase, OutOfOrder> {
        let today = FieldDate::from_date(now.date());
        if opening.allegations.is_empty() {
            return Err(OutOfOrder::new(
                MINOR_VIOLATION,
                "THE NOTICE EXPLAINS THE VIOLATION - NAME AT LEAST ONE, CITING ITS RULE",
            ));
        }
        let mut allegations = Vec::new();
        for a in opening.allegations {
            let Some(rule) = RuleId::from_id(a.rule.trim()) else {
                return Err(OutOfOrder::new(
                    MINOR_VIOLATION,
                    format!("{} IS NOT A RULE OF docs/RULES.md", a.rule.trim()),
                ));
            };
            if a.text.trim().len() < 10 {
                return Err(OutOfOrder::new(
                    MINOR_VIOLATION,
                    "SAY WHAT THE VIOLATION WAS (10 CHARACTERS OR MORE)",
                ));
            }
            allegations.push(Allegation {
                rule: rule.id().to_owned(),
                text: a.text.trim().to_owned(),
            });
        }
        for scope in opening.suspend {
            scope
                .check()
                .map_err(|text| OutOfOrder::new(IMMEDIATE_SUSPENSION, text))?;
        }
        let mut case = ViolationCase {
            ori: opening.ori,
            class: opening.class,
            allegations,
            opened_by: opening.by.to_owned(),
            opened_at: now.as_micros(),
            stage: CaseStage::Noticed,
            response: None,
            suspensions: Vec::new(),
            hearings: Vec::new(),
            closed_how: None,
        };
        match opening.class {
            ViolationClass::Minor => {
                if opening.hearing_on.is_some() || !opening.suspend.is_empty() {
                    return Err(OutOfOrder::new(
                        MINOR_VIOLATION,
                        "A MINOR VIOLATION IS ANSWERED BY WRITTEN NOTICE - NO HEARING AND NO SUSPENSION WHILE IT IS PROMPTLY ADDRESSED",
                    ));
                }
            }
            ViolationClass::Moderate => {
                if !opening.suspend.is_empty() {
                    return Err(OutOfOrder::new(
                        HEARING_NOTICE,
                        "A MODERATE VIOLATION DOES NOT REQUIRE IMMEDIATE SUSPENSION - CLASS IT MAJOR TO SUSPEND NOW",
                    ));
                }
                let earliest = days_after(today, HEARING_NOTICE_DAYS);
                let on = opening.hearing_on.ok_or_else(|| {
                    OutOfOrder::new(
                        HEARING_NOTICE,
                        format!("SET THE HEARING DATE - {earliest} OR LATER"),
                    )
                })?;
                if on < earliest {
                    return Err(OutOfOrder::new(
                        HEARING_NOTICE,
                        format!(
                            "THE AGENCY GETS AT LEAST {HEARING_NOTICE_DAYS} DAYS' WRITTEN NOTICE OF THE HEARING - {on} IS TOO EARLY, {earliest} IS THE EARLIEST"
                        ),
                    ));
                }
                case.hearings.push(Hearing::set(on, opening.by, now));
                case.stage = CaseStage::HearingSet;
            }
            ViolationClass::Major => {
                if opening.suspend.is_empty() {
                    return Err(OutOfOrder::new(
                        IMMEDIATE_SUSPENSION,
                        "A MAJOR VIOLATION SUSPENDS ALL OR PART OF LEADS AT ONCE - NAME THE SERVICES SUSPENDED",
                    ));
                }
                let latest = days_after(today, HEARING_WITHIN_DAYS);
                let on = opening.hearing_on.ok_or_else(|| {
                    OutOfOrder::new(
                        PROMPT_HEARING,
                        format!("SET THE HEARING DATE - {latest} AT THE LATEST"),
                    )
                })?;
                if on > latest || on < today {
                    return Err(OutOfOrder::new(
                        PROMPT_HEARING,
                        format!(
                            "THE HEARING IS WITHIN {HEARING_WITHIN_DAYS} DAYS OF THE IMMEDIATE SUSPENSION - BETWEEN {today} AND {latest}, NOT {on}"
                        ),
                    ));
                }
                case.suspensions.push(CaseSuspension {
                    scopes: opening.suspend.to_vec(),
                    since: now.as_micros(),
                    by: opening.by.to_owned(),
                    lifted_at: None,
                    lifted_by: None,
                    lifted_why: None,
                });
                case.hearings.push(Hearing::set(on, opening.by, now));
                case.stage = CaseStage::HearingSet;
            }
        }
        Ok(case)
    }

    /// The agency addressed a minor violation: the case closes with no suspension.
    pub fn record_response(
        &mut self,
        letter: super::corrective::WrittenNotice,
    ) -> Result<(), OutOfOrder> {
        if self.class != ViolationClass::Minor || self.stage != CaseStage::Noticed {
            return Err(OutOfOrder::new(
                MINOR_VIOLATION,
                format!(
                    "THIS CASE IS {} AND {} - THE AGENCY ANSWERS IT AT ITS HEARING",
                    self.class.name().to_ascii_uppercase(),
                    self.stage_text()
                ),
            ));
        }
        if letter.text.len() < 10 {
            return Err(OutOfOrder::new(
                MINOR_VIOLATION,
                "SAY HOW THE AGENCY ADDRESSED THE VIOLATION (10 CHARACTERS OR MORE)",
            ));
        }
        let late = self
            .response_due()
            .is_some_and(|due| letter.received_at > due.as_micros());
        self.response = Some(letter);
        self.stage = CaseStage::Closed;
        self.closed_how = Some(if late {
            "ADDRESSED BY THE AGENCY AFTER THE NOTICE'S 14 DAYS - NO SUSPENSION (1240.110(a))"
                .into()
        } else {
            "PROMPTLY ADDRESSED BY THE AGENCY - NO SUSPENSION (1240.110(a))".into()
        });
        Ok(())
    }

    /// A minor violation not promptly addressed goes to a hearing (1240.110(b): a violation
    /// that continues): the case becomes moderate, with at least 20 days' notice.
    pub fn set_hearing(
        &mut self,
        on: FieldDate,
        by: &str,
        now: Timestamp,
    ) -> Result<(), OutOfOrder> {
        if self.class != ViolationClass::Minor || self.stage != CaseStage::Noticed {
            return Err(OutOfOrder::new(
                HEARING_NOTICE,
                format!(
                    "A HEARING IS SET THIS WAY ONLY ON A MINOR VIOLATION STILL NOT ADDRESSED - THIS CASE IS {}",
                    self.stage_text()
                ),
            ));
        }
        let earliest = days_after(FieldDate::from_date(now.date()), HEARING_NOTICE_DAYS);
        if on < earliest {
            return Err(OutOfOrder::new(
                HEARING_NOTICE,
                format!(
                    "THE AGENCY GETS AT LEAST {HEARING_NOTICE_DAYS} DAYS' WRITTEN NOTICE OF THE HEARING - {on} IS TOO EARLY, {earliest} IS THE EARLIEST"
                ),
            ));
        }
        self.class = ViolationClass::Moderate;
        self.hearings.push(Hearing::set(on, by, now));
        self.stage = CaseStage::HearingSet;
        Ok(())
    }

    /// The Director ends a suspension a decision imposed, once the agency has complied
    /// (1240.110(e)(3)); returns the scopes ended.
    pub fn reinstate(
        &mut self,
        reason: &str,
        by: &str,
        now: Timestamp,
    ) -> Result<Vec<ServiceScope>, OutOfOrder> {
        if self.pending_hearing().is_some() {
            return Err(OutOfOrder::new(
                PROMPT_HEARING,
                "A HEARING IS PENDING - THE SUSPENSION ENDS BY ITS DECISION, OR IS LIFTED BEFORE IT",
            ));
        }
        if reason.trim().len() < 10 {
            return Err(OutOfOrder::new(
                super::hearing::DIRECTORS_DECISION,
                "STATE WHY THE SERVICES ARE RESTORED (10 CHARACTERS OR MORE)",
            ));
        }
        let ended = self
            .end_suspensions(&format!("SERVICES RESTORED: {}", reason.trim()), by, now)
            .ok_or_else(|| {
                OutOfOrder::new(
                    super::hearing::DIRECTORS_DECISION,
                    "NO SUSPENSION OF THIS CASE IS IN FORCE",
                )
            })?;
        self.closed_how = Some(format!(
            "SERVICES RESTORED BY THE DIRECTOR: {}",
            reason.trim()
        ));
        Ok(ended)
    }

    /// The Director lifts an immediate suspension before the hearing, for emergency or
    /// public-safety needs (1240.110(c)(3)); returns the scopes lifted.
    pub fn lift_before_hearing(
        &mut self,
        reason: &str,
        by: &str,
        now: Timestamp,
    ) -> Result<Vec<ServiceScope>, OutOfOrder> {
        // "Prior to the hearing": nothing of it recorded yet.
        let begun = self.hearings.first().is_some_and(|h| {
            h.decision.is_some() || !h.appearances.is_empty() || !h.evidence.is_empty()
        });
        if self.class != ViolationClass::Major || begun {
            return Err(OutOfOrder::new(
                PROMPT_HEARING,
                "ONLY AN IMMEDIATE SUSPENSION IS LIFTED, AND ONLY BEFORE ITS HEARING BEGINS - AFTER, THE DIRECTOR'S DECISION ENDS IT",
            ));
        }
        if reason.trim().len() < 10 {
            return Err(OutOfOrder::new(
                PROMPT_HEARING,
                "STATE THE EMERGENCY OR PUBLIC-SAFETY NEED (10 CHARACTERS OR MORE)",
            ));
        }
        self.end_suspensions(
            &format!("LIFTED BEFORE THE HEARING: {}", reason.trim()),
            by,
            now,
        )
        .ok_or_else(|| OutOfOrder::new(PROMPT_HEARING, "THE SUSPENSION WAS ALREADY LIFTED"))
    }

    /// Ends every suspension in force; `None` when none was.
    pub(super) fn end_suspensions(
        &mut self,
        why: &str,
        by: &str,
        now: Timestamp,
    ) -> Option<Vec<ServiceScope>> {
        let mut ended = Vec::new();
        for s in self.suspensions.iter_mut().filter(|s| s.in_force()) {
            s.lifted_at = Some(now.as_micros());
            s.lifted_by = Some(by.to_owned());
            s.lifted_why = Some(why.to_owned());
            ended.extend(s.scopes.iter().copied());
        }
        (!ended.is_empty()).then_some(ended)
    }

    /// The services suspended by this case now.
    pub fn suspended_now(&self) -> Vec<ServiceScope> {
        self.suspensions
            .iter()
            .filter(|s| s.in_force())
            .flat_map(|s| s.scopes.iter().copied())
            .collect()
    }

    /// The hearing to be held next, if any.
    pub fn pending_hearing(&self) -> Option<&Hearing> {
        self.hearings.last().filter(|h| h.decision.is_none())
    }

    /// When a minor violation's notice should have been addressed by.
    pub fn response_due(&self) -> Option<Timestamp> {
        (self.class == ViolationClass::Minor && self.stage == CaseStage::Noticed).then(|| {
            Timestamp::from_micros(self.opened_at + MINOR_RESPONSE_DAYS * 24 * 3_600 * 1_000_000)
        })
    }

    pub(super) fn stage_text(&self) -> String {
        match self.stage {
            CaseStage::Noticed => "NOTICED".into(),
            CaseStage::HearingSet => "AWAITING ITS HEARING".into(),
            CaseStage::Closed => "CLOSED".into(),
        }
    }
}
