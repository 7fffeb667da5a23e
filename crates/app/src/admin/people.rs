//! The administrative commands on people.

#[allow(
    clippy::wildcard_imports,
    reason = "a handler file of the command module: its types and helpers"
)]
use super::command::*;
use leads_domain::access::InterstateApproval;

/// `CreatePerson`.
pub(super) async fn create_person(
    c: &mut Command<'_>,
    id: String,
    name: String,
    ori: Ori,
    roles: Vec<Role>,
    initial: String,
    dob: Option<FieldDate>,
) -> Handled {
    Ok({
        if roles.contains(&Role::Coordinator) {
            return Err(only_by_appointment());
        }
        let mut person = Person::new(&id, &name, ori.clone(), roles);
        person.dob = dob;
        if !valid_person_id(&person.id) {
            return Err(Refusal::rejected(
                ReplyCode::InvalidRequest,
                "PERSON ID MUST BE 2-20 LETTERS AND DIGITS",
            ));
        }
        if c.tx.account(&person.id).await?.is_some() {
            return Err(Refusal::rejected(
                ReplyCode::AlreadyExists,
                format!("PERSON {} ALREADY EXISTS", person.id),
            ));
        }
        c.tx.agency(&ori)
            .await?
            .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
        password::check(&person.id, &initial)
            .map_err(|why| Refusal::rejected(ReplyCode::AuthPasswordRejected, why))?;
        let secret = totp::new_secret();
        let enrollment = Enrollment {
            uri: totp::provisioning_uri(&secret, &person.id),
            secret: secret.clone(),
        };
        let id = person.id.clone();
        c.tx.put_account(&Account {
            person,
            status: AccountStatus::Active,
            password_hash: hash_password(&initial)?,
            password_changed_at: c.now,
            totp_secret: Some(secret),
            totp_last_step: None,
            created_at: c.now,
            last_sign_in_at: None,
        })
        .await?;
        (
            format!("PERSON {id} CREATED - ENROLL THE SECOND FACTOR"),
            AdminData::Enrollment(enrollment),
        )
    })
}

/// `SetRoles`.
/// T1: one coordinator per agency, who holds the role by appointment only.
fn only_by_appointment() -> Refusal {
    rules_refusal(vec![Shortfall::new(
        leads_domain::RuleId::T1.at("20 Ill. Adm. Code 1240.90(a)(1)"),
        "AN AGENCY HAS ONE LEADS AGENCY COORDINATOR, WHO HOLDS THE ROLE BY APPOINTMENT - USE appoint-coordinator",
    )])
}

pub(super) async fn set_roles(c: &mut Command<'_>, id: String, roles: Vec<Role>) -> Handled {
    Ok({
        if roles.contains(&Role::Coordinator) {
            let account =
                c.tx.account(&id)
                    .await?
                    .ok_or_else(|| not_found("PERSON", &id))?;
            let agency = c.tx.agency(&account.person.ori).await?;
            let appointed = agency.and_then(|a| a.coordinator);
            if appointed.as_deref() != Some(account.person.id.as_str()) {
                return Err(only_by_appointment());
            }
        }
        c.service
            .update_person(c.tx, &id, |p| {
                p.roles = roles.into_iter().collect();
                Ok(())
            })
            .await?;
        (format!("ROLES OF {id} SET"), AdminData::None)
    })
}

/// `RecordBackground`.
pub(super) async fn record_background(
    c: &mut Command<'_>,
    id: String,
    state_clear: bool,
    fbi_clear: bool,
    completed_on: FieldDate,
    reference: String,
) -> Handled {
    Ok({
        c.service
            .update_person(c.tx, &id, |p| {
                p.background = Some(Background {
                    state_clear,
                    fbi_clear,
                    completed_on,
                    reference: reference.trim().to_owned(),
                });
                Ok(())
            })
            .await?;
        (
            format!("FINGERPRINT CHECKS OF {id} RECORDED"),
            AdminData::None,
        )
    })
}

/// `RecordConviction`.
pub(super) async fn record_conviction(
    c: &mut Command<'_>,
    id: String,
    class: OffenseClass,
    description: String,
    on: FieldDate,
) -> Handled {
    Ok({
        c.service
            .update_person(c.tx, &id, |p| {
                p.convictions.push(Conviction {
                    class,
                    description: description.trim().to_owned(),
                    on,
                });
                Ok(())
            })
            .await?;
        (format!("CONVICTION OF {id} RECORDED"), AdminData::None)
    })
}

