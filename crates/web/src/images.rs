//! `GET /api/v1/images/due`: registrant photos due for annual replacement (rule I3).

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use leads_api_types::{PhotoDueBody, PhotosDueBody};
use leads_app::Service;

use crate::error::{ApiError, with_operation_id};
use crate::handlers::{bearer, operation_id};

pub(crate) async fn due(
    State(service): State<Service>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let op = operation_id(&headers);
    let due = service
        .photos_due(bearer(&headers))
        .await
        .map_err(|e| ApiError::service(e, &op))?;
    let body = PhotosDueBody {
        notice_days: leads_app::PHOTO_NOTICE_DAYS,
        photos: due
            .iter()
            .map(|p| PhotoDueBody {
                lrn: p.lrn.to_string(),
                ori: p.ori.to_string(),
                file: p.file.name().to_owned(),
                newest_imn: p.newest.as_ref().map(|(imn, _)| imn.to_string()),
                newest_date: p.newest.as_ref().map(|(_, date)| date.to_string()),
                due: p.due.map(|d| d.to_string()),
                standing: p.standing.name().to_owned(),
            })
            .collect(),
    };
    Ok(with_operation_id(Json(body).into_response(), &op))
}
