//! Audits of agencies (migration 0012): the audit as JSON beside the columns it is found by.

use async_trait::async_trait;
use leads_domain::clock::Timestamp;
use leads_domain::fields::Ori;
use leads_domain::oversight::AgencyAudit;
use leads_store::{CaseKind, OversightTx, StoreError, StoreResult};
use sqlx::any::AnyRow;

use super::SqlTx;
use crate::classify;
use crate::columns::get;

fn encode(audit: &AgencyAudit) -> StoreResult<String> {
    serde_json::to_string(audit).map_err(|e| StoreError::Backend(format!("audit encoding: {e}")))
}

fn decode(row: &AnyRow) -> StoreResult<(i64, AgencyAudit)> {
    let id: i64 = get(row, "id")?;
    let profile: String = get(row, "profile")?;
    let audit = serde_json::from_str(&profile)
        .map_err(|e| StoreError::Corrupt(format!("audit {id}: {e}")))?;
    Ok((id, audit))
}

#[async_trait]
impl OversightTx for SqlTx {
    async fn insert_audit(&mut self, audit: &AgencyAudit, at: Timestamp) -> StoreResult<i64> {
        sqlx::query_scalar(
            "INSERT INTO agency_audits (ori, stage, scheduled_for, profile, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
        )
        .bind(audit.ori.to_string())
        .bind(audit.stage.name())
        .bind(audit.scheduled_for.as_number())
        .bind(encode(audit)?)
        .bind(at.as_micros())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(classify)
    }

    async fn update_audit(
        &mut self,
        id: i64,
        audit: &AgencyAudit,
        at: Timestamp,
    ) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE agency_audits SET stage = $1, scheduled_for = $2, profile = $3, updated_at = $4 \
             WHERE id = $5",
        )
        .bind(audit.stage.name())
        .bind(audit.scheduled_for.as_number())
        .bind(encode(audit)?)
        .bind(at.as_micros())
        .bind(id)
        .execute(&mut *self.tx)
        .await
        .map_err(classify)?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Corrupt(format!("audit {id} is not on file")));
        }
        Ok(())
    }

    async fn audit(&mut self, id: i64) -> StoreResult<Option<AgencyAudit>> {
        let row = sqlx::query("SELECT id, profile FROM agency_audits WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(classify)?;
        row.map(|r| decode(&r).map(|(_, audit)| audit)).transpose()
    }

    async fn audits(&mut self, ori: Option<&Ori>) -> StoreResult<Vec<(i64, AgencyAudit)>> {
        let rows = match ori {
            Some(ori) => {
                sqlx::query("SELECT id, profile FROM agency_audits WHERE ori = $1 ORDER BY id")
                    .bind(ori.to_string())
                    .fetch_all(&mut *self.tx)
                    .await
            }
            None => {
                sqlx::query("SELECT id, profile FROM agency_audits ORDER BY id")
                    .fetch_all(&mut *self.tx)
                    .await
            }
        }
        .map_err(classify)?;
        rows.iter().map(decode).collect()
    }

    async fn insert_case(
        &mut self,
        kind: CaseKind,
        ori: Option<&Ori>,
        profile: &str,
        at: Timestamp,
    ) -> StoreResult<i64> {
        sqlx::query_scalar(
            "INSERT INTO oversight_cases (kind, ori, profile, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $4) RETURNING id",
        )
        .bind(kind.name())
        .bind(ori.map(ToString::to_string))
        .bind(profile)
        .bind(at.as_micros())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(classify)
    }

    async fn update_case(
        &mut self,
        kind: CaseKind,
        id: i64,
        profile: &str,
        at: Timestamp,
    ) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE oversight_cases SET profile = $1, updated_at = $2 WHERE id = $3 AND kind = $4",
        )
        .bind(profile)
        .bind(at.as_micros())
        .bind(id)
        .bind(kind.name())
        .execute(&mut *self.tx)
        .await
        .map_err(classify)?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Corrupt(format!(
                "{} {id} is not on file",
                kind.name()
            )));
        }
        Ok(())
    }

    async fn case(&mut self, kind: CaseKind, id: i64) -> StoreResult<Option<String>> {
        sqlx::query_scalar("SELECT profile FROM oversight_cases WHERE id = $1 AND kind = $2")
            .bind(id)
            .bind(kind.name())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(classify)
    }

    async fn cases(
        &mut self,
        kind: CaseKind,
        ori: Option<&Ori>,
    ) -> StoreResult<Vec<(i64, String)>> {
        let rows = match ori {
            Some(ori) => sqlx::query(
                "SELECT id, profile FROM oversight_cases WHERE kind = $1 AND ori = $2 ORDER BY id",
            )
            .bind(kind.name())
            .bind(ori.to_string())
            .fetch_all(&mut *self.tx)
            .await,
            None => {
                sqlx::query("SELECT id, profile FROM oversight_cases WHERE kind = $1 ORDER BY id")
                    .bind(kind.name())
                    .fetch_all(&mut *self.tx)
                    .await
            }
        }
        .map_err(classify)?;
        rows.iter()
            .map(|row| Ok((get(row, "id")?, get(row, "profile")?)))
            .collect()
    }
}
