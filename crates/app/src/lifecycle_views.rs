//! What people do with the deadline engine: the second-party check of a new record (H4), the
//! agency's message queue (read, acknowledge) and the compliance view of open deadlines.

use leads_domain::RuleId;
use leads_domain::clock::Timestamp;
use leads_domain::deadline::{Deadline, DeadlineKind};
use leads_domain::fields::{Lrn, Ori};
use leads_domain::reply::{Outcome, Reason};
use leads_policy::{Act, AuthzRequest, Principal, Target};
use leads_store::{AuditQuery, Message, Verification};

use crate::audit_log::{ADMINISTRATOR_QUEUE, principal_entry};
use crate::{ItemsReply, Service, ServiceError};

/// The shortest account of what a second-party check compared.
pub const MIN_CHECKED_LENGTH: usize = 10;

/// Messages listed at most per reading.
pub const MAILBOX_LIMIT: u32 = 500;

/// The queue a scope reads: an agency's ORI, or the Administrator's queue for every agency.
fn queue_of(agency: Option<&Ori>) -> String {
    agency.map_or_else(|| ADMINISTRATOR_QUEUE.to_owned(), ToString::to_string)
}

impl Service {
    /// The second-party check of a record (H4): a certified operator of the owning agency, not
    /// the one who entered it, records what was cross-checked; the record's check deadline
    /// closes. Refusals cite the rule; everything is audited with the check in one transaction.
    pub async fn verify_record(
        &self,
        token: &str,
        lrn: &str,
        checked: &str,
        operation_id: Option<String>,
    ) -> Result<ItemsReply<Verification>, ServiceError> {
        let identified = self.identify_session(token, true).await?;
        let principal = identified.principal;
        let now = self.clock.now();
        let mut reply = ItemsReply::new(operation_id, now, "record_verified");
        let mut entry =
            principal_entry(&principal, &reply.operation_id, now, "record_verification");
        let checked = checked.trim().to_ascii_uppercase();
        entry.detail = format!("LRN/{lrn} CHECKED/{checked}");
        let mut tx = self.store.begin().await?;
        match self
            .check_verification(tx.as_mut(), &principal, lrn, &checked, now)
            .await?
        {
            Err((outcome, code, message, reasons)) => {
                reply.outcome = outcome;
                reply.code = code;
                reply.message = message;
                reply.reasons = reasons;
                tx.rollback().await?;
                tx = self.store.begin().await?;
            }
            Ok(verification) => {
                entry.records = vec![verification.lrn.to_string()];
                tx.insert_verification(&verification).await?;
                let how = format!("VERIFIED BY {}", principal.person.id);
                tx.close_deadlines(
                    verification.lrn.as_str(),
                    Some(DeadlineKind::SecondPartyCheck),
                    now,
                    &how,
                )
                .await?;
                reply.message = format!(
                    "SECOND-PARTY CHECK RECORDED FOR {} BY {}",
                    verification.lrn, principal.person.id
                );
                reply.items.push(verification);
            }
        }
        self.write_outcome(
            Some(tx),
            entry,
            reply.outcome,
            reply.code,
            &reply.reasons,
            &identified.token_hash,
            now,
        )
        .await?;
        Ok(reply)
    }

