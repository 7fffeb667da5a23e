//! One database transaction behind `StoreTx`.

use async_trait::async_trait;
use leads_audit::{AuditEntry, SealedEntry};
use leads_domain::Record;
use leads_domain::access::{Agency, ConnectionRequest, Terminal};
use leads_domain::clock::Timestamp;
use leads_domain::deadline::{Deadline, DeadlineKind};
use leads_domain::fields::{FieldCode, Imn, Lrn, Nic, Oca, Ori};
use leads_domain::files::FileKind;
use leads_domain::search::{PersonQuery, RecordIndex};
use leads_store::{
    Account, BlobRef, HitConfirmation, Message, RegistrantPhoto, SessionRow, StoreError,
    StoreResult, StoreTx, StoredCheckpoint, StoredImage, StoredLateEntry, Verification,
};
use sqlx::{Any, AssertSqlSafe, Transaction};

use crate::classify;
use crate::directory::{
    self, ACCOUNT_COLUMNS, AGENCY_COLUMNS, TERMINAL_COLUMNS, account_from, agency_from,
    connection_from, terminal_from,
};
use crate::rows::{RECORD_COLUMNS, fields_json, record_from_row, status_columns};
use crate::{image_rows, lifecycle_rows};

pub(crate) struct SqlTx {
    pub(crate) tx: Transaction<'static, Any>,
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

#[async_trait]
impl StoreTx for SqlTx {
    async fn put_agency(&mut self, agency: &Agency) -> StoreResult<()> {
        directory::put_agency(&mut self.tx, agency).await
    }

    async fn agency(&mut self, ori: &Ori) -> StoreResult<Option<Agency>> {
        directory::one(
            &mut self.tx,
            AGENCY_COLUMNS,
            "agencies",
            "ori",
            ori.to_string(),
            agency_from,
        )
        .await
    }

    async fn agencies(&mut self) -> StoreResult<Vec<Agency>> {
        directory::list(&mut self.tx, AGENCY_COLUMNS, "agencies", None, agency_from).await
    }

    async fn put_account(&mut self, account: &Account) -> StoreResult<()> {
        directory::put_account(&mut self.tx, account).await
    }

    async fn account(&mut self, id: &str) -> StoreResult<Option<Account>> {
        directory::one(
            &mut self.tx,
            ACCOUNT_COLUMNS,
            "operators",
            "id",
            id.to_owned(),
            account_from,
        )
        .await
    }

    async fn accounts(&mut self, ori: Option<&Ori>) -> StoreResult<Vec<Account>> {
        directory::list(
            &mut self.tx,
            ACCOUNT_COLUMNS,
            "operators",
            ori,
            account_from,
        )
        .await
    }

    async fn put_terminal(&mut self, terminal: &Terminal) -> StoreResult<()> {
        directory::put_terminal(&mut self.tx, terminal).await
    }

    async fn terminal(&mut self, id: &str) -> StoreResult<Option<Terminal>> {
        directory::one(
            &mut self.tx,
            TERMINAL_COLUMNS,
            "terminals",
            "id",
            id.to_owned(),
            terminal_from,
        )
        .await
    }

    async fn terminals(&mut self, ori: Option<&Ori>) -> StoreResult<Vec<Terminal>> {
        directory::list(
            &mut self.tx,
            TERMINAL_COLUMNS,
            "terminals",
            ori,
            terminal_from,
        )
        .await
    }

    async fn insert_connection(
        &mut self,
        request: &ConnectionRequest,
        at: Timestamp,
    ) -> StoreResult<i64> {
        directory::insert_connection(&mut self.tx, request, at).await
    }

    async fn update_connection(
        &mut self,
        id: i64,
        request: &ConnectionRequest,
        at: Timestamp,
    ) -> StoreResult<()> {
        directory::update_connection(&mut self.tx, id, request, at).await
    }

