//! What people read from the deadline engine: the agency's message queue (read, acknowledge)
//! and the compliance view of open deadlines.

use leads_domain::codes::ReplyCode;
use leads_domain::deadline::Deadline;
use leads_domain::fields::Ori;
use leads_domain::reply::Outcome;
use leads_store::Message;

use leads_domain::access::{Principal, Role};

use crate::runner::ADMINISTRATOR_QUEUE;
use crate::sos::SOS_POLICE_QUEUE;
use crate::{ItemsReply, Service, ServiceError};

/// Messages listed at most per reading.
pub const MAILBOX_LIMIT: u32 = 500;

/// The queue a scope reads: an agency's ORI, or the Administrator's queue for every agency.
fn queue_of(agency: Option<&Ori>) -> String {
    agency.map_or_else(|| ADMINISTRATOR_QUEUE.to_owned(), ToString::to_string)
}

/// The queues a reader's mailbox shows for a scope: the scope's queue and, when the reader reads
/// the own agency's and is of the SOS Police, the SOS Police queue of release requests (P4).
fn queues_of(agency: Option<&Ori>, reader: &Principal) -> Vec<String> {
    let mut queues = vec![queue_of(agency)];
    if agency == Some(&reader.agency.ori) && reader.person.roles.contains(&Role::SosPolice) {
        queues.push(SOS_POLICE_QUEUE.to_owned());
    }
    queues
}

/// Everything an agency has open, late or unstaffed: the compliance view of one agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplianceOverview {
    /// Open deadlines, earliest first (second-party checks, validations, confirmations, ...).
    pub deadlines: Vec<Deadline>,
    /// Warrants entered late (H3), newest first.
    pub late_entries: Vec<leads_store::StoredLateEntry>,
    /// Registrant photos missing, overdue or coming due (I3).
    pub photos: Vec<crate::PhotoDue>,
    /// Hours of the last week without a certified operator signed in (H1).
    pub staffing_gaps: Vec<leads_domain::staffing::StaffingGap>,
    /// The agency's written discipline standards (S4), if on file.
    pub discipline_standards: Option<leads_domain::oversight::DisciplineStandards>,
    /// Declarations of non-compliance in force.
    pub non_compliance: Vec<leads_domain::oversight::NonCompliance>,
    /// People on the training roll without the training the rules require (T3), one line each.
    pub training_outstanding: Vec<String>,
    /// Violation cases not closed (O3), one line each.
    pub open_violations: Vec<String>,
}

/// Days of staffing the overview covers.
pub const OVERVIEW_STAFFING_DAYS: i64 = 7;

impl Service {
    /// The compliance view of one agency in one reading (audited, as Cedar allows): open
    /// deadlines, late entries, registrant photos due and the last week's staffing gaps.
    pub async fn compliance_overview(
        &self,
        token: &str,
        scope: Option<&str>,
        operation_id: Option<String>,
    ) -> Result<ItemsReply<ComplianceOverview>, ServiceError> {
        self.read_compliance(
            token,
            scope,
            operation_id,
            "compliance_overview_read",
            ReplyCode::ComplianceOverview,
            false,
            |tx, store, agency, _reader, now| {
                Box::pin(async move {
                    let Some(ori) = agency else {
                        return Ok(Err((
                            ReplyCode::InvalidRequest,
                            "THE OVERVIEW IS OF ONE AGENCY AT A TIME - NAME ITS ORI".into(),
                        )));
                    };
                    let deadlines = tx.open_deadlines(Some(ori.as_str())).await?;
                    let late_entries = tx
                        .late_entries(Some(ori.as_str()), crate::LATE_ENTRIES_LIMIT)
                        .await?;
                    let rows = tx.registrant_photos(Some(ori)).await?;
                    let photos = crate::photos_due(
                        rows,
                        leads_domain::fields::FieldDate::from_date(now.date()),
                    );
                    let staffing_gaps = crate::compliance::staffing::gaps_of(
                        tx,
                        store,
                        ori,
                        OVERVIEW_STAFFING_DAYS,
                        now,
                    )
                    .await?;
                    let agency = tx.agency(ori).await?;
                    let (discipline_standards, non_compliance) = agency.map_or_else(
                        || (None, Vec::new()),
                        |a| {
                            let open = a.non_compliance.into_iter().filter(|n| n.is_open());
                            (a.discipline_standards, open.collect())
                        },
                    );
                    let (training_outstanding, open_violations) =
                        crate::oversight::standing_lines(tx, ori).await?;
                    Ok(Ok(vec![ComplianceOverview {
                        deadlines,
                        late_entries,
                        photos,
                        staffing_gaps,
                        discipline_standards,
                        non_compliance,
                        training_outstanding,
                        open_violations,
                    }]))
                })
            },
        )
        .await
    }

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
            ReplyCode::Mailbox,
            false,
            move |tx, _store, agency, reader, _now| {
                Box::pin(async move {
                    let mut messages = Vec::new();
                    for queue in queues_of(agency, reader) {
                        messages.extend(tx.mailbox(&queue, unread_only, MAILBOX_LIMIT).await?);
                    }
                    messages.sort_by_key(|m| std::cmp::Reverse(m.id));
                    messages.truncate(MAILBOX_LIMIT as usize);
                    Ok(Ok(messages))
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
                ReplyCode::MessageAcknowledged,
                true,
                move |tx, _store, agency, reader, now| {
                    Box::pin(async move {
                        let mut done = false;
                        for queue in queues_of(agency, reader) {
                            done = done
                                || tx
                                    .acknowledge_message(id, &queue, &reader.person.id, now)
                                    .await?;
                        }
                        Ok(if done {
                            Ok(vec![id])
                        } else {
                            Err((
                                ReplyCode::MessageNotFound,
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
            ReplyCode::Compliance,
            false,
            |tx, _store, agency, _reader, _now| {
                Box::pin(async move { Ok(Ok(tx.open_deadlines(agency.map(Ori::as_str)).await?)) })
            },
        )
        .await
    }
}
