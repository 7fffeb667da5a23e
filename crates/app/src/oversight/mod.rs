//! The Department's oversight of its agencies (docs/OVERSIGHT.md): audits (O1), corrective
//! action (O2) and discipline standards (S4). Every act is an operation of the runner: the
//! step is decided by `leads_domain::oversight` (refused, citing the paragraph, when it is out
//! of order), authorized by the oversight policies, written with its audit entry and its
//! deadlines in one transaction, and its written notice posted to the agency's queue.

use leads_domain::oversight::OversightCommand;
use leads_domain::reply::Answer;

use crate::runner::{Actor, Ctx, Done, Mode, Operation, OperationKind, Prep, Refusal};
use crate::{Service, ServiceError};

mod audits;
mod board;
mod body;
mod cases;
mod common;
pub(crate) mod coordinators;
mod documents;
mod overview;
mod records;
mod schedule;
mod standing;
mod training;
mod violations;

pub use body::{OversightBody, TraineeView, ViolationView};
pub use common::AuditView;
pub(crate) use common::out_of_order;
pub use documents::{DocumentKind, OversightDocument};
pub(crate) use overview::standing_lines;
pub use schedule::ScheduleRow;
pub(crate) use standing::declare_non_compliant;

/// The answer to an oversight act.
pub type OversightReply = Answer<OversightBody>;

/// One oversight act, as an operation of the runner.
struct OversightOp {
    command: OversightCommand,
}

impl Operation for OversightOp {
    type Output = OversightBody;

    fn kind(&self) -> OperationKind {
        OperationKind::Oversight
    }

    fn event(&self) -> &'static str {
        "oversight"
    }

    fn refused_body(&self) -> OversightBody {
        OversightBody {
            command: self.command.name(),
            ..OversightBody::default()
        }
    }

    async fn prepare(&mut self, prep: Prep<'_>) -> Result<Mode, Refusal> {
        prep.who.person()?;
        prep.audit.key = Some(self.command.name().into());
        prep.audit.detail = audits::summary(&self.command);
        Ok(if self.command.is_reading() {
            Mode::Read
        } else {
            Mode::Write
        })
    }

    async fn act(self, ctx: &mut Ctx<'_>) -> Result<Done<OversightBody>, Refusal> {
        let command = self.command.name();
        let (code, message, body) = audits::carry_out(ctx, self.command).await?;
        Ok(Done::new(code, message, OversightBody { command, ..body }))
    }
}

impl Service {
    /// Runs an oversight act for the session `token`.
    pub async fn oversee(
        &self,
        token: &str,
        command: OversightCommand,
        operation_id: Option<String>,
    ) -> Result<OversightReply, ServiceError> {
        self.run(Actor::Session(token), operation_id, OversightOp { command })
            .await
    }
}
