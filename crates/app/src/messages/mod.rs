//! Formatted messages — hot-file transactions, image transactions and hit confirmations, as
//! text or as JSON — as one operation of the runner: parse (and seal a picture) in the
//! preparation, then authorize and act in the transaction.

pub(crate) mod administrative;
pub(crate) mod confirmations;
pub(crate) mod done;
pub(crate) mod query;
pub(crate) mod records;

use leads_domain::TransactionError;
use leads_domain::admin_message::AM_KEY;
use leads_domain::fields::ParseContext;
use leads_domain::image::ImageTransaction;
use leads_domain::reply::Reason;
use leads_domain::reply::{MessageBody, Reply};
use leads_domain::{Record, Transaction};
use leads_message::{MessageErrorKind, Parsed, RawMessage, parse_any, parse_raw_any};

use self::done::Done;
use crate::runner::{
    Actor, Ctx, Done as Acted, Mode, Operation, OperationKind, Prep, Refusal, RefusalDetail,
};
use crate::{Service, ServiceError};

/// A message as a front end received it.
#[derive(Debug, Clone)]
pub enum Input {
    /// Formatted text (`QW.IL0160000.NAM/…`).
    Text(String),
    /// Key, ORIs and fields already separated (built from JSON).
    Raw(RawMessage),
}

/// One formatted message.
pub(crate) struct MessageOp {
    input: Option<Input>,
    parsed: Option<Parsed>,
    sealed: Option<crate::images::SealedPicture>,
    key: Option<String>,
    ori: Option<String>,
}

impl MessageOp {
    pub(crate) fn new(input: Input) -> Self {
        MessageOp {
            input: Some(input),
            parsed: None,
            sealed: None,
            key: None,
            ori: None,
        }
    }
}

impl Operation for MessageOp {
    type Output = MessageBody;

    fn kind(&self) -> OperationKind {
        match &self.parsed {
            Some(Parsed::Record(m)) if matches!(m.transaction, Transaction::Query(_)) => {
                OperationKind::Inquiry
            }
            Some(Parsed::Record(_)) => OperationKind::Transaction,
            Some(Parsed::Image(_)) => OperationKind::Image,
            Some(Parsed::Confirmation(_)) => OperationKind::Confirmation,
            Some(Parsed::Administrative(_)) => OperationKind::AdministrativeMessage,
            None => OperationKind::Malformed,
        }
    }

