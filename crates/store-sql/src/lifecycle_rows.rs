//! Deadlines, second-party checks and the mailbox.

use leads_domain::clock::Timestamp;
use leads_domain::deadline::{Deadline, DeadlineKind};
use leads_domain::fields::{Lrn, Ori};
use leads_domain::timeliness::LateEntry;
use leads_store::{HitConfirmation, Message, StoreResult, StoredLateEntry, Verification};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AssertSqlSafe};

use crate::classify;
use crate::columns::{corrupt, get};

const DEADLINE_COLUMNS: &str = "id, kind, ori, subject, due_at, notices, created_at";

fn deadline_from(row: &AnyRow) -> StoreResult<Deadline> {
    let kind: String = get(row, "kind")?;
    Ok(Deadline {
        id: get(row, "id")?,
        kind: DeadlineKind::parse(&kind).ok_or_else(|| corrupt(format!("deadline kind {kind}")))?,
        ori: get(row, "ori")?,
        subject: get(row, "subject")?,
        due_at: Timestamp::from_micros(get(row, "due_at")?),
        notices: u32::try_from(get::<i64>(row, "notices")?)
            .map_err(|_| corrupt("deadline notices out of range"))?,
        created_at: Timestamp::from_micros(get(row, "created_at")?),
    })
}

pub(crate) async fn insert_deadline(
    conn: &mut AnyConnection,
    kind: DeadlineKind,
    ori: &str,
    subject: &str,
    due_at: Timestamp,
    now: Timestamp,
) -> StoreResult<i64> {
    sqlx::query_scalar(
        "INSERT INTO deadlines (kind, ori, subject, due_at, notices, created_at) \
         VALUES ($1, $2, $3, $4, 0, $5) RETURNING id",
    )
    .bind(kind.name())
    .bind(ori.to_owned())
    .bind(subject.to_owned())
    .bind(due_at.as_micros())
    .bind(now.as_micros())
    .fetch_one(conn)
    .await
    .map_err(classify)
}

pub(crate) async fn due_deadlines(
    conn: &mut AnyConnection,
    now: Timestamp,
    limit: u32,
) -> StoreResult<Vec<Deadline>> {
    let sql = format!(
        "SELECT {DEADLINE_COLUMNS} FROM deadlines WHERE closed_at IS NULL AND due_at <= $1 \
         ORDER BY due_at, id LIMIT $2"
    );
    sqlx::query(AssertSqlSafe(sql))
        .bind(now.as_micros())
        .bind(i64::from(limit))
        .fetch_all(conn)
        .await
        .map_err(classify)?
        .iter()
        .map(deadline_from)
        .collect()
}

pub(crate) async fn open_deadlines(
    conn: &mut AnyConnection,
    ori: Option<&str>,
) -> StoreResult<Vec<Deadline>> {
    let filter = if ori.is_some() { "AND ori = $1" } else { "" };
    let sql = format!(
        "SELECT {DEADLINE_COLUMNS} FROM deadlines WHERE closed_at IS NULL {filter} \
         ORDER BY due_at, id"
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    if let Some(ori) = ori {
        query = query.bind(ori.to_owned());
    }
    query
        .fetch_all(conn)
        .await
        .map_err(classify)?
        .iter()
        .map(deadline_from)
        .collect()
}

pub(crate) async fn overdue_deadline_counts(
    conn: &mut AnyConnection,
    now: Timestamp,
) -> StoreResult<Vec<(DeadlineKind, u64)>> {
    let rows = sqlx::query(
        "SELECT kind, COUNT(*) AS overdue FROM deadlines \
         WHERE closed_at IS NULL AND (notices > 0 OR due_at <= $1) GROUP BY kind",
    )
    .bind(now.as_micros())
    .fetch_all(conn)
    .await
    .map_err(classify)?;
    rows.iter()
        .map(|row| {
            let kind: String = get(row, "kind")?;
            let kind = DeadlineKind::parse(&kind)
                .ok_or_else(|| corrupt(format!("deadline kind {kind}")))?;
            let count = u64::try_from(get::<i64>(row, "overdue")?)
                .map_err(|_| corrupt("deadline count out of range"))?;
            Ok((kind, count))
        })
        .collect()
}

/// A compare-and-set on the notice count: of two sweeps that read the same due row, only
/// the first to update it goes on (PostgreSQL re-checks the condition after the row lock).
pub(crate) async fn reschedule_deadline(
    conn: &mut AnyConnection,
    id: i64,
    notices: u32,
    due_at: Timestamp,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE deadlines SET due_at = $1, notices = $2 \
         WHERE id = $3 AND notices = $4 AND closed_at IS NULL",
    )
    .bind(due_at.as_micros())
    .bind(i64::from(notices) + 1)
    .bind(id)
    .bind(i64::from(notices))
    .execute(conn)
    .await
    .map_err(classify)?;
    Ok(done.rows_affected() == 1)
}

pub(crate) async fn close_deadline(
    conn: &mut AnyConnection,
    id: i64,
    at: Timestamp,
    how: &str,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE deadlines SET closed_at = $1, closed_how = $2 WHERE id = $3 AND closed_at IS NULL",
    )
    .bind(at.as_micros())
    .bind(how.to_owned())
    .bind(id)
    .execute(conn)
    .await
    .map_err(classify)?;
    Ok(done.rows_affected() == 1)
}

