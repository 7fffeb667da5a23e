//! What a CAD/RMS integrator tripped on: JSON takes ISO 8601 dates while formatted text keeps
//! `ccyymmdd`, and a JSON body that cannot be read is told in the catalogue's words — the field
//! and what is wrong — never the deserializer's message; on every backend.

use leads_domain::files::FileKind;
use leads_message::examples;
use leads_testkit::{TestApp, backends};
use serde_json::{Value, json};

use crate::support::spawn;

async fn post(base: &str, token: &str, path: &str, body: &str) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{base}{path}"))
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn json_dates_may_be_iso_8601_and_formatted_text_keeps_ccyymmdd() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let base = spawn(&app).await;
        let token = app.token("OP16A", "T16A").await;
        let entered = app.send(&token, &examples::entry(FileKind::Wanted)).await;
        assert_eq!(entered.code, "entered");

        let inquiry = json!({
            "key": "QW", "ori": "IL0160000",
            "fields": {"NAM": "DOE, JOHN", "SEX": "M", "DOB": "1980-01-15", "PUR": "C", "CAS": "2026-1"}
        });
        let (status, reply) =
            post(&base, &token, "/api/v1/transactions", &inquiry.to_string()).await;
        assert_eq!(
            (status, reply["code"].as_str()),
            (200, Some("hit")),
            "{reply}"
        );

        let text = app
            .send(
                &token,
                "QW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/1980-01-15.PUR/C.CAS/2026-1",
            )
            .await;
        assert_eq!(text.code, "field_edit", "formatted text keeps ccyymmdd");
        assert!(
            text.message.starts_with("DOB/1980-01-15"),
            "{}",
            text.message
        );

        let admin = app.token("ADMIN1", "T10A").await;
        let connection = json!({
            "command": "request_connection", "ori": "IL0160000",
            "received_on": "2026-11-01", "desired_on": "2027-03-01",
            "equipment": "MOBILE DATA TERMINALS", "vendor": "ACME CAD",
            "vendor_previously_connected": false
        });
        let (status, reply) = post(&base, &admin, "/api/v1/admin", &connection.to_string()).await;
        assert_eq!(
            (status, reply["code"].as_str()),
            (200, Some("admin_done")),
            "{reply}"
        );
    }
}

#[tokio::test]
async fn a_json_error_names_the_field_in_the_catalogue_s_words() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        app.seed_sos().await;
        let base = spawn(&app).await;
        let token = app.token("OP16A", "T16A").await;
        let cases = [
            (
                "/api/v1/transactions",
                json!({"key": "QW", "ori": "IL0160000", "fields": {"DOB": 19_800_115}}).to_string(),
                "FIELDS.DOB INVALID TYPE",
            ),
            (
                "/api/v1/transactions",
                json!({"key": "QW", "fields": {}}).to_string(),
                "ORI MISSING",
            ),
            (
                "/api/v1/sos/images",
                json!({"holder": {"dln": "S123-4567-8901", "colour": "blue"}, "subject_role": "suspect"}).to_string(),
                "HOLDER.COLOUR NOT ALLOWED - THE FIELDS ARE DLN, NAME, DOB, SEX",
            ),
            (
                "/api/v1/admin",
                json!({"command": "fly_to_the_moon"}).to_string(),
                "COMMAND/FLY_TO_THE_MOON INVALID CODE - EXPECTED ONE OF REGISTER_AGENCY",
            ),
            (
                "/api/v1/admin",
                json!({"command": "request_connection", "ori": "IL0160000", "received_on": "2026-13-01",
                       "desired_on": "20270301", "equipment": "X", "vendor": "Y",
                       "vendor_previously_connected": false}).to_string(),
                "RECEIVED_ON/2026-13-01 INVALID DATE",
            ),
            ("/api/v1/transactions", "{\"key\": \"QW\",".to_owned(), "THE BODY IS NOT VALID JSON (LINE 1, COLUMN 13)"),
        ];
        for (path, body, said) in cases {
            let (status, reply) = post(&base, &token, path, &body).await;
            let message = reply["message"].as_str().unwrap_or_default();
            assert_eq!(status, 400, "{path} {body}: {reply}");
            assert_eq!(reply["code"], "request_invalid", "{reply}");
            assert!(message.starts_with(said), "{body}: {message}");
            for raw in [
                "Failed to",
                "deserialize",
                "invalid type:",
                "expected one of `",
            ] {
                assert!(
                    !message.contains(raw),
                    "a deserializer's message reached the client: {message}"
                );
            }
        }
    }
}
