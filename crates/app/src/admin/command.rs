//! What the administrative command handlers share: the context a handler works with, what it
//! answers, and the common refusals; and the types the handlers use (a prelude for them).

pub(super) use leads_domain::access::{
    AccessLevel, AdminCommand, Agency, AgencyStatus, Agreement, Background, BasisEvidence,
    Certification, CertificationLevel, Charge, ChargeDenial, ConnectionRequest, Conviction,
    OffenseClass, Person, Role, ServiceScope, Shortfall, Suspension, Terminal,
};
pub(super) use leads_domain::clock::Timestamp;
pub(super) use leads_domain::codes::ReplyCode;
pub(super) use leads_domain::fields::{FieldDate, Ori};
pub(super) use leads_domain::reply::{Answer, Reason};
pub(super) use leads_policy::{AdminAction, Principal};
pub(super) use leads_store::{Account, AccountStatus, StoreTx};

pub(super) use crate::runner::{AuditDraft, Refusal};
pub(super) use crate::{Service, hash_password, password, totp};

/// What a command handler works with: the service, the operation's transaction and audit draft,
/// who asks, and when.
pub(super) struct Command<'a> {
    pub(super) service: &'a Service,
    pub(super) tx: &'a mut dyn StoreTx,
    pub(super) audit: &'a mut AuditDraft,
    pub(super) principal: &'a Principal,
    pub(super) now: Timestamp,
    pub(super) today: FieldDate,
}

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

/// A command refused by the rules: each shortfall with its rule.
pub(super) fn rules_refusal(shortfalls: Vec<Shortfall>) -> Refusal {
    let message = shortfalls
        .first()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    let reasons = shortfalls
        .into_iter()
        .map(|s| Reason::rule(s.rule, s.text))
        .collect();
    Refusal::refused(ReplyCode::RuleRefused, message, reasons)
}

pub(super) fn not_found(what: &str, id: &str) -> Refusal {
    Refusal::rejected(ReplyCode::NotFound, format!("{what} {id} NOT FOUND"))
}

pub(super) fn valid_person_id(id: &str) -> bool {
    (2..=20).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// What a command handler answers: its message and data, or why not.
pub(super) type Handled = Result<(String, AdminData), Refusal>;

/// The answer to a command.
pub type AdminReply = Answer<AdminBody>;
