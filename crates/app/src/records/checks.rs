//! Checks of a record by a person: the second-party check of a new record (H4) and the
//! validation that keeps it in the file (H8). Both record what was compared, close their
//! deadline, and are audited with the check in one transaction.

use leads_domain::RuleId;
use leads_domain::TransactionError;
use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::deadline::{DeadlineKind, next_validation};
use leads_domain::fields::Lrn;
use leads_domain::files::FileKind;
use leads_policy::{Act, Principal, Target};
use leads_store::{AuditQuery, Verification};

use crate::compliance::Items;
use crate::runner::{Actor, Done, OperationKind, Refusal, Work};
use crate::{ItemsReply, Service, ServiceError};

/// The shortest account of what a check compared.
pub const MIN_CHECKED_LENGTH: usize = 10;

/// Which check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    SecondParty,
    Validation,
}

impl Check {
    fn deadline(self) -> DeadlineKind {
        match self {
            Check::SecondParty => DeadlineKind::SecondPartyCheck,
            Check::Validation => DeadlineKind::Validation,
        }
    }

    fn act(self) -> Act {
        match self {
            Check::SecondParty => Act::Verify,
            Check::Validation => Act::Validate,
        }
    }

    fn code(self) -> ReplyCode {
        match self {
            Check::SecondParty => ReplyCode::RecordVerified,
            Check::Validation => ReplyCode::RecordValidated,
        }
    }

