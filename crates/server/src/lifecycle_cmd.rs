//! The record lifecycle from the command line (`leads client verify / mailbox / ack /
//! compliance`) and the server's periodic deadline sweep.

use std::time::Duration;

use leads_api_types::ItemsBody;
use leads_app::Service;
use leads_client::Client;

use crate::args::Session;

/// How often `serve` sweeps the deadlines.
pub const SWEEP_PERIOD: Duration = Duration::from_secs(60);

/// How many sweeps pass between two looks for accounts unused too long (once an hour).
const INACTIVITY_EVERY: u32 = 60;

/// Sweeps the deadlines, and disposes of SOS case images whose retention or transmission
/// window ended, every [`SWEEP_PERIOD`] for as long as the server runs; disables accounts
/// unused too long at the start and then hourly.
pub async fn sweeper(service: Service) {
    let mut interval = tokio::time::interval(SWEEP_PERIOD);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut ticks: u32 = 0;
    loop {
        interval.tick().await;
        if ticks.is_multiple_of(INACTIVITY_EVERY)
            && let Err(error) = service.sweep_inactive_accounts().await
        {
            tracing::error!(%error, "inactivity sweep failed");
        }
        ticks = ticks.wrapping_add(1);
        if let Err(error) = service.sweep_deadlines().await {
            tracing::error!(%error, "deadline sweep failed");
        }
        if let Err(error) = service.dispose_sos_images().await {
            tracing::error!(%error, "SOS image disposal failed");
        }
    }
}

fn signed_in(session: &Session) -> Client {
    Client::new(&session.server.url).with_token(session.token.clone())
}

/// Prints a refusal with its rules; true when the call was accepted.
fn accepted<T>(reply: &ItemsBody<T>) -> bool {
    if reply.outcome == "accepted" {
        return true;
    }
    crate::say!("{}: {}", reply.code, reply.message);
    for reason in &reply.reasons {
        crate::say!(
            "  RULE {} ({}): {}",
            reason.rule,
            reason.citation,
            reason.text
        );
    }
    false
}

pub async fn verify(session: &Session, lrn: &str, checked: &str) -> anyhow::Result<i32> {
    let client = signed_in(session);
    let reply = client.verify_record(lrn, checked).await.map_err(explain)?;
    if !accepted(&reply) {
        return Ok(1);
    }
    crate::say!("{}", reply.message);
    Ok(0)
}

pub async fn validate(session: &Session, lrn: &str, confirmed: &str) -> anyhow::Result<i32> {
    let client = signed_in(session);
    let reply = client
        .validate_record(lrn, confirmed)
        .await
        .map_err(explain)?;
    if !accepted(&reply) {
        return Ok(1);
    }
    crate::say!("{}", reply.message);
    Ok(0)
}

/// A serious-error report, or a removal when `remove`.
pub async fn record_act(
    session: &Session,
    lrn: &str,
    text: &str,
    remove: bool,
) -> anyhow::Result<i32> {
    let client = signed_in(session);
    let reply = if remove {
        client.remove_record(lrn, text).await
    } else {
        client.report_serious_error(lrn, text).await
    }
    .map_err(explain)?;
    if !accepted(&reply) {
        return Ok(1);
    }
    crate::say!("{}", reply.message);
    Ok(0)
}

pub async fn shifts(session: &Session, ori: &str, starts: &[String]) -> anyhow::Result<i32> {
    let client = signed_in(session);
    let reply = client.define_shifts(ori, starts).await.map_err(explain)?;
    if !accepted(&reply) {
        return Ok(1);
    }
    crate::say!("{}: {}", reply.message, reply.items.join(" "));
    Ok(0)
}

pub async fn staffing(session: &Session, ori: Option<&str>, days: i64) -> anyhow::Result<i32> {
    let client = signed_in(session);
    let reply = client.staffing(ori, days).await.map_err(explain)?;
    if !accepted(&reply) {
        return Ok(1);
    }
    for gap in &reply.items {
        crate::say!(
            "NO CERTIFIED OPERATOR SIGNED IN {} TO {} ({} H)",
            gap.from,
            gap.to,
            gap.hours
        );
    }
    let hours: i64 = reply.items.iter().map(|g| g.hours).sum();
    let agency = reply.ori.clone().unwrap_or_default();
    crate::say!("{agency}: {hours} UNSTAFFED HOUR(S) IN THE LAST {days} DAY(S)");
    Ok(if hours == 0 { 0 } else { 1 })
}

pub async fn mailbox(session: &Session, ori: Option<&str>, unread: bool) -> anyhow::Result<i32> {
    let client = signed_in(session);
    let reply = client.mailbox(ori, unread).await.map_err(explain)?;
    if !accepted(&reply) {
        return Ok(1);
    }
    for m in &reply.items {
        let state = m
            .read_by
            .as_deref()
            .map_or("NEW".to_owned(), |by| format!("ACK {by}"));
        crate::say!(
            "{:>6} {} {:<18} {:<12} {}",
            m.id,
            m.at,
            m.kind,
            state,
            m.text
        );
    }
    let queue = reply
        .ori
        .clone()
        .unwrap_or_else(|| "THE ADMINISTRATOR".into());
    crate::say!("{} MESSAGE(S) FOR {queue}", reply.items.len());
    Ok(0)
}

