//! `GET /api/v1/images/due[?ori=ORI|ALL]`: registrant photos due for annual replacement
//! (rule I3), of the reader's agency by default.

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use leads_api_types::{PhotoDueBody, PhotosDueBody};
use leads_app::Service;

use crate::error::ApiError;
use crate::handlers::Call;

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
    let call = Call::of(&headers);
    let reply = service
        .photos_due(call.token(), query.ori.as_deref(), call.op())
        .await
        .map_err(|e| call.error(e))?;
    let body = PhotosDueBody {
        header: call.header(&reply),
        ori: reply.agency.as_ref().map(ToString::to_string),
        notice_days: leads_app::PHOTO_NOTICE_DAYS,
        photos: reply.items.iter().map(photo_body).collect(),
    };
    Ok(call.respond(reply.code, body))
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
