//! An operation written as a closure over its context, for the many small acts whose whole work
//! fits in one function (a check of a record, a Department act, a disposition).

use std::pin::Pin;

use super::audit::RefusalDetail;
use super::kind::OperationKind;
use super::operation::{Ctx, Mode, Operation, Prep};
use super::outcome::{Done, Refusal};

/// The work of a [`Work`] operation, in its transaction.
pub(crate) type WorkFuture<'a, T> =
    Pin<Box<dyn Future<Output = Result<Done<T>, Refusal>> + Send + 'a>>;

/// An operation whose act is the closure `act`.
pub(crate) struct Work<F> {
    kind: OperationKind,
    event: &'static str,
    /// The audit detail before the act: what was asked.
    asked: String,
    on_refusal: RefusalDetail,
    mode: Mode,
    person: bool,
    act: F,
}

impl<F> Work<F> {
    /// A person's act of `kind`, audited as `event` with `asked` as its detail.
    pub(crate) fn new<T>(
        kind: OperationKind,
        event: &'static str,
        asked: impl Into<String>,
        act: F,
    ) -> Self
    where
        F: for<'a, 'b> FnOnce(&'a mut Ctx<'b>) -> WorkFuture<'a, T> + Send,
    {
        Work {
            kind,
            event,
            asked: asked.into(),
            on_refusal: RefusalDetail::Keep,
            mode: Mode::Write,
            person: true,
            act,
        }
    }

    /// The act reads only (its entry joins the group commit).
    pub(crate) fn reading(mut self) -> Self {
        self.mode = Mode::Read;
        self
    }

    /// The act is the system's or provisioning's, not a signed-in person's.
    pub(crate) fn by_the_system(mut self) -> Self {
        self.person = false;
        self
    }

    /// How the detail of a refusal's entry reads.
    pub(crate) fn refusal_detail(mut self, on_refusal: RefusalDetail) -> Self {
        self.on_refusal = on_refusal;
        self
    }
}

impl<T, F> Operation for Work<F>
where
    T: Send + Default,
    F: for<'a, 'b> FnOnce(&'a mut Ctx<'b>) -> WorkFuture<'a, T> + Send,
{
    type Output = T;

    fn kind(&self) -> OperationKind {
        self.kind
    }

    fn event(&self) -> &'static str {
        self.event
    }

    fn refused_body(&self) -> T {
        T::default()
    }

    async fn prepare(&mut self, prep: Prep<'_>) -> Result<Mode, Refusal> {
        if self.person {
            prep.who.person()?;
        }
        prep.audit.detail = std::mem::take(&mut self.asked);
        prep.audit.on_refusal = self.on_refusal;
        Ok(self.mode)
    }

    async fn act(self, ctx: &mut Ctx<'_>) -> Result<Done<T>, Refusal> {
        (self.act)(ctx).await
    }
}
