//! The misuse review queue: `GET /api/v1/review/flags` and `POST /api/v1/review/flags/{id}`.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use leads_api_types::{DispositionBody, DispositionRequest, FlagBody, ReasonBody, ReviewReplyBody};
use leads_app::{FlagQuery, StoredFlag};
use leads_app::{ReviewReply, Service};
use leads_domain::clock::Timestamp;

use crate::error::{ApiError, status_of, with_operation_id};
use crate::handlers::{bearer, operation_id};

fn flag_body(stored: &StoredFlag) -> FlagBody {
    FlagBody {
        id: stored.id,
        week_start: Timestamp::from_micros(stored.week_start).to_string(),
        kind: stored.flag.kind.name().into(),
        operator: stored.flag.operator.clone(),
        ori: stored.flag.ori.clone(),
        at: Timestamp::from_micros(stored.flag.at_micros).to_string(),
        entries: stored.flag.seqs.clone(),
        detail: stored.flag.detail.clone(),
        disposition: stored.disposition.as_ref().map(|d| DispositionBody {
            decision: d.decision.name().into(),
            note: d.note.clone(),
            by: d.by.clone(),
            at: d.at.to_string(),
        }),
    }
}

fn respond(reply: &ReviewReply) -> Response {
    let body = ReviewReplyBody {
        operation_id: reply.operation_id.clone(),
        at: reply.at.to_string(),
        outcome: reply.outcome.name().into(),
        code: reply.code.into(),
        message: reply.message.clone(),
        reasons: reply.reasons.iter().map(ReasonBody::from).collect(),
        flags: reply.flags.iter().map(flag_body).collect(),
    };
    let response = (status_of(reply.code), Json(body)).into_response();
    with_operation_id(response, &reply.operation_id)
}

fn parse_query(pairs: Vec<(String, String)>) -> Result<(FlagQuery, u32), String> {
    let mut query = FlagQuery {
        open_only: true,
        ..FlagQuery::default()
    };
    let mut limit = 500;
    for (name, value) in pairs {
        let value = value.trim();
        match name.as_str() {
            "ori" if !value.is_empty() => query.ori = Some(value.to_ascii_uppercase()),
            "status" => match value {
                "open" => query.open_only = true,
                "all" => query.open_only = false,
                other => return Err(format!("status={other}: USE open OR all")),
            },
            "week" => {
                let start = Timestamp::parse(value)
                    .ok_or_else(|| format!("week={value}: NOT AN RFC 3339 TIME"))?;
                query.week_start = Some(start.as_micros());
            }
            "limit" => {
                limit = value
                    .parse()
                    .map_err(|_| format!("limit={value}: NOT A NUMBER"))?;
            }
            "ori" => {}
            other => return Err(format!("{other}: UNKNOWN CRITERION")),
        }
    }
    Ok((query, limit))
}

pub(crate) async fn flags(
    State(service): State<Service>,
    headers: HeaderMap,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let op = operation_id(&headers);
    let (query, limit) = parse_query(pairs).map_err(|message| ApiError {
        code: "invalid_request",
        message,
        operation_id: op.clone(),
    })?;
    let reply = service
        .misuse_flags(bearer(&headers), query, limit, Some(op.clone()))
        .await
        .map_err(|e| ApiError::service(e, &op))?;
    Ok(respond(&reply))
}

pub(crate) async fn dispose(
    State(service): State<Service>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Result<Json<DispositionRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let op = operation_id(&headers);
    let Json(request) = body.map_err(|e| ApiError::rejection(e.status(), e.body_text(), &op))?;
    let reply = service
        .dispose_flag(
            bearer(&headers),
            id,
            &request.decision,
            &request.note,
            Some(op.clone()),
        )
        .await
        .map_err(|e| ApiError::service(e, &op))?;
    Ok(respond(&reply))
}
