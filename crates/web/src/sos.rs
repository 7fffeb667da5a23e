//! The SOS image service over HTTP (docs/SOS-IMAGES.md): requests through LEADS
//! (`POST /api/v1/sos/images`), case records (`GET /api/v1/sos/cases/{case}`), the SOS desk,
//! disseminations, releases and their flyers, consents and photo arrays. Every answer carries
//! the disclaimer and the confidentiality notice.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::header::{ACCEPT, CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use data_encoding::BASE64;
use leads_api_types::{
    CaseImageBody, ConsentBody, ConsentForm, DeskForm, DisclosureBody, FlyerBody, ImageRequestForm,
    PhotoArrayBody, PhotoArrayForm, ReleaseBody, ReleaseDecisionForm, ReleaseForm, SosBody,
    SosDisseminationBody, SosDisseminationForm,
};
use leads_app::{
    CaseImageView, Disclosure, DisseminationView, Flyer, Service, ServiceError, SosReply,
};
use leads_app::{ConsentRow, PhotoArrayRow, ReleaseRow, SosDisseminationRow};
use leads_domain::reply::Outcome;
use serde::Serialize;

use crate::error::ApiError;
use crate::handlers::Call;

/// `?ori=ORI|ALL` and, for releases, `?status=`.
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct RecordsQuery {
    ori: Option<String>,
    status: Option<String>,
}

/// An SOS answer as a response.
impl Call<'_> {
    fn sos<T, B: Serialize>(
        &self,
        reply: Result<SosReply<T>, ServiceError>,
        body: impl Fn(&T) -> B,
    ) -> Result<Response, ApiError> {
        let reply = reply.map_err(|e| self.error(e))?;
        let json = SosBody {
            header: self.header(&reply),
            disclaimer: reply.disclaimer.into(),
            confidentiality: reply.confidentiality.into(),
            items: reply.items.iter().map(body).collect(),
        };
        Ok(self.respond(reply.code, json))
    }
}

fn case_image_body(view: &CaseImageView) -> CaseImageBody {
    let c = &view.image;
    CaseImageBody {
        id: c.id,
        ori: c.ori.to_string(),
        case_number: c.case_number.clone(),
        dln: c.dln.to_string(),
        holder_name: c.holder_name.clone(),
        holder_dob: c.holder_dob.as_number(),
        holder_sex: c.holder_sex.clone(),
        subject_role: c.subject_role.clone(),
        investigation: c.investigation.clone(),
        transmission_only: c.transmission_only,
        transmit_to: c.transmit_to.as_ref().map(ToString::to_string),
        received_from: c.received_from,
        retrieved_by: c.retrieved_by.clone(),
        retrieved_at: c.retrieved_at.to_string(),
        dispose_after: c.dispose_after.to_string(),
        disposed_at: c.disposed_at.map(|t| t.to_string()),
        disposed_how: c.disposed_how.clone(),
        image_base64: view.jpeg.as_ref().map(|b| BASE64.encode(b)),
    }
}

fn disclosure_body(d: &Disclosure) -> DisclosureBody {
    DisclosureBody {
        request: d.request,
        category: d.category.clone(),
        requester: d.requester.clone(),
        dln: d.dln.clone(),
        holder_name: d.holder_name.clone(),
        image_base64: BASE64.encode(&d.jpeg),
    }
}

fn dissemination_body(d: &SosDisseminationRow, jpeg: Option<&Vec<u8>>) -> SosDisseminationBody {
    SosDisseminationBody {
        id: d.id,
        case_image: d.case_image,
        from_ori: d.from_ori.to_string(),
        to_ori: d.to_ori.to_string(),
        to_agency: d.to_agency.clone(),
        to_person: d.to_person.clone(),
        case_number: d.case_number.clone(),
        dln: d.dln.to_string(),
        verification: d.verification.clone(),
        operator: d.operator.clone(),
        at: d.at.to_string(),
        recipient_case_image: d.recipient_case_image,
        image_base64: jpeg.map(|b| BASE64.encode(b)),
    }
}

fn release_body(r: &ReleaseRow) -> ReleaseBody {
    ReleaseBody {
        id: r.id,
        case_image: r.case_image,
        ori: r.ori.to_string(),
        case_number: r.case_number.clone(),
        necessity: r.necessity.clone(),
        explanation: r.explanation.clone(),
        identity_verification: r.identity_verification.clone(),
        requested_by: r.requested_by.clone(),
        requested_at: r.requested_at.to_string(),
        status: r.status.name().into(),
        decided_by: r.decided_by.clone(),
        decided_at: r.decided_at.map(|t| t.to_string()),
        reference: r.reference.clone(),
        note: r.note.clone(),
    }
}

