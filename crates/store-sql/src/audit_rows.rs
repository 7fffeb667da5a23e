//! Checkpoints, the pruned base of the audit log, and message queues.

use leads_audit::checkpoint::Checkpoint;
use leads_domain::clock::Timestamp;
use leads_store::{Message, StoreError, StoreResult, StoredCheckpoint};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AnyPool};

use crate::classify;
use crate::columns::{corrupt, get};

fn as_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn as_u64(n: i64) -> StoreResult<u64> {
    u64::try_from(n).map_err(corrupt)
}

fn checkpoint_from(row: &AnyRow) -> StoreResult<Checkpoint> {
    Ok(Checkpoint {
        size: as_u64(get(row, "size")?)?,
        root: get(row, "root")?,
        at_micros: get(row, "at")?,
        key_id: get(row, "key_id")?,
        signature: get(row, "signature")?,
    })
}

const CHECKPOINT_COLUMNS: &str = "size, root, at, key_id, signature, frontier";

pub(crate) async fn audit_leaves(
    pool: &AnyPool,
    from_seq: u64,
    limit: u32,
) -> StoreResult<Vec<(u64, String)>> {
    let rows =
        sqlx::query("SELECT seq, leaf_hash FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2")
            .bind(as_i64(from_seq))
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await
            .map_err(classify)?;
    rows.iter()
        .map(|row| Ok((as_u64(get(row, "seq")?)?, get(row, "leaf_hash")?)))
        .collect()
}

pub(crate) async fn latest_checkpoint(pool: &AnyPool) -> StoreResult<Option<StoredCheckpoint>> {
    let sql =
        format!("SELECT {CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY size DESC LIMIT 1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_optional(pool)
        .await
        .map_err(classify)?;
    row.map(|row| {
        let frontier: Vec<(u32, String)> =
            serde_json::from_str(&get::<String>(&row, "frontier")?).map_err(corrupt)?;
        Ok(StoredCheckpoint {
            checkpoint: checkpoint_from(&row)?,
            frontier,
        })
    })
    .transpose()
}

pub(crate) async fn checkpoints(
    pool: &AnyPool,
    from_size: u64,
    limit: u32,
) -> StoreResult<Vec<Checkpoint>> {
    let sql = format!(
        "SELECT {CHECKPOINT_COLUMNS} FROM audit_checkpoints WHERE size >= $1 ORDER BY size LIMIT $2"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(as_i64(from_size))
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await
        .map_err(classify)?;
    rows.iter().map(checkpoint_from).collect()
}

pub(crate) async fn audit_base(pool: &AnyPool) -> StoreResult<(u64, Vec<(u32, String)>)> {
    let row = sqlx::query("SELECT size, frontier FROM audit_base WHERE id = 1")
        .fetch_one(pool)
        .await
        .map_err(classify)?;
    let frontier = serde_json::from_str(&get::<String>(&row, "frontier")?).map_err(corrupt)?;
    Ok((as_u64(get(&row, "size")?)?, frontier))
}

pub(crate) async fn audit_older_prefix(pool: &AnyPool, before_micros: i64) -> StoreResult<u64> {
    // The first entry young enough to keep ends the prefix; scanning in sequence order touches
    // only the old entries (a day's worth when pruning runs daily).
    let first_young: Option<i64> =
        sqlx::query_scalar("SELECT seq FROM audit_log WHERE at >= $1 ORDER BY seq LIMIT 1")
            .bind(before_micros)
            .fetch_optional(pool)
            .await
            .map_err(classify)?;
    if let Some(seq) = first_young {
        return as_u64(seq.saturating_sub(1));
    }
    let last: Option<i64> = sqlx::query_scalar("SELECT MAX(seq) FROM audit_log")
        .fetch_one(pool)
        .await
        .map_err(classify)?;
    match last {
        Some(seq) => as_u64(seq),
        None => Ok(audit_base(pool).await?.0),
    }
}

pub(crate) async fn prune_audit(
    conn: &mut AnyConnection,
    through_seq: u64,
    frontier: &[(u32, String)],
) -> StoreResult<u64> {
    let frontier = serde_json::to_string(frontier).map_err(corrupt)?;
    let moved =
        sqlx::query("UPDATE audit_base SET size = $1, frontier = $2 WHERE id = 1 AND size < $1")
            .bind(as_i64(through_seq))
            .bind(frontier)
            .execute(&mut *conn)
            .await
            .map_err(classify)?;
    if moved.rows_affected() != 1 {
        return Err(StoreError::Conflict(format!(
            "the audit log is already pruned to {through_seq} or beyond"
        )));
    }
    let deleted = sqlx::query("DELETE FROM audit_log WHERE seq <= $1")
        .bind(as_i64(through_seq))
        .execute(&mut *conn)
        .await
        .map_err(classify)?;
    Ok(deleted.rows_affected())
}

pub(crate) async fn insert_checkpoint(
    conn: &mut AnyConnection,
    stored: &StoredCheckpoint,
) -> StoreResult<()> {
    let c = &stored.checkpoint;
    let frontier =
        serde_json::to_string(&stored.frontier).map_err(|e| StoreError::Backend(e.to_string()))?;
    sqlx::query("INSERT INTO audit_checkpoints (size, root, at, key_id, signature, frontier) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(as_i64(c.size))
        .bind(c.root.clone())
        .bind(c.at_micros)
        .bind(c.key_id.clone())
        .bind(c.signature.clone())
        .bind(frontier)
        .execute(conn)
        .await
        .map_err(classify)?;
    Ok(())
}

pub(crate) async fn post_message(
    conn: &mut AnyConnection,
    recipient: &str,
    kind: &str,
    text: &str,
    at: Timestamp,
) -> StoreResult<i64> {
    sqlx::query_scalar(
        "INSERT INTO messages (at, recipient, kind, text) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(at.as_micros())
    .bind(recipient.to_owned())
    .bind(kind.to_owned())
    .bind(text.to_owned())
    .fetch_one(conn)
    .await
    .map_err(classify)
}

pub(crate) async fn messages(
    pool: &AnyPool,
    recipient: &str,
    limit: u32,
) -> StoreResult<Vec<Message>> {
    let sql = format!(
        "SELECT {} FROM messages WHERE recipient = $1 ORDER BY id DESC LIMIT $2",
        crate::lifecycle_rows::MESSAGE_COLUMNS
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(recipient.to_owned())
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await
        .map_err(classify)?;
    rows.iter()
        .map(crate::lifecycle_rows::message_from)
        .collect()
}
