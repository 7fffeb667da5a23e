//! Operation ids are the server's: one per request, the same in the `x-operation-id` response
//! header, the JSON answer and every audit entry of the request. A client's `x-request-id` is
//! kept apart, as the client's own label. Readiness reports audit-write failures.

use leads_testkit::{PASSWORD, TestApp, backends};

use crate::support::{raw, spawn};

fn json(raw: &crate::support::Raw) -> serde_json::Value {
    serde_json::from_str(&raw.body).unwrap_or_else(|e| panic!("{e}: {}", raw.body))
}

/// The operation ids of the audit entries written since entry `after`.
async fn operation_ids_after(app: &TestApp, after: usize) -> Vec<(String, String)> {
    app.audit()
        .await
        .into_iter()
        .skip(after)
        .map(|e| (e.entry.event, e.entry.operation_id))
        .collect()
}

async fn sign_in(app: &TestApp, base: &str, operator: &str, request_id: &str) -> (String, String) {
    app.clock.advance_seconds(30);
    let body = format!(
        r#"{{"operator":"{operator}","password":"{PASSWORD}","code":"{}","terminal":"T16A","accept_banner":true}}"#,
        app.code()
    );
    let headers = [
        ("content-type", "application/json"),
        ("x-request-id", request_id),
    ];
    let before = app.audit().await.len();
    let answer = raw(base, "POST", "/api/v1/sessions", &headers, &body).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let op = answer.header("x-operation-id").unwrap().to_owned();
    assert_ne!(
        op, request_id,
        "the client's id does not become the operation id"
    );
    assert_eq!(answer.header("x-request-id"), Some(request_id));
    let entries = operation_ids_after(app, before).await;
    assert!(!entries.is_empty());
    for (event, id) in &entries {
        assert_eq!(
            id, &op,
            "{event}: the audit entry carries the response's operation id"
        );
    }
    let token = json(&answer)["token"].as_str().unwrap().to_owned();
    (token, op)
}

#[tokio::test]
async fn operation_ids_are_made_by_the_server_once_per_request() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let base = spawn(&app).await;
        // Two operators choose the same request id.
        let (first, first_op) = sign_in(&app, &base, "OP16A", "shared-id").await;
        let (second, second_op) = sign_in(&app, &base, "OP16B", "shared-id").await;
        assert_ne!(first_op, second_op);
        let mut seen = vec![first_op, second_op];
        for token in [&first, &second] {
            let bearer = format!("Bearer {token}");
            let headers = [
                ("authorization", bearer.as_str()),
                ("accept", "application/json"),
                ("x-request-id", "shared-id"),
            ];
            let before = app.audit().await.len();
            let message = "QW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115.PUR/C.CAS/2026-1";
            let answer = raw(&base, "POST", "/api/v1/messages", &headers, message).await;
            assert_eq!(answer.status, 200, "{}", answer.body);
            let op = answer.header("x-operation-id").unwrap().to_owned();
            let body = json(&answer);
            assert_eq!(body["operation_id"], op.as_str());
            assert_eq!(body["client_request_id"], "shared-id");
            assert!(!seen.contains(&op), "one operation id per request");
            let entries = operation_ids_after(&app, before).await;
            assert_eq!(entries.len(), 1);
            assert_eq!(entries[0].1, op);
            seen.push(op);
        }
        // Session events carry the request's id too.
        for (method, path) in [
            ("POST", "/api/v1/sessions/banner"),
            ("DELETE", "/api/v1/sessions"),
        ] {
            let bearer = format!("Bearer {first}");
            let before = app.audit().await.len();
            let answer = raw(
                &base,
                method,
                path,
                &[("authorization", bearer.as_str())],
                "",
            )
            .await;
            assert_eq!(answer.status, 204, "{path}: {}", answer.body);
            let op = answer.header("x-operation-id").unwrap();
            let entries = operation_ids_after(&app, before).await;
            assert_eq!(entries.len(), 1, "{path}");
            assert_eq!(entries[0].1, op, "{path}");
        }
    }
}

#[tokio::test]
async fn readiness_reports_audit_write_failures() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let base = spawn(&app).await;
        let token = app.token("OP16A", "T16A").await;
        assert_eq!(raw(&base, "GET", "/readyz", &[], "").await.status, 200);
        app.refuse_audit_writes().await;
        let bearer = format!("Bearer {token}");
        let message = "QW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115.PUR/C.CAS/2026-1";
        let refused = raw(
            &base,
            "POST",
            "/api/v1/messages",
            &[("authorization", bearer.as_str())],
            message,
        )
        .await;
        assert_eq!(refused.status, 503, "{}", refused.body);
        let ready = raw(&base, "GET", "/readyz", &[], "").await;
        assert_eq!(ready.status, 503, "{}", ready.body);
        assert!(ready.body.contains("audit"), "{}", ready.body);
        // Liveness is unaffected: the process runs and the database answers.
        assert_eq!(raw(&base, "GET", "/healthz", &[], "").await.status, 200);
        app.allow_audit_writes().await;
        let answered = raw(
            &base,
            "POST",
            "/api/v1/messages",
            &[("authorization", bearer.as_str())],
            message,
        )
        .await;
        assert_eq!(answered.status, 200, "{}", answered.body);
        assert_eq!(raw(&base, "GET", "/readyz", &[], "").await.status, 200);
    }
}
