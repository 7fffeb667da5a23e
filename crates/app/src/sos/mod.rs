//! The Secretary of State's images (92 Ill. Adm. Code 1030.140; rules P1–P6, S3): requests
//! through LEADS and at the SOS desk, case records and their disposal, secondary dissemination,
//! release to the public, consents and photo arrays. Every act goes the one way of
//! [`Service::sos_act`]: identify the session, run the act in a transaction (parse, Cedar,
//! act), write the audit entry in that transaction, answer with the disclaimer.

mod arrays;
mod cases;
mod desk;
mod release;
mod request;
mod share;

use std::pin::Pin;

use leads_domain::clock::Timestamp;
use leads_domain::reply::Answer;
use leads_domain::sos::{CONFIDENTIALITY_NOTICE, DISCLAIMER};
use leads_domain::{Edit, FieldError};
use leads_policy::{Act, AuthzRequest, Principal, SosAction, SosFacts, Target};
use leads_store::StoreTx;

use crate::runner::{
    Actor, Ctx, Done, Mode, Operation, OperationKind, Prep, Refusal, RefusalDetail,
};
use crate::{Service, ServiceError};

pub use arrays::SOS_ARRAY_EVENT;
pub use cases::{CaseImageView, DisposalReport, SOS_CASE_READ_EVENT, SOS_DISPOSAL_EVENT};
pub use desk::{Disclosure, SOS_DESK_EVENT};
pub use release::{Flyer, SOS_POLICE_QUEUE, SOS_RELEASE_EVENT};
pub use request::SOS_REQUEST_EVENT;
pub use share::{DisseminationView, SOS_DISSEMINATION_EVENT, SOS_RECORDS_EVENT, SOS_RECORDS_LIMIT};

/// Limits on SOS image requests through LEADS ("no fishing", rule P2) and the case-record
/// defaults (rule P2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SosLimits {
    /// Images one operator may request in 24 hours.
    pub per_operator_per_day: u64,
    /// Images one agency's case record may hold.
    pub per_case: u64,
    /// Distinct cases one operator's requests may touch in 24 hours before the misuse review
    /// is told.
    pub flag_cases_per_day: u64,
    /// Days a case record keeps an image when the request does not say.
    pub default_retention_days: i64,
    /// Hours an image retrieved only for transmission is kept if it is never sent.
    pub transmission_hours: i64,
}

impl Default for SosLimits {
    fn default() -> Self {
        SosLimits {
            per_operator_per_day: 20,
            per_case: 10,
            flag_cases_per_day: 5,
            default_retention_days: 5 * 365,
            transmission_hours: 24,
        }
    }
}

/// The body of the answer to an SOS act. Every answer, refusals included, carries the
/// disclaimer of 1030.140(b)(2)(C) and the confidentiality notice of (c)(3) (rule P6).
#[derive(Debug, Clone)]
pub struct SosItems<T> {
    pub disclaimer: &'static str,
    pub confidentiality: &'static str,
    pub items: Vec<T>,
}

impl<T> Default for SosItems<T> {
    fn default() -> Self {
        SosItems {
            disclaimer: DISCLAIMER,
            confidentiality: CONFIDENTIALITY_NOTICE,
            items: Vec::new(),
        }
    }
}

/// The answer to an SOS act.
pub type SosReply<T> = Answer<SosItems<T>>;

/// What an SOS act did: its code, message and items, and its audit entry's detail.
pub(crate) struct SosDone<T> {
    pub code: &'static str,
    pub message: String,
    pub items: Vec<T>,
    pub detail: String,
    /// Sealed blobs to delete once the act has committed (disposal, transmission).
    pub delete_after_commit: Vec<String>,
}

impl<T> SosDone<T> {
    pub(crate) fn new(code: &'static str, message: String, items: Vec<T>, detail: String) -> Self {
        SosDone {
            code,
            message,
            items,
            detail,
            delete_after_commit: Vec::new(),
        }
    }
}

/// The work of an SOS act, run in its transaction.
pub(crate) type SosFuture<'a, T> =
    Pin<Box<dyn Future<Output = Result<SosDone<T>, Refusal>> + Send + 'a>>;

/// What the act is about, for its audit entry.
pub(crate) struct SosSubject {
    pub event: &'static str,
    /// What was asked, as the audit detail of a refusal.
    pub asked: String,
    pub case_number: Option<String>,
}

/// A field edit failure as a refusal (`field_missing` or `field_edit`).
pub(crate) fn edit_refusal(error: &FieldError) -> Refusal {
    let code = if error.edit() == Edit::Empty {
        "field_missing"
    } else {
        "field_edit"
    };
    Refusal::rejected(code, error.to_string())
}

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
