//! Sign-in with a password and a second factor, and everything the CJIS Security Policy asks of
//! it: lockout after repeated failures (AC-7), the system-use banner (AC-8), re-authentication
//! every 12 hours and after 30 idle minutes (IA-11), disabling accounts unused for 90 days
//! (AC-2(3)); each audited (AU-2).

pub(crate) mod banner;
pub mod password;
pub mod totp;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use leads_domain::clock::Timestamp;
use leads_domain::reply::Outcome;
use leads_policy::Principal;
use leads_store::{Account, AccountStatus, SessionRow, StoreTx};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::runner::{
    Actor, AuditDraft, Ctx, Done, Operation, OperationKind, Refusal, RefusalDetail, Who, Work,
    new_operation_id,
};
use crate::session::banner::SYSTEM_USE_BANNER;
use crate::{Service, ServiceError};

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
        self.sign_in_traced(attempt, None).await
    }

    /// As [`Service::sign_in`], under the operation id the front end gave the request.
    pub async fn sign_in_traced(
        &self,
        attempt: SignIn<'_>,
        operation_id: Option<String>,
    ) -> Result<Session, ServiceError> {
        let actor = Actor::Applicant {
            operator: attempt.operator,
            terminal: attempt.terminal,
        };
        let op = SignInOp {
            password: attempt.password.to_owned(),
            code: attempt.code.to_owned(),
            accept_banner: attempt.accept_banner,
        };
        let answer = self.run(actor, operation_id, op).await?;
        match answer.body {
            Some(session) if answer.outcome == Outcome::Accepted => Ok(session),
            _ => Err(sign_in_error(answer.code, answer.message)),
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
        audit: &mut AuditDraft,
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
            let mut locked = audit.step("account_locked");
            locked.operator = Some(id.clone());
            locked.terminal = Some(terminal.to_owned());
            locked.ori = Some(account.person.ori.to_string());
            locked.detail = format!(
                "{} FAILED SIGN-INS WITHIN {} MINUTES",
                self.config.lockout_threshold,
                self.config.lockout_window_seconds / 60
            );
            audit.record_step(locked, "account_locked");
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
        audit: &mut AuditDraft,
        mut account: Account,
    ) -> Result<(), ServiceError> {
        let id = account.person.id.clone();
        account.status =
            AccountStatus::Disabled(format!("NOT USED FOR {} DAYS", self.config.inactivity_days));
        tx.put_account(&account).await?;
        tx.delete_sessions_of(&id).await?;
        let mut disabled = audit.step("account_disabled");
        disabled.operator = Some(id);
        disabled.terminal = None;
        disabled.ori = Some(account.person.ori.to_string());
        disabled.detail = format!("NOT USED FOR {} DAYS", self.config.inactivity_days);
        audit.record_step(disabled, "account_disabled");
        Ok(())
    }

    /// Whether an account has gone unused longer than the inactivity limit.
    pub(crate) fn inactive(&self, account: &Account, now: Timestamp) -> bool {
        let last_use = account.last_sign_in_at.unwrap_or(account.created_at);
        now.as_micros() - last_use.as_micros() > Service::days_micros(self.config.inactivity_days)
    }

    /// Accepts the system-use banner for a session.
    pub async fn accept_banner(&self, token: &str) -> Result<(), ServiceError> {
        self.accept_banner_traced(token, None).await
    }

    /// As [`Service::accept_banner`], under the front end's operation id.
    pub async fn accept_banner_traced(
        &self,
        token: &str,
        operation_id: Option<String>,
    ) -> Result<(), ServiceError> {
        let work = Work::new(OperationKind::SessionEvent, "banner_accepted", "", |ctx| {
            Box::pin(async move {
                let hash = ctx.who.session().unwrap_or_default().to_owned();
                ctx.tx.update_session(&hash, Some(ctx.now), ctx.now).await?;
                Ok(Done::new("banner_accepted", "BANNER ACCEPTED", ()))
            })
        });
        let answer = self
            .run(Actor::SessionBeforeBanner(token), operation_id, work)
            .await?;
        session_event_result(answer.outcome, answer.code, answer.message)
    }

    /// Ends a session.
    pub async fn sign_out(&self, token: &str) -> Result<(), ServiceError> {
        self.sign_out_traced(token, None).await
    }

    /// As [`Service::sign_out`], under the front end's operation id.
    pub async fn sign_out_traced(
        &self,
        token: &str,
        operation_id: Option<String>,
    ) -> Result<(), ServiceError> {
        let work = Work::new(OperationKind::SessionEvent, "sign_out", "", |ctx| {
            Box::pin(async move {
                let hash = ctx.who.session().unwrap_or_default().to_owned();
                ctx.tx.delete_session(&hash).await?;
                Ok(Done::new("sign_out", "SIGNED OUT", ()))
            })
        });
        let answer = self
            .run(Actor::SessionBeforeBanner(token), operation_id, work)
            .await?;
        session_event_result(answer.outcome, answer.code, answer.message)
    }

    /// The principal of a session that may act: not expired, not idle, banner accepted.
    pub async fn identify(&self, token: &str) -> Result<Principal, ServiceError> {
        match self
            .identify_actor(Actor::Session(token), &new_operation_id())
            .await?
        {
            Who::Person { principal, .. } => Ok(*principal),
            _ => Err(ServiceError::Unauthenticated),
        }
    }

    /// Changes the signed-in person's own password (the current one is asked again).
    pub async fn change_password(
        &self,
        token: &str,
        current: &str,
        new: &str,
    ) -> Result<(), ServiceError> {
        self.change_password_traced(token, current, new, None).await
    }

    /// As [`Service::change_password`], under the front end's operation id.
    pub async fn change_password_traced(
        &self,
        token: &str,
        current: &str,
        new: &str,
        operation_id: Option<String>,
    ) -> Result<(), ServiceError> {
        let (current, new) = (current.to_owned(), new.to_owned());
        let work = Work::new(
            OperationKind::SessionEvent,
            "password_changed",
            "",
            move |ctx| {
                Box::pin(async move {
                    let id = ctx.who.person()?.person.id.clone();
                    let mut account = ctx
                        .tx
                        .account(&id)
                        .await?
                        .ok_or_else(|| refusal_of(ServiceError::Unauthenticated))?;
                    if !password_matches(&current, &account.password_hash).await {
                        return Err(refusal_of(ServiceError::BadCredentials));
                    }
                    crate::password::check(&id, &new)
                        .map_err(|why| refusal_of(ServiceError::PasswordRejected(why.into())))?;
                    account.password_hash = hash_password(&new)?;
                    account.password_changed_at = ctx.now;
                    ctx.tx.put_account(&account).await?;
                    Ok(Done::new("password_changed", "PASSWORD CHANGED", ()))
                })
            },
        )
        .refusal_detail(RefusalDetail::MessageIfEmpty);
        let answer = self.run(Actor::Session(token), operation_id, work).await?;
        session_event_result(answer.outcome, answer.code, answer.message)
    }
}

