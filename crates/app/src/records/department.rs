//! Serious errors (rule H5): the Department (the LEADS Administrator) reports a serious error
//! on a record; the owning agency corrects it (any modify) or removes it (cancel) by the end of
//! the shift in which it was told, or the deadline engine escalates every hour; the Department
//! may remove the record itself. Agencies define their shift changes.

use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::deadline::{DEFAULT_SHIFT_STARTS, DeadlineKind, end_of_shift};
use leads_domain::fields::{FreeText, Lrn, Ori, TimeOfDay};
use leads_domain::search::RecordIndex;
use leads_policy::{Act, AdminAction, Target};
use leads_store::StoreTx;

use crate::compliance::Items;
use crate::runner::{Actor, Done, OperationKind, Refusal, Work};
use crate::{ItemsReply, Service, ServiceError};

/// What a serious-error call did: the record and, for a report, when it must be corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriousErrorOutcome {
    pub lrn: Lrn,
    pub ori: Ori,
    /// The end of the owner's shift (a report), or `None` (a removal).
    pub correct_by: Option<Timestamp>,
}

/// The work of a Department act on a record, inside its transaction.
type ActFuture<'a> =
    std::pin::Pin<Box<dyn Future<Output = Result<SeriousErrorOutcome, ServiceError>> + Send + 'a>>;

/// The shift changes of `ori` (its own, or the default).
pub(crate) async fn shifts_of(tx: &mut dyn StoreTx, ori: &Ori) -> Result<Vec<u16>, ServiceError> {
    Ok(tx
        .agency_shifts(ori)
        .await?
        .unwrap_or_else(|| DEFAULT_SHIFT_STARTS.to_vec()))
}

impl Service {
    /// Reports a serious error on record `lrn` to its owner (H5): a message in the owner's
    /// queue and a deadline at the end of the owner's current shift.
    pub async fn report_serious_error(
        &self,
        token: &str,
        lrn: &str,
        what: &str,
        operation_id: Option<String>,
    ) -> Result<ItemsReply<SeriousErrorOutcome>, ServiceError> {
        self.act_on_record(
            token,
            lrn,
            what,
            operation_id,
            AdminAction::ReportSeriousError,
            |tx, record, what, now| {
                Box::pin(async move {
                let ori = record.ori().clone();
                let shifts = shifts_of(tx, &ori).await?;
                let due = end_of_shift(now, &shifts);
                let kind = DeadlineKind::SeriousError;
                tx.insert_deadline(kind, ori.as_str(), record.lrn().as_str(), due, now)
                    .await?;
                let text = format!(
                    "SERIOUS ERROR ON RECORD {} REPORTED BY THE DEPARTMENT: {what} - CORRECT OR REMOVE IT BY THE END OF THE SHIFT ({due})",
                    record.lrn()
                );
                tx.post_message(ori.as_str(), kind.name(), &text, now)
                    .await?;
                Ok(SeriousErrorOutcome {
                    lrn: record.lrn().clone(),
                    ori,
                    correct_by: Some(due),
                })
                })
            },
        )
        .await
    }

    /// Removes record `lrn` from the file on the Department's authority (H5), stating why; the
    /// owner is told and every deadline on the record closes.
    pub async fn remove_record(
        &self,
        token: &str,
        lrn: &str,
        reason: &str,
        operation_id: Option<String>,
    ) -> Result<ItemsReply<SeriousErrorOutcome>, ServiceError> {
        self.act_on_record(
            token,
            lrn,
            reason,
            operation_id,
            AdminAction::RemoveRecord,
            |tx, record, reason, now| {
                Box::pin(async move {
                    let text = format!("REMOVED BY THE DEPARTMENT: {reason}");
                    let stated = FreeText::parse("RPS", &text, 500)
                        .map_err(|e| ServiceError::Internal(e.to_string()))?;
                    let removed = record
                        .retired(stated, now)
                        .map_err(|e| ServiceError::Internal(e.to_string()))?;
                    tx.update_record(&removed, &RecordIndex::default()).await?;
                    tx.close_deadlines(
                        record.lrn().as_str(),
                        None,
                        now,
                        "REMOVED BY THE DEPARTMENT",
                    )
                    .await?;
                    let message = format!("RECORD {} {text}", record.lrn());
                    tx.post_message(
                        record.ori().as_str(),
                        DeadlineKind::SeriousError.name(),
                        &message,
                        now,
                    )
                    .await?;
                    Ok(SeriousErrorOutcome {
                        lrn: record.lrn().clone(),
                        ori: record.ori().clone(),
                        correct_by: None,
                    })
                })
            },
        )
        .await
    }

