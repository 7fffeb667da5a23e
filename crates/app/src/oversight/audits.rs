//! The oversight acts: each loads what it works on, asks the policies, lets the domain decide
//! the step, and writes the result with its deadlines and notices.

use leads_domain::RuleId;
use leads_domain::codes::ReplyCode;
use leads_domain::deadline::DeadlineKind;
use leads_domain::fields::Ori;
use leads_domain::oversight::{
    AUDIT_REFUSAL, AgencyAudit, DisciplineStandards, FindingKind, OversightCommand, audit_notice,
    audit_report,
};
use leads_policy::OversightAction as A;
use leads_store::StoreTx;

use super::body::{Carried, OversightBody};
use super::common::{
    AuditView, addressed, agency, authorize, case_name, letter, out_of_order, today,
};
use super::schedule::{audit_cycle_days, schedule_rows};
use super::standing::{declare_non_compliant, end_non_compliance};
use crate::runner::{Ctx, Refusal};

/// The audit entry's detail: the command as written, cut short.
pub(super) fn summary(command: &OversightCommand) -> String {
    format!("{command:?}").chars().take(500).collect()
}

const MICROS_PER_DAY: i64 = 24 * 3_600 * 1_000_000;

async fn load(tx: &mut dyn StoreTx, id: i64) -> Result<AgencyAudit, Refusal> {
    tx.oversight().audit(id).await?.ok_or_else(|| {
        Refusal::rejected(ReplyCode::AuditNotFound, format!("NO AUDIT {id} ON FILE"))
    })
}

/// Audit `id`, named in the entry, with the policy's leave for `action` on its agency.
async fn open(ctx: &mut Ctx<'_>, id: i64, rule: RuleId, action: A) -> Result<AgencyAudit, Refusal> {
    let audit = load(ctx.tx.as_mut(), id).await?;
    subject_of(ctx, &audit.ori, Some(id), rule);
    authorize(ctx, action, Some(&audit.ori))?;
    Ok(audit)
}

fn subject_of(ctx: &mut Ctx<'_>, ori: &Ori, id: Option<i64>, rule: RuleId) {
    ctx.audit.ori = Some(ori.to_string());
    ctx.audit.rules = vec![rule];
    if let Some(id) = id {
        ctx.audit.records = vec![case_name(id)];
    }
}

fn done(message: String, id: i64, audit: AgencyAudit) -> Carried {
    (
        ReplyCode::OversightDone,
        message,
        OversightBody::audits(vec![AuditView::of(id, audit)]),
    )
}

