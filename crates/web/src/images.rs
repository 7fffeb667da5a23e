//! `GET /api/v1/images/due[?ori=ORI|ALL]`: registrant photos due for annual replacement
//! (rule I3), of the reader's agency by default.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use leads_api_types::{PhotoDueBody, PhotosDueBody, ReasonBody};
use leads_app::Service;

use crate::error::{ApiError, status_of, with_operation_id};
use crate::handlers::{bearer, operation_id};

/// `?ori=`: an agency, or `ALL`.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct DueQuery {
    ori: Option<String>,
}

pub(crate) async fn due(
    State(service): State<Service>,
    headers: HeaderMap,
    Query(query): Query<DueQuery>,
) -> Result<Response, ApiError> {
    let op = operation_id(&headers);
    let reply = service
        .photos_due(bearer(&headers), query.ori.as_deref(), Some(op.clone()))
        .await
        .map_err(|e| ApiError::service(e, &op))?;
    let body = PhotosDueBody {
        operation_id: reply.operation_id.clone(),
        at: reply.at.to_string(),
        outcome: reply.outcome.name().into(),
        code: reply.code.into(),
        message: reply.message.clone(),
        reasons: reply.reasons.iter().map(ReasonBody::from).collect(),
        ori: reply.agency.as_ref().map(ToString::to_string),
        notice_days: leads_app::PHOTO_NOTICE_DAYS,
        photos: reply.items.iter().map(photo_body).collect(),
    };
    let response = (status_of(reply.code), Json(body)).into_response();
    Ok(with_operation_id(response, &op))
}

pub(crate) fn photo_body(p: &leads_app::PhotoDue) -> PhotoDueBody {
    PhotoDueBody {
        lrn: p.lrn.to_string(),
        ori: p.ori.to_string(),
        file: p.file.name().to_owned(),
        newest_imn: p.newest.as_ref().map(|(imn, _)| imn.to_string()),
        newest_date: p.newest.as_ref().map(|(_, date)| date.to_string()),
        due: p.due.map(|d| d.to_string()),
        standing: p.standing.name().to_owned(),
    }
}
