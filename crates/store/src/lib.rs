#![doc = include_str!("../README.md")]

mod image;
mod interstate;
mod lifecycle;
mod oversight;
mod sos;
mod url;

use async_trait::async_trait;
use leads_audit::checkpoint::Checkpoint;
use leads_audit::{AuditEntry, SealedEntry};
use leads_domain::access::Principal;
use leads_domain::access::{Agency, ConnectionRequest, Person, Terminal};
use leads_domain::clock::Timestamp;
use leads_domain::deadline::{Deadline, DeadlineKind};
use leads_domain::fields::{FieldCode, Ori};
use leads_domain::files::FileKind;
use leads_domain::search::{PersonQuery, RecordIndex};
use leads_domain::{Record, fields::Imn, fields::Lrn, fields::Nic, fields::Oca};

pub use image::{BlobRef, ImageStatus, RegistrantPhoto, StoredImage};
pub use interstate::{Direction, InterstateRow, InterstateTx, ReceivedPhoto};
pub use lifecycle::{HitConfirmation, StoredLateEntry, Verification};
pub use oversight::{CaseKind, OversightTx};
pub use sos::{
    CaseImage, ConsentRow, PhotoArrayRow, ReleaseRow, SosDisseminationRow, SosRequestRow, SosTx,
    StoredHolder,
};
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

/// How an account stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountStatus {
    Active,
    /// Disabled by the Administrator or for 90 days without use; the reason is kept.
    Disabled(String),
    /// Locked after repeated failed sign-ins until an administrator releases it.
    Locked,
}

impl AccountStatus {
    /// `active`, `disabled` or `locked`.
    pub fn name(&self) -> &'static str {
        match self {
            AccountStatus::Active => "active",
            AccountStatus::Disabled(_) => "disabled",
            AccountStatus::Locked => "locked",
        }
    }
}

/// A person's account: who they are, their credentials and the account's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub person: Person,
    pub status: AccountStatus,
    /// PHC string (argon2id).
    pub password_hash: String,
    pub password_changed_at: Timestamp,
    /// Base32 TOTP secret, once enrolled.
    pub totp_secret: Option<String>,
    /// The last TOTP time step accepted (a code is never accepted twice).
    pub totp_last_step: Option<i64>,
    pub created_at: Timestamp,
    pub last_sign_in_at: Option<Timestamp>,
}

/// A sign-in session: a bearer token (stored only as its hash) bound to operator and terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub token_hash: String,
    pub operator_id: String,
    pub terminal_id: String,
    pub issued_at: Timestamp,
    pub expires_at: Timestamp,
    /// When the operator accepted the system-use banner (no access before).
    pub banner_accepted_at: Option<Timestamp>,
    /// The last request of the session (idle timeout).
    pub last_activity_at: Timestamp,
}

/// A session with the account, the agency and the terminal it is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionPrincipal {
    pub session: SessionRow,
    pub account: Account,
    pub principal: Principal,
}

/// A checkpoint as stored: the signed tree head and the tree edge it was computed from (so the
/// next checkpoint can continue without re-reading the log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCheckpoint {
    pub checkpoint: Checkpoint,
    /// `(height, hash hex)`, largest subtree first.
    pub frontier: Vec<(u32, String)>,
}

/// One audit entry to append in a batch, with the session whose activity it records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditAppend {
    pub entry: AuditEntry,
    /// `(token hash, last activity)` of the session to touch.
    pub session: Option<(String, Timestamp)>,
}

/// What an audit report selects. Every given condition must hold; `subject` matches entries
/// whose canonical text contains any of the strings (inquiry criteria such as `NAM/DOE, JOHN` or
/// `SOC/219099999`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    pub ori: Option<String>,
    pub operator: Option<String>,
    pub terminal: Option<String>,
    /// Audit event (`transaction`, `sign_in`, `audit_read`, …).
    pub event: Option<String>,
    /// A LEADS record number the entry touched or returned.
    pub record: Option<String>,
    pub subject: Vec<String>,
    /// Inclusive, UTC microseconds.
    pub from_micros: Option<i64>,
    /// Exclusive, UTC microseconds.
    pub to_micros: Option<i64>,
    /// Only entries after this sequence number (the next page of a report).
    pub after_seq: Option<u64>,
}

