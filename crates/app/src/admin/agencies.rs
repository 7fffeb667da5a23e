//! The administrative commands on agencies.

#[allow(
    clippy::wildcard_imports,
    reason = "a handler file of the command module: its types and helpers"
)]
use super::command::*;
use leads_domain::oversight::{DIRECTORS_DECISION, IMMEDIATE_SUSPENSION, OutOfOrder};

/// `RegisterAgency`.
pub(super) async fn register_agency(
    c: &mut Command<'_>,
    ori: Ori,
    name: String,
    evidence: Option<BasisEvidence>,
    agreement: Option<Agreement>,
    access: AccessLevel,
) -> Handled {
    Ok({
        if c.tx.agency(&ori).await?.is_some() {
            return Err(Refusal::rejected(
                ReplyCode::AlreadyExists,
                format!("AGENCY {ori} IS ALREADY REGISTERED"),
            ));
        }
        let mut agency = Agency::new(ori.clone(), name.trim());
        agency.evidence = evidence;
        agency.agreement = agreement;
        agency.access = access;
        c.tx.put_agency(&agency).await?;
        (
            format!("AGENCY {ori} REGISTERED (PENDING)"),
            AdminData::Agency(Box::new(agency)),
        )
    })
}

/// `UpdateAgency`.
pub(super) async fn update_agency(
    c: &mut Command<'_>,
    ori: Ori,
    name: Option<String>,
    evidence: Option<BasisEvidence>,
    agreement: Option<Agreement>,
    access: Option<AccessLevel>,
) -> Handled {
    Ok({
        let mut agency =
            c.tx.agency(&ori)
                .await?
                .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
        if let Some(name) = name {
            agency.name = name.trim().to_owned();
        }
        agency.evidence = evidence.or(agency.evidence);
        agency.agreement = agreement.or(agency.agreement);
        agency.access = access.unwrap_or(agency.access);
        let shortfalls = agency.activation_shortfalls();
        if agency.status == AgencyStatus::Active && !shortfalls.is_empty() {
            return Err(rules_refusal(shortfalls));
        }
        c.tx.put_agency(&agency).await?;
        (
            format!("AGENCY {ori} UPDATED"),
            AdminData::Agency(Box::new(agency)),
        )
    })
}

/// `SetAgencyPhone`: the 24-hour number other agencies call to confirm a hit.
pub(super) async fn set_agency_phone(c: &mut Command<'_>, ori: Ori, phone: String) -> Handled {
    let phone = phone.trim().to_ascii_uppercase();
    let valid = (7..=20).contains(&phone.len())
        && phone
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b' ' || b == b'X');
    if !valid {
        return Err(Refusal::rejected(
            ReplyCode::InvalidRequest,
            format!("PHONE {phone} MUST BE 7-20 DIGITS, SPACES AND HYPHENS"),
        ));
    }
    let mut agency =
        c.tx.agency(&ori)
            .await?
            .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
    agency.phone = Some(phone.clone());
    c.tx.put_agency(&agency).await?;
    Ok((
        format!("24-HOUR PHONE OF {ori} IS {phone}"),
        AdminData::Agency(Box::new(agency)),
    ))
}

/// `ActivateAgency`.
pub(super) async fn activate_agency(c: &mut Command<'_>, ori: Ori) -> Handled {
    Ok({
        let mut agency =
            c.tx.agency(&ori)
                .await?
                .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
        let shortfalls = agency.activation_shortfalls();
        if !shortfalls.is_empty() {
            return Err(rules_refusal(shortfalls));
        }
        agency.status = AgencyStatus::Active;
        c.tx.put_agency(&agency).await?;
        (
            format!("AGENCY {ori} ACTIVATED"),
            AdminData::Agency(Box::new(agency)),
        )
    })
}

/// `DeactivateAgency`.
pub(super) async fn deactivate_agency(c: &mut Command<'_>, ori: Ori, reason: String) -> Handled {
    Ok({
        let mut agency =
            c.tx.agency(&ori)
                .await?
                .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
        agency.status = AgencyStatus::Inactive;
        c.tx.put_agency(&agency).await?;
        (
            format!(
                "AGENCY {ori} DEACTIVATED - {}",
                reason.trim().to_ascii_uppercase()
            ),
            AdminData::None,
        )
    })
}

/// `AppointCoordinator`.
pub(super) async fn appoint_coordinator(c: &mut Command<'_>, ori: Ori, person: String) -> Handled {
    Ok({
        c.service
            .appoint_coordinator(c.tx, &ori, &person, c.now)
            .await?
    })
}

