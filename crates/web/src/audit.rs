//! `GET /api/v1/audit/entries`: audit reports as JSON or CSV.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::header::{ACCEPT, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use leads_api_types::{AuditEntryBody, AuditReportBody, entries_csv};
use leads_app::{AuditQuery, AuditReport, Service};
use leads_audit::SealedEntry;
use leads_domain::clock::Timestamp;

use crate::error::{ApiError, status_of};
use crate::handlers::Call;

/// Entries per page unless `limit` says otherwise.
const DEFAULT_LIMIT: u32 = 500;

/// The parsed query string.
struct ReportRequest {
    query: AuditQuery,
    limit: u32,
    csv: bool,
}

fn parse_request(
    pairs: Vec<(String, String)>,
    headers: &HeaderMap,
) -> Result<ReportRequest, String> {
    let mut request = ReportRequest {
        query: AuditQuery::default(),
        limit: DEFAULT_LIMIT,
        csv: headers
            .get(ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/csv")),
    };
    let time = |name: &str, value: &str| {
        Timestamp::parse(value)
            .map(Timestamp::as_micros)
            .ok_or_else(|| format!("{name}={value}: NOT AN RFC 3339 TIME OR YYYY-MM-DD DATE"))
    };
    for (name, value) in pairs {
        let value = value.trim().to_owned();
        if value.is_empty() {
            continue;
        }
        let q = &mut request.query;
        match name.as_str() {
            "ori" => q.ori = Some(value.to_uppercase()),
            "operator" => q.operator = Some(value.to_uppercase()),
            "terminal" => q.terminal = Some(value.to_uppercase()),
            "event" => q.event = Some(value.to_lowercase()),
            "record" => q.record = Some(value.to_uppercase()),
            "subject" => q.subject.push(value),
            "from" => q.from_micros = Some(time("from", &value)?),
            "to" => q.to_micros = Some(time("to", &value)?),
            "after" => {
                q.after_seq = Some(
                    value
                        .parse()
                        .map_err(|_| format!("after={value}: NOT A SEQUENCE NUMBER"))?,
                );
            }
            "limit" => {
                request.limit = value
                    .parse()
                    .map_err(|_| format!("limit={value}: NOT A NUMBER"))?;
            }
            "format" => match value.as_str() {
                "csv" => request.csv = true,
                "json" => request.csv = false,
                other => return Err(format!("format={other}: USE csv OR json")),
            },
            other => return Err(format!("{other}: UNKNOWN REPORT CRITERION")),
        }
    }
    Ok(request)
}

fn entry_body(sealed: &SealedEntry) -> AuditEntryBody {
    let e = &sealed.entry;
    AuditEntryBody {
        seq: sealed.seq,
        at: Timestamp::from_micros(e.at_micros).to_string(),
        operation_id: e.operation_id.clone(),
        event: e.event.clone(),
        operator: e.operator.clone(),
        terminal: e.terminal.clone(),
        ori: e.ori.clone(),
        key: e.key.clone(),
        purpose: e.purpose.clone(),
        case_number: e.case_number.clone(),
        outcome: e.outcome.clone(),
        code: e.code.clone(),
        rules: e.rules.clone(),
        citations: e.citations.clone(),
        records: e.records.clone(),
        detail: e.detail.clone(),
        leaf_hash: sealed.leaf_hash.clone(),
    }
}

fn report_body(call: &Call<'_>, report: &AuditReport, criteria: String) -> AuditReportBody {
    AuditReportBody {
        header: call.header(report),
        criteria,
        entries: report.entries.iter().map(entry_body).collect(),
        next_after: report.next_after,
    }
}

pub(crate) async fn report(
    State(service): State<Service>,
    headers: HeaderMap,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let request = parse_request(pairs, &headers).map_err(|message| call.invalid(message))?;
    let report = service
        .audit_report(call.token(), request.query, request.limit, call.op())
        .await
        .map_err(|e| call.error(e))?;
    let body = report_body(
        &call,
        &report,
        leads_app::describe_audit_query(&report.query),
    );
    let status = status_of(report.code);
    let mut response = if request.csv && status == StatusCode::OK {
        let mut response = (status, entries_csv(&body.entries)).into_response();
        response.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/csv; charset=utf-8"),
        );
        response
    } else {
        (status, Json(&body)).into_response()
    };
    if let Some(value) = report
        .next_after
        .and_then(|next| HeaderValue::from_str(&next.to_string()).ok())
    {
        response.headers_mut().insert("x-next-after", value);
    }
    Ok(call.stamp(response))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn report_criteria_parse_and_bad_ones_are_named() {
        let request = parse_request(
            pairs(&[
                ("operator", "demo1"),
                ("subject", "DOE, JOHN"),
                ("subject", "SOC/219099999"),
                ("from", "2026-11-01"),
                ("limit", "20"),
                ("format", "csv"),
            ]),
            &HeaderMap::new(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(request.query.operator.as_deref(), Some("DEMO1"));
        assert_eq!(request.query.subject.len(), 2);
        assert!(request.csv);
        assert_eq!(request.limit, 20);
        let error = parse_request(pairs(&[("from", "last week")]), &HeaderMap::new())
            .err()
            .unwrap_or_default();
        assert!(error.starts_with("from=last week"), "{error}");
        let error = parse_request(pairs(&[("colour", "red")]), &HeaderMap::new())
            .err()
            .unwrap_or_default();
        assert!(error.contains("UNKNOWN REPORT CRITERION"), "{error}");
    }
}