pub async fn acknowledge(session: &Session, id: i64, ori: Option<&str>) -> anyhow::Result<i32> {
    let client = signed_in(session);
    let reply = client.acknowledge(id, ori).await.map_err(explain)?;
    if !accepted(&reply) {
        return Ok(1);
    }
    crate::say!("{}", reply.message);
    Ok(0)
}

/// The compliance view: one agency's overview, or with `--ori ALL` every agency's open
/// deadlines.
pub async fn compliance(session: &Session, ori: Option<&str>) -> anyhow::Result<i32> {
    let client = signed_in(session);
    if ori.is_some_and(|o| o.eq_ignore_ascii_case("ALL")) {
        let reply = client.compliance(ori).await.map_err(explain)?;
        if !accepted(&reply) {
            return Ok(1);
        }
        print_deadlines(&reply.items);
        return Ok(0);
    }
    let reply = client.compliance_overview(ori).await.map_err(explain)?;
    if !accepted(&reply) {
        return Ok(1);
    }
    let agency = reply.ori.clone().unwrap_or_default();
    for overview in &reply.items {
        crate::say!("== {agency}: OPEN DEADLINES");
        print_deadlines(&overview.deadlines);
        crate::say!("== LATE WARRANT ENTRIES (H3)");
        for e in &overview.late_entries {
            let why = e.emergency.as_deref().unwrap_or("NO EMERGENCY STATED");
            crate::say!(
                "{} {} {} MIN LATE - {why}",
                e.lrn,
                e.entry_key,
                e.minutes_late
            );
        }
        crate::say!("== REGISTRANT PHOTOS (I3)");
        for p in &overview.photos {
            let due = p.due.as_deref().unwrap_or("NOW");
            crate::say!(
                "{} {} {} DUE {due}",
                p.lrn,
                p.file,
                p.standing.to_uppercase()
            );
        }
        crate::say!("== HOURS WITHOUT A CERTIFIED OPERATOR SIGNED IN, LAST 7 DAYS (H1)");
        for g in &overview.staffing_gaps {
            crate::say!("{} TO {} ({} H)", g.from, g.to, g.hours);
        }
        crate::say!("== DISCIPLINE STANDARDS (S4)");
        match &overview.discipline_standards {
            Some(d) => crate::say!("{} ADOPTED {}", d.document, d.adopted_on),
            None => crate::say!(
                "NONE ON FILE - THE AGENCY KEEPS WRITTEN STANDARDS FOR DISCIPLINING LEADS AND NCIC POLICY VIOLATORS (1240.50(b)(5))"
            ),
        }
        crate::say!("== NON-COMPLIANCE (1240.100(e), (f))");
        for n in &overview.non_compliance {
            crate::say!(
                "SINCE {} {} RULE {} ({}): {}",
                n.since,
                n.case,
                n.rule,
                n.citation,
                n.reason
            );
        }
        crate::say!(
            "{agency}: {} OPEN DEADLINES, {} LATE ENTRIES, {} PHOTOS, {} STAFFING GAPS",
            overview.deadlines.len(),
            overview.late_entries.len(),
            overview.photos.len(),
            overview.staffing_gaps.len()
        );
    }
    Ok(0)
}

fn print_deadlines(deadlines: &[leads_api_types::DeadlineBody]) {
    crate::say!(
        "RULE KIND               ORI        RECORD     DUE                          NOTICES"
    );
    for d in deadlines {
        crate::say!(
            "{:<4} {:<18} {:<10} {:<10} {:<28} {}{}",
            d.rule,
            d.kind,
            d.ori,
            d.subject,
            d.due_at,
            d.notices,
            if d.overdue { " OVERDUE" } else { "" }
        );
    }
    let overdue = deadlines.iter().filter(|d| d.overdue).count();
    crate::say!("{} OPEN, {overdue} OVERDUE", deadlines.len());
}

pub async fn late_entries(session: &Session, ori: Option<&str>) -> anyhow::Result<i32> {
    let client = signed_in(session);
    let reply = client.late_entries(ori).await.map_err(explain)?;
    if !accepted(&reply) {
        return Ok(1);
    }
    crate::say!(
        "LRN        ORI        MKE  RECEIVED                     ENTERED                      LATE"
    );
    for e in &reply.items {
        crate::say!(
            "{:<10} {:<10} {:<4} {:<28} {:<28} {} MIN{}",
            e.lrn,
            e.ori,
            e.entry_key,
            e.received_at,
            e.entered_at,
            e.minutes_late,
            e.emergency
                .as_deref()
                .map(|why| format!(" - EMERGENCY: {why}"))
                .unwrap_or_default()
        );
    }
    let unexcused = reply.items.iter().filter(|e| e.emergency.is_none()).count();
    let agency = reply.ori.clone().unwrap_or_else(|| "ALL AGENCIES".into());
    crate::say!(
        "{} LATE WARRANT ENTRIES, {unexcused} WITHOUT AN EMERGENCY DELAY, FOR {agency}",
        reply.items.len()
    );
    Ok(0)
}

/// A client error as the command line tells it.
pub(crate) fn explain(error: leads_client::ClientError) -> anyhow::Error {
    anyhow::anyhow!("{error}")
}
