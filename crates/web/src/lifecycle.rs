//! The record lifecycle over HTTP (docs/LIFECYCLE.md): checks and Department acts on a record
//! (`POST /api/v1/records/{lrn}/verification | validation | serious-error | removal`), agency
//! shifts, the mailbox and the compliance readings. `?ori=ORI` names another agency and
//! `?ori=ALL` every agency (the Administrator's queue for the mailbox), as Cedar allows.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use leads_api_types::{
    ComplianceOverviewBody, DeadlineBody, ItemsBody, LateEntryBody, MailBody, SeriousErrorRequest,
    ShiftsRequest, VerificationBody, VerificationRequest,
};
use leads_app::{ItemsReply, Service, ServiceError};
use leads_app::{Message, Verification};
use leads_domain::clock::Timestamp;
use leads_domain::deadline::Deadline;
use serde::Serialize;

use crate::error::ApiError;
use crate::handlers::Call;

/// `?ori=` and, for the mailbox, `?unread=true`.
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct ScopeQuery {
    ori: Option<String>,
    #[serde(default)]
    unread: bool,
    /// Days to look back (staffing).
    days: Option<i64>,
}

fn respond<T, B: Serialize>(
    call: &Call<'_>,
    reply: &ItemsReply<T>,
    body: impl Fn(&T) -> B,
) -> Response {
    let body = ItemsBody {
        header: call.header(reply),
        ori: reply.agency.as_ref().map(ToString::to_string),
        items: reply.items.iter().map(body).collect(),
    };
    call.respond(reply.code, body)
}

fn verification_body(v: &Verification) -> VerificationBody {
    VerificationBody {
        kind: v.kind.name().into(),
        lrn: v.lrn.to_string(),
        ori: v.ori.to_string(),
        operator: v.operator.clone(),
        checked: v.checked.clone(),
        at: v.at.to_string(),
    }
}

fn mail_body(m: &Message) -> MailBody {
    MailBody {
        id: m.id,
        at: m.at.to_string(),
        recipient: m.recipient.clone(),
        kind: m.kind.clone(),
        text: m.text.clone(),
        read_at: m.read_at.map(|t| t.to_string()),
        read_by: m.read_by.clone(),
    }
}

fn deadline_body(d: &Deadline, now: Timestamp) -> DeadlineBody {
    DeadlineBody {
        kind: d.kind.name().into(),
        rule: d.kind.rule().id().into(),
        ori: d.ori.clone(),
        subject: d.subject.clone(),
        due_at: d.due_at.to_string(),
        notices: d.notices,
        opened_at: d.created_at.to_string(),
        overdue: d.is_overdue(now),
    }
}

fn serious_error_body(done: &leads_app::SeriousErrorOutcome) -> leads_api_types::SeriousErrorBody {
    leads_api_types::SeriousErrorBody {
        lrn: done.lrn.to_string(),
        ori: done.ori.to_string(),
        correct_by: done.correct_by.map(|t| t.to_string()),
    }
}

fn late_entry_body(e: &leads_app::StoredLateEntry) -> LateEntryBody {
    LateEntryBody {
        lrn: e.lrn.to_string(),
        ori: e.ori.to_string(),
        entry_key: e.entry_key.clone(),
        received_at: e.late.received_at.to_string(),
        entered_at: e.late.entered_at.to_string(),
        minutes_late: e.late.minutes_late,
        emergency: e.late.emergency.clone(),
    }
}

fn gap_body(gap: &leads_domain::staffing::StaffingGap) -> leads_api_types::StaffingGapBody {
    leads_api_types::StaffingGapBody {
        from: gap.from.to_string(),
        to: gap.to.to_string(),
        hours: gap.hours(),
    }
}

/// A lifecycle answer as a response.
impl Call<'_> {
    fn answer<T, B: Serialize>(
        &self,
        reply: Result<ItemsReply<T>, ServiceError>,
        body: impl Fn(&T) -> B,
    ) -> Result<Response, ApiError> {
        let reply = reply.map_err(|e| self.error(e))?;
        Ok(respond(self, &reply, body))
    }
}

pub(crate) async fn verify(
    State(service): State<Service>,
    headers: HeaderMap,
    Path(lrn): Path<String>,
    body: Result<Json<VerificationRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let request = call.json(body)?;
    let reply = service.verify_record(call.token(), &lrn, &request.checked, call.op());
    call.answer(reply.await, verification_body)
}

