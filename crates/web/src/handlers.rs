//! Request handlers: read, call the service, write.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::{JsonRejection, StringRejection};
use axum::http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use leads_api_types::{
    DisseminationRequest, ReplyBody, ReplyHeader, SignInRequest, SignInResponse, TransactionRequest,
};
use leads_app::{Answer, Input, Service, ServiceError};
use leads_domain::codes::ReplyCode;
use serde::Serialize;

use crate::error::{ApiError, status_of, with_operation_id};

/// The `x-request-id` a client sent: kept as the client's own label (never the operation id).
fn client_request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_graphic()))
        .map(str::to_owned)
}

pub(crate) fn bearer(headers: &HeaderMap) -> &str {
    headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default()
}

/// One request: its operation id (made here, one per request, the same in the response header
/// and in every audit entry of the request), the client's request id, the session token and
/// the JSON body, and the answer as a response.
pub(crate) struct Call<'h> {
    headers: &'h HeaderMap,
    op: String,
    client: Option<String>,
}

impl<'h> Call<'h> {
    pub(crate) fn of(headers: &'h HeaderMap) -> Self {
        Call {
            headers,
            op: uuid::Uuid::new_v4().to_string(),
            client: client_request_id(headers),
        }
    }

    pub(crate) fn token(&self) -> &str {
        bearer(self.headers)
    }

    /// The operation id, for the service.
    pub(crate) fn op(&self) -> Option<String> {
        Some(self.op.clone())
    }

    pub(crate) fn json<T>(&self, body: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
        body.map(|Json(request)| request).map_err(|e| {
            ApiError::rejection(e.status(), crate::json_errors::describe(&e), &self.op)
        })
    }

    /// A JSON body read from its bytes, so an error without a path can still name its field
    /// (see [`crate::json_errors::describe_in`]).
    pub(crate) fn json_bytes<T: serde::de::DeserializeOwned>(
        &self,
        body: &[u8],
    ) -> Result<T, ApiError> {
        Json::<T>::from_bytes(body)
            .map(|Json(request)| request)
            .map_err(|e| {
                ApiError::rejection(
                    e.status(),
                    crate::json_errors::describe_in(&e, body),
                    &self.op,
                )
            })
    }

    pub(crate) fn text(&self, body: Result<String, StringRejection>) -> Result<String, ApiError> {
        body.map_err(|e| ApiError::rejection(e.status(), e.body_text(), &self.op))
    }

    pub(crate) fn error(&self, error: ServiceError) -> ApiError {
        ApiError::service(error, &self.op)
    }

    /// A request the edge itself refuses (a bad query string).
    pub(crate) fn invalid(&self, message: String) -> ApiError {
        ApiError {
            code: ReplyCode::InvalidRequest,
            message,
            operation_id: self.op.clone(),
        }
    }

    /// The wire header of `answer`, with the client's request id.
    pub(crate) fn header<T>(&self, answer: &Answer<T>) -> ReplyHeader {
        let mut header = ReplyHeader::of(answer);
        header.client_request_id = self.client.clone();
        header
    }

    /// `body` as the JSON response to an answer with `code`.
    pub(crate) fn respond(&self, code: ReplyCode, body: impl Serialize) -> Response {
        self.stamp((status_of(code), Json(body)).into_response())
    }

    /// Puts the operation id (and the client's request id) on a response.
    pub(crate) fn stamp(&self, response: Response) -> Response {
        let mut response = with_operation_id(response, &self.op);
        if let Some(value) = self
            .client
            .as_deref()
            .and_then(|c| HeaderValue::from_str(c).ok())
        {
            response.headers_mut().insert("x-request-id", value);
        }
        response
    }
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// Readiness: the database answers and audit entries are being written. A server whose audit
/// writes fail refuses every act (fail closed), so it is not ready.
pub(crate) async fn ready(State(service): State<Service>) -> Response {
    if let Some(since) = service.audit_failing_since() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("audit entries cannot be written (since {since})\n"),
        )
            .into_response();
    }
    health(State(service)).await
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

pub(crate) async fn sign_in(
    State(service): State<Service>,
    headers: HeaderMap,
    body: Result<Json<SignInRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let request = call.json(body)?;
    let attempt = leads_app::SignIn {
        operator: &request.operator,
        password: &request.password,
        code: &request.code,
        terminal: &request.terminal,
        accept_banner: request.accept_banner,
    };
    let session = service
        .sign_in_traced(attempt, call.op())
        .await
        .map_err(|e| call.error(e))?;
    let body = SignInResponse {
        token: session.token,
        operator: session.operator_id,
        terminal: session.terminal_id,
        ori: session.ori,
        expires_at: session.expires_at.to_string(),
        banner: session.banner.to_owned(),
        banner_accepted: session.banner_accepted,
    };
    Ok(call.stamp(Json(body).into_response()))
}

pub(crate) async fn sign_out(
    State(service): State<Service>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    service
        .sign_out_traced(call.token(), call.op())
        .await
        .map_err(|e| call.error(e))?;
    Ok(call.stamp(StatusCode::NO_CONTENT.into_response()))
}

fn reply_response(call: &Call<'_>, reply: &leads_app::Reply, json: bool) -> Response {
    if json {
        let mut body = ReplyBody::from(reply);
        body.header.client_request_id = call.header(reply).client_request_id;
        return call.respond(reply.code, body);
    }
    call.stamp(
        (
            status_of(reply.code),
            [(CONTENT_TYPE, "text/plain; charset=utf-8")],
            leads_message::render_reply(reply),
        )
            .into_response(),
    )
}

pub(crate) async fn message(
    State(service): State<Service>,
    headers: HeaderMap,
    body: Result<String, StringRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let body = call.text(body)?;
    let reply = service
        .submit(call.token(), Input::Text(body), call.op())
        .await
        .map_err(|e| call.error(e))?;
    Ok(reply_response(&call, &reply, wants_json(&headers)))
}

pub(crate) async fn transaction(
    State(service): State<Service>,
    headers: HeaderMap,
    body: Result<Json<TransactionRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let request = call.json(body)?;
    let raw = request
        .to_raw()
        .map_err(|e| ApiError::rejection(StatusCode::BAD_REQUEST, e, &call.op))?;
    let reply = service
        .submit(call.token(), Input::Raw(raw), call.op())
        .await
        .map_err(|e| call.error(e))?;
    Ok(reply_response(&call, &reply, true))
}

pub(crate) async fn disseminate(
    State(service): State<Service>,
    headers: HeaderMap,
    body: Result<Json<DisseminationRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let request = call.json(body)?;
    let reply = service
        .disseminate(call.token(), request.into(), call.op())
        .await
        .map_err(|e| call.error(e))?;
    Ok(reply_response(&call, &reply, true))
}
