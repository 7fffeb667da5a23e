//! Sign-in with a password and a second factor, and everything the CJIS Security Policy asks of
//! it: lockout after repeated failures (AC-7), the system-use banner (AC-8), re-authentication
//! every 12 hours and after 30 idle minutes (IA-11), disabling accounts unused for 90 days
//! (AC-2(3)); each audited (AU-2).

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use leads_audit::AuditEntry;
use leads_domain::clock::Timestamp;
use leads_domain::reply::Outcome;
use leads_policy::Principal;
use leads_store::{Account, AccountStatus, SessionRow, StoreTx};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::banner::SYSTEM_USE_BANNER;
use crate::{Service, ServiceError, totp};

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

/// A session in use.
#[derive(Debug, Clone)]
pub(crate) struct Identified {
    pub principal: Principal,
    pub token_hash: String,
}

/// Hashes a password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> Result<String, ServiceError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| ServiceError::Internal(format!("password hashing failed: {e}")))
}

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

/// The stored form of a token.
pub(crate) fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// An audit entry about an account or session.
pub(crate) fn account_event(
    event: &str,
    at: Timestamp,
    operator: &str,
    terminal: Option<&str>,
    ori: Option<String>,
) -> AuditEntry {
    AuditEntry {
        operation_id: uuid::Uuid::new_v4().to_string(),
        at_micros: at.as_micros(),
        event: event.into(),
        operator: Some(operator.to_owned()),
        terminal: terminal.map(str::to_owned),
        ori,
        key: None,
        purpose: None,
        case_number: None,
        outcome: Outcome::Accepted.name().into(),
        code: event.into(),
        rules: vec![],
        citations: vec![],
        records: vec![],
        detail: String::new(),
    }
}

/// Why a sign-in failed, before it is told to the caller.
enum Failure {
    /// Counts toward lockout; the caller hears only "invalid credentials" (IA-6).
    Credentials(&'static str),
    /// Told as it is.
    Refused(ServiceError),
    /// Unused for 90 days: the account is disabled now (AC-2(3)).
    Inactive,
}

impl Service {
    fn days_micros(days: i64) -> i64 {
        days * 86_400 * 1_000_000
    }

    /// Signs a person in at a terminal with password and TOTP code.
    pub async fn sign_in(&self, attempt: SignIn<'_>) -> Result<Session, ServiceError> {
        let now = self.clock.now();
        let operator_id = attempt.operator.trim().to_ascii_uppercase();
        let terminal_id = attempt.terminal.trim().to_ascii_uppercase();
        let mut tx = self.store.begin().await?;
        let account = tx.account(&operator_id).await?;
        let terminal = tx.terminal(&terminal_id).await?;
        let checked = self
            .check_sign_in(&attempt, account.as_ref(), terminal.as_ref(), now)
            .await;
        let ori = account.as_ref().map(|a| a.person.ori.to_string());
        let mut entry = account_event(
            "sign_in",
            now,
            &operator_id,
            Some(&terminal_id),
            ori.clone(),
        );
        match (checked, account) {
            (Ok(step), Some(mut account)) => {
                tx.clear_sign_in_failures(&operator_id).await?;
                account.last_sign_in_at = Some(now);
                account.totp_last_step = Some(step);
                tx.put_account(&account).await?;
                let token = new_token();
                let expires_at = now.plus_seconds(self.config.session_seconds);
                let banner_accepted_at = attempt.accept_banner.then_some(now);
                tx.insert_session(&SessionRow {
                    token_hash: token_hash(&token),
                    operator_id: operator_id.clone(),
                    terminal_id: terminal_id.clone(),
                    issued_at: now,
                    expires_at,
                    banner_accepted_at,
                    last_activity_at: now,
                })
                .await?;
                entry.code = "signed_in".into();
                tx.append_audit(entry).await?;
                if attempt.accept_banner {
                    tx.append_audit(account_event(
                        "banner_accepted",
                        now,
                        &operator_id,
                        Some(&terminal_id),
                        ori.clone(),
                    ))
                    .await?;
                }
                tx.commit().await?;
                Ok(Session {
                    token,
                    operator_id,
                    terminal_id,
                    ori: ori.unwrap_or_default(),
                    expires_at,
                    banner: SYSTEM_USE_BANNER,
                    banner_accepted: attempt.accept_banner,
                })
            }
            (outcome, account) => {
                let error = match outcome {
                    Err(Failure::Refused(error)) => error,
                    Err(Failure::Inactive) => {
                        if let Some(account) = account {
                            self.disable_inactive(tx.as_mut(), account, now).await?;
                        }
                        ServiceError::SignInRefused("ACCOUNT NOT USED FOR 90 DAYS - DISABLED UNTIL AN ADMINISTRATOR ENABLES IT".into())
                    }
                    Err(Failure::Credentials(why)) => {
                        entry.detail = why.into();
                        if let Some(account) = account {
                            self.count_failure(tx.as_mut(), account, &terminal_id, now)
                                .await?;
                        }
                        ServiceError::BadCredentials
                    }
                    Ok(_) => ServiceError::BadCredentials,
                };
                entry.outcome = Outcome::Refused.name().into();
                entry.code = error.code().into();
                if entry.detail.is_empty() {
                    entry.detail = error.to_string();
                }
                tx.append_audit(entry).await?;
                tx.commit().await?;
                Err(error)
            }
        }
    }

