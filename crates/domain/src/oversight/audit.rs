//! An audit of a terminal agency (O1, 1240.100(a)-(c), (f)): scheduled, notified before it
//! takes place, conducted with the coordinator or a designee present, its findings recorded
//! each citing the rule it concerns, and its written report issued to the agency head.

use serde::{Deserialize, Serialize};

use super::corrective::CorrectiveAction;
use super::out_of_order::OutOfOrder;
use crate::clock::Timestamp;
use crate::fields::{FieldDate, Ori};
use crate::rules::{Cite, RuleId};

/// The Department's audit cycle when not configured: every terminal agency at least every
/// three years.
pub const DEFAULT_AUDIT_CYCLE_DAYS: i64 = 3 * 365;
/// The longest cycle the Department may configure (three years).
pub const MAX_AUDIT_CYCLE_DAYS: i64 = 3 * 365;

/// The agency is notified before the audit.
pub const AUDIT_NOTICE: Cite = RuleId::O1.at("20 Ill. Adm. Code 1240.100(a)");
/// The coordinator or a designee is present and makes the files available.
pub const AUDIT_PRESENCE: Cite = RuleId::O1.at("20 Ill. Adm. Code 1240.100(b)");
/// The written analysis of findings, recommendations, discussions and requirements.
pub const AUDIT_REPORT: Cite = RuleId::O1.at("20 Ill. Adm. Code 1240.100(c)");
/// An agency that refuses to cooperate is non-compliant.
pub const AUDIT_REFUSAL: Cite = RuleId::O2.at("20 Ill. Adm. Code 1240.100(f)");

/// Where an audit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditStage {
    /// On the Department's calendar; the agency not yet told.
    Scheduled,
    /// The agency has its written notice.
    Notified,
    /// Under way: the coordinator or designee is present; findings are being recorded.
    Conducted,
    /// The written report was issued to the agency head.
    Reported,
    /// The agency refused to cooperate (1240.100(f)).
    Refused,
}

impl AuditStage {
    /// The stable name.
    pub fn name(self) -> &'static str {
        match self {
            AuditStage::Scheduled => "scheduled",
            AuditStage::Notified => "notified",
            AuditStage::Conducted => "conducted",
            AuditStage::Reported => "reported",
            AuditStage::Refused => "refused",
        }
    }
}

/// In what capacity the agency's person attended (1240.100(b)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PresentAs {
    Coordinator,
    Designee,
}

/// Who attended for the agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub name: String,
    pub capacity: PresentAs,
    /// UTC microseconds.
    pub recorded_at: i64,
}

/// What an item of the report is (1240.100(c)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// What the audit found.
    Finding,
    /// What the Department recommends.
    Recommendation,
    /// What was discussed with the agency.
    Discussion,
    /// What the agency must do to comply: the agency is out of compliance (1240.100(d)).
    Requirement,
}

impl FindingKind {
    /// The heading it is listed under.
    pub fn heading(self) -> &'static str {
        match self {
            FindingKind::Finding => "FINDING",
            FindingKind::Recommendation => "RECOMMENDATION",
            FindingKind::Discussion => "DISCUSSION",
            FindingKind::Requirement => "REQUIREMENT FOR COMPLIANCE",
        }
    }
}

/// One item of the audit's written analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// The rule it concerns (a rule id of docs/RULES.md).
    pub rule: String,
    pub text: String,
    /// Who recorded it.
    pub by: String,
}

/// An audit of one agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyAudit {
    pub ori: Ori,
    /// The day the Department will be at the agency.
    pub scheduled_for: FieldDate,
    /// Who scheduled it.
    pub scheduled_by: String,
    pub stage: AuditStage,
    /// When the written notice was sent (UTC microseconds), and what it asks to be available.
    pub notified_at: Option<i64>,
    pub make_available: Option<String>,
    pub presence: Option<Presence>,
    pub findings: Vec<Finding>,
    /// When the report was issued, and to whom (the agency head).
    pub reported_at: Option<i64>,
    pub report_to: Option<String>,
    /// Why the agency did not cooperate (1240.100(f)).
    pub refusal: Option<String>,
    /// Opened by a report that finds the agency out of compliance (1240.100(d)).
    pub corrective: Option<CorrectiveAction>,
}

