//! Case records (1030.140(a)(2)): an agency reads the SOS images of one of its cases, and
//! nothing else (there is no list of SOS images outside a case); images are disposed of when
//! the case record's retention ends, and an image kept only for transmission when its window
//! closes ((a)(3)).

use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::fields::CaseNumber;
use leads_policy::{SosAction, Target};
use leads_store::CaseImage;

use super::acts::{SosDone, SosReply, SosSubject, edit_refusal};
use crate::runner::{Actor, Ctx, Done, Operation, OperationKind, Refusal};
use crate::{Service, ServiceError};

/// The audit event of reading a case record's SOS images.
pub const SOS_CASE_READ_EVENT: &str = "sos_case_read";
/// The audit event of a disposal.
pub const SOS_DISPOSAL_EVENT: &str = "sos_image_disposed";

/// A case image and, while it is kept, the picture (JPEG).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseImageView {
    pub image: CaseImage,
    pub jpeg: Option<Vec<u8>>,
}

/// What a disposal run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DisposalReport {
    /// Images whose case-record retention ended.
    pub retention_expired: usize,
    /// Transmission-only images never sent within their window.
    pub transmission_expired: usize,
}

/// Disposals done per transaction.
const DISPOSAL_BATCH: u32 = 200;

impl Service {
    /// The SOS images of one case record of the reader's agency (1030.140(a)(2)).
    pub async fn sos_case(
        &self,
        token: &str,
        case_number: &str,
        operation_id: Option<String>,
    ) -> Result<SosReply<CaseImageView>, ServiceError> {
        let case_number = case_number.trim().to_ascii_uppercase();
        let subject = SosSubject {
            event: SOS_CASE_READ_EVENT,
            asked: format!("CASE/{case_number}"),
            case_number: Some(case_number.clone()),
        };
        self.sos_act(
            token,
            operation_id,
            subject,
            move |service, tx, principal, now| {
                Box::pin(async move {
                    let case = if case_number.is_empty() {
                        None
                    } else {
                        Some(CaseNumber::parse("CAS", &case_number).map_err(|e| edit_refusal(&e))?)
                    };
                    let conditions: Vec<&str> = case.iter().map(|_| "case_number").collect();
                    service.sos_permit(
                        principal,
                        SosAction::ReadCase,
                        Target::SosImageFile,
                        "",
                        &conditions,
                        now,
                        || "NO POLICY PERMITS READING THIS CASE RECORD".to_owned(),
                    )?;
                    let images = tx
                        .sos()
                        .case_images(&principal.agency.ori, &case_number)
                        .await?;
                    let mut items = Vec::with_capacity(images.len());
                    for image in images {
                        let jpeg = match &image.picture {
                            Some(blob) => Some(service.open_picture(blob).await?),
                            None => None,
                        };
                        items.push(CaseImageView { image, jpeg });
                    }
                    let kept = items.iter().filter(|i| i.jpeg.is_some()).count();
                    let message = format!(
                        "CASE {case_number}: {} SOS IMAGES, {kept} KEPT",
                        items.len()
                    );
                    let detail = format!("CASE/{case_number} -> {} IMAGES", items.len());
                    Ok(SosDone::new(ReplyCode::SosCase, message, items, detail))
                })
            },
        )
        .await
    }

    /// Disposes of every SOS image whose case-record retention or transmission window has
    /// ended: the sealed blob is deleted and the case record keeps only the fact, each
    /// disposal with its audit entry in the same transaction, a batch per operation.
    pub async fn dispose_sos_images(&self) -> Result<DisposalReport, ServiceError> {
        let mut report = DisposalReport::default();
        loop {
            let batch = self.run(Actor::System, None, DisposalBatch).await?;
            let (due, done) = batch.body;
            report.retention_expired += done.retention_expired;
            report.transmission_expired += done.transmission_expired;
            if due < DISPOSAL_BATCH as usize {
                break;
            }
        }
        if report != DisposalReport::default() {
            tracing::info!(?report, "SOS image disposal");
        }
        Ok(report)
    }
}

/// One batch of disposals: how many were due, and what was disposed of.
struct DisposalBatch;

impl Operation for DisposalBatch {
    type Output = (usize, DisposalReport);

    fn kind(&self) -> OperationKind {
        OperationKind::SosDisposal
    }

    fn event(&self) -> &'static str {
        SOS_DISPOSAL_EVENT
    }

    fn refused_body(&self) -> Self::Output {
        (0, DisposalReport::default())
    }

    async fn act(self, ctx: &mut Ctx<'_>) -> Result<Done<Self::Output>, Refusal> {
        let now = ctx.now;
        let due = ctx.tx.sos().due_disposals(now, DISPOSAL_BATCH).await?;
        let mut report = DisposalReport::default();
        for image in &due {
            let how = if image.transmission_only {
                ReplyCode::TransmissionWindowExpired
            } else {
                ReplyCode::RetentionExpired
            };
            if !ctx
                .tx
                .sos()
                .dispose_case_image(image.id, now, how.name())
                .await?
            {
                continue;
            }
            if image.transmission_only {
                report.transmission_expired += 1;
            } else {
                report.retention_expired += 1;
            }
            let mut step = ctx.audit.step(SOS_DISPOSAL_EVENT);
            step.detail = format!(
                "CASE IMAGE {} DLN/{} OF {} CASE/{} {}",
                image.id,
                image.dln,
                image.ori,
                image.case_number,
                how.name().to_ascii_uppercase()
            );
            step.ori = Some(image.ori.to_string());
            step.case_number = Some(image.case_number.clone());
            ctx.audit.record_step(step, how);
            ctx.delete_after_commit
                .extend(image.picture.as_ref().map(|b| b.id.clone()));
        }
        let message = format!("{} SOS IMAGES DUE", due.len());
        Ok(Done::new(ReplyCode::SosDisposal, message, (due.len(), report)).steps_only())
    }
}

/// A timestamp `days` after `at`.
pub(crate) fn days_after(at: Timestamp, days: i64) -> Timestamp {
    Timestamp::from_micros(at.as_micros() + days * 86_400_000_000)
}
