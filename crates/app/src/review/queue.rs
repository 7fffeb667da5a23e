//! The misuse review queue: the Administrator sees every agency's flags, a coordinator the own
//! agency's (T1); each flag gets one disposition (justified, referred, violation) with a note.
//! Reading the queue and every disposition are audited.

use leads_audit::misuse::Decision;
use leads_domain::access::Role;
use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::fields::Ori;
use leads_domain::reply::{Answer, Reason};
use leads_policy::{Act, AdminAction, Principal, Target};
use leads_store::{Disposition, FlagQuery, StoredFlag};

use crate::runner::{Actor, Done, OperationKind, Refusal, RefusalDetail, Work};
use crate::{Service, ServiceError};

/// The shortest note a disposition takes.
pub const MIN_NOTE_LENGTH: usize = 10;

/// The body of the answer to a queue request or a disposition.
#[derive(Debug, Clone, Default)]
pub struct ReviewBody {
    pub flags: Vec<StoredFlag>,
}

/// The answer to a queue request or a disposition.
pub type ReviewReply = Answer<ReviewBody>;

impl Service {
    fn review_decision(
        &self,
        principal: &Principal,
        agency: Option<&Ori>,
        now: Timestamp,
    ) -> Result<(), Refusal> {
        self.permit_act(
            principal,
            Act::Admin(AdminAction::ReviewMisuse),
            agency.map_or(Target::AuditLog, Target::Agency),
            now,
            || "NOT AUTHORIZED TO REVIEW MISUSE FLAGS".into(),
        )
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
        let work = Work::new(OperationKind::ReviewQueue, "misuse_read", "", move |ctx| {
            Box::pin(async move {
                let principal = ctx.who.person()?;
                let is_admin = principal.person.roles.contains(&Role::Administrator);
                let agency = match (&query.ori, is_admin) {
                    (None, true) => None,
                    (Some(text), _) => Some(Ori::parse(text).map_err(|error| {
                        Refusal::rejected(ReplyCode::InvalidRequest, error.to_string())
                    })?),
                    (None, false) => Some(principal.agency.ori.clone()),
                };
                query.ori = agency.as_ref().map(ToString::to_string);
                ctx.audit.detail = format!(
                    "ori={} open_only={}",
                    query.ori.as_deref().unwrap_or("ALL"),
                    query.open_only
                );
                ctx.service
                    .review_decision(principal, agency.as_ref(), ctx.now)?;
                let flags = ctx
                    .service
                    .store
                    .misuse_flags(&query, limit.clamp(1, crate::MAX_REPORT_ENTRIES))
                    .await?;
                ctx.audit.detail = format!("{} -> {} FLAGS", ctx.audit.detail, flags.len());
                let message = format!("{} MISUSE FLAGS", flags.len());
                Ok(Done::new(
                    ReplyCode::MisuseFlags,
                    message,
                    ReviewBody { flags },
                ))
            })
        })
        .refusal_detail(RefusalDetail::MessageIfEmpty)
        .reading();
        self.run(Actor::Session(token), operation_id, work).await
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
        let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
        let asked = format!(
            "FLAG {id}: {} - {note}",
            decision.trim().to_ascii_uppercase()
        );
        let decision = Decision::from_name(decision);
        let work = Work::new(
            OperationKind::ReviewQueue,
            "misuse_disposition",
            asked,
            move |ctx| {
                Box::pin(async move {
                    let Some(decision) = decision else {
                        return Err(Refusal::rejected(
                            ReplyCode::InvalidRequest,
                            "DECISION MUST BE JUSTIFIED, REFERRED OR VIOLATION",
                        ));
                    };
                    if note.len() < MIN_NOTE_LENGTH {
                        return Err(Refusal::rejected(
                            ReplyCode::InvalidRequest,
                            format!(
                                "THE NOTE MUST SAY WHY, IN {MIN_NOTE_LENGTH} CHARACTERS OR MORE"
                            ),
                        ));
                    }
                    let principal = ctx.who.person()?;
                    let Some(flag) = ctx.tx.misuse_flag(id).await? else {
                        return Err(Refusal::rejected(
                            ReplyCode::NotFound,
                            format!("FLAG {id} NOT FOUND"),
                        ));
                    };
                    let agency = Ori::parse(&flag.flag.ori).ok();
                    ctx.service
                        .review_decision(principal, agency.as_ref(), ctx.now)?;
                    if flag.flag.operator == principal.person.id {
                        let text =
                            "A REVIEWER MAY NOT DISPOSE OF A FLAG ON THE OWN INQUIRIES".to_owned();
                        let reason = Reason {
                            rule: "AC-5".into(),
                            citation: "CJIS Security Policy AC-5 (separation of duties)".into(),
                            text: text.clone(),
                        };
                        return Err(Refusal::refused(
                            ReplyCode::NotAuthorized,
                            text,
                            vec![reason],
                        ));
                    }
                    let disposition = Disposition {
                        decision,
                        note: note.clone(),
                        by: principal.person.id.clone(),
                        at: ctx.now,
                    };
                    if !ctx.tx.dispose_misuse_flag(id, &disposition).await? {
                        return Err(Refusal::rejected(
                            ReplyCode::FlagAlreadyDisposed,
                            format!("FLAG {id} ALREADY HAS A DISPOSITION"),
                        ));
                    }
                    ctx.audit.detail = format!(
                        "FLAG {id} {} {} {}: {} - {note}",
                        flag.flag.kind.name(),
                        flag.flag.ori,
                        flag.flag.operator,
                        decision.name().to_ascii_uppercase()
                    );
                    let message = format!(
                        "FLAG {id} DISPOSED: {}",
                        decision.name().to_ascii_uppercase()
                    );
                    let flags = vec![StoredFlag {
                        disposition: Some(disposition),
                        ..flag
                    }];
                    Ok(Done::new(
                        ReplyCode::FlagDisposed,
                        message,
                        ReviewBody { flags },
                    ))
                })
            },
        );
        self.run(Actor::Session(token), operation_id, work).await
    }
}
