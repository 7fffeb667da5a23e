//! The deadline engine (issue "record lifecycle"): deadlines are rows that survive restarts;
//! transactions open and close them in their own database transaction; a sweep, driven by the
//! injected clock, carries out what `leads_domain::deadline` decides for each one that has
//! passed: a message to the responsible agency's queue, escalation to the Administrator, or
//! retirement of the record. Every step is audited.

use leads_domain::Record;
use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::deadline::{Deadline, DeadlineKind, Step, due_after};
use leads_domain::fields::{FreeText, Lrn};
use leads_domain::files::FileKind;
use leads_domain::search::RecordIndex;
use leads_store::{StoreResult, StoreTx};

use crate::images::views::{PHOTO_NOTICE_DAYS, one_year_after};
use crate::runner::ADMINISTRATOR_QUEUE;
use crate::runner::{Actor, AuditDraft, Ctx, Done, Operation, OperationKind, Refusal};
use crate::{Service, ServiceError};

/// Deadlines carried out per database transaction of a sweep.
pub const SWEEP_BATCH: u32 = 500;

/// The shortest interval between two reminders of one deadline (so a sweep always ends).
const MIN_REMINDER_MICROS: i64 = 60 * 1_000_000;

/// The entry key of a temporary felony want (H7: retired after 48 hours).
pub const TEMPORARY_WANT_KEY: &str = "EWT";

/// What one sweep did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// Deadlines found due.
    pub due: usize,
    /// Messages put in agencies' queues.
    pub notices: usize,
    /// Of those, also sent to the Administrator.
    pub escalations: usize,
    /// Records removed from the file.
    pub retired: usize,
}

/// Opens the deadlines a new record starts: its second-party check (H4), its first validation
/// (H8; registrant records are kept current by their registration instead) and, for a
/// temporary felony want, its retirement (H7).
pub(crate) async fn record_entered(
    tx: &mut dyn StoreTx,
    record: &Record,
    retention_days: Option<i64>,
) -> StoreResult<()> {
    let at = record.entered_at();
    let (ori, lrn) = (record.ori().as_str(), record.lrn().as_str());
    let kind = DeadlineKind::SecondPartyCheck;
    tx.insert_deadline(kind, ori, lrn, due_after(kind, at), at)
        .await?;
    if !matches!(record.file(), FileKind::SexOffender | FileKind::Voay) {
        let kind = DeadlineKind::Validation;
        tx.insert_deadline(kind, ori, lrn, due_after(kind, at), at)
            .await?;
    }
    if let Some(days) = retention_days {
        let due = Timestamp::from_micros(at.as_micros() + days * 24 * 3_600 * 1_000_000);
        tx.insert_deadline(DeadlineKind::Retention, ori, lrn, due, at)
            .await?;
    }
    if record.entry_key().key == TEMPORARY_WANT_KEY {
        let kind = DeadlineKind::TemporaryWant;
        tx.insert_deadline(kind, ori, lrn, due_after(kind, at), at)
            .await?;
    }
    Ok(())
}

/// A record left the file (cancel, clear, retirement): nothing more is due on it.
pub(crate) async fn record_removed(
    tx: &mut dyn StoreTx,
    lrn: &Lrn,
    how: &str,
    at: Timestamp,
) -> StoreResult<u64> {
    tx.close_deadlines(lrn.as_str(), None, at, how).await
}

/// Another agency located a record: the owner is told at once and must clear or cancel it (H7).
pub(crate) async fn record_located(tx: &mut dyn StoreTx, record: &Record) -> StoreResult<()> {
    let at = record.updated_at();
    let by = match record.status() {
        leads_domain::RecordStatus::Located(info) => info.ori.to_string(),
        _ => String::new(),
    };
    tx.post_message(
        record.ori().as_str(),
        DeadlineKind::LocatedRecord.name(),
        &format!(
            "RECORD {} ({}) WAS LOCATED BY {by}: CONFIRM, THEN CLEAR OR CANCEL IT",
            record.lrn(),
            record.entry_key().key
        ),
        at,
    )
    .await?;
    let kind = DeadlineKind::LocatedRecord;
    tx.insert_deadline(
        kind,
        record.ori().as_str(),
        record.lrn().as_str(),
        due_after(kind, at),
        at,
    )
    .await?;
    Ok(())
}

