//! The LEADS Agency Coordinator's post (T1, 1240.90(a)): every appointment is submitted to the
//! Administrator and watched until the coordinator's certification runs out; when the post
//! falls vacant (the account disabled, the coordinator role taken away, the certification
//! lapsed) a deadline opens for the new appointment and the agency and the Administrator are
//! told.

use leads_domain::access::{Person, Role};
use leads_domain::clock::Timestamp;
use leads_domain::deadline::{DeadlineKind, due_after};
use leads_domain::fields::Ori;
use leads_store::{Account, AccountStatus, StoreResult, StoreTx};

use crate::runner::ADMINISTRATOR_QUEUE;

/// The end of the last day a person is certified (the post falls vacant then).
fn certification_end(person: &Person) -> Option<Timestamp> {
    person.certification.as_ref().map(|c| {
        let day = c.expires_on.date();
        let next = day.next_day().unwrap_or(day);
        Timestamp::from_micros(next.midnight().assume_utc().unix_timestamp() * 1_000_000)
    })
}

/// Watches the certification of `person`, coordinator of `ori`, from now on.
async fn watch_certification(
    tx: &mut dyn StoreTx,
    ori: &Ori,
    person: &Person,
    now: Timestamp,
) -> StoreResult<()> {
    let kind = DeadlineKind::CoordinatorCertification;
    tx.close_deadlines(ori.as_str(), Some(kind), now, "REPLACED")
        .await?;
    if let Some(end) = certification_end(person) {
        tx.insert_deadline(kind, ori.as_str(), ori.as_str(), end, now)
            .await?;
    }
    Ok(())
}

/// `person` was appointed coordinator of `ori`: the vacancy closes, the name goes to the
/// Administrator, and the certification is watched.
pub(crate) async fn appointed(
    tx: &mut dyn StoreTx,
    ori: &Ori,
    person: &Person,
    now: Timestamp,
) -> StoreResult<()> {
    tx.close_deadlines(
        ori.as_str(),
        Some(DeadlineKind::CoordinatorVacancy),
        now,
        "COORDINATOR APPOINTED",
    )
    .await?;
    tx.post_message(
        ADMINISTRATOR_QUEUE,
        "coordinator_appointed",
        &format!(
            "APPOINTMENT SUBMITTED (1240.90(a)(1)): {} {} IS THE LEADS AGENCY COORDINATOR OF {ori}",
            person.id, person.name
        ),
        now,
    )
    .await?;
    watch_certification(tx, ori, person, now).await
}

/// The post of `ori` falls vacant for `why`: the agency loses its coordinator, a deadline
/// opens for the new appointment, the agency and the Administrator are told.
pub(crate) async fn vacate(
    tx: &mut dyn StoreTx,
    ori: &Ori,
    why: &str,
    now: Timestamp,
) -> StoreResult<bool> {
    let Some(mut agency) = tx.agency(ori).await? else {
        return Ok(false);
    };
    if agency.coordinator.take().is_none() {
        return Ok(false);
    }
    tx.put_agency(&agency).await?;
    for kind in [
        DeadlineKind::CoordinatorCertification,
        DeadlineKind::CoordinatorVacancy,
    ] {
        tx.close_deadlines(ori.as_str(), Some(kind), now, "POST VACANT")
            .await?;
    }
    let kind = DeadlineKind::CoordinatorVacancy;
    tx.insert_deadline(kind, ori.as_str(), ori.as_str(), due_after(kind, now), now)
        .await?;
    let text = format!(
        "THE LEADS AGENCY COORDINATOR POST OF {ori} IS VACANT: {why} - {}",
        kind.notice_text(ori.as_str(), 1)
    );
    tx.post_message(ori.as_str(), kind.name(), &text, now)
        .await?;
    tx.post_message(ADMINISTRATOR_QUEUE, kind.name(), &text, now)
        .await?;
    Ok(true)
}

/// After a change to `account` (disabled, roles, certification): when it is its agency's
/// coordinator, the post falls vacant or the certification is watched anew. Returns whether the
/// post fell vacant.
pub(crate) async fn account_changed(
    tx: &mut dyn StoreTx,
    account: &Account,
    now: Timestamp,
) -> StoreResult<bool> {
    let person = &account.person;
    let Some(agency) = tx.agency(&person.ori).await? else {
        return Ok(false);
    };
    if agency.coordinator.as_deref() != Some(person.id.as_str()) {
        return Ok(false);
    }
    let why = if let AccountStatus::Disabled(reason) = &account.status {
        Some(format!("THE COORDINATOR'S ACCOUNT WAS DISABLED ({reason})"))
    } else if !person.has(Role::Coordinator) {
        Some("THE COORDINATOR WAS REASSIGNED (NO LONGER IN THE COORDINATOR ROLE)".to_owned())
    } else if person.certification_on(now.date()).is_none() {
        Some("THE COORDINATOR'S LEADS CERTIFICATION IS NOT CURRENT (1240.90(a)(2)(B))".to_owned())
    } else {
        None
    };
    match why {
        Some(why) => vacate(tx, &person.ori, &why, now).await,
        None => {
            watch_certification(tx, &person.ori, person, now).await?;
            Ok(false)
        }
    }
}

/// The sweep found the coordinator's certification at its end: vacate unless it was renewed
/// (then the new end is watched).
pub(crate) async fn certification_ran_out(
    tx: &mut dyn StoreTx,
    ori: &Ori,
    now: Timestamp,
) -> StoreResult<bool> {
    let Some(agency) = tx.agency(ori).await? else {
        return Ok(false);
    };
    let Some(id) = agency.coordinator else {
        return Ok(false);
    };
    let Some(mut account) = tx.account(&id).await? else {
        return vacate(tx, ori, "THE COORDINATOR IS NO LONGER ON FILE", now).await;
    };
    if account.person.certification_on(now.date()).is_some() {
        watch_certification(tx, ori, &account.person, now).await?;
        return Ok(false);
    }
    account.person.roles.remove(&Role::Coordinator);
    tx.put_account(&account).await?;
    vacate(
        tx,
        ori,
        "THE COORDINATOR'S LEADS CERTIFICATION RAN OUT (1240.90(a)(2)(B))",
        now,
    )
    .await
}
