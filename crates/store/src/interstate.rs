//! The switch's interstate traffic, behind its own port: every message sent or received, the
//! outbox of those waiting to be sent (written in the same transaction as the act and its audit
//! entry), and the photos received, sealed in the vault. Reached from a transaction by
//! [`crate::StoreTx::interstate`].

use async_trait::async_trait;
use leads_domain::clock::Timestamp;
use leads_domain::fields::Ori;

use crate::{BlobRef, StoreResult};

/// Which way a message went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Out,
    In,
}

impl Direction {
    /// As stored.
    pub fn name(self) -> &'static str {
        match self {
            Direction::Out => "out",
            Direction::In => "in",
        }
    }

    /// From its stored name.
    pub fn from_name(name: &str) -> Option<Direction> {
        match name {
            "out" => Some(Direction::Out),
            "in" => Some(Direction::In),
            _ => None,
        }
    }
}

/// A photo received and sealed, as the traffic knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedPhoto {
    pub blob: BlobRef,
    pub sha256: String,
    pub bytes: i64,
}

/// One interstate message of the switch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterstateRow {
    pub id: i64,
    pub direction: Direction,
    /// `DQ`, `DR`, `YQ`, `YR`, `AM`, `SM`, `ER`.
    pub key: String,
    pub control: String,
    /// The destinations (out) or the sender (in).
    pub peer: String,
    /// The own agency: the sender of a message out, the addressee of one in.
    pub ori: Ori,
    /// Who sent it, or to whom it was delivered.
    pub person: Option<String>,
    pub case_number: Option<String>,
    /// The message in text form without its photos.
    pub body: String,
    /// The whole wire form of a message out, until it is sent.
    pub payload: Option<String>,
    pub photo: Option<ReceivedPhoto>,
    /// `queued` or `sent` (out); `delivered` or `answered` (in).
    pub status: String,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
}

/// The interstate traffic's storage, inside one transaction.
#[async_trait]
pub trait InterstateTx: Send {
    /// Records a message; returns its id.
    async fn insert_interstate(&mut self, row: &InterstateRow) -> StoreResult<i64>;
    /// Messages out waiting to be sent, oldest first, at most `limit`.
    async fn interstate_outbox(&mut self, limit: u32) -> StoreResult<Vec<InterstateRow>>;
    /// Marks a message out sent and drops its wire form; false if it was not waiting.
    async fn mark_interstate_sent(&mut self, id: i64, at: Timestamp) -> StoreResult<bool>;
    /// The messages of one direction with a control field, oldest first.
    async fn interstate_by_control(
        &mut self,
        control: &str,
        direction: Direction,
    ) -> StoreResult<Vec<InterstateRow>>;
    /// One message by id.
    async fn interstate_message(&mut self, id: i64) -> StoreResult<Option<InterstateRow>>;
    /// Sets a message's status; false if there is no such message.
    async fn set_interstate_status(&mut self, id: i64, status: &str) -> StoreResult<bool>;
}
