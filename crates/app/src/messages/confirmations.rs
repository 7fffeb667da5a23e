//! Hit confirmation through the pipeline (rule H6): a YQ from the agency that got a hit puts the
//! request in the owner's queue and opens a deadline by its priority (urgent 10 minutes,
//! routine 1 hour); unanswered, the engine sends the second and third requests and then tells
//! the Administrator. The owner's YR answers every open request on the record: confirmed, not
//! confirmed, or more time needed (which moves the deadline). Request and response are audited
//! with the record.

use leads_domain::Record;
use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::confirmation::{Answer, ConfirmTransaction, Contact, Priority, request_type_of};
use leads_domain::deadline::DeadlineKind;
use leads_domain::transaction::RecordRef;
use leads_message::ConfirmMessage;
use leads_policy::{Act, AuthzRequest, Principal, Target};
use leads_store::{HitConfirmation, StoreTx};

use crate::Service;
use crate::messages::done::Done;
use crate::runner::Refusal;

fn deadline_of(priority: Priority) -> DeadlineKind {
    match priority {
        Priority::Urgent => DeadlineKind::ConfirmUrgent,
        Priority::Routine => DeadlineKind::ConfirmRoutine,
    }
}

const MINUTE: i64 = 60 * 1_000_000;

impl Service {
    pub(crate) async fn act_confirmation(
        &self,
        tx: &mut dyn StoreTx,
        principal: &Principal,
        message: &ConfirmMessage,
        now: Timestamp,
    ) -> Result<Done, Refusal> {
        let record = confirmed_record(tx, message.transaction.record()).await?;
        let request = matches!(message.transaction, ConfirmTransaction::Request { .. });
        let target = Target::Record {
            file: record.file(),
            owner: record.ori(),
        };
        self.permit(
            &AuthzRequest::new(principal, Act::Confirm(request), target, now.date())
                .in_name_of(&message.ori),
            || format!("NO POLICY PERMITS {}", message.key.key),
        )?;
        check_identity(&record, &message.transaction)?;
        let lrn = record.lrn().clone();
        let owner = record.ori().clone();
        match &message.transaction {
            ConfirmTransaction::Request {
                priority,
                request_no,
                requester,
                mis,
                ..
            } => {
                tx.insert_confirmation(&HitConfirmation {
                    id: 0,
                    lrn: lrn.clone(),
                    owner: owner.clone(),
                    requester: message.ori.clone(),
                    priority: *priority,
                    request_no: *request_no,
                    requested_at: now,
                })
                .await?;
                let kind = deadline_of(*priority);
                let due = Timestamp::from_micros(now.as_micros() + priority.minutes() * MINUTE);
                tx.insert_deadline(kind, owner.as_str(), lrn.as_str(), due, now)
                    .await?;
                let remarks = mis.as_ref().map(|m| format!(" - {m}")).unwrap_or_default();
                let who = contact_text(requester, principal);
                let text = format!(
                    "HIT CONFIRMATION REQUEST {request_no} ({}, ANSWER BY {due}) FROM {} {who} ON RECORD {lrn}{remarks}",
                    priority.name(),
                    message.ori
                );
                tx.post_message(owner.as_str(), kind.name(), &text, now)
                    .await?;
                Ok(done(
                    ReplyCode::ConfirmationRequested,
                    format!(
                        "CONFIRMATION REQUESTED FROM {owner} ({}, WITHIN {} MINUTES)",
                        priority.name(),
                        priority.minutes()
                    ),
                    record,
                ))
            }
            ConfirmTransaction::Response {
                answer,
                answerer,
                mis,
                ..
            } => {
                let open = tx.open_confirmations(&lrn).await?;
                if open.is_empty() {
                    return Err(Refusal::rejected(
                        ReplyCode::NoConfirmationRequest,
                        format!("NO OPEN HIT CONFIRMATION REQUEST ON {lrn}"),
                    ));
                }
                let remarks = mis.as_ref().map(|m| format!(" - {m}")).unwrap_or_default();
                let who = contact_text(answerer, principal);
                for kind in [DeadlineKind::ConfirmUrgent, DeadlineKind::ConfirmRoutine] {
                    tx.close_deadlines(lrn.as_str(), Some(kind), now, answer.name())
                        .await?;
                }
                for request in &open {
                    let text = format!(
                        "HIT CONFIRMATION RESPONSE FROM {owner} {who} ON RECORD {lrn}: {}{remarks}",
                        answer.text()
                    );
                    tx.post_message(
                        request.requester.as_str(),
                        "confirmation_response",
                        &text,
                        now,
                    )
                    .await?;
                    match answer {
                        Answer::MoreTime(minutes) => {
                            let kind = deadline_of(request.priority);
                            let due = Timestamp::from_micros(
                                now.as_micros() + i64::from(*minutes) * MINUTE,
                            );
                            tx.insert_deadline(kind, owner.as_str(), lrn.as_str(), due, now)
                                .await?;
                        }
                        Answer::Confirmed | Answer::NotConfirmed => {
                            tx.answer_confirmation(
                                request.id,
                                answer.name(),
                                &principal.person.id,
                                now,
                            )
                            .await?;
                        }
                    }
                }
                Ok(done(
                    ReplyCode::ConfirmationAnswered,
                    format!(
                        "{} SENT TO {} REQUESTER(S) ON {lrn}",
                        answer.text(),
                        open.len()
                    ),
                    record,
                ))
            }
        }
    }
}

