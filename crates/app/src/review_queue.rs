//! The misuse review queue: the Administrator sees every agency's flags, a coordinator the own
//! agency's (T1); each flag gets one disposition (justified, referred, violation) with a note.
//! Reading the queue and every disposition are audited.

use leads_audit::AuditEntry;
use leads_audit::misuse::Decision;
use leads_domain::access::Role;
use leads_domain::clock::Timestamp;
use leads_domain::fields::Ori;
use leads_domain::reply::{Outcome, Reason};
use leads_policy::{Act, AdminAction, AuthzRequest, Principal, Target};
use leads_store::{Disposition, FlagQuery, StoreTx, StoredFlag};

use crate::audit_log::principal_entry;
use crate::{Service, ServiceError};

/// The shortest note a disposition takes.
pub const MIN_NOTE_LENGTH: usize = 10;

/// The answer to a queue request or a disposition.
#[derive(Debug, Clone)]
pub struct ReviewReply {
    pub operation_id: String,
    pub at: Timestamp,
    pub outcome: Outcome,
    pub code: &'static str,
    pub message: String,
    pub reasons: Vec<Reason>,
    pub flags: Vec<StoredFlag>,
}

impl ReviewReply {
    fn new(operation_id: String, at: Timestamp) -> ReviewReply {
        ReviewReply {
            operation_id,
            at,
            outcome: Outcome::Accepted,
            code: "",
            message: String::new(),
            reasons: vec![],
            flags: vec![],
        }
    }

    fn reject(mut self, code: &'static str, message: impl Into<String>) -> ReviewReply {
        self.outcome = Outcome::Rejected;
        self.code = code;
        self.message = message.into();
        self
    }

    fn refuse(mut self, code: &'static str, message: String, reasons: Vec<Reason>) -> ReviewReply {
        self.outcome = Outcome::Refused;
        self.code = code;
        self.message = message;
        self.reasons = reasons;
        self
    }
}

impl Service {
    fn review_decision(
        &self,
        principal: &Principal,
        agency: Option<&Ori>,
        now: Timestamp,
    ) -> Result<(), (String, Vec<Reason>)> {
        let decision = self.policy.authorize(&AuthzRequest {
            principal,
            act: Act::Admin(AdminAction::ReviewMisuse),
            target: agency.map_or(Target::AuditLog, Target::Agency),
            message_ori: &principal.agency.ori,
            roles_granted: &[],
            purpose: "",
            case_number: "",
            today: now.date(),
            sos: leads_policy::SosFacts::NONE,
        });
        if decision.allowed {
            return Ok(());
        }
        let message = decision
            .reasons
            .first()
            .map(|r| r.text.clone())
            .unwrap_or_else(|| "NOT AUTHORIZED TO REVIEW MISUSE FLAGS".into());
        Err((message, decision.reasons))
    }

    /// Writes the audit entry of a queue operation (in `tx` when given, with the work done in
    /// it) and answers.
    async fn finish_review(
        &self,
        tx: Option<Box<dyn StoreTx>>,
        mut entry: AuditEntry,
        reply: ReviewReply,
        token_hash: &str,
    ) -> Result<ReviewReply, ServiceError> {
        if entry.detail.is_empty() {
            entry.detail = reply.message.clone();
        }
        self.write_outcome(
            tx,
            entry,
            reply.outcome,
            reply.code,
            &reply.reasons,
            token_hash,
            reply.at,
        )
        .await?;
        Ok(reply)
    }

    /// Lists flags of the review queue: an agency's (a coordinator's is always the own agency),
    /// or every agency's for the Administrator.
    pub async fn misuse_flags(
        &self,
        token: &str,
        mut query: FlagQuery,
        limit: u32,
        operation_id: Option<String>,
    ) -> Result<ReviewReply, ServiceError> {
        let identified = self.identify_session(token, true).await?;
        let principal = identified.principal;
        let operation_id = operation_id.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let now = self.clock.now();
        let mut audit = principal_entry(&principal, &operation_id, now, "misuse_read");
        let reply = ReviewReply::new(operation_id, now);
        let is_admin = principal.person.roles.contains(&Role::Administrator);
        let agency = match (&query.ori, is_admin) {
            (None, true) => None,
            (Some(text), _) => match Ori::parse(text) {
                Ok(ori) => Some(ori),
                Err(error) => {
                    let reply = reply.reject("invalid_request", error.to_string());
                    return self
                        .finish_review(None, audit, reply, &identified.token_hash)
                        .await;
                }
            },
            (None, false) => Some(principal.agency.ori.clone()),
        };
        query.ori = agency.as_ref().map(ToString::to_string);
        audit.detail = format!(
            "ori={} open_only={}",
            query.ori.as_deref().unwrap_or("ALL"),
            query.open_only
        );
        if let Err((message, reasons)) = self.review_decision(&principal, agency.as_ref(), now) {
            let reply = reply.refuse("not_authorized", message, reasons);
            return self
                .finish_review(None, audit, reply, &identified.token_hash)
                .await;
        }
        let flags = self
            .store
            .misuse_flags(&query, limit.clamp(1, crate::MAX_REPORT_ENTRIES))
            .await?;
        audit.detail = format!("{} -> {} FLAGS", audit.detail, flags.len());
        let mut reply = reply;
        reply.code = "misuse_flags";
        reply.message = format!("{} MISUSE FLAGS", flags.len());
        reply.flags = flags;
        self.finish_review(None, audit, reply, &identified.token_hash)
            .await
    }

