#![doc = include_str!("../README.md")]

mod admin;
mod audit_log;
mod compliance;
mod images;
mod messages;
mod metrics;
mod oversight;
mod records;
mod review;
mod runner;
mod session;
mod sos;
mod system;

pub use session::{password, totp};

use std::sync::Arc;

use leads_domain::clock::Clock;
use leads_domain::codes::ReplyCode;
use leads_policy::Authorizer;
use leads_store::{Store, StoreError};

pub use admin::{AdminBody, AdminData, AdminReply, Enrollment, PersonView};
pub use audit_log::group_commit::group_commit_totals;
pub use audit_log::reports::{
    AuditReport, AuditReportBody, MAX_REPORT_ENTRIES, describe_audit_query,
};
pub use audit_log::retention::{MIN_AUDIT_RETENTION_DAYS, PruneReport};
pub use compliance::lists::{ComplianceOverview, MAILBOX_LIMIT, OVERVIEW_STAFFING_DAYS};
pub use compliance::staffing::MAX_STAFFING_DAYS;
pub use compliance::{Items, ItemsReply, Scope};
pub use images::keys::RewrapReport;
pub use images::views::{
    PHOTO_NOTICE_DAYS, PhotoDue, PhotoStanding, PhotosDueReply, one_year_after, photos_due,
};
pub use leads_domain::access::AdminCommand;
pub use leads_domain::dissemination::DisseminationFields;
pub use leads_domain::oversight::OversightCommand;
pub use leads_domain::reply::{Answer, MessageBody, Reply};
pub use leads_store::{
    AuditQuery, CaseImage, ConsentRow, Disposition, FlagQuery, Message, PhotoArrayRow, ReleaseRow,
    SosDisseminationRow, StoredFlag, StoredLateEntry, Verification,
};
pub use messages::Input;
pub use metrics::describe_metrics;
pub use oversight::{
    AuditView, DocumentKind, OversightBody, OversightDocument, OversightReply, ScheduleRow,
    TraineeView, ViolationView,
};
pub use records::bulk::LoadReport;
pub use records::checks::MIN_CHECKED_LENGTH;
pub use records::department::SeriousErrorOutcome;
pub use records::dissemination::{DISSEMINATION_EVENT, DISSEMINATION_KEY};
pub use records::timeliness::LATE_ENTRIES_LIMIT;
pub use review::queue::{MIN_NOTE_LENGTH, ReviewBody, ReviewReply};
pub use review::run::{HISTORY_DAYS, ReviewRun};
pub use runner::{
    ADMINISTRATOR_QUEUE, OperationKind, audit_write_failures, policy_evaluation_errors,
};
pub use session::banner::SYSTEM_USE_BANNER;
pub use session::{Session, SignIn, hash_password};
pub use sos::{
    CaseImageView, Disclosure, DisposalReport, DisseminationView, Flyer, SOS_ARRAY_EVENT,
    SOS_CASE_READ_EVENT, SOS_DESK_EVENT, SOS_DISPOSAL_EVENT, SOS_DISSEMINATION_EVENT,
    SOS_POLICE_QUEUE, SOS_RECORDS_EVENT, SOS_RECORDS_LIMIT, SOS_RELEASE_EVENT, SOS_REQUEST_EVENT,
    SosItems, SosLimits, SosReply,
};
pub use system::deadlines::{SWEEP_BATCH, SweepReport, TEMPORARY_WANT_KEY};
pub use system::provision::Provisioning;

/// Settings of the service.
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    /// How long a session lasts before the operator signs in again (12 hours, IA-11).
    pub session_seconds: i64,
    /// Idle time after which a session ends (30 minutes, IA-11 and AC-11).
    pub idle_seconds: i64,
    /// Failed sign-ins that lock an account (5, AC-7) …
    pub lockout_threshold: u64,
    /// … within this window (15 minutes).
    pub lockout_window_seconds: i64,
    /// Days without use after which an account is disabled (90, AC-2(3)).
    pub inactivity_days: i64,
    /// The most records one search criterion returns.
    pub search_limit: u32,
    /// Days audit entries are kept at least (365 or more; AU-11).
    pub audit_retention_days: i64,
    /// What the weekly misuse review flags (AU-6).
    pub misuse: leads_audit::misuse::Thresholds,
    /// The most active images one record may carry (12, the NCIC figure).
    pub max_images_per_record: usize,
    /// What an uploaded picture may be (rule I4).
    pub image_limits: leads_imaging::Limits,
    /// Pictures decoded at once: each may take up to `image_limits.max_alloc`, so this bounds
    /// the memory uploads can claim; the others wait their turn.
    pub max_concurrent_decodes: usize,
    /// Days after entry at which records of a file retire (H7); a file not named keeps its
    /// records until they are cleared, cancelled, purged or removed (docs/LIFECYCLE.md).
    pub retention_days: Vec<(leads_domain::files::FileKind, i64)>,
    /// Limits and defaults of SOS image requests (rules P2, P5).
    pub sos: SosLimits,
    /// Days between audits of an agency (O1): at most three years.
    pub audit_cycle_days: i64,
    /// Years a LEADS certification runs when `certify` names no end (T2).
    pub certification_years: i32,
}

