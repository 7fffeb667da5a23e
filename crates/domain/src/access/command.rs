//! Administrative commands: what the Administrator and Agency Coordinators do to the directory.
//! The JSON API and `leads admin` carry exactly these (tagged by `command`).

use serde::{Deserialize, Serialize};

use super::agency::{AccessLevel, Agreement, BasisEvidence};
use super::person::{CertificationLevel, OffenseClass, Role};
use super::service::ServiceScope;
use crate::fields::{FieldDate, Ori};

/// One administrative command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum AdminCommand {
    /// Record a new agency (pending until activated).
    RegisterAgency {
        ori: Ori,
        name: String,
        #[serde(default)]
        evidence: Option<BasisEvidence>,
        #[serde(default)]
        agreement: Option<Agreement>,
        access: AccessLevel,
    },
    /// Change an agency's basis, agreement or access level.
    UpdateAgency {
        ori: Ori,
        #[serde(default)]
        name: Option<String>,
        #[serde(default)]
        evidence: Option<BasisEvidence>,
        #[serde(default)]
        agreement: Option<Agreement>,
        #[serde(default)]
        access: Option<AccessLevel>,
    },
    /// Record the agency's 24-hour telephone number (for hit confirmations).
    SetAgencyPhone {
        ori: Ori,
        phone: String,
    },
    /// Activate an agency (needs a basis with evidence, A1, and a signed agreement, A2).
    ActivateAgency {
        ori: Ori,
    },
    DeactivateAgency {
        ori: Ori,
        reason: String,
    },
    /// Appoint the LEADS Agency Coordinator (T1): a certified employee of the agency.
    AppointCoordinator {
        ori: Ori,
        person: String,
    },
    /// Suspend all or one of an agency's services (O3), citing the sanction.
    SuspendService {
        ori: Ori,
        scope: ServiceScope,
        reference: String,
        reason: String,
    },
    LiftSuspension {
        ori: Ori,
        scope: ServiceScope,
        reason: String,
    },
    /// A written request to connect (A4).
    RequestConnection {
        ori: Ori,
        received_on: FieldDate,
        desired_on: FieldDate,
        equipment: String,
        vendor: String,
        vendor_previously_connected: bool,
    },
    RecordConference {
        id: i64,
        held_on: FieldDate,
    },
    WaiveConference {
        id: i64,
        reason: String,
    },
    ApproveConfiguration {
        id: i64,
    },
    /// Register a terminal at a location (not usable until approved).
    RegisterTerminal {
        id: String,
        ori: Ori,
        location: String,
        #[serde(default)]
        connection: Option<i64>,
    },
    /// Approve and activate a terminal (its connection's configuration must be approved, A4).
    ApproveTerminal {
        id: String,
    },
    DeactivateTerminal {
        id: String,
        reason: String,
    },
    /// Create a person with an initial password; the answer carries the TOTP enrollment.
    CreatePerson {
        id: String,
        name: String,
        ori: Ori,
        roles: Vec<Role>,
        password: String,
        /// Date of birth (`ccyymmdd`), for the misuse review.
        #[serde(default)]
        dob: Option<FieldDate>,
    },
    SetRoles {
        id: String,
        roles: Vec<Role>,
    },
    /// Fingerprint-based state and FBI checks (S1).
    RecordBackground {
        id: String,
        state_clear: bool,
        fbi_clear: bool,
        completed_on: FieldDate,
        reference: String,
    },
    RecordConviction {
        id: String,
        class: OffenseClass,
        description: String,
        on: FieldDate,
    },
    RecordCharge {
        id: String,
        class: OffenseClass,
        description: String,
        filed_on: FieldDate,
    },
    /// The Administrator denies access for a pending charge (S2).
    DenyForCharge {
        id: String,
        reason: String,
    },
    /// The Administrator approves a person for the interstate network (N1).
    ApproveInterstate {
        id: String,
    },
    /// The Administrator withdraws a person's interstate approval (N1).
    WithdrawInterstate {
        id: String,
        reason: String,
    },
    /// LEADS User Certification (T2); without `expires_on` it runs the Department's
    /// certification period (two years unless configured).
    Certify {
        id: String,
        level: CertificationLevel,
        certified_on: FieldDate,
        #[serde(default)]
        expires_on: Option<FieldDate>,
    },
    /// The written notice that a person's certification may be suspended or revoked, with
    /// the reason and the evidence; the person has 14 days to respond (T4, 1240.90(b)(9)).
    NoticeCertificationAction {
        id: String,
        proposed: super::certification_case::CertificationSanction,
        reason: String,
        evidence: String,
    },
    /// The person's response to the notice.
    RecordCertificationResponse {
        id: String,
        text: String,
    },
    /// The decision, after the response or the end of the window: suspend (until a day),
    /// revoke, or no action.
    DecideCertificationAction {
        id: String,
        decision: super::certification_case::CertificationDecision,
        #[serde(default)]
        until: Option<FieldDate>,
    },
    UnlockAccount {
        id: String,
    },
    DisableAccount {
        id: String,
        reason: String,
    },
    EnableAccount {
        id: String,
    },
    /// A new TOTP secret (the old one stops working).
    ResetSecondFactor {
        id: String,
    },
    ResetPassword {
        id: String,
        password: String,
    },
    /// Disable every account unused for 90 days.
    SweepInactiveAccounts,
    ShowAgency {
        ori: Ori,
    },
    ListAgencies,
    ListPeople {
        #[serde(default)]
        ori: Option<Ori>,
    },
    ListTerminals {
        #[serde(default)]
        ori: Option<Ori>,
    },
    ListConnections {
        #[serde(default)]
        ori: Option<Ori>,
    },
}

