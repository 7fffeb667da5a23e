#![doc = include_str!("../README.md")]

mod cedar;

use leads_domain::access::{Agency, Person, Role, Terminal};
use leads_domain::fields::Ori;
use leads_domain::files::{Action, FileKind};
use leads_domain::reply::Reason;
use time::Date;

pub use cedar::{CedarAuthorizer, POLICIES, PolicyLoadError, SCHEMA};

/// Who is asking: the person signed in, their agency and the terminal of the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub person: Person,
    pub agency: Agency,
    pub terminal: Terminal,
}

impl Principal {
    /// The person's id.
    pub fn id(&self) -> &str {
        &self.person.id
    }
}

/// Administrative actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminAction {
    ManageAgency,
    ManageConnection,
    SuspendService,
    ManagePerson,
    ManageTerminal,
    ReadDirectory,
    ApproveTerminal,
    Certify,
    DenyAccess,
    UnlockAccount,
    SweepAccounts,
    ReadAudit,
    ReviewMisuse,
    ReadCompliance,
    ReportSeriousError,
    RemoveRecord,
    DefineShifts,
}

impl AdminAction {
    /// The Cedar action name.
    pub fn name(self) -> &'static str {
        match self {
            AdminAction::ManageAgency => "manage_agency",
            AdminAction::ManageConnection => "manage_connection",
            AdminAction::SuspendService => "suspend_service",
            AdminAction::ManagePerson => "manage_person",
            AdminAction::ManageTerminal => "manage_terminal",
            AdminAction::ReadDirectory => "read_directory",
            AdminAction::ApproveTerminal => "approve_terminal",
            AdminAction::Certify => "certify",
            AdminAction::DenyAccess => "deny_access",
            AdminAction::UnlockAccount => "unlock_account",
            AdminAction::SweepAccounts => "sweep_accounts",
            AdminAction::ReadAudit => "read_audit",
            AdminAction::ReviewMisuse => "review_misuse",
            AdminAction::ReadCompliance => "read_compliance",
            AdminAction::ReportSeriousError => "report_serious_error",
            AdminAction::RemoveRecord => "remove_record",
            AdminAction::DefineShifts => "define_shifts",
        }
    }
}

use leads_domain::image::ImageAction;

/// What is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Transaction(Action),
    /// Recording a secondary dissemination of a record (a transaction on that record).
    Disseminate,
    /// The second-party check of a new record (H4).
    Verify,
    /// The validation of a record (H8).
    Validate,
    /// A hit confirmation request (`true`, YQ) or response (`false`, YR) on a record (H6).
    Confirm(bool),
    /// An image transaction on a record (I1).
    Image(leads_domain::image::ImageAction),
    Admin(AdminAction),
}

impl Act {
    /// The Cedar action name.
    pub fn name(self) -> &'static str {
        match self {
            Act::Transaction(Action::Enter) => "enter",
            Act::Transaction(Action::Modify) => "modify",
            Act::Transaction(Action::Cancel) => "cancel",
            Act::Transaction(Action::Clear) => "clear",
            Act::Transaction(Action::Locate) => "locate",
            Act::Transaction(Action::Query) => "query",
            Act::Disseminate => "disseminate",
            Act::Verify => "verify_record",
            Act::Validate => "validate_record",
            Act::Confirm(true) => "request_confirmation",
            Act::Confirm(false) => "answer_confirmation",
            Act::Image(ImageAction::Enter) => "enter_image",
            Act::Image(ImageAction::Modify) => "modify_image",
            Act::Image(ImageAction::Cancel) => "cancel_image",
            Act::Image(ImageAction::Query) => "query_image",
            Act::Admin(admin) => admin.name(),
        }
    }
}

/// What it is asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// A hot file (entries and queries).
    File(FileKind),
    /// A record, with the agency that owns it.
    Record { file: FileKind, owner: &'a Ori },
    /// An agency (administration).
    Agency(&'a Ori),
    /// The whole audit log.
    AuditLog,
    /// Every agency at once (statewide lists).
    Statewide,
}

/// One authorization question.
#[derive(Debug, Clone, Copy)]
pub struct AuthzRequest<'a> {
    pub principal: &'a Principal,
    pub act: Act,
    pub target: Target<'a>,
    /// The ORI the message is sent in the name of (administration: the principal's agency).
    pub message_ori: &'a Ori,
    /// Roles a person-management action would give.
    pub roles_granted: &'a [Role],
    /// An inquiry's purpose code and case number (D1); empty otherwise.
    pub purpose: &'a str,
    pub case_number: &'a str,
    /// Today (certifications expire).
    pub today: Date,
}

/// The answer, with the rules that decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    /// For a refusal, every deciding rule; for an allow, the permitting policies.
    pub reasons: Vec<Reason>,
    /// Evaluation errors (each also denies).
    pub errors: Vec<String>,
}

/// Decides whether a request may proceed. Implementations deny by default.
pub trait Authorizer: Send + Sync + std::fmt::Debug {
    fn authorize(&self, request: &AuthzRequest<'_>) -> Decision;
}
