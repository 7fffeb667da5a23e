//! What sign-in and the session events share: the attempt and the session it gives, password
//! hashes, session tokens, and how a refusal is told to the caller.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::reply::{Outcome, Reason};
use rand::RngCore;

use crate::ServiceError;
use crate::runner::Refusal;

/// What a sign-in gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The bearer token (never stored; only its hash is).
    pub token: String,
    pub operator_id: String,
    pub terminal_id: String,
    pub ori: String,
    pub expires_at: Timestamp,
    /// The system-use notification to show.
    pub banner: &'static str,
    /// Whether the banner was accepted with the sign-in.
    pub banner_accepted: bool,
}

/// A sign-in attempt.
#[derive(Debug, Clone)]
pub struct SignIn<'a> {
    pub operator: &'a str,
    pub password: &'a str,
    /// The current TOTP code.
    pub code: &'a str,
    pub terminal: &'a str,
    /// The operator accepts the system-use banner shown before sign-in.
    pub accept_banner: bool,
}

/// Hashes a password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> Result<String, ServiceError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| ServiceError::Internal(format!("password hashing failed: {e}")))
}

/// Whether `password` matches the PHC hash `phc` (checked off the async threads).
pub(crate) async fn password_matches(password: &str, phc: &str) -> bool {
    let (password, phc) = (password.to_owned(), phc.to_owned());
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&phc)
            .map(|hash| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &hash)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A new random session token.
pub(super) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Why a sign-in failed, before it is told to the caller.
pub(crate) enum Failure {
    /// Counts toward lockout; the caller hears only "invalid credentials" (IA-6).
    Credentials(&'static str),
    /// Told as it is, with the control or rule that refuses it.
    Refused(ServiceError, Reason),
    /// Unused for 90 days: the account is disabled now (AC-2(3)).
    Inactive,
    /// The account is locked (AC-7): the caller hears "invalid credentials" like any guesser;
    /// the person and the coordinator were told of the lock in the agency's queue.
    Locked,
}

/// The hash an attempt for an unknown operator is checked against, so that it costs the same
/// work as one for a known operator (nothing told by the answer's time).
pub(super) fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("no operator has this password").unwrap_or_default())
}

/// A refusal told as the service error `error` (its code and words), citing `reason`.
pub(super) fn refusal_of(error: ServiceError, reason: Reason) -> Refusal {
    Refusal::refused(error.code(), error.to_string(), vec![reason])
}

/// A CJIS Security Policy control as the reason of a refusal (`AC-7`, …).
pub(super) fn control(id: &str, name: &str, text: impl Into<String>) -> Reason {
    Reason {
        rule: id.to_owned(),
        citation: format!("CJIS Security Policy {id} ({name})"),
        text: text.into(),
    }
}

/// Wrong operator, password, second factor or terminal (which is not said, IA-2).
pub(super) fn bad_credentials() -> Refusal {
    refusal_of(
        ServiceError::BadCredentials,
        control(
            "IA-2",
            "identification and authentication",
            "OPERATOR, PASSWORD, SECOND FACTOR AND TERMINAL MUST ALL BE RIGHT",
        ),
    )
}

/// The service error a refused sign-in is told as, from its code.
pub(super) fn sign_in_error(code: ReplyCode, message: String) -> ServiceError {
    match code {
        ReplyCode::AuthInvalidCredentials => ServiceError::BadCredentials,
        ReplyCode::AuthPasswordRejected => ServiceError::PasswordRejected(
            message
                .strip_prefix("PASSWORD REFUSED - ")
                .unwrap_or(&message)
                .to_owned(),
        ),
        ReplyCode::AuthRefused => ServiceError::SignInRefused(
            message
                .strip_prefix("SIGN-IN REFUSED - ")
                .unwrap_or(&message)
                .to_owned(),
        ),
        ReplyCode::AuthRequired => ServiceError::Unauthenticated,
        ReplyCode::StorageUnavailable => {
            ServiceError::Storage(leads_store::StoreError::Unavailable(message))
        }
        _ => ServiceError::Internal(message),
    }
}

/// A session event's answer as the public result.
pub(super) fn session_event_result(
    outcome: Outcome,
    code: ReplyCode,
    message: String,
) -> Result<(), ServiceError> {
    if outcome == Outcome::Accepted {
        Ok(())
    } else {
        Err(sign_in_error(code, message))
    }
}
