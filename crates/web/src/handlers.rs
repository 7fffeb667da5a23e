//! Request handlers: read, call the service, write.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::{JsonRejection, StringRejection};
use axum::http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use leads_api_types::{
    DisseminationRequest, ReplyBody, SignInRequest, SignInResponse, TransactionRequest,
};
use leads_app::{Input, Service, ServiceError};

use crate::error::{ApiError, status_of, with_operation_id};

pub(crate) fn operation_id(headers: &HeaderMap) -> String {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_graphic()))
        .map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned)
}

pub(crate) fn bearer(headers: &HeaderMap) -> &str {
    headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default()
}

/// One request's operation id and session: the token, the JSON body, and service errors as
/// API errors, each carrying the operation id.
pub(crate) struct Call<'h> {
    headers: &'h HeaderMap,
    op: String,
}

impl<'h> Call<'h> {
    pub(crate) fn of(headers: &'h HeaderMap) -> Self {
        Call {
            headers,
            op: operation_id(headers),
        }
    }

    pub(crate) fn token(&self) -> &str {
        bearer(self.headers)
    }

    pub(crate) fn op(&self) -> Option<String> {
        Some(self.op.clone())
    }

    pub(crate) fn json<T>(&self, body: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
        body.map(|Json(request)| request)
            .map_err(|e| ApiError::rejection(e.status(), e.body_text(), &self.op))
    }

    pub(crate) fn error(&self, error: ServiceError) -> ApiError {
        ApiError::service(error, &self.op)
    }
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

pub(crate) async fn health(State(service): State<Service>) -> Response {
    match service.store().health().await {
        Ok(()) => (StatusCode::OK, "ok\n").into_response(),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

pub(crate) async fn metrics(State(service): State<Service>) -> Response {
    let records = service
        .store()
        .record_count()
        .await
        .map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
    let (commits, entries) = leads_app::group_commit_totals();
    let text = format!(
        "# HELP leads_audit_write_failures_total Transactions refused because their audit entry could not be written.\n\
         # TYPE leads_audit_write_failures_total counter\n\
         leads_audit_write_failures_total {}\n\
         # HELP leads_audit_group_commits_total Durable commits of grouped inquiry audit entries.\n\
         # TYPE leads_audit_group_commits_total counter\n\
         leads_audit_group_commits_total {commits}\n\
         # HELP leads_audit_grouped_entries_total Inquiry audit entries written by group commit.\n\
         # TYPE leads_audit_grouped_entries_total counter\n\
         leads_audit_grouped_entries_total {entries}\n\
         # HELP leads_records Records in the hot files (any status); -1 if the database cannot be read.\n\
         # TYPE leads_records gauge\n\
         leads_records {records}\n",
        leads_app::audit_write_failures()
    );
    (
        StatusCode::OK,
        [(CONTENT_TYPE, "text/plain; version=0.0.4")],
        text,
    )
        .into_response()
}

pub(crate) async fn sign_in(
    State(service): State<Service>,
    headers: HeaderMap,
    body: Result<Json<SignInRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let op = operation_id(&headers);
    let Json(request) = body.map_err(|e| ApiError::rejection(e.status(), e.body_text(), &op))?;
    let attempt = leads_app::SignIn {
        operator: &request.operator,
        password: &request.password,
        code: &request.code,
        terminal: &request.terminal,
        accept_banner: request.accept_banner,
    };
    let session = service
        .sign_in(attempt)
        .await
        .map_err(|e| ApiError::service(e, &op))?;
    let body = SignInResponse {
        token: session.token,
        operator: session.operator_id,
        terminal: session.terminal_id,
        ori: session.ori,
        expires_at: session.expires_at.to_string(),
        banner: session.banner.to_owned(),
        banner_accepted: session.banner_accepted,
    };
    Ok(with_operation_id(Json(body).into_response(), &op))
}

pub(crate) async fn sign_out(
    State(service): State<Service>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let op = operation_id(&headers);
    service
        .sign_out(bearer(&headers))
        .await
        .map_err(|e| ApiError::service(e, &op))?;
    Ok(with_operation_id(
        StatusCode::NO_CONTENT.into_response(),
        &op,
    ))
}

fn reply_response(reply: &leads_app::Reply, json: bool) -> Response {
    let status = status_of(reply.code);
    let response = if json {
        (status, Json(ReplyBody::from(reply))).into_response()
    } else {
        (
            status,
            [(CONTENT_TYPE, "text/plain; charset=utf-8")],
            leads_message::render_reply(reply),
        )
            .into_response()
    };
    with_operation_id(response, &reply.operation_id)
}

pub(crate) async fn message(
    State(service): State<Service>,
    headers: HeaderMap,
    body: Result<String, StringRejection>,
) -> Result<Response, ApiError> {
    let op = operation_id(&headers);
    let body = body.map_err(|e| ApiError::rejection(e.status(), e.body_text(), &op))?;
    let reply = service
        .submit(bearer(&headers), Input::Text(body), Some(op.clone()))
        .await
        .map_err(|e| ApiError::service(e, &op))?;
    Ok(reply_response(&reply, wants_json(&headers)))
}

pub(crate) async fn transaction(
    State(service): State<Service>,
    headers: HeaderMap,
    body: Result<Json<TransactionRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let op = operation_id(&headers);
    let Json(request) = body.map_err(|e| ApiError::rejection(e.status(), e.body_text(), &op))?;
    let raw = request
        .to_raw()
        .map_err(|e| ApiError::rejection(StatusCode::BAD_REQUEST, e, &op))?;
    let reply = service
        .submit(bearer(&headers), Input::Raw(raw), Some(op.clone()))
        .await
        .map_err(|e| ApiError::service(e, &op))?;
    Ok(reply_response(&reply, true))
}

pub(crate) async fn disseminate(
    State(service): State<Service>,
    headers: HeaderMap,
    body: Result<Json<DisseminationRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let op = operation_id(&headers);
    let Json(request) = body.map_err(|e| ApiError::rejection(e.status(), e.body_text(), &op))?;
    let reply = service
        .disseminate(bearer(&headers), request.into(), Some(op.clone()))
        .await
        .map_err(|e| ApiError::service(e, &op))?;
    Ok(reply_response(&reply, true))
}