/// `SuspendService`.
pub(super) async fn suspend_service(
    c: &mut Command<'_>,
    ori: Ori,
    scope: ServiceScope,
    reference: String,
    reason: String,
) -> Handled {
    Ok({
        let mut agency =
            c.tx.agency(&ori)
                .await?
                .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
        let scope = scope.check().map_err(|text| {
            crate::oversight::out_of_order(OutOfOrder::new(IMMEDIATE_SUSPENSION, text))
        })?;
        if Suspension::names_a_violation_case(&reference) {
            return Err(crate::oversight::out_of_order(OutOfOrder::new(
                IMMEDIATE_SUSPENSION,
                format!(
                    "{} IS A VIOLATION CASE'S REFERENCE - ITS SUSPENSIONS ARE IMPOSED THROUGH THE CASE",
                    reference.trim()
                ),
            )));
        }
        if agency.suspensions.iter().any(|s| s.scope == scope) {
            return Err(Refusal::rejected(
                ReplyCode::AlreadyExists,
                format!(
                    "{} IS ALREADY SUSPENDED FOR {ori}",
                    scope.name().to_ascii_uppercase()
                ),
            ));
        }
        agency.suspensions.push(Suspension {
            scope,
            reference: reference.trim().to_owned(),
            reason: reason.trim().to_owned(),
            since_micros: c.now.as_micros(),
            imposed_by: c.principal.person.id.clone(),
        });
        c.tx.put_agency(&agency).await?;
        (
            format!(
                "SERVICE {} SUSPENDED FOR {ori} UNDER {}",
                scope.name().to_ascii_uppercase(),
                reference.trim()
            ),
            AdminData::Agency(Box::new(agency)),
        )
    })
}

/// `LiftSuspension`.
pub(super) async fn lift_suspension(
    c: &mut Command<'_>,
    ori: Ori,
    scope: ServiceScope,
    reason: String,
) -> Handled {
    Ok({
        let mut agency =
            c.tx.agency(&ori)
                .await?
                .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
        // A violation case's suspension ends only through the case: the Director's lift before
        // the hearing, decision or restoration (1240.110(c)(3), (e)).
        let of_case: Vec<String> = agency
            .suspensions
            .iter()
            .filter(|s| s.scope == scope && s.is_of_violation_case())
            .map(|s| s.reference.clone())
            .collect();
        let before = agency.suspensions.len();
        agency
            .suspensions
            .retain(|s| s.scope != scope || s.is_of_violation_case());
        if agency.suspensions.len() == before {
            if let Some(case) = of_case.first() {
                return Err(crate::oversight::out_of_order(OutOfOrder::new(
                    DIRECTORS_DECISION,
                    format!(
                        "THE SUSPENSION OF {} ENFORCES {case} - IT ENDS THROUGH THE CASE, BY THE DIRECTOR",
                        scope.name().to_ascii_uppercase()
                    ),
                )));
            }
            return Err(not_found("SUSPENSION", &scope.name()));
        }
        c.tx.put_agency(&agency).await?;
        (
            format!(
                "SUSPENSION OF {} LIFTED FOR {ori} - {}",
                scope.name().to_ascii_uppercase(),
                reason.trim().to_ascii_uppercase()
            ),
            AdminData::Agency(Box::new(agency)),
        )
    })
}

impl Service {
    /// T1: one coordinator per agency, a certified employee of it.
    pub(super) async fn appoint_coordinator(
        &self,
        tx: &mut dyn StoreTx,
        ori: &Ori,
        id: &str,
        now: Timestamp,
    ) -> Result<(String, AdminData), Refusal> {
        let mut agency = tx
            .agency(ori)
            .await?
            .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
        let mut account = tx
            .account(id)
            .await?
            .ok_or_else(|| not_found("PERSON", id))?;
        let rule = |text: &str| {
            rules_refusal(vec![Shortfall::new(
                leads_domain::RuleId::T1.at("20 Ill. Adm. Code 1240.90(a)"),
                text,
            )])
        };
        if &account.person.ori != ori {
            return Err(rule("THE COORDINATOR MUST BE AN EMPLOYEE OF THE AGENCY"));
        }
        if account.person.certification_on(now.date()).is_none() {
            return Err(rule(
                "THE COORDINATOR MUST HOLD A CURRENT LEADS CERTIFICATION",
            ));
        }
        if let Some(previous) = agency.coordinator.take().filter(|p| p != id)
            && let Some(mut old) = tx.account(&previous).await?
        {
            old.person.roles.remove(&Role::Coordinator);
            tx.put_account(&old).await?;
        }
        account.person.roles.insert(Role::Coordinator);
        tx.put_account(&account).await?;
        agency.coordinator = Some(account.person.id.clone());
        tx.put_agency(&agency).await?;
        crate::oversight::coordinators::appointed(tx, ori, &account.person, now).await?;
        Ok((
            format!(
                "{} APPOINTED LEADS AGENCY COORDINATOR OF {ori}",
                account.person.id
            ),
            AdminData::Agency(Box::new(agency)),
        ))
    }
}
