//! Training (T3, 1240.90(b)(5)-(8)): the agency's training roll with every training, test and
//! proficiency affirmation; the six-month deadline for the basic training of indirect users
//! and practitioners; and the Department's bulletins, sent to every active agency's queue and
//! acknowledged by each (a deadline each until it is).

use leads_domain::RuleId;
use leads_domain::access::AgencyStatus;
use leads_domain::codes::ReplyCode;
use leads_domain::deadline::DeadlineKind;
use leads_domain::oversight::{
    BASIC_TRAINING, Bulletin, OutOfOrder, OversightCommand, Trainee, TrainingRecord,
};
use leads_policy::OversightAction as A;
use leads_store::CaseKind;

use super::body::{Carried, OversightBody, TraineeView};
use super::common::{agency, authorize, end_of, out_of_order};
use super::records::{self, name_of};
use crate::runner::{Ctx, Refusal};

/// How a trainee is named in deadlines and messages (`TRAINEE 4 (JO SMITH)`).
fn trainee_name(id: i64, trainee: &Trainee) -> String {
    format!("{} ({})", name_of(CaseKind::Trainee, id), trainee.name)
}

/// The subject of one agency's acknowledgement deadline (`BULLETIN 2 TO IL0160000`).
fn acknowledgement_of(bulletin: &str, ori: &leads_domain::fields::Ori) -> String {
    format!("{bulletin} TO {ori}")
}

fn trainees(list: Vec<TraineeView>) -> OversightBody {
    OversightBody {
        trainees: list,
        ..OversightBody::default()
    }
}

fn bulletins(list: Vec<(i64, Bulletin)>) -> OversightBody {
    OversightBody {
        bulletins: list,
        ..OversightBody::default()
    }
}

