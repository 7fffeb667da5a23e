//! The record lifecycle in one transaction: messages, deadlines, checks, confirmations, shifts, late entries.

use async_trait::async_trait;
use leads_domain::clock::Timestamp;
use leads_domain::deadline::{Deadline, DeadlineKind};
use leads_domain::fields::{Lrn, Ori};
use leads_store::{
    HitConfirmation, LifecycleTx, Message, StoreResult, StoredLateEntry, Verification,
};

use crate::lifecycle_rows;

use super::SqlTx;

#[async_trait]
impl LifecycleTx for SqlTx {
    async fn post_message(
        &mut self,
        recipient: &str,
        kind: &str,
        text: &str,
        at: Timestamp,
    ) -> StoreResult<i64> {
        crate::audit_rows::post_message(&mut self.tx, recipient, kind, text, at).await
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

    async fn overdue_deadline_counts(
        &mut self,
        now: Timestamp,
    ) -> StoreResult<Vec<(DeadlineKind, u64)>> {
        lifecycle_rows::overdue_deadline_counts(&mut self.tx, now).await
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
}
