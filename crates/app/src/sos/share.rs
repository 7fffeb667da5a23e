//! Secondary dissemination of an SOS image to another criminal-justice agency (1030.140(c);
//! rules P5 and S3), and the dissemination records the Department and the SOS may read.

use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::fields::Ori;
use leads_domain::sos::{SosDissemination, SosDisseminationForm};
use leads_policy::{Principal, SosAction, Target};
use leads_store::{CaseImage, SosDisseminationRow, StoreTx};
use leads_vault::BlobId;

use super::acts::{SosDone, SosReply, SosSubject, edit_refusal};
use super::cases::days_after;
use crate::compliance::Scope;
use crate::runner::Refusal;
use crate::{Service, ServiceError};

/// The audit event of an SOS image dissemination.
pub const SOS_DISSEMINATION_EVENT: &str = "sos_dissemination";
/// The audit event of reading dissemination records or releases.
pub const SOS_RECORDS_EVENT: &str = "sos_records_read";
/// The most records one reading returns.
pub const SOS_RECORDS_LIMIT: u32 = 500;

/// A dissemination record and, for a recipient outside LEADS, the picture to transmit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisseminationView {
    pub record: SosDisseminationRow,
    pub jpeg: Option<Vec<u8>>,
}

impl Service {
    /// Passes a case image to another criminal-justice agency for the same investigation and
    /// keeps the dissemination record.
    pub async fn disseminate_sos_image(
        &self,
        token: &str,
        form: SosDisseminationForm,
        operation_id: Option<String>,
    ) -> Result<SosReply<DisseminationView>, ServiceError> {
        let subject = SosSubject {
            event: SOS_DISSEMINATION_EVENT,
            asked: format!(
                "CASE IMAGE {} TO {}",
                form.case_image,
                form.recipient_ori.as_deref().unwrap_or_default().trim()
            )
            .to_ascii_uppercase(),
            case_number: Some(form.case_number.trim().to_ascii_uppercase()),
        };
        self.sos_act(
            token,
            operation_id,
            subject,
            move |service, tx, principal, now| {
                Box::pin(async move { service.disseminate_in(tx, principal, &form, now).await })
            },
        )
        .await
    }

    async fn disseminate_in(
        &self,
        tx: &mut dyn StoreTx,
        principal: &Principal,
        form: &SosDisseminationForm,
        now: Timestamp,
    ) -> Result<SosDone<DisseminationView>, Refusal> {
        let request = SosDissemination::parse(form).map_err(|e| edit_refusal(&e))?;
        let own = &principal.agency.ori;
        let image = held_image(tx, request.case_image).await?;
        let directory = tx.agency(&request.recipient_ori).await?;
        let check = request.check_recipient(directory.as_ref());
        let mut conditions: Vec<&str> = Vec::new();
        if &image.ori == own {
            conditions.push("held_by_agency");
        }
        if image.case_number == request.case.as_str() {
            conditions.push("same_investigation");
        }
        if check.criminal_justice {
            conditions.push("recipient_criminal_justice");
        }
        if check.verified.is_some() {
            conditions.push("recipient_verified");
        }
        if &request.recipient_ori != own {
            conditions.push("recipient_other_agency");
        }
        // An image fetched only to pass on goes to the recipient named at the request alone.
        if !image.transmission_only || image.transmit_to.as_ref() == Some(&request.recipient_ori) {
            conditions.push("named_recipient");
        }
        self.sos_permit(
            principal,
            SosAction::Disseminate,
            Target::SosImageFile,
            "",
            &conditions,
            now,
            || "NO POLICY PERMITS THIS DISSEMINATION".to_owned(),
        )?;
        let blob = still_kept(&image)?;
        let jpeg = self.open_picture(blob).await?;
        let mut record = SosDisseminationRow {
            id: 0,
            case_image: image.id,
            from_ori: own.clone(),
            to_ori: request.recipient_ori.clone(),
            to_agency: check.name.clone(),
            to_person: request.recipient_person.as_str().to_owned(),
            case_number: image.case_number.clone(),
            dln: image.dln.clone(),
            verification: check.verified.clone().unwrap_or_default(),
            operator: principal.id().to_owned(),
            at: now,
            recipient_case_image: None,
        };
        if check.in_leads {
            let copy = self
                .copy_to_recipient(tx, &image, &request.recipient_ori, &jpeg, principal, now)
                .await?;
            record.recipient_case_image = Some(copy);
        }
        record.id = tx.sos().insert_sos_dissemination(&record).await?;
        let mut delete_after_commit = Vec::new();
        if image.transmission_only {
            tx.sos()
                .dispose_case_image(image.id, now, "transmitted")
                .await?;
            delete_after_commit.push(blob.id.clone());
        }
        let delivered = match record.recipient_case_image {
            Some(copy) => format!("IN ITS CASE RECORD AS CASE IMAGE {copy}"),
            None => "FOR TRANSMISSION BY THE DISSEMINATING AGENCY".to_owned(),
        };
        let message = format!(
            "SOS IMAGE DISSEMINATED TO {} {delivered} - RECORD {}{}",
            record.to_ori,
            record.id,
            if image.transmission_only {
                " - TRANSMISSION COPY DELETED"
            } else {
                ""
            }
        );
        let detail = format!(
            "CASE IMAGE {} DLN/{} CASE/{} TO {} {} RPN/{} VERIFIED {}",
            image.id,
            image.dln,
            image.case_number,
            record.to_ori,
            record.to_agency,
            record.to_person,
            record.verification
        );
        let view = DisseminationView {
            jpeg: record.recipient_case_image.is_none().then_some(jpeg),
            record,
        };
        let mut done = SosDone::new(ReplyCode::SosDisseminated, message, vec![view], detail);
        done.delete_after_commit = delete_after_commit;
        Ok(done)
    }