    fn event(&self) -> &'static str {
        "transaction"
    }

    fn refused_body(&self) -> MessageBody {
        MessageBody {
            key: self.key.clone(),
            ori: self.ori.clone(),
            ..MessageBody::default()
        }
    }

    fn show_records(body: &mut MessageBody, records: Vec<Record>) {
        body.records = records;
    }

    async fn prepare(&mut self, prep: Prep<'_>) -> Result<Mode, Refusal> {
        prep.who.person()?;
        let ctx = ParseContext::new(prep.now.date());
        let parsed = match self.input.take() {
            Some(Input::Text(text)) => parse_any(&text, &ctx),
            Some(Input::Raw(raw)) => parse_raw_any(&raw, &ctx),
            None => return Err(Refusal::failed("THE MESSAGE WAS ALREADY READ")),
        };
        let parsed = match parsed {
            Ok(parsed) => parsed,
            Err(error) => {
                self.key = error.key.clone();
                self.ori = error.ori.clone();
                prep.audit.key = error.key.clone();
                prep.audit.ori = error.ori.clone().or(prep.audit.ori.take());
                prep.audit.detail = error.operator_text();
                return Err(match (error.cite(), &error.kind) {
                    (Some(rule), MessageErrorKind::Transaction(TransactionError::Rule { .. })) => {
                        Refusal::refused(
                            error.code(),
                            error.to_string(),
                            vec![Reason::rule(rule, error.operator_text())],
                        )
                    }
                    // A value outside a rule's lawful list: the list, and the rule.
                    (Some(rule), _) => Refusal::refused(
                        error.code(),
                        error.operator_text(),
                        vec![Reason::rule(rule, error.operator_text())],
                    ),
                    (None, _) => Refusal::rejected(error.code(), error.to_string()),
                });
            }
        };
        let (key, ori, inquiry) = match &parsed {
            Parsed::Record(m) => {
                let inquiry = match &m.transaction {
                    Transaction::Query(q) => {
                        Some((q.purpose().code().to_owned(), q.case().to_string()))
                    }
                    _ => None,
                };
                (m.key.key, m.ori.to_string(), inquiry)
            }
            Parsed::Image(m) => {
                let inquiry = match &m.transaction {
                    ImageTransaction::Query(q) => {
                        Some((q.purpose.code().to_owned(), q.case.to_string()))
                    }
                    _ => None,
                };
                (m.key.key, m.ori.to_string(), inquiry)
            }
            Parsed::Confirmation(m) => (m.key.key, m.ori.to_string(), None),
            Parsed::Administrative(m) => (AM_KEY, m.ori.to_string(), None),
        };
        self.key = Some(key.to_owned());
        self.ori = Some(ori.clone());
        prep.audit.key = Some(key.to_owned());
        prep.audit.ori = Some(ori);
        prep.audit.on_refusal = RefusalDetail::MessageIfEmpty;
        if let Some((purpose, case)) = inquiry {
            prep.audit.purpose = Some(purpose);
            prep.audit.case_number = Some(case);
        }
        let reads =
            matches!(&parsed, Parsed::Record(m) if matches!(m.transaction, Transaction::Query(_)));
        if let Parsed::Image(message) = &parsed {
            let principal = prep.who.person()?;
            let sealed = prep
                .service
                .seal_picture(principal, message, prep.now)
                .await?;
            if let Some(s) = &sealed {
                prep.delete_unless_committed
                    .extend([s.picture.id.clone(), s.thumbnail.id.clone()]);
            }
            self.sealed = sealed;
        }
        self.parsed = Some(parsed);
        Ok(if reads { Mode::Read } else { Mode::Write })
    }

    async fn act(self, ctx: &mut Ctx<'_>) -> Result<Acted<MessageBody>, Refusal> {
        let service = ctx.service;
        let principal = ctx.who.person()?;
        let now = ctx.now;
        let done = match self.parsed {
            Some(Parsed::Record(message)) => {
                service
                    .act(ctx.tx.as_mut(), principal, &message, now)
                    .await?
            }
            Some(Parsed::Image(message)) => {
                let mut replaced = Vec::new();
                let done = service
                    .act_image(
                        ctx.tx.as_mut(),
                        principal,
                        &message,
                        self.sealed,
                        &mut replaced,
                        now,
                    )
                    .await?;
                ctx.delete_after_commit.extend(replaced);
                done
            }
            Some(Parsed::Confirmation(message)) => {
                service
                    .act_confirmation(ctx.tx.as_mut(), principal, &message, now)
                    .await?
            }
            Some(Parsed::Administrative(message)) => {
                service
                    .act_administrative(ctx.tx.as_mut(), principal, &message, now)
                    .await?
            }
            None => return Err(Refusal::failed("THE MESSAGE WAS NOT PREPARED")),
        };
        Ok(finished(ctx, done, self.key, self.ori))
    }
}

/// The accepted answer of a message act, its records and criteria named in the audit entry.
pub(crate) fn finished(
    ctx: &mut Ctx<'_>,
    done: Done,
    key: Option<String>,
    ori: Option<String>,
) -> Acted<MessageBody> {
    ctx.audit.name_records(&done.records);
    ctx.audit.records.extend(done.audit_records);
    if let Some(criteria) = &done.criteria {
        ctx.audit.detail = criteria.clone();
    }
    Acted::new(
        done.code,
        done.message,
        MessageBody {
            key,
            ori,
            records: done.records,
            criteria: done.criteria,
            images: done.images,
            warnings: done.warnings,
            alias_hits: done.alias_hits,
        },
    )
}

impl Service {
    /// Runs one message through the runner for the session `token`.
    pub async fn submit(
        &self,
        token: &str,
        input: Input,
        operation_id: Option<String>,
    ) -> Result<Reply, ServiceError> {
        self.run(Actor::Session(token), operation_id, MessageOp::new(input))
            .await
    }
}