/// Carries out one oversight act.
pub(super) async fn carry_out(
    ctx: &mut Ctx<'_>,
    command: OversightCommand,
) -> Result<Carried, Refusal> {
    use OversightCommand as C;
    let by = ctx.who.person()?.id().to_owned();
    match command {
        C::ScheduleAudit { ori, date } => {
            subject_of(ctx, &ori, None, RuleId::O1);
            authorize(ctx, A::ConductAudit, Some(&ori))?;
            agency(ctx.tx.as_mut(), &ori).await?;
            let audit =
                AgencyAudit::schedule(ori.clone(), date, &by, today(ctx)).map_err(out_of_order)?;
            let id = ctx.tx.oversight().insert_audit(&audit, ctx.now).await?;
            ctx.audit.records = vec![case_name(id)];
            // The cycle is met by a scheduled audit: no more reminders for this agency.
            ctx.tx
                .close_deadlines(
                    ori.as_str(),
                    Some(DeadlineKind::AuditCycle),
                    ctx.now,
                    "SCHEDULED",
                )
                .await?;
            Ok(done(
                format!(
                    "AUDIT {id} OF {ori} SCHEDULED FOR {date} - SEND THE AGENCY ITS NOTICE BEFORE THAT DAY"
                ),
                id,
                audit,
            ))
        }
        C::RescheduleAudit { id, date } => {
            let mut audit = open(ctx, id, RuleId::O1, A::ConductAudit).await?;
            let was_notified = audit.notified_at.is_some();
            audit.reschedule(date, today(ctx)).map_err(out_of_order)?;
            ctx.tx.oversight().update_audit(id, &audit, ctx.now).await?;
            let mut message = format!("AUDIT {id} MOVED TO {date}");
            if was_notified {
                message.push_str(" - THE EARLIER NOTICE NO LONGER HOLDS: SEND A NEW ONE");
            }
            Ok(done(message, id, audit))
        }
        C::NotifyAudit { id, make_available } => {
            let mut audit = open(ctx, id, RuleId::O1, A::ConductAudit).await?;
            audit
                .notify(&make_available, ctx.now)
                .map_err(out_of_order)?;
            ctx.tx.oversight().update_audit(id, &audit, ctx.now).await?;
            let holder = agency(ctx.tx.as_mut(), &audit.ori).await?;
            let notice = audit_notice(&addressed(&holder), id, &audit);
            ctx.tx
                .post_message(audit.ori.as_str(), "audit_notice", &notice.text(), ctx.now)
                .await?;
            Ok(done(
                format!(
                    "AUDIT {id}: WRITTEN NOTICE SENT TO {} FOR {}",
                    audit.ori, audit.scheduled_for
                ),
                id,
                audit,
            ))
        }
        C::RecordPresence { id, name, capacity } => {
            let mut audit = open(ctx, id, RuleId::O1, A::ConductAudit).await?;
            audit
                .record_presence(&name, capacity, ctx.now)
                .map_err(out_of_order)?;
            ctx.tx.oversight().update_audit(id, &audit, ctx.now).await?;
            Ok(done(
                format!(
                    "AUDIT {id}: {} PRESENT FOR THE AGENCY - THE AUDIT IS UNDER WAY",
                    name.trim()
                ),
                id,
                audit,
            ))
        }
        C::RecordFinding {
            id,
            kind,
            rule,
            text,
        } => {
            let mut audit = open(ctx, id, RuleId::O1, A::ConductAudit).await?;
            audit
                .record_finding(kind, &rule, &text, &by)
                .map_err(out_of_order)?;
            ctx.tx.oversight().update_audit(id, &audit, ctx.now).await?;
            Ok(done(
                format!(
                    "AUDIT {id}: {} RECORDED ({} IN ALL)",
                    kind.heading(),
                    audit.findings.len()
                ),
                id,
                audit,
            ))
        }
        C::IssueReport { id, to_head } => issue_report(ctx, id, &to_head, &by).await,
        C::RecordAuditRefusal { id, what } => {
            let mut audit = open(ctx, id, RuleId::O2, A::ConductAudit).await?;
            audit.record_refusal(&what).map_err(out_of_order)?;
            ctx.tx.oversight().update_audit(id, &audit, ctx.now).await?;
            let reason = format!(
                "THE AGENCY REFUSED TO COOPERATE IN AUDIT {id}: {}",
                what.trim()
            );
            declare_non_compliant(
                ctx.tx.as_mut(),
                &audit.ori,
                AUDIT_REFUSAL,
                &reason,
                &case_name(id),
                ctx.now,
            )
            .await?;
            Ok(done(
                format!(
                    "AUDIT {id}: REFUSAL RECORDED - AGENCY {} IS NON-COMPLIANT (1240.100(f))",
                    audit.ori
                ),
                id,
                audit,
            ))
        }
        C::RecordPlan {
            id,
            head,
            text,
            complete_by,
        } => {
            let mut audit = open(ctx, id, RuleId::O2, A::RespondToAudit).await?;
            let today = today(ctx);
            let corrective = audit.corrective.as_mut().ok_or_else(|| no_corrective(id))?;
            let letter = letter(ctx, &head, &text, &by);
            corrective
                .record_plan(letter, complete_by, today)
                .map_err(out_of_order)?;
            let due = corrective.completion_due();
            ctx.tx.oversight().update_audit(id, &audit, ctx.now).await?;
            let case = case_name(id);
            ctx.tx
                .close_deadlines(
                    &case,
                    Some(DeadlineKind::CorrectivePlan),
                    ctx.now,
                    "PLAN RECEIVED",
                )
                .await?;
            if let Some(due) = due {
                ctx.tx
                    .insert_deadline(
                        DeadlineKind::CorrectiveCompletion,
                        audit.ori.as_str(),
                        &case,
                        due,
                        ctx.now,
                    )
                    .await?;
            }
            Ok(done(
                format!(
                    "AUDIT {id}: PLAN OF ACTION RECORDED - THE AGENCY HEAD NOTIFIES ITS COMPLETION BY {complete_by}"
                ),
                id,
                audit,
            ))
        }
        C::RecordAccomplished { id, head, text } => {
            let mut audit = open(ctx, id, RuleId::O2, A::RespondToAudit).await?;
            let corrective = audit.corrective.as_mut().ok_or_else(|| no_corrective(id))?;
            let letter = letter(ctx, &head, &text, &by);
            corrective
                .record_accomplished(letter)
                .map_err(out_of_order)?;
            ctx.tx.oversight().update_audit(id, &audit, ctx.now).await?;
            let case = case_name(id);
            ctx.tx
                .close_deadlines(&case, None, ctx.now, "COMPLETION NOTICE RECEIVED")
                .await?;
            let ended = end_non_compliance(ctx.tx.as_mut(), &audit.ori, &case, ctx.now).await?;
            let mut message = format!(
                "AUDIT {id}: CORRECTIVE ACTION CLOSED - THE AGENCY HEAD REPORTS FULL COMPLIANCE"
            );
            if ended {
                message.push_str(" - ITS NON-COMPLIANCE ENDED");
            }
            Ok(done(message, id, audit))
        }
        C::FileDisciplineStandards {
            ori,
            document,
            adopted_on,
        } => {
            subject_of(ctx, &ori, None, RuleId::S4);
            authorize(ctx, A::FileAgencyDocument, Some(&ori))?;
            let mut holder = agency(ctx.tx.as_mut(), &ori).await?;
            if document.trim().len() < 3 {
                return Err(Refusal::rejected(
                    ReplyCode::InvalidRequest,
                    "DOCUMENT: NAME THE WRITTEN STANDARDS (TITLE OR REFERENCE)",
                ));
            }
            if adopted_on > today(ctx) {
                return Err(Refusal::rejected(
                    ReplyCode::InvalidRequest,
                    format!("ADOPTED_ON {adopted_on} IS IN THE FUTURE"),
                ));
            }
            holder.discipline_standards = Some(DisciplineStandards {
                document: document.trim().to_owned(),
                adopted_on,
                filed_at: ctx.now.as_micros(),
                filed_by: by,
            });
            ctx.tx.put_agency(&holder).await?;
            Ok((
                ReplyCode::OversightDone,
                format!(
                    "DISCIPLINE STANDARDS OF {ori} ON FILE: {} ADOPTED {adopted_on}",
                    document.trim()
                ),
                OversightBody::default(),
            ))
        }
        C::ShowAudit { id } => {
            let audit = open(ctx, id, RuleId::O1, A::ReadOversight).await?;
            Ok((
                ReplyCode::OversightRead,
                format!(
                    "AUDIT {id} OF {}: {}",
                    audit.ori,
                    audit.stage.name().to_ascii_uppercase()
                ),
                OversightBody::audits(vec![AuditView::of(id, audit)]),
            ))
        }
        C::ListAudits { ori } => {
            ctx.audit.ori = ori.as_ref().map(ToString::to_string);
            authorize(ctx, A::ReadOversight, ori.as_ref())?;
            let audits = ctx.tx.oversight().audits(ori.as_ref()).await?;
            let views: Vec<AuditView> = audits
                .into_iter()
                .map(|(id, a)| AuditView::of(id, a))
                .collect();
            Ok((
                ReplyCode::OversightRead,
                format!("{} AUDIT(S)", views.len()),
                OversightBody::audits(views),
            ))
        }
        C::AuditSchedule => {
            authorize(ctx, A::ReadOversight, None)?;
            let cycle = audit_cycle_days(ctx.service);
            let rows = schedule_rows(ctx.tx.as_mut(), cycle, ctx.now).await?;
            let due = rows.iter().filter(|r| r.due_now).count();
            Ok((
                ReplyCode::OversightRead,
                format!(
                    "{} AGENCIES, {due} DUE FOR AUDIT - AUDIT CYCLE {cycle} DAYS",
                    rows.len()
                ),
                OversightBody {
                    schedule: rows,
                    ..OversightBody::default()
                },
            ))
        }
        other => super::cases::carry_out(ctx, other, by).await,
    }
}