    /// The recipient agency's own case image for the same investigation.
    async fn copy_to_recipient(
        &self,
        tx: &mut dyn StoreTx,
        image: &CaseImage,
        recipient: &Ori,
        jpeg: &[u8],
        principal: &Principal,
        now: Timestamp,
    ) -> Result<i64, Refusal> {
        let blob = BlobId::random();
        let sealed = self.vault.put(&blob, jpeg).await.map_err(|error| {
            tracing::error!(%error, "an SOS case image could not be sealed");
            Refusal::from(leads_store::StoreError::Unavailable(error.to_string()))
        })?;
        let copy = CaseImage {
            id: 0,
            ori: recipient.clone(),
            transmission_only: false,
            transmit_to: None,
            picture: Some(leads_store::BlobRef {
                id: blob.as_str().to_owned(),
                wrapped_key: sealed.as_str().to_owned(),
            }),
            received_from: Some(image.id),
            retrieved_by: principal.id().to_owned(),
            retrieved_at: now,
            dispose_after: days_after(now, self.config.sos.default_retention_days),
            disposed_at: None,
            disposed_how: None,
            ..image.clone()
        };
        Ok(tx.sos().insert_case_image(&copy).await?)
    }

    /// Dissemination records of one agency (`ori`), of every agency (`ALL`), or of the
    /// reader's own: the Department (Administrator, auditors), the SOS Police and the agency's
    /// coordinator.
    pub async fn sos_disseminations(
        &self,
        token: &str,
        scope: Option<&str>,
        operation_id: Option<String>,
    ) -> Result<SosReply<SosDisseminationRow>, ServiceError> {
        let scope_text = scope.unwrap_or_default().to_owned();
        let subject = SosSubject {
            event: SOS_RECORDS_EVENT,
            asked: format!("DISSEMINATIONS {scope_text}"),
            case_number: None,
        };
        self.sos_act(
            token,
            operation_id,
            subject,
            move |service, tx, principal, now| {
                Box::pin(async move {
                    let agency = service.sos_records_scope(principal, &scope_text, now)?;
                    let rows = tx
                        .sos()
                        .sos_disseminations(agency.as_ref(), SOS_RECORDS_LIMIT)
                        .await?;
                    let named = agency.map_or("ALL".to_owned(), |o| o.to_string());
                    Ok(SosDone::new(
                        ReplyCode::SosDisseminations,
                        format!("{} DISSEMINATION RECORDS FOR {named}", rows.len()),
                        rows,
                        format!("DISSEMINATIONS {named}"),
                    ))
                })
            },
        )
        .await
    }

    /// Decides whose records a reader may see: the agency named (own when blank) or every
    /// agency (`ALL`).
    pub(super) fn sos_records_scope(
        &self,
        principal: &Principal,
        scope: &str,
        now: Timestamp,
    ) -> Result<Option<Ori>, Refusal> {
        let agency = Scope::parse(Some(scope))
            .map_err(|m| Refusal::rejected(ReplyCode::InvalidRequest, m))?
            .agency(principal);
        let named = agency
            .as_ref()
            .map_or("ALL".to_owned(), ToString::to_string);
        self.sos_permit(
            principal,
            SosAction::ReadRecords,
            agency.as_ref().map_or(Target::Statewide, Target::Agency),
            "",
            &[],
            now,
            || format!("NOT AUTHORIZED TO READ THE SOS IMAGE RECORDS OF {named}"),
        )?;
        Ok(agency)
    }
}

/// The case image numbered `id`, if it exists.
pub(super) async fn held_image(tx: &mut dyn StoreTx, id: i64) -> Result<CaseImage, Refusal> {
    tx.sos().case_image(id).await?.ok_or_else(|| {
        Refusal::rejected(
            ReplyCode::SosCaseImageNotFound,
            format!("NO SOS CASE IMAGE {id}"),
        )
    })
}

/// The sealed picture of a case image not yet disposed of.
pub(super) fn still_kept(image: &CaseImage) -> Result<&leads_store::BlobRef, Refusal> {
    image.picture.as_ref().ok_or_else(|| {
        Refusal::rejected(
            ReplyCode::SosImageDisposed,
            format!(
                "CASE IMAGE {} WAS DISPOSED OF ({}) - REQUEST IT AGAIN IF THE INVESTIGATION NEEDS IT",
                image.id,
                image.disposed_how.as_deref().unwrap_or("disposed").to_ascii_uppercase()
            ),
        )
    })
}