pub(crate) async fn close_deadlines(
    conn: &mut AnyConnection,
    subject: &str,
    kind: Option<DeadlineKind>,
    at: Timestamp,
    how: &str,
) -> StoreResult<u64> {
    let filter = if kind.is_some() { "AND kind = $4" } else { "" };
    let sql = format!(
        "UPDATE deadlines SET closed_at = $1, closed_how = $2 \
         WHERE subject = $3 AND closed_at IS NULL {filter}"
    );
    let mut query = sqlx::query(AssertSqlSafe(sql))
        .bind(at.as_micros())
        .bind(how.to_owned())
        .bind(subject.to_owned());
    if let Some(kind) = kind {
        query = query.bind(kind.name());
    }
    Ok(query.execute(conn).await.map_err(classify)?.rows_affected())
}

pub(crate) async fn insert_verification(
    conn: &mut AnyConnection,
    v: &Verification,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO verifications (lrn, ori, operator, checked, at, kind) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(v.lrn.to_string())
    .bind(v.ori.to_string())
    .bind(v.operator.clone())
    .bind(v.checked.clone())
    .bind(v.at.as_micros())
    .bind(v.kind.name())
    .execute(conn)
    .await
    .map_err(classify)?;
    Ok(())
}

pub(crate) async fn verifications(
    conn: &mut AnyConnection,
    lrn: &Lrn,
) -> StoreResult<Vec<Verification>> {
    sqlx::query(
        "SELECT lrn, ori, operator, checked, at, kind FROM verifications WHERE lrn = $1 \
         ORDER BY id",
    )
    .bind(lrn.to_string())
    .fetch_all(conn)
    .await
    .map_err(classify)?
    .iter()
    .map(|row| {
        let kind: String = get(row, "kind")?;
        Ok(Verification {
            kind: DeadlineKind::parse(&kind)
                .ok_or_else(|| corrupt(format!("check kind {kind}")))?,
            lrn: Lrn::parse(&get::<String>(row, "lrn")?).map_err(corrupt)?,
            ori: Ori::parse(&get::<String>(row, "ori")?).map_err(corrupt)?,
            operator: get(row, "operator")?,
            checked: get(row, "checked")?,
            at: Timestamp::from_micros(get(row, "at")?),
        })
    })
    .collect()
}

pub(crate) const MESSAGE_COLUMNS: &str = "id, at, recipient, kind, text, read_at, read_by";

pub(crate) fn message_from(row: &AnyRow) -> StoreResult<Message> {
    Ok(Message {
        id: get(row, "id")?,
        at: Timestamp::from_micros(get(row, "at")?),
        recipient: get(row, "recipient")?,
        kind: get(row, "kind")?,
        text: get(row, "text")?,
        read_at: get::<Option<i64>>(row, "read_at")?.map(Timestamp::from_micros),
        read_by: get(row, "read_by")?,
    })
}

pub(crate) async fn mailbox(
    conn: &mut AnyConnection,
    recipient: &str,
    unread_only: bool,
    limit: u32,
) -> StoreResult<Vec<Message>> {
    let filter = if unread_only {
        "AND read_at IS NULL"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {MESSAGE_COLUMNS} FROM messages WHERE recipient = $1 {filter} \
         ORDER BY id DESC LIMIT $2"
    );
    sqlx::query(AssertSqlSafe(sql))
        .bind(recipient.to_owned())
        .bind(i64::from(limit))
        .fetch_all(conn)
        .await
        .map_err(classify)?
        .iter()
        .map(message_from)
        .collect()
}

pub(crate) async fn acknowledge_message(
    conn: &mut AnyConnection,
    id: i64,
    recipient: &str,
    by: &str,
    at: Timestamp,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE messages SET read_at = $1, read_by = $2 \
         WHERE id = $3 AND recipient = $4 AND read_at IS NULL",
    )
    .bind(at.as_micros())
    .bind(by.to_owned())
    .bind(id)
    .bind(recipient.to_owned())
    .execute(conn)
    .await
    .map_err(classify)?;
    Ok(done.rows_affected() == 1)
}

pub(crate) async fn insert_late_entry(
    conn: &mut AnyConnection,
    e: &StoredLateEntry,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO late_entries (lrn, ori, entry_key, received_at, entered_at, minutes_late, \
         emergency) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(e.lrn.to_string())
    .bind(e.ori.to_string())
    .bind(e.entry_key.clone())
    .bind(e.late.received_at.as_micros())
    .bind(e.late.entered_at.as_micros())
    .bind(e.late.minutes_late)
    .bind(e.late.emergency.clone())
    .execute(conn)
    .await
    .map_err(classify)?;
    Ok(())
}