    /// Checks an attempt; on success returns the TOTP step accepted.
    async fn check_sign_in(
        &self,
        attempt: &SignIn<'_>,
        account: Option<&Account>,
        terminal: Option<&leads_domain::access::Terminal>,
        now: Timestamp,
    ) -> Result<i64, Failure> {
        let Some(account) = account else {
            return Err(Failure::Credentials("unknown operator"));
        };
        match &account.status {
            AccountStatus::Locked => {
                return Err(Failure::Refused(ServiceError::SignInRefused(
                    "ACCOUNT LOCKED AFTER REPEATED FAILED SIGN-INS - AN ADMINISTRATOR MUST RELEASE IT".into(),
                )));
            }
            AccountStatus::Disabled(reason) => {
                return Err(Failure::Refused(ServiceError::SignInRefused(format!(
                    "ACCOUNT DISABLED - {reason}"
                ))));
            }
            AccountStatus::Active => {}
        }
        if !password_matches(attempt.password, &account.password_hash).await {
            return Err(Failure::Credentials("wrong password"));
        }
        let unix = now.as_micros().div_euclid(1_000_000);
        let step = account
            .totp_secret
            .as_deref()
            .and_then(|secret| totp::verify(secret, attempt.code, unix, account.totp_last_step))
            .ok_or(Failure::Credentials(
                "wrong, expired or reused second-factor code",
            ))?;
        let Some(terminal) = terminal else {
            return Err(Failure::Credentials("unknown terminal"));
        };
        if terminal.ori != account.person.ori || !terminal.usable() {
            return Err(Failure::Refused(ServiceError::SignInRefused(
                "TERMINAL IS NOT AN APPROVED, ACTIVE TERMINAL OF THE OPERATOR'S AGENCY (RULE S5)"
                    .into(),
            )));
        }
        if self.inactive(account, now) {
            return Err(Failure::Inactive);
        }
        Ok(step)
    }

    /// Counts a failed attempt; the fifth within 15 minutes locks the account (AC-7).
    async fn count_failure(
        &self,
        tx: &mut dyn StoreTx,
        mut account: Account,
        terminal: &str,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        let id = account.person.id.clone();
        tx.record_sign_in_failure(&id, now).await?;
        let since = now.plus_seconds(-self.config.lockout_window_seconds);
        if tx.sign_in_failures_since(&id, since).await? >= self.config.lockout_threshold {
            account.status = AccountStatus::Locked;
            tx.put_account(&account).await?;
            tx.delete_sessions_of(&id).await?;
            let mut locked = account_event(
                "account_locked",
                now,
                &id,
                Some(terminal),
                Some(account.person.ori.to_string()),
            );
            locked.detail = format!(
                "{} FAILED SIGN-INS WITHIN {} MINUTES",
                self.config.lockout_threshold,
                self.config.lockout_window_seconds / 60
            );
            tx.append_audit(locked).await?;
            tracing::warn!(
                operator = id,
                "account locked after repeated failed sign-ins"
            );
        }
        Ok(())
    }

