//! The misuse review queue: reviewed weeks, their flags and the dispositions on them.

use leads_audit::misuse::{Decision, Flag, FlagKind};
use leads_domain::clock::Timestamp;
use leads_store::{Disposition, FlagQuery, StoreResult, StoredFlag};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AnyPool};

use crate::classify;
use crate::columns::{corrupt, get};

const FLAG_COLUMNS: &str = "id, week_start, kind, operator, ori, at, seqs, detail, disposition, \
     note, disposed_by, disposed_at";

fn flag_from(row: &AnyRow) -> StoreResult<StoredFlag> {
    let kind: String = get(row, "kind")?;
    let seqs: String = get(row, "seqs")?;
    let disposition = match get::<Option<String>>(row, "disposition")? {
        None => None,
        Some(name) => Some(Disposition {
            decision: Decision::from_name(&name)
                .ok_or_else(|| corrupt(format!("unknown disposition {name}")))?,
            note: get::<Option<String>>(row, "note")?.unwrap_or_default(),
            by: get::<Option<String>>(row, "disposed_by")?.unwrap_or_default(),
            at: Timestamp::from_micros(get::<Option<i64>>(row, "disposed_at")?.unwrap_or(0)),
        }),
    };
    Ok(StoredFlag {
        id: get(row, "id")?,
        week_start: get(row, "week_start")?,
        flag: Flag {
            kind: FlagKind::from_name(&kind)
                .ok_or_else(|| corrupt(format!("unknown flag kind {kind}")))?,
            operator: get(row, "operator")?,
            ori: get(row, "ori")?,
            at_micros: get(row, "at")?,
            seqs: serde_json::from_str(&seqs).map_err(corrupt)?,
            detail: get(row, "detail")?,
        },
        disposition,
    })
}

pub(crate) async fn reviewed(pool: &AnyPool, week_start: i64) -> StoreResult<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT week_start FROM misuse_reviews WHERE week_start = $1")
            .bind(week_start)
            .fetch_optional(pool)
            .await
            .map_err(classify)?;
    Ok(found.is_some())
}

pub(crate) async fn flags(
    pool: &AnyPool,
    query: &FlagQuery,
    limit: u32,
) -> StoreResult<Vec<StoredFlag>> {
    let mut conditions = Vec::new();
    let mut next = 1;
    if query.ori.is_some() {
        conditions.push(format!("ori = ${next}"));
        next += 1;
    }
    if query.week_start.is_some() {
        conditions.push(format!("week_start = ${next}"));
        next += 1;
    }
    if query.open_only {
        conditions.push("disposition IS NULL".to_owned());
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    };
    let sql = format!("SELECT {FLAG_COLUMNS} FROM misuse_flags{filter} ORDER BY id LIMIT ${next}");
    let mut statement = sqlx::query(sqlx::AssertSqlSafe(sql));
    if let Some(ori) = &query.ori {
        statement = statement.bind(ori.clone());
    }
    if let Some(week) = query.week_start {
        statement = statement.bind(week);
    }
    let rows = statement
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await
        .map_err(classify)?;
    rows.iter().map(flag_from).collect()
}

pub(crate) async fn insert_review(
    conn: &mut AnyConnection,
    week_start: i64,
    week_end: i64,
    at: Timestamp,
    flags: &[Flag],
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO misuse_reviews (week_start, week_end, at, flags) VALUES ($1, $2, $3, $4)",
    )
    .bind(week_start)
    .bind(week_end)
    .bind(at.as_micros())
    .bind(i64::try_from(flags.len()).unwrap_or(i64::MAX))
    .execute(&mut *conn)
    .await
    .map_err(classify)?;
    for flag in flags {
        sqlx::query(
            "INSERT INTO misuse_flags (week_start, kind, operator, ori, at, seqs, detail) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(week_start)
        .bind(flag.kind.name())
        .bind(flag.operator.clone())
        .bind(flag.ori.clone())
        .bind(flag.at_micros)
        .bind(serde_json::to_string(&flag.seqs).map_err(corrupt)?)
        .bind(flag.detail.clone())
        .execute(&mut *conn)
        .await
        .map_err(classify)?;
    }
    Ok(())
}

pub(crate) async fn flag(conn: &mut AnyConnection, id: i64) -> StoreResult<Option<StoredFlag>> {
    let sql = format!("SELECT {FLAG_COLUMNS} FROM misuse_flags WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(classify)?;
    row.as_ref().map(flag_from).transpose()
}

pub(crate) async fn dispose(
    conn: &mut AnyConnection,
    id: i64,
    disposition: &Disposition,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE misuse_flags SET disposition = $1, note = $2, disposed_by = $3, disposed_at = $4 \
         WHERE id = $5 AND disposition IS NULL",
    )
    .bind(disposition.decision.name())
    .bind(disposition.note.clone())
    .bind(disposition.by.clone())
    .bind(disposition.at.as_micros())
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(classify)?;
    Ok(done.rows_affected() == 1)
}
