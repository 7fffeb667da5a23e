//! The SOS desk: Secretary of State staff record and decide requests made directly to SOS
//! (1030.140(b)(1)(A)–(C),(F)–(I)). Each category's conditions are Cedar policies; a missing
//! condition refuses with the paragraph cited. A granted request is disclosed with the
//! disclaimer and logged in the SOS file's request log.

use leads_domain::codes::ReplyCode;
use leads_domain::sos::{DeskForm, DeskRequest};
use leads_policy::{SosAction, Target};
use leads_store::SosRequestRow;

use super::acts::{SosDone, SosReply, SosSubject, edit_refusal};
use super::request::find_holder;
use crate::{Service, ServiceError};

/// The audit event of a desk request.
pub const SOS_DESK_EVENT: &str = "sos_desk_request";

/// An image disclosed at the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclosure {
    /// The number of the request in the SOS request log.
    pub request: i64,
    pub category: String,
    pub requester: String,
    pub dln: String,
    pub holder_name: String,
    pub jpeg: Vec<u8>,
}

impl Service {
    /// Records and decides a request made directly to the Secretary of State.
    pub async fn sos_desk_request(
        &self,
        token: &str,
        form: DeskForm,
        operation_id: Option<String>,
    ) -> Result<SosReply<Disclosure>, ServiceError> {
        let subject = SosSubject {
            event: SOS_DESK_EVENT,
            asked: format!("{} FOR {}", form.category.trim(), form.requester.trim())
                .to_ascii_uppercase(),
            case_number: form.case_number.clone(),
        };
        self.sos_act(
            token,
            operation_id,
            subject,
            move |service, tx, principal, now| {
                Box::pin(async move {
                    let request =
                        DeskRequest::parse(&form, now.date()).map_err(|e| edit_refusal(&e))?;
                    let conditions: Vec<&str> =
                        request.conditions.iter().map(|c| c.name()).collect();
                    let category = request.category;
                    service.sos_permit(
                        principal,
                        SosAction::DeskRequest,
                        Target::SosImageFile,
                        category.name(),
                        &conditions,
                        now,
                        || {
                            format!(
                                "NO POLICY PERMITS A DESK REQUEST OF CATEGORY {}",
                                category.name()
                            )
                        },
                    )?;
                    let holder = find_holder(tx, &request.holder).await?;
                    let jpeg = service.open_picture(&holder.picture).await?;
                    let statements = request.statements.join("; ");
                    let id = tx
                        .sos()
                        .insert_sos_request(&SosRequestRow {
                            at: now,
                            channel: "desk".into(),
                            category: category.name().into(),
                            operator: principal.id().to_owned(),
                            ori: principal.agency.ori.clone(),
                            requester: request.requester.as_str().to_owned(),
                            subject: request.holder.describe(),
                            dln: Some(holder.holder.dln.clone()),
                            case_number: request.case.as_ref().map(|c| c.as_str().to_owned()),
                            outcome: "accepted".into(),
                            detail: statements.clone(),
                        })
                        .await?;
                    let detail = format!(
                        "DESK REQUEST {id} {} ({}) FOR {}: {} -> DLN/{} DISCLOSED; {statements}",
                        category.name().to_ascii_uppercase(),
                        category.citation(),
                        request.requester,
                        request.holder.describe(),
                        holder.holder.dln
                    );
                    let message = format!(
                        "SOS IMAGE DISCLOSED TO {} UNDER {} - REQUEST {id}",
                        request.requester,
                        category.citation()
                    );
                    Ok(SosDone::new(
                        ReplyCode::SosDisclosed,
                        message,
                        vec![Disclosure {
                            request: id,
                            category: category.name().into(),
                            requester: request.requester.as_str().to_owned(),
                            dln: holder.holder.dln.to_string(),
                            holder_name: holder.holder.name.to_string(),
                            jpeg,
                        }],
                        detail,
                    ))
                })
            },
        )
        .await
    }
}
