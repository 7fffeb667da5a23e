//! Administrative commands and account endpoints.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use leads_api_types::{AdminReplyBody, PasswordChangeRequest, ReasonBody};
use leads_app::{AdminData, AdminReply, SYSTEM_USE_BANNER, Service};
use serde_json::{Value, json};

use crate::error::{ApiError, status_of, with_operation_id};
use crate::handlers::{bearer, operation_id};

fn value<T: serde::Serialize + ?Sized>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn data_json(data: &AdminData) -> Value {
    match data {
        AdminData::None => Value::Null,
        AdminData::Agency(agency) => json!({ "agency": value(agency.as_ref()) }),
        AdminData::Agencies(agencies) => json!({ "agencies": value(agencies) }),
        AdminData::People(people) => json!({
            "people": people.iter().map(|p| json!({
                "person": value(&p.person),
                "status": p.status,
                "last_sign_in_at": p.last_sign_in_at.map(|t| t.to_string()),
            })).collect::<Vec<_>>()
        }),
        AdminData::Terminals(terminals) => json!({ "terminals": value(terminals) }),
        AdminData::Connections(connections) => json!({
            "connections": connections.iter().map(|(id, request)| json!({ "id": id, "request": value(request) })).collect::<Vec<_>>()
        }),
        AdminData::Connection(id) => json!({ "connection": id }),
        AdminData::Enrollment(enrollment) => {
            json!({ "totp_secret": enrollment.secret, "otpauth_uri": enrollment.uri })
        }
        AdminData::Count(count) => json!({ "count": count }),
    }
}

fn reply_body(reply: &AdminReply) -> AdminReplyBody {
    AdminReplyBody {
        operation_id: reply.operation_id.clone(),
        at: reply.at.to_string(),
        command: reply.command.into(),
        outcome: reply.outcome.name().into(),
        code: reply.code.into(),
        message: reply.message.clone(),
        reasons: reply.reasons.iter().map(ReasonBody::from).collect(),
        data: data_json(&reply.data),
    }
}

pub(crate) async fn administer(
    State(service): State<Service>,
    headers: HeaderMap,
    body: Result<Json<leads_app::AdminCommand>, JsonRejection>,
) -> Result<Response, ApiError> {
    let op = operation_id(&headers);
    let Json(command) = body.map_err(|e| ApiError::rejection(e.status(), e.body_text(), &op))?;
    let reply = service
        .administer(bearer(&headers), command, Some(op.clone()))
        .await
        .map_err(|e| ApiError::service(e, &op))?;
    let response = (status_of(reply.code), Json(reply_body(&reply))).into_response();
    Ok(with_operation_id(response, &reply.operation_id))
}

pub(crate) async fn banner() -> Response {
    (
        StatusCode::OK,
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; charset=utf-8",
        )],
        format!("{SYSTEM_USE_BANNER}\n"),
    )
        .into_response()
}

pub(crate) async fn accept_banner(
    State(service): State<Service>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let op = operation_id(&headers);
    service
        .accept_banner(bearer(&headers))
        .await
        .map_err(|e| ApiError::service(e, &op))?;
    Ok(with_operation_id(
        StatusCode::NO_CONTENT.into_response(),
        &op,
    ))
}

pub(crate) async fn change_password(
    State(service): State<Service>,
    headers: HeaderMap,
    body: Result<Json<PasswordChangeRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let op = operation_id(&headers);
    let Json(request) = body.map_err(|e| ApiError::rejection(e.status(), e.body_text(), &op))?;
    service
        .change_password(bearer(&headers), &request.current, &request.new)
        .await
        .map_err(|e| ApiError::service(e, &op))?;
    Ok(with_operation_id(
        StatusCode::NO_CONTENT.into_response(),
        &op,
    ))
}
