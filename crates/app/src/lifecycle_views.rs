//! What people read from the deadline engine: the agency's message queue (read, acknowledge)
//! and the compliance view of open deadlines.

use leads_domain::deadline::Deadline;
use leads_domain::fields::Ori;
use leads_domain::reply::Outcome;
use leads_store::Message;

use crate::audit_log::ADMINISTRATOR_QUEUE;
use crate::{ItemsReply, Service, ServiceError};

/// Messages listed at most per reading.
pub const MAILBOX_LIMIT: u32 = 500;

/// The queue a scope reads: an agency's ORI, or the Administrator's queue for every agency.
fn queue_of(agency: Option<&Ori>) -> String {
    agency.map_or_else(|| ADMINISTRATOR_QUEUE.to_owned(), ToString::to_string)
}

impl Service {
    /// The messages of the reader's agency (`scope` names another agency, or `ALL` for the
    /// Administrator's queue), newest first; audited.
    pub async fn mailbox(
        &self,
        token: &str,
        scope: Option<&str>,
        unread_only: bool,
        operation_id: Option<String>,
    ) -> Result<ItemsReply<Message>, ServiceError> {
        self.read_compliance(
            token,
            scope,
            operation_id,
            "mailbox_read",
            "mailbox",
            false,
            move |tx, _store, agency, _reader, _now| {
                Box::pin(async move {
                    let queue = queue_of(agency);
                    Ok(Ok(tx.mailbox(&queue, unread_only, MAILBOX_LIMIT).await?))
                })
            },
        )
        .await
    }

    /// Acknowledges message `id` of the scope's queue (read and acted upon); audited.
    pub async fn acknowledge_message(
        &self,
        token: &str,
        scope: Option<&str>,
        id: i64,
        operation_id: Option<String>,
    ) -> Result<ItemsReply<i64>, ServiceError> {
        let mut reply = self
            .read_compliance(
                token,
                scope,
                operation_id,
                "message_acknowledged",
                "message_acknowledged",
                true,
                move |tx, _store, agency, reader, now| {
                    Box::pin(async move {
                        let queue = queue_of(agency);
                        let done = tx
                            .acknowledge_message(id, &queue, &reader.person.id, now)
                            .await?;
                        Ok(if done {
                            Ok(vec![id])
                        } else {
                            Err((
                                "message_not_found",
                                format!("NO UNACKNOWLEDGED MESSAGE {id} IN THIS QUEUE"),
                            ))
                        })
                    })
                },
            )
            .await?;
        if reply.outcome == Outcome::Accepted {
            reply.message = format!("MESSAGE {id} ACKNOWLEDGED");
        }
        Ok(reply)
    }

    /// The compliance view: every open deadline of the agency (of every agency for `ALL`),
    /// earliest first; audited.
    pub async fn compliance(
        &self,
        token: &str,
        scope: Option<&str>,
        operation_id: Option<String>,
    ) -> Result<ItemsReply<Deadline>, ServiceError> {
        self.read_compliance(
            token,
            scope,
            operation_id,
            "compliance_read",
            "compliance",
            false,
            |tx, _store, agency, _reader, _now| {
                Box::pin(async move { Ok(Ok(tx.open_deadlines(agency.map(Ori::as_str)).await?)) })
            },
        )
        .await
    }
}
