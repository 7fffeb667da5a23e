#![doc = include_str!("../README.md")]

mod act;
mod auth;
mod bulk;
mod directory;
mod pipeline;
mod query;

use std::sync::Arc;

use leads_domain::clock::Clock;
use leads_policy::Authorizer;
use leads_store::{Store, StoreError};

pub use auth::{Session, hash_password};
pub use bulk::LoadReport;
pub use directory::Directory;
pub use leads_domain::reply::Reply;
pub use pipeline::Input;

/// Settings of the service.
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    /// How long a session lasts before the operator signs in again (12 hours, CJIS IA-11).
    pub session_seconds: i64,
    /// The most records one search criterion returns.
    pub search_limit: u32,
}

impl Default for ServiceConfig {
    fn default() -> Self {
        ServiceConfig {
            session_seconds: 12 * 3600,
            search_limit: 100,
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
    pub fn code(&self) -> &'static str {
        match self {
            ServiceError::Unauthenticated => "auth_required",
            ServiceError::SessionExpired => "auth_expired",
            ServiceError::BadCredentials => "auth_invalid_credentials",
            ServiceError::SignInRefused(_) => "auth_refused",
            ServiceError::Storage(_) => "storage_unavailable",
            ServiceError::Internal(_) => "internal",
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
}

impl Service {
    /// A service over a store, a clock and an authorizer.
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        policy: Arc<dyn Authorizer>,
        config: ServiceConfig,
    ) -> Self {
        Service {
            store,
            clock,
            policy,
            config,
        }
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
