//! Line-ups and photo arrays (1030.140(b)(3); rule P3): an SOS image may stand in an array only
//! for the investigation it was requested for, and only if it is the suspect's, or its holder's
//! express written consent was recorded before the use. Fillers from other sources are free.

use leads_domain::codes::ReplyCode;
use leads_domain::sos::{ArrayMember, Consent, ConsentForm, PhotoArray, PhotoArrayForm};
use leads_policy::{SosAction, Target};
use leads_store::{ConsentRow, PhotoArrayRow};

use super::acts::{SosDone, SosReply, SosSubject, edit_refusal};
use super::share::{held_image, still_kept};
use crate::{Service, ServiceError};

/// The audit event of consents and photo arrays.
pub const SOS_ARRAY_EVENT: &str = "sos_photo_array";

impl Service {
    /// Records the holder's express written consent to the use of a case image in photo
    /// arrays.
    pub async fn record_sos_consent(
        &self,
        token: &str,
        case_image: i64,
        form: ConsentForm,
        operation_id: Option<String>,
    ) -> Result<SosReply<ConsentRow>, ServiceError> {
        let subject = SosSubject {
            event: SOS_ARRAY_EVENT,
            asked: format!("CONSENT FOR CASE IMAGE {case_image}"),
            case_number: None,
        };
        self.sos_act(
            token,
            operation_id,
            subject,
            move |service, tx, principal, now| {
                Box::pin(async move {
                    let consent =
                        Consent::parse(&form, now.date()).map_err(|e| edit_refusal(&e))?;
                    let image = held_image(tx, case_image).await?;
                    let conditions: Vec<&str> = (image.ori == principal.agency.ori)
                        .then_some("held_by_agency")
                        .into_iter()
                        .collect();
                    service.sos_permit(
                        principal,
                        SosAction::RecordConsent,
                        Target::SosImageFile,
                        "",
                        &conditions,
                        now,
                        || "NO POLICY PERMITS RECORDING THIS CONSENT".to_owned(),
                    )?;
                    let mut row = ConsentRow {
                        id: 0,
                        case_image,
                        document: consent.document.as_str().to_owned(),
                        signed_on: consent.signed_on,
                        recorded_by: principal.id().to_owned(),
                        recorded_at: now,
                    };
                    row.id = tx.sos().insert_consent(&row).await?;
                    let detail = format!(
                        "CONSENT {} FOR CASE IMAGE {case_image} DLN/{} DOC/{} SIGNED {}",
                        row.id,
                        image.dln,
                        row.document,
                        row.signed_on.as_number()
                    );
                    Ok(SosDone::new(
                        ReplyCode::SosConsentRecorded,
                        format!("WRITTEN CONSENT RECORDED FOR CASE IMAGE {case_image}"),
                        vec![row],
                        detail,
                    ))
                })
            },
        )
        .await
    }

    /// Builds a photo array for a case: every SOS image in it must pass rule P3.
    pub async fn build_photo_array(
        &self,
        token: &str,
        form: PhotoArrayForm,
        operation_id: Option<String>,
    ) -> Result<SosReply<PhotoArrayRow>, ServiceError> {
        let case_number = form.case_number.trim().to_ascii_uppercase();
        let subject = SosSubject {
            event: SOS_ARRAY_EVENT,
            asked: format!("PHOTO ARRAY CASE/{case_number}"),
            case_number: Some(case_number.clone()),
        };
        self.sos_act(
            token,
            operation_id,
            subject,
            move |service, tx, principal, now| {
                Box::pin(async move {
                    let array = PhotoArray::parse(&form).map_err(|e| edit_refusal(&e))?;
                    let case = array.case;
                    let mut described = Vec::with_capacity(array.members.len());
                    for member in array.members {
                        let ArrayMember::CaseImage(id) = member else {
                            described.push(member.describe());
                            continue;
                        };
                        let image = held_image(tx, id).await?;
                        let mut conditions: Vec<&str> = Vec::new();
                        if image.ori == principal.agency.ori {
                            conditions.push("held_by_agency");
                        }
                        if image.case_number == case.as_str() {
                            conditions.push("same_investigation");
                        }
                        let suspect = image.subject_role == "suspect";
                        if suspect {
                            conditions.push("suspect_image");
                        }
                        let consents = tx.sos().consents(id).await?;
                        let consent = consents
                            .iter()
                            .find(|c| c.recorded_at <= now && c.signed_on.date() <= now.date());
                        if consent.is_some() {
                            conditions.push("consent_on_file");
                        }
                        service.sos_permit(
                            principal,
                            SosAction::UseInArray,
                            Target::SosImageFile,
                            "",
                            &conditions,
                            now,
                            || format!("NO POLICY PERMITS CASE IMAGE {id} IN THIS ARRAY"),
                        )?;
                        still_kept(&image)?;
                        described.push(match (suspect, consent) {
                            (true, _) => format!("{} SUSPECT", member.describe()),
                            (false, Some(c)) => {
                                format!("{} CONSENT {}", member.describe(), c.document)
                            }
                            (false, None) => member.describe(),
                        });
                    }
                    let mut row = PhotoArrayRow {
                        id: 0,
                        ori: principal.agency.ori.clone(),
                        case_number: case.as_str().to_owned(),
                        built_by: principal.id().to_owned(),
                        built_at: now,
                        members: described,
                    };
                    row.id = tx.sos().insert_photo_array(&row).await?;
                    let detail = format!(
                        "ARRAY {} CASE/{}: {}",
                        row.id,
                        row.case_number,
                        row.members.join("; ")
                    );
                    Ok(SosDone::new(
                        ReplyCode::SosPhotoArray,
                        format!("PHOTO ARRAY {} BUILT FOR CASE {}", row.id, row.case_number),
                        vec![row],
                        detail,
                    ))
                })
            },
        )
        .await
    }
}
