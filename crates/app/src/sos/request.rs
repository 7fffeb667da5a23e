//! A criminal-justice agency requests an SOS image through LEADS (1030.140(b)(1)(D),(E)): the
//! image lands in the case record of the stated case, with its disposal date, or, when it is
//! wanted only to pass on, is kept only until it is transmitted ((a)(3)).

use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::sos::{Category, Condition, ImageRequest, ImageRequestForm, Lookup};
use leads_policy::{Principal, SosAction, Target};
use leads_store::{CaseImage, SosRequestRow, StoreTx, StoredHolder};
use leads_vault::BlobId;

use super::acts::{SosDone, SosReply, SosSubject, edit_refusal};
use super::cases::{CaseImageView, days_after};
use crate::runner::Refusal;
use crate::{Service, ServiceError};

/// The audit event of a request through LEADS.
pub const SOS_REQUEST_EVENT: &str = "sos_image_request";

/// Finds the one holder a lookup names.
pub(super) async fn find_holder(
    tx: &mut dyn StoreTx,
    lookup: &Lookup,
) -> Result<StoredHolder, Refusal> {
    let mut found: Vec<StoredHolder> = match lookup {
        Lookup::Dln(dln) => tx.sos().holder_by_dln(dln).await?.into_iter().collect(),
        Lookup::Person { name, dob, sex } => {
            tx.sos()
                .holders_by_person(&name.to_string(), *dob, sex.code())
                .await?
        }
    };
    match found.len() {
        0 => Err(Refusal::rejected(
            ReplyCode::SosNotFound,
            format!("NO SOS IMAGE ON FILE FOR {}", lookup.describe()),
        )),
        1 => Ok(found.remove(0)),
        n => Err(Refusal::rejected(
            ReplyCode::SosAmbiguous,
            format!("{n} HOLDERS MATCH {} - REQUEST BY DLN", lookup.describe()),
        )),
    }
}

impl Service {
    /// Requests an SOS image for a case, for the session `token`.
    pub async fn request_sos_image(
        &self,
        token: &str,
        form: ImageRequestForm,
        operation_id: Option<String>,
    ) -> Result<SosReply<CaseImageView>, ServiceError> {
        let subject = SosSubject {
            event: SOS_REQUEST_EVENT,
            asked: describe_form(&form),
            case_number: form
                .case_number
                .clone()
                .map(|c| c.trim().to_ascii_uppercase()),
        };
        self.sos_act(
            token,
            operation_id,
            subject,
            move |service, tx, principal, now| {
                Box::pin(async move { service.request_image_in(tx, principal, &form, now).await })
            },
        )
        .await
    }