    /// Every condition of a second-party check, in the order an operator would want to hear
    /// them: the number, the account of what was compared, the record, the policy, and that the
    /// checker is not the operator who entered it.
    async fn check_verification(
        &self,
        tx: &mut dyn leads_store::StoreTx,
        principal: &Principal,
        lrn: &str,
        checked: &str,
        now: Timestamp,
    ) -> Result<Result<Verification, Refused>, ServiceError> {
        let lrn = match Lrn::parse(&lrn.trim().to_ascii_uppercase()) {
            Ok(lrn) => lrn,
            Err(error) => return Ok(Err(rejected("invalid_request", error.to_string()))),
        };
        if checked.chars().count() < MIN_CHECKED_LENGTH {
            return Ok(Err(rejected(
                "invalid_request",
                format!(
                    "CHECKED: SAY WHAT WAS CROSS-CHECKED ({MIN_CHECKED_LENGTH} CHARACTERS OR MORE)"
                ),
            )));
        }
        let Some(record) = tx.record_by_lrn(&lrn).await? else {
            return Ok(Err(rejected(
                "record_not_found",
                format!("NOT ON FILE LRN/{lrn}"),
            )));
        };
        if !record.status().is_in_file() {
            return Ok(Err(rejected(
                "record_not_in_file",
                format!("LRN/{lrn} IS NO LONGER IN THE FILE"),
            )));
        }
        let allowed = self.permit(
            &AuthzRequest {
                principal,
                act: Act::Verify,
                target: Target::Record {
                    file: record.file(),
                    owner: record.ori(),
                },
                message_ori: &principal.agency.ori,
                roles_granted: &[],
                purpose: "",
                case_number: "",
                today: now.date(),
            },
            || "NOT AUTHORIZED TO VERIFY RECORDS".into(),
        );
        if let Err(refusal) = allowed {
            return Ok(Err((
                refusal.outcome,
                refusal.code,
                refusal.message,
                refusal.reasons,
            )));
        }
        let entered_by = self.entered_by(&lrn).await?;
        if entered_by.as_deref() == Some(principal.person.id.as_str()) {
            let rule = RuleId::H4;
            let text = "THE SECOND-PARTY CHECK IS DONE BY AN OPERATOR OTHER THAN THE ONE WHO ENTERED THE RECORD";
            return Ok(Err((
                Outcome::Refused,
                "not_authorized",
                text.into(),
                vec![Reason {
                    rule: rule.id().into(),
                    citation: rule.citation().into(),
                    text: text.into(),
                }],
            )));
        }
        Ok(Ok(Verification {
            lrn,
            ori: record.ori().clone(),
            operator: principal.person.id.clone(),
            checked: checked.to_owned(),
            at: now,
        }))
    }

    /// The operator whose entry created the record, from the audit log.
    async fn entered_by(&self, lrn: &Lrn) -> Result<Option<String>, ServiceError> {
        let query = AuditQuery {
            event: Some("transaction".into()),
            record: Some(lrn.to_string()),
            ..AuditQuery::default()
        };
        let entries = self.store.audit_search(&query, 50).await?;
        Ok(entries
            .into_iter()
            .find(|e| e.entry.code == "entered")
            .and_then(|e| e.entry.operator))
    }

    /// The messages of the reader's agency (`scope` names another agency, or `ALL` for the
    /// Administrator's queue), newest first; audited.
    pub async fn mailbox(
        &self,
        token: &str,
        scope: Option<&str>,
        unread_only: bool,
        operation_id: Option<String>,
    ) -> Result<ItemsReply<Message>, ServiceError> {
        self.read_compliance(
            token,
            scope,
            operation_id,
            "mailbox_read",
            "mailbox",
            false,
            move |tx, agency, _reader, _now| {
                Box::pin(async move {
                    let queue = queue_of(agency);
                    Ok(Ok(tx.mailbox(&queue, unread_only, MAILBOX_LIMIT).await?))
                })
            },
        )
        .await
    }

    /// Acknowledges message `id` of the scope's queue (read and acted upon); audited.
    pub async fn acknowledge_message(
        &self,
        token: &str,
        scope: Option<&str>,
        id: i64,
        operation_id: Option<String>,
    ) -> Result<ItemsReply<i64>, ServiceError> {
        let mut reply = self
            .read_compliance(
                token,
                scope,
                operation_id,
                "message_acknowledged",
                "message_acknowledged",
                true,
                move |tx, agency, reader, now| {
                    Box::pin(async move {
                        let queue = queue_of(agency);
                        let done = tx
                            .acknowledge_message(id, &queue, &reader.person.id, now)
                            .await?;
                        Ok(if done {
                            Ok(vec![id])
                        } else {
                            Err((
                                "message_not_found",
                                format!("NO UNACKNOWLEDGED MESSAGE {id} IN THIS QUEUE"),
                            ))
                        })
                    })
                },
            )
            .await?;
        if reply.outcome == Outcome::Accepted {
            reply.message = format!("MESSAGE {id} ACKNOWLEDGED");
        }
        Ok(reply)
    }

    /// The compliance view: every open deadline of the agency (of every agency for `ALL`),
    /// earliest first; audited.
    pub async fn compliance(
        &self,
        token: &str,
        scope: Option<&str>,
        operation_id: Option<String>,
    ) -> Result<ItemsReply<Deadline>, ServiceError> {
        self.read_compliance(
            token,
            scope,
            operation_id,
            "compliance_read",
            "compliance",
            false,
            |tx, agency, _reader, _now| {
                Box::pin(async move { Ok(Ok(tx.open_deadlines(agency.map(Ori::as_str)).await?)) })
            },
        )
        .await
    }
}

/// Why a check does not go ahead: outcome, code, message, reasons.
type Refused = (Outcome, &'static str, String, Vec<Reason>);

fn rejected(code: &'static str, message: String) -> Refused {
    (Outcome::Rejected, code, message, vec![])
}
