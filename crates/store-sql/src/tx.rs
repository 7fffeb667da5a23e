//! One database transaction behind `StoreTx`.

use async_trait::async_trait;
use leads_audit::{AuditEntry, SealedEntry};
use leads_domain::Record;
use leads_domain::fields::{FieldCode, Lrn, Nic, Oca, Ori};
use leads_domain::files::FileKind;
use leads_domain::search::{PersonQuery, RecordIndex};
use leads_store::{
    AgencyRow, OperatorRow, SessionRow, StoreError, StoreResult, StoreTx, TerminalRow,
};
use sqlx::any::AnyRow;
use sqlx::{Any, AssertSqlSafe, Transaction};

use crate::classify;
use crate::rows::{
    RECORD_COLUMNS, fields_json, flag_column, get, ori_column, record_from_row, status_columns,
};

pub(crate) struct SqlTx {
    tx: Transaction<'static, Any>,
}

impl SqlTx {
    pub(crate) fn new(tx: Transaction<'static, Any>) -> Self {
        SqlTx { tx }
    }

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

fn flag(value: bool) -> i64 {
    i64::from(value)
}

fn agency_from(row: &AnyRow) -> StoreResult<AgencyRow> {
    Ok(AgencyRow {
        ori: ori_column(row, "ori")?,
        name: get(row, "name")?,
        active: flag_column(row, "active")?,
    })
}

#[async_trait]
impl StoreTx for SqlTx {
    async fn put_agency(&mut self, agency: &AgencyRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO agencies (ori, name, active) VALUES ($1, $2, $3) \
             ON CONFLICT (ori) DO UPDATE SET name = excluded.name, active = excluded.active",
        )
        .bind(agency.ori.to_string())
        .bind(agency.name.clone())
        .bind(flag(agency.active))
        .execute(&mut *self.tx)
        .await
        .map_err(classify)?;
        Ok(())
    }

    async fn put_operator(&mut self, operator: &OperatorRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO operators (id, name, ori, active, password_hash) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, ori = excluded.ori, \
             active = excluded.active, password_hash = excluded.password_hash",
        )
        .bind(operator.id.clone())
        .bind(operator.name.clone())
        .bind(operator.ori.to_string())
        .bind(flag(operator.active))
        .bind(operator.password_hash.clone())
        .execute(&mut *self.tx)
        .await
        .map_err(classify)?;
        Ok(())
    }

    async fn put_terminal(&mut self, terminal: &TerminalRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO terminals (id, ori, location, active) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) DO UPDATE SET ori = excluded.ori, location = excluded.location, active = excluded.active",
        )
        .bind(terminal.id.clone())
        .bind(terminal.ori.to_string())
        .bind(terminal.location.clone())
        .bind(flag(terminal.active))
        .execute(&mut *self.tx)
        .await
        .map_err(classify)?;
        Ok(())
    }

    async fn operator(&mut self, id: &str) -> StoreResult<Option<OperatorRow>> {
        let row =
            sqlx::query("SELECT id, name, ori, active, password_hash FROM operators WHERE id = $1")
                .bind(id.to_owned())
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(classify)?;
        row.map(|row| {
            Ok(OperatorRow {
                id: get(&row, "id")?,
                name: get(&row, "name")?,
                ori: ori_column(&row, "ori")?,
                active: flag_column(&row, "active")?,
                password_hash: get(&row, "password_hash")?,
            })
        })
        .transpose()
    }

    async fn terminal(&mut self, id: &str) -> StoreResult<Option<TerminalRow>> {
        let row = sqlx::query("SELECT id, ori, location, active FROM terminals WHERE id = $1")
            .bind(id.to_owned())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(classify)?;
        row.map(|row| {
            Ok(TerminalRow {
                id: get(&row, "id")?,
                ori: ori_column(&row, "ori")?,
                location: get(&row, "location")?,
                active: flag_column(&row, "active")?,
            })
        })
        .transpose()
    }

    async fn agency(&mut self, ori: &Ori) -> StoreResult<Option<AgencyRow>> {
        let row = sqlx::query("SELECT ori, name, active FROM agencies WHERE ori = $1")
            .bind(ori.to_string())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(classify)?;
        row.as_ref().map(agency_from).transpose()
    }

    async fn insert_session(&mut self, session: &SessionRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, operator_id, terminal_id, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(session.token_hash.clone())
        .bind(session.operator_id.clone())
        .bind(session.terminal_id.clone())
        .bind(session.issued_at.as_micros())
        .bind(session.expires_at.as_micros())
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

    async fn append_audit(&mut self, entry: AuditEntry) -> StoreResult<SealedEntry> {
        let seq: i64 = sqlx::query_scalar(
            "UPDATE audit_head SET next_seq = next_seq + 1 WHERE id = 1 RETURNING next_seq",
        )
        .fetch_one(&mut *self.tx)
        .await
        .map_err(classify)?;
        let sealed =
            entry.seal(u64::try_from(seq).map_err(|e| StoreError::Corrupt(e.to_string()))?);
        let e = &sealed.entry;
        sqlx::query(
            "INSERT INTO audit_log (seq, at, operation_id, event, operator, terminal, ori, mke, purpose, \
             case_number, outcome, code, entry, leaf_hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(seq)
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
        .bind(sealed.canonical.clone())
        .bind(sealed.leaf_hash.clone())
        .execute(&mut *self.tx)
        .await
        .map_err(classify)?;
        Ok(sealed)
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        self.tx.commit().await.map_err(classify)
    }

    async fn rollback(self: Box<Self>) -> StoreResult<()> {
        self.tx.rollback().await.map_err(classify)
    }
}