/// A refusal told as the service error `error` (its code and words).
fn refusal_of(error: ServiceError) -> Refusal {
    Refusal::refused(error.code(), error.to_string(), vec![])
}

/// The service error a refused sign-in is told as, from its code.
fn sign_in_error(code: &str, message: String) -> ServiceError {
    match code {
        "auth_invalid_credentials" => ServiceError::BadCredentials,
        "auth_password_rejected" => ServiceError::PasswordRejected(
            message
                .strip_prefix("PASSWORD REFUSED - ")
                .unwrap_or(&message)
                .to_owned(),
        ),
        "auth_refused" => ServiceError::SignInRefused(
            message
                .strip_prefix("SIGN-IN REFUSED - ")
                .unwrap_or(&message)
                .to_owned(),
        ),
        "auth_required" => ServiceError::Unauthenticated,
        "storage_unavailable" => {
            ServiceError::Storage(leads_store::StoreError::Unavailable(message))
        }
        _ => ServiceError::Internal(message),
    }
}

/// A session event's answer as the public result.
fn session_event_result(outcome: Outcome, code: &str, message: String) -> Result<(), ServiceError> {
    if outcome == Outcome::Accepted {
        Ok(())
    } else {
        Err(sign_in_error(code, message))
    }
}

/// A sign-in attempt, as an operation of the runner.
struct SignInOp {
    password: String,
    code: String,
    accept_banner: bool,
}

