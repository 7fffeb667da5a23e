#![doc = include_str!("../README.md")]

mod audit_batch;
mod audit_read;
mod audit_rows;
mod columns;
mod directory;
mod image_rows;
mod lifecycle_rows;
mod migrate;
mod review_rows;
mod rows;
mod sos_rows;
mod tx;

use async_trait::async_trait;
use leads_audit::SealedEntry;
use leads_audit::checkpoint::Checkpoint;
use leads_store::{
    Backend, DatabaseUrl, Message, SessionPrincipal, Store, StoreError, StoreResult, StoreTx,
    StoredCheckpoint,
};
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};

pub use migrate::{MIGRATIONS, Migration};

/// SQLite or PostgreSQL behind the storage port.
#[derive(Debug, Clone)]
pub struct SqlStore {
    backend: Backend,
    /// Transactions run here (one connection on SQLite: SQLite has one writer).
    writer: AnyPool,
    /// Reads that need no transaction (the same pool on PostgreSQL).
    reader: AnyPool,
}

/// Maps a driver error onto the port's classification.
pub(crate) fn classify(error: sqlx::Error) -> StoreError {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Conflict(db.message().to_owned())
        }
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
            StoreError::Unavailable(error.to_string())
        }
        _ => StoreError::Backend(error.to_string()),
    }
}

const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";

fn sqlite_url(url: &DatabaseUrl) -> String {
    let text = url.expose();
    if text.contains("mode=") {
        text.to_owned()
    } else if text.contains('?') {
        format!("{text}&mode=rwc")
    } else {
        format!("{text}?mode=rwc")
    }
}

/// Creates the directory an SQLite file lives in, and the file itself readable and writable by
/// its owner only (0600; SQLite gives its journal files the same mode).
fn ensure_sqlite_dir(url: &str) -> StoreResult<()> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path.starts_with(":memory:") {
        return Ok(());
    }
    if let Some(dir) = std::path::Path::new(path)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Unavailable(format!("{}: {e}", dir.display())))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::Unavailable(format!("{path}: {e}"))),
    }
}

impl SqlStore {
    /// Connects to the database the URL names (creating an SQLite file and its directory if
    /// needed). Does not migrate.
    pub async fn connect(url: &DatabaseUrl) -> StoreResult<SqlStore> {
        install_default_drivers();
        let backend = url.backend();
        match backend {
            Backend::Sqlite => {
                let text = sqlite_url(url);
                ensure_sqlite_dir(&text)?;
                let options = || {
                    AnyPoolOptions::new().after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute(sqlx::raw_sql(SQLITE_PRAGMAS)).await?;
                            Ok(())
                        })
                    })
                };
                let writer = options()
                    .max_connections(1)
                    .connect(&text)
                    .await
                    .map_err(classify)?;
                let reader = options()
                    .max_connections(4)
                    .connect(&text)
                    .await
                    .map_err(classify)?;
                Ok(SqlStore {
                    backend,
                    writer,
                    reader,
                })
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .connect(url.expose())
                    .await
                    .map_err(classify)?;
                Ok(SqlStore {
                    backend,
                    writer: pool.clone(),
                    reader: pool,
                })
            }
        }
    }

    /// Connects and applies pending migrations.
    pub async fn open(url: &DatabaseUrl) -> StoreResult<SqlStore> {
        let store = SqlStore::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Applies the backend's pending migrations; returns how many ran.
    pub async fn migrate(&self) -> StoreResult<usize> {
        migrate::run(&self.writer, self.backend).await
    }

    /// Closes the pools (SQLite checkpoints its WAL).
    pub async fn close(&self) {
        self.writer.close().await;
        self.reader.close().await;
    }
}

#[async_trait]
impl Store for SqlStore {
    fn backend(&self) -> Backend {
        self.backend
    }

    async fn begin(&self) -> StoreResult<Box<dyn StoreTx>> {
        let tx = self.writer.begin().await.map_err(classify)?;
        Ok(Box::new(tx::SqlTx::new(tx)))
    }

    async fn begin_read(&self) -> StoreResult<Box<dyn StoreTx>> {
        let tx = self.reader.begin().await.map_err(classify)?;
        Ok(Box::new(tx::SqlTx::new(tx)))
    }

    async fn append_audit_batch(
        &self,
        items: &[leads_store::AuditAppend],
    ) -> StoreResult<Vec<SealedEntry>> {
        audit_batch::append_batch(&self.writer, items).await
    }

    async fn session_principal(&self, token_hash: &str) -> StoreResult<Option<SessionPrincipal>> {
        rows::session_principal(&self.reader, token_hash).await
    }

    async fn audit_entries(&self, from_seq: u64, limit: u32) -> StoreResult<Vec<SealedEntry>> {
        audit_read::audit_entries(&self.reader, from_seq, limit).await
    }

    async fn audit_search(
        &self,
        query: &leads_store::AuditQuery,
        limit: u32,
    ) -> StoreResult<Vec<SealedEntry>> {
        audit_read::audit_search(&self.reader, query, limit).await
    }

    async fn audit_leaves(&self, from_seq: u64, limit: u32) -> StoreResult<Vec<(u64, String)>> {
        audit_rows::audit_leaves(&self.reader, from_seq, limit).await
    }

    async fn latest_checkpoint(&self) -> StoreResult<Option<StoredCheckpoint>> {
        audit_rows::latest_checkpoint(&self.reader).await
    }

    async fn checkpoints(&self, from_size: u64, limit: u32) -> StoreResult<Vec<Checkpoint>> {
        audit_rows::checkpoints(&self.reader, from_size, limit).await
    }

    async fn audit_base(&self) -> StoreResult<(u64, Vec<(u32, String)>)> {
        audit_rows::audit_base(&self.reader).await
    }

    async fn misuse_reviewed(&self, week_start: i64) -> StoreResult<bool> {
        review_rows::reviewed(&self.reader, week_start).await
    }

    async fn misuse_flags(
        &self,
        query: &leads_store::FlagQuery,
        limit: u32,
    ) -> StoreResult<Vec<leads_store::StoredFlag>> {
        review_rows::flags(&self.reader, query, limit).await
    }

    async fn audit_older_prefix(&self, before_micros: i64) -> StoreResult<u64> {
        audit_rows::audit_older_prefix(&self.reader, before_micros).await
    }

    async fn messages(&self, recipient: &str, limit: u32) -> StoreResult<Vec<Message>> {
        audit_rows::messages(&self.reader, recipient, limit).await
    }

    async fn record_count(&self) -> StoreResult<u64> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records")
            .fetch_one(&self.reader)
            .await
            .map_err(classify)?;
        Ok(u64::try_from(count).unwrap_or_default())
    }

    async fn health(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1")
            .execute(&self.reader)
            .await
            .map_err(classify)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    #[test]
    fn a_new_sqlite_file_is_its_owner_s_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("leads-mode-{}", std::process::id()));
        let path = dir.join("nested").join("leads.db");
        super::ensure_sqlite_dir(&format!("sqlite://{}?mode=rwc", path.display())).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        // An existing file is left as it is.
        super::ensure_sqlite_dir(&format!("sqlite://{}", path.display())).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
