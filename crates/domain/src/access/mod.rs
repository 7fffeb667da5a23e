//! Who may take part: agencies and their eligibility (1240.30), connection requests (1240.40),
//! people, their background checks and certification (1240.50, 1240.90), and terminals.
//!
//! These are facts and their invariants; whether a given request is allowed is decided by the
//! policy engine from these facts.

mod agency;
mod certification_case;
mod command;
mod connection;
mod person;
mod principal;
pub(crate) mod service;
mod shortfall;
mod terminal;

pub use agency::{
    AccessLevel, Agency, AgencyStatus, Agreement, BasisEvidence, EligibilityBasis,
    SUBSTANTIAL_BUDGET_PERCENT, Suspension,
};
pub use certification_case::{
    CertificationCase, CertificationDecision, CertificationSanction, DUE_PROCESS, RESPONSE_DAYS,
};
pub use command::AdminCommand;
pub use connection::{Conference, ConnectionRequest, NOTICE_DAYS};
pub use person::{
    Background, Certification, CertificationLevel, Charge, ChargeDenial, Conviction,
    InterstateApproval, OffenseClass, Person, Role,
};
pub use principal::Principal;
pub use service::{Service, ServicePart, ServiceScope};
pub use shortfall::Shortfall;
pub use terminal::Terminal;
