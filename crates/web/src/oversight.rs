//! The Department's oversight over HTTP (docs/OVERSIGHT.md): `POST /api/v1/oversight` with an
//! act, and the printable documents of an audit or a violation case.

use axum::extract::{Path, State};
use axum::http::header::{ACCEPT, CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use leads_api_types::{AuditScheduleBody, OversightDocumentBody, OversightReplyBody};
use leads_app::{
    AuditView, DocumentKind, OversightCommand, ScheduleRow, Service, TraineeView, ViolationView,
};
use leads_domain::clock::Timestamp;
use leads_domain::oversight::Bulletin;
use leads_domain::reply::Outcome;
use serde_json::Value;

use crate::error::ApiError;
use crate::handlers::Call;

/// Times stored as UTC microseconds (`*_at`, `since`) shown in RFC 3339.
fn readable_times(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if (key.ends_with("_at") || key == "since")
                    && let Some(micros) = v.as_i64()
                {
                    *v = Value::String(Timestamp::from_micros(micros).to_string());
                } else {
                    readable_times(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(readable_times),
        _ => {}
    }
}

fn audit_json(view: &AuditView) -> Value {
    let mut value = serde_json::to_value(&view.audit).unwrap_or(Value::Null);
    readable_times(&mut value);
    if let Value::Object(map) = &mut value {
        map.insert("id".into(), Value::from(view.id));
        let time = |t: Option<Timestamp>| t.map_or(Value::Null, |t| Value::String(t.to_string()));
        map.insert("plan_due".into(), time(view.plan_due));
        map.insert("completion_due".into(), time(view.completion_due));
    }
    value
}

/// A record as JSON with its number first and its times readable, plus `extra` fields.
fn record_json<T: serde::Serialize>(id: i64, record: &T, extra: Vec<(&str, Value)>) -> Value {
    let mut value = serde_json::to_value(record).unwrap_or(Value::Null);
    readable_times(&mut value);
    if let Value::Object(map) = &mut value {
        map.insert("id".into(), Value::from(id));
        for (key, v) in extra {
            map.insert(key.into(), v);
        }
    }
    value
}

fn violation_json(view: &ViolationView) -> Value {
    record_json(
        view.id,
        &view.case,
        vec![
            (
                "response_due",
                view.response_due
                    .map_or(Value::Null, |t| Value::String(t.to_string())),
            ),
            (
                "next_hearing",
                view.next_hearing
                    .map_or(Value::Null, |d| Value::String(d.to_string())),
            ),
        ],
    )
}

fn trainee_json(view: &TraineeView) -> Value {
    record_json(
        view.id,
        &view.trainee,
        vec![
            ("trained", Value::Bool(view.trained)),
            (
                "trained_by",
                view.trained_by
                    .map_or(Value::Null, |d| Value::String(d.to_string())),
            ),
        ],
    )
}

fn bulletin_json(id: i64, bulletin: &Bulletin) -> Value {
    let missing: Vec<Value> = bulletin
        .unacknowledged()
        .into_iter()
        .map(|o| Value::String(o.to_string()))
        .collect();
    record_json(
        id,
        bulletin,
        vec![("unacknowledged", Value::Array(missing))],
    )
}

fn schedule_body(row: &ScheduleRow) -> AuditScheduleBody {
    AuditScheduleBody {
        ori: row.ori.clone(),
        name: row.name.clone(),
        last_reported: row.last_reported.map(|t| t.to_string()),
        next_due: row.next_due.to_string(),
        due_now: row.due_now,
        scheduled_audit: row.scheduled.map(|(id, _)| id),
        scheduled_for: row.scheduled.map(|(_, day)| day.to_string()),
        discipline_standards: row.discipline_standards,
        non_compliant: row.non_compliant,
    }
}

pub(crate) async fn oversee(
    State(service): State<Service>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let command: OversightCommand = call.json_bytes(&body)?;
    let reply = service
        .oversee(call.token(), command, call.op())
        .await
        .map_err(|e| call.error(e))?;
    let json = OversightReplyBody {
        header: call.header(&reply),
        command: reply.command.into(),
        audits: reply.audits.iter().map(audit_json).collect(),
        schedule: reply.schedule.iter().map(schedule_body).collect(),
        violations: reply.violations.iter().map(violation_json).collect(),
        board_members: reply
            .members
            .iter()
            .map(|(id, m)| record_json(*id, m, vec![]))
            .collect(),
        board_meetings: reply
            .meetings
            .iter()
            .map(|(id, m)| record_json(*id, m, vec![]))
            .collect(),
        trainees: reply.trainees.iter().map(trainee_json).collect(),
        bulletins: reply
            .bulletins
            .iter()
            .map(|(id, b)| bulletin_json(*id, b))
            .collect(),
    };
    Ok(call.respond(reply.code, json))
}

/// `GET /api/v1/oversight/audits/{id}/{notice|report}`.
pub(crate) async fn document(
    State(service): State<Service>,
    headers: HeaderMap,
    Path((id, which)): Path<(i64, String)>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let Some(kind) = DocumentKind::parse(&which) else {
        return Err(call.invalid(format!(
            "NO DOCUMENT {which:?}: AN AUDIT HAS A notice AND A report"
        )));
    };
    print(
        service,
        &headers,
        call,
        id,
        &format!("audit-{id}-{which}"),
        kind,
    )
    .await
}

/// `GET /api/v1/oversight/violations/{id}/{notice|decision|decision-N}`.
pub(crate) async fn violation_document(
    State(service): State<Service>,
    headers: HeaderMap,
    Path((id, which)): Path<(i64, String)>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let Some(kind) = DocumentKind::parse_violation(&which) else {
        return Err(call.invalid(format!(
            "NO DOCUMENT {which:?}: A VIOLATION CASE HAS A notice AND A decision (decision-N FOR HEARING N)"
        )));
    };
    print(
        service,
        &headers,
        call,
        id,
        &format!("violation-{id}-{which}"),
        kind,
    )
    .await
}

/// A document as PDF, text or JSON, as the request accepts.
async fn print(
    service: Service,
    headers: &HeaderMap,
    call: Call<'_>,
    id: i64,
    file: &str,
    kind: DocumentKind,
) -> Result<Response, ApiError> {
    let reply = service
        .oversight_document(call.token(), id, kind, call.op())
        .await
        .map_err(|e| call.error(e))?;
    let accept = headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // Asked for as PDF or text, a document is the document itself; a refusal stays JSON.
    if reply.outcome == Outcome::Accepted
        && (accept.contains("application/pdf") || accept.contains("text/plain"))
    {
        let (content_type, bytes, extension) = if accept.contains("application/pdf") {
            ("application/pdf", reply.pdf.clone(), "pdf")
        } else {
            (
                "text/plain; charset=utf-8",
                reply.text.clone().into_bytes(),
                "txt",
            )
        };
        let response = (
            StatusCode::OK,
            [
                (CONTENT_TYPE, content_type.to_owned()),
                (
                    CONTENT_DISPOSITION,
                    format!("inline; filename=\"{file}.{extension}\""),
                ),
                (CACHE_CONTROL, "no-store".to_owned()),
            ],
            bytes,
        )
            .into_response();
        return Ok(call.stamp(response));
    }
    let json = OversightDocumentBody {
        header: call.header(&reply),
        title: reply.title.clone(),
        text: reply.text.clone(),
    };
    Ok(call.respond(reply.code, json))
}
