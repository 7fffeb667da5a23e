//! The printable notices of a violation case (1240.110): the written notice of a minor
//! violation, the notice of a hearing, the notice of an immediate suspension, and the
//! Director's decision after each hearing.

use super::documents::{AgencyName, Document};
use super::hearing::{EvidenceSide, Outcome};
use super::violation::{HEARING_NOTICE_DAYS, MINOR_RESPONSE_DAYS, ViolationCase, ViolationClass};
use crate::clock::Timestamp;

fn heading(agency: &AgencyName<'_>, id: i64, case: &ViolationCase) -> Vec<String> {
    vec![
        "ILLINOIS STATE POLICE - LEADS ADMINISTRATION".into(),
        format!("AGENCY: {} {}", agency.ori, agency.name),
        format!(
            "VIOLATION CASE: {id} ({} VIOLATION)",
            case.class.name().to_ascii_uppercase()
        ),
        format!("DATE: {}", Timestamp::from_micros(case.opened_at)),
        String::new(),
    ]
}

fn allegations(case: &ViolationCase, lines: &mut Vec<String>) {
    lines.push("ALLEGED VIOLATIONS:".into());
    for (n, a) in case.allegations.iter().enumerate() {
        lines.push(format!("  {}. RULE {}: {}", n + 1, a.rule, a.text));
    }
    lines.push(String::new());
}

/// The notice that opens the case: its content follows the class.
pub fn violation_notice(agency: &AgencyName<'_>, id: i64, case: &ViolationCase) -> Document {
    let mut lines = heading(agency, id, case);
    allegations(case, &mut lines);
    let hearing = case.hearings.first().map(|h| h.on);
    let title = match case.class {
        ViolationClass::Minor => {
            lines.push(format!(
                "IF THE MATTER IS PROMPTLY ADDRESSED - A WRITTEN RESPONSE TO THE LEADS ADMINISTRATOR \
                 WITHIN {MINOR_RESPONSE_DAYS} DAYS SAYING HOW - NO SUSPENSION OF ANY LEADS ACCESS OR \
                 SERVICE WILL OCCUR (20 Ill. Adm. Code 1240.110(a))."
            ));
            "NOTICE OF LEADS VIOLATION"
        }
        ViolationClass::Moderate => {
            lines.push(format!(
                "A HEARING IS SET FOR {} (AT LEAST {HEARING_NOTICE_DAYS} DAYS' ADVANCE WRITTEN NOTICE, \
                 20 Ill. Adm. Code 1240.110(b)).",
                hearing.map_or_else(|| "-".into(), |d| d.to_string())
            ));
            hearing_rights(&mut lines);
            "NOTICE OF LEADS HEARING"
        }
        ViolationClass::Major => {
            lines.push(
                "THE DIRECTOR HAS IMMEDIATELY SUSPENDED THE FOLLOWING LEADS SERVICES \
                 (20 Ill. Adm. Code 1240.110(c)(1)):"
                    .into(),
            );
            if let Some(first) = case.suspensions.first() {
                for scope in &first.scopes {
                    lines.push(format!("  - {}", scope.describe()));
                }
            }
            lines.push(String::new());
            lines.push(format!(
                "A HEARING IS SET FOR {} - WITHIN 10 DAYS OF THE SUSPENSION (1240.110(c)(3)). THE \
                 DIRECTOR MAY LIFT THE SUSPENSION BEFORE THE HEARING FOR EMERGENCY OR PUBLIC SAFETY \
                 NEEDS.",
                hearing.map_or_else(|| "-".into(), |d| d.to_string())
            ));
            hearing_rights(&mut lines);
            "NOTICE OF IMMEDIATE SUSPENSION OF LEADS SERVICES"
        }
    };
    Document {
        title: format!("{title} - {}", agency.ori),
        lines,
    }
}

fn hearing_rights(lines: &mut Vec<String>) {
    lines.push(
        "AGENCY REPRESENTATIVES MAY APPEAR AT THE HEARING. THE LEADS ADMINISTRATOR WILL PRESENT \
         EVIDENCE THAT A VIOLATION HAS OCCURRED; THE AGENCY MAY PRESENT ANY EVIDENCE RELEVANT AND \
         MATERIAL TO THE ALLEGED VIOLATION OR TO CORRECTIVE ACTIONS TAKEN (1240.110(d))."
            .into(),
    );
}

/// The Director's decision after hearing `number` (1 = the first); `None` if it has none.
pub fn hearing_decision(
    agency: &AgencyName<'_>,
    id: i64,
    case: &ViolationCase,
    number: usize,
) -> Option<Document> {
    let hearing = number.checked_sub(1).and_then(|i| case.hearings.get(i))?;
    let decision = hearing.decision.as_ref()?;
    let mut lines = heading(agency, id, case);
    lines.push(format!("HEARING {number} HELD: {}", hearing.on));
    allegations(case, &mut lines);
    lines.push("APPEARED:".into());
    for a in &hearing.appearances {
        lines.push(format!("  {} ({})", a.name, a.capacity));
    }
    for (side, title) in [
        (
            EvidenceSide::Administrator,
            "EVIDENCE OF THE LEADS ADMINISTRATOR:",
        ),
        (EvidenceSide::Agency, "EVIDENCE OF THE AGENCY:"),
    ] {
        lines.push(title.into());
        for e in hearing.evidence.iter().filter(|e| e.side == side) {
            lines.push(format!("  {}: {}", e.document, e.description));
        }
    }
    lines.push(String::new());
    let order = match decision.outcome {
        Outcome::Suspend => {
            let mut order = "THE DIRECTOR SUSPENDS (1240.110(e)(1)):".to_owned();
            for s in &decision.services {
                order.push_str(&format!(" {};", s.describe()));
            }
            order
        }
        Outcome::NoViolation => "THE DIRECTOR FINDS NO VIOLATION (1240.110(e)(2)).".into(),
        Outcome::EndSuspension => {
            "THE DIRECTOR ENDS THE SUSPENSION ALREADY IMPOSED (1240.110(e)(3)).".into()
        }
        Outcome::TimeToComply => format!(
            "THE DIRECTOR GRANTS UNTIL {} TO CORRECT THE NON-COMPLIANCE; A SECOND HEARING TO REVIEW \
             COMPLIANCE WITH THIS ORDER IS SET FOR {} (1240.110(e)(4)).",
            decision
                .comply_by
                .map_or_else(|| "-".into(), |d| d.to_string()),
            decision
                .next_hearing
                .map_or_else(|| "-".into(), |d| d.to_string())
        ),
    };
    lines.push(order);
    lines.push(format!("ORDER: {}", decision.text));
    lines.push(format!(
        "DECIDED {} BY {}",
        Timestamp::from_micros(decision.at),
        decision.by
    ));
    Some(Document {
        title: format!("DIRECTOR'S DECISION - HEARING {number} - {}", agency.ori),
        lines,
    })
}