    async fn connection(&mut self, id: i64) -> StoreResult<Option<ConnectionRequest>> {
        let row = sqlx::query("SELECT id, profile FROM connection_requests WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(classify)?;
        Ok(row
            .as_ref()
            .map(connection_from)
            .transpose()?
            .map(|(_, request)| request))
    }

    async fn connections(
        &mut self,
        ori: Option<&Ori>,
    ) -> StoreResult<Vec<(i64, ConnectionRequest)>> {
        directory::list(
            &mut self.tx,
            "id, profile",
            "connection_requests",
            ori,
            connection_from,
        )
        .await
    }

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
        crate::audit_batch::insert_sealed(&mut self.tx, std::slice::from_ref(&sealed)).await?;
        Ok(sealed)
    }

    async fn insert_checkpoint(&mut self, checkpoint: &StoredCheckpoint) -> StoreResult<()> {
        crate::audit_rows::insert_checkpoint(&mut self.tx, checkpoint).await
    }

    async fn insert_misuse_review(
        &mut self,
        week_start: i64,
        week_end: i64,
        at: Timestamp,
        flags: &[leads_audit::misuse::Flag],
    ) -> StoreResult<()> {
        crate::review_rows::insert_review(&mut self.tx, week_start, week_end, at, flags).await
    }

    async fn misuse_flag(&mut self, id: i64) -> StoreResult<Option<leads_store::StoredFlag>> {
        crate::review_rows::flag(&mut self.tx, id).await
    }

    async fn dispose_misuse_flag(
        &mut self,
        id: i64,
        disposition: &leads_store::Disposition,
    ) -> StoreResult<bool> {
        crate::review_rows::dispose(&mut self.tx, id, disposition).await
    }

    async fn prune_audit(
        &mut self,
        through_seq: u64,
        frontier: &[(u32, String)],
    ) -> StoreResult<u64> {
        crate::audit_rows::prune_audit(&mut self.tx, through_seq, frontier).await
    }

    async fn post_message(
        &mut self,
        recipient: &str,
        kind: &str,
        text: &str,
        at: Timestamp,
    ) -> StoreResult<i64> {
        crate::audit_rows::post_message(&mut self.tx, recipient, kind, text, at).await
    }

    async fn insert_image(&mut self, image: &StoredImage) -> StoreResult<()> {
        image_rows::insert(&mut self.tx, image).await
    }

    async fn update_image(&mut self, image: &StoredImage) -> StoreResult<()> {
        image_rows::update(&mut self.tx, image).await
    }

    async fn image(&mut self, imn: &Imn) -> StoreResult<Option<StoredImage>> {
        image_rows::by_imn(&mut self.tx, imn).await
    }

    async fn images_of_record(
        &mut self,
        lrn: &Lrn,
        with_cancelled: bool,
    ) -> StoreResult<Vec<StoredImage>> {
        image_rows::of_record(&mut self.tx, lrn, with_cancelled).await
    }

    async fn image_hashes(&mut self, except: &Lrn) -> StoreResult<Vec<(Imn, Lrn, String)>> {
        image_rows::hashes(&mut self.tx, except).await
    }

    async fn registrant_photos(&mut self, ori: Option<&Ori>) -> StoreResult<Vec<RegistrantPhoto>> {
        image_rows::registrant_photos(&mut self.tx, ori).await
    }

    async fn image_keys(&mut self) -> StoreResult<Vec<(Imn, BlobRef, BlobRef)>> {
        image_rows::keys(&mut self.tx).await
    }

    async fn rewrap_image(&mut self, imn: &Imn, picture: &str, thumbnail: &str) -> StoreResult<()> {
        image_rows::rewrap(&mut self.tx, imn, picture, thumbnail).await
    }

    async fn mailbox(
        &mut self,
        recipient: &str,
        unread_only: bool,
        limit: u32,
    ) -> StoreResult<Vec<Message>> {
        lifecycle_rows::mailbox(&mut self.tx, recipient, unread_only, limit).await
    }

    async fn acknowledge_message(
        &mut self,
        id: i64,
        recipient: &str,
        by: &str,
        at: Timestamp,
    ) -> StoreResult<bool> {
        lifecycle_rows::acknowledge_message(&mut self.tx, id, recipient, by, at).await
    }

