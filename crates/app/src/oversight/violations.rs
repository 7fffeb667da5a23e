//! Violation cases (O3, 1240.110): opening one by its class, the agency's response, lifting an
//! immediate suspension, the hearing's record and the Director's decision. A suspension the
//! case imposes is written on the agency, naming the case, so the switch refuses exactly the
//! services or parts suspended; each notice and decision goes to the agency's queue.

use leads_domain::RuleId;
use leads_domain::access::{ServiceScope, Suspension};
use leads_domain::codes::ReplyCode;
use leads_domain::deadline::DeadlineKind;
use leads_domain::fields::Ori;
use leads_domain::oversight::{
    Deciding, EvidenceSide, Opening, OversightCommand, ViolationCase, ViolationClass,
    hearing_decision, violation_notice,
};
use leads_policy::OversightAction as A;
use leads_store::CaseKind;

use super::body::{Carried, OversightBody, ViolationView};
use super::common::{addressed, agency, authorize, end_of, letter, out_of_order};
use super::records::{self, name_of};
use crate::runner::{ADMINISTRATOR_QUEUE, Ctx, Refusal};

fn subject(ctx: &mut Ctx<'_>, ori: &Ori, id: Option<i64>) {
    ctx.audit.ori = Some(ori.to_string());
    ctx.audit.rules = vec![RuleId::O3];
    if let Some(id) = id {
        ctx.audit.records = vec![name_of(CaseKind::Violation, id)];
    }
}

/// Case `id`, named in the entry, with the policy's leave for `action` on its agency.
async fn open(ctx: &mut Ctx<'_>, id: i64, action: A) -> Result<ViolationCase, Refusal> {
    let case: ViolationCase = records::load(ctx.tx.as_mut(), CaseKind::Violation, id).await?;
    subject(ctx, &case.ori, Some(id));
    authorize(ctx, action, Some(&case.ori))?;
    Ok(case)
}

fn done(message: String, id: i64, case: ViolationCase) -> Carried {
    (
        ReplyCode::OversightDone,
        message,
        OversightBody::violation(id, case),
    )
}

