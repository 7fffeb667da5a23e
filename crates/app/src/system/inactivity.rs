//! The inactivity disable as part of the sweep (CJIS AC-2(3)): every account unused for longer
//! than the configured limit (90 days by default) is disabled and its sessions ended, whether
//! or not anyone tries to sign in with it; each disable is audited as its own step.

use leads_domain::codes::ReplyCode;

use crate::runner::{Actor, Ctx, Done, Operation, OperationKind, Refusal};
use crate::{Service, ServiceError};

struct InactivitySweep;

impl Operation for InactivitySweep {
    type Output = u64;

    fn kind(&self) -> OperationKind {
        OperationKind::Sweep
    }

    fn event(&self) -> &'static str {
        "inactivity_sweep"
    }

    fn refused_body(&self) -> u64 {
        0
    }

    async fn act(self, ctx: &mut Ctx<'_>) -> Result<Done<u64>, Refusal> {
        let disabled = ctx
            .service
            .disable_every_inactive(ctx.tx.as_mut(), &mut ctx.audit, ctx.now)
            .await?;
        let message = format!(
            "{disabled} ACCOUNTS UNUSED FOR {} DAYS DISABLED",
            ctx.service.config.inactivity_days
        );
        Ok(Done::new(ReplyCode::DeadlineSweep, message, disabled).steps_only())
    }
}

impl Service {
    /// Disables every account unused for longer than the inactivity limit; returns how many.
    /// The server runs it with the deadline sweep.
    pub async fn sweep_inactive_accounts(&self) -> Result<u64, ServiceError> {
        let disabled = self.run(Actor::System, None, InactivitySweep).await?.body;
        if disabled > 0 {
            tracing::info!(disabled, "inactive accounts disabled");
        }
        Ok(disabled)
    }
}