    /// Records the disposition of a flag, with a note saying why.
    pub async fn dispose_flag(
        &self,
        token: &str,
        id: i64,
        decision: &str,
        note: &str,
        operation_id: Option<String>,
    ) -> Result<ReviewReply, ServiceError> {
        let identified = self.identify_session(token, true).await?;
        let principal = identified.principal;
        let operation_id = operation_id.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let now = self.clock.now();
        let mut audit = principal_entry(&principal, &operation_id, now, "misuse_disposition");
        let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
        audit.detail = format!(
            "FLAG {id}: {} - {note}",
            decision.trim().to_ascii_uppercase()
        );
        let reply = ReviewReply::new(operation_id, now);
        let token_hash = identified.token_hash;
        let Some(decision) = Decision::from_name(decision) else {
            let reply = reply.reject(
                "invalid_request",
                "DECISION MUST BE JUSTIFIED, REFERRED OR VIOLATION",
            );
            return self.finish_review(None, audit, reply, &token_hash).await;
        };
        if note.len() < MIN_NOTE_LENGTH {
            let reply = reply.reject(
                "invalid_request",
                format!("THE NOTE MUST SAY WHY, IN {MIN_NOTE_LENGTH} CHARACTERS OR MORE"),
            );
            return self.finish_review(None, audit, reply, &token_hash).await;
        }
        let mut tx = self.store.begin().await?;
        let Some(flag) = tx.misuse_flag(id).await? else {
            tx.rollback().await?;
            let reply = reply.reject("not_found", format!("FLAG {id} NOT FOUND"));
            return self.finish_review(None, audit, reply, &token_hash).await;
        };
        let agency = Ori::parse(&flag.flag.ori).ok();
        let refusal = match self.review_decision(&principal, agency.as_ref(), now) {
            Err((message, reasons)) => {
                Some(reply.clone().refuse("not_authorized", message, reasons))
            }
            Ok(()) if flag.flag.operator == principal.person.id => {
                let text = "A REVIEWER MAY NOT DISPOSE OF A FLAG ON THE OWN INQUIRIES".to_owned();
                let reason = Reason {
                    rule: "AC-5".into(),
                    citation: "CJIS Security Policy AC-5 (separation of duties)".into(),
                    text: text.clone(),
                };
                Some(reply.clone().refuse("not_authorized", text, vec![reason]))
            }
            Ok(()) => None,
        };
        if let Some(refused) = refusal {
            tx.rollback().await?;
            return self.finish_review(None, audit, refused, &token_hash).await;
        }
        let disposition = Disposition {
            decision,
            note: note.clone(),
            by: principal.person.id.clone(),
            at: now,
        };
        if !tx.dispose_misuse_flag(id, &disposition).await? {
            tx.rollback().await?;
            let reply = reply.reject(
                "flag_already_disposed",
                format!("FLAG {id} ALREADY HAS A DISPOSITION"),
            );
            return self.finish_review(None, audit, reply, &token_hash).await;
        }
        audit.detail = format!(
            "FLAG {id} {} {} {}: {} - {note}",
            flag.flag.kind.name(),
            flag.flag.ori,
            flag.flag.operator,
            decision.name().to_ascii_uppercase()
        );
        let mut reply = reply;
        reply.code = "flag_disposed";
        reply.message = format!(
            "FLAG {id} DISPOSED: {}",
            decision.name().to_ascii_uppercase()
        );
        reply.flags = vec![StoredFlag {
            disposition: Some(disposition),
            ..flag
        }];
        self.finish_review(Some(tx), audit, reply, &token_hash)
            .await
    }
}
