//! What each command is checked as: the policy's action, the agency it touches and the roles
//! it would give.

#[allow(
    clippy::wildcard_imports,
    reason = "a part of the command module: its types and helpers"
)]
use super::command::*;

/// What a command is checked as: the action, the agency it touches, the roles it would give.
pub(super) async fn scope(
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
        | C::SetAgencyPhone { ori, .. }
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
        // The Administrator's own decisions on a person's access: a denial for a pending
        // charge (S2) and the approval for the interstate network (N1).
        C::DenyForCharge { id, .. }
        | C::ApproveInterstate { id }
        | C::WithdrawInterstate { id, .. } => {
            (AdminAction::DenyAccess, person_ori(tx, id).await?, vec![])
        }
        C::Certify { id, .. }
        | C::NoticeCertificationAction { id, .. }
        | C::RecordCertificationResponse { id, .. }
        | C::DecideCertificationAction { id, .. } => {
            (AdminAction::Certify, person_ori(tx, id).await?, vec![])
        }
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
