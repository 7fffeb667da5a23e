//! Broad secondary dissemination to the public (1030.140(b)(2); rule P4): the investigating
//! agency asks, stating necessity, that no other suitable image exists and how identity was
//! verified; the SOS Police approve or deny in writing, in advance; only an approved release
//! yields the flyer, with the disclaimer printed on it.

use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::sos::ReleaseStatus;
use leads_domain::sos::{
    DISCLAIMER, ReleaseDecision, ReleaseDecisionForm, ReleaseForm, ReleaseRequest,
};
use leads_policy::{Principal, SosAction, Target};
use leads_store::{ReleaseRow, StoreTx};

use super::acts::{SosDone, SosReply, SosSubject, edit_refusal};
use super::share::{SOS_RECORDS_LIMIT, held_image, still_kept};
use crate::runner::Refusal;
use crate::{Service, ServiceError};

/// The queue of the Secretary of State Department of Police.
pub const SOS_POLICE_QUEUE: &str = "SOS_POLICE";
/// The audit event of a release request.
pub const SOS_RELEASE_EVENT: &str = "sos_release";

/// The releasable artifact of an approved release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flyer {
    pub release: i64,
    /// A one-page PDF: the picture, the case, the approval and the disclaimer.
    pub pdf: Vec<u8>,
}

fn not_found(id: i64) -> Refusal {
    Refusal::rejected(
        ReplyCode::SosReleaseNotFound,
        format!("NO SOS RELEASE REQUEST {id}"),
    )
}

impl Service {
    /// Asks the SOS Police to approve the release of a case image to the public.
    pub async fn request_sos_release(
        &self,
        token: &str,
        form: ReleaseForm,
        operation_id: Option<String>,
    ) -> Result<SosReply<ReleaseRow>, ServiceError> {
        let subject = SosSubject {
            event: SOS_RELEASE_EVENT,
            asked: format!("RELEASE OF CASE IMAGE {}", form.case_image),
            case_number: None,
        };
        self.sos_act(
            token,
            operation_id,
            subject,
            move |service, tx, principal, now| {
                Box::pin(async move { service.request_release_in(tx, principal, &form, now).await })
            },
        )
        .await
    }

    async fn request_release_in(
        &self,
        tx: &mut dyn StoreTx,
        principal: &Principal,
        form: &ReleaseForm,
        now: Timestamp,
    ) -> Result<SosDone<ReleaseRow>, Refusal> {
        let request = ReleaseRequest::parse(form).map_err(|e| edit_refusal(&e))?;
        let image = held_image(tx, request.case_image).await?;
        let mut conditions: Vec<&str> = Vec::new();
        if image.ori == principal.agency.ori {
            conditions.push("held_by_agency");
        }
        if image.investigation == "criminal" {
            conditions.push("criminal_investigation");
        }
        if request.necessity.is_some() {
            conditions.push("necessity");
        }
        if request.no_other_image {
            conditions.push("no_other_image");
        }
        if request.identity_verification.is_some() {
            conditions.push("identity_verified");
        }
        self.sos_permit(
            principal,
            SosAction::RequestRelease,
            Target::SosImageFile,
            "",
            &conditions,
            now,
            || "NO POLICY PERMITS THIS RELEASE REQUEST".to_owned(),
        )?;
        still_kept(&image)?;
        let text = |t: &Option<leads_domain::fields::FreeText>| {
            t.as_ref()
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default()
        };
        let mut row = ReleaseRow {
            id: 0,
            case_image: image.id,
            ori: image.ori.clone(),
            case_number: image.case_number.clone(),
            necessity: request
                .necessity
                .map(|n| n.name().to_owned())
                .unwrap_or_default(),
            explanation: text(&request.explanation),
            identity_verification: text(&request.identity_verification),
            requested_by: principal.id().to_owned(),
            requested_at: now,
            status: ReleaseStatus::Pending,
            decided_by: None,
            decided_at: None,
            reference: None,
            note: None,
        };
        row.id = tx.sos().insert_release(&row).await?;
        let notice = format!(
            "SOS RELEASE REQUEST {}: {} ASKS TO RELEASE CASE IMAGE {} (CASE {}) TO THE PUBLIC - {} - IDENTITY VERIFIED BY {} - APPROVE OR DENY IN WRITING",
            row.id,
            row.ori,
            row.case_image,
            row.case_number,
            row.necessity.to_ascii_uppercase(),
            row.identity_verification
        );
        tx.post_message(SOS_POLICE_QUEUE, "sos_release_request", &notice, now)
            .await?;
        let message = format!(
            "RELEASE REQUEST {} SENT TO THE SOS POLICE - NO RELEASE BEFORE THEIR WRITTEN APPROVAL",
            row.id
        );
        let detail = format!(
            "RELEASE {} OF CASE IMAGE {} CASE/{} {}",
            row.id,
            row.case_image,
            row.case_number,
            row.necessity.to_ascii_uppercase()
        );
        Ok(SosDone::new(
            ReplyCode::SosReleasePending,
            message,
            vec![row],
            detail,
        ))
    }

