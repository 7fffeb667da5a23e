#![doc = include_str!("../README.md")]

mod cedar;

pub use leads_domain::access::Principal;
use leads_domain::access::Role;
use leads_domain::fields::Ori;
use leads_domain::files::{Action, FileKind};
use leads_domain::reply::Reason;
use time::Date;

pub use cedar::{CedarAuthorizer, POLICIES, PolicyLoadError, SCHEMA};

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
    /// An act on SOS images (P1–P6).
    Sos(SosAction),
    Admin(AdminAction),
    /// Sending an administrative message (AM) to agencies, a region or, as a broadcast, to
    /// every agency (D1, 1240.80(b)).
    SendAdminMessage,
    /// An act of the Department's oversight of an agency.
    Oversight(OversightAction),
    /// An act on the interstate network (N1-N5).
    Interstate(InterstateAction),
}

/// Acts on the interstate (Nlets) network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterstateAction {
    /// A driver licence query to other states, with or without the photo (DQ; N1-N5).
    QueryDriver,
    /// A hit confirmation request or response to another state's agency (YQ/YR).
    Confirm,
    /// An administrative message to another state's agencies (AM).
    SendMessage,
    /// Keeping a photo another state sent, attached to the case's record (N3).
    RetainPhoto,
}

impl InterstateAction {
    /// The Cedar action name.
    pub fn name(self) -> &'static str {
        match self {
            InterstateAction::QueryDriver => "query_other_state",
            InterstateAction::Confirm => "confirm_with_other_state",
            InterstateAction::SendMessage => "send_interstate_message",
            InterstateAction::RetainPhoto => "retain_interstate_photo",
        }
    }
}

/// Acts on the Secretary of State's images.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SosAction {
    /// A criminal-justice agency requests an image through LEADS (P1(D),(E)).
    RequestImage,
    /// SOS staff record and decide a request made directly to SOS (P1(A)-(C),(F)-(I)).
    DeskRequest,
    /// An agency reads a case record's SOS images (P2).
    ReadCase,
    /// Passing an image to another criminal-justice agency (P5).
    Disseminate,
    /// Asking the SOS Police to approve a release to the public (P4).
    RequestRelease,
    /// The SOS Police approve or deny a release (P4).
    DecideRelease,
    /// Producing the releasable flyer of an approved release (P4).
    ProduceRelease,
    /// Recording a person's written consent to a photo array (P3).
    RecordConsent,
    /// Placing an SOS image in a photo array (P3).
    UseInArray,
    /// Reading dissemination records and releases (P5).
    ReadRecords,
}

/// The Department's oversight acts (O1-O4, S4, T3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OversightAction {
    /// Scheduling, notifying, conducting and reporting an audit (O1).
    ConductAudit,
    /// Recording the agency head's plan of action and notice of completion (O2).
    RespondToAudit,
    /// Filing the agency's written discipline standards (S4).
    FileAgencyDocument,
    /// Reading audits, reports and the audit schedule.
    ReadOversight,
    /// The Administrator's side of a violation case: a minor violation's written notice, the
    /// evidence presented at a hearing (O3, 1240.110(a), (d)(2)).
    PresentViolation,
    /// The Director's side: setting a hearing, an immediate suspension, lifting it, the
    /// hearing's record and decision (O3, 1240.110(b)-(e)).
    DecideSanction,
    /// The agency's side: its response to a notice and its evidence at a hearing (O3,
    /// 1240.110(a), (d)(3)).
    RespondToViolation,
    /// The Advisory Policy Board's members, meetings and recommendations (O4, 1240.20).
    KeepBoardRecords,
    /// The Director's response to a recommendation of the Board (O4).
    RespondToBoard,
    /// The agency's records of training, testing and proficiency affirmation (T3).
    KeepTrainingRecords,
    /// A Department bulletin on changes to LEADS, to every agency (T3, 1240.90(b)(7)).
    IssueBulletin,
    /// The agency acknowledges a Department bulletin (T3).
    AcknowledgeBulletin,
}

