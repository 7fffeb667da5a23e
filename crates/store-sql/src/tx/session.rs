//! Sessions and sign-in failures in one transaction.

use async_trait::async_trait;
use leads_domain::clock::Timestamp;
use leads_store::{SessionRow, SessionTx, StoreResult};

use crate::classify;

use super::SqlTx;

#[async_trait]
impl SessionTx for SqlTx {
    async fn record_sign_in_failure(
        &mut self,
        operator_id: &str,
        at: Timestamp,
    ) -> StoreResult<()> {
        sqlx::query("INSERT INTO sign_in_failures (operator_id, at) VALUES ($1, $2)")
            .bind(operator_id.to_owned())
            .bind(at.as_micros())
            .execute(&mut *self.tx)
            .await
            .map_err(classify)?;
        Ok(())
    }

    async fn sign_in_failures_since(
        &mut self,
        operator_id: &str,
        since: Timestamp,
    ) -> StoreResult<u64> {
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sign_in_failures WHERE operator_id = $1 AND at >= $2",
        )
        .bind(operator_id.to_owned())
        .bind(since.as_micros())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(classify)?;
        Ok(u64::try_from(count).unwrap_or_default())
    }

    async fn clear_sign_in_failures(&mut self, operator_id: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sign_in_failures WHERE operator_id = $1")
            .bind(operator_id.to_owned())
            .execute(&mut *self.tx)
            .await
            .map_err(classify)?;
        Ok(())
    }

    async fn insert_session(&mut self, session: &SessionRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, operator_id, terminal_id, issued_at, expires_at, banner_accepted_at,              last_activity_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(session.token_hash.clone())
        .bind(session.operator_id.clone())
        .bind(session.terminal_id.clone())
        .bind(session.issued_at.as_micros())
        .bind(session.expires_at.as_micros())
        .bind(session.banner_accepted_at.map(Timestamp::as_micros))
        .bind(session.last_activity_at.as_micros())
        .execute(&mut *self.tx)
        .await
        .map_err(classify)?;
        Ok(())
    }

    async fn delete_session(&mut self, token_hash: &str) -> StoreResult<bool> {
        let result = sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash.to_owned())
            .execute(&mut *self.tx)
            .await
            .map_err(classify)?;
        Ok(result.rows_affected() > 0)
    }

    async fn delete_sessions_of(&mut self, operator_id: &str) -> StoreResult<u64> {
        let result = sqlx::query("DELETE FROM sessions WHERE operator_id = $1")
            .bind(operator_id.to_owned())
            .execute(&mut *self.tx)
            .await
            .map_err(classify)?;
        Ok(result.rows_affected())
    }

    async fn update_session(
        &mut self,
        token_hash: &str,
        banner_accepted_at: Option<Timestamp>,
        last_activity_at: Timestamp,
    ) -> StoreResult<()> {
        sqlx::query(
            "UPDATE sessions SET banner_accepted_at = COALESCE(banner_accepted_at, $2), last_activity_at = $3              WHERE token_hash = $1",
        )
        .bind(token_hash.to_owned())
        .bind(banner_accepted_at.map(Timestamp::as_micros))
        .bind(last_activity_at.as_micros())
        .execute(&mut *self.tx)
        .await
        .map_err(classify)?;
        Ok(())
    }
}