impl AgencyAudit {
    /// A new audit of `ori` on `date`, scheduled by `by` on `today`: never in the past.
    pub fn schedule(
        ori: Ori,
        date: FieldDate,
        by: &str,
        today: FieldDate,
    ) -> Result<AgencyAudit, OutOfOrder> {
        if date < today {
            return Err(OutOfOrder::new(
                AUDIT_NOTICE,
                format!("AN AUDIT IS SCHEDULED FOR A DAY TO COME, NOT {date}"),
            ));
        }
        Ok(AgencyAudit {
            ori,
            scheduled_for: date,
            scheduled_by: by.to_owned(),
            stage: AuditStage::Scheduled,
            notified_at: None,
            make_available: None,
            presence: None,
            findings: Vec::new(),
            reported_at: None,
            report_to: None,
            refusal: None,
            corrective: None,
        })
    }

    /// Moves the audit to another day before it has begun.
    pub fn reschedule(&mut self, date: FieldDate, today: FieldDate) -> Result<(), OutOfOrder> {
        if !matches!(self.stage, AuditStage::Scheduled | AuditStage::Notified) {
            return Err(OutOfOrder::new(
                AUDIT_NOTICE,
                format!(
                    "THE AUDIT IS {} - IT CAN NO LONGER BE MOVED",
                    self.stage_text()
                ),
            ));
        }
        if date < today {
            return Err(OutOfOrder::new(
                AUDIT_NOTICE,
                format!("AN AUDIT IS SCHEDULED FOR A DAY TO COME, NOT {date}"),
            ));
        }
        self.scheduled_for = date;
        // A moved audit needs a new notice with the new date.
        if self.stage == AuditStage::Notified {
            self.stage = AuditStage::Scheduled;
            self.notified_at = None;
        }
        Ok(())
    }

    /// The written notice to the agency, before the audit day (1240.100(a)).
    pub fn notify(&mut self, make_available: &str, now: Timestamp) -> Result<(), OutOfOrder> {
        if self.stage != AuditStage::Scheduled {
            return Err(OutOfOrder::new(
                AUDIT_NOTICE,
                format!(
                    "THE AUDIT IS {} - ITS NOTICE WAS ALREADY SENT",
                    self.stage_text()
                ),
            ));
        }
        if FieldDate::from_date(now.date()) >= self.scheduled_for {
            return Err(OutOfOrder::new(
                AUDIT_NOTICE,
                format!(
                    "THE AGENCY IS NOTIFIED PRIOR TO THE AUDIT - MOVE THE AUDIT (NOW {}) TO A LATER DAY FIRST",
                    self.scheduled_for
                ),
            ));
        }
        if make_available.trim().len() < 10 {
            return Err(OutOfOrder::new(
                AUDIT_PRESENCE,
                "THE NOTICE SAYS WHAT FILES, LOGS AND DOCUMENTS MUST BE MADE AVAILABLE (10 CHARACTERS OR MORE)",
            ));
        }
        self.stage = AuditStage::Notified;
        self.notified_at = Some(now.as_micros());
        self.make_available = Some(make_available.trim().to_owned());
        Ok(())
    }

    /// The coordinator or a designee is present: the audit begins (1240.100(b)). Not before
    /// the agency was notified, nor before the audit day.
    pub fn record_presence(
        &mut self,
        name: &str,
        capacity: PresentAs,
        now: Timestamp,
    ) -> Result<(), OutOfOrder> {
        match self.stage {
            AuditStage::Notified | AuditStage::Conducted => {}
            AuditStage::Scheduled => {
                return Err(OutOfOrder::new(
                    AUDIT_NOTICE,
                    "THE AGENCY WAS NOT NOTIFIED OF THE AUDIT - SEND THE NOTICE BEFORE THE AUDIT",
                ));
            }
            _ => return Err(self.closed()),
        }
        if FieldDate::from_date(now.date()) < self.scheduled_for {
            return Err(OutOfOrder::new(
                AUDIT_NOTICE,
                format!(
                    "THE AUDIT IS SET FOR {} - IT HAS NOT BEGUN",
                    self.scheduled_for
                ),
            ));
        }
        if name.trim().is_empty() {
            return Err(OutOfOrder::new(
                AUDIT_PRESENCE,
                "NAME THE COORDINATOR OR DESIGNEE PRESENT",
            ));
        }
        self.presence = Some(Presence {
            name: name.trim().to_owned(),
            capacity,
            recorded_at: now.as_micros(),
        });
        self.stage = AuditStage::Conducted;
        Ok(())
    }

