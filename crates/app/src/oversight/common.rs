//! What the oversight acts share: the audit as shown, the policy question, a step out of
//! order as a refusal, and how a case and an agency are named in documents.

use leads_domain::access::Agency;
use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::fields::{FieldDate, Ori};
use leads_domain::oversight::{AgencyAudit, AgencyName, OutOfOrder, WrittenNotice};
use leads_domain::reply::Reason;
use leads_policy::{Act, AuthzRequest, OversightAction, Target};
use leads_store::StoreTx;

use crate::runner::{Ctx, Refusal};

/// The agency named, or a refusal that it is not on file.
pub(super) async fn agency(tx: &mut dyn StoreTx, ori: &Ori) -> Result<Agency, Refusal> {
    tx.agency(ori)
        .await?
        .ok_or_else(|| Refusal::rejected(ReplyCode::NotFound, format!("AGENCY {ori} NOT FOUND")))
}

/// A letter of the agency head, received now.
pub(super) fn letter(ctx: &Ctx<'_>, head: &str, text: &str, by: &str) -> WrittenNotice {
    WrittenNotice {
        head: head.trim().to_owned(),
        text: text.trim().to_owned(),
        received_at: ctx.now.as_micros(),
        recorded_by: by.to_owned(),
    }
}

/// The day of the act.
pub(super) fn today(ctx: &Ctx<'_>) -> FieldDate {
    FieldDate::from_date(ctx.now.date())
}

/// The end of `day` (00:00 UTC of the next): when a deadline set for the day falls.
pub(super) fn end_of(day: FieldDate) -> Timestamp {
    let next = day.date().next_day().unwrap_or(day.date());
    Timestamp::from_micros(next.midnight().assume_utc().unix_timestamp() * 1_000_000)
}

/// An audit as the API shows it: its number, the audit, and its deadlines.
#[derive(Debug, Clone)]
pub struct AuditView {
    pub id: i64,
    pub audit: AgencyAudit,
    /// When the agency head's plan of action is due (an out-of-compliance report).
    pub plan_due: Option<Timestamp>,
    /// When the notice that the plan is accomplished is due.
    pub completion_due: Option<Timestamp>,
}

impl AuditView {
    pub(crate) fn of(id: i64, audit: AgencyAudit) -> AuditView {
        let corrective = audit.corrective.as_ref();
        AuditView {
            id,
            plan_due: corrective
                .filter(|c| c.plan.is_none())
                .map(leads_domain::oversight::CorrectiveAction::plan_due),
            completion_due: corrective
                .filter(|c| !c.is_closed())
                .and_then(leads_domain::oversight::CorrectiveAction::completion_due),
            audit,
        }
    }
}

/// A step out of order as a refusal citing its paragraph.
pub(crate) fn out_of_order(error: OutOfOrder) -> Refusal {
    let reason = Reason::rule(error.cite, error.text.clone());
    Refusal::refused(ReplyCode::OutOfOrder, error.text, vec![reason])
}

/// What an act may do, to which agency, asked of the oversight policies.
pub(crate) fn authorize(
    ctx: &Ctx<'_>,
    action: OversightAction,
    ori: Option<&Ori>,
) -> Result<(), Refusal> {
    let principal = ctx.who.person()?;
    let target = ori.map_or(Target::Statewide, Target::Agency);
    let request = AuthzRequest::new(principal, Act::Oversight(action), target, ctx.now.date());
    ctx.service
        .permit(&request, || "NO POLICY PERMITS THIS OVERSIGHT ACT".into())
}

/// The subject of an audit's deadlines and notices.
pub(crate) fn case_name(id: i64) -> String {
    format!("AUDIT {id}")
}

/// The agency a document is addressed to.
pub(crate) fn addressed(agency: &Agency) -> AgencyName<'_> {
    AgencyName {
        ori: agency.ori.as_str(),
        name: &agency.name,
    }
}