/// `RecordCharge`.
pub(super) async fn record_charge(
    c: &mut Command<'_>,
    id: String,
    class: OffenseClass,
    description: String,
    filed_on: FieldDate,
) -> Handled {
    Ok({
        c.service
            .update_person(c.tx, &id, |p| {
                p.charges.push(Charge {
                    class,
                    description: description.trim().to_owned(),
                    filed_on,
                });
                Ok(())
            })
            .await?;
        (format!("PENDING CHARGE OF {id} RECORDED"), AdminData::None)
    })
}

/// `DenyForCharge`.
pub(super) async fn deny_for_charge(c: &mut Command<'_>, id: String, reason: String) -> Handled {
    Ok({
        let by = c.principal.person.id.clone();
        c.service
            .update_person(c.tx, &id, |p| {
                if p.charges.is_empty() {
                    return Err(Refusal::rejected(
                        ReplyCode::InvalidRequest,
                        "RECORD THE PENDING CHARGE FIRST",
                    ));
                }
                p.charge_denial = Some(ChargeDenial {
                    reason: reason.trim().to_owned(),
                    on: c.today,
                    by,
                });
                Ok(())
            })
            .await?;
        (
            format!("LEADS ACCESS OF {id} DENIED FOR A PENDING CHARGE"),
            AdminData::None,
        )
    })
}

/// `ApproveInterstate` (N1): the person may use the interstate network.
pub(super) async fn approve_interstate(c: &mut Command<'_>, id: String) -> Handled {
    Ok({
        let by = c.principal.person.id.clone();
        let on = c.today;
        c.service
            .update_person(c.tx, &id, |p| {
                p.interstate_approval = Some(InterstateApproval {
                    approved_on: on,
                    by,
                });
                Ok(())
            })
            .await?;
        (
            format!("{id} APPROVED FOR INTERSTATE ACCESS"),
            AdminData::None,
        )
    })
}

/// `WithdrawInterstate` (N1).
pub(super) async fn withdraw_interstate(
    c: &mut Command<'_>,
    id: String,
    reason: String,
) -> Handled {
    Ok({
        c.service
            .update_person(c.tx, &id, |p| {
                if p.interstate_approval.take().is_none() {
                    return Err(Refusal::rejected(
                        ReplyCode::InvalidRequest,
                        "THE PERSON IS NOT APPROVED FOR INTERSTATE ACCESS",
                    ));
                }
                Ok(())
            })
            .await?;
        (
            format!(
                "INTERSTATE ACCESS OF {id} WITHDRAWN - {}",
                reason.trim().to_ascii_uppercase()
            ),
            AdminData::None,
        )
    })
}

/// `Certify`.
pub(super) async fn certify(
    c: &mut Command<'_>,
    id: String,
    level: CertificationLevel,
    certified_on: FieldDate,
    expires_on: Option<FieldDate>,
) -> Handled {
    let years = c.service.config.certification_years;
    let expires_on = expires_on.unwrap_or_else(|| {
        let start = certified_on.date();
        let end = start
            .replace_year(start.year() + years)
            .or_else(|_| {
                start
                    .replace_day(28)
                    .and_then(|d| d.replace_year(d.year() + years))
            })
            .unwrap_or(start);
        FieldDate::from_date(end)
    });
    Ok({
        c.service
            .update_person(c.tx, &id, |p| {
                if expires_on <= certified_on {
                    return Err(Refusal::rejected(
                        ReplyCode::InvalidRequest,
                        "CERTIFICATION MUST EXPIRE AFTER IT IS AWARDED",
                    ));
                }
                p.certification = Some(Certification {
                    level,
                    certified_on,
                    expires_on,
                });
                Ok(())
            })
            .await?;
        watch_recertification(c, &id, expires_on).await?;
        (
            format!(
                "{id} CERTIFIED ({}) UNTIL {expires_on}",
                level.name().to_ascii_uppercase()
            ),
            AdminData::None,
        )
    })
}

/// Opens the reminder to retest and recertify `id` ahead of `expires_on` (T2), replacing one
/// for an earlier certification.
async fn watch_recertification(
    c: &mut Command<'_>,
    id: &str,
    expires_on: FieldDate,
) -> Result<(), Refusal> {
    use leads_domain::deadline::{DeadlineKind, RECERTIFICATION_NOTICE_DAYS};
    let kind = DeadlineKind::Recertification;
    c.tx.close_deadlines(id, Some(kind), c.now, "RECERTIFIED")
        .await?;
    let ori =
        c.tx.account(id)
            .await?
            .ok_or_else(|| not_found("PERSON", id))?
            .person
            .ori;
    let day = expires_on.date() - time::Duration::days(RECERTIFICATION_NOTICE_DAYS - 1);
    let due = Timestamp::from_micros(day.midnight().assume_utc().unix_timestamp() * 1_000_000);
    c.tx.insert_deadline(kind, ori.as_str(), id, due, c.now)
        .await?;
    Ok(())
}