pub(crate) async fn late_entries(
    conn: &mut AnyConnection,
    ori: Option<&str>,
    limit: u32,
) -> StoreResult<Vec<StoredLateEntry>> {
    let filter = if ori.is_some() { "WHERE ori = $2" } else { "" };
    let sql = format!(
        "SELECT lrn, ori, entry_key, received_at, entered_at, minutes_late, emergency \
         FROM late_entries {filter} ORDER BY entered_at DESC, id DESC LIMIT $1"
    );
    let mut query = sqlx::query(AssertSqlSafe(sql)).bind(i64::from(limit));
    if let Some(ori) = ori {
        query = query.bind(ori.to_owned());
    }
    query
        .fetch_all(conn)
        .await
        .map_err(classify)?
        .iter()
        .map(|row| {
            Ok(StoredLateEntry {
                lrn: Lrn::parse(&get::<String>(row, "lrn")?).map_err(corrupt)?,
                ori: Ori::parse(&get::<String>(row, "ori")?).map_err(corrupt)?,
                entry_key: get(row, "entry_key")?,
                late: LateEntry {
                    received_at: Timestamp::from_micros(get(row, "received_at")?),
                    entered_at: Timestamp::from_micros(get(row, "entered_at")?),
                    minutes_late: get(row, "minutes_late")?,
                    emergency: get(row, "emergency")?,
                },
            })
        })
        .collect()
}

pub(crate) async fn excuse_late_entry(
    conn: &mut AnyConnection,
    lrn: &Lrn,
    emergency: &str,
) -> StoreResult<bool> {
    let done = sqlx::query("UPDATE late_entries SET emergency = $1 WHERE lrn = $2")
        .bind(emergency.to_owned())
        .bind(lrn.to_string())
        .execute(conn)
        .await
        .map_err(classify)?;
    Ok(done.rows_affected() > 0)
}

pub(crate) async fn agency_shifts(
    conn: &mut AnyConnection,
    ori: &Ori,
) -> StoreResult<Option<Vec<u16>>> {
    let text: Option<String> =
        sqlx::query_scalar("SELECT starts FROM agency_shifts WHERE ori = $1")
            .bind(ori.to_string())
            .fetch_optional(conn)
            .await
            .map_err(classify)?;
    text.map(|t| {
        t.split(',')
            .filter(|m| !m.is_empty())
            .map(|m| m.parse().map_err(|_| corrupt(format!("shift start {m}"))))
            .collect()
    })
    .transpose()
}

pub(crate) async fn put_agency_shifts(
    conn: &mut AnyConnection,
    ori: &Ori,
    starts: &[u16],
) -> StoreResult<()> {
    let text = starts
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    sqlx::query(
        "INSERT INTO agency_shifts (ori, starts) VALUES ($1, $2) \
         ON CONFLICT (ori) DO UPDATE SET starts = excluded.starts",
    )
    .bind(ori.to_string())
    .bind(text)
    .execute(conn)
    .await
    .map_err(classify)?;
    Ok(())
}

pub(crate) async fn insert_confirmation(
    conn: &mut AnyConnection,
    r: &HitConfirmation,
) -> StoreResult<i64> {
    sqlx::query_scalar(
        "INSERT INTO hit_confirmations (lrn, owner, requester, priority, request_no, requested_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(r.lrn.to_string())
    .bind(r.owner.to_string())
    .bind(r.requester.to_string())
    .bind(r.priority.code())
    .bind(i64::from(r.request_no))
    .bind(r.requested_at.as_micros())
    .fetch_one(conn)
    .await
    .map_err(classify)
}

pub(crate) async fn open_confirmations(
    conn: &mut AnyConnection,
    lrn: &Lrn,
) -> StoreResult<Vec<HitConfirmation>> {
    sqlx::query(
        "SELECT id, lrn, owner, requester, priority, request_no, requested_at \
         FROM hit_confirmations WHERE lrn = $1 AND answered_at IS NULL ORDER BY id",
    )
    .bind(lrn.to_string())
    .fetch_all(conn)
    .await
    .map_err(classify)?
    .iter()
    .map(|row| {
        let priority: String = get(row, "priority")?;
        Ok(HitConfirmation {
            id: get(row, "id")?,
            lrn: Lrn::parse(&get::<String>(row, "lrn")?).map_err(corrupt)?,
            owner: Ori::parse(&get::<String>(row, "owner")?).map_err(corrupt)?,
            requester: Ori::parse(&get::<String>(row, "requester")?).map_err(corrupt)?,
            priority: leads_domain::confirmation::Priority::from_code(&priority)
                .ok_or_else(|| corrupt(format!("priority {priority}")))?,
            request_no: u8::try_from(get::<i64>(row, "request_no")?)
                .map_err(|_| corrupt("request number"))?,
            requested_at: Timestamp::from_micros(get(row, "requested_at")?),
        })
    })
    .collect()
}

pub(crate) async fn answer_confirmation(
    conn: &mut AnyConnection,
    id: i64,
    answer: &str,
    by: &str,
    at: Timestamp,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE hit_confirmations SET answer = $1, answered_by = $2, answered_at = $3 WHERE id = $4",
    )
    .bind(answer.to_owned())
    .bind(by.to_owned())
    .bind(at.as_micros())
    .bind(id)
    .execute(conn)
    .await
    .map_err(classify)?;
    Ok(())
}
