//! The switch's interstate traffic (migration 0014) behind [`InterstateTx`].

use async_trait::async_trait;
use leads_domain::clock::Timestamp;
use leads_domain::fields::Ori;
use leads_store::{BlobRef, Direction, InterstateRow, InterstateTx, ReceivedPhoto, StoreResult};
use sqlx::AssertSqlSafe;
use sqlx::any::AnyRow;

use super::SqlTx;
use crate::classify;
use crate::columns::{corrupt, get};

const COLUMNS: &str = "id, direction, message_key, control, peer, ori, person, case_number, \
     body, payload, photo_id, photo_key, photo_sha256, photo_bytes, status, created_at, sent_at";

fn row_from(row: &AnyRow) -> StoreResult<InterstateRow> {
    let direction: String = get(row, "direction")?;
    let photo = match (
        get::<Option<String>>(row, "photo_id")?,
        get::<Option<String>>(row, "photo_key")?,
    ) {
        (Some(id), Some(wrapped_key)) => Some(ReceivedPhoto {
            blob: BlobRef { id, wrapped_key },
            sha256: get::<Option<String>>(row, "photo_sha256")?.unwrap_or_default(),
            bytes: get::<Option<i64>>(row, "photo_bytes")?.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(InterstateRow {
        id: get(row, "id")?,
        direction: Direction::from_name(&direction)
            .ok_or_else(|| corrupt(format!("interstate direction {direction}")))?,
        key: get(row, "message_key")?,
        control: get(row, "control")?,
        peer: get(row, "peer")?,
        ori: Ori::parse(&get::<String>(row, "ori")?).map_err(corrupt)?,
        person: get(row, "person")?,
        case_number: get(row, "case_number")?,
        body: get(row, "body")?,
        payload: get(row, "payload")?,
        photo,
        status: get(row, "status")?,
        created_at: Timestamp::from_micros(get(row, "created_at")?),
        sent_at: get::<Option<i64>>(row, "sent_at")?.map(Timestamp::from_micros),
    })
}

#[async_trait]
impl InterstateTx for SqlTx {
    async fn insert_interstate(&mut self, row: &InterstateRow) -> StoreResult<i64> {
        let photo = row.photo.as_ref();
        sqlx::query_scalar(
            "INSERT INTO interstate_messages (direction, message_key, control, peer, ori, person, \
             case_number, body, payload, photo_id, photo_key, photo_sha256, photo_bytes, status, \
             created_at, sent_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
             RETURNING id",
        )
        .bind(row.direction.name())
        .bind(row.key.clone())
        .bind(row.control.clone())
        .bind(row.peer.clone())
        .bind(row.ori.to_string())
        .bind(row.person.clone())
        .bind(row.case_number.clone())
        .bind(row.body.clone())
        .bind(row.payload.clone())
        .bind(photo.map(|p| p.blob.id.clone()))
        .bind(photo.map(|p| p.blob.wrapped_key.clone()))
        .bind(photo.map(|p| p.sha256.clone()))
        .bind(photo.map(|p| p.bytes))
        .bind(row.status.clone())
        .bind(row.created_at.as_micros())
        .bind(row.sent_at.map(Timestamp::as_micros))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(classify)
    }

    async fn interstate_outbox(&mut self, limit: u32) -> StoreResult<Vec<InterstateRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM interstate_messages \
             WHERE status = 'queued' AND direction = 'out' ORDER BY id LIMIT $1"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(i64::from(limit))
            .fetch_all(&mut *self.tx)
            .await
            .map_err(classify)?;
        rows.iter().map(row_from).collect()
    }

    async fn mark_interstate_sent(&mut self, id: i64, at: Timestamp) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE interstate_messages SET status = 'sent', payload = NULL, sent_at = $1 \
             WHERE id = $2 AND status = 'queued'",
        )
        .bind(at.as_micros())
        .bind(id)
        .execute(&mut *self.tx)
        .await
        .map_err(classify)?;
        Ok(done.rows_affected() == 1)
    }

    async fn interstate_by_control(
        &mut self,
        control: &str,
        direction: Direction,
    ) -> StoreResult<Vec<InterstateRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM interstate_messages \
             WHERE control = $1 AND direction = $2 ORDER BY id"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(control.to_owned())
            .bind(direction.name())
            .fetch_all(&mut *self.tx)
            .await
            .map_err(classify)?;
        rows.iter().map(row_from).collect()
    }

    async fn interstate_message(&mut self, id: i64) -> StoreResult<Option<InterstateRow>> {
        let sql = format!("SELECT {COLUMNS} FROM interstate_messages WHERE id = $1");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(classify)?;
        row.as_ref().map(row_from).transpose()
    }

    async fn set_interstate_status(&mut self, id: i64, status: &str) -> StoreResult<bool> {
        let done = sqlx::query("UPDATE interstate_messages SET status = $1 WHERE id = $2")
            .bind(status.to_owned())
            .bind(id)
            .execute(&mut *self.tx)
            .await
            .map_err(classify)?;
        Ok(done.rows_affected() == 1)
    }
}
