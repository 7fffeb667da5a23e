//! Checks of a record by a person: the second-party check of a new record (H4) and the
//! validation that keeps it in the file (H8). Both record what was compared, close their
//! deadline, and are audited with the check in one transaction.

use leads_domain::RuleId;
use leads_domain::clock::Timestamp;
use leads_domain::deadline::{DeadlineKind, next_validation};
use leads_domain::fields::Lrn;
use leads_domain::files::FileKind;
use leads_domain::reply::{Outcome, Reason};
use leads_policy::{Act, Principal, Target};
use leads_store::{AuditQuery, Verification};

use crate::audit_log::principal_entry;
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

    fn code(self) -> &'static str {
        match self {
            Check::SecondParty => "record_verified",
            Check::Validation => "record_validated",
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
        let identified = self.identify_session(token, true).await?;
        let principal = identified.principal;
        let now = self.clock.now();
        let mut reply = ItemsReply::new(operation_id, now, check.code());
        let mut entry = principal_entry(&principal, &reply.operation_id, now, check.event());
        let checked = checked.trim().to_ascii_uppercase();
        entry.detail = format!("LRN/{lrn} CHECKED/{checked}");
        let mut tx = self.store.begin().await?;
        match self
            .check_conditions(tx.as_mut(), check, &principal, lrn, &checked, now)
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
                let how = format!("{} BY {}", check.word(), principal.person.id);
                let subject = verification.lrn.as_str();
                tx.close_deadlines(subject, Some(check.deadline()), now, &how)
                    .await?;
                if check == Check::Validation {
                    let next = next_validation(now).as_micros();
                    let ori = verification.ori.as_str();
                    let kind = DeadlineKind::Validation;
                    tx.insert_deadline(kind, ori, subject, Timestamp::from_micros(next), now)
                        .await?;
                }
                reply.message = format!(
                    "{} RECORDED FOR {} BY {}",
                    check.word(),
                    verification.lrn,
                    principal.person.id
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
    async fn check_conditions(
        &self,
        tx: &mut dyn leads_store::StoreTx,
        check: Check,
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
        let allowed = self.permit_act(
            principal,
            check.act(),
            Target::Record {
                file: record.file(),
                owner: record.ori(),
            },
            now,
            || format!("NOT AUTHORIZED: {}", check.word()),
        );
        if let Err(refusal) = allowed {
            return Ok(Err(refusal.into_parts()));
        }
        match check {
            Check::SecondParty => match self.entered_by(&lrn).await? {
                Some(entered_by) if entered_by != principal.person.id => {}
                Some(_) => {
                    return Ok(Err(refused_by(
                        RuleId::H4,
                        "THE SECOND-PARTY CHECK IS DONE BY AN OPERATOR OTHER THAN THE ONE WHO ENTERED THE RECORD",
                    )));
                }
                None => {
                    return Ok(Err(refused_by(
                        RuleId::H4,
                        "WHO ENTERED THE RECORD CANNOT BE ESTABLISHED FROM THE AUDIT LOG - NO SECOND-PARTY CHECK CAN BE RECORDED",
                    )));
                }
            },
            Check::Validation
                if matches!(record.file(), FileKind::SexOffender | FileKind::Voay) =>
            {
                return Ok(Err(refused_by(
                    RuleId::H8,
                    "REGISTRANT RECORDS ARE KEPT CURRENT BY REGISTRATION AND THEIR YEARLY PHOTO, NOT BY VALIDATION",
                )));
            }
            Check::Validation => {}
        }
        Ok(Ok(Verification {
            kind: check.deadline(),
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
}

/// Why a check does not go ahead: outcome, code, message, reasons.
pub(crate) type Refused = (Outcome, &'static str, String, Vec<Reason>);

fn refused_by(rule: RuleId, text: &str) -> Refused {
    (
        Outcome::Refused,
        "rule_refused",
        text.into(),
        vec![Reason {
            rule: rule.id().into(),
            citation: rule.citation().into(),
            text: text.into(),
        }],
    )
}

fn rejected(code: &'static str, message: String) -> Refused {
    (Outcome::Rejected, code, message, vec![])
}