    /// The SOS Police approve or deny a release request in writing.
    pub async fn decide_sos_release(
        &self,
        token: &str,
        id: i64,
        form: ReleaseDecisionForm,
        operation_id: Option<String>,
    ) -> Result<SosReply<ReleaseRow>, ServiceError> {
        let subject = SosSubject {
            event: SOS_RELEASE_EVENT,
            asked: format!("DECISION ON RELEASE {id}"),
            case_number: None,
        };
        self.sos_act(token, operation_id, subject, move |service, tx, principal, now| {
            Box::pin(async move {
                let decision = ReleaseDecision::parse(&form).map_err(|e| edit_refusal(&e))?;
                let conditions: Vec<&str> = decision
                    .reference
                    .iter()
                    .map(|_| "written_reference")
                    .collect();
                service.sos_permit(
                    principal,
                    SosAction::DecideRelease,
                    Target::SosImageFile,
                    "",
                    &conditions,
                    now,
                    || "ONLY THE SOS POLICE DECIDE RELEASES".to_owned(),
                )?;
                let mut row = tx.sos().release(id).await?.ok_or_else(|| not_found(id))?;
                if row.status != ReleaseStatus::Pending {
                    return Err(Refusal::rejected(
                        ReplyCode::SosReleaseDecided,
                        format!("RELEASE {id} WAS ALREADY {}", row.status.name().to_ascii_uppercase()),
                    ));
                }
                row.status = if decision.approve {
                    ReleaseStatus::Approved
                } else {
                    ReleaseStatus::Denied
                };
                row.decided_by = Some(principal.id().to_owned());
                row.decided_at = Some(now);
                row.reference = decision.reference.as_ref().map(|r| r.as_str().to_owned());
                row.note = decision.note.as_ref().map(|n| n.as_str().to_owned());
                if !tx.sos().decide_release(&row).await? {
                    return Err(Refusal::rejected(
                        ReplyCode::SosReleaseDecided,
                        format!("RELEASE {id} WAS DECIDED MEANWHILE"),
                    ));
                }
                let status = row.status.name().to_ascii_uppercase();
                let reference = row.reference.clone().unwrap_or_default();
                let notice = format!(
                    "SOS POLICE {status} RELEASE {id} OF CASE IMAGE {} (CASE {}) - REFERENCE {reference}",
                    row.case_image, row.case_number
                );
                tx.post_message(row.ori.as_str(), "sos_release_decision", &notice, now)
                    .await?;
                let code = if decision.approve {
                    ReplyCode::SosReleaseApproved
                } else {
                    ReplyCode::SosReleaseDenied
                };
                let detail = format!("RELEASE {id} {status} REF/{reference}");
                Ok(SosDone::new(code, notice, vec![row], detail))
            })
        })
        .await
    }

