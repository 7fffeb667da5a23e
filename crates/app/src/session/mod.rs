//! Sign-in with a password and a second factor, and everything the CJIS Security Policy asks of
//! it: lockout after repeated failures (AC-7), the system-use banner (AC-8), re-authentication
//! every 12 hours and after 30 idle minutes (IA-11), disabling accounts unused for 90 days
//! (AC-2(3)); each audited (AU-2).

pub(crate) mod banner;
mod credentials;
mod events;
pub mod password;
mod sign_in;
pub mod totp;

pub(crate) use credentials::password_matches;
use credentials::{Failure, control, sign_in_error};
pub use credentials::{Session, SignIn, hash_password};
use leads_domain::codes::ReplyCode;

use leads_domain::clock::Timestamp;
use leads_domain::reply::{Outcome, Reason};
use leads_store::{Account, AccountStatus, StoreTx};

use crate::runner::{Actor, AuditDraft};
use crate::{Service, ServiceError};

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
        let op = sign_in::SignInOp {
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
    pub(super) async fn check_sign_in(
        &self,
        attempt: &SignIn<'_>,
        account: Option<&Account>,
        terminal: Option<&leads_domain::access::Terminal>,
        now: Timestamp,
    ) -> Result<i64, Failure> {
        let Some(account) = account else {
            // The same work as for a known operator: the answer's time tells nothing.
            let _ = password_matches(attempt.password, credentials::decoy_hash()).await;
            return Err(Failure::Credentials("unknown operator"));
        };
        match &account.status {
            AccountStatus::Locked => {
                let _ = password_matches(attempt.password, &account.password_hash).await;
                return Err(Failure::Locked);
            }
            AccountStatus::Disabled(reason) => {
                let text = format!("ACCOUNT DISABLED - {reason}");
                return Err(Failure::Refused(
                    ServiceError::SignInRefused(text.clone()),
                    control("AC-2", "account management", text),
                ));
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
            let text =
                "TERMINAL IS NOT AN APPROVED, ACTIVE TERMINAL OF THE OPERATOR'S AGENCY (RULE S5)";
            return Err(Failure::Refused(
                ServiceError::SignInRefused(text.into()),
                Reason::rule(leads_domain::RuleId::S5, text),
            ));
        }
        if self.inactive(account, now) {
            return Err(Failure::Inactive);
        }
        Ok(step)
    }

    /// Counts a failed attempt; the fifth within 15 minutes locks the account (AC-7).
    pub(super) async fn count_failure(
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
            crate::metrics::account_locked();
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
            audit.record_step(locked, ReplyCode::AccountLocked);
            // The guesser hears only "invalid credentials"; the person and the coordinator
            // learn of the lock from the agency's queue.
            let notice = format!(
                "ACCOUNT {id} ({}) LOCKED AFTER {} FAILED SIGN-INS WITHIN {} MINUTES, THE LAST AT TERMINAL {terminal} - AN ADMINISTRATOR MUST RELEASE IT (CJIS AC-7)",
                account.person.name,
                self.config.lockout_threshold,
                self.config.lockout_window_seconds / 60
            );
            tx.post_message(account.person.ori.as_str(), "account_locked", &notice, now)
                .await?;
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
        audit.record_step(disabled, ReplyCode::AccountDisabled);
        Ok(())
    }

    /// Disables every active account unused longer than the inactivity limit; returns how
    /// many (the admin command and the sweep).
    pub(crate) async fn disable_every_inactive(
        &self,
        tx: &mut dyn StoreTx,
        audit: &mut AuditDraft,
        now: Timestamp,
    ) -> Result<u64, ServiceError> {
        let mut disabled = 0;
        for account in tx.accounts(None).await? {
            if account.status == AccountStatus::Active && self.inactive(&account, now) {
                self.disable_inactive(tx, audit, account).await?;
                disabled += 1;
            }
        }
        Ok(disabled)
    }

    /// Whether an account has gone unused longer than the inactivity limit.
    pub(crate) fn inactive(&self, account: &Account, now: Timestamp) -> bool {
        let last_use = account.last_sign_in_at.unwrap_or(account.created_at);
        now.as_micros() - last_use.as_micros() > Service::days_micros(self.config.inactivity_days)
    }
}
