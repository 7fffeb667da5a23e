//! Secondary dissemination records on every backend: who received what, for which case,
//! verified how (S3, D1), kept in the audit log and visible in reports.

use leads_app::{AuditQuery, DisseminationFields};
use leads_domain::files::{Action, FileKind};
use leads_domain::reply::{Outcome, Reply};
use leads_message::examples;
use leads_testkit::{TestApp, backends};

fn to(record: &str, recipient_ori: &str) -> DisseminationFields {
    DisseminationFields {
        record: format!("LRN/{record}"),
        recipient_ori: Some(recipient_ori.into()),
        recipient_agency: None,
        recipient_person: "SGT R MILLER".into(),
        purpose: "C".into(),
        case_number: "2026-555".into(),
        verification: None,
    }
}

async fn disseminate(app: &TestApp, token: &str, fields: DisseminationFields) -> Reply {
    app.service.disseminate(token, fields, None).await.unwrap()
}

/// Springfield enters a wanted person; returns its record number.
async fn entered(app: &TestApp) -> String {
    let token = app.token("OP16A", "T16A").await;
    let reply = app.send(&token, &examples::entry(FileKind::Wanted)).await;
    reply.records[0].lrn().to_string()
}

#[tokio::test]
async fn s3_a_dissemination_to_an_active_leads_agency_is_recorded_and_reported() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let lrn = entered(&app).await;
        let owner = app.token("OP16A", "T16A").await;
        let reply = disseminate(&app, &owner, to(&lrn, "IL0840000")).await;
        assert_eq!(
            (reply.outcome, reply.code.name()),
            (Outcome::Accepted, "disseminated"),
            "{}",
            reply.message
        );
        let verification = "VER/LEADS DIRECTORY: IL0840000 ACTIVE CRIMINAL JUSTICE AGENCY";
        assert!(reply.message.ends_with(verification), "{}", reply.message);

        let entry = app.audit().await.pop().unwrap().entry;
        assert_eq!(
            (
                entry.event.as_str(),
                entry.key.as_deref(),
                entry.outcome.as_str()
            ),
            ("dissemination", Some("DSM"), "accepted")
        );
        assert_eq!(entry.records, std::slice::from_ref(&lrn));
        assert_eq!(entry.case_number.as_deref(), Some("2026-555"));
        assert_eq!(entry.purpose.as_deref(), Some("C"));
        assert_eq!(
            entry.detail,
            format!(
                "RCO/IL0840000 RAG/PEORIA COUNTY SHERIFF RPN/SGT R MILLER PUR/C CAS/2026-555 {verification}"
            )
        );

        // The Department's auditor finds it by event and by record.
        let auditor = app.token("AUD1", "T10A").await;
        for query in [
            AuditQuery {
                event: Some("dissemination".into()),
                ..AuditQuery::default()
            },
            AuditQuery {
                record: Some(lrn.clone()),
                event: Some("dissemination".into()),
                ..AuditQuery::default()
            },
        ] {
            let report = app
                .service
                .audit_report(&auditor, query, 10, None)
                .await
                .unwrap();
            assert_eq!(report.entries.len(), 1);
            assert_eq!(report.entries[0].entry.operation_id, reply.operation_id);
        }
    }
}

#[tokio::test]
async fn d1_an_agency_passes_on_only_a_record_it_received_through_leads() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let lrn = entered(&app).await;
        let peoria = app.token("OP84A", "T84A").await;
        let refused = disseminate(&app, &peoria, to(&lrn, "IL1000000")).await;
        assert_eq!(
            (refused.outcome, refused.code.name()),
            (Outcome::Refused, "rule_refused")
        );
        assert_eq!(refused.reasons[0].rule, "D1");
        assert!(
            refused.message.contains("HAS NOT RECEIVED"),
            "{}",
            refused.message
        );
        let entry = app.audit().await.pop().unwrap().entry;
        assert_eq!(
            (entry.event.as_str(), entry.outcome.as_str()),
            ("dissemination", "refused")
        );
        assert_eq!(entry.rules, ["D1"]);

        let hit = app
            .send(
                &peoria,
                &examples::message(FileKind::Wanted, Action::Query, "IL0840000"),
            )
            .await;
        assert_eq!(hit.code, "hit");
        let accepted = disseminate(&app, &peoria, to(&lrn, "IL1000000")).await;
        assert_eq!(accepted.outcome, Outcome::Accepted, "{}", accepted.message);
    }
}

