//! The one place where errors become HTTP responses.

use axum::Json;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use leads_api_types::{ErrorBody, codes};
use leads_app::ServiceError;
use leads_domain::codes::ReplyCode;

/// An error answer: a stable code, a message for people, and the operation id.
#[derive(Debug)]
pub struct ApiError {
    pub code: ReplyCode,
    pub message: String,
    pub operation_id: String,
}

impl ApiError {
    /// A request body an extractor refused (too large, not JSON, not UTF-8).
    pub fn rejection(status: StatusCode, detail: String, operation_id: &str) -> ApiError {
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
            ReplyCode::RequestTooLarge
        } else {
            ReplyCode::RequestInvalid
        };
        ApiError {
            code,
            message: detail,
            operation_id: operation_id.to_owned(),
        }
    }

    /// A service failure.
    pub fn service(error: ServiceError, operation_id: &str) -> ApiError {
        if matches!(error, ServiceError::Storage(_) | ServiceError::Internal(_)) {
            // Details go to the log only (CJIS SI-11), with the operation id to find them.
            tracing::error!(operation_id, %error, detail = ?error, "service failure");
        }
        ApiError {
            code: error.code(),
            message: error.to_string(),
            operation_id: operation_id.to_owned(),
        }
    }
}

pub(crate) fn status_of(code: ReplyCode) -> StatusCode {
    StatusCode::from_u16(codes::http_status(code)).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

pub(crate) fn with_operation_id(mut response: Response, operation_id: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(operation_id) {
        response.headers_mut().insert("x-operation-id", value);
    }
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = status_of(self.code);
        let body = ErrorBody {
            code: self.code.into(),
            message: self.message,
            operation_id: self.operation_id.clone(),
        };
        with_operation_id((status, Json(body)).into_response(), &self.operation_id)
    }
}
