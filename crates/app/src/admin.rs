//! Administrative commands: the directory of agencies, connections, terminals and people, and
//! sanctions. Each is authorized by the policy (who may do it to which agency) and audited in
//! the same database transaction as its effect.

use leads_domain::access::{
    AdminCommand, Agency, AgencyStatus, Background, Certification, Charge, ChargeDenial,
    ConnectionRequest, Conviction, Person, Role, Shortfall, Suspension, Terminal,
};
use leads_domain::clock::Timestamp;
use leads_domain::fields::{FieldDate, Ori};
use leads_domain::reply::{Answer, Reason};
use leads_policy::{Act, AdminAction, AuthzRequest, Principal, Target};
use leads_store::{Account, AccountStatus, StoreTx};

use crate::runner::{
    Actor, AuditDraft, Ctx, Done, Mode, Operation, OperationKind, Prep, Refusal, RefusalDetail,
};
use crate::{Service, ServiceError, hash_password, password, totp};

/// A second factor to enroll in an authenticator app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrollment {
    /// Base32 TOTP secret.
    pub secret: String,
    /// `otpauth://` URI.
    pub uri: String,
}

/// A person as the directory shows them (credentials left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonView {
    pub person: Person,
    pub status: String,
    pub last_sign_in_at: Option<Timestamp>,
}

/// What a command answers with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminData {
    None,
    Agency(Box<Agency>),
    Agencies(Vec<Agency>),
    People(Vec<PersonView>),
    Terminals(Vec<Terminal>),
    Connections(Vec<(i64, ConnectionRequest)>),
    Connection(i64),
    Enrollment(Enrollment),
    Count(u64),
}

/// The body of the answer to a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminBody {
    /// The command's name.
    pub command: &'static str,
    /// What the command returns.
    pub data: AdminData,
}

/// The answer to a command.
pub type AdminReply = Answer<AdminBody>;

/// A command refused by the rules: each shortfall with its rule.
fn rules_refusal(shortfalls: Vec<Shortfall>) -> Refusal {
    let message = shortfalls
        .first()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    let reasons = shortfalls
        .into_iter()
        .map(|s| Reason::rule(s.rule, s.text))
        .collect();
    Refusal::refused("rule_refused", message, reasons)
}

fn not_found(what: &str, id: &str) -> Refusal {
    Refusal::rejected("not_found", format!("{what} {id} NOT FOUND"))
}

