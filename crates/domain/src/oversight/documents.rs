//! The printable written notices of oversight: the audit notice (1240.100(a)), the audit
//! report (100(c)) and the notice of non-compliance (100(e), (f)). Each is a title and lines of
//! text; the application prints it as text or as PDF.

use super::audit::{AgencyAudit, AuditStage, FindingKind};
use super::corrective::PLAN_DAYS;
use super::standing::{NonCompliance, sanctions_open};
use crate::clock::Timestamp;

/// The agency a document is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgencyName<'a> {
    pub ori: &'a str,
    pub name: &'a str,
}

/// A printable document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub lines: Vec<String>,
}

impl Document {
    /// The document as plain text.
    pub fn text(&self) -> String {
        let mut text = format!("{}\n{}\n", self.title, "=".repeat(self.title.len()));
        for line in &self.lines {
            text.push_str(line);
            text.push('\n');
        }
        text
    }
}

fn day(micros: Option<i64>) -> String {
    micros.map_or_else(|| "-".into(), |m| Timestamp::from_micros(m).to_string())
}

fn heading(agency: &AgencyName<'_>, id: i64) -> Vec<String> {
    vec![
        "ILLINOIS STATE POLICE - LEADS ADMINISTRATION".into(),
        format!("AGENCY: {} {}", agency.ori, agency.name),
        format!("AUDIT: {id}"),
        String::new(),
    ]
}

/// The written notice of an audit, sent before it (1240.100(a), (b)).
pub fn audit_notice(agency: &AgencyName<'_>, id: i64, audit: &AgencyAudit) -> Document {
    let mut lines = heading(agency, id);
    lines.push(format!(
        "THE DEPARTMENT WILL AUDIT YOUR AGENCY'S USE OF LEADS ON {}.",
        audit.scheduled_for
    ));
    lines.push(format!("NOTICE SENT: {}", day(audit.notified_at)));
    lines.push(String::new());
    lines.push(
        "THE LEADS AGENCY COORDINATOR OR A DESIGNEE MUST BE PRESENT TO ASSIST THE DEPARTMENT AND \
         MAKE AVAILABLE ALL AGENCY FILES, LOGS AND OTHER DOCUMENTATION TO BE EXAMINED \
         (20 Ill. Adm. Code 1240.100(b)), IN PARTICULAR:"
            .into(),
    );
    lines.push(format!(
        "  {}",
        audit.make_available.as_deref().unwrap_or("-")
    ));
    lines.push(String::new());
    lines.push(
        "AN AGENCY THAT REFUSES TO COOPERATE IN A DEPARTMENT AUDIT IS NON-COMPLIANT AND SUBJECT TO \
         SUSPENSION OF ALL LEADS SERVICES OR OTHER SANCTIONS (1240.100(f))."
            .into(),
    );
    Document {
        title: format!("NOTICE OF LEADS AUDIT - {}", agency.ori),
        lines,
    }
}

/// The written analysis issued to the agency head after the audit (1240.100(c)).
pub fn audit_report(agency: &AgencyName<'_>, id: i64, audit: &AgencyAudit) -> Document {
    let mut lines = heading(agency, id);
    lines.push(format!(
        "TO: {}, AGENCY HEAD",
        audit.report_to.as_deref().unwrap_or("-")
    ));
    lines.push(format!("AUDIT DAY: {}", audit.scheduled_for));
    lines.push(format!("REPORT ISSUED: {}", day(audit.reported_at)));
    if let Some(p) = &audit.presence {
        let capacity = match p.capacity {
            super::audit::PresentAs::Coordinator => "LEADS AGENCY COORDINATOR",
            super::audit::PresentAs::Designee => "DESIGNEE OF THE COORDINATOR",
        };
        lines.push(format!("PRESENT FOR THE AGENCY: {} ({capacity})", p.name));
    }
    lines.push(String::new());
    for kind in [
        FindingKind::Finding,
        FindingKind::Recommendation,
        FindingKind::Discussion,
        FindingKind::Requirement,
    ] {
        let items: Vec<_> = audit.findings.iter().filter(|f| f.kind == kind).collect();
        if items.is_empty() {
            continue;
        }
        lines.push(format!("{}S", kind.heading()));
        for (n, f) in items.iter().enumerate() {
            lines.push(format!("  {}. RULE {}: {}", n + 1, f.rule, f.text));
        }
        lines.push(String::new());
    }
    if audit.stage == AuditStage::Reported && audit.out_of_compliance() {
        lines.push(format!(
            "THE AGENCY IS NOT IN COMPLIANCE WITH LEADS/NCIC POLICY. THE AGENCY HEAD MUST RESPOND IN \
             WRITING TO THE LEADS ADMINISTRATOR WITHIN {PLAN_DAYS} DAYS OF RECEIVING THIS REPORT WITH \
             A PLAN OF ACTION, AND NOTIFY THE ADMINISTRATOR IN WRITING WHEN IT IS ACCOMPLISHED \
             (20 Ill. Adm. Code 1240.100(d)-(e))."
        ));
        if let Some(c) = &audit.corrective {
            lines.push(format!("PLAN OF ACTION DUE: {}", c.plan_due()));
        }
    } else {
        lines.push(
            "THE AUDIT FOUND THE AGENCY IN COMPLIANCE; NO PLAN OF ACTION IS REQUIRED.".into(),
        );
    }
    Document {
        title: format!("LEADS AUDIT REPORT - {}", agency.ori),
        lines,
    }
}

/// The notice that the agency is considered non-compliant, with the sanctions open.
pub fn non_compliance_notice(agency: &AgencyName<'_>, finding: &NonCompliance) -> Document {
    let lines = vec![
        "ILLINOIS STATE POLICE - LEADS ADMINISTRATION".into(),
        format!("AGENCY: {} {}", agency.ori, agency.name),
        format!("CASE: {}", finding.case),
        format!("SINCE: {}", Timestamp::from_micros(finding.since)),
        String::new(),
        format!(
            "THE AGENCY IS CONSIDERED NON-COMPLIANT ({}, RULE {}): {}",
            finding.citation, finding.rule, finding.reason
        ),
        String::new(),
        sanctions_open().into(),
    ];
    Document {
        title: format!("NOTICE OF NON-COMPLIANCE - {}", agency.ori),
        lines,
    }
}
