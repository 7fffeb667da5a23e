//! Recording a secondary dissemination: the operator says which record was passed to whom, for
//! which case; the system checks that the agency received the record through LEADS and that the
//! recipient may have it, and keeps the dissemination record in the audit log (S3, D1, CA-3 d).

use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::dissemination::{Dissemination, DisseminationFields, RecordRef};
use leads_domain::reply::{MessageBody, Reason, Reply};
use leads_domain::{Edit, Record, RuleId};
use leads_policy::{Act, AuthzRequest, Principal, Target};
use leads_store::{AuditQuery, StoreTx};

use crate::messages::done::Done;
use crate::messages::finished;
use crate::runner::{Actor, Ctx, Done as Acted, Mode, Operation, OperationKind, Prep, Refusal};
use crate::{Service, ServiceError};

/// The key a dissemination record carries in replies and the audit log (ours).
pub const DISSEMINATION_KEY: &str = "DSM";

/// The audit event of a dissemination record.
pub const DISSEMINATION_EVENT: &str = "dissemination";

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_ascii_uppercase())
}

/// A dissemination record, as one operation.
struct DisseminationOp {
    fields: DisseminationFields,
    parsed: Option<Dissemination>,
    ori: Option<String>,
}

impl Operation for DisseminationOp {
    type Output = MessageBody;

    fn kind(&self) -> OperationKind {
        OperationKind::Dissemination
    }

    fn event(&self) -> &'static str {
        DISSEMINATION_EVENT
    }

    fn refused_body(&self) -> MessageBody {
        MessageBody {
            key: Some(DISSEMINATION_KEY.into()),
            ori: self.ori.clone(),
            ..MessageBody::default()
        }
    }

    fn show_records(body: &mut MessageBody, records: Vec<Record>) {
        body.records = records;
    }

    async fn prepare(&mut self, prep: Prep<'_>) -> Result<Mode, Refusal> {
        let principal = prep.who.person()?;
        prep.audit.key = Some(DISSEMINATION_KEY.into());
        prep.audit.ori = Some(principal.agency.ori.to_string());
        self.ori = prep.audit.ori.clone();
        prep.audit.purpose = non_empty(&self.fields.purpose);
        prep.audit.case_number = non_empty(&self.fields.case_number);
        let dissemination = Dissemination::parse(&self.fields).map_err(|error| {
            let code = if error.edit() == Edit::Empty {
                ReplyCode::FieldMissing
            } else {
                ReplyCode::FieldEdit
            };
            Refusal::rejected(code, error.to_string())
        })?;
        self.parsed = Some(dissemination);
        Ok(Mode::Write)
    }

    async fn act(self, ctx: &mut Ctx<'_>) -> Result<Acted<MessageBody>, Refusal> {
        let Some(dissemination) = self.parsed else {
            return Err(Refusal::failed("THE DISSEMINATION WAS NOT PREPARED"));
        };
        let principal = ctx.who.person()?;
        let ori = Some(principal.agency.ori.to_string());
        let (done, detail) = ctx
            .service
            .check_dissemination(ctx.tx.as_mut(), principal, &dissemination, ctx.now)
            .await?;
        ctx.audit.detail = detail;
        Ok(finished(ctx, done, Some(DISSEMINATION_KEY.into()), ori))
    }
}

impl Service {
    /// Records that data of a record was passed to another agency, for the session `token`.
    pub async fn disseminate(
        &self,
        token: &str,
        fields: DisseminationFields,
        operation_id: Option<String>,
    ) -> Result<Reply, ServiceError> {
        let op = DisseminationOp {
            fields,
            parsed: None,
            ori: None,
        };
        self.run(Actor::Session(token), operation_id, op).await
    }

    async fn check_dissemination(
        &self,
        tx: &mut dyn StoreTx,
        principal: &Principal,
        dissemination: &Dissemination,
        now: Timestamp,
    ) -> Result<(Done, String), Refusal> {
        let record = match dissemination.record() {
            RecordRef::Lrn(lrn) => tx.record_by_lrn(lrn).await?,
            RecordRef::Nic(nic) => tx.record_by_nic(nic).await?,
        }
        .ok_or_else(|| {
            Refusal::rejected(
                ReplyCode::RecordNotFound,
                "NO RECORD ON FILE WITH THAT NUMBER",
            )
        })?;
        let own = &principal.agency.ori;
        let target = Target::Record {
            file: record.file(),
            owner: record.ori(),
        };
        self.permit(
            &AuthzRequest::new(principal, Act::Disseminate, target, now.date()).for_case(
                dissemination.purpose().code(),
                dissemination.case().as_str(),
            ),
            || format!("NO POLICY PERMITS DISSEMINATION OF {}", record.lrn()),
        )?;
        if !self.agency_received(own, &record).await? {
            let text = format!(
                "{own} HAS NOT RECEIVED {} THROUGH LEADS - ONLY DATA THE AGENCY RECEIVED MAY BE PASSED ON",
                record.lrn()
            );
            return Err(Refusal::refused(
                ReplyCode::RuleRefused,
                text.clone(),
                vec![Reason::rule(
                    RuleId::D1.at("20 Ill. Adm. Code 1240.80(d)"),
                    text,
                )],
            ));
        }
        let directory = match dissemination.recipient_ori() {
            Some(ori) => tx.agency(ori).await?,
            None => None,
        };
        let verified = dissemination
            .verify_recipient(own, directory.as_ref())
            .map_err(|shortfall| {
                Refusal::refused(
                    ReplyCode::RuleRefused,
                    shortfall.text.clone(),
                    vec![Reason::rule(shortfall.rule, shortfall.text)],
                )
            })?;
        let detail = dissemination.describe(&verified);
        let message = format!("DISSEMINATION RECORDED: {} {detail}", record.lrn());
        Ok((
            Done {
                message,
                records: vec![record],
                criteria: None,
                ..Done::of(ReplyCode::Disseminated)
            },
            detail,
        ))
    }

    /// The agency owns the record, or a transaction of the agency returned it.
    async fn agency_received(
        &self,
        own: &leads_domain::fields::Ori,
        record: &Record,
    ) -> Result<bool, Refusal> {
        if record.ori() == own {
            return Ok(true);
        }
        let query = AuditQuery {
            ori: Some(own.to_string()),
            event: Some("transaction".into()),
            record: Some(record.lrn().to_string()),
            ..AuditQuery::default()
        };
        Ok(!self.store.audit_search(&query, 1).await?.is_empty())
    }
}