    async fn request_image_in(
        &self,
        tx: &mut dyn StoreTx,
        principal: &Principal,
        form: &ImageRequestForm,
        now: Timestamp,
    ) -> Result<SosDone<CaseImageView>, Refusal> {
        let request = ImageRequest::parse(form, now.date()).map_err(|e| edit_refusal(&e))?;
        let category = match &request.on_behalf_of {
            Some(category) => *category,
            None if principal.agency.ori.state() == "IL" => Category::CriminalJustice,
            None => Category::OtherStateCriminalJustice,
        };
        let limits = self.config.sos;
        let mut conditions: Vec<&str> = Vec::new();
        // An investigation is lawful, and identified, when its kind and its case are stated
        // (1030.140(b)(1)(D),(E)): a request without a case number fails both paragraphs.
        if request.investigation.is_some() && request.case.is_some() {
            conditions.push(Condition::LawfulInvestigation.name());
        }
        let case = request.case.as_ref().map(|c| c.as_str().to_owned());
        if case.is_some() {
            conditions.push(Condition::CaseNumber.name());
        }
        let since = Timestamp::from_micros(now.as_micros() - 24 * 3_600_000_000);
        let recent = tx
            .sos()
            .operator_sos_requests(principal.id(), since)
            .await?;
        let today_total: u64 = recent.iter().map(|(_, n)| n).sum();
        if today_total < limits.per_operator_per_day {
            conditions.push("within_operator_limit");
        }
        let in_case = match &case {
            Some(case) => tx
                .sos()
                .case_images(&principal.agency.ori, case)
                .await?
                .len() as u64,
            None => 0,
        };
        if in_case < limits.per_case {
            conditions.push("within_case_limit");
        }
        self.sos_permit(
            principal,
            SosAction::RequestImage,
            Target::SosImageFile,
            category.name(),
            &conditions,
            now,
            || "NO POLICY PERMITS THIS SOS IMAGE REQUEST".to_owned(),
        )?;
        let case = case.unwrap_or_default();
        let holder = find_holder(tx, &request.holder).await?;
        let jpeg = self.open_picture(&holder.picture).await?;
        let blob = BlobId::random();
        let sealed = self.vault.put(&blob, &jpeg).await.map_err(|error| {
            tracing::error!(%error, "an SOS case image could not be sealed");
            Refusal::from(leads_store::StoreError::Unavailable(error.to_string()))
        })?;
        let transmission_only = request.transmit_to.is_some();
        let dispose_after = if transmission_only {
            Timestamp::from_micros(now.as_micros() + limits.transmission_hours * 3_600_000_000)
        } else {
            days_after(
                now,
                request
                    .retention_days
                    .unwrap_or(limits.default_retention_days),
            )
        };
        let mut image = CaseImage {
            id: 0,
            ori: principal.agency.ori.clone(),
            case_number: case.clone(),
            dln: holder.holder.dln.clone(),
            holder_name: holder.holder.name.to_string(),
            holder_dob: holder.holder.dob,
            holder_sex: holder.holder.sex.code().to_owned(),
            subject_role: request.role.name().to_owned(),
            investigation: request
                .investigation
                .map(|i| i.name().to_owned())
                .unwrap_or_default(),
            transmission_only,
            transmit_to: request.transmit_to.clone(),
            picture: Some(leads_store::BlobRef {
                id: blob.as_str().to_owned(),
                wrapped_key: sealed.as_str().to_owned(),
            }),
            received_from: None,
            retrieved_by: principal.id().to_owned(),
            retrieved_at: now,
            dispose_after,
            disposed_at: None,
            disposed_how: None,
        };
        image.id = tx.sos().insert_case_image(&image).await?;
        tx.sos()
            .insert_sos_request(&SosRequestRow {
                at: now,
                channel: "leads".into(),
                category: category.name().into(),
                operator: principal.id().to_owned(),
                ori: principal.agency.ori.clone(),
                requester: principal.agency.name.clone(),
                subject: request.holder.describe(),
                dln: Some(holder.holder.dln.clone()),
                case_number: Some(case.clone()),
                outcome: "accepted".into(),
                detail: format!("CASE IMAGE {}", image.id),
            })
            .await?;
        self.flag_spread(tx, principal, &recent, &case, now).await?;
        self.flag_gallery(tx, principal, &case, now).await?;
        let kept = if transmission_only {
            format!(
                "KEPT ONLY FOR TRANSMISSION TO {} - DELETED WHEN SENT OR AT {}",
                request
                    .transmit_to
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                image.dispose_after
            )
        } else {
            format!("DISPOSE AFTER {}", image.dispose_after)
        };
        let detail = format!(
            "{} CASE/{case} ROL/{} -> CASE IMAGE {} DLN/{}",
            request.holder.describe(),
            image.subject_role,
            image.id,
            image.dln
        );
        let message = format!(
            "SOS IMAGE IN CASE {case} AS CASE IMAGE {} - {kept}",
            image.id
        );
        Ok(SosDone::new(
            ReplyCode::SosImage,
            message,
            vec![CaseImageView {
                image,
                jpeg: Some(jpeg),
            }],
            detail,
        ))
    }
}

fn describe_form(form: &ImageRequestForm) -> String {
    let holder = &form.holder;
    let named = match &holder.dln {
        Some(dln) => format!("DLN/{}", dln.trim()),
        None => format!(
            "NAM/{}.DOB/{}.SEX/{}",
            holder.name.as_deref().unwrap_or_default().trim(),
            holder.dob.as_deref().unwrap_or_default().trim(),
            holder.sex.as_deref().unwrap_or_default().trim()
        ),
    };
    format!("{named} ROL/{}", form.subject_role.trim()).to_ascii_uppercase()
}