    async fn insert_deadline(
        &mut self,
        kind: DeadlineKind,
        ori: &str,
        subject: &str,
        due_at: Timestamp,
        now: Timestamp,
    ) -> StoreResult<i64> {
        lifecycle_rows::insert_deadline(&mut self.tx, kind, ori, subject, due_at, now).await
    }

    async fn due_deadlines(&mut self, now: Timestamp, limit: u32) -> StoreResult<Vec<Deadline>> {
        lifecycle_rows::due_deadlines(&mut self.tx, now, limit).await
    }

    async fn open_deadlines(&mut self, ori: Option<&str>) -> StoreResult<Vec<Deadline>> {
        lifecycle_rows::open_deadlines(&mut self.tx, ori).await
    }

    async fn reschedule_deadline(
        &mut self,
        id: i64,
        notices: u32,
        due_at: Timestamp,
    ) -> StoreResult<bool> {
        lifecycle_rows::reschedule_deadline(&mut self.tx, id, notices, due_at).await
    }

    async fn close_deadline(&mut self, id: i64, at: Timestamp, how: &str) -> StoreResult<bool> {
        lifecycle_rows::close_deadline(&mut self.tx, id, at, how).await
    }

    async fn close_deadlines(
        &mut self,
        subject: &str,
        kind: Option<DeadlineKind>,
        at: Timestamp,
        how: &str,
    ) -> StoreResult<u64> {
        lifecycle_rows::close_deadlines(&mut self.tx, subject, kind, at, how).await
    }

    async fn insert_verification(&mut self, verification: &Verification) -> StoreResult<()> {
        lifecycle_rows::insert_verification(&mut self.tx, verification).await
    }

    async fn verifications(&mut self, lrn: &Lrn) -> StoreResult<Vec<Verification>> {
        lifecycle_rows::verifications(&mut self.tx, lrn).await
    }

    async fn insert_confirmation(&mut self, request: &HitConfirmation) -> StoreResult<i64> {
        lifecycle_rows::insert_confirmation(&mut self.tx, request).await
    }

    async fn open_confirmations(&mut self, lrn: &Lrn) -> StoreResult<Vec<HitConfirmation>> {
        lifecycle_rows::open_confirmations(&mut self.tx, lrn).await
    }

    async fn answer_confirmation(
        &mut self,
        id: i64,
        answer: &str,
        by: &str,
        at: Timestamp,
    ) -> StoreResult<()> {
        lifecycle_rows::answer_confirmation(&mut self.tx, id, answer, by, at).await
    }

    async fn agency_shifts(&mut self, ori: &Ori) -> StoreResult<Option<Vec<u16>>> {
        lifecycle_rows::agency_shifts(&mut self.tx, ori).await
    }

    async fn put_agency_shifts(&mut self, ori: &Ori, starts: &[u16]) -> StoreResult<()> {
        lifecycle_rows::put_agency_shifts(&mut self.tx, ori, starts).await
    }

    async fn insert_late_entry(&mut self, entry: &StoredLateEntry) -> StoreResult<()> {
        lifecycle_rows::insert_late_entry(&mut self.tx, entry).await
    }

    async fn excuse_late_entry(&mut self, lrn: &Lrn, emergency: &str) -> StoreResult<bool> {
        lifecycle_rows::excuse_late_entry(&mut self.tx, lrn, emergency).await
    }

    async fn late_entries(
        &mut self,
        ori: Option<&str>,
        limit: u32,
    ) -> StoreResult<Vec<StoredLateEntry>> {
        lifecycle_rows::late_entries(&mut self.tx, ori, limit).await
    }

    fn sos(&mut self) -> &mut dyn leads_store::SosTx {
        self
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        self.tx.commit().await.map_err(classify)
    }

    async fn rollback(self: Box<Self>) -> StoreResult<()> {
        self.tx.rollback().await.map_err(classify)
    }
}
