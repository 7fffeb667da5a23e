//! `/metrics` carries what an operator of the server watches: HTTP requests by route and
//! status with their latency, operations by kind and outcome, refusals by rule, sign-in
//! failures and lockouts, overdue deadlines by kind, group-commit batch sizes and audit
//! failures — rendered by the Prometheus exporter. The recorder is the process's, so the
//! figures are at least what this test caused (other tests run beside it).

use leads_domain::files::FileKind;
use leads_message::examples;
use leads_testkit::{TestApp, TestDb};

use crate::support::spawn;

async fn scrape(base: &str) -> String {
    let response = reqwest::get(format!("{base}/metrics")).await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let kind = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(kind.starts_with("text/plain"), "{kind}");
    response.text().await.unwrap()
}

/// The value of the series `name{labels}` (labels as rendered, e.g. `rule="D1"`), summed over
/// every series whose labels include them.
fn value(metrics: &str, name: &str, labels: &[&str]) -> f64 {
    metrics
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.rsplit_once(' '))
        .filter(|(series, _)| {
            let (metric, rest) = series.split_once('{').unwrap_or((series, ""));
            metric == name && labels.iter().all(|l| rest.contains(l))
        })
        .filter_map(|(_, v)| v.parse::<f64>().ok())
        .sum()
}

#[tokio::test]
async fn metrics_show_requests_refusals_sign_in_failures_deadlines_and_group_commits() {
    let app = TestApp::start(TestDb::sqlite()).await;
    let base = spawn(&app).await;
    let client = app.client(&base, "OP16A", "T16A").await;
    client
        .send_text(&examples::entry(FileKind::Wanted))
        .await
        .unwrap();
    client
        .send_text(&examples::message(
            FileKind::Wanted,
            leads_domain::files::Action::Query,
            "IL0160000",
        ))
        .await
        .unwrap();
    client
        .send_text("QW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115")
        .await
        .unwrap();
    // Five wrong passwords lock the account.
    for _ in 0..5 {
        let wrong = leads_api_types::SignInRequest {
            operator: "OP16B".into(),
            password: "wrong".into(),
            code: app.code(),
            terminal: "T16A".into(),
            accept_banner: true,
        };
        assert!(
            leads_client::Client::new(&base)
                .sign_in(&wrong)
                .await
                .is_err()
        );
    }
    // A day on, the entry's second-party check is overdue.
    app.clock.advance_seconds(25 * 3600);
    app.service.sweep_deadlines().await.unwrap();

    let metrics = scrape(&base).await;
    let at_least = |name: &str, labels: &[&str], min: f64| {
        let got = value(&metrics, name, labels);
        assert!(
            got >= min,
            "{name}{labels:?} = {got}, expected at least {min}\n{metrics}"
        );
    };
    at_least(
        "leads_http_requests_total",
        &[
            r#"route="/api/v1/messages""#,
            r#"method="POST""#,
            r#"status="200""#,
        ],
        2.0,
    );
    at_least(
        "leads_http_requests_total",
        &[r#"route="/api/v1/sessions""#, r#"status="401""#],
        5.0,
    );
    at_least(
        "leads_http_request_duration_seconds_count",
        &[r#"route="/api/v1/messages""#],
        3.0,
    );
    assert!(
        metrics.contains(r#"leads_http_request_duration_seconds_bucket{route="/api/v1/messages",method="POST",le="0.1"}"#),
        "latency is a histogram with buckets"
    );
    at_least(
        "leads_operations_total",
        &[r#"kind="inquiry""#, r#"outcome="accepted""#],
        1.0,
    );
    at_least(
        "leads_operation_duration_seconds_count",
        &[r#"kind="transaction""#],
        1.0,
    );
    at_least("leads_refusals_total", &[r#"rule="D1""#], 1.0);
    at_least(
        "leads_sign_in_failures_total",
        &[r#"why="credentials""#],
        5.0,
    );
    at_least("leads_account_lockouts_total", &[], 1.0);
    at_least(
        "leads_deadlines_overdue",
        &[r#"kind="second_party_check""#],
        1.0,
    );
    at_least("leads_audit_group_commit_entries_count", &[], 1.0);
    at_least("leads_audit_group_commits_total", &[], 1.0);
    assert!(
        metrics.contains("\nleads_audit_write_failures_total "),
        "{metrics}"
    );
    assert!(metrics.contains("# HELP leads_refusals_total"), "described");
    assert!(
        !metrics.contains("W26") && !metrics.contains("DOE"),
        "no record or person in a label"
    );
}