/// Carries out one act on training records or bulletins.
pub(super) async fn carry_out(
    ctx: &mut Ctx<'_>,
    command: OversightCommand,
    by: &str,
) -> Result<Carried, Refusal> {
    use OversightCommand as C;
    ctx.audit.rules = vec![RuleId::T3];
    match command {
        C::RegisterTrainee {
            ori,
            name,
            person,
            category,
            since,
        } => {
            ctx.audit.ori = Some(ori.to_string());
            authorize(ctx, A::KeepTrainingRecords, Some(&ori))?;
            agency(ctx.tx.as_mut(), &ori).await?;
            if let Some(id) = &person {
                let account = ctx.tx.account(id).await?;
                if account.is_none_or(|a| a.person.ori != ori) {
                    return Err(out_of_order(OutOfOrder::new(
                        BASIC_TRAINING,
                        format!("{id} IS NOT A PERSON OF {ori}"),
                    )));
                }
            }
            let trainee = Trainee::register(ori.clone(), &name, person, category, since, ctx.now)
                .map_err(out_of_order)?;
            let id = records::insert(
                ctx.tx.as_mut(),
                CaseKind::Trainee,
                Some(&ori),
                &trainee,
                ctx.now,
            )
            .await?;
            let subject = trainee_name(id, &trainee);
            ctx.audit.records = vec![subject.clone()];
            let mut message = format!("{subject} ON THE TRAINING ROLL OF {ori}");
            if let Some(by_day) = trainee.trained_by() {
                ctx.tx
                    .insert_deadline(
                        DeadlineKind::BasicTraining,
                        ori.as_str(),
                        &subject,
                        end_of(by_day),
                        ctx.now,
                    )
                    .await?;
                message.push_str(&format!(" - BASIC TRAINING DUE BY {by_day}"));
            }
            Ok((
                ReplyCode::OversightDone,
                message,
                trainees(vec![TraineeView::of(id, trainee)]),
            ))
        }
        C::RecordTraining {
            trainee,
            kind,
            on,
            instructor,
            result,
        } => {
            let mut record: Trainee =
                records::load(ctx.tx.as_mut(), CaseKind::Trainee, trainee).await?;
            ctx.audit.ori = Some(record.ori.to_string());
            let subject = trainee_name(trainee, &record);
            ctx.audit.records = vec![subject.clone()];
            authorize(ctx, A::KeepTrainingRecords, Some(&record.ori))?;
            let was_trained = record.is_trained();
            let entry = TrainingRecord {
                kind,
                on,
                instructor: instructor.trim().to_owned(),
                result: result.map(|r| r.trim().to_owned()),
                recorded_by: by.to_owned(),
            };
            let trained = record.record(entry, ctx.now).map_err(out_of_order)?;
            records::save(
                ctx.tx.as_mut(),
                CaseKind::Trainee,
                trainee,
                &record,
                ctx.now,
            )
            .await?;
            let mut message = format!(
                "{subject}: {} ON {on} RECORDED",
                kind.name().to_ascii_uppercase()
            );
            if trained && !was_trained {
                ctx.tx
                    .close_deadlines(
                        &subject,
                        Some(DeadlineKind::BasicTraining),
                        ctx.now,
                        "TRAINED",
                    )
                    .await?;
                message.push_str(" - THE REQUIRED BASIC TRAINING IS ON RECORD");
            }
            Ok((
                ReplyCode::OversightDone,
                message,
                trainees(vec![TraineeView::of(trainee, record)]),
            ))
        }
        C::ListTrainees { ori } => {
            ctx.audit.ori = ori.as_ref().map(ToString::to_string);
            authorize(ctx, A::ReadOversight, ori.as_ref())?;
            let all: Vec<(i64, Trainee)> =
                records::all(ctx.tx.as_mut(), CaseKind::Trainee, ori.as_ref()).await?;
            let views: Vec<TraineeView> = all
                .into_iter()
                .map(|(id, t)| TraineeView::of(id, t))
                .collect();
            let untrained = views.iter().filter(|v| !v.trained).count();
            Ok((
                ReplyCode::OversightRead,
                format!(
                    "{} ON THE TRAINING ROLL, {untrained} WITHOUT THE REQUIRED BASIC TRAINING",
                    views.len()
                ),
                trainees(views),
            ))
        }
        C::IssueBulletin { title, text } => {
            authorize(ctx, A::IssueBulletin, None)?;
            let to: Vec<_> = ctx
                .tx
                .agencies()
                .await?
                .into_iter()
                .filter(|a| a.status == AgencyStatus::Active)
                .map(|a| a.ori)
                .collect();
            let bulletin = Bulletin::issue(&title, &text, to, by, ctx.now).map_err(out_of_order)?;
            let id = records::insert(
                ctx.tx.as_mut(),
                CaseKind::Bulletin,
                None,
                &bulletin,
                ctx.now,
            )
            .await?;
            let name = name_of(CaseKind::Bulletin, id);
            ctx.audit.records = vec![name.clone()];
            let letter = format!(
                "DEPARTMENT {name}: {}\n{}\nACKNOWLEDGE IT WITH `leads oversight acknowledge-bulletin id={id}` AND PASS IT TO THE INDIRECT USERS AND PRACTITIONERS YOU SERVE (1240.90(b)(7))",
                bulletin.title, bulletin.text
            );
            let due =
                leads_domain::deadline::due_after(DeadlineKind::BulletinAcknowledgement, ctx.now);
            for ori in &bulletin.addressed_to {
                ctx.tx
                    .post_message(ori.as_str(), "department_bulletin", &letter, ctx.now)
                    .await?;
                ctx.tx
                    .insert_deadline(
                        DeadlineKind::BulletinAcknowledgement,
                        ori.as_str(),
                        &acknowledgement_of(&name, ori),
                        due,
                        ctx.now,
                    )
                    .await?;
            }
            Ok((
                ReplyCode::OversightDone,
                format!(
                    "{name} SENT TO {} AGENCIES - EACH TO ACKNOWLEDGE IT BY {due}",
                    bulletin.addressed_to.len()
                ),
                bulletins(vec![(id, bulletin)]),
            ))
        }
        C::AcknowledgeBulletin { id } => {
            let ori = ctx.who.person()?.agency.ori.clone();
            ctx.audit.ori = Some(ori.to_string());
            let name = name_of(CaseKind::Bulletin, id);
            ctx.audit.records = vec![name.clone()];
            authorize(ctx, A::AcknowledgeBulletin, Some(&ori))?;
            let mut bulletin: Bulletin =
                records::load(ctx.tx.as_mut(), CaseKind::Bulletin, id).await?;
            bulletin
                .acknowledge(&ori, by, ctx.now)
                .map_err(out_of_order)?;
            records::save(ctx.tx.as_mut(), CaseKind::Bulletin, id, &bulletin, ctx.now).await?;
            ctx.tx
                .close_deadlines(
                    &acknowledgement_of(&name, &ori),
                    Some(DeadlineKind::BulletinAcknowledgement),
                    ctx.now,
                    "ACKNOWLEDGED",
                )
                .await?;
            Ok((
                ReplyCode::OversightDone,
                format!("{name} ACKNOWLEDGED FOR {ori}"),
                bulletins(vec![(id, bulletin)]),
            ))
        }
        C::ListBulletins => {
            // The Department reads every bulletin; an agency's coordinator those sent to it.
            let own = ctx.who.person()?.agency.ori.clone();
            let statewide = authorize(ctx, A::ReadOversight, None).is_ok();
            if !statewide {
                ctx.audit.ori = Some(own.to_string());
                authorize(ctx, A::ReadOversight, Some(&own))?;
            }
            let mut all: Vec<(i64, Bulletin)> =
                records::all(ctx.tx.as_mut(), CaseKind::Bulletin, None).await?;
            if !statewide {
                all.retain(|(_, b)| b.addressed_to.contains(&own));
            }
            Ok((
                ReplyCode::OversightRead,
                format!("{} BULLETIN(S)", all.len()),
                bulletins(all),
            ))
        }
        other => Err(Refusal::failed(format!(
            "{} IS NOT AN ACT ON TRAINING OR BULLETINS",
            other.name().to_ascii_uppercase()
        ))),
    }
}
