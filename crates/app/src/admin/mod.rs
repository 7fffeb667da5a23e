//! Administrative commands: the directory of agencies, connections, terminals and people, and
//! sanctions. Each is authorized by the policy (who may do it to which agency) and audited in
//! the same database transaction as its effect.

use leads_domain::access::AdminCommand;
use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::fields::FieldDate;
use leads_policy::{Act, AuthzRequest, Principal, Target};
use leads_store::StoreTx;

pub use self::command::{AdminBody, AdminData, AdminReply, Enrollment, PersonView};
use self::command::{Command, Handled};
use crate::runner::{
    Actor, AuditDraft, Ctx, Done, Mode, Operation, OperationKind, Prep, Refusal, RefusalDetail,
};
use crate::{Service, ServiceError};

mod agencies;
mod checked_as;
mod command;
mod connections;
mod due_process;
mod listings;
mod people;
mod terminals;

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
        let (action, target, roles) =
            checked_as::scope(ctx.tx.as_mut(), &self.command, principal).await?;
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
            ReplyCode::AdminDone,
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
    ) -> Handled {
        use AdminCommand as C;
        let c = &mut Command {
            service: self,
            tx,
            audit,
            principal,
            now,
            today: today_of(now),
        };
        match command {
            C::RegisterAgency {
                ori,
                name,
                evidence,
                agreement,
                access,
            } => agencies::register_agency(c, ori, name, evidence, agreement, access).await,
            C::UpdateAgency {
                ori,
                name,
                evidence,
                agreement,
                access,
            } => agencies::update_agency(c, ori, name, evidence, agreement, access).await,
            C::SetAgencyPhone { ori, phone } => agencies::set_agency_phone(c, ori, phone).await,
            C::ActivateAgency { ori } => agencies::activate_agency(c, ori).await,
            C::DeactivateAgency { ori, reason } => {
                agencies::deactivate_agency(c, ori, reason).await
            }
            C::AppointCoordinator { ori, person } => {
                agencies::appoint_coordinator(c, ori, person).await
            }
            C::SuspendService {
                ori,
                scope,
                reference,
                reason,
            } => agencies::suspend_service(c, ori, scope, reference, reason).await,
            C::LiftSuspension { ori, scope, reason } => {
                agencies::lift_suspension(c, ori, scope, reason).await
            }
            C::RequestConnection {
                ori,
                received_on,
                desired_on,
                equipment,
                vendor,
                vendor_previously_connected,
            } => {
                connections::request_connection(
                    c,
                    ori,
                    received_on,
                    desired_on,
                    equipment,
                    vendor,
                    vendor_previously_connected,
                )
                .await
            }
            C::RecordConference { id, held_on } => {
                connections::record_conference(c, id, held_on).await
            }
            C::WaiveConference { id, reason } => connections::waive_conference(c, id, reason).await,
            C::ApproveConfiguration { id } => connections::approve_configuration(c, id).await,
            C::RegisterTerminal {
                id,
                ori,
                location,
                connection,
            } => terminals::register_terminal(c, id, ori, location, connection).await,
            C::ApproveTerminal { id } => terminals::approve_terminal(c, id).await,
            C::DeactivateTerminal { id, reason } => {
                terminals::deactivate_terminal(c, id, reason).await
            }
            C::CreatePerson {
                id,
                name,
                ori,
                roles,
                password: initial,
                dob,
            } => people::create_person(c, id, name, ori, roles, initial, dob).await,
            C::SetRoles { id, roles } => people::set_roles(c, id, roles).await,
            C::RecordBackground {
                id,
                state_clear,
                fbi_clear,
                completed_on,
                reference,
            } => {
                people::record_background(c, id, state_clear, fbi_clear, completed_on, reference)
                    .await
            }
            C::RecordConviction {
                id,
                class,
                description,
                on,
            } => people::record_conviction(c, id, class, description, on).await,
            C::RecordCharge {
                id,
                class,
                description,
                filed_on,
            } => people::record_charge(c, id, class, description, filed_on).await,
            C::DenyForCharge { id, reason } => people::deny_for_charge(c, id, reason).await,
            C::ApproveInterstate { id } => people::approve_interstate(c, id).await,
            C::WithdrawInterstate { id, reason } => {
                people::withdraw_interstate(c, id, reason).await
            }
            C::Certify {
                id,
                level,
                certified_on,
                expires_on,
            } => people::certify(c, id, level, certified_on, expires_on).await,
            C::NoticeCertificationAction {
                id,
                proposed,
                reason,
                evidence,
            } => due_process::notice(c, id, proposed, reason, evidence).await,
            C::RecordCertificationResponse { id, text } => due_process::respond(c, id, text).await,
            C::DecideCertificationAction {
                id,
                decision,
                until,
            } => due_process::decide(c, id, decision, until).await,
            C::UnlockAccount { id } => people::unlock_account(c, id).await,
            C::DisableAccount { id, reason } => people::disable_account(c, id, reason).await,
            C::EnableAccount { id } => people::enable_account(c, id).await,
            C::ResetSecondFactor { id } => people::reset_second_factor(c, id).await,
            C::ResetPassword { id, password: new } => people::reset_password(c, id, new).await,
            C::SweepInactiveAccounts => people::sweep_inactive_accounts(c).await,
            C::ShowAgency { ori } => listings::show_agency(c, ori).await,
            C::ListAgencies => listings::list_agencies(c).await,
            C::ListPeople { ori } => listings::list_people(c, ori).await,
            C::ListTerminals { ori } => listings::list_terminals(c, ori).await,
            C::ListConnections { ori } => listings::list_connections(c, ori).await,
        }
    }
}