impl AdminCommand {
    /// The command's name (`register_agency`, …).
    pub fn name(&self) -> &'static str {
        match self {
            AdminCommand::RegisterAgency { .. } => "register_agency",
            AdminCommand::UpdateAgency { .. } => "update_agency",
            AdminCommand::SetAgencyPhone { .. } => "set_agency_phone",
            AdminCommand::ActivateAgency { .. } => "activate_agency",
            AdminCommand::DeactivateAgency { .. } => "deactivate_agency",
            AdminCommand::AppointCoordinator { .. } => "appoint_coordinator",
            AdminCommand::SuspendService { .. } => "suspend_service",
            AdminCommand::LiftSuspension { .. } => "lift_suspension",
            AdminCommand::RequestConnection { .. } => "request_connection",
            AdminCommand::RecordConference { .. } => "record_conference",
            AdminCommand::WaiveConference { .. } => "waive_conference",
            AdminCommand::ApproveConfiguration { .. } => "approve_configuration",
            AdminCommand::RegisterTerminal { .. } => "register_terminal",
            AdminCommand::ApproveTerminal { .. } => "approve_terminal",
            AdminCommand::DeactivateTerminal { .. } => "deactivate_terminal",
            AdminCommand::CreatePerson { .. } => "create_person",
            AdminCommand::SetRoles { .. } => "set_roles",
            AdminCommand::RecordBackground { .. } => "record_background",
            AdminCommand::RecordConviction { .. } => "record_conviction",
            AdminCommand::RecordCharge { .. } => "record_charge",
            AdminCommand::DenyForCharge { .. } => "deny_for_charge",
            AdminCommand::ApproveInterstate { .. } => "approve_interstate",
            AdminCommand::WithdrawInterstate { .. } => "withdraw_interstate",
            AdminCommand::Certify { .. } => "certify",
            AdminCommand::NoticeCertificationAction { .. } => "notice_certification_action",
            AdminCommand::RecordCertificationResponse { .. } => "record_certification_response",
            AdminCommand::DecideCertificationAction { .. } => "decide_certification_action",
            AdminCommand::UnlockAccount { .. } => "unlock_account",
            AdminCommand::DisableAccount { .. } => "disable_account",
            AdminCommand::EnableAccount { .. } => "enable_account",
            AdminCommand::ResetSecondFactor { .. } => "reset_second_factor",
            AdminCommand::ResetPassword { .. } => "reset_password",
            AdminCommand::SweepInactiveAccounts => "sweep_inactive_accounts",
            AdminCommand::ShowAgency { .. } => "show_agency",
            AdminCommand::ListAgencies => "list_agencies",
            AdminCommand::ListPeople { .. } => "list_people",
            AdminCommand::ListTerminals { .. } => "list_terminals",
            AdminCommand::ListConnections { .. } => "list_connections",
        }
    }

    /// Whether the command only reads.
    pub fn is_read(&self) -> bool {
        matches!(
            self,
            AdminCommand::ShowAgency { .. }
                | AdminCommand::ListAgencies
                | AdminCommand::ListPeople { .. }
                | AdminCommand::ListTerminals { .. }
                | AdminCommand::ListConnections { .. }
        )
    }
}
