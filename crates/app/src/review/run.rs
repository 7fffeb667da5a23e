//! The weekly misuse review: flags computed over the last complete week of the audit log,
//! against each operator's own history of the four weeks before it, stored in the review queue
//! for the coordinators and the Administrator (AU-6). Running it is audited.

use std::collections::{BTreeMap, HashMap};

use leads_audit::SealedEntry;
use leads_audit::misuse::{Flag, OperatorFacts, Review, last_complete_week};
use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_store::{AuditQuery, StoreError};

use crate::audit_log::BATCH;
use crate::runner::ADMINISTRATOR_QUEUE;
use crate::runner::{Actor, Done, OperationKind, Refusal, Work};
use crate::{Service, ServiceError};
use leads_domain::reply::Outcome;

/// Days of history before the reviewed week that give an operator's usual rate and hours.
pub const HISTORY_DAYS: i64 = 28;

/// A week reviewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRun {
    pub week_start: Timestamp,
    pub week_end: Timestamp,
    pub flags: Vec<Flag>,
}

impl Service {
    /// Reviews the last complete week, unless it was reviewed already (then `None`).
    pub async fn run_misuse_review(&self) -> Result<Option<ReviewRun>, ServiceError> {
        let now = self.clock.now();
        let thresholds = self.config.misuse.clone();
        let (start, end) = last_complete_week(now.as_micros(), thresholds.local_offset_minutes);
        if self.store.misuse_reviewed(start).await? {
            return Ok(None);
        }
        let operators: HashMap<String, OperatorFacts> = {
            let mut tx = self.store.begin().await?;
            let accounts = tx.accounts(None).await?;
            tx.rollback().await?;
            accounts
                .into_iter()
                .map(|a| {
                    let facts = OperatorFacts {
                        name: a.person.name,
                        dob: a.person.dob.map(|d| d.to_string()),
                    };
                    (a.person.id, facts)
                })
                .collect()
        };
        let mut review = Review::new(thresholds, operators);
        let history_start = start - HISTORY_DAYS * 86_400_000_000;
        self.each_entry(history_start, start, |e| review.add_history(&e.entry))
            .await?;
        self.each_entry(start, end, |e| review.add_window(e.seq, &e.entry))
            .await?;
        self.each_entry(end, now.as_micros(), |e| review.add_later(&e.entry))
            .await?;
        let flags = review.flags();
        let run = ReviewRun {
            week_start: Timestamp::from_micros(start),
            week_end: Timestamp::from_micros(end),
            flags,
        };
        let stored = self.store_review(run).await?;
        match stored.outcome {
            Outcome::Accepted => Ok(stored.body),
            // Another process reviewed the same week first.
            Outcome::Rejected => Ok(None),
            _ => Err(ServiceError::Storage(StoreError::Unavailable(
                stored.message,
            ))),
        }
    }

    async fn each_entry(
        &self,
        from: i64,
        to: i64,
        mut each: impl FnMut(&SealedEntry),
    ) -> Result<(), ServiceError> {
        let mut query = AuditQuery {
            from_micros: Some(from),
            to_micros: Some(to),
            ..AuditQuery::default()
        };
        loop {
            let page = self.store.audit_search(&query, BATCH).await?;
            for entry in &page {
                each(entry);
            }
            match page.last() {
                Some(last) if page.len() == BATCH as usize => query.after_seq = Some(last.seq),
                _ => return Ok(()),
            }
        }
    }

    /// Stores a review with its audit entry and tells the Administrator and the agencies, as
    /// one operation of the system.
    async fn store_review(
        &self,
        run: ReviewRun,
    ) -> Result<leads_domain::reply::Answer<Option<ReviewRun>>, ServiceError> {
        let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
        for flag in &run.flags {
            *by_kind.entry(flag.kind.name()).or_default() += 1;
        }
        let kinds: Vec<String> = by_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
        let week = format!("{} TO {}", run.week_start, run.week_end);
        let detail = format!(
            "WEEK {week}: {} FLAGS ({})",
            run.flags.len(),
            if kinds.is_empty() {
                "NONE".to_owned()
            } else {
                kinds.join(", ")
            }
        );
        let work = Work::new(
            OperationKind::ReviewRun,
            "misuse_review",
            detail.clone(),
            move |ctx| {
                Box::pin(async move {
                    let now = ctx.now;
                    let inserted = ctx
                        .tx
                        .insert_misuse_review(
                            run.week_start.as_micros(),
                            run.week_end.as_micros(),
                            now,
                            &run.flags,
                        )
                        .await;
                    match inserted {
                        Err(StoreError::Conflict(_)) => {
                            return Err(Refusal::rejected(
                                ReplyCode::AlreadyReviewed,
                                format!("WEEK {week} WAS REVIEWED ALREADY"),
                            ));
                        }
                        other => other?,
                    }
                    ctx.tx
                        .post_message(ADMINISTRATOR_QUEUE, "misuse_review", &detail, now)
                        .await?;
                    let mut by_agency: BTreeMap<&str, usize> = BTreeMap::new();
                    for flag in &run.flags {
                        *by_agency.entry(flag.ori.as_str()).or_default() += 1;
                    }
                    for (ori, count) in by_agency {
                        let text = format!(
                            "{count} MISUSE FLAGS FOR {ori}, WEEK {week}, AWAIT THE COORDINATOR'S REVIEW"
                        );
                        ctx.tx.post_message(ori, "misuse_review", &text, now).await?;
                    }
                    tracing::info!(flags = run.flags.len(), week = %run.week_start, "misuse review stored");
                    let message = format!("{} FLAGS", run.flags.len());
                    Ok(Done::new(ReplyCode::MisuseReview, message, Some(run)))
                })
            },
        )
        .by_the_system();
        self.run(Actor::System, None, work).await
    }
}