    fn event(self) -> &'static str {
        match self {
            Check::SecondParty => "record_verification",
            Check::Validation => "record_validation",
        }
    }

    fn word(self) -> &'static str {
        match self {
            Check::SecondParty => "SECOND-PARTY CHECK",
            Check::Validation => "VALIDATION",
        }
    }
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
        self.check_record(token, Check::SecondParty, lrn, checked, operation_id)
            .await
    }

    /// The validation of a record (H8): a certified operator of the owning agency records how
    /// the record was confirmed with its source; the validation deadline closes and the next
    /// one opens a year later. Refusals cite the rule; audited with the check.
    pub async fn validate_record(
        &self,
        token: &str,
        lrn: &str,
        confirmed: &str,
        operation_id: Option<String>,
    ) -> Result<ItemsReply<Verification>, ServiceError> {
        self.check_record(token, Check::Validation, lrn, confirmed, operation_id)
            .await
    }

    async fn check_record(
        &self,
        token: &str,
        check: Check,
        lrn: &str,
        checked: &str,
        operation_id: Option<String>,
    ) -> Result<ItemsReply<Verification>, ServiceError> {
        let checked = checked.trim().to_ascii_uppercase();
        let asked = format!("LRN/{lrn} CHECKED/{checked}");
        let lrn = lrn.to_owned();
        let work = Work::new(
            OperationKind::RecordCheck,
            check.event(),
            asked,
            move |ctx| {
                Box::pin(async move {
                    let principal = ctx.who.person()?;
                    let now = ctx.now;
                    let verification = ctx
                        .service
                        .check_conditions(ctx.tx.as_mut(), check, principal, &lrn, &checked, now)
                        .await?;
                    ctx.audit.records = vec![verification.lrn.to_string()];
                    ctx.tx.insert_verification(&verification).await?;
                    let how = format!("{} BY {}", check.word(), principal.person.id);
                    let subject = verification.lrn.as_str();
                    ctx.tx
                        .close_deadlines(subject, Some(check.deadline()), now, &how)
                        .await?;
                    if check == Check::Validation {
                        let next = next_validation(now).as_micros();
                        let ori = verification.ori.as_str();
                        let kind = DeadlineKind::Validation;
                        ctx.tx
                            .insert_deadline(kind, ori, subject, Timestamp::from_micros(next), now)
                            .await?;
                    }
                    let message = format!(
                        "{} RECORDED FOR {} BY {}",
                        check.word(),
                        verification.lrn,
                        principal.person.id
                    );
                    let items = Items {
                        agency: None,
                        items: vec![verification],
                    };
                    Ok(Done::new(check.code(), message, items))
                })
            },
        );
        self.run(Actor::Session(token), operation_id, work).await
    }

    /// The record a person's act names, once the number, the account given (`text`), the
    /// record and the policy allow it — the conditions every act on one record shares, in the
    /// order an operator would want to hear them. Department acts (`Act::Admin`) are asked
    /// about the owning agency, the others about the record.
    pub(crate) async fn record_to_act_on(
        &self,
        tx: &mut dyn leads_store::StoreTx,
        principal: &Principal,
        act: Act,
        lrn: &str,
        text: &str,
        now: Timestamp,
    ) -> Result<leads_domain::Record, Refusal> {
        let lrn = Lrn::parse(&lrn.trim().to_ascii_uppercase())
            .map_err(|error| Refusal::rejected(ReplyCode::InvalidRequest, error.to_string()))?;
        if text.chars().count() < MIN_CHECKED_LENGTH {
            return Err(Refusal::rejected(
                ReplyCode::InvalidRequest,
                format!(
                    "SAY WHAT WAS COMPARED, WHAT IS WRONG OR WHY ({MIN_CHECKED_LENGTH} CHARACTERS OR MORE)"
                ),
            ));
        }
        let Some(record) = tx.record_by_lrn(&lrn).await? else {
            return Err(Refusal::rejected(
                ReplyCode::RecordNotFound,
                format!("NOT ON FILE LRN/{lrn}"),
            ));
        };
        if !record.status().is_in_file() {
            return Err(Refusal::rejected(
                ReplyCode::RecordNotInFile,
                format!("LRN/{lrn} IS NO LONGER IN THE FILE"),
            ));
        }
        let target = match act {
            Act::Admin(_) => Target::Agency(record.ori()),
            _ => Target::Record {
                file: record.file(),
                owner: record.ori(),
            },
        };
        self.permit_act(principal, act, target, now, || {
            format!("NO POLICY PERMITS {}", act.name().to_ascii_uppercase())
        })?;
        Ok(record)
    }

    /// The conditions of a check: those of every act on a record, then that the checker is not
    /// the operator who entered it (H4), or that the record is not a registrant's (H8).
    async fn check_conditions(
        &self,
        tx: &mut dyn leads_store::StoreTx,
        check: Check,
        principal: &Principal,
        lrn: &str,
        checked: &str,
        now: Timestamp,
    ) -> Result<Verification, Refusal> {
        let record = self
            .record_to_act_on(tx, principal, check.act(), lrn, checked, now)
            .await?;
        let refused = |rule: RuleId, detail| {
            Err(Refusal::from(TransactionError::Rule {
                rule: rule.into(),
                detail,
            }))
        };
        match check {
            Check::SecondParty => match self.entered_by(record.lrn()).await? {
                Some(entered_by) if entered_by != principal.person.id => {}
                Some(_) => {
                    return refused(
                        RuleId::H4,
                        "THE SECOND-PARTY CHECK IS DONE BY AN OPERATOR OTHER THAN THE ONE WHO ENTERED THE RECORD",
                    );
                }
                None => {
                    return refused(
                        RuleId::H4,
                        "WHO ENTERED THE RECORD CANNOT BE ESTABLISHED FROM THE AUDIT LOG - NO SECOND-PARTY CHECK CAN BE RECORDED",
                    );
                }
            },
            Check::Validation
                if matches!(record.file(), FileKind::SexOffender | FileKind::Voay) =>
            {
                return refused(
                    RuleId::H8,
                    "REGISTRANT RECORDS ARE KEPT CURRENT BY REGISTRATION AND THEIR YEARLY PHOTO, NOT BY VALIDATION",
                );
            }
            Check::Validation => {}
        }
        Ok(Verification {
            kind: check.deadline(),
            lrn: record.lrn().clone(),
            ori: record.ori().clone(),
            operator: principal.person.id.clone(),
            checked: checked.to_owned(),
            at: now,
        })
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
}