/// Who asks or answers, for the other side: the name, agency and phone the message gives, or
/// the person and agency of the session and the agency's 24-hour phone.
fn contact_text(contact: &Contact, principal: &Principal) -> String {
    let name = contact.name.as_ref().map_or_else(
        || principal.person.name.to_ascii_uppercase(),
        ToString::to_string,
    );
    let agency = contact.agency.as_ref().map_or_else(
        || principal.agency.name.to_ascii_uppercase(),
        ToString::to_string,
    );
    let phone = contact
        .phone
        .clone()
        .or_else(|| principal.agency.phone.clone())
        .map(|p| format!(" PHO/{p}"))
        .unwrap_or_default();
    format!("({agency}, {name}{phone})")
}

/// The Nlets request type and every identifying field a confirmation gives must match the
/// record its number names.
fn check_identity(record: &Record, transaction: &ConfirmTransaction) -> Result<(), Refusal> {
    let (request_type, identity) = transaction.identification();
    if let Some(given) = request_type {
        let expected = request_type_of(record.file());
        if expected != Some(given.code()) {
            return Err(Refusal::rejected(
                ReplyCode::IdentityMismatch,
                format!(
                    "RTY/{} DOES NOT MATCH {} - A {} RECORD{}",
                    given.code(),
                    record.lrn(),
                    record.file().name(),
                    expected.map(|e| format!(" (RTY/{e})")).unwrap_or_default()
                ),
            ));
        }
    }
    record.confirm(identity)?;
    Ok(())
}

/// The record a confirmation names; it must still be in the file.
async fn confirmed_record(tx: &mut dyn StoreTx, target: &RecordRef) -> Result<Record, Refusal> {
    let found = match target {
        RecordRef::Nic(nic) => tx.record_by_nic(nic).await?,
        RecordRef::Lrn(lrn) => tx.record_by_lrn(lrn).await?,
        RecordRef::Oca { .. } => None,
    };
    let record = found.ok_or_else(|| {
        Refusal::rejected(ReplyCode::RecordNotFound, format!("NOT ON FILE {target}"))
    })?;
    if !record.status().is_in_file() {
        return Err(Refusal::rejected(
            ReplyCode::RecordNotInFile,
            format!("{target} IS NO LONGER IN THE FILE"),
        ));
    }
    Ok(record)
}

fn done(code: ReplyCode, message: String, record: Record) -> Done {
    Done {
        message,
        records: vec![record],
        ..Done::of(code)
    }
}