    /// The common path of the Department's acts on a record: parse, find, authorize (Cedar,
    /// citing H5), act and audit in one transaction.
    async fn act_on_record<F>(
        &self,
        token: &str,
        lrn: &str,
        text: &str,
        operation_id: Option<String>,
        action: AdminAction,
        act: F,
    ) -> Result<ItemsReply<SeriousErrorOutcome>, ServiceError>
    where
        F: for<'a> FnOnce(
                &'a mut dyn StoreTx,
                &'a leads_domain::Record,
                &'a str,
                Timestamp,
            ) -> ActFuture<'a>
            + Send
            + 'static,
    {
        let code = match action {
            AdminAction::RemoveRecord => ReplyCode::RecordRemoved,
            _ => ReplyCode::SeriousErrorReported,
        };
        let text = text.trim().to_ascii_uppercase();
        let asked = format!("LRN/{lrn} {text}");
        let lrn = lrn.to_owned();
        let work = Work::new(
            OperationKind::DepartmentAct,
            action.name(),
            asked,
            move |ctx| {
                Box::pin(async move {
                    let principal = ctx.who.person()?;
                    let record = ctx
                        .service
                        .record_to_act_on(
                            ctx.tx.as_mut(),
                            principal,
                            Act::Admin(action),
                            &lrn,
                            &text,
                            ctx.now,
                        )
                        .await?;
                    ctx.audit.records = vec![record.lrn().to_string()];
                    let done = act(ctx.tx.as_mut(), &record, &text, ctx.now).await?;
                    let message = match done.correct_by {
                        Some(due) => format!(
                            "SERIOUS ERROR REPORTED ON {} TO {} - TO BE CORRECTED BY {due}",
                            done.lrn, done.ori
                        ),
                        None => format!("RECORD {} REMOVED - {} TOLD", done.lrn, done.ori),
                    };
                    let items = Items {
                        agency: Some(done.ori.clone()),
                        items: vec![done],
                    };
                    Ok(Done::new(code, message, items))
                })
            },
        );
        self.run(Actor::Session(token), operation_id, work).await
    }

    /// Defines the shift changes of agency `ori` (`hhmm`, UTC), by which serious errors are
    /// corrected (H5): its coordinator or the Administrator; audited.
    pub async fn define_shifts(
        &self,
        token: &str,
        ori: &str,
        starts: &[String],
        operation_id: Option<String>,
    ) -> Result<ItemsReply<u16>, ServiceError> {
        let asked = format!("ORI/{ori} SHIFTS/{}", starts.join(","));
        let ori = ori.trim().to_ascii_uppercase();
        let starts = starts.to_vec();
        let work = Work::new(
            OperationKind::DepartmentAct,
            "define_shifts",
            asked,
            move |ctx| {
                Box::pin(async move {
                    let invalid =
                        |message: String| Refusal::rejected(ReplyCode::InvalidRequest, message);
                    let ori = Ori::parse(&ori).map_err(|e| invalid(e.to_string()))?;
                    let mut minutes = starts
                        .iter()
                        .map(|s| {
                            TimeOfDay::parse("SHIFT", s)
                                .map(TimeOfDay::minutes_of_day)
                                .map_err(|e| invalid(e.to_string()))
                        })
                        .collect::<Result<Vec<u16>, Refusal>>()?;
                    if minutes.is_empty() {
                        return Err(invalid("GIVE AT LEAST ONE SHIFT CHANGE".into()));
                    }
                    let principal = ctx.who.person()?;
                    ctx.service.permit_act(
                        principal,
                        Act::Admin(AdminAction::DefineShifts),
                        Target::Agency(&ori),
                        ctx.now,
                        || "NOT AUTHORIZED TO DEFINE SHIFTS".into(),
                    )?;
                    minutes.sort_unstable();
                    minutes.dedup();
                    ctx.tx.put_agency_shifts(&ori, &minutes).await?;
                    let message =
                        format!("{} SHIFT CHANGES DEFINED FOR {ori} (UTC)", minutes.len());
                    let items = Items {
                        agency: Some(ori),
                        items: minutes,
                    };
                    Ok(Done::new(ReplyCode::ShiftsDefined, message, items))
                })
            },
        );
        self.run(Actor::Session(token), operation_id, work).await
    }
}
