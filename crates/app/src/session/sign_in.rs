//! A sign-in attempt as an operation: password, second factor, terminal, lockout and
//! inactivity, each outcome audited (a failed attempt keeps its count with its entry).

use leads_domain::codes::ReplyCode;
use leads_store::SessionRow;

use super::credentials::{
    Failure, Session, SignIn, bad_credentials, control, new_token, refusal_of,
};
use crate::ServiceError;
use crate::runner::{Ctx, Done, Operation, OperationKind, Refusal, Who, token_hash};
use crate::session::banner::SYSTEM_USE_BANNER;

/// A sign-in attempt, as an operation of the runner.
pub(super) struct SignInOp {
    pub(super) password: String,
    pub(super) code: String,
    pub(super) accept_banner: bool,
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
                ReplyCode::AuthRequired,
                "SIGN-IN NEEDS AN APPLICANT",
            ));
        };
        let service = ctx.service;
        let now = ctx.now;
        // One attempt at a time per operator: the code's step and the failure count are read
        // after the previous attempt has written them.
        ctx.tx.lock_account(&operator).await?;
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
                let refusal = match outcome {
                    Err(Failure::Refused(error, reason)) => {
                        crate::metrics::sign_in_failed("refused");
                        refusal_of(error, reason)
                    }
                    Err(Failure::Locked) => {
                        crate::metrics::sign_in_failed("locked");
                        ctx.audit.detail =
                            "account locked after repeated failed sign-ins (AC-7)".into();
                        bad_credentials()
                    }
                    Err(Failure::Inactive) => {
                        crate::metrics::sign_in_failed("refused");
                        if let Some(account) = account {
                            service
                                .disable_inactive(ctx.tx.as_mut(), &mut ctx.audit, account)
                                .await?;
                        }
                        let text = "ACCOUNT NOT USED FOR 90 DAYS - DISABLED UNTIL AN ADMINISTRATOR ENABLES IT";
                        refusal_of(
                            ServiceError::SignInRefused(text.into()),
                            control("AC-2(3)", "disable accounts", text),
                        )
                    }
                    Err(Failure::Credentials(why)) => {
                        crate::metrics::sign_in_failed("credentials");
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
                        bad_credentials()
                    }
                    Ok(_) => bad_credentials(),
                };
                return Err(refusal.keeping_changes());
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
        let mut done = Done::new(ReplyCode::SignedIn, "SIGNED IN", Some(session));
        if let Some(banner) = entries_after.pop() {
            // The sign-in's own entry first, then the banner's.
            let own = ctx.audit.clone();
            ctx.audit.record_step(own, ReplyCode::SignedIn);
            ctx.audit.record_step(banner, ReplyCode::BannerAccepted);
            done = done.steps_only();
        }
        Ok(done)
    }
}