/// Re-opens the annual-photo deadline of a registrant record (I3) after one of its mugshots
/// was entered, changed or cancelled: the notice falls [`PHOTO_NOTICE_DAYS`] before the newest
/// mugshot is a year old. Other images (signatures, scars, marks, tattoos) do not touch it.
pub(crate) async fn registrant_photo_changed(
    tx: &mut dyn StoreTx,
    image: &leads_store::StoredImage,
    now: Timestamp,
) -> StoreResult<()> {
    let (lrn, ori) = (&image.lrn, image.ori.as_str());
    if !matches!(image.file, FileKind::SexOffender | FileKind::Voay)
        || image.image_type != leads_domain::image::ImageType::Mugshot
    {
        return Ok(());
    }
    let kind = DeadlineKind::RegistrantPhoto;
    tx.close_deadlines(lrn.as_str(), Some(kind), now, "NEW PHOTO")
        .await?;
    let newest = tx
        .images_of_record(lrn, false)
        .await?
        .into_iter()
        .filter(|i| i.image_type == leads_domain::image::ImageType::Mugshot)
        .map(|i| i.date)
        .max();
    // With no mugshot left (the last one cancelled) a new photo is due now.
    let notice_at = match newest {
        Some(date) => {
            let due = one_year_after(date).date() - time::Duration::days(PHOTO_NOTICE_DAYS);
            Timestamp::from_micros(due.midnight().assume_utc().unix_timestamp() * 1_000_000)
        }
        None => now,
    };
    tx.insert_deadline(kind, ori, lrn.as_str(), notice_at, now)
        .await?;
    Ok(())
}

/// The audit draft of one step of the sweep on `deadline`: its agency, its record and the rule
/// that set it.
fn deadline_step(
    audit: &AuditDraft,
    deadline: &Deadline,
    event: &str,
    detail: String,
) -> AuditDraft {
    let mut step = audit.step(event);
    step.ori = Some(deadline.ori.clone());
    step.rules = vec![deadline.kind.rule()];
    step.records = vec![deadline.subject.clone()];
    step.detail = detail;
    step
}

impl Service {
    /// Carries out every deadline that has passed by the clock's now, in batches of
    /// [`SWEEP_BATCH`], each batch one operation of the runner: one database transaction with
    /// the audit entry of every step.
    pub async fn sweep_deadlines(&self) -> Result<SweepReport, ServiceError> {
        let mut report = SweepReport::default();
        loop {
            let batch = self.run(Actor::System, None, SweepBatch).await?.body;
            report.due += batch.due;
            report.notices += batch.notices;
            report.escalations += batch.escalations;
            report.retired += batch.retired;
            if batch.due < SWEEP_BATCH as usize {
                break;
            }
        }
        if report.due > 0 {
            tracing::info!(?report, "deadline sweep");
        }
        self.count_overdue_deadlines().await?;
        Ok(report)
    }

    /// Sets the overdue-deadline gauges after a sweep: counts by kind only, no record data
    /// (so not an act of its own, and not audited).
    async fn count_overdue_deadlines(&self) -> Result<(), ServiceError> {
        let mut tx = self.store.begin_read().await?;
        let counts = tx.overdue_deadline_counts(self.clock.now()).await?;
        tx.rollback().await?;
        crate::metrics::overdue_deadlines(&counts);
        Ok(())
    }
}

/// One batch of the sweep.
struct SweepBatch;

impl Operation for SweepBatch {
    type Output = SweepReport;

    fn kind(&self) -> OperationKind {
        OperationKind::Sweep
    }

    fn event(&self) -> &'static str {
        "deadline_sweep"
    }

    fn refused_body(&self) -> SweepReport {
        SweepReport::default()
    }

    async fn act(self, ctx: &mut Ctx<'_>) -> Result<Done<SweepReport>, Refusal> {
        let now = ctx.now;
        let due = ctx.tx.due_deadlines(now, SWEEP_BATCH).await?;
        let mut report = SweepReport {
            due: due.len(),
            ..SweepReport::default()
        };
        let mut lists = ValidationLists::new();
        for deadline in &due {
            carry_out(ctx, deadline, &mut report, &mut lists).await?;
        }
        for (ori, records) in &lists {
            let text = validation_list_text(records);
            ctx.tx
                .post_message(ori, DeadlineKind::Validation.name(), &text, now)
                .await?;
        }
        let message = format!("{} DEADLINES DUE", report.due);
        Ok(Done::new(ReplyCode::DeadlineSweep, message, report).steps_only())
    }
}

/// The records each agency is told to validate in this batch (H8: one list per agency).
type ValidationLists = std::collections::BTreeMap<String, Vec<String>>;

/// The monthly validation list as the agency reads it.
fn validation_list_text(records: &[String]) -> String {
    format!(
        "VALIDATION LIST: {} RECORD(S) DUE - CONFIRM EACH WITH ITS SOURCE AND VALIDATE IT, OR CANCEL IT, WITHIN {} DAYS: {}",
        records.len(),
        leads_domain::deadline::VALIDATION_ANSWER_DAYS,
        records.join(", ")
    )
}