impl Default for ServiceConfig {
    fn default() -> Self {
        ServiceConfig {
            session_seconds: 12 * 3600,
            idle_seconds: 30 * 60,
            lockout_threshold: 5,
            lockout_window_seconds: 15 * 60,
            inactivity_days: 90,
            search_limit: 100,
            audit_retention_days: MIN_AUDIT_RETENTION_DAYS,
            misuse: leads_audit::misuse::Thresholds::default(),
            max_images_per_record: 12,
            image_limits: leads_imaging::Limits::default(),
            max_concurrent_decodes: 2,
            retention_days: Vec::new(),
            sos: SosLimits::default(),
            audit_cycle_days: leads_domain::oversight::DEFAULT_AUDIT_CYCLE_DAYS,
            certification_years: 2,
        }
    }
}

/// Failures outside a transaction's reply: sign-in, identification, storage.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServiceError {
    /// No valid session token.
    #[error("NOT SIGNED IN")]
    Unauthenticated,
    /// The session is past its lifetime.
    #[error("SESSION EXPIRED - SIGN IN AGAIN")]
    SessionExpired,
    /// The session was idle too long.
    #[error("SESSION ENDED AFTER 30 MINUTES WITHOUT ACTIVITY - SIGN IN AGAIN")]
    IdleTimeout,
    /// The system-use banner has not been accepted.
    #[error("ACCEPT THE SYSTEM-USE NOTIFICATION BEFORE USING LEADS")]
    BannerRequired,
    /// A new password breaks the rules.
    #[error("PASSWORD REFUSED - {0}")]
    PasswordRejected(String),
    /// Operator id, password or terminal wrong (which one is not said).
    #[error("INVALID CREDENTIALS")]
    BadCredentials,
    /// Sign-in refused for a reason the operator may know.
    #[error("SIGN-IN REFUSED - {0}")]
    SignInRefused(String),
    /// The database failed; nothing was changed.
    #[error("SYSTEM UNAVAILABLE - NOTHING WAS CHANGED")]
    Storage(#[from] StoreError),
    /// Any other internal failure.
    #[error("SYSTEM ERROR - {0}")]
    Internal(String),
}

impl ServiceError {
    /// The stable error code.
    pub fn code(&self) -> ReplyCode {
        match self {
            ServiceError::Unauthenticated => ReplyCode::AuthRequired,
            ServiceError::SessionExpired => ReplyCode::AuthExpired,
            ServiceError::IdleTimeout => ReplyCode::AuthIdleTimeout,
            ServiceError::BannerRequired => ReplyCode::AuthBannerRequired,
            ServiceError::PasswordRejected(_) => ReplyCode::AuthPasswordRejected,
            ServiceError::BadCredentials => ReplyCode::AuthInvalidCredentials,
            ServiceError::SignInRefused(_) => ReplyCode::AuthRefused,
            ServiceError::Storage(_) => ReplyCode::StorageUnavailable,
            ServiceError::Internal(_) => ReplyCode::Internal,
        }
    }
}

/// The application service.
#[derive(Debug, Clone)]
pub struct Service {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    policy: Arc<dyn Authorizer>,
    config: ServiceConfig,
    committer: audit_log::group_commit::GroupCommitter,
    vault: leads_vault::Vault,
    audit_health: Arc<runner::AuditHealth>,
    /// Permits to decode a picture ([`ServiceConfig::max_concurrent_decodes`]).
    decodes: Arc<tokio::sync::Semaphore>,
}

impl Service {
    /// A service over a store, a clock, an authorizer and the vault that keeps image blobs.
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        policy: Arc<dyn Authorizer>,
        config: ServiceConfig,
        vault: leads_vault::Vault,
    ) -> Self {
        let config_decodes = config.max_concurrent_decodes;
        Service {
            store,
            clock,
            policy,
            config,
            committer: audit_log::group_commit::GroupCommitter::default(),
            vault,
            audit_health: Arc::default(),
            decodes: Arc::new(tokio::sync::Semaphore::new(config_decodes.max(1))),
        }
    }

    /// The image vault.
    pub fn vault(&self) -> &leads_vault::Vault {
        &self.vault
    }

    /// The store (for the directory, health checks and reports).
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// The clock.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }
}
