//! Records, their numbers and their search index in one transaction.

use async_trait::async_trait;
use leads_domain::Record;
use leads_domain::fields::{FieldCode, Lrn, Nic, Oca, Ori};
use leads_domain::files::FileKind;
use leads_domain::search::{PersonQuery, RecordIndex};
use leads_store::{RecordTx, StoreError, StoreResult};
use sqlx::AssertSqlSafe;

use crate::classify;
use crate::rows::{RECORD_COLUMNS, fields_json, record_from_row, status_columns};

use super::SqlTx;

impl SqlTx {
    async fn records_where(
        &mut self,
        condition: &'static str,
        value: String,
    ) -> StoreResult<Vec<Record>> {
        let sql = format!("SELECT {RECORD_COLUMNS} FROM records WHERE {condition}");
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(value)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(classify)?;
        rows.iter().map(record_from_row).collect()
    }

    async fn write_index(
        &mut self,
        id: i64,
        record: &Record,
        index: &RecordIndex,
    ) -> StoreResult<()> {
        let file = record.file().storage_name();
        for key in &index.duplicate_keys {
            sqlx::query("INSERT INTO record_duplicates (key, record_id) VALUES ($1, $2)")
                .bind(key.clone())
                .bind(id)
                .execute(&mut *self.tx)
                .await
                .map_err(classify)?;
        }
        for name in &index.names {
            sqlx::query(
                "INSERT INTO record_names (record_id, file, phonetic, dob, sex, race) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(file)
            .bind(name.phonetic.clone())
            .bind(name.dob)
            .bind(name.sex.code())
            .bind(name.race.code())
            .execute(&mut *self.tx)
            .await
            .map_err(classify)?;
        }
        for identifier in &index.identifiers {
            sqlx::query("INSERT INTO record_identifiers (record_id, file, code, value) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(file)
                .bind(identifier.code.tag())
                .bind(identifier.value.clone())
                .execute(&mut *self.tx)
                .await
                .map_err(classify)?;
        }
        Ok(())
    }

    async fn clear_index(&mut self, id: i64) -> StoreResult<()> {
        for table in [
            "DELETE FROM record_duplicates WHERE record_id = $1",
            "DELETE FROM record_names WHERE record_id = $1",
            "DELETE FROM record_identifiers WHERE record_id = $1",
        ] {
            sqlx::query(table)
                .bind(id)
                .execute(&mut *self.tx)
                .await
                .map_err(classify)?;
        }
        Ok(())
    }
}

fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[async_trait]
impl RecordTx for SqlTx {
    async fn next_serial(&mut self, counter: &str) -> StoreResult<u64> {
        let value: i64 = sqlx::query_scalar(
            "INSERT INTO counters (name, value) VALUES ($1, 1) \
             ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value",
        )
        .bind(counter.to_owned())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(classify)?;
        u64::try_from(value).map_err(|e| StoreError::Corrupt(e.to_string()))
    }

    async fn record_by_lrn(&mut self, lrn: &Lrn) -> StoreResult<Option<Record>> {
        Ok(self
            .records_where("lrn = $1", lrn.to_string())
            .await?
            .into_iter()
            .next())
    }

    async fn record_by_nic(&mut self, nic: &Nic) -> StoreResult<Option<Record>> {
        Ok(self
            .records_where("nic = $1", nic.to_string())
            .await?
            .into_iter()
            .next())
    }

    async fn records_by_oca(
        &mut self,
        file: FileKind,
        ori: &Ori,
        oca: &Oca,
    ) -> StoreResult<Vec<Record>> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM records WHERE file = $1 AND ori = $2 AND oca = $3 ORDER BY id"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(file.storage_name())
            .bind(ori.to_string())
            .bind(oca.to_string())
            .fetch_all(&mut *self.tx)
            .await
            .map_err(classify)?;
        rows.iter().map(record_from_row).collect()
    }

    async fn record_by_duplicate_key(&mut self, keys: &[String]) -> StoreResult<Option<Record>> {
        if keys.is_empty() {
            return Ok(None);
        }
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM records WHERE id IN \
             (SELECT record_id FROM record_duplicates WHERE key IN ({})) ORDER BY id LIMIT 1",
            placeholders(1, keys.len())
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for key in keys {
            query = query.bind(key.clone());
        }
        let row = query
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(classify)?;
        row.as_ref().map(record_from_row).transpose()
    }

    async fn insert_record(&mut self, record: &Record, index: &RecordIndex) -> StoreResult<()> {
        let (status, s_ori, s_date, s_case, s_reason, s_at) = status_columns(record.status());
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO records (lrn, nic, file, entry_key, ori, oca, fields, status, status_ori, status_date, \
             status_case, status_reason, status_at, entered_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
        )
        .bind(record.lrn().to_string())
        .bind(record.nic().map(ToString::to_string))
        .bind(record.file().storage_name())
        .bind(record.entry_key().key)
        .bind(record.ori().to_string())
        .bind(record.fields().text(FieldCode::Oca))
        .bind(fields_json(record.fields()))
        .bind(status)
        .bind(s_ori)
        .bind(s_date)
        .bind(s_case)
        .bind(s_reason)
        .bind(s_at)
        .bind(record.entered_at().as_micros())
        .bind(record.updated_at().as_micros())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(classify)?;
        self.write_index(id, record, index).await
    }

    async fn update_record(&mut self, record: &Record, index: &RecordIndex) -> StoreResult<()> {
        let (status, s_ori, s_date, s_case, s_reason, s_at) = status_columns(record.status());
        let id: Option<i64> = sqlx::query_scalar(
            "UPDATE records SET oca = $2, fields = $3, status = $4, status_ori = $5, status_date = $6, \
             status_case = $7, status_reason = $8, status_at = $9, updated_at = $10 WHERE lrn = $1 RETURNING id",
        )
        .bind(record.lrn().to_string())
        .bind(record.fields().text(FieldCode::Oca))
        .bind(fields_json(record.fields()))
        .bind(status)
        .bind(s_ori)
        .bind(s_date)
        .bind(s_case)
        .bind(s_reason)
        .bind(s_at)
        .bind(record.updated_at().as_micros())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(classify)?;
        let id = id.ok_or_else(|| {
            StoreError::Backend(format!("record {} not found for update", record.lrn()))
        })?;
        self.clear_index(id).await?;
        self.write_index(id, record, index).await
    }

    async fn search_people(&mut self, query: &PersonQuery, limit: u32) -> StoreResult<Vec<Record>> {
        let files = query.files.len();
        let mut next = 4 + files;
        let mut filters = String::new();
        if query.sex.is_some() {
            filters.push_str(&format!(" AND sex = ${next}"));
            next += 1;
        }
        if query.exclude_race.is_some() {
            filters.push_str(&format!(" AND race <> ${next}"));
            next += 1;
        }
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM records WHERE id IN (SELECT record_id FROM record_names \
             WHERE phonetic = $1 AND dob BETWEEN $2 AND $3 AND file IN ({}){filters}) ORDER BY id LIMIT ${next}",
            placeholders(4, files)
        );
        let mut q = sqlx::query(AssertSqlSafe(sql))
            .bind(query.phonetic.clone())
            .bind(query.dob_from)
            .bind(query.dob_to);
        for file in &query.files {
            q = q.bind(file.storage_name());
        }
        if let Some(sex) = query.sex {
            q = q.bind(sex.code());
        }
        if let Some(race) = query.exclude_race {
            q = q.bind(race.code());
        }
        let rows = q
            .bind(i64::from(limit))
            .fetch_all(&mut *self.tx)
            .await
            .map_err(classify)?;
        rows.iter().map(record_from_row).collect()
    }

    async fn search_identifier(
        &mut self,
        files: &[FileKind],
        code: FieldCode,
        value: &str,
        limit: u32,
    ) -> StoreResult<Vec<Record>> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM records WHERE id IN (SELECT record_id FROM record_identifiers \
             WHERE code = $1 AND value = $2 AND file IN ({})) ORDER BY id LIMIT ${}",
            placeholders(3, files.len()),
            3 + files.len()
        );
        let mut q = sqlx::query(AssertSqlSafe(sql))
            .bind(code.tag())
            .bind(value.to_owned());
        for file in files {
            q = q.bind(file.storage_name());
        }
        let rows = q
            .bind(i64::from(limit))
            .fetch_all(&mut *self.tx)
            .await
            .map_err(classify)?;
        rows.iter().map(record_from_row).collect()
    }
}
