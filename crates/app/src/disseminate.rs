//! Recording a secondary dissemination: the operator says which record was passed to whom, for
//! which case; the system checks that the agency received the record through LEADS and that the
//! recipient may have it, and keeps the dissemination record in the audit log (S3, D1, CA-3 d).

use leads_domain::clock::Timestamp;
use leads_domain::dissemination::{Dissemination, DisseminationFields, RecordRef};
use leads_domain::reply::{Reason, Reply};
use leads_domain::{Edit, Record, RuleId};
use leads_policy::{Act, AuthzRequest, Principal, Target};
use leads_store::{AuditQuery, StoreTx};

use crate::pipeline::{Done, Refusal, Subject};
use crate::{Service, ServiceError};

/// The key a dissemination record carries in replies and the audit log (ours).
pub const DISSEMINATION_KEY: &str = "DSM";

/// The audit event of a dissemination record.
pub const DISSEMINATION_EVENT: &str = "dissemination";

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_ascii_uppercase())
}

impl Service {
    /// Records that data of a record was passed to another agency, for the session `token`.
    pub async fn disseminate(
        &self,
        token: &str,
        fields: DisseminationFields,
        operation_id: Option<String>,
    ) -> Result<Reply, ServiceError> {
        let identified = self.identify_session(token, true).await?;
        let principal = identified.principal;
        let token_hash = identified.token_hash;
        let operation_id = operation_id.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let now = self.clock.now();
        let mut subject = Subject {
            principal: &principal,
            event: DISSEMINATION_EVENT,
            key: Some(DISSEMINATION_KEY.into()),
            ori: Some(principal.agency.ori.to_string()),
            purpose: non_empty(&fields.purpose),
            case: non_empty(&fields.case_number),
            detail: String::new(),
        };
        let dissemination = match Dissemination::parse(&fields) {
            Ok(dissemination) => dissemination,
            Err(error) => {
                let code = if error.edit() == Edit::Empty {
                    "field_missing"
                } else {
                    "field_edit"
                };
                let refusal = Refusal::rejected(code, error.to_string());
                return self
                    .finish_refusal(subject, &token_hash, refusal, operation_id, now)
                    .await;
            }
        };
        let mut tx = self.store.begin().await?;
        let result = self
            .check_dissemination(tx.as_mut(), &principal, &dissemination, now)
            .await
            .map(|(done, detail)| {
                subject.detail = detail;
                done
            });
        self.finish(subject, tx, &token_hash, result, operation_id, now)
            .await
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
            Refusal::rejected("record_not_found", "NO RECORD ON FILE WITH THAT NUMBER")
        })?;
        let own = &principal.agency.ori;
        self.permit(
            &AuthzRequest {
                principal,
                act: Act::Disseminate,
                target: Target::Record {
                    file: record.file(),
                    owner: record.ori(),
                },
                message_ori: own,
                roles_granted: &[],
                purpose: dissemination.purpose().code(),
                case_number: dissemination.case().as_str(),
                today: now.date(),
                sos: leads_policy::SosFacts::NONE,
            },
            || format!("NO POLICY PERMITS DISSEMINATION OF {}", record.lrn()),
        )?;
        if !self.agency_received(own, &record).await? {
            let text = format!(
                "{own} HAS NOT RECEIVED {} THROUGH LEADS - ONLY DATA THE AGENCY RECEIVED MAY BE PASSED ON",
                record.lrn()
            );
            return Err(Refusal::refused(
                "rule_refused",
                text.clone(),
                vec![Reason::rule(RuleId::D1, text)],
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
                    "rule_refused",
                    shortfall.text.clone(),
                    vec![Reason::rule(shortfall.rule, shortfall.text)],
                )
            })?;
        let detail = dissemination.describe(&verified);
        let message = format!("DISSEMINATION RECORDED: {} {detail}", record.lrn());
        Ok((
            Done {
                code: "disseminated",
                message,
                records: vec![record],
                criteria: None,
                ..Done::default()
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
