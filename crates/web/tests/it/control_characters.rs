//! Control characters are refused at the edge on every backend: for every C0 control but tab,
//! line feed and carriage return, and for DEL, sent to every endpoint — in a JSON field, the
//! path, a query parameter or a formatted message — the answer is `request_invalid` naming the
//! field, never a server error, and nothing reaches the store.

use crate::support::{raw, spawn};

/// Every route with where a control character goes: method, path (`{C}` for the character,
/// percent-encoded), body (`{C}` as a JSON escape or raw), and the field the answer names.
const ROUTES: &[(&str, &str, &str, &str)] = &[
    (
        "POST",
        "/api/v1/sessions",
        r#"{"operator":"OP{C}","password":"x","code":"123456","terminal":"T16A"}"#,
        "operator",
    ),
    (
        "POST",
        "/api/v1/sessions/banner",
        r#"{"accepted":"{C}"}"#,
        "accepted",
    ),
    (
        "POST",
        "/api/v1/account/password",
        r#"{"current":"a","new":"b{C}"}"#,
        "new",
    ),
    (
        "POST",
        "/api/v1/admin",
        r#"{"command":"register_agency","ori":"IL0450000","name":"CAMPUS{C}"}"#,
        "name",
    ),
    (
        "POST",
        "/api/v1/oversight",
        r#"{"command":"list_audits","ori":"IL{C}"}"#,
        "ori",
    ),
    ("GET", "/api/v1/oversight/audits/1/notice{C}", "", "PATH"),
    (
        "GET",
        "/api/v1/oversight/violations/1/notice{C}",
        "",
        "PATH",
    ),
    (
        "GET",
        "/api/v1/audit/entries?operator=OP{C}",
        "",
        "OPERATOR",
    ),
    ("GET", "/api/v1/review/flags?ori=IL{C}", "", "ORI"),
    (
        "POST",
        "/api/v1/review/flags/1",
        r#"{"disposition":"cleared","note":"{C}"}"#,
        "note",
    ),
    (
        "POST",
        "/api/v1/messages",
        "QW.IL0160000.NAM/DOE, JOHN{C}.SEX/M.DOB/19800115",
        "MESSAGE",
    ),
    (
        "POST",
        "/api/v1/transactions",
        r#"{"key":"QW","ori":"{C}","fields":{}}"#,
        "ori",
    ),
    ("GET", "/api/v1/images/due?ori={C}", "", "ORI"),
    (
        "POST",
        "/api/v1/records/V26{C}/verification",
        r#"{}"#,
        "PATH",
    ),
    (
        "POST",
        "/api/v1/records/V26000001/validation",
        r#"{"how":"{C}"}"#,
        "how",
    ),
    (
        "POST",
        "/api/v1/records/V26000001/serious-error",
        r#"{"reason":"{C}"}"#,
        "reason",
    ),
    (
        "POST",
        "/api/v1/records/V26000001/removal",
        r#"{"reason":"{C}"}"#,
        "reason",
    ),
    (
        "PUT",
        "/api/v1/agencies/IL0160000/shifts",
        r#"{"starts":["07:00{C}"]}"#,
        "starts[0]",
    ),
    ("GET", "/api/v1/mailbox?ori={C}", "", "ORI"),
    ("POST", "/api/v1/mailbox/1{C}/ack", "", "PATH"),
    ("GET", "/api/v1/compliance?ori=IL{C}", "", "ORI"),
    ("GET", "/api/v1/compliance/staffing?ori=IL{C}", "", "ORI"),
    ("GET", "/api/v1/compliance/overview?ori=IL{C}", "", "ORI"),
    (
        "GET",
        "/api/v1/compliance/late-entries?ori=IL{C}",
        "",
        "ORI",
    ),
    (
        "POST",
        "/api/v1/disseminations",
        r#"{"lrn":"W26{C}"}"#,
        "lrn",
    ),
    ("POST", "/api/v1/sos/images", r#"{"dln":"S123{C}"}"#, "dln"),
    ("GET", "/api/v1/sos/cases/{C}", "", "PATH"),
    (
        "POST",
        "/api/v1/sos/desk",
        r#"{"category":"A","dln":"{C}"}"#,
        "dln",
    ),
    (
        "POST",
        "/api/v1/sos/disseminations",
        r#"{"case":"{C}"}"#,
        "case",
    ),
    ("GET", "/api/v1/sos/disseminations?ori={C}", "", "ORI"),
    ("POST", "/api/v1/sos/releases", r#"{"case":"{C}"}"#, "case"),
    ("GET", "/api/v1/sos/releases?ori={C}", "", "ORI"),
    (
        "POST",
        "/api/v1/sos/releases/1/decision",
        r#"{"reference":"{C}"}"#,
        "reference",
    ),
    ("GET", "/api/v1/sos/releases/1/flyer?x={C}", "", "X"),
    (
        "POST",
        "/api/v1/sos/case-images/1/consent",
        r#"{"document":"{C}"}"#,
        "document",
    ),
    (
        "POST",
        "/api/v1/sos/photo-arrays",
        r#"{"positions":[{"filler":"{C}"}]}"#,
        "positions[0].filler",
    ),
];

/// Every control character a request may not carry.
fn forbidden() -> Vec<char> {
    (0u8..0x20)
        .chain([0x7f])
        .map(char::from)
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

#[tokio::test]
async fn every_endpoint_refuses_every_control_character_with_a_field_error_on_every_backend() {
    for db in leads_testkit::backends().await {
        let app = leads_testkit::TestApp::start(db).await;
        let base = spawn(&app).await;
        let token = app.token("ADMIN1", "T10A").await;
        let bearer = format!("Bearer {token}");
        let entries_before = app.audit().await.len();
        for c in forbidden() {
            let encoded = format!("%{:02X}", u32::from(c));
            let escaped = format!("\\u{:04x}", u32::from(c));
            for (method, path, body, field) in ROUTES {
                let path = path.replace("{C}", &encoded);
                let (body, content_type) = if body.starts_with('{') || body.is_empty() {
                    (body.replace("{C}", &escaped), "application/json")
                } else {
                    (body.replace("{C}", &c.to_string()), "text/plain")
                };
                let headers = [
                    ("Authorization", bearer.as_str()),
                    ("Content-Type", content_type),
                ];
                let answer = raw(&base, method, &path, &headers, &body).await;
                assert_eq!(
                    answer.status,
                    400,
                    "{method} {path} with U+{:04X}: {}",
                    u32::from(c),
                    answer.body
                );
                assert!(
                    answer.body.contains("request_invalid")
                        && answer.body.contains(&format!("{field}: CONTROL CHARACTER")),
                    "{method} {path}: {}",
                    answer.body
                );
            }
        }
        assert_eq!(
            app.audit().await.len(),
            entries_before,
            "refused at the edge: nothing reached the service"
        );

        // Tab and line feed are text, not controls: the request goes on to its handler.
        let headers = [("Content-Type", "application/json")];
        let answer = raw(
            &base,
            "POST",
            "/api/v1/sessions",
            &headers,
            r#"{"operator":"OP\t16A","password":"x\n","code":"123456","terminal":"T16A"}"#,
        )
        .await;
        assert!(
            !answer.body.contains("CONTROL CHARACTER"),
            "{}",
            answer.body
        );
        assert!(!answer.body.contains("request_invalid"), "{}", answer.body);
        assert!(answer.status < 500, "{}", answer.body);
    }
}

#[tokio::test]
async fn the_edge_reads_no_more_of_a_body_than_its_route_accepts() {
    for db in leads_testkit::backends().await {
        let app = leads_testkit::TestApp::start(db).await;
        let base = spawn(&app).await;
        let headers = [("Content-Type", "application/json")];
        let small_route = "A".repeat(leads_web::BODY_LIMIT + 1);
        let answer = raw(&base, "POST", "/api/v1/oversight", &headers, &small_route).await;
        assert_eq!(answer.status, 413, "{}", answer.body);
        assert!(answer.body.contains("request_too_large"), "{}", answer.body);
        // A message may be larger: it carries pictures.
        let message = format!("QW.IL0160000.NAM/{}", "A".repeat(leads_web::BODY_LIMIT));
        let answer = raw(
            &base,
            "POST",
            "/api/v1/messages",
            &[("Content-Type", "text/plain")],
            &message,
        )
        .await;
        assert_ne!(answer.status, 413, "{}", answer.body);
    }
}