fn no_corrective(id: i64) -> Refusal {
    out_of_order(leads_domain::oversight::OutOfOrder {
        cite: leads_domain::oversight::CORRECTIVE_PLAN,
        text: format!(
            "AUDIT {id} HAS NO CORRECTIVE ACTION - A PLAN IS ASKED ONLY AFTER A REPORT THAT FINDS THE AGENCY OUT OF COMPLIANCE"
        ),
    })
}

/// Issues the report: an agency without discipline standards on file gets the S4 requirement
/// added; the report goes to the agency's queue; an out-of-compliance report opens the 30-day
/// plan deadline; the next audit falls due a cycle later.
async fn issue_report(
    ctx: &mut Ctx<'_>,
    id: i64,
    to_head: &str,
    by: &str,
) -> Result<Carried, Refusal> {
    let mut audit = open(ctx, id, RuleId::O1, A::ConductAudit).await?;
    let holder = agency(ctx.tx.as_mut(), &audit.ori).await?;
    let has_s4 = audit.findings.iter().any(|f| f.rule == RuleId::S4.id());
    if holder.discipline_standards.is_none() && !has_s4 {
        // Only while conducted; issue_report below refuses any other stage.
        let _ = audit.record_finding(
            FindingKind::Requirement,
            RuleId::S4.id(),
            "NO WRITTEN STANDARDS FOR DISCIPLINING LEADS AND NCIC POLICY VIOLATORS ARE ON FILE - ADOPT THEM AND FILE THEM WITH THE DEPARTMENT (1240.50(b)(5))",
            by,
        );
    }
    let out = audit.issue_report(to_head, ctx.now).map_err(out_of_order)?;
    ctx.tx.oversight().update_audit(id, &audit, ctx.now).await?;
    let report = audit_report(&addressed(&holder), id, &audit);
    ctx.tx
        .post_message(audit.ori.as_str(), "audit_report", &report.text(), ctx.now)
        .await?;
    let case = case_name(id);
    if let Some(corrective) = &audit.corrective {
        ctx.tx
            .insert_deadline(
                DeadlineKind::CorrectivePlan,
                audit.ori.as_str(),
                &case,
                corrective.plan_due(),
                ctx.now,
            )
            .await?;
        ctx.audit.rules = vec![RuleId::O1, RuleId::O2];
    }
    let ori = audit.ori.as_str().to_owned();
    ctx.tx
        .close_deadlines(&ori, Some(DeadlineKind::AuditCycle), ctx.now, "AUDITED")
        .await?;
    let next = leads_domain::clock::Timestamp::from_micros(
        ctx.now.as_micros() + audit_cycle_days(ctx.service) * MICROS_PER_DAY,
    );
    ctx.tx
        .insert_deadline(DeadlineKind::AuditCycle, &ori, &ori, next, ctx.now)
        .await?;
    let message = if out {
        format!(
            "AUDIT {id}: REPORT ISSUED TO {} - OUT OF COMPLIANCE: THE PLAN OF ACTION IS DUE BY {}",
            to_head.trim(),
            audit
                .corrective
                .as_ref()
                .map(|c| c.plan_due().to_string())
                .unwrap_or_default()
        )
    } else {
        format!(
            "AUDIT {id}: REPORT ISSUED TO {} - IN COMPLIANCE",
            to_head.trim()
        )
    };
    Ok(done(message, id, audit))
}