impl OversightAction {
    /// The Cedar action name.
    pub fn name(self) -> &'static str {
        match self {
            OversightAction::ConductAudit => "conduct_audit",
            OversightAction::RespondToAudit => "respond_to_audit",
            OversightAction::FileAgencyDocument => "file_agency_document",
            OversightAction::ReadOversight => "read_oversight",
            OversightAction::PresentViolation => "present_violation",
            OversightAction::DecideSanction => "decide_sanction",
            OversightAction::RespondToViolation => "respond_to_violation",
            OversightAction::KeepBoardRecords => "keep_board_records",
            OversightAction::RespondToBoard => "respond_to_board",
            OversightAction::KeepTrainingRecords => "keep_training_records",
            OversightAction::IssueBulletin => "issue_bulletin",
            OversightAction::AcknowledgeBulletin => "acknowledge_bulletin",
        }
    }
}

impl SosAction {
    /// The Cedar action name.
    pub fn name(self) -> &'static str {
        match self {
            SosAction::RequestImage => "request_sos_image",
            SosAction::DeskRequest => "sos_desk_request",
            SosAction::ReadCase => "read_sos_case",
            SosAction::Disseminate => "disseminate_sos_image",
            SosAction::RequestRelease => "request_sos_release",
            SosAction::DecideRelease => "decide_sos_release",
            SosAction::ProduceRelease => "produce_sos_release",
            SosAction::RecordConsent => "record_sos_consent",
            SosAction::UseInArray => "use_sos_image_in_array",
            SosAction::ReadRecords => "read_sos_records",
        }
    }
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
            Act::Sos(sos) => sos.name(),
            Act::Admin(admin) => admin.name(),
            Act::SendAdminMessage => "send_admin_message",
            Act::Oversight(oversight) => oversight.name(),
            Act::Interstate(interstate) => interstate.name(),
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
    /// The Secretary of State's captured-image file, and the images taken from it.
    SosImageFile,
    /// The interstate network: other states' switches, through the hub.
    Interstate,
}

/// One authorization question, built only by [`AuthzRequest::new`] and its refinements, so no
/// question carries a placeholder where it has no fact.
#[derive(Debug, Clone, Copy)]
pub struct AuthzRequest<'a> {
    pub(crate) principal: &'a Principal,
    pub(crate) act: Act,
    pub(crate) target: Target<'a>,
    /// The ORI the act is done in the name of: the message ORI, or the person's own agency.
    pub(crate) message_ori: &'a Ori,
    /// Roles a person-management action would give.
    pub(crate) roles_granted: &'a [Role],
    /// An inquiry's or a dissemination's purpose code and case number (D1).
    pub(crate) inquiry: Option<InquiryFacts<'a>>,
    /// Today (certifications expire).
    pub(crate) today: Date,
    /// The facts of an SOS image request.
    pub(crate) sos: Option<SosFacts<'a>>,
    pub(crate) interstate: Option<InterstateFacts<'a>>,
}

/// The purpose code and case number an inquiry or a dissemination states (D1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InquiryFacts<'a> {
    pub purpose: &'a str,
    pub case_number: &'a str,
}

impl<'a> AuthzRequest<'a> {
    /// `principal` asks to do `act` to `target` today, in the name of the own agency.
    pub fn new(principal: &'a Principal, act: Act, target: Target<'a>, today: Date) -> Self {
        AuthzRequest {
            principal,
            act,
            target,
            message_ori: &principal.agency.ori,
            roles_granted: &[],
            inquiry: None,
            today,
            sos: None,
            interstate: None,
        }
    }

    /// The act is done in the name of `ori` (the ORI of a message).
    #[must_use]
    pub fn in_name_of(mut self, ori: &'a Ori) -> Self {
        self.message_ori = ori;
        self
    }

    /// The act would give these roles (person management).
    #[must_use]
    pub fn granting(mut self, roles: &'a [Role]) -> Self {
        self.roles_granted = roles;
        self
    }

