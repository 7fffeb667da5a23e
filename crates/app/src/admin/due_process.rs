//! Suspending or revoking a person's certification with due process (T4, 1240.90(b)(9)): the
//! notice with reason and evidence, the person's response within the window, the decision. The
//! person's access follows the decision at once.

#[allow(
    clippy::wildcard_imports,
    reason = "a handler file of the command module: its types and helpers"
)]
use super::command::*;
use leads_domain::access::{CertificationCase, CertificationDecision, CertificationSanction};
use leads_domain::deadline::DeadlineKind;
use leads_domain::oversight::OutOfOrder;

use crate::oversight::out_of_order;

fn no_case(id: &str) -> Refusal {
    out_of_order(OutOfOrder::new(
        leads_domain::access::DUE_PROCESS,
        format!("NO NOTICE AGAINST THE CERTIFICATION OF {id} IS OPEN - THE NOTICE COMES FIRST"),
    ))
}

/// The open proceeding against `person`'s certification.
fn open_case(person: &mut Person) -> Result<&mut CertificationCase, Refusal> {
    let id = person.id.clone();
    person
        .certification_cases
        .iter_mut()
        .find(|k| k.is_open())
        .ok_or_else(|| no_case(&id))
}

async fn person_ori(c: &mut Command<'_>, id: &str) -> Result<Ori, Refusal> {
    Ok(c.tx
        .account(id)
        .await?
        .ok_or_else(|| not_found("PERSON", id))?
        .person
        .ori)
}

/// `NoticeCertificationAction`.
pub(super) async fn notice(
    c: &mut Command<'_>,
    id: String,
    proposed: CertificationSanction,
    reason: String,
    evidence: String,
) -> Handled {
    let by = c.principal.person.id.clone();
    let now = c.now;
    let case =
        CertificationCase::notice(proposed, &reason, &evidence, &by, now).map_err(out_of_order)?;
    let respond_by = case.respond_by;
    c.audit.rules = vec![leads_domain::RuleId::T4];
    c.service
        .update_person(c.tx, &id, |p| {
            if p.certification_cases.iter().any(CertificationCase::is_open) {
                return Err(out_of_order(OutOfOrder::new(
                    leads_domain::access::DUE_PROCESS,
                    "A NOTICE AGAINST THIS CERTIFICATION IS ALREADY OPEN",
                )));
            }
            p.certification_cases.push(case);
            Ok(())
        })
        .await?;
    let ori = person_ori(c, &id).await?;
    let due = Timestamp::from_micros(respond_by);
    c.tx.insert_deadline(
        DeadlineKind::CertificationResponse,
        ori.as_str(),
        &id,
        due,
        now,
    )
    .await?;
    let what = match proposed {
        CertificationSanction::Suspend => "SUSPEND",
        CertificationSanction::Revoke => "REVOKE",
    };
    let text = format!(
        "NOTICE TO {id} (1240.90(b)(9)): THE DEPARTMENT PROPOSES TO {what} YOUR LEADS CERTIFICATION. REASON: {}. EVIDENCE: {}. YOU MAY RESPOND UNTIL {due}.",
        reason.trim(),
        evidence.trim()
    );
    c.tx.post_message(ori.as_str(), "certification_notice", &text, now)
        .await?;
    Ok((
        format!("NOTICE SENT TO {id}: RESPONSE DUE BY {due}"),
        AdminData::None,
    ))
}

/// `RecordCertificationResponse`.
pub(super) async fn respond(c: &mut Command<'_>, id: String, text: String) -> Handled {
    let now = c.now;
    c.audit.rules = vec![leads_domain::RuleId::T4];
    c.service
        .update_person(c.tx, &id, |p| {
            let case = open_case(p)?;
            case.respond(&text, now).map_err(out_of_order)
        })
        .await?;
    Ok((format!("RESPONSE OF {id} RECORDED"), AdminData::None))
}

/// `DecideCertificationAction`.
pub(super) async fn decide(
    c: &mut Command<'_>,
    id: String,
    decision: CertificationDecision,
    until: Option<FieldDate>,
) -> Handled {
    let now = c.now;
    let by = c.principal.person.id.clone();
    c.audit.rules = vec![leads_domain::RuleId::T4];
    c.service
        .update_person(c.tx, &id, |p| {
            let case = open_case(p)?;
            case.decide(decision, until, &by, now)
                .map_err(out_of_order)?;
            if decision == CertificationDecision::Revoke {
                p.certification = None;
            }
            Ok(())
        })
        .await?;
    c.tx.close_deadlines(
        &id,
        Some(DeadlineKind::CertificationResponse),
        now,
        "DECIDED",
    )
    .await?;
    let outcome = match (decision, until) {
        (CertificationDecision::Suspend, Some(day)) => format!("SUSPENDED THROUGH {day}"),
        (CertificationDecision::Revoke, _) => "REVOKED".to_owned(),
        _ => "NOT SUSPENDED OR REVOKED - NO ACTION".to_owned(),
    };
    if decision != CertificationDecision::NoAction {
        // Access follows the decision at once.
        c.tx.delete_sessions_of(&id).await?;
    }
    let ori = person_ori(c, &id).await?;
    c.tx.post_message(
        ori.as_str(),
        "certification_decision",
        &format!("DECISION (1240.90(b)(9)): THE LEADS CERTIFICATION OF {id} IS {outcome}"),
        now,
    )
    .await?;
    Ok((format!("CERTIFICATION OF {id} {outcome}"), AdminData::None))
}