/// `UnlockAccount`.
pub(super) async fn unlock_account(c: &mut Command<'_>, id: String) -> Handled {
    Ok({
        let mut account =
            c.tx.account(&id)
                .await?
                .ok_or_else(|| not_found("PERSON", &id))?;
        if account.status != AccountStatus::Locked {
            return Err(Refusal::rejected(
                ReplyCode::InvalidRequest,
                format!("ACCOUNT {id} IS NOT LOCKED"),
            ));
        }
        account.status = AccountStatus::Active;
        c.tx.put_account(&account).await?;
        c.tx.clear_sign_in_failures(&id).await?;
        (format!("ACCOUNT {id} UNLOCKED"), AdminData::None)
    })
}

/// `DisableAccount`.
pub(super) async fn disable_account(c: &mut Command<'_>, id: String, reason: String) -> Handled {
    Ok({
        let mut account =
            c.tx.account(&id)
                .await?
                .ok_or_else(|| not_found("PERSON", &id))?;
        account.status = AccountStatus::Disabled(reason.trim().to_ascii_uppercase());
        c.tx.put_account(&account).await?;
        c.tx.delete_sessions_of(&id).await?;
        crate::oversight::coordinators::account_changed(c.tx, &account, c.now).await?;
        (format!("ACCOUNT {id} DISABLED"), AdminData::None)
    })
}

/// `EnableAccount`.
pub(super) async fn enable_account(c: &mut Command<'_>, id: String) -> Handled {
    Ok({
        let mut account =
            c.tx.account(&id)
                .await?
                .ok_or_else(|| not_found("PERSON", &id))?;
        account.status = AccountStatus::Active;
        // Enabling counts as use: the 90-day inactivity limit starts again.
        account.last_sign_in_at = Some(c.now);
        c.tx.put_account(&account).await?;
        (format!("ACCOUNT {id} ENABLED"), AdminData::None)
    })
}

/// `ResetSecondFactor`.
pub(super) async fn reset_second_factor(c: &mut Command<'_>, id: String) -> Handled {
    Ok({
        let mut account =
            c.tx.account(&id)
                .await?
                .ok_or_else(|| not_found("PERSON", &id))?;
        let secret = totp::new_secret();
        account.totp_secret = Some(secret.clone());
        account.totp_last_step = None;
        c.tx.put_account(&account).await?;
        c.tx.delete_sessions_of(&id).await?;
        let enrollment = Enrollment {
            uri: totp::provisioning_uri(&secret, &id),
            secret,
        };
        (
            format!("SECOND FACTOR OF {id} RESET - ENROLL AGAIN"),
            AdminData::Enrollment(enrollment),
        )
    })
}

/// `ResetPassword`.
pub(super) async fn reset_password(c: &mut Command<'_>, id: String, new: String) -> Handled {
    Ok({
        let mut account =
            c.tx.account(&id)
                .await?
                .ok_or_else(|| not_found("PERSON", &id))?;
        password::check(&id, &new)
            .map_err(|why| Refusal::rejected(ReplyCode::AuthPasswordRejected, why))?;
        account.password_hash = hash_password(&new)?;
        account.password_changed_at = c.now;
        c.tx.put_account(&account).await?;
        c.tx.delete_sessions_of(&id).await?;
        (format!("PASSWORD OF {id} RESET"), AdminData::None)
    })
}

/// `SweepInactiveAccounts`.
pub(super) async fn sweep_inactive_accounts(c: &mut Command<'_>) -> Handled {
    Ok({
        let disabled = c
            .service
            .disable_every_inactive(c.tx, c.audit, c.now)
            .await?;
        (
            format!(
                "{disabled} ACCOUNTS UNUSED FOR {} DAYS DISABLED",
                c.service.config.inactivity_days
            ),
            AdminData::Count(disabled),
        )
    })
}

impl Service {
    pub(super) async fn update_person(
        &self,
        tx: &mut dyn StoreTx,
        id: &str,
        change: impl FnOnce(&mut Person) -> Result<(), Refusal>,
    ) -> Result<(), Refusal> {
        let mut account = tx
            .account(id)
            .await?
            .ok_or_else(|| not_found("PERSON", id))?;
        change(&mut account.person)?;
        tx.put_account(&account).await?;
        crate::oversight::coordinators::account_changed(tx, &account, self.clock.now()).await?;
        Ok(())
    }
}
