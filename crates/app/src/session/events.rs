//! Session events as operations: accepting the banner, signing out, changing the password.

use leads_domain::access::Principal;
use leads_domain::codes::ReplyCode;

use super::credentials::{
    bad_credentials, control, hash_password, password_matches, refusal_of, session_event_result,
};
use crate::runner::{Actor, Done, OperationKind, RefusalDetail, Who, Work, new_operation_id};
use crate::{Service, ServiceError};

impl Service {
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
                Ok(Done::new(ReplyCode::BannerAccepted, "BANNER ACCEPTED", ()))
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
                Ok(Done::new(ReplyCode::SignOut, "SIGNED OUT", ()))
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
                    let mut account = ctx.tx.account(&id).await?.ok_or_else(|| {
                        refusal_of(
                            ServiceError::Unauthenticated,
                            control(
                                "IA-2",
                                "identification and authentication",
                                "NO SUCH ACCOUNT",
                            ),
                        )
                    })?;
                    if !password_matches(&current, &account.password_hash).await {
                        return Err(bad_credentials());
                    }
                    crate::password::check(&id, &new).map_err(|why| {
                        refusal_of(
                            ServiceError::PasswordRejected(why.into()),
                            control("IA-5", "authenticator management", why),
                        )
                    })?;
                    account.password_hash = hash_password(&new)?;
                    account.password_changed_at = ctx.now;
                    ctx.tx.put_account(&account).await?;
                    Ok(Done::new(
                        ReplyCode::PasswordChanged,
                        "PASSWORD CHANGED",
                        (),
                    ))
                })
            },
        )
        .refusal_detail(RefusalDetail::MessageIfEmpty);
        let answer = self.run(Actor::Session(token), operation_id, work).await?;
        session_event_result(answer.outcome, answer.code, answer.message)
    }
}