    /// Disables an account unused for 90 days and ends its sessions (AC-2(3)).
    pub(crate) async fn disable_inactive(
        &self,
        tx: &mut dyn StoreTx,
        mut account: Account,
        now: Timestamp,
    ) -> Result<(), ServiceError> {
        let id = account.person.id.clone();
        account.status =
            AccountStatus::Disabled(format!("NOT USED FOR {} DAYS", self.config.inactivity_days));
        tx.put_account(&account).await?;
        tx.delete_sessions_of(&id).await?;
        let mut entry = account_event(
            "account_disabled",
            now,
            &id,
            None,
            Some(account.person.ori.to_string()),
        );
        entry.detail = format!("NOT USED FOR {} DAYS", self.config.inactivity_days);
        tx.append_audit(entry).await?;
        Ok(())
    }

    /// Whether an account has gone unused longer than the inactivity limit.
    pub(crate) fn inactive(&self, account: &Account, now: Timestamp) -> bool {
        let last_use = account.last_sign_in_at.unwrap_or(account.created_at);
        now.as_micros() - last_use.as_micros() > Service::days_micros(self.config.inactivity_days)
    }

    /// Accepts the system-use banner for a session.
    pub async fn accept_banner(&self, token: &str) -> Result<(), ServiceError> {
        let identified = self.identify_session(token, false).await?;
        let now = self.clock.now();
        let mut tx = self.store.begin().await?;
        tx.update_session(&identified.token_hash, Some(now), now)
            .await?;
        let p = &identified.principal;
        tx.append_audit(account_event(
            "banner_accepted",
            now,
            &p.person.id,
            Some(&p.terminal.id),
            Some(p.agency.ori.to_string()),
        ))
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends a session.
    pub async fn sign_out(&self, token: &str) -> Result<(), ServiceError> {
        let identified = self.identify_session(token, false).await?;
        let now = self.clock.now();
        let mut tx = self.store.begin().await?;
        tx.delete_session(&identified.token_hash).await?;
        let p = &identified.principal;
        tx.append_audit(account_event(
            "sign_out",
            now,
            &p.person.id,
            Some(&p.terminal.id),
            Some(p.agency.ori.to_string()),
        ))
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The principal of a session that may act: not expired, not idle, banner accepted.
    pub async fn identify(&self, token: &str) -> Result<Principal, ServiceError> {
        Ok(self.identify_session(token, true).await?.principal)
    }

    pub(crate) async fn identify_session(
        &self,
        token: &str,
        need_banner: bool,
    ) -> Result<Identified, ServiceError> {
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
            let mut tx = self.store.begin().await?;
            tx.delete_session(&hash).await?;
            let p = &found.principal;
            let mut entry = account_event(
                "session_timeout",
                now,
                &p.person.id,
                Some(&p.terminal.id),
                Some(p.agency.ori.to_string()),
            );
            entry.detail = format!(
                "IDLE FOR MORE THAN {} MINUTES",
                self.config.idle_seconds / 60
            );
            tx.append_audit(entry).await?;
            tx.commit().await?;
            return Err(ServiceError::IdleTimeout);
        }
        if found.account.status != AccountStatus::Active {
            return Err(ServiceError::Unauthenticated);
        }
        if need_banner && found.session.banner_accepted_at.is_none() {
            return Err(ServiceError::BannerRequired);
        }
        Ok(Identified {
            principal: found.principal,
            token_hash: hash,
        })
    }

    /// Changes the signed-in person's own password (the current one is asked again).
    pub async fn change_password(
        &self,
        token: &str,
        current: &str,
        new: &str,
    ) -> Result<(), ServiceError> {
        let identified = self.identify_session(token, true).await?;
        let now = self.clock.now();
        let id = identified.principal.person.id.clone();
        let mut tx = self.store.begin().await?;
        let mut account = tx
            .account(&id)
            .await?
            .ok_or(ServiceError::Unauthenticated)?;
        let mut entry = account_event(
            "password_changed",
            now,
            &id,
            Some(&identified.principal.terminal.id),
            Some(account.person.ori.to_string()),
        );
        let refusal = if !password_matches(current, &account.password_hash).await {
            Some(ServiceError::BadCredentials)
        } else {
            crate::password::check(&id, new)
                .err()
                .map(|why| ServiceError::PasswordRejected(why.into()))
        };
        if let Some(error) = refusal {
            entry.outcome = Outcome::Refused.name().into();
            entry.code = error.code().into();
            entry.detail = error.to_string();
            tx.append_audit(entry).await?;
            tx.commit().await?;
            return Err(error);
        }
        account.password_hash = hash_password(new)?;
        account.password_changed_at = now;
        tx.put_account(&account).await?;
        tx.append_audit(entry).await?;
        tx.commit().await?;
        Ok(())
    }
}
