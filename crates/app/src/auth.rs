//! Sign-in, sign-out and identification by bearer token.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use leads_audit::AuditEntry;
use leads_domain::reply::Outcome;
use leads_policy::Principal;
use leads_store::SessionRow;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::{Service, ServiceError};

/// A bearer token and what it is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The token the client sends as `Authorization: Bearer …` (never stored).
    pub token: String,
    pub operator_id: String,
    pub terminal_id: String,
    pub ori: String,
    pub expires_at: leads_domain::clock::Timestamp,
}

/// Hashes a password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> Result<String, ServiceError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| ServiceError::Internal(format!("password hashing failed: {e}")))
}

fn password_matches(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

/// The stored form of a token.
pub(crate) fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Why a sign-in failed, as the audit log records it (the caller is only told "invalid
/// credentials" unless the reason is not secret).
enum Failure {
    Credentials(&'static str),
    Refused(ServiceError),
}

impl Service {
    /// Signs an operator in at a terminal.
    pub async fn sign_in(
        &self,
        operator_id: &str,
        password: &str,
        terminal_id: &str,
    ) -> Result<Session, ServiceError> {
        let now = self.clock.now();
        let operator_id = operator_id.trim().to_ascii_uppercase();
        let terminal_id = terminal_id.trim().to_ascii_uppercase();
        let mut tx = self.store.begin().await?;
        let operator = tx.operator(&operator_id).await?;
        let terminal = tx.terminal(&terminal_id).await?;
        let verified = match &operator {
            Some(op) => {
                let (password, phc) = (password.to_owned(), op.password_hash.clone());
                tokio::task::spawn_blocking(move || password_matches(&password, &phc))
                    .await
                    .unwrap_or(false)
            }
            None => false,
        };
        let outcome: Result<(), Failure> = match (&operator, &terminal) {
            (None, _) => Err(Failure::Credentials("unknown operator")),
            (Some(_), _) if !verified => Err(Failure::Credentials("wrong password")),
            (Some(_), None) => Err(Failure::Credentials("unknown terminal")),
            (Some(op), Some(term)) if term.ori != op.ori || !term.active => {
                Err(Failure::Refused(ServiceError::SignInRefused(
                    "TERMINAL IS NOT REGISTERED TO THE OPERATOR'S AGENCY (RULE S5)".into(),
                )))
            }
            (Some(op), Some(_)) if !op.active => Err(Failure::Refused(
                ServiceError::SignInRefused("OPERATOR IS NOT ACTIVE (RULE T2)".into()),
            )),
            _ => Ok(()),
        };
        let mut entry = AuditEntry {
            operation_id: uuid::Uuid::new_v4().to_string(),
            at_micros: now.as_micros(),
            event: "sign_in".into(),
            operator: Some(operator_id.clone()),
            terminal: Some(terminal_id.clone()),
            ori: operator.as_ref().map(|o| o.ori.to_string()),
            key: None,
            purpose: None,
            case_number: None,
            outcome: Outcome::Accepted.name().into(),
            code: "signed_in".into(),
            rules: vec![],
            records: vec![],
            detail: String::new(),
        };
        match (outcome, operator) {
            (Ok(()), Some(op)) => {
                let token = new_token();
                let expires_at = now.plus_seconds(self.config.session_seconds);
                tx.insert_session(&SessionRow {
                    token_hash: token_hash(&token),
                    operator_id: operator_id.clone(),
                    terminal_id: terminal_id.clone(),
                    issued_at: now,
                    expires_at,
                })
                .await?;
                tx.append_audit(entry).await?;
                tx.commit().await?;
                Ok(Session {
                    token,
                    operator_id,
                    terminal_id,
                    ori: op.ori.to_string(),
                    expires_at,
                })
            }
            (failure, _) => {
                tx.rollback().await?;
                let error = match failure {
                    Err(Failure::Refused(error)) => error,
                    Err(Failure::Credentials(why)) => {
                        entry.detail = why.into();
                        ServiceError::BadCredentials
                    }
                    Ok(()) => ServiceError::BadCredentials,
                };
                entry.outcome = Outcome::Refused.name().into();
                entry.code = error.code().into();
                if entry.detail.is_empty() {
                    entry.detail = error.to_string();
                }
                self.append_standalone(entry).await?;
                Err(error)
            }
        }
    }

    /// Ends a session.
    pub async fn sign_out(&self, token: &str) -> Result<(), ServiceError> {
        let principal = self.identify(token).await?;
        let mut tx = self.store.begin().await?;
        tx.delete_session(&token_hash(token)).await?;
        tx.append_audit(AuditEntry {
            operation_id: uuid::Uuid::new_v4().to_string(),
            at_micros: self.clock.now().as_micros(),
            event: "sign_out".into(),
            operator: Some(principal.operator_id.clone()),
            terminal: Some(principal.terminal_id.clone()),
            ori: Some(principal.agency.to_string()),
            key: None,
            purpose: None,
            case_number: None,
            outcome: Outcome::Accepted.name().into(),
            code: "signed_out".into(),
            rules: vec![],
            records: vec![],
            detail: String::new(),
        })
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The principal a token identifies; expired or unknown tokens are refused.
    pub async fn identify(&self, token: &str) -> Result<Principal, ServiceError> {
        let found = self.store.session_principal(&token_hash(token)).await?;
        match found {
            Some(sp) if sp.session.expires_at > self.clock.now() => Ok(sp.principal),
            Some(_) => Err(ServiceError::SessionExpired),
            None => Err(ServiceError::Unauthenticated),
        }
    }

    pub(crate) async fn append_standalone(&self, entry: AuditEntry) -> Result<(), ServiceError> {
        let mut tx = self.store.begin().await?;
        tx.append_audit(entry).await?;
        tx.commit().await?;
        Ok(())
    }
}