fn valid_person_id(id: &str) -> bool {
    (2..=20).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// What a command is checked as: the action, the agency it touches, the roles it would give.
async fn scope(
    tx: &mut dyn StoreTx,
    command: &AdminCommand,
    principal: &Principal,
) -> Result<(AdminAction, Ori, Vec<Role>), Refusal> {
    use AdminCommand as C;
    let own = principal.agency.ori.clone();
    let person_ori = async |tx: &mut dyn StoreTx, id: &str| -> Result<Ori, Refusal> {
        Ok(tx
            .account(id)
            .await?
            .ok_or_else(|| not_found("PERSON", id))?
            .person
            .ori)
    };
    Ok(match command {
        C::RegisterAgency { ori, .. }
        | C::UpdateAgency { ori, .. }
        | C::ActivateAgency { ori }
        | C::DeactivateAgency { ori, .. }
        | C::AppointCoordinator { ori, .. } => (AdminAction::ManageAgency, ori.clone(), vec![]),
        C::SuspendService { ori, .. } | C::LiftSuspension { ori, .. } => {
            (AdminAction::SuspendService, ori.clone(), vec![])
        }
        C::RequestConnection { ori, .. } => (AdminAction::ManageConnection, ori.clone(), vec![]),
        C::RecordConference { id, .. }
        | C::WaiveConference { id, .. }
        | C::ApproveConfiguration { id } => {
            let request = tx
                .connection(*id)
                .await?
                .ok_or_else(|| not_found("CONNECTION REQUEST", &id.to_string()))?;
            (AdminAction::ManageConnection, request.ori, vec![])
        }
        C::RegisterTerminal { ori, .. } => (AdminAction::ManageTerminal, ori.clone(), vec![]),
        C::ApproveTerminal { id } => {
            let terminal = tx
                .terminal(id)
                .await?
                .ok_or_else(|| not_found("TERMINAL", id))?;
            (AdminAction::ApproveTerminal, terminal.ori, vec![])
        }
        C::DeactivateTerminal { id, .. } => {
            let terminal = tx
                .terminal(id)
                .await?
                .ok_or_else(|| not_found("TERMINAL", id))?;
            (AdminAction::ManageTerminal, terminal.ori, vec![])
        }
        C::CreatePerson { ori, roles, .. } => {
            (AdminAction::ManagePerson, ori.clone(), roles.clone())
        }
        C::SetRoles { id, roles } => (
            AdminAction::ManagePerson,
            person_ori(tx, id).await?,
            roles.clone(),
        ),
        C::RecordBackground { id, .. }
        | C::RecordConviction { id, .. }
        | C::RecordCharge { id, .. }
        | C::DisableAccount { id, .. }
        | C::EnableAccount { id }
        | C::ResetSecondFactor { id }
        | C::ResetPassword { id, .. } => {
            (AdminAction::ManagePerson, person_ori(tx, id).await?, vec![])
        }
        C::DenyForCharge { id, .. } => (AdminAction::DenyAccess, person_ori(tx, id).await?, vec![]),
        C::Certify { id, .. } => (AdminAction::Certify, person_ori(tx, id).await?, vec![]),
        C::UnlockAccount { id } => (
            AdminAction::UnlockAccount,
            person_ori(tx, id).await?,
            vec![],
        ),
        C::SweepInactiveAccounts => (AdminAction::SweepAccounts, own, vec![]),
        C::ShowAgency { ori } => (AdminAction::ReadDirectory, ori.clone(), vec![]),
        C::ListAgencies => (AdminAction::ManageAgency, own, vec![]),
        C::ListPeople { ori } | C::ListTerminals { ori } | C::ListConnections { ori } => (
            AdminAction::ReadDirectory,
            ori.clone().unwrap_or(own),
            vec![],
        ),
    })
}

/// The audit detail of a command: its target, never a secret.
fn summary(command: &AdminCommand) -> String {
    use AdminCommand as C;
    match command {
        C::CreatePerson { id, ori, roles, .. } => {
            format!(
                "id={id} ori={ori} roles={}",
                roles.iter().map(|r| r.name()).collect::<Vec<_>>().join(",")
            )
        }
        C::ResetPassword { id, .. } => format!("id={id}"),
        other => {
            // The command's fields as written, which carry no secrets for the other commands.
            let text = format!("{other:?}");
            text.chars().take(500).collect()
        }
    }
}

fn today_of(now: Timestamp) -> FieldDate {
    FieldDate::from_date(now.date())
}

/// One administrative command, as an operation of the runner.
struct AdminOp {
    command: AdminCommand,
}

impl Operation for AdminOp {
    type Output = AdminBody;

    fn kind(&self) -> OperationKind {
        OperationKind::Admin
    }

    fn event(&self) -> &'static str {
        "admin"
    }

    fn refused_body(&self) -> AdminBody {
        AdminBody {
            command: self.command.name(),
            data: AdminData::None,
        }
    }

    async fn prepare(&mut self, prep: Prep<'_>) -> Result<Mode, Refusal> {
        prep.who.person()?;
        prep.audit.key = Some(self.command.name().into());
        prep.audit.detail = summary(&self.command);
        prep.audit.on_refusal = RefusalDetail::Keep;
        Ok(Mode::Write)
    }

    async fn act(self, ctx: &mut Ctx<'_>) -> Result<Done<AdminBody>, Refusal> {
        let principal = ctx.who.person()?;
        let (action, target, roles) = scope(ctx.tx.as_mut(), &self.command, principal).await?;
        let request = AuthzRequest::new(
            principal,
            Act::Admin(action),
            Target::Agency(&target),
            ctx.now.date(),
        )
        .granting(&roles);
        ctx.service
            .permit(&request, || "NO POLICY PERMITS THIS COMMAND".into())?;
        let command = self.command.name();
        let (message, data) = ctx
            .service
            .run_command(
                ctx.tx.as_mut(),
                &mut ctx.audit,
                principal,
                self.command,
                ctx.now,
            )
            .await?;
        Ok(Done::new(
            "admin_done",
            message,
            AdminBody { command, data },
        ))
    }
}

impl Service {
    /// Runs an administrative command for the session `token`.
    pub async fn administer(
        &self,
        token: &str,
        command: AdminCommand,
        operation_id: Option<String>,
    ) -> Result<AdminReply, ServiceError> {
        self.run(Actor::Session(token), operation_id, AdminOp { command })
            .await
    }

