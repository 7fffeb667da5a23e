//! Audit reports: who read what, searched by operator, agency, terminal, record, subject and
//! time. Auditors and the Administrator read the whole log; an agency coordinator reads only the
//! own agency's entries (T1). Every report, and every refused one, is itself an audit entry.

use leads_audit::{AuditEntry, SealedEntry};
use leads_domain::access::Role;
use leads_domain::clock::Timestamp;
use leads_domain::fields::Ori;
use leads_domain::reply::{Outcome, Reason};
use leads_policy::{Act, AdminAction, AuthzRequest, Principal, Target};
use leads_store::AuditQuery;

use crate::audit_log::principal_entry;
use crate::{Service, ServiceError};

/// The most entries one report page holds.
pub const MAX_REPORT_ENTRIES: u32 = 5_000;

/// The answer to a report request.
#[derive(Debug, Clone)]
pub struct AuditReport {
    pub operation_id: String,
    pub at: Timestamp,
    pub outcome: Outcome,
    pub code: &'static str,
    pub message: String,
    pub reasons: Vec<Reason>,
    /// The query as run (a coordinator's is narrowed to the own agency).
    pub query: AuditQuery,
    pub entries: Vec<SealedEntry>,
    /// Pass as `after_seq` to read the next page; `None` when this page is the last.
    pub next_after: Option<u64>,
}

/// What a principal's report covers: the whole log, or one agency's entries.
fn report_scope(principal: &Principal, query: &mut AuditQuery) -> Result<Option<Ori>, String> {
    let roles = &principal.person.roles;
    let reads_all = roles.contains(&Role::Auditor) || roles.contains(&Role::Administrator);
    if reads_all && query.ori.is_none() {
        return Ok(None);
    }
    let ori = match &query.ori {
        Some(text) => Ori::parse(text).map_err(|e| format!("ORI {text}: {e}"))?,
        None => principal.agency.ori.clone(),
    };
    query.ori = Some(ori.to_string());
    Ok(Some(ori))
}

/// A report's criteria as `name=value` words (its audit detail).
pub fn describe_audit_query(query: &AuditQuery) -> String {
    let mut parts = Vec::new();
    let mut push = |name: &str, value: &Option<String>| {
        if let Some(value) = value {
            parts.push(format!("{name}={value}"));
        }
    };
    push("ori", &query.ori);
    push("operator", &query.operator);
    push("terminal", &query.terminal);
    push("event", &query.event);
    push("record", &query.record);
    for subject in &query.subject {
        parts.push(format!("subject={subject}"));
    }
    let time = |micros: Option<i64>| micros.map(|m| Timestamp::from_micros(m).to_string());
    if let Some(from) = time(query.from_micros) {
        parts.push(format!("from={from}"));
    }
    if let Some(to) = time(query.to_micros) {
        parts.push(format!("to={to}"));
    }
    if let Some(after) = query.after_seq {
        parts.push(format!("after={after}"));
    }
    if parts.is_empty() {
        "ALL ENTRIES".into()
    } else {
        parts.join(" ")
    }
}

impl Service {
    /// Runs an audit report for the session `token`, at most `limit` entries (capped at
    /// [`MAX_REPORT_ENTRIES`]) in log order.
    pub async fn audit_report(
        &self,
        token: &str,
        mut query: AuditQuery,
        limit: u32,
        operation_id: Option<String>,
    ) -> Result<AuditReport, ServiceError> {
        let identified = self.identify_session(token, true).await?;
        let principal = identified.principal;
        let operation_id = operation_id.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let now = self.clock.now();
        let limit = limit.clamp(1, MAX_REPORT_ENTRIES);
        let mut entry = principal_entry(&principal, &operation_id, now, "audit_read");
        let mut report = AuditReport {
            operation_id,
            at: now,
            outcome: Outcome::Accepted,
            code: "audit_report",
            message: String::new(),
            reasons: vec![],
            query: query.clone(),
            entries: vec![],
            next_after: None,
        };
        let scope = match report_scope(&principal, &mut query) {
            Ok(scope) => scope,
            Err(message) => {
                report.outcome = Outcome::Rejected;
                report.code = "invalid_request";
                report.message = message;
                entry.detail = describe_audit_query(&query);
                return self
                    .finish_report(entry, report, identified.token_hash)
                    .await;
            }
        };
        entry.detail = describe_audit_query(&query);
        report.query = query.clone();
        let decision = self.policy.authorize(&AuthzRequest {
            principal: &principal,
            act: Act::Admin(AdminAction::ReadAudit),
            target: match &scope {
                Some(ori) => Target::Agency(ori),
                None => Target::AuditLog,
            },
            message_ori: &principal.agency.ori,
            roles_granted: &[],
            purpose: "",
            case_number: "",
            today: now.date(),
            sos: leads_policy::SosFacts::NONE,
        });
        if !decision.allowed {
            report.outcome = Outcome::Refused;
            report.code = "not_authorized";
            report.message = decision
                .reasons
                .first()
                .map(|r| r.text.clone())
                .unwrap_or_else(|| "NOT AUTHORIZED TO READ THE AUDIT LOG".into());
            report.reasons = decision.reasons;
            return self
                .finish_report(entry, report, identified.token_hash)
                .await;
        }
        // One more than asked tells whether another page follows.
        let mut entries = self.store.audit_search(&query, limit + 1).await?;
        if entries.len() > limit as usize {
            entries.truncate(limit as usize);
            report.next_after = entries.last().map(|e| e.seq);
        }
        report.message = format!("{} AUDIT ENTRIES", entries.len());
        entry.detail = format!("{} -> {} ENTRIES", entry.detail, entries.len());
        report.entries = entries;
        self.finish_report(entry, report, identified.token_hash)
            .await
    }

    /// Writes the report's own audit entry; the report is answered only once it is written.
    async fn finish_report(
        &self,
        entry: AuditEntry,
        report: AuditReport,
        token_hash: String,
    ) -> Result<AuditReport, ServiceError> {
        self.write_outcome(
            None,
            entry,
            report.outcome,
            report.code,
            &report.reasons,
            &token_hash,
            report.at,
        )
        .await?;
        Ok(report)
    }
}