fn scopes_text(scopes: &[ServiceScope]) -> String {
    scopes
        .iter()
        .map(|s| s.name().to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes the case's suspensions on the agency: `add` imposed, `remove` ended.
async fn apply_suspensions(
    ctx: &mut Ctx<'_>,
    ori: &Ori,
    id: i64,
    add: &[ServiceScope],
    remove: &[ServiceScope],
    reason: &str,
) -> Result<(), Refusal> {
    if add.is_empty() && remove.is_empty() {
        return Ok(());
    }
    let reference = name_of(CaseKind::Violation, id);
    let mut holder = agency(ctx.tx.as_mut(), ori).await?;
    holder
        .suspensions
        .retain(|s| !(s.reference == reference && remove.contains(&s.scope)));
    let by = ctx.who.person()?.id().to_owned();
    for scope in add {
        // Each case writes its own: one case's end leaves another's suspension in force.
        let held = holder
            .suspensions
            .iter()
            .any(|s| s.scope == *scope && s.reference == reference);
        if !held {
            holder.suspensions.push(Suspension {
                scope: *scope,
                reference: reference.clone(),
                reason: reason.to_owned(),
                since_micros: ctx.now.as_micros(),
                imposed_by: by.clone(),
            });
        }
    }
    ctx.tx.put_agency(&holder).await?;
    Ok(())
}

/// A case's suspension ended (lifted or restored): the case and the agency written, the
/// agency told.
async fn suspension_ended(
    ctx: &mut Ctx<'_>,
    id: i64,
    case: ViolationCase,
    ended: &[ServiceScope],
    kind: &str,
    text: String,
) -> Result<Carried, Refusal> {
    records::save(ctx.tx.as_mut(), CaseKind::Violation, id, &case, ctx.now).await?;
    let ori = case.ori.clone();
    apply_suspensions(ctx, &ori, id, &[], ended, "").await?;
    ctx.tx
        .post_message(ori.as_str(), kind, &text, ctx.now)
        .await?;
    Ok(done(text, id, case))
}

/// Opens a case: its notice to the agency, its suspension, and its deadline.
async fn open_case(ctx: &mut Ctx<'_>, opening: Opening<'_>) -> Result<Carried, Refusal> {
    let ori = opening.ori.clone();
    subject(ctx, &ori, None);
    let action = match opening.class {
        ViolationClass::Minor => A::PresentViolation,
        ViolationClass::Moderate | ViolationClass::Major => A::DecideSanction,
    };
    authorize(ctx, action, Some(&ori))?;
    let holder = agency(ctx.tx.as_mut(), &ori).await?;
    let case = ViolationCase::open(opening, ctx.now).map_err(out_of_order)?;
    let id = records::insert(
        ctx.tx.as_mut(),
        CaseKind::Violation,
        Some(&ori),
        &case,
        ctx.now,
    )
    .await?;
    let name = name_of(CaseKind::Violation, id);
    ctx.audit.records = vec![name.clone()];
    let reason = format!(
        "IMMEDIATE SUSPENSION (1240.110(c)): {}",
        case.allegations
            .iter()
            .map(|a| format!("RULE {} - {}", a.rule, a.text))
            .collect::<Vec<_>>()
            .join("; ")
    );
    apply_suspensions(ctx, &ori, id, &case.suspended_now(), &[], &reason).await?;
    let notice = violation_notice(&addressed(&holder), id, &case);
    ctx.tx
        .post_message(ori.as_str(), "violation_notice", &notice.text(), ctx.now)
        .await?;
    let message = match (case.response_due(), case.pending_hearing()) {
        (Some(due), _) => {
            ctx.tx
                .insert_deadline(
                    DeadlineKind::ViolationResponse,
                    ori.as_str(),
                    &name,
                    due,
                    ctx.now,
                )
                .await?;
            format!(
                "{name}: WRITTEN NOTICE OF A MINOR VIOLATION SENT TO {ori} - TO BE ADDRESSED BY {due}"
            )
        }
        (None, Some(hearing)) => {
            let on = hearing.on;
            ctx.tx
                .insert_deadline(
                    DeadlineKind::ViolationHearing,
                    ori.as_str(),
                    &name,
                    end_of(on),
                    ctx.now,
                )
                .await?;
            let suspended = case.suspended_now();
            if suspended.is_empty() {
                format!("{name}: HEARING SET FOR {on} - WRITTEN NOTICE SENT TO {ori}")
            } else {
                format!(
                    "{name}: {} SUSPENDED FOR {ori} AT ONCE - HEARING SET FOR {on}; NOTICE SENT",
                    scopes_text(&suspended)
                )
            }
        }
        (None, None) => format!("{name} OPENED"),
    };
    Ok(done(message, id, case))
}

/// Carries out one act on a violation case.
pub(super) async fn carry_out(
    ctx: &mut Ctx<'_>,
    command: OversightCommand,
    by: &str,
) -> Result<Carried, Refusal> {
    use OversightCommand as C;
    match command {
        C::OpenViolation {
            ori,
            class,
            allegations,
            hearing_on,
            suspend,
        } => {
            let opening = Opening {
                ori,
                class,
                allegations: &allegations,
                hearing_on,
                suspend: &suspend,
                by,
            };
            open_case(ctx, opening).await
        }
        C::RecordViolationResponse { id, head, text } => {
            let mut case = open(ctx, id, A::RespondToViolation).await?;
            let letter = letter(ctx, &head, &text, by);
            case.record_response(letter).map_err(out_of_order)?;
            records::save(ctx.tx.as_mut(), CaseKind::Violation, id, &case, ctx.now).await?;
            let name = name_of(CaseKind::Violation, id);
            ctx.tx
                .close_deadlines(
                    &name,
                    Some(DeadlineKind::ViolationResponse),
                    ctx.now,
                    "ADDRESSED",
                )
                .await?;
            Ok(done(
                format!("{name}: ADDRESSED BY THE AGENCY - CLOSED WITH NO SUSPENSION"),
                id,
                case,
            ))
        }
        C::SetHearing { id, hearing_on } => {
            let mut case = open(ctx, id, A::DecideSanction).await?;
            case.set_hearing(hearing_on, by, ctx.now)
                .map_err(out_of_order)?;
            records::save(ctx.tx.as_mut(), CaseKind::Violation, id, &case, ctx.now).await?;
            let name = name_of(CaseKind::Violation, id);
            let ori = case.ori.clone();
            ctx.tx
                .close_deadlines(
                    &name,
                    Some(DeadlineKind::ViolationResponse),
                    ctx.now,
                    "SET FOR HEARING",
                )
                .await?;
            ctx.tx
                .insert_deadline(
                    DeadlineKind::ViolationHearing,
                    ori.as_str(),
                    &name,
                    end_of(hearing_on),
                    ctx.now,
                )
                .await?;
            let holder = agency(ctx.tx.as_mut(), &ori).await?;
            let notice = violation_notice(&addressed(&holder), id, &case);
            ctx.tx
                .post_message(ori.as_str(), "violation_notice", &notice.text(), ctx.now)
                .await?;
            Ok(done(
                format!(
                    "{name}: NOT PROMPTLY ADDRESSED - HEARING SET FOR {hearing_on}; NOTICE SENT"
                ),
                id,
                case,
            ))
        }
        C::Reinstate { id, reason } => {
            let mut case = open(ctx, id, A::DecideSanction).await?;
            let ended = case.reinstate(&reason, by, ctx.now).map_err(out_of_order)?;
            let text = format!(
                "VIOLATION {id}: THE DIRECTOR RESTORED {} (1240.110(e)(3)): {}",
                scopes_text(&ended),
                reason.trim()
            );
            suspension_ended(ctx, id, case, &ended, "services_restored", text).await
        }
        C::LiftBeforeHearing { id, reason } => {
            let mut case = open(ctx, id, A::DecideSanction).await?;
            let lifted = case
                .lift_before_hearing(&reason, by, ctx.now)
                .map_err(out_of_order)?;
            let text = format!(
                "VIOLATION {id}: THE DIRECTOR LIFTED THE SUSPENSION OF {} BEFORE THE HEARING FOR EMERGENCY OR PUBLIC SAFETY NEEDS (1240.110(c)(3)): {} - THE HEARING STANDS",
                scopes_text(&lifted),
                reason.trim()
            );
            suspension_ended(ctx, id, case, &lifted, "suspension_lifted", text).await
        }
        C::RecordAppearance { id, name, capacity } => {
            let mut case = open(ctx, id, A::DecideSanction).await?;
            case.record_appearance(&name, &capacity, ctx.now)
                .map_err(out_of_order)?;
            records::save(ctx.tx.as_mut(), CaseKind::Violation, id, &case, ctx.now).await?;
            Ok(done(
                format!(
                    "VIOLATION {id}: {} APPEARED ({})",
                    name.trim(),
                    capacity.trim()
                ),
                id,
                case,
            ))
        }
        C::RecordEvidence {
            id,
            side,
            document,
            description,
        } => {
            let action = match side {
                EvidenceSide::Administrator => A::PresentViolation,
                EvidenceSide::Agency => A::RespondToViolation,
            };
            let mut case = open(ctx, id, action).await?;
            case.record_evidence(side, &document, &description, by, ctx.now)
                .map_err(out_of_order)?;
            records::save(ctx.tx.as_mut(), CaseKind::Violation, id, &case, ctx.now).await?;
            Ok(done(
                format!("VIOLATION {id}: EVIDENCE {} RECORDED", document.trim()),
                id,
                case,
            ))
        }
        C::DecideHearing {
            id,
            outcome,
            services,
            comply_by,
            next_hearing,
            text,
        } => {
            let mut case = open(ctx, id, A::DecideSanction).await?;
            let deciding = Deciding {
                outcome,
                services: &services,
                comply_by,
                next_hearing,
                text: &text,
                by,
            };
            let effect = case.decide(deciding, ctx.now).map_err(out_of_order)?;
            records::save(ctx.tx.as_mut(), CaseKind::Violation, id, &case, ctx.now).await?;
            let ori = case.ori.clone();
            let reason = format!("DIRECTOR'S DECISION (1240.110(e)): {}", text.trim());
            apply_suspensions(ctx, &ori, id, &effect.suspended, &effect.ended, &reason).await?;
            let name = name_of(CaseKind::Violation, id);
            ctx.tx
                .close_deadlines(
                    &name,
                    Some(DeadlineKind::ViolationHearing),
                    ctx.now,
                    "DECIDED",
                )
                .await?;
            if let Some(next) = case.pending_hearing().map(|h| h.on) {
                ctx.tx
                    .insert_deadline(
                        DeadlineKind::ViolationHearing,
                        ori.as_str(),
                        &name,
                        end_of(next),
                        ctx.now,
                    )
                    .await?;
            }
            let holder = agency(ctx.tx.as_mut(), &ori).await?;
            let decided = case.last_decided().unwrap_or_default();
            if let Some(order) = hearing_decision(&addressed(&holder), id, &case, decided) {
                ctx.tx
                    .post_message(ori.as_str(), "hearing_decision", &order.text(), ctx.now)
                    .await?;
                ctx.tx
                    .post_message(
                        ADMINISTRATOR_QUEUE,
                        "hearing_decision",
                        &order.text(),
                        ctx.now,
                    )
                    .await?;
            }
            Ok(done(
                format!(
                    "{name}: DIRECTOR'S DECISION RECORDED - {}",
                    outcome.name().to_ascii_uppercase()
                ),
                id,
                case,
            ))
        }
        C::ShowViolation { id } => {
            let case = open(ctx, id, A::ReadOversight).await?;
            Ok((
                ReplyCode::OversightRead,
                format!(
                    "VIOLATION {id} OF {}: {}",
                    case.ori,
                    case.class.name().to_ascii_uppercase()
                ),
                OversightBody::violation(id, case),
            ))
        }
        C::ListViolations { ori } => {
            ctx.audit.ori = ori.as_ref().map(ToString::to_string);
            ctx.audit.rules = vec![RuleId::O3];
            authorize(ctx, A::ReadOversight, ori.as_ref())?;
            let cases: Vec<(i64, ViolationCase)> =
                records::all(ctx.tx.as_mut(), CaseKind::Violation, ori.as_ref()).await?;
            let views: Vec<ViolationView> = cases
                .into_iter()
                .map(|(id, c)| ViolationView::of(id, c))
                .collect();
            Ok((
                ReplyCode::OversightRead,
                format!("{} VIOLATION CASE(S)", views.len()),
                OversightBody {
                    violations: views,
                    ..OversightBody::default()
                },
            ))
        }
        other => Err(Refusal::failed(format!(
            "{} IS NOT AN ACT ON A VIOLATION CASE",
            other.name().to_ascii_uppercase()
        ))),
    }
}
