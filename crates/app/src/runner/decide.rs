//! The one place the service asks the policy engine. A denial becomes a refusal citing every
//! deciding rule; evaluation errors deny, and are logged and counted, always.

use std::sync::atomic::{AtomicU64, Ordering};

use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_policy::{Act, AuthzRequest, Principal, Target};

use super::outcome::Refusal;
use crate::Service;

static POLICY_ERRORS: AtomicU64 = AtomicU64::new(0);

/// Decisions denied because the policy could not be evaluated (a metric).
pub fn policy_evaluation_errors() -> u64 {
    POLICY_ERRORS.load(Ordering::Relaxed)
}

impl Service {
    /// Asks the policy; a denial becomes a refusal citing every deciding rule (`default_text`
    /// when no rule decided, i.e. nothing permitted it).
    pub(crate) fn permit(
        &self,
        request: &AuthzRequest<'_>,
        default_text: impl FnOnce() -> String,
    ) -> Result<(), Refusal> {
        let decision = self.policy.authorize(request);
        if !decision.errors.is_empty() {
            POLICY_ERRORS.fetch_add(1, Ordering::Relaxed);
            crate::metrics::policy_evaluation_failed();
            tracing::error!(
                action = request.act().name(),
                operator = request.principal().id(),
                errors = ?decision.errors,
                "policy evaluation errors: the request is denied"
            );
        }
        if decision.allowed && decision.errors.is_empty() {
            return Ok(());
        }
        let message = decision
            .reasons
            .first()
            .map_or_else(default_text, |r| r.text.clone());
        Err(Refusal::refused(
            ReplyCode::NotAuthorized,
            message,
            decision.reasons,
        ))
    }

    /// Asks the policy about an act the person does in the name of the own agency, with no
    /// further facts.
    pub(crate) fn permit_act(
        &self,
        principal: &Principal,
        act: Act,
        target: Target<'_>,
        now: Timestamp,
        default_text: impl FnOnce() -> String,
    ) -> Result<(), Refusal> {
        self.permit(
            &AuthzRequest::new(principal, act, target, now.date()),
            default_text,
        )
    }
}
