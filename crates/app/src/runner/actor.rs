//! Who acts: a signed-in session, a person signing in, a named person at the command line, the
//! service itself, or provisioning. Identifying the actor is the first step of every operation.

use leads_domain::access::Principal;
use leads_domain::codes::ReplyCode;
use leads_store::AccountStatus;

use crate::{Service, ServiceError};
use sha2::{Digest, Sha256};

/// Who asks for an operation, as the front end knows it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Actor<'a> {
    /// A session, by its bearer token; it must have accepted the system-use banner.
    Session(&'a str),
    /// A session that may act before accepting the banner (accepting it, signing out).
    SessionBeforeBanner(&'a str),
    /// A person signing in at a terminal (no session yet).
    Applicant {
        operator: &'a str,
        terminal: &'a str,
    },
    /// A person named at the command line of the server machine (exports, verification).
    Reader(&'a str),
    /// The service itself (the sweep, the weekly review, pruning, key rotation, bulk loads).
    System,
    /// Bootstrap, the demo and test fixtures (not reachable over HTTP).
    Provisioning,
}

/// The identified actor.
#[derive(Debug, Clone)]
pub(crate) enum Who {
    /// A person in a session.
    Person {
        principal: Box<Principal>,
        token_hash: String,
    },
    /// A person signing in.
    Applicant {
        operator: String,
        terminal: String,
    },
    /// A person at the command line.
    Reader(String),
    System,
    Provisioning,
}

impl Who {
    /// Operator, terminal and ORI of the actor's audit entries.
    pub(crate) fn audit_identity(&self) -> (Option<String>, Option<String>, Option<String>) {
        match self {
            Who::Person { principal, .. } => (
                Some(principal.person.id.clone()),
                Some(principal.terminal.id.clone()),
                Some(principal.agency.ori.to_string()),
            ),
            Who::Applicant { operator, terminal } => {
                (Some(operator.clone()), Some(terminal.clone()), None)
            }
            Who::Reader(name) => (Some(name.clone()), None, None),
            Who::System | Who::Provisioning => (None, None, None),
        }
    }

    /// The signed-in person; any other actor is refused (a front end bug, never a person's).
    pub(crate) fn person(&self) -> Result<&Principal, super::outcome::Refusal> {
        match self {
            Who::Person { principal, .. } => Ok(principal),
            _ => Err(super::outcome::Refusal::rejected(
                ReplyCode::AuthRequired,
                "THIS ACT NEEDS A SIGNED-IN PERSON",
            )),
        }
    }

    /// The session whose activity the operation renews.
    pub(crate) fn session(&self) -> Option<&str> {
        match self {
            Who::Person { token_hash, .. } => Some(token_hash),
            _ => None,
        }
    }
}

/// The stored form of a session token (its SHA-256, hex).
pub(crate) fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

impl Service {
    /// Identifies the actor of an operation. A session idle too long is ended here, and that
    /// end is audited under the operation's id.
    pub(crate) async fn identify_actor(
        &self,
        actor: Actor<'_>,
        operation_id: &str,
    ) -> Result<Who, ServiceError> {
        let (token, need_banner) = match actor {
            Actor::Session(token) => (token, true),
            Actor::SessionBeforeBanner(token) => (token, false),
            Actor::Applicant { operator, terminal } => {
                return Ok(Who::Applicant {
                    operator: operator.trim().to_ascii_uppercase(),
                    terminal: terminal.trim().to_ascii_uppercase(),
                });
            }
            Actor::Reader(name) => return Ok(Who::Reader(name.to_owned())),
            Actor::System => return Ok(Who::System),
            Actor::Provisioning => return Ok(Who::Provisioning),
        };
        let hash = token_hash(token);
        let Some(found) = self.store.session_principal(&hash).await? else {
            return Err(ServiceError::Unauthenticated);
        };
        let now = self.clock.now();
        if found.session.expires_at <= now {
            return Err(ServiceError::SessionExpired);
        }
        let idle = now.as_micros() - found.session.last_activity_at.as_micros();
        if idle > self.config.idle_seconds * 1_000_000 {
            self.end_idle_session(found.principal, hash, operation_id, now)
                .await?;
            return Err(ServiceError::IdleTimeout);
        }
        if found.account.status != AccountStatus::Active {
            return Err(ServiceError::Unauthenticated);
        }
        if need_banner && found.session.banner_accepted_at.is_none() {
            return Err(ServiceError::BannerRequired);
        }
        Ok(Who::Person {
            principal: Box::new(found.principal),
            token_hash: hash,
        })
    }
}