#[tokio::test]
async fn s3_the_recipient_must_be_verified() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let lrn = entered(&app).await;
        let owner = app.token("OP16A", "T16A").await;
        for (recipient, why) in [
            ("IL0990000", "IS NOT AN ACTIVE LEADS AGENCY"),
            ("IL0160000", "THE RECIPIENT IS THE OWN AGENCY"),
            ("WI0130000", "RECIPIENT NOT IN THE LEADS DIRECTORY"),
        ] {
            let refused = disseminate(&app, &owner, to(&lrn, recipient)).await;
            assert_eq!(refused.outcome, Outcome::Refused, "{recipient}");
            assert_eq!(refused.reasons[0].rule, "S3", "{recipient}");
            assert!(
                refused.message.contains(why),
                "{recipient}: {}",
                refused.message
            );
        }
        let mut out_of_state = to(&lrn, "WI0130000");
        out_of_state.recipient_agency = Some("MILWAUKEE POLICE DEPARTMENT".into());
        out_of_state.verification = Some("NLETS ORI LOOKUP CONFIRMED LAW ENFORCEMENT".into());
        let accepted = disseminate(&app, &owner, out_of_state).await;
        assert_eq!(accepted.outcome, Outcome::Accepted, "{}", accepted.message);
        let entry = app.audit().await.pop().unwrap().entry;
        assert!(
            entry
                .detail
                .ends_with("VER/NLETS ORI LOOKUP CONFIRMED LAW ENFORCEMENT"),
            "{}",
            entry.detail
        );
    }
}

#[tokio::test]
async fn bad_dissemination_fields_are_named_and_audited() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let lrn = entered(&app).await;
        let owner = app.token("OP16A", "T16A").await;
        let mut bad_purpose = to(&lrn, "IL0840000");
        bad_purpose.purpose = "Q".into();
        let rejected = disseminate(&app, &owner, bad_purpose).await;
        assert_eq!(
            (rejected.outcome, rejected.code.name()),
            (Outcome::Rejected, "field_edit")
        );
        assert_eq!(rejected.message, "PUR/Q INVALID CODE");
        let mut no_case = to(&lrn, "IL0840000");
        no_case.case_number = String::new();
        let rejected = disseminate(&app, &owner, no_case).await;
        assert_eq!(
            (rejected.code.name(), rejected.message.as_str()),
            ("field_missing", "CAS/ MISSING DATA")
        );
        let unknown = disseminate(&app, &owner, to("W2699999", "IL0840000")).await;
        assert_eq!(unknown.code, "record_not_found");
        let log = app.audit().await;
        let last: Vec<_> = log[log.len() - 3..]
            .iter()
            .map(|e| {
                (
                    e.entry.event.clone(),
                    e.entry.outcome.clone(),
                    e.entry.code.clone(),
                )
            })
            .collect();
        assert_eq!(
            last,
            [
                (
                    "dissemination".into(),
                    "rejected".into(),
                    "field_edit".into()
                ),
                (
                    "dissemination".into(),
                    "rejected".into(),
                    "field_missing".into()
                ),
                (
                    "dissemination".into(),
                    "rejected".into(),
                    "record_not_found".into()
                ),
            ]
        );
    }
}

#[tokio::test]
async fn an_auditor_cannot_record_a_dissemination() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let lrn = entered(&app).await;
        let auditor = app.token("AUD1", "T10A").await;
        let refused = disseminate(&app, &auditor, to(&lrn, "IL0840000")).await;
        assert_eq!(
            (refused.outcome, refused.code.name()),
            (Outcome::Refused, "not_authorized")
        );
    }
}