    /// One item of the written analysis, citing the rule it concerns; only while the audit is
    /// conducted with the agency present.
    pub fn record_finding(
        &mut self,
        kind: FindingKind,
        rule: &str,
        text: &str,
        by: &str,
    ) -> Result<(), OutOfOrder> {
        match self.stage {
            AuditStage::Conducted => {}
            AuditStage::Scheduled | AuditStage::Notified => {
                return Err(OutOfOrder::new(
                    AUDIT_PRESENCE,
                    "THE AUDIT HAS NOT BEGUN - RECORD WHO IS PRESENT FOR THE AGENCY FIRST",
                ));
            }
            _ => return Err(self.closed()),
        }
        let Some(rule) = RuleId::from_id(rule.trim()) else {
            return Err(OutOfOrder::new(
                AUDIT_REPORT,
                format!(
                    "EACH FINDING CITES THE RULE IT CONCERNS - {rule} IS NOT A RULE OF docs/RULES.md"
                ),
            ));
        };
        if text.trim().len() < 10 {
            return Err(OutOfOrder::new(
                AUDIT_REPORT,
                "SAY WHAT WAS FOUND (10 CHARACTERS OR MORE)",
            ));
        }
        self.findings.push(Finding {
            kind,
            rule: rule.id().to_owned(),
            text: text.trim().to_owned(),
            by: by.to_owned(),
        });
        Ok(())
    }

    /// Issues the written report to the agency head (1240.100(c)). A report with a
    /// requirement for compliance finds the agency out of compliance and opens its corrective
    /// action (1240.100(d)).
    pub fn issue_report(&mut self, to_head: &str, now: Timestamp) -> Result<bool, OutOfOrder> {
        match self.stage {
            AuditStage::Conducted => {}
            AuditStage::Scheduled | AuditStage::Notified => {
                return Err(OutOfOrder::new(
                    AUDIT_PRESENCE,
                    "THE AUDIT HAS NOT BEEN CONDUCTED - NO REPORT CAN BE ISSUED",
                ));
            }
            _ => return Err(self.closed()),
        }
        if self.findings.is_empty() {
            return Err(OutOfOrder::new(
                AUDIT_REPORT,
                "THE REPORT DETAILS THE AUDIT'S FINDINGS - RECORD AT LEAST ONE",
            ));
        }
        if to_head.trim().is_empty() {
            return Err(OutOfOrder::new(
                AUDIT_REPORT,
                "NAME THE AGENCY HEAD THE REPORT IS ISSUED TO",
            ));
        }
        self.stage = AuditStage::Reported;
        self.reported_at = Some(now.as_micros());
        self.report_to = Some(to_head.trim().to_owned());
        let out = self.out_of_compliance();
        if out {
            self.corrective = Some(CorrectiveAction::opened(now));
        }
        Ok(out)
    }

    /// The agency refused to cooperate (1240.100(f)): it is non-compliant.
    pub fn record_refusal(&mut self, what: &str) -> Result<(), OutOfOrder> {
        if matches!(self.stage, AuditStage::Reported | AuditStage::Refused) {
            return Err(self.closed());
        }
        if what.trim().len() < 10 {
            return Err(OutOfOrder::new(
                AUDIT_REFUSAL,
                "SAY HOW THE AGENCY REFUSED TO COOPERATE (10 CHARACTERS OR MORE)",
            ));
        }
        self.stage = AuditStage::Refused;
        self.refusal = Some(what.trim().to_owned());
        Ok(())
    }

    /// A requirement for compliance was found.
    pub fn out_of_compliance(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.kind == FindingKind::Requirement)
    }

    /// When the report was issued.
    pub fn reported(&self) -> Option<Timestamp> {
        self.reported_at.map(Timestamp::from_micros)
    }

    fn stage_text(&self) -> String {
        self.stage.name().to_ascii_uppercase()
    }

    fn closed(&self) -> OutOfOrder {
        OutOfOrder::new(
            AUDIT_REPORT,
            format!(
                "THE AUDIT IS {} - NOTHING MORE CAN BE RECORDED",
                self.stage_text()
            ),
        )
    }
}
