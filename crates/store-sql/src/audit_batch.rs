//! Group commit on the database side: a batch of audit entries takes its sequence numbers in one
//! step, is inserted a few dozen rows per statement, touches each session once, and is committed
//! (one durable flush) together.

use std::collections::BTreeMap;

use leads_audit::SealedEntry;
use leads_store::{AuditAppend, StoreError, StoreResult};
use sqlx::{AnyConnection, AnyPool};

use crate::classify;

/// Rows per INSERT statement (14 parameters each, well under every backend's limit).
const ROWS_PER_INSERT: usize = 32;

const COLUMNS: &str = "seq, at, operation_id, event, operator, terminal, ori, mke, purpose, \
     case_number, outcome, code, entry, leaf_hash";

fn insert_sql(rows: usize) -> String {
    let mut values = Vec::with_capacity(rows);
    for row in 0..rows {
        let first = row * 14 + 1;
        let placeholders: Vec<String> = (first..first + 14).map(|n| format!("${n}")).collect();
        values.push(format!("({})", placeholders.join(", ")));
    }
    format!(
        "INSERT INTO audit_log ({COLUMNS}) VALUES {}",
        values.join(", ")
    )
}

/// Inserts sealed entries, [`ROWS_PER_INSERT`] rows per statement.
pub(crate) async fn insert_sealed(
    conn: &mut AnyConnection,
    sealed: &[SealedEntry],
) -> StoreResult<()> {
    for chunk in sealed.chunks(ROWS_PER_INSERT) {
        let sql = insert_sql(chunk.len());
        let mut statement = sqlx::query(sqlx::AssertSqlSafe(sql));
        for s in chunk {
            let e = &s.entry;
            statement = statement
                .bind(i64::try_from(s.seq).map_err(|e| StoreError::Corrupt(e.to_string()))?)
                .bind(e.at_micros)
                .bind(e.operation_id.clone())
                .bind(e.event.clone())
                .bind(e.operator.clone())
                .bind(e.terminal.clone())
                .bind(e.ori.clone())
                .bind(e.key.clone())
                .bind(e.purpose.clone())
                .bind(e.case_number.clone())
                .bind(e.outcome.clone())
                .bind(e.code.clone())
                .bind(s.canonical.clone())
                .bind(s.leaf_hash.clone());
        }
        statement.execute(&mut *conn).await.map_err(classify)?;
    }
    Ok(())
}

pub(crate) async fn append_batch(
    writer: &AnyPool,
    items: &[AuditAppend],
) -> StoreResult<Vec<SealedEntry>> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let count = i64::try_from(items.len()).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let mut tx = writer.begin().await.map_err(classify)?;
    // Each session once, at its latest activity. Sessions are locked before the audit head, in
    // the order every other transaction takes them, so the two can never deadlock.
    let mut sessions: BTreeMap<&str, i64> = BTreeMap::new();
    for (token_hash, at) in items.iter().filter_map(|i| i.session.as_ref()) {
        let latest = sessions
            .entry(token_hash.as_str())
            .or_insert(at.as_micros());
        *latest = (*latest).max(at.as_micros());
    }
    for (token_hash, at) in sessions {
        sqlx::query("UPDATE sessions SET last_activity_at = $1 WHERE token_hash = $2")
            .bind(at)
            .bind(token_hash.to_owned())
            .execute(&mut *tx)
            .await
            .map_err(classify)?;
    }
    let last: i64 = sqlx::query_scalar(
        "UPDATE audit_head SET next_seq = next_seq + $1 WHERE id = 1 RETURNING next_seq",
    )
    .bind(count)
    .fetch_one(&mut *tx)
    .await
    .map_err(classify)?;
    let first = u64::try_from(last - count + 1).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let sealed: Vec<SealedEntry> = items
        .iter()
        .zip(first..)
        .map(|(item, seq)| item.entry.clone().seal(seq))
        .collect();
    insert_sealed(&mut tx, &sealed).await?;
    tx.commit().await.map_err(classify)?;
    Ok(sealed)
}

#[cfg(test)]
mod tests {
    use super::insert_sql;

    #[test]
    fn multi_row_inserts_number_their_placeholders_in_order() {
        let sql = insert_sql(2);
        assert!(sql.ends_with("VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14), ($15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28)"), "{sql}");
    }
}
