#![doc = include_str!("../README.md")]

mod admin;
mod audit;
mod control_chars;
mod error;
mod handlers;
mod images;
mod json_errors;
mod lifecycle;
pub mod metrics;
mod oversight;
mod review;
mod sos;

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};
use leads_app::Service;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use error::ApiError;

/// The largest request body accepted.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The largest message or transaction body accepted: room for an encoded image
/// (`leads_message::MAX_ATTACHMENT_LEN`) and the message around it.
pub const MESSAGE_BODY_LIMIT: usize = 9 * 1024 * 1024;

/// The router over a service (installing the metrics recorder on first use).
pub fn router(service: Service) -> Router {
    metrics::handle();
    Router::new()
        .route("/healthz", get(handlers::health))
        .route("/readyz", get(handlers::ready))
        .route("/metrics", get(metrics::render))
        .route("/api/v1/banner", get(admin::banner))
        .route(
            "/api/v1/sessions",
            post(handlers::sign_in).delete(handlers::sign_out),
        )
        .route("/api/v1/sessions/banner", post(admin::accept_banner))
        .route("/api/v1/account/password", post(admin::change_password))
        .route("/api/v1/admin", post(admin::administer))
        .route("/api/v1/oversight", post(oversight::oversee))
        .route(
            "/api/v1/oversight/audits/{id}/{document}",
            get(oversight::document),
        )
        .route(
            "/api/v1/oversight/violations/{id}/{document}",
            get(oversight::violation_document),
        )
        .route("/api/v1/audit/entries", get(audit::report))
        .route("/api/v1/review/flags", get(review::flags))
        .route("/api/v1/review/flags/{id}", post(review::dispose))
        .route(
            "/api/v1/messages",
            post(handlers::message).layer(DefaultBodyLimit::max(MESSAGE_BODY_LIMIT)),
        )
        .route(
            "/api/v1/transactions",
            post(handlers::transaction).layer(DefaultBodyLimit::max(MESSAGE_BODY_LIMIT)),
        )
        .route("/api/v1/images/due", get(images::due))
        .route(
            "/api/v1/records/{lrn}/verification",
            post(lifecycle::verify),
        )
        .route(
            "/api/v1/records/{lrn}/validation",
            post(lifecycle::validate),
        )
        .route(
            "/api/v1/records/{lrn}/serious-error",
            post(lifecycle::serious_error),
        )
        .route("/api/v1/records/{lrn}/removal", post(lifecycle::removal))
        .route("/api/v1/agencies/{ori}/shifts", put(lifecycle::shifts))
        .route("/api/v1/mailbox", get(lifecycle::mailbox))
        .route("/api/v1/mailbox/{id}/ack", post(lifecycle::acknowledge))
        .route("/api/v1/compliance", get(lifecycle::compliance))
        .route("/api/v1/compliance/staffing", get(lifecycle::staffing))
        .route("/api/v1/compliance/overview", get(lifecycle::overview))
        .route(
            "/api/v1/compliance/late-entries",
            get(lifecycle::late_entries),
        )
        .route("/api/v1/disseminations", post(handlers::disseminate))
        .route("/api/v1/sos/images", post(sos::request_image))
        .route("/api/v1/sos/cases/{case}", get(sos::case))
        .route("/api/v1/sos/desk", post(sos::desk))
        .route(
            "/api/v1/sos/disseminations",
            post(sos::disseminate).get(sos::disseminations),
        )
        .route(
            "/api/v1/sos/releases",
            post(sos::request_release).get(sos::releases),
        )
        .route(
            "/api/v1/sos/releases/{id}/decision",
            post(sos::decide_release),
        )
        .route("/api/v1/sos/releases/{id}/flyer", get(sos::flyer))
        .route("/api/v1/sos/case-images/{id}/consent", post(sos::consent))
        .route("/api/v1/sos/photo-arrays", post(sos::photo_array))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn(
            control_chars::refuse_control_characters,
        ))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(TraceLayer::new_for_http())
        .route_layer(axum::middleware::from_fn(metrics::track))
        .with_state(service)
}
