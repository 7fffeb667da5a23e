//! Audit reports: who read what, searched by operator, agency, terminal, record, subject and
//! time. Auditors and the Administrator read the whole log; an agency coordinator reads only the
//! own agency's entries (T1). Every report, and every refused one, is itself an audit entry.

use leads_audit::SealedEntry;
use leads_domain::access::Role;
use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::fields::Ori;
use leads_domain::reply::Answer;
use leads_policy::{Act, AdminAction, Principal, Target};
use leads_store::AuditQuery;

use crate::runner::{
    Actor, Ctx, Done, Mode, Operation, OperationKind, Prep, Refusal, RefusalDetail,
};
use crate::{Service, ServiceError};

/// The most entries one report page holds.
pub const MAX_REPORT_ENTRIES: u32 = 5_000;

/// The body of the answer to a report request.
#[derive(Debug, Clone, Default)]
pub struct AuditReportBody {
    /// The query as run (a coordinator's is narrowed to the own agency).
    pub query: AuditQuery,
    pub entries: Vec<SealedEntry>,
    /// Pass as `after_seq` to read the next page; `None` when this page is the last.
    pub next_after: Option<u64>,
}

/// The answer to a report request.
pub type AuditReport = Answer<AuditReportBody>;

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

/// One audit report, as an operation of the runner.
struct ReportOp {
    query: AuditQuery,
    limit: u32,
    scope: Option<Ori>,
}

impl Operation for ReportOp {
    type Output = AuditReportBody;

    fn kind(&self) -> OperationKind {
        OperationKind::AuditReport
    }

    fn event(&self) -> &'static str {
        "audit_read"
    }

    fn refused_body(&self) -> AuditReportBody {
        AuditReportBody {
            query: self.query.clone(),
            ..AuditReportBody::default()
        }
    }

    async fn prepare(&mut self, prep: Prep<'_>) -> Result<Mode, Refusal> {
        let principal = prep.who.person()?;
        prep.audit.on_refusal = RefusalDetail::Keep;
        let scope = report_scope(principal, &mut self.query);
        prep.audit.detail = describe_audit_query(&self.query);
        self.scope =
            scope.map_err(|message| Refusal::rejected(ReplyCode::InvalidRequest, message))?;
        prep.service.permit_act(
            principal,
            Act::Admin(AdminAction::ReadAudit),
            match &self.scope {
                Some(ori) => Target::Agency(ori),
                None => Target::AuditLog,
            },
            prep.now,
            || "NOT AUTHORIZED TO READ THE AUDIT LOG".into(),
        )?;
        Ok(Mode::Read)
    }

    async fn act(self, ctx: &mut Ctx<'_>) -> Result<Done<AuditReportBody>, Refusal> {
        let limit = self.limit.clamp(1, MAX_REPORT_ENTRIES);
        // One more than asked tells whether another page follows.
        let mut entries = ctx
            .service
            .store
            .audit_search(&self.query, limit + 1)
            .await?;
        let mut next_after = None;
        if entries.len() > limit as usize {
            entries.truncate(limit as usize);
            next_after = entries.last().map(|e| e.seq);
        }
        let message = format!("{} AUDIT ENTRIES", entries.len());
        ctx.audit.detail = format!("{} -> {} ENTRIES", ctx.audit.detail, entries.len());
        let body = AuditReportBody {
            query: self.query,
            entries,
            next_after,
        };
        Ok(Done::new(ReplyCode::AuditReport, message, body))
    }
}

impl Service {
    /// Runs an audit report for the session `token`, at most `limit` entries (capped at
    /// [`MAX_REPORT_ENTRIES`]) in log order.
    pub async fn audit_report(
        &self,
        token: &str,
        query: AuditQuery,
        limit: u32,
        operation_id: Option<String>,
    ) -> Result<AuditReport, ServiceError> {
        let op = ReportOp {
            query,
            limit,
            scope: None,
        };
        self.run(Actor::Session(token), operation_id, op).await
    }
}