/// A misuse flag as kept in the review queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFlag {
    pub id: i64,
    /// Start of the reviewed week, UTC microseconds.
    pub week_start: i64,
    pub flag: leads_audit::misuse::Flag,
    pub disposition: Option<Disposition>,
}

/// A reviewer's decision on a flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disposition {
    pub decision: leads_audit::misuse::Decision,
    pub note: String,
    /// The reviewer's person id.
    pub by: String,
    pub at: Timestamp,
}

/// Which flags to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlagQuery {
    /// Flags of one agency only.
    pub ori: Option<String>,
    /// Only flags without a disposition.
    pub open_only: bool,
    /// Flags of one reviewed week only.
    pub week_start: Option<i64>,
}

/// A message in a queue (alerts, notices).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: i64,
    pub at: Timestamp,
    pub recipient: String,
    pub kind: String,
    pub text: String,
    /// When it was acknowledged, and by whom.
    pub read_at: Option<Timestamp>,
    pub read_by: Option<String>,
}

/// The database.
#[async_trait]
pub trait Store: Send + Sync + std::fmt::Debug {
    /// Which backend this is.
    fn backend(&self) -> Backend;

    /// Starts a transaction.
    async fn begin(&self) -> StoreResult<Box<dyn StoreTx>>;

    /// A transaction for reading only (inquiries), which does not take the writer: on SQLite a
    /// reader connection's snapshot. Writing through it is an error or a wait.
    async fn begin_read(&self) -> StoreResult<Box<dyn StoreTx>>;

    /// Appends audit entries, with the session activity each records, in one transaction and
    /// one durable commit (group commit). All or none are written.
    async fn append_audit_batch(&self, items: &[AuditAppend]) -> StoreResult<Vec<SealedEntry>>;

    /// Looks a session up by token hash, with its principal.
    async fn session_principal(&self, token_hash: &str) -> StoreResult<Option<SessionPrincipal>>;

    /// Audit entries from `from_seq` on, in order, at most `limit`.
    async fn audit_entries(&self, from_seq: u64, limit: u32) -> StoreResult<Vec<SealedEntry>>;

    /// Audit entries matching a report query, in log order, at most `limit`.
    async fn audit_search(&self, query: &AuditQuery, limit: u32) -> StoreResult<Vec<SealedEntry>>;

    /// `(seq, leaf hash)` of audit entries from `from_seq` on, in order, at most `limit`.
    async fn audit_leaves(&self, from_seq: u64, limit: u32) -> StoreResult<Vec<(u64, String)>>;

    /// The latest signed checkpoint with the tree edge it was made from.
    async fn latest_checkpoint(&self) -> StoreResult<Option<StoredCheckpoint>>;

    /// Checkpoints of size `from_size` or more, in order, at most `limit`.
    async fn checkpoints(&self, from_size: u64, limit: u32) -> StoreResult<Vec<Checkpoint>>;

    /// The size and tree edge of the pruned prefix of the audit log (0 and empty if none).
    async fn audit_base(&self) -> StoreResult<(u64, Vec<(u32, String)>)>;

    /// The longest prefix of the audit log whose entries are all older than `before_micros`:
    /// the sequence number of its last entry (the pruned base size when there is none).
    async fn audit_older_prefix(&self, before_micros: i64) -> StoreResult<u64>;

    /// Whether the week starting at `week_start` (UTC microseconds) was reviewed.
    async fn misuse_reviewed(&self, week_start: i64) -> StoreResult<bool>;

    /// Flags of the review queue, oldest first, at most `limit`.
    async fn misuse_flags(&self, query: &FlagQuery, limit: u32) -> StoreResult<Vec<StoredFlag>>;