async fn carry_out(
    ctx: &mut Ctx<'_>,
    deadline: &Deadline,
    report: &mut SweepReport,
    lists: &mut ValidationLists,
) -> Result<(), Refusal> {
    let now = ctx.now;
    let tx = ctx.tx.as_mut();
    match deadline.kind.step(deadline.notices) {
        Step::Notify { escalate, again_in } => {
            let next = Timestamp::from_micros(
                now.as_micros()
                    .saturating_add(again_in.max(MIN_REMINDER_MICROS)),
            );
            // Claimed first: a sweep that finds it moved or closed (by another sweep, or by a
            // retirement earlier in this batch) leaves it alone.
            if !tx
                .reschedule_deadline(deadline.id, deadline.notices, next)
                .await?
            {
                return Ok(());
            }
            let notice = deadline.notices + 1;
            let text = deadline.kind.notice_text(&deadline.subject, notice);
            if deadline.kind.department_acts() {
                tx.post_message(ADMINISTRATOR_QUEUE, deadline.kind.name(), &text, now)
                    .await?;
            } else if deadline.kind == DeadlineKind::Validation {
                lists
                    .entry(deadline.ori.clone())
                    .or_default()
                    .push(deadline.subject.clone());
            } else {
                tx.post_message(&deadline.ori, deadline.kind.name(), &text, now)
                    .await?;
            }
            report.notices += 1;
            // Where the Department itself must act its queue was told already: nobody to
            // escalate to.
            if escalate && !deadline.kind.department_acts() {
                let escalated = format!("AGENCY {} HAS NOT ACTED - {text}", deadline.ori);
                tx.post_message(ADMINISTRATOR_QUEUE, deadline.kind.name(), &escalated, now)
                    .await?;
                report.escalations += 1;
            }
            let detail = format!(
                "{} NOTICE {notice}{} - {text}",
                deadline.kind.name(),
                if escalate { " ESCALATED" } else { "" }
            );
            let step = deadline_step(&ctx.audit, deadline, "deadline_notice", detail);
            ctx.audit.record_step(step, ReplyCode::DeadlineNotice);
        }
        Step::NonCompliant => {
            if !tx
                .close_deadline(deadline.id, now, "AGENCY NON-COMPLIANT")
                .await?
            {
                return Ok(());
            }
            let text = deadline.kind.notice_text(&deadline.subject, 1);
            let ori = leads_domain::fields::Ori::parse(&deadline.ori)
                .map_err(|e| Refusal::failed(format!("DEADLINE {}: {e}", deadline.id)))?;
            let cite = leads_domain::oversight::CORRECTIVE_COMPLETION;
            crate::oversight::declare_non_compliant(tx, &ori, cite, &text, &deadline.subject, now)
                .await?;
            report.notices += 1;
            report.escalations += 1;
            let step = deadline_step(&ctx.audit, deadline, "agency_non_compliant", text);
            ctx.audit.record_step(step, ReplyCode::AgencyNonCompliant);
        }
        Step::VacateCoordinator => {
            if !tx
                .close_deadline(deadline.id, now, "CERTIFICATION END")
                .await?
            {
                return Ok(());
            }
            let ori = leads_domain::fields::Ori::parse(&deadline.ori)
                .map_err(|e| Refusal::failed(format!("DEADLINE {}: {e}", deadline.id)))?;
            if crate::oversight::coordinators::certification_ran_out(tx, &ori, now).await? {
                let text = deadline.kind.notice_text(&deadline.subject, 1);
                report.notices += 1;
                report.escalations += 1;
                let step = deadline_step(&ctx.audit, deadline, "coordinator_vacated", text);
                ctx.audit.record_step(step, ReplyCode::DeadlineNotice);
            }
        }
        Step::Retire => {
            let how = "RECORD RETIRED";
            if !tx.close_deadline(deadline.id, now, how).await? {
                return Ok(());
            }
            let lrn = Lrn::parse(&deadline.subject).ok();
            let record = match &lrn {
                Some(lrn) => tx.record_by_lrn(lrn).await?,
                None => None,
            };
            let text = deadline.kind.retired_text(&deadline.subject);
            match record.filter(|r| r.status().is_in_file()) {
                Some(record) => {
                    let internal = |e: &dyn std::fmt::Display| {
                        Refusal::failed(format!("RETIRING {}: {e}", deadline.subject))
                    };
                    let reason = FreeText::parse("RPS", deadline.kind.retire_reason(), 500)
                        .map_err(|e| internal(&e))?;
                    let retired = record.retired(reason, now).map_err(|e| internal(&e))?;
                    tx.update_record(&retired, &RecordIndex::default()).await?;
                    tx.post_message(&deadline.ori, deadline.kind.name(), &text, now)
                        .await?;
                    report.notices += 1;
                    report.retired += 1;
                    tx.close_deadlines(&deadline.subject, None, now, how)
                        .await?;
                    let step = deadline_step(&ctx.audit, deadline, "record_retired", text);
                    ctx.audit.record_step(step, ReplyCode::RecordRetired);
                }
                None => {
                    let how = "RECORD NOT IN FILE";
                    tx.close_deadlines(&deadline.subject, None, now, how)
                        .await?;
                    let detail = format!("{} CLOSED - {how}", deadline.kind.name());
                    let step = deadline_step(&ctx.audit, deadline, "deadline_closed", detail);
                    ctx.audit.record_step(step, ReplyCode::DeadlineClosed);
                }
            }
        }
    }
    Ok(())
}
