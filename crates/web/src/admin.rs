//! Administrative commands and account endpoints.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use leads_api_types::{AdminReplyBody, PasswordChangeRequest};
use leads_app::{AdminData, AdminReply, SYSTEM_USE_BANNER, Service};
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::handlers::Call;

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

fn reply_body(call: &Call<'_>, reply: &AdminReply) -> AdminReplyBody {
    AdminReplyBody {
        header: call.header(reply),
        command: reply.command.into(),
        data: data_json(&reply.data),
    }
}

pub(crate) async fn administer(
    State(service): State<Service>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let command: leads_app::AdminCommand = call.json_bytes(&body)?;
    let reply = service
        .administer(call.token(), command, call.op())
        .await
        .map_err(|e| call.error(e))?;
    Ok(call.respond(reply.code, reply_body(&call, &reply)))
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
    let call = Call::of(&headers);
    service
        .accept_banner_traced(call.token(), call.op())
        .await
        .map_err(|e| call.error(e))?;
    Ok(call.stamp(StatusCode::NO_CONTENT.into_response()))
}

pub(crate) async fn change_password(
    State(service): State<Service>,
    headers: HeaderMap,
    body: Result<Json<PasswordChangeRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let request = call.json(body)?;
    service
        .change_password_traced(call.token(), &request.current, &request.new, call.op())
        .await
        .map_err(|e| call.error(e))?;
    Ok(call.stamp(StatusCode::NO_CONTENT.into_response()))
}
