//! The audit schedule: for each active agency, its last audit report, when the next audit is
//! due under the Department's cycle, the audit on the calendar, and its standing.

use leads_domain::access::AgencyStatus;
use leads_domain::clock::Timestamp;
use leads_domain::fields::FieldDate;
use leads_domain::oversight::{AuditStage, MAX_AUDIT_CYCLE_DAYS};
use leads_store::{StoreResult, StoreTx};

use crate::Service;

/// One agency of the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleRow {
    pub ori: String,
    pub name: String,
    /// When its last audit report was issued.
    pub last_reported: Option<Timestamp>,
    /// When its next audit is due (now, for an agency never audited).
    pub next_due: Timestamp,
    pub due_now: bool,
    /// The audit on the calendar, not yet reported: its number and day.
    pub scheduled: Option<(i64, FieldDate)>,
    /// Written discipline standards on file (S4).
    pub discipline_standards: bool,
    /// Declarations of non-compliance in force.
    pub non_compliant: usize,
}

/// The configured cycle, never longer than three years.
pub(crate) fn audit_cycle_days(service: &Service) -> i64 {
    service
        .config
        .audit_cycle_days
        .clamp(1, MAX_AUDIT_CYCLE_DAYS)
}

pub(crate) async fn schedule_rows(
    tx: &mut dyn StoreTx,
    cycle_days: i64,
    now: Timestamp,
) -> StoreResult<Vec<ScheduleRow>> {
    let audits = tx.oversight().audits(None).await?;
    let mut rows = Vec::new();
    for agency in tx.agencies().await? {
        if agency.status != AgencyStatus::Active {
            continue;
        }
        let mine = audits.iter().filter(|(_, a)| a.ori == agency.ori);
        let last_reported = mine.clone().filter_map(|(_, a)| a.reported()).max();
        let scheduled = mine
            .filter(|(_, a)| {
                matches!(
                    a.stage,
                    AuditStage::Scheduled | AuditStage::Notified | AuditStage::Conducted
                )
            })
            .map(|(id, a)| (*id, a.scheduled_for))
            .min_by_key(|(_, day)| *day);
        let next_due = last_reported.map_or(now, |at| {
            Timestamp::from_micros(at.as_micros() + cycle_days * 24 * 3_600 * 1_000_000)
        });
        rows.push(ScheduleRow {
            ori: agency.ori.to_string(),
            name: agency.name.clone(),
            last_reported,
            next_due,
            due_now: next_due <= now && scheduled.is_none(),
            scheduled,
            discipline_standards: agency.discipline_standards.is_some(),
            non_compliant: agency.non_compliance.iter().filter(|n| n.is_open()).count(),
        });
    }
    Ok(rows)
}