    async fn run_command(
        &self,
        tx: &mut dyn StoreTx,
        audit: &mut AuditDraft,
        principal: &Principal,
        command: AdminCommand,
        now: Timestamp,
    ) -> Result<(String, AdminData), Refusal> {
        use AdminCommand as C;
        let today = today_of(now);
        Ok(match command {
            C::RegisterAgency {
                ori,
                name,
                evidence,
                agreement,
                access,
            } => {
                if tx.agency(&ori).await?.is_some() {
                    return Err(Refusal::rejected(
                        "already_exists",
                        format!("AGENCY {ori} IS ALREADY REGISTERED"),
                    ));
                }
                let mut agency = Agency::new(ori.clone(), name.trim());
                agency.evidence = evidence;
                agency.agreement = agreement;
                agency.access = access;
                tx.put_agency(&agency).await?;
                (
                    format!("AGENCY {ori} REGISTERED (PENDING)"),
                    AdminData::Agency(Box::new(agency)),
                )
            }
            C::UpdateAgency {
                ori,
                name,
                evidence,
                agreement,
                access,
            } => {
                let mut agency = tx
                    .agency(&ori)
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
                tx.put_agency(&agency).await?;
                (
                    format!("AGENCY {ori} UPDATED"),
                    AdminData::Agency(Box::new(agency)),
                )
            }
            C::ActivateAgency { ori } => {
                let mut agency = tx
                    .agency(&ori)
                    .await?
                    .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
                let shortfalls = agency.activation_shortfalls();
                if !shortfalls.is_empty() {
                    return Err(rules_refusal(shortfalls));
                }
                agency.status = AgencyStatus::Active;
                tx.put_agency(&agency).await?;
                (
                    format!("AGENCY {ori} ACTIVATED"),
                    AdminData::Agency(Box::new(agency)),
                )
            }
            C::DeactivateAgency { ori, reason } => {
                let mut agency = tx
                    .agency(&ori)
                    .await?
                    .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
                agency.status = AgencyStatus::Inactive;
                tx.put_agency(&agency).await?;
                (
                    format!(
                        "AGENCY {ori} DEACTIVATED - {}",
                        reason.trim().to_ascii_uppercase()
                    ),
                    AdminData::None,
                )
            }
            C::AppointCoordinator { ori, person } => {
                self.appoint_coordinator(tx, &ori, &person, now).await?
            }
            C::SuspendService {
                ori,
                scope,
                reference,
                reason,
            } => {
                let mut agency = tx
                    .agency(&ori)
                    .await?
                    .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
                if agency.suspensions.iter().any(|s| s.scope == scope) {
                    return Err(Refusal::rejected(
                        "already_exists",
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
                    since_micros: now.as_micros(),
                    imposed_by: principal.person.id.clone(),
                });
                tx.put_agency(&agency).await?;
                (
                    format!(
                        "SERVICE {} SUSPENDED FOR {ori} UNDER {}",
                        scope.name().to_ascii_uppercase(),
                        reference.trim()
                    ),
                    AdminData::Agency(Box::new(agency)),
                )
            }
            C::LiftSuspension { ori, scope, reason } => {
                let mut agency = tx
                    .agency(&ori)
                    .await?
                    .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
                let before = agency.suspensions.len();
                agency.suspensions.retain(|s| s.scope != scope);
                if agency.suspensions.len() == before {
                    return Err(not_found("SUSPENSION", scope.name()));
                }
                tx.put_agency(&agency).await?;
                (
                    format!(
                        "SUSPENSION OF {} LIFTED FOR {ori} - {}",
                        scope.name().to_ascii_uppercase(),
                        reason.trim().to_ascii_uppercase()
                    ),
                    AdminData::Agency(Box::new(agency)),
                )
            }
            C::RequestConnection {
                ori,
                received_on,
                desired_on,
                equipment,
                vendor,
                vendor_previously_connected,
            } => {
                tx.agency(&ori)
                    .await?
                    .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
                let request = ConnectionRequest::new(
                    ori,
                    received_on,
                    desired_on,
                    &equipment,
                    &vendor,
                    vendor_previously_connected,
                )
                .map_err(|s| rules_refusal(vec![s]))?;
                let id = tx.insert_connection(&request, now).await?;
                (
                    format!("CONNECTION REQUEST {id} RECORDED"),
                    AdminData::Connection(id),
                )
            }
            C::RecordConference { id, held_on } => {
                let mut request = tx
                    .connection(id)
                    .await?
                    .ok_or_else(|| not_found("CONNECTION REQUEST", &id.to_string()))?;
                request.conference_held(held_on);
                tx.update_connection(id, &request, now).await?;
                (
                    format!("CONFERENCE OF CONNECTION REQUEST {id} RECORDED"),
                    AdminData::Connection(id),
                )
            }
            C::WaiveConference { id, reason } => {
                let mut request = tx
                    .connection(id)
                    .await?
                    .ok_or_else(|| not_found("CONNECTION REQUEST", &id.to_string()))?;
                request
                    .waive_conference(&reason)
                    .map_err(|s| rules_refusal(vec![s]))?;
                tx.update_connection(id, &request, now).await?;
                (
                    format!("CONFERENCE OF CONNECTION REQUEST {id} WAIVED"),
                    AdminData::Connection(id),
                )
            }
            C::ApproveConfiguration { id } => {
                let mut request = tx
                    .connection(id)
                    .await?
                    .ok_or_else(|| not_found("CONNECTION REQUEST", &id.to_string()))?;
                request
                    .approve_configuration(today)
                    .map_err(|s| rules_refusal(vec![s]))?;
                tx.update_connection(id, &request, now).await?;
                (
                    format!("CONFIGURATION OF CONNECTION REQUEST {id} APPROVED"),
                    AdminData::Connection(id),
                )
            }
            C::RegisterTerminal {
                id,
                ori,
                location,
                connection,
            } => {
                let terminal = Terminal::register(&id, ori.clone(), &location, connection);
                if !valid_person_id(&terminal.id) {
                    return Err(Refusal::rejected(
                        "invalid_request",
                        "TERMINAL ID MUST BE 2-20 LETTERS AND DIGITS",
                    ));
                }
                if tx.terminal(&terminal.id).await?.is_some() {
                    return Err(Refusal::rejected(
                        "already_exists",
                        format!("TERMINAL {} IS ALREADY REGISTERED", terminal.id),
                    ));
                }
                tx.agency(&ori)
                    .await?
                    .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
                if let Some(c) = connection {
                    let request = tx
                        .connection(c)
                        .await?
                        .ok_or_else(|| not_found("CONNECTION REQUEST", &c.to_string()))?;
                    if request.ori != ori {
                        return Err(Refusal::rejected(
                            "invalid_request",
                            format!("CONNECTION REQUEST {c} IS NOT {ori}'S"),
                        ));
                    }
                }
                tx.put_terminal(&terminal).await?;
                (
                    format!(
                        "TERMINAL {} REGISTERED AT {} - AWAITING APPROVAL",
                        terminal.id, terminal.location
                    ),
                    AdminData::Terminals(vec![terminal]),
                )
            }
            C::ApproveTerminal { id } => {
                let mut terminal = tx
                    .terminal(&id)
                    .await?
                    .ok_or_else(|| not_found("TERMINAL", &id))?;
                if let Some(c) = terminal.connection {
                    let request = tx
                        .connection(c)
                        .await?
                        .ok_or_else(|| not_found("CONNECTION REQUEST", &c.to_string()))?;
                    if !request.approved() {
                        return Err(rules_refusal(vec![Shortfall {
                            rule: leads_domain::RuleId::A4,
                            text: format!(
                                "THE CONFIGURATION OF CONNECTION REQUEST {c} IS NOT APPROVED"
                            ),
                        }]));
                    }
                }
                terminal.approved_on = Some(today);
                terminal.active = true;
                tx.put_terminal(&terminal).await?;
                (
                    format!("TERMINAL {} APPROVED", terminal.id),
                    AdminData::Terminals(vec![terminal]),
                )
            }
            C::DeactivateTerminal { id, reason } => {
                let mut terminal = tx
                    .terminal(&id)
                    .await?
                    .ok_or_else(|| not_found("TERMINAL", &id))?;
                terminal.active = false;
                tx.put_terminal(&terminal).await?;
                (
                    format!(
                        "TERMINAL {id} DEACTIVATED - {}",
                        reason.trim().to_ascii_uppercase()
                    ),
                    AdminData::None,
                )
            }
            C::CreatePerson {
                id,
                name,
                ori,
                roles,
                password: initial,
                dob,
            } => {
                let mut person = Person::new(&id, &name, ori.clone(), roles);
                person.dob = dob;
                if !valid_person_id(&person.id) {
                    return Err(Refusal::rejected(
                        "invalid_request",
                        "PERSON ID MUST BE 2-20 LETTERS AND DIGITS",
                    ));
                }
                if tx.account(&person.id).await?.is_some() {
                    return Err(Refusal::rejected(
                        "already_exists",
                        format!("PERSON {} ALREADY EXISTS", person.id),
                    ));
                }
                tx.agency(&ori)
                    .await?
                    .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
                password::check(&person.id, &initial)
                    .map_err(|why| Refusal::rejected("auth_password_rejected", why))?;
                let secret = totp::new_secret();
                let enrollment = Enrollment {
                    uri: totp::provisioning_uri(&secret, &person.id),
                    secret: secret.clone(),
                };
                let id = person.id.clone();
                tx.put_account(&Account {
                    person,
                    status: AccountStatus::Active,
                    password_hash: hash_password(&initial)?,
                    password_changed_at: now,
                    totp_secret: Some(secret),
                    totp_last_step: None,
                    created_at: now,
                    last_sign_in_at: None,
                })
                .await?;
                (
                    format!("PERSON {id} CREATED - ENROLL THE SECOND FACTOR"),
                    AdminData::Enrollment(enrollment),
                )
            }
            C::SetRoles { id, roles } => {
                self.update_person(tx, &id, |p| {
                    p.roles = roles.into_iter().collect();
                    Ok(())
                })
                .await?;
                (format!("ROLES OF {id} SET"), AdminData::None)
            }
            C::RecordBackground {
                id,
                state_clear,
                fbi_clear,
                completed_on,
                reference,
            } => {
                self.update_person(tx, &id, |p| {
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
            }
            C::RecordConviction {
                id,
                class,
                description,
                on,
            } => {
                self.update_person(tx, &id, |p| {
                    p.convictions.push(Conviction {
                        class,
                        description: description.trim().to_owned(),
                        on,
                    });
                    Ok(())
                })
                .await?;
                (format!("CONVICTION OF {id} RECORDED"), AdminData::None)
            }
            C::RecordCharge {
                id,
                class,
                description,
                filed_on,
            } => {
                self.update_person(tx, &id, |p| {
                    p.charges.push(Charge {
                        class,
                        description: description.trim().to_owned(),
                        filed_on,
                    });
                    Ok(())
                })
                .await?;
                (format!("PENDING CHARGE OF {id} RECORDED"), AdminData::None)
            }
            C::DenyForCharge { id, reason } => {
                let by = principal.person.id.clone();
                self.update_person(tx, &id, |p| {
                    if p.charges.is_empty() {
                        return Err(Refusal::rejected(
                            "invalid_request",
                            "RECORD THE PENDING CHARGE FIRST",
                        ));
                    }
                    p.charge_denial = Some(ChargeDenial {
                        reason: reason.trim().to_owned(),
                        on: today,
                        by,
                    });
                    Ok(())
                })
                .await?;
                (
                    format!("LEADS ACCESS OF {id} DENIED FOR A PENDING CHARGE"),
                    AdminData::None,
                )
            }
            C::Certify {
                id,
                level,
                certified_on,
                expires_on,
            } => {
                self.update_person(tx, &id, |p| {
                    if expires_on <= certified_on {
                        return Err(Refusal::rejected(
                            "invalid_request",
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
                (
                    format!(
                        "{id} CERTIFIED ({}) UNTIL {expires_on}",
                        level.name().to_ascii_uppercase()
                    ),
                    AdminData::None,
                )
            }
            C::UnlockAccount { id } => {
                let mut account = tx
                    .account(&id)
                    .await?
                    .ok_or_else(|| not_found("PERSON", &id))?;
                if account.status != AccountStatus::Locked {
                    return Err(Refusal::rejected(
                        "invalid_request",
                        format!("ACCOUNT {id} IS NOT LOCKED"),
                    ));
                }
                account.status = AccountStatus::Active;
                tx.put_account(&account).await?;
                tx.clear_sign_in_failures(&id).await?;
                (format!("ACCOUNT {id} UNLOCKED"), AdminData::None)
            }
            C::DisableAccount { id, reason } => {
                let mut account = tx
                    .account(&id)
                    .await?
                    .ok_or_else(|| not_found("PERSON", &id))?;
                account.status = AccountStatus::Disabled(reason.trim().to_ascii_uppercase());
                tx.put_account(&account).await?;
                tx.delete_sessions_of(&id).await?;
                (format!("ACCOUNT {id} DISABLED"), AdminData::None)
            }
            C::EnableAccount { id } => {
                let mut account = tx
                    .account(&id)
                    .await?
                    .ok_or_else(|| not_found("PERSON", &id))?;
                account.status = AccountStatus::Active;
                // Enabling counts as use: the 90-day inactivity limit starts again.
                account.last_sign_in_at = Some(now);
                tx.put_account(&account).await?;
                (format!("ACCOUNT {id} ENABLED"), AdminData::None)
            }
            C::ResetSecondFactor { id } => {
                let mut account = tx
                    .account(&id)
                    .await?
                    .ok_or_else(|| not_found("PERSON", &id))?;
                let secret = totp::new_secret();
                account.totp_secret = Some(secret.clone());
                account.totp_last_step = None;
                tx.put_account(&account).await?;
                tx.delete_sessions_of(&id).await?;
                let enrollment = Enrollment {
                    uri: totp::provisioning_uri(&secret, &id),
                    secret,
                };
                (
                    format!("SECOND FACTOR OF {id} RESET - ENROLL AGAIN"),
                    AdminData::Enrollment(enrollment),
                )
            }
            C::ResetPassword { id, password: new } => {
                let mut account = tx
                    .account(&id)
                    .await?
                    .ok_or_else(|| not_found("PERSON", &id))?;
                password::check(&id, &new)
                    .map_err(|why| Refusal::rejected("auth_password_rejected", why))?;
                account.password_hash = hash_password(&new)?;
                account.password_changed_at = now;
                tx.put_account(&account).await?;
                tx.delete_sessions_of(&id).await?;
                (format!("PASSWORD OF {id} RESET"), AdminData::None)
            }
            C::SweepInactiveAccounts => {
                let mut disabled = 0;
                for account in tx.accounts(None).await? {
                    if account.status == AccountStatus::Active && self.inactive(&account, now) {
                        self.disable_inactive(tx, audit, account).await?;
                        disabled += 1;
                    }
                }
                (
                    format!(
                        "{disabled} ACCOUNTS UNUSED FOR {} DAYS DISABLED",
                        self.config.inactivity_days
                    ),
                    AdminData::Count(disabled),
                )
            }
            C::ShowAgency { ori } => {
                let agency = tx
                    .agency(&ori)
                    .await?
                    .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
                (format!("AGENCY {ori}"), AdminData::Agency(Box::new(agency)))
            }
            C::ListAgencies => {
                let agencies = tx.agencies().await?;
                (
                    format!("{} AGENCIES", agencies.len()),
                    AdminData::Agencies(agencies),
                )
            }
            C::ListPeople { ori } => {
                let scope = listing_scope(principal, ori);
                let people: Vec<PersonView> = tx
                    .accounts(scope.as_ref())
                    .await?
                    .into_iter()
                    .map(|a| PersonView {
                        status: a.status.name().into(),
                        last_sign_in_at: a.last_sign_in_at,
                        person: a.person,
                    })
                    .collect();
                (
                    format!("{} PEOPLE", people.len()),
                    AdminData::People(people),
                )
            }
            C::ListTerminals { ori } => {
                let terminals = tx.terminals(listing_scope(principal, ori).as_ref()).await?;
                (
                    format!("{} TERMINALS", terminals.len()),
                    AdminData::Terminals(terminals),
                )
            }
            C::ListConnections { ori } => {
                let connections = tx
                    .connections(listing_scope(principal, ori).as_ref())
                    .await?;
                (
                    format!("{} CONNECTION REQUESTS", connections.len()),
                    AdminData::Connections(connections),
                )
            }
        })
    }

    async fn update_person(
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
        Ok(())
    }

    /// T1: one coordinator per agency, a certified employee of it.
    async fn appoint_coordinator(
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
            rules_refusal(vec![Shortfall {
                rule: leads_domain::RuleId::T1,
                text: text.to_owned(),
            }])
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
        Ok((
            format!(
                "{} APPOINTED LEADS AGENCY COORDINATOR OF {ori}",
                account.person.id
            ),
            AdminData::Agency(Box::new(agency)),
        ))
    }
}

/// Which agency a listing covers: the one asked for; with none, every agency for the
/// Administrator and the own agency for anyone else.
fn listing_scope(principal: &Principal, ori: Option<Ori>) -> Option<Ori> {
    match ori {
        Some(ori) => Some(ori),
        None if principal.person.has(Role::Administrator) => None,
        None => Some(principal.agency.ori.clone()),
    }
}