fn consent_body(c: &ConsentRow) -> ConsentBody {
    ConsentBody {
        id: c.id,
        case_image: c.case_image,
        document: c.document.clone(),
        signed_on: c.signed_on.as_number(),
        recorded_by: c.recorded_by.clone(),
        recorded_at: c.recorded_at.to_string(),
    }
}

fn array_body(a: &PhotoArrayRow) -> PhotoArrayBody {
    PhotoArrayBody {
        id: a.id,
        ori: a.ori.to_string(),
        case_number: a.case_number.clone(),
        built_by: a.built_by.clone(),
        built_at: a.built_at.to_string(),
        members: a.members.clone(),
    }
}

fn flyer_body(f: &Flyer) -> FlyerBody {
    FlyerBody {
        release: f.release,
        pdf_base64: BASE64.encode(&f.pdf),
    }
}

pub(crate) async fn request_image(
    State(service): State<Service>,
    headers: HeaderMap,
    body: Result<Json<ImageRequestForm>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let form = call.json(body)?;
    let reply = service
        .request_sos_image(call.token(), form, call.op())
        .await;
    call.sos(reply, case_image_body)
}

pub(crate) async fn case(
    State(service): State<Service>,
    headers: HeaderMap,
    Path(case): Path<String>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let reply = service.sos_case(call.token(), &case, call.op()).await;
    call.sos(reply, case_image_body)
}

pub(crate) async fn desk(
    State(service): State<Service>,
    headers: HeaderMap,
    body: Result<Json<DeskForm>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let form = call.json(body)?;
    let reply = service
        .sos_desk_request(call.token(), form, call.op())
        .await;
    call.sos(reply, disclosure_body)
}

pub(crate) async fn disseminate(
    State(service): State<Service>,
    headers: HeaderMap,
    body: Result<Json<SosDisseminationForm>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let form = call.json(body)?;
    let reply = service
        .disseminate_sos_image(call.token(), form, call.op())
        .await;
    call.sos(reply, |v: &DisseminationView| {
        dissemination_body(&v.record, v.jpeg.as_ref())
    })
}

pub(crate) async fn disseminations(
    State(service): State<Service>,
    headers: HeaderMap,
    Query(query): Query<RecordsQuery>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let reply = service
        .sos_disseminations(call.token(), query.ori.as_deref(), call.op())
        .await;
    call.sos(reply, |d| dissemination_body(d, None))
}

pub(crate) async fn request_release(
    State(service): State<Service>,
    headers: HeaderMap,
    body: Result<Json<ReleaseForm>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let form = call.json(body)?;
    let reply = service
        .request_sos_release(call.token(), form, call.op())
        .await;
    call.sos(reply, release_body)
}

pub(crate) async fn releases(
    State(service): State<Service>,
    headers: HeaderMap,
    Query(query): Query<RecordsQuery>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let reply = service
        .sos_releases(
            call.token(),
            query.status.as_deref(),
            query.ori.as_deref(),
            call.op(),
        )
        .await;
    call.sos(reply, release_body)
}

pub(crate) async fn decide_release(
    State(service): State<Service>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Result<Json<ReleaseDecisionForm>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let form = call.json(body)?;
    let reply = service
        .decide_sos_release(call.token(), id, form, call.op())
        .await;
    call.sos(reply, release_body)
}

pub(crate) async fn flyer(
    State(service): State<Service>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let reply = service.sos_release_flyer(call.token(), id, call.op()).await;
    let wants_pdf = headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/pdf"));
    // Asked for as a PDF, an approved flyer is the document itself; a refusal stays JSON.
    if wants_pdf
        && let Ok(answer) = &reply
        && answer.outcome == Outcome::Accepted
        && let [flyer] = answer.items.as_slice()
    {
        let response = (
            StatusCode::OK,
            [
                (CONTENT_TYPE, "application/pdf".to_owned()),
                (
                    CONTENT_DISPOSITION,
                    format!("inline; filename=\"sos-release-{}.pdf\"", flyer.release),
                ),
                (CACHE_CONTROL, "no-store".to_owned()),
            ],
            flyer.pdf.clone(),
        )
            .into_response();
        return Ok(call.stamp(response));
    }
    call.sos(reply, flyer_body)
}

pub(crate) async fn consent(
    State(service): State<Service>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Result<Json<ConsentForm>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let form = call.json(body)?;
    let reply = service
        .record_sos_consent(call.token(), id, form, call.op())
        .await;
    call.sos(reply, consent_body)
}

pub(crate) async fn photo_array(
    State(service): State<Service>,
    headers: HeaderMap,
    body: Result<Json<PhotoArrayForm>, JsonRejection>,
) -> Result<Response, ApiError> {
    let call = Call::of(&headers);
    let form = call.json(body)?;
    let reply = service
        .build_photo_array(call.token(), form, call.op())
        .await;
    call.sos(reply, array_body)
}