pub(crate) async fn validate(
    State(service): State<Service>,
    headers: HeaderMap,
    Path(lrn): Path<String>,
    body: Result<Json<VerificationRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let request = call.json(body)?;
    let reply = service.validate_record(call.token(), &lrn, &request.checked, call.op());
    call.answer(reply.await, verification_body)
}

pub(crate) async fn serious_error(
    State(service): State<Service>,
    headers: HeaderMap,
    Path(lrn): Path<String>,
    body: Result<Json<SeriousErrorRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let request = call.json(body)?;
    let reply = service.report_serious_error(call.token(), &lrn, &request.text, call.op());
    call.answer(reply.await, serious_error_body)
}

pub(crate) async fn removal(
    State(service): State<Service>,
    headers: HeaderMap,
    Path(lrn): Path<String>,
    body: Result<Json<SeriousErrorRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let request = call.json(body)?;
    let reply = service.remove_record(call.token(), &lrn, &request.text, call.op());
    call.answer(reply.await, serious_error_body)
}

pub(crate) async fn shifts(
    State(service): State<Service>,
    headers: HeaderMap,
    Path(ori): Path<String>,
    body: Result<Json<ShiftsRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let request = call.json(body)?;
    let reply = service.define_shifts(call.token(), &ori, &request.starts, call.op());
    call.answer(reply.await, |minutes| {
        format!("{:02}{:02}", minutes / 60, minutes % 60)
    })
}

pub(crate) async fn mailbox(
    State(service): State<Service>,
    headers: HeaderMap,
    Query(query): Query<ScopeQuery>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let reply = service.mailbox(call.token(), query.ori.as_deref(), query.unread, call.op());
    call.answer(reply.await, mail_body)
}

pub(crate) async fn acknowledge(
    State(service): State<Service>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(query): Query<ScopeQuery>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let reply = service.acknowledge_message(call.token(), query.ori.as_deref(), id, call.op());
    call.answer(reply.await, |id| *id)
}

pub(crate) async fn compliance(
    State(service): State<Service>,
    headers: HeaderMap,
    Query(query): Query<ScopeQuery>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let reply = service
        .compliance(call.token(), query.ori.as_deref(), call.op())
        .await
        .map_err(|e| call.error(e))?;
    let now = reply.at;
    Ok(respond(&call, &reply, |d| deadline_body(d, now)))
}

pub(crate) async fn late_entries(
    State(service): State<Service>,
    headers: HeaderMap,
    Query(query): Query<ScopeQuery>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let reply = service.late_entries(call.token(), query.ori.as_deref(), call.op());
    call.answer(reply.await, late_entry_body)
}

pub(crate) async fn staffing(
    State(service): State<Service>,
    headers: HeaderMap,
    Query(query): Query<ScopeQuery>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let days = query.days.unwrap_or(7);
    let reply = service.staffing_gaps(call.token(), query.ori.as_deref(), days, call.op());
    call.answer(reply.await, gap_body)
}

pub(crate) async fn overview(
    State(service): State<Service>,
    headers: HeaderMap,
    Query(query): Query<ScopeQuery>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let reply = service
        .compliance_overview(call.token(), query.ori.as_deref(), call.op())
        .await
        .map_err(|e| call.error(e))?;
    let now = reply.at;
    Ok(respond(&call, &reply, |o| ComplianceOverviewBody {
        deadlines: o.deadlines.iter().map(|d| deadline_body(d, now)).collect(),
        late_entries: o.late_entries.iter().map(late_entry_body).collect(),
        photos: o.photos.iter().map(crate::images::photo_body).collect(),
        staffing_gaps: o.staffing_gaps.iter().map(gap_body).collect(),
        discipline_standards: o.discipline_standards.as_ref().map(|d| {
            leads_api_types::DisciplineStandardsBody {
                document: d.document.clone(),
                adopted_on: d.adopted_on.to_string(),
            }
        }),
        non_compliance: o
            .non_compliance
            .iter()
            .map(|n| leads_api_types::NonComplianceBody {
                since: leads_domain::clock::Timestamp::from_micros(n.since).to_string(),
                rule: n.rule.clone(),
                citation: n.citation.clone(),
                reason: n.reason.clone(),
                case: n.case.clone(),
            })
            .collect(),
        training_outstanding: o.training_outstanding.clone(),
        open_violations: o.open_violations.clone(),
    }))
}
