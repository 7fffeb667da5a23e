#![doc = include_str!("../README.md")]

mod url;

use async_trait::async_trait;
use leads_audit::{AuditEntry, SealedEntry};
use leads_domain::clock::Timestamp;
use leads_domain::fields::{FieldCode, Ori};
use leads_domain::files::FileKind;
use leads_domain::search::{PersonQuery, RecordIndex};
use leads_domain::{Record, fields::Lrn, fields::Nic, fields::Oca};
use leads_policy::Principal;

pub use url::{Backend, DatabaseUrl};

/// A storage failure, classified at the boundary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// A unique key is taken (e.g. a duplicate record key written concurrently).
    #[error("conflict: {0}")]
    Conflict(String),
    /// A stored row no longer parses: the storage was altered outside the system.
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// The database cannot be reached.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// Anything else the driver reported.
    #[error("database error: {0}")]
    Backend(String),
}

/// Shorthand.
pub type StoreResult<T> = Result<T, StoreError>;

/// An agency of the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyRow {
    pub ori: Ori,
    pub name: String,
    pub active: bool,
}

/// An operator and the hash of their password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorRow {
    pub id: String,
    pub name: String,
    pub ori: Ori,
    pub active: bool,
    /// PHC string (argon2id).
    pub password_hash: String,
}

/// A registered terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerminalRow {
    pub id: String,
    pub ori: Ori,
    pub location: String,
    pub active: bool,
}

/// A sign-in session: a bearer token (stored only as its hash) bound to operator and terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub token_hash: String,
    pub operator_id: String,
    pub terminal_id: String,
    pub issued_at: Timestamp,
    pub expires_at: Timestamp,
}

/// A session with everything authorization needs about its operator, agency and terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionPrincipal {
    pub session: SessionRow,
    pub principal: Principal,
}

/// The database.
#[async_trait]
pub trait Store: Send + Sync + std::fmt::Debug {
    /// Which backend this is.
    fn backend(&self) -> Backend;

    /// Starts a transaction.
    async fn begin(&self) -> StoreResult<Box<dyn StoreTx>>;

    /// Looks a session up by token hash, with its principal.
    async fn session_principal(&self, token_hash: &str) -> StoreResult<Option<SessionPrincipal>>;

    /// Audit entries from `from_seq` on, in order, at most `limit`.
    async fn audit_entries(&self, from_seq: u64, limit: u32) -> StoreResult<Vec<SealedEntry>>;

    /// Number of records in the file (any status).
    async fn record_count(&self) -> StoreResult<u64>;

    /// Answers when the database can be reached.
    async fn health(&self) -> StoreResult<()>;
}

/// One database transaction. Dropping it without `commit` rolls it back.
#[async_trait]
pub trait StoreTx: Send {
    async fn put_agency(&mut self, agency: &AgencyRow) -> StoreResult<()>;
    async fn put_operator(&mut self, operator: &OperatorRow) -> StoreResult<()>;
    async fn put_terminal(&mut self, terminal: &TerminalRow) -> StoreResult<()>;
    async fn operator(&mut self, id: &str) -> StoreResult<Option<OperatorRow>>;
    async fn terminal(&mut self, id: &str) -> StoreResult<Option<TerminalRow>>;
    async fn agency(&mut self, ori: &Ori) -> StoreResult<Option<AgencyRow>>;
    async fn insert_session(&mut self, session: &SessionRow) -> StoreResult<()>;
    async fn delete_session(&mut self, token_hash: &str) -> StoreResult<bool>;

    /// The next value of a named counter (1, 2, …), atomically.
    async fn next_serial(&mut self, counter: &str) -> StoreResult<u64>;

    async fn record_by_lrn(&mut self, lrn: &Lrn) -> StoreResult<Option<Record>>;
    async fn record_by_nic(&mut self, nic: &Nic) -> StoreResult<Option<Record>>;
    /// Records of a file entered by `ori` under case number `oca` (any status).
    async fn records_by_oca(
        &mut self,
        file: FileKind,
        ori: &Ori,
        oca: &Oca,
    ) -> StoreResult<Vec<Record>>;
    /// The record in the file holding any of these duplicate keys.
    async fn record_by_duplicate_key(&mut self, keys: &[String]) -> StoreResult<Option<Record>>;

    /// Writes a new record and its index rows; `Conflict` if a duplicate key is taken.
    async fn insert_record(&mut self, record: &Record, index: &RecordIndex) -> StoreResult<()>;
    /// Rewrites a record and replaces its index rows (an empty index takes it out of searches).
    async fn update_record(&mut self, record: &Record, index: &RecordIndex) -> StoreResult<()>;

    /// Records answering a name search, at most `limit`.
    async fn search_people(&mut self, query: &PersonQuery, limit: u32) -> StoreResult<Vec<Record>>;
    /// Records of `files` holding identifier `code` = `value`, at most `limit`.
    async fn search_identifier(
        &mut self,
        files: &[FileKind],
        code: FieldCode,
        value: &str,
        limit: u32,
    ) -> StoreResult<Vec<Record>>;

    /// Appends an audit entry; returns it sealed with its sequence number.
    async fn append_audit(&mut self, entry: AuditEntry) -> StoreResult<SealedEntry>;

    async fn commit(self: Box<Self>) -> StoreResult<()>;
    async fn rollback(self: Box<Self>) -> StoreResult<()>;
}