    /// The act states a purpose and a case number (D1).
    #[must_use]
    pub fn for_case(mut self, purpose: &'a str, case_number: &'a str) -> Self {
        self.inquiry = Some(InquiryFacts {
            purpose,
            case_number,
        });
        self
    }

    /// Adds the facts of an interstate act: the stated Nlets purpose and use, and the
    /// conditions met (`leads_domain::interstate::PhotoPurpose::conditions`).
    #[must_use]
    pub fn with_interstate(mut self, facts: InterstateFacts<'a>) -> Self {
        self.interstate = Some(facts);
        self
    }

    /// The facts of an SOS image request.
    #[must_use]
    pub fn with_sos(mut self, facts: SosFacts<'a>) -> Self {
        self.sos = Some(facts);
        self
    }

    /// Who asks.
    pub fn principal(&self) -> &'a Principal {
        self.principal
    }

    /// What is asked for.
    pub fn act(&self) -> Act {
        self.act
    }
}

/// What an SOS image request is and which of its category's conditions it meets
/// (`leads_domain::sos`); the SOS policies decide on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SosFacts<'a> {
    /// The requester category of 1030.140(b)(1) (`criminal_justice`, `individual`, …); empty
    /// for an act that is not a request.
    pub category: &'a str,
    /// The conditions met (`written_request`, `same_investigation`, …).
    pub conditions: &'a [&'a str],
}

/// The facts of an interstate act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InterstateFacts<'a> {
    /// The Nlets purpose code, `1` to `3` (`""` when none was stated).
    pub purpose: &'a str,
    /// The use within the purpose (`TNI`…), `""` when none was stated.
    pub use_: &'a str,
    /// The conditions the act meets: `purpose_stated`, `case_number`, `photo_requested`…
    pub conditions: &'a [&'a str],
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

/// What another state's agency asks of this state, through the hub.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoteAct {
    /// A driver query (DQ) answered from the SOS image file (1030.140(b)(1)(E)).
    AnswerDriverQuery,
}

impl RemoteAct {
    /// The Cedar action.
    pub fn name(self) -> &'static str {
        match self {
            RemoteAct::AnswerDriverQuery => "answer_other_state",
        }
    }
}

/// One question about a message from another state: the sending agency (its ORI checked by
/// the hub), whether it is of this state, the act, and the facts its query states.
#[derive(Debug, Clone, Copy)]
pub struct RemoteRequest<'a> {
    pub(crate) ori: &'a Ori,
    pub(crate) own_state: bool,
    pub(crate) act: RemoteAct,
    pub(crate) today: Date,
    pub(crate) interstate: InterstateFacts<'a>,
}

impl<'a> RemoteRequest<'a> {
    /// `ori` (of this state when `own_state`) asks for `act` today, stating `interstate`.
    pub fn new(
        ori: &'a Ori,
        own_state: bool,
        act: RemoteAct,
        today: Date,
        interstate: InterstateFacts<'a>,
    ) -> Self {
        RemoteRequest {
            ori,
            own_state,
            act,
            today,
            interstate,
        }
    }
}

/// Decides whether a request may proceed. Implementations deny by default.
pub trait Authorizer: Send + Sync + std::fmt::Debug {
    fn authorize(&self, request: &AuthzRequest<'_>) -> Decision;

    /// Decides a request from another state; an authorizer without remote policies refuses.
    fn authorize_remote(&self, request: &RemoteRequest<'_>) -> Decision {
        Decision {
            allowed: false,
            reasons: vec![remote_default_deny(request)],
            errors: Vec::new(),
        }
    }
}

/// Why nothing permitted another state's request.
pub(crate) fn remote_default_deny(request: &RemoteRequest<'_>) -> Reason {
    Reason {
        rule: "default-deny".into(),
        citation: String::new(),
        text: format!(
            "NO POLICY PERMITS {} FOR {}",
            request.act.name().to_ascii_uppercase(),
            request.ori
        ),
    }
}
