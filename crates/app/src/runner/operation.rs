//! What an operation is to the runner: the trait every act implements, what its preparation
//! and its act work with, and how it uses the database.

use leads_domain::clock::Timestamp;
use leads_store::StoreTx;

use super::actor::Who;
use super::audit::AuditDraft;
use super::kind::OperationKind;
use super::outcome::{Done, Refusal};
use crate::Service;

/// How an operation uses the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Reads and writes in one transaction, which also holds the audit entries.
    Write,
    /// Reads only, in a read-only transaction; the entry joins the group commit, and the answer
    /// waits until it is durable.
    Read,
}

/// What the preparation of an operation may use: no database transaction is open yet.
pub(crate) struct Prep<'s> {
    pub service: &'s Service,
    pub who: &'s Who,
    pub now: Timestamp,
    pub audit: &'s mut AuditDraft,
    /// Sealed blobs to delete if the operation does not commit.
    pub delete_unless_committed: &'s mut Vec<String>,
}

/// What an act works with.
pub(crate) struct Ctx<'s> {
    pub service: &'s Service,
    pub tx: Box<dyn StoreTx>,
    pub who: Who,
    pub now: Timestamp,
    pub audit: AuditDraft,
    /// Sealed blobs to delete once the act has committed (replaced, disposed of, sent).
    pub delete_after_commit: Vec<String>,
    /// Sealed blobs to delete if the act does not commit (a new picture).
    pub delete_unless_committed: Vec<String>,
}

/// One kind of act of the service.
pub(crate) trait Operation: Send + Sized {
    /// The body of the answer.
    type Output: Send;

    /// What kind of operation this is.
    fn kind(&self) -> OperationKind;

    /// The audit event of its entry.
    fn event(&self) -> &'static str;

    /// The body of the answer if the operation is refused: what is known of the request
    /// before the act (the message key and ORI, the command's name).
    fn refused_body(&self) -> Self::Output;

    /// Puts the records a refusal shows (the record on file) into the refused body.
    fn show_records(_body: &mut Self::Output, _records: Vec<leads_domain::Record>) {}

    /// Parses and checks what needs no database, fills in the audit draft, and says how the
    /// act uses the database.
    fn prepare(&mut self, _prep: Prep<'_>) -> impl Future<Output = Result<Mode, Refusal>> + Send {
        async { Ok(Mode::Write) }
    }

    /// The act, in its transaction.
    fn act(
        self,
        ctx: &mut Ctx<'_>,
    ) -> impl Future<Output = Result<Done<Self::Output>, Refusal>> + Send;
}