impl Operation for SignInOp {
    type Output = Option<Session>;

    fn kind(&self) -> OperationKind {
        OperationKind::SignIn
    }

    fn event(&self) -> &'static str {
        "sign_in"
    }

    fn refused_body(&self) -> Option<Session> {
        None
    }

    async fn act(self, ctx: &mut Ctx<'_>) -> Result<Done<Option<Session>>, Refusal> {
        let Who::Applicant { operator, terminal } = ctx.who.clone() else {
            return Err(Refusal::rejected(
                "auth_required",
                "SIGN-IN NEEDS AN APPLICANT",
            ));
        };
        let service = ctx.service;
        let now = ctx.now;
        let account = ctx.tx.account(&operator).await?;
        let found_terminal = ctx.tx.terminal(&terminal).await?;
        let attempt = SignIn {
            operator: &operator,
            password: &self.password,
            code: &self.code,
            terminal: &terminal,
            accept_banner: self.accept_banner,
        };
        let checked = service
            .check_sign_in(&attempt, account.as_ref(), found_terminal.as_ref(), now)
            .await;
        let ori = account.as_ref().map(|a| a.person.ori.to_string());
        ctx.audit.ori = ori.clone();
        let (step, mut account) = match (checked, account) {
            (Ok(step), Some(account)) => (step, account),
            (outcome, account) => {
                let error = match outcome {
                    Err(Failure::Refused(error)) => error,
                    Err(Failure::Inactive) => {
                        if let Some(account) = account {
                            service
                                .disable_inactive(ctx.tx.as_mut(), &mut ctx.audit, account)
                                .await?;
                        }
                        ServiceError::SignInRefused("ACCOUNT NOT USED FOR 90 DAYS - DISABLED UNTIL AN ADMINISTRATOR ENABLES IT".into())
                    }
                    Err(Failure::Credentials(why)) => {
                        ctx.audit.detail = why.into();
                        if let Some(account) = account {
                            service
                                .count_failure(
                                    ctx.tx.as_mut(),
                                    &mut ctx.audit,
                                    account,
                                    &terminal,
                                    now,
                                )
                                .await?;
                        }
                        ServiceError::BadCredentials
                    }
                    Ok(_) => ServiceError::BadCredentials,
                };
                return Err(refusal_of(error).keeping_changes());
            }
        };
        ctx.tx.clear_sign_in_failures(&operator).await?;
        account.last_sign_in_at = Some(now);
        account.totp_last_step = Some(step);
        ctx.tx.put_account(&account).await?;
        let token = new_token();
        let expires_at = now.plus_seconds(service.config.session_seconds);
        let banner_accepted_at = self.accept_banner.then_some(now);
        ctx.tx
            .insert_session(&SessionRow {
                token_hash: token_hash(&token),
                operator_id: operator.clone(),
                terminal_id: terminal.clone(),
                issued_at: now,
                expires_at,
                banner_accepted_at,
                last_activity_at: now,
            })
            .await?;
        let mut entries_after = Vec::new();
        if self.accept_banner {
            entries_after.push(ctx.audit.step("banner_accepted"));
        }
        let session = Session {
            token,
            operator_id: operator,
            terminal_id: terminal,
            ori: ori.unwrap_or_default(),
            expires_at,
            banner: SYSTEM_USE_BANNER,
            banner_accepted: self.accept_banner,
        };
        let mut done = Done::new("signed_in", "SIGNED IN", Some(session));
        if let Some(banner) = entries_after.pop() {
            // The sign-in's own entry first, then the banner's.
            let own = ctx.audit.clone();
            ctx.audit.record_step(own, "signed_in");
            ctx.audit.record_step(banner, "banner_accepted");
            done = done.steps_only();
        }
        Ok(done)
    }
}
