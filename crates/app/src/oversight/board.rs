//! The Advisory Policy Board (O4, 1240.20): members the Director appoints, meetings with
//! their minutes, recommendations linked to the cases they concern, and the Director's
//! response. A recommendation's linked cases must be on file.

use leads_domain::RuleId;
use leads_domain::codes::ReplyCode;
use leads_domain::oversight::{
    BOARD_SCOPE, BoardMeeting, BoardMember, OutOfOrder, OversightCommand,
};
use leads_policy::OversightAction as A;
use leads_store::CaseKind;

use super::body::{Carried, OversightBody};
use super::common::{authorize, out_of_order, today};
use super::records::{self, name_of};
use crate::runner::{ADMINISTRATOR_QUEUE, Ctx, Refusal};

fn members(list: Vec<(i64, BoardMember)>) -> OversightBody {
    OversightBody {
        members: list,
        ..OversightBody::default()
    }
}

fn meetings(list: Vec<(i64, BoardMeeting)>) -> OversightBody {
    OversightBody {
        meetings: list,
        ..OversightBody::default()
    }
}

fn done(message: String, body: OversightBody) -> Carried {
    (ReplyCode::OversightDone, message, body)
}

/// A case named by a recommendation (`VIOLATION 2`, `AUDIT 5`) is on file.
async fn case_on_file(ctx: &mut Ctx<'_>, name: &str) -> Result<String, Refusal> {
    let upper = name.trim().to_ascii_uppercase();
    let missing = || {
        out_of_order(OutOfOrder::new(
            BOARD_SCOPE,
            format!("{upper} IS NOT A CASE ON FILE - NAME IT AS `AUDIT n` OR `VIOLATION n`"),
        ))
    };
    let (word, number) = upper.rsplit_once(' ').ok_or_else(missing)?;
    let id: i64 = number.parse().map_err(|_| missing())?;
    let found = match word {
        "AUDIT" => ctx.tx.oversight().audit(id).await?.is_some(),
        "VIOLATION" => ctx
            .tx
            .oversight()
            .case(CaseKind::Violation, id)
            .await?
            .is_some(),
        _ => false,
    };
    if found { Ok(upper) } else { Err(missing()) }
}