    /// Messages to a recipient (an ORI, or `ADMINISTRATOR`), newest first, at most `limit`.
    async fn messages(&self, recipient: &str, limit: u32) -> StoreResult<Vec<Message>>;

    /// Number of records in the file (any status).
    async fn record_count(&self) -> StoreResult<u64>;

    /// Answers when the database can be reached.
    async fn health(&self) -> StoreResult<()>;
}

/// One database transaction. Dropping it without `commit` rolls it back. Its operations are
/// grouped by area in the traits it is made of ([`DirectoryTx`], [`SessionTx`], [`RecordTx`],
/// [`AuditTx`], [`ImageTx`], [`LifecycleTx`], [`SosTx`] through [`StoreTx::sos`] and
/// [`OversightTx`] through [`StoreTx::oversight`]); a caller
/// imports the areas it uses.
#[async_trait]
pub trait StoreTx:
    DirectoryTx + SessionTx + RecordTx + AuditTx + ImageTx + LifecycleTx + Send
{
    /// The SOS image service's storage, in this transaction.
    fn sos(&mut self) -> &mut dyn SosTx;

    /// The Department's oversight cases, in this transaction.
    fn oversight(&mut self) -> &mut dyn OversightTx;

    /// The switch's interstate traffic, in this transaction.
    fn interstate(&mut self) -> &mut dyn InterstateTx;

    async fn commit(self: Box<Self>) -> StoreResult<()>;
    async fn rollback(self: Box<Self>) -> StoreResult<()>;
}

/// The directory: agencies, accounts, terminals and connection requests.
#[async_trait]
pub trait DirectoryTx: Send {
    async fn put_agency(&mut self, agency: &Agency) -> StoreResult<()>;
    async fn agency(&mut self, ori: &Ori) -> StoreResult<Option<Agency>>;
    async fn agencies(&mut self) -> StoreResult<Vec<Agency>>;

    async fn put_account(&mut self, account: &Account) -> StoreResult<()>;
    async fn account(&mut self, id: &str) -> StoreResult<Option<Account>>;
    /// Holds the account's row until the transaction ends, so that concurrent sign-ins of one
    /// operator are evaluated one after another: a second-factor code is used once and every
    /// failure is counted before the next guess is read (PostgreSQL `SELECT … FOR UPDATE`;
    /// SQLite has one writer, which already serializes them). No row, no lock.
    async fn lock_account(&mut self, id: &str) -> StoreResult<()>;
    /// Accounts of one agency, or all.
    async fn accounts(&mut self, ori: Option<&Ori>) -> StoreResult<Vec<Account>>;

    async fn put_terminal(&mut self, terminal: &Terminal) -> StoreResult<()>;
    async fn terminal(&mut self, id: &str) -> StoreResult<Option<Terminal>>;
    async fn terminals(&mut self, ori: Option<&Ori>) -> StoreResult<Vec<Terminal>>;

    /// Records a new connection request; returns its number.
    async fn insert_connection(
        &mut self,
        request: &ConnectionRequest,
        at: Timestamp,
    ) -> StoreResult<i64>;
    async fn update_connection(
        &mut self,
        id: i64,
        request: &ConnectionRequest,
        at: Timestamp,
    ) -> StoreResult<()>;
    async fn connection(&mut self, id: i64) -> StoreResult<Option<ConnectionRequest>>;
    async fn connections(
        &mut self,
        ori: Option<&Ori>,
    ) -> StoreResult<Vec<(i64, ConnectionRequest)>>;
}

/// Sessions and the sign-in failures that lock accounts.
#[async_trait]
pub trait SessionTx: Send {
    async fn record_sign_in_failure(&mut self, operator_id: &str, at: Timestamp)
    -> StoreResult<()>;
    /// Failed sign-ins of an operator at or after `since`.
    async fn sign_in_failures_since(
        &mut self,
        operator_id: &str,
        since: Timestamp,
    ) -> StoreResult<u64>;
    async fn clear_sign_in_failures(&mut self, operator_id: &str) -> StoreResult<()>;

