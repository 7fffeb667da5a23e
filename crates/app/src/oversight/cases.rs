//! The oversight acts beyond audits, each to the file that carries it out: violation cases and
//! hearings (O3), the Advisory Policy Board (O4), training and bulletins (T3).

use leads_domain::oversight::OversightCommand;

use super::body::Carried;
use super::{board, training, violations};
use crate::runner::{Ctx, Refusal};

/// Carries out one act that is not an audit's.
pub(super) async fn carry_out(
    ctx: &mut Ctx<'_>,
    command: OversightCommand,
    by: String,
) -> Result<Carried, Refusal> {
    use OversightCommand as C;
    match command {
        C::OpenViolation { .. }
        | C::RecordViolationResponse { .. }
        | C::SetHearing { .. }
        | C::LiftBeforeHearing { .. }
        | C::Reinstate { .. }
        | C::RecordAppearance { .. }
        | C::RecordEvidence { .. }
        | C::DecideHearing { .. }
        | C::ShowViolation { .. }
        | C::ListViolations { .. } => violations::carry_out(ctx, command, &by).await,
        C::AppointBoardMember { .. }
        | C::EndBoardMembership { .. }
        | C::RecordBoardMeeting { .. }
        | C::RecordRecommendation { .. }
        | C::RespondToRecommendation { .. }
        | C::ShowBoard => board::carry_out(ctx, command, &by).await,
        C::RegisterTrainee { .. }
        | C::RecordTraining { .. }
        | C::ListTrainees { .. }
        | C::IssueBulletin { .. }
        | C::AcknowledgeBulletin { .. }
        | C::ListBulletins => training::carry_out(ctx, command, &by).await,
        audit => Err(Refusal::failed(format!(
            "{} IS AN AUDIT'S ACT",
            audit.name().to_ascii_uppercase()
        ))),
    }
}
