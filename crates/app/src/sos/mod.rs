//! The Secretary of State's images (92 Ill. Adm. Code 1030.140; rules P1–P6, S3): requests
//! through LEADS and at the SOS desk, case records and their disposal, secondary dissemination,
//! release to the public, consents and photo arrays. Every act goes the one way of
//! [`Service::sos_act`]: identify the session, run the act in a transaction (parse, Cedar,
//! act), write the audit entry in that transaction, answer with the disclaimer.

mod acts;
mod arrays;
mod cases;
mod collection_flags;
mod desk;
mod release;
mod request;
mod share;

use leads_domain::clock::Timestamp;
use leads_policy::{Act, AuthzRequest, Principal, SosAction, SosFacts, Target};
use leads_store::StoreTx;

use crate::runner::{
    Actor, Ctx, Done, Mode, Operation, OperationKind, Prep, Refusal, RefusalDetail,
};
use crate::{Service, ServiceError};

use acts::{SosFuture, SosSubject};
pub use acts::{SosItems, SosLimits, SosReply};
pub use arrays::SOS_ARRAY_EVENT;
pub use cases::{CaseImageView, DisposalReport, SOS_CASE_READ_EVENT, SOS_DISPOSAL_EVENT};
pub use desk::{Disclosure, SOS_DESK_EVENT};
pub use release::{Flyer, SOS_POLICE_QUEUE, SOS_RELEASE_EVENT};
pub use request::SOS_REQUEST_EVENT;
pub use share::{DisseminationView, SOS_DISSEMINATION_EVENT, SOS_RECORDS_EVENT, SOS_RECORDS_LIMIT};

/// One SOS act, as an operation of the runner.
struct SosOp<F> {
    subject: SosSubject,
    act: F,
}

impl<T, F> Operation for SosOp<F>
where
    T: Send,
    F: for<'a> FnOnce(
            &'a Service,
            &'a mut dyn StoreTx,
            &'a Principal,
            Timestamp,
        ) -> SosFuture<'a, T>
        + Send,
{
    type Output = SosItems<T>;

    fn kind(&self) -> OperationKind {
        OperationKind::Sos
    }

    fn event(&self) -> &'static str {
        self.subject.event
    }

    fn refused_body(&self) -> SosItems<T> {
        SosItems::default()
    }

    async fn prepare(&mut self, prep: Prep<'_>) -> Result<Mode, Refusal> {
        prep.who.person()?;
        prep.audit.case_number = self.subject.case_number.clone();
        prep.audit.detail = self.subject.asked.clone();
        prep.audit.on_refusal = RefusalDetail::AskedThenMessage;
        Ok(Mode::Write)
    }

    async fn act(self, ctx: &mut Ctx<'_>) -> Result<Done<SosItems<T>>, Refusal> {
        let principal = ctx.who.person()?;
        let done = (self.act)(ctx.service, ctx.tx.as_mut(), principal, ctx.now).await?;
        ctx.audit.detail = done.detail;
        ctx.delete_after_commit.extend(done.delete_after_commit);
        Ok(Done::new(
            done.code,
            done.message,
            SosItems {
                items: done.items,
                ..SosItems::default()
            },
        ))
    }
}

impl Service {
    /// Runs one SOS act for the session `token` through the runner: `act` runs in the
    /// transaction, with its audit entry; blobs it marked are deleted only after the commit.
    pub(crate) async fn sos_act<T, F>(
        &self,
        token: &str,
        operation_id: Option<String>,
        subject: SosSubject,
        act: F,
    ) -> Result<SosReply<T>, ServiceError>
    where
        T: Send,
        F: for<'a> FnOnce(
                &'a Service,
                &'a mut dyn StoreTx,
                &'a Principal,
                Timestamp,
            ) -> SosFuture<'a, T>
            + Send,
    {
        self.run(Actor::Session(token), operation_id, SosOp { subject, act })
            .await
    }

    /// Asks Cedar about an SOS act with the facts of its request.
    #[expect(
        clippy::too_many_arguments,
        reason = "who, what, on what, the facts and the words of a refusal"
    )]
    pub(crate) fn sos_permit(
        &self,
        principal: &Principal,
        action: SosAction,
        target: Target<'_>,
        category: &str,
        conditions: &[&str],
        now: Timestamp,
        default_text: impl FnOnce() -> String,
    ) -> Result<(), Refusal> {
        let facts = SosFacts {
            category,
            conditions,
        };
        self.permit(
            &AuthzRequest::new(principal, Act::Sos(action), target, now.date()).with_sos(facts),
            default_text,
        )
    }
}