    /// Release requests (`status`: pending, approved, denied, or all) of one agency, of every
    /// agency (`ALL`, the SOS Police's approval queue) or of the own agency.
    pub async fn sos_releases(
        &self,
        token: &str,
        status: Option<&str>,
        scope: Option<&str>,
        operation_id: Option<String>,
    ) -> Result<SosReply<ReleaseRow>, ServiceError> {
        let scope_text = scope.unwrap_or_default().to_owned();
        let status = status
            .map(|s| s.trim().to_ascii_lowercase())
            .unwrap_or_default();
        let subject = SosSubject {
            event: super::share::SOS_RECORDS_EVENT,
            asked: format!("RELEASES {scope_text} {status}"),
            case_number: None,
        };
        self.sos_act(
            token,
            operation_id,
            subject,
            move |service, tx, principal, now| {
                Box::pin(async move {
                    let wanted = match status.trim() {
                        "" => None,
                        text => Some(ReleaseStatus::parse(text).ok_or_else(|| {
                            Refusal::rejected(
                                ReplyCode::InvalidRequest,
                                format!("STATUS {status} - USE PENDING, APPROVED OR DENIED"),
                            )
                        })?),
                    };
                    let agency = service.sos_records_scope(principal, &scope_text, now)?;
                    let rows = tx
                        .sos()
                        .releases(wanted, agency.as_ref(), SOS_RECORDS_LIMIT)
                        .await?;
                    let named = agency.map_or("ALL".to_owned(), |o| o.to_string());
                    Ok(SosDone::new(
                        ReplyCode::SosReleases,
                        format!("{} RELEASE REQUESTS FOR {named}", rows.len()),
                        rows,
                        format!("RELEASES {named} {status}"),
                    ))
                })
            },
        )
        .await
    }

    /// The flyer of an approved release, for the agency that asked.
    pub async fn sos_release_flyer(
        &self,
        token: &str,
        id: i64,
        operation_id: Option<String>,
    ) -> Result<SosReply<Flyer>, ServiceError> {
        let subject = SosSubject {
            event: SOS_RELEASE_EVENT,
            asked: format!("FLYER OF RELEASE {id}"),
            case_number: None,
        };
        self.sos_act(
            token,
            operation_id,
            subject,
            move |service, tx, principal, now| {
                Box::pin(async move {
                    let row = tx.sos().release(id).await?.ok_or_else(|| not_found(id))?;
                    let image = held_image(tx, row.case_image).await?;
                    let mut conditions: Vec<&str> = Vec::new();
                    if image.ori == principal.agency.ori {
                        conditions.push("held_by_agency");
                    }
                    if row.status == ReleaseStatus::Approved && row.reference.is_some() {
                        conditions.push("approved_in_writing");
                    }
                    service.sos_permit(
                        principal,
                        SosAction::ProduceRelease,
                        Target::SosImageFile,
                        "",
                        &conditions,
                        now,
                        || "NO POLICY PERMITS THIS RELEASE".to_owned(),
                    )?;
                    let jpeg = service.open_picture(still_kept(&image)?).await?;
                    let lines = vec![
                        format!(
                            "{} - {}",
                            principal.agency.name,
                            row.necessity.replace('_', " ").to_ascii_uppercase()
                        ),
                        format!("CASE {}", row.case_number),
                        format!(
                            "RELEASE APPROVED IN WRITING BY THE SOS POLICE, REFERENCE {}",
                            row.reference.clone().unwrap_or_default()
                        ),
                        "CALL 911 OR THE INVESTIGATING AGENCY WITH ANY INFORMATION".to_owned(),
                    ];
                    let pdf = leads_imaging::flyer_pdf(
                        &jpeg,
                        &leads_imaging::FlyerText {
                            heading: "PUBLIC SAFETY RELEASE",
                            lines: &lines,
                            disclaimer: DISCLAIMER,
                        },
                    )
                    .map_err(|e| {
                        Refusal::from(leads_store::StoreError::Corrupt(format!(
                            "case image {}: {e}",
                            image.id
                        )))
                    })?;
                    let message = format!(
                        "FLYER OF RELEASE {id} ({} BYTES) - THE DISCLAIMER IS PRINTED ON IT",
                        pdf.len()
                    );
                    let detail = format!(
                        "FLYER OF RELEASE {id} CASE IMAGE {} CASE/{} REF/{}",
                        image.id,
                        image.case_number,
                        row.reference.clone().unwrap_or_default()
                    );
                    Ok(SosDone::new(
                        ReplyCode::SosReleaseFlyer,
                        message,
                        vec![Flyer { release: id, pdf }],
                        detail,
                    ))
                })
            },
        )
        .await
    }
}