    async fn insert_session(&mut self, session: &SessionRow) -> StoreResult<()>;
    async fn delete_session(&mut self, token_hash: &str) -> StoreResult<bool>;
    /// Ends every session of an operator (disable, lock, password change).
    async fn delete_sessions_of(&mut self, operator_id: &str) -> StoreResult<u64>;
    /// Records the banner acceptance or the latest activity of a session.
    async fn update_session(
        &mut self,
        token_hash: &str,
        banner_accepted_at: Option<Timestamp>,
        last_activity_at: Timestamp,
    ) -> StoreResult<()>;
}

/// The hot-file records, their numbers and their search index.
#[async_trait]
pub trait RecordTx: Send {
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
}

/// The audit log: entries, checkpoints, pruning and the misuse review.
#[async_trait]
pub trait AuditTx: Send {
    /// Appends an audit entry; returns it sealed with its sequence number.
    async fn append_audit(&mut self, entry: AuditEntry) -> StoreResult<SealedEntry>;

    /// Stores a signed checkpoint with the tree edge it was made from.
    async fn insert_checkpoint(&mut self, checkpoint: &StoredCheckpoint) -> StoreResult<()>;
    /// Records a reviewed week and its flags; `Conflict` if the week was reviewed already.
    async fn insert_misuse_review(
        &mut self,
        week_start: i64,
        week_end: i64,
        at: Timestamp,
        flags: &[leads_audit::misuse::Flag],
    ) -> StoreResult<()>;

    async fn misuse_flag(&mut self, id: i64) -> StoreResult<Option<StoredFlag>>;

    /// Records a disposition on a flag that has none; false if it already had one.
    async fn dispose_misuse_flag(
        &mut self,
        id: i64,
        disposition: &Disposition,
    ) -> StoreResult<bool>;

    /// Removes the audit entries up to `through_seq` and records the tree edge they leave
    /// (`frontier`, of size `through_seq`) as the new base; returns the entries removed.
    async fn prune_audit(
        &mut self,
        through_seq: u64,
        frontier: &[(u32, String)],
    ) -> StoreResult<u64>;
}

/// The image file: pictures of records and their sealed keys.
#[async_trait]
pub trait ImageTx: Send {
    /// Adds an image (its number is unique).
    async fn insert_image(&mut self, image: &StoredImage) -> StoreResult<()>;
    /// Rewrites an image's metadata.
    async fn update_image(&mut self, image: &StoredImage) -> StoreResult<()>;
    /// An image by number, whatever its status.
    async fn image(&mut self, imn: &Imn) -> StoreResult<Option<StoredImage>>;
    /// A record's images, oldest first; cancelled ones only if asked.
    async fn images_of_record(
        &mut self,
        lrn: &Lrn,
        with_cancelled: bool,
    ) -> StoreResult<Vec<StoredImage>>;
    /// Active images of other records with their perceptual hashes: `(imn, lrn, phash)`.
    async fn image_hashes(&mut self, except: &Lrn) -> StoreResult<Vec<(Imn, Lrn, String)>>;
    /// Registrant records in the file (of one agency, or all) and their newest mugshots.
    async fn registrant_photos(&mut self, ori: Option<&Ori>) -> StoreResult<Vec<RegistrantPhoto>>;
    /// Every image's blobs with their wrapped keys (for master-key rotation):
    /// `(imn, picture, thumbnail)`; cancelled images have none.
    async fn image_keys(&mut self) -> StoreResult<Vec<(Imn, BlobRef, BlobRef)>>;
    /// Replaces the wrapped keys of an image (master-key rotation).
    async fn rewrap_image(&mut self, imn: &Imn, picture: &str, thumbnail: &str) -> StoreResult<()>;
}

/// The record lifecycle: messages and mailboxes, deadlines, checks, confirmations, shifts and late entries.
#[async_trait]
pub trait LifecycleTx: Send {
    /// Puts a message in a recipient's queue.
    async fn post_message(
        &mut self,
        recipient: &str,
        kind: &str,
        text: &str,
        at: Timestamp,
    ) -> StoreResult<i64>;