/// Carries out one act on the Board's records.
pub(super) async fn carry_out(
    ctx: &mut Ctx<'_>,
    command: OversightCommand,
    by: &str,
) -> Result<Carried, Refusal> {
    use OversightCommand as C;
    ctx.audit.rules = vec![RuleId::O4];
    match command {
        C::AppointBoardMember {
            name,
            represents,
            appointed_on,
        } => {
            // Only the Director appoints (1240.20(a)); the Administrator keeps the records.
            authorize(ctx, A::RespondToBoard, None)?;
            let member =
                BoardMember::appoint(&name, &represents, appointed_on, by).map_err(out_of_order)?;
            let id = records::insert(
                ctx.tx.as_mut(),
                CaseKind::BoardMember,
                None,
                &member,
                ctx.now,
            )
            .await?;
            ctx.audit.records = vec![name_of(CaseKind::BoardMember, id)];
            Ok(done(
                format!(
                    "BOARD MEMBER {id}: {} ({}) APPOINTED",
                    member.name, member.represents
                ),
                members(vec![(id, member)]),
            ))
        }
        C::EndBoardMembership {
            member,
            ended_on,
            reason,
        } => {
            authorize(ctx, A::RespondToBoard, None)?;
            let mut record: BoardMember =
                records::load(ctx.tx.as_mut(), CaseKind::BoardMember, member).await?;
            record.end(ended_on, &reason).map_err(out_of_order)?;
            records::save(
                ctx.tx.as_mut(),
                CaseKind::BoardMember,
                member,
                &record,
                ctx.now,
            )
            .await?;
            ctx.audit.records = vec![name_of(CaseKind::BoardMember, member)];
            Ok(done(
                format!("BOARD MEMBER {member}: MEMBERSHIP ENDED {ended_on}"),
                members(vec![(member, record)]),
            ))
        }
        C::RecordBoardMeeting {
            held_on,
            present,
            minutes,
        } => {
            authorize(ctx, A::KeepBoardRecords, None)?;
            for id in &present {
                let member: BoardMember =
                    records::load(ctx.tx.as_mut(), CaseKind::BoardMember, *id).await?;
                if !member.serves_on(held_on) {
                    return Err(out_of_order(OutOfOrder::new(
                        BOARD_SCOPE,
                        format!("{} WAS NOT A MEMBER OF THE BOARD ON {held_on}", member.name),
                    )));
                }
            }
            let meeting = BoardMeeting::record(held_on, present, &minutes, by, ctx.now)
                .map_err(out_of_order)?;
            let id = records::insert(
                ctx.tx.as_mut(),
                CaseKind::BoardMeeting,
                None,
                &meeting,
                ctx.now,
            )
            .await?;
            ctx.audit.records = vec![name_of(CaseKind::BoardMeeting, id)];
            Ok(done(
                format!("BOARD MEETING {id} OF {held_on} RECORDED"),
                meetings(vec![(id, meeting)]),
            ))
        }
        C::RecordRecommendation {
            meeting,
            topic,
            text,
            cases,
        } => {
            authorize(ctx, A::KeepBoardRecords, None)?;
            let mut record: BoardMeeting =
                records::load(ctx.tx.as_mut(), CaseKind::BoardMeeting, meeting).await?;
            let mut linked = Vec::new();
            for case in &cases {
                linked.push(case_on_file(ctx, case).await?);
            }
            let number = record
                .recommend(topic, &text, linked.clone())
                .map_err(out_of_order)?;
            records::save(
                ctx.tx.as_mut(),
                CaseKind::BoardMeeting,
                meeting,
                &record,
                ctx.now,
            )
            .await?;
            let mut names = vec![name_of(CaseKind::BoardMeeting, meeting)];
            names.extend(linked);
            ctx.audit.records = names;
            ctx.tx
                .post_message(
                    ADMINISTRATOR_QUEUE,
                    "board_recommendation",
                    &format!(
                        "BOARD MEETING {meeting}, RECOMMENDATION {number} AWAITS THE DIRECTOR'S RESPONSE: {}",
                        text.trim()
                    ),
                    ctx.now,
                )
                .await?;
            Ok(done(
                format!("BOARD MEETING {meeting}: RECOMMENDATION {number} RECORDED"),
                meetings(vec![(meeting, record)]),
            ))
        }
        C::RespondToRecommendation {
            meeting,
            number,
            answer,
            text,
        } => {
            authorize(ctx, A::RespondToBoard, None)?;
            let mut record: BoardMeeting =
                records::load(ctx.tx.as_mut(), CaseKind::BoardMeeting, meeting).await?;
            record
                .respond(number, answer, &text, by, ctx.now)
                .map_err(out_of_order)?;
            records::save(
                ctx.tx.as_mut(),
                CaseKind::BoardMeeting,
                meeting,
                &record,
                ctx.now,
            )
            .await?;
            ctx.audit.records = vec![name_of(CaseKind::BoardMeeting, meeting)];
            Ok(done(
                format!(
                    "BOARD MEETING {meeting}: THE DIRECTOR RESPONDED TO RECOMMENDATION {number}"
                ),
                meetings(vec![(meeting, record)]),
            ))
        }
        C::ShowBoard => {
            authorize(ctx, A::ReadOversight, None)?;
            let all_members = records::all(ctx.tx.as_mut(), CaseKind::BoardMember, None).await?;
            let all_meetings = records::all(ctx.tx.as_mut(), CaseKind::BoardMeeting, None).await?;
            let day = today(ctx);
            let serving = all_members
                .iter()
                .filter(|(_, m): &&(i64, BoardMember)| m.serves_on(day))
                .count();
            Ok((
                ReplyCode::OversightRead,
                format!(
                    "ADVISORY POLICY BOARD: {serving} MEMBER(S) SERVING, {} MEETING(S)",
                    all_meetings.len()
                ),
                OversightBody {
                    members: all_members,
                    meetings: all_meetings,
                    ..OversightBody::default()
                },
            ))
        }
        other => Err(Refusal::failed(format!(
            "{} IS NOT AN ACT ON THE BOARD'S RECORDS",
            other.name().to_ascii_uppercase()
        ))),
    }
}
