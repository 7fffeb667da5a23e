//! `/metrics`: the Prometheus exposition of what the service counts, through the `metrics`
//! facade and its Prometheus exporter (installed once per process), with the HTTP requests by
//! route, method and status and their latency recorded by a middleware here.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leads_app::Service;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// Latency buckets, seconds: a terminal answer is wanted well under a second.
const SECONDS: &[f64] = &[
    0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0,
];

/// Group-commit batch sizes, entries.
const ENTRIES: &[f64] = &[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// The process's Prometheus recorder, installed at the first call; `None` if another recorder
/// was installed first (nothing is then exposed).
pub fn handle() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), SECONDS)
                .and_then(|b| {
                    b.set_buckets_for_metric(
                        Matcher::Full("leads_audit_group_commit_entries".into()),
                        ENTRIES,
                    )
                });
            match builder.map(PrometheusBuilder::install_recorder) {
                Ok(Ok(handle)) => {
                    leads_app::describe_metrics();
                    Some(handle)
                }
                Ok(Err(error)) | Err(error) => {
                    tracing::warn!(%error, "the metrics recorder could not be installed");
                    None
                }
            }
        })
        .as_ref()
}

/// Counts every request by its route (the matched path, never the raw one: no record number
/// or case in a label), method and status, and records its latency.
pub(crate) async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!(
        "leads_http_requests_total",
        "route" => route.clone(), "method" => method.clone(), "status" => status
    )
    .increment(1);
    metrics::histogram!(
        "leads_http_request_duration_seconds",
        "route" => route, "method" => method
    )
    .record(started.elapsed().as_secs_f64());
    response
}

/// `GET /metrics`.
pub(crate) async fn render(State(service): State<Service>) -> Response {
    let records = service
        .store()
        .record_count()
        .await
        .map_or(-1.0, |n| n as f64);
    metrics::gauge!("leads_records").set(records);
    match handle() {
        Some(handle) => (
            StatusCode::OK,
            [(CONTENT_TYPE, "text/plain; version=0.0.4")],
            handle.render(),
        )
            .into_response(),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            "metrics recorder not installed\n",
        )
            .into_response(),
    }
}