    /// A recipient's messages, newest first (unacknowledged only if asked).
    async fn mailbox(
        &mut self,
        recipient: &str,
        unread_only: bool,
        limit: u32,
    ) -> StoreResult<Vec<Message>>;
    /// Marks a message of `recipient` acknowledged; false if there is no such unacknowledged
    /// message.
    async fn acknowledge_message(
        &mut self,
        id: i64,
        recipient: &str,
        by: &str,
        at: Timestamp,
    ) -> StoreResult<bool>;

    /// Opens a deadline; returns its id.
    async fn insert_deadline(
        &mut self,
        kind: DeadlineKind,
        ori: &str,
        subject: &str,
        due_at: Timestamp,
        now: Timestamp,
    ) -> StoreResult<i64>;
    /// Open deadlines due at or before `now`, earliest first, at most `limit`.
    async fn due_deadlines(&mut self, now: Timestamp, limit: u32) -> StoreResult<Vec<Deadline>>;
    /// Open deadlines of an agency (of all for `None`), earliest first.
    async fn open_deadlines(&mut self, ori: Option<&str>) -> StoreResult<Vec<Deadline>>;
    /// How many open deadlines of each kind are overdue at `now` (a notice sent, or due).
    async fn overdue_deadline_counts(
        &mut self,
        now: Timestamp,
    ) -> StoreResult<Vec<(DeadlineKind, u64)>>;
    /// Moves an open deadline that has had `notices` notices to its next reminder; false if
    /// it was closed or moved meanwhile (another sweep claimed it).
    async fn reschedule_deadline(
        &mut self,
        id: i64,
        notices: u32,
        due_at: Timestamp,
    ) -> StoreResult<bool>;
    /// Closes one open deadline, saying how; false if it was already closed.
    async fn close_deadline(&mut self, id: i64, at: Timestamp, how: &str) -> StoreResult<bool>;
    /// Closes the open deadlines of `subject` (of `kind` only, when given), saying how;
    /// returns how many were closed.
    async fn close_deadlines(
        &mut self,
        subject: &str,
        kind: Option<DeadlineKind>,
        at: Timestamp,
        how: &str,
    ) -> StoreResult<u64>;
    /// Records a second-party check.
    async fn insert_verification(&mut self, verification: &Verification) -> StoreResult<()>;
    /// A record's second-party checks, oldest first.
    async fn verifications(&mut self, lrn: &Lrn) -> StoreResult<Vec<Verification>>;
    /// Records a hit confirmation request; returns its id.
    async fn insert_confirmation(&mut self, request: &HitConfirmation) -> StoreResult<i64>;
    /// The unanswered confirmation requests on a record, oldest first.
    async fn open_confirmations(&mut self, lrn: &Lrn) -> StoreResult<Vec<HitConfirmation>>;
    /// Records the answer to a request.
    async fn answer_confirmation(
        &mut self,
        id: i64,
        answer: &str,
        by: &str,
        at: Timestamp,
    ) -> StoreResult<()>;
    /// An agency's shift changes (minutes after midnight UTC), if it defined them (H5).
    async fn agency_shifts(&mut self, ori: &Ori) -> StoreResult<Option<Vec<u16>>>;
    /// Defines an agency's shift changes.
    async fn put_agency_shifts(&mut self, ori: &Ori, starts: &[u16]) -> StoreResult<()>;
    /// Records a warrant entered late (H3).
    async fn insert_late_entry(&mut self, entry: &StoredLateEntry) -> StoreResult<()>;
    /// Records the emergency that delayed a late entry, stated afterwards; false if the record
    /// has no late entry.
    async fn excuse_late_entry(&mut self, lrn: &Lrn, emergency: &str) -> StoreResult<bool>;
    /// Late entries of an agency (of all for `None`), newest first, at most `limit`.
    async fn late_entries(
        &mut self,
        ori: Option<&str>,
        limit: u32,
    ) -> StoreResult<Vec<StoredLateEntry>>;
}
