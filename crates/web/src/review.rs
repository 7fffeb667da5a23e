//! The misuse review queue: `GET /api/v1/review/flags` and `POST /api/v1/review/flags/{id}`.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use leads_api_types::{DispositionBody, DispositionRequest, FlagBody, ReviewReplyBody};
use leads_app::{FlagQuery, StoredFlag};
use leads_app::{ReviewReply, Service};
use leads_domain::clock::Timestamp;

use crate::error::ApiError;
use crate::handlers::Call;

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

fn respond(call: &Call<'_>, reply: &ReviewReply) -> Response {
    let body = ReviewReplyBody {
        header: call.header(reply),
        flags: reply.flags.iter().map(flag_body).collect(),
    };
    call.respond(reply.code, body)
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
    let call = Call::of(&headers);
    let (query, limit) = parse_query(pairs).map_err(|message| call.invalid(message))?;
    let reply = service
        .misuse_flags(call.token(), query, limit, call.op())
        .await
        .map_err(|e| call.error(e))?;
    Ok(respond(&call, &reply))
}

pub(crate) async fn dispose(
    State(service): State<Service>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Result<Json<DispositionRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let request = call.json(body)?;
    let reply = service
        .dispose_flag(
            call.token(),
            id,
            &request.decision,
            &request.note,
            call.op(),
        )
        .await
        .map_err(|e| call.error(e))?;
    Ok(respond(&call, &reply))
}
