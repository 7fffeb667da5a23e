//! Around-the-clock staffing (rule H1): for an agency, the hours of the last days in which no
//! certified operator of the agency was signed in, from the sign-in and sign-out entries of
//! the audit log.

use leads_domain::access::Role;
use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::fields::Ori;
use leads_domain::staffing::{SESSION_HOURS, SessionEvent, StaffingGap, sessions, staffing_gaps};
use leads_store::AuditQuery;

use crate::{ItemsReply, Service, ServiceError};

/// The longest look back, in days.
pub const MAX_STAFFING_DAYS: i64 = 31;

const HOUR: i64 = 3_600 * 1_000_000;

impl Service {
    /// The hours of the last `days` days (1 to 31) in which no certified operator of the agency
    /// was signed in (H1), merged into gaps, oldest first; one agency at a time; audited.
    pub async fn staffing_gaps(
        &self,
        token: &str,
        scope: Option<&str>,
        days: i64,
        operation_id: Option<String>,
    ) -> Result<ItemsReply<StaffingGap>, ServiceError> {
        let days = days.clamp(1, MAX_STAFFING_DAYS);
        self.read_compliance(
            token,
            scope,
            operation_id,
            "staffing_read",
            ReplyCode::Staffing,
            false,
            move |tx, store, agency, _reader, now| {
                Box::pin(async move {
                    let Some(ori) = agency else {
                        return Ok(Err((
                            ReplyCode::InvalidRequest,
                            "STAFFING IS SHOWN FOR ONE AGENCY AT A TIME - NAME ITS ORI".into(),
                        )));
                    };
                    Ok(Ok(gaps_of(tx, store, ori, days, now).await?))
                })
            },
        )
        .await
    }
}

/// The staffing gaps of agency `ori` over the `days` before `now`.
pub(crate) async fn gaps_of(
    tx: &mut dyn leads_store::StoreTx,
    store: &dyn leads_store::Store,
    ori: &Ori,
    days: i64,
    now: Timestamp,
) -> Result<Vec<StaffingGap>, ServiceError> {
    let from = Timestamp::from_micros(now.as_micros() - days * 24 * HOUR);
    let certified: Vec<String> = tx
        .accounts(Some(ori))
        .await?
        .into_iter()
        .filter(|a| a.person.roles.contains(&Role::Operator))
        .filter(|a| a.person.certification_on(now.date()).is_some())
        .map(|a| a.person.id)
        .collect();
    let events: Vec<SessionEvent> = session_events(store, ori, from, now)
        .await?
        .into_iter()
        .filter(|e| certified.contains(&e.operator))
        .collect();
    Ok(staffing_gaps(&sessions(&events, now), from, now))
}

/// Sign-ins, sign-outs and timeouts of the agency's people from `from` (less a session's
/// lifetime, for sessions already open then) to `to`.
async fn session_events(
    store: &dyn leads_store::Store,
    ori: &Ori,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<SessionEvent>, ServiceError> {
    let mut events = Vec::new();
    for (event, starts) in [
        ("sign_in", true),
        ("sign_out", false),
        ("session_timeout", false),
    ] {
        let query = AuditQuery {
            ori: Some(ori.to_string()),
            event: Some(event.into()),
            from_micros: Some(from.as_micros() - SESSION_HOURS * HOUR),
            to_micros: Some(to.as_micros()),
            ..AuditQuery::default()
        };
        let found = store.audit_search(&query, 100_000).await?;
        events.extend(
            found
                .into_iter()
                .filter(|e| e.entry.outcome == "accepted")
                .map(|e| SessionEvent {
                    operator: e.entry.operator.unwrap_or_default(),
                    terminal: e.entry.terminal.unwrap_or_default(),
                    at: Timestamp::from_micros(e.entry.at_micros),
                    starts,
                }),
        );
    }
    Ok(events)
}
