//! The HTTP API through a real socket with the real client, on every backend.

use std::collections::BTreeMap;

use leads_api_types::{FieldValues, SignInRequest, TransactionRequest};
use leads_client::{Client, ClientError};
use leads_domain::files::{Action, FileKind};
use leads_message::examples::{self, EXAMPLE_ORI};
use leads_testkit::{PASSWORD, TestApp, backends};

use crate::support::{signed_in, spawn};

const OTHER_ORI: &str = "IL0840000";

#[tokio::test]
async fn every_message_type_of_every_file_works_over_http() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let base = spawn(&app).await;
        let own = signed_in(&app, &base, "OP16A", "T16A").await;
        let other = signed_in(&app, &base, "OP84A", "T84A").await;
        for file in FileKind::all() {
            let entered = own.send_json(&examples::entry(file)).await.unwrap();
            assert_eq!(
                (entered.outcome.as_str(), entered.code.as_str()),
                ("accepted", "entered"),
                "{file}"
            );
            let record = &entered.records[0];
            let number = match &record.nic {
                Some(nic) => format!("NIC/{nic}"),
                None => format!("LRN/{}", record.lrn),
            };
            let steps = [
                (
                    &other,
                    examples::message(file, Action::Query, OTHER_ORI),
                    "hit",
                ),
                (
                    &own,
                    examples::message(file, Action::Modify, EXAMPLE_ORI),
                    "modified",
                ),
                (
                    &other,
                    examples::locate(file, OTHER_ORI, &number),
                    "located",
                ),
                (
                    &own,
                    examples::message(file, Action::Clear, EXAMPLE_ORI),
                    "cleared",
                ),
                (&own, examples::entry(file), "entered"),
                (
                    &own,
                    examples::message(file, Action::Cancel, EXAMPLE_ORI),
                    "cancelled",
                ),
                (
                    &other,
                    examples::message(file, Action::Query, OTHER_ORI),
                    "no_hit",
                ),
            ];
            for (client, text, code) in steps {
                let reply = client.send_text(&text).await.unwrap();
                assert_eq!(reply.status, 200, "{text}\n{}", reply.text);
                let first = reply
                    .text
                    .lines()
                    .find(|l| !l.starts_with("*****"))
                    .unwrap();
                assert!(
                    first.starts_with(text.split('.').next().unwrap()),
                    "{first}"
                );
                let audit = app.audit().await;
                let last = &audit.last().unwrap().entry;
                assert_eq!(last.code, code, "{text}");
                assert_eq!(
                    reply.operation_id.as_deref(),
                    Some(last.operation_id.as_str())
                );
            }
        }
    }
}

#[tokio::test]
async fn json_transactions_take_the_same_path_and_list_cautions_first() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let base = spawn(&app).await;
        let own = signed_in(&app, &base, "OP16A", "T16A").await;
        let raw = leads_message::parse_raw(&examples::entry(FileKind::Wanted)).unwrap();
        let mut fields: BTreeMap<String, FieldValues> = raw
            .fields
            .iter()
            .map(|f| (f.tag.clone(), FieldValues::One(f.value.clone())))
            .collect();
        fields.insert(
            "CMC".into(),
            FieldValues::Many(vec!["80".into(), "00".into()]),
        );
        let entry = TransactionRequest {
            key: "EW".into(),
            ori: EXAMPLE_ORI.into(),
            destinations: vec![],
            fields,
            image_base64: None,
        };
        let reply = own.transaction(&entry).await.unwrap();
        assert_eq!(reply.code, "entered", "{}", reply.message);

        let query = TransactionRequest {
            key: "QW".into(),
            ori: EXAMPLE_ORI.into(),
            destinations: vec![],
            fields: [
                ("NAM", "DOE, JOHN"),
                ("SEX", "M"),
                ("DOB", "19800115"),
                ("PUR", "C"),
                ("CAS", "2026-1"),
            ]
            .into_iter()
            .map(|(t, v)| (t.to_owned(), FieldValues::One(v.to_owned())))
            .collect(),
            image_base64: None,
        };
        let hit = own.transaction(&query).await.unwrap();
        assert_eq!(hit.code, "hit");
        let cautions: Vec<&str> = hit.records[0]
            .cautions
            .iter()
            .map(|c| c.code.as_str())
            .collect();
        assert_eq!(cautions, ["00", "80"]);
        assert!(hit.records[0].cautions[0].officer_safety);
        assert!(hit.text.starts_with("***** CAUTION"), "{}", hit.text);

        let mut bad = query.clone();
        bad.fields.remove("PUR");
        let refused = own.transaction(&bad).await.unwrap();
        assert_eq!(
            (refused.outcome.as_str(), refused.code.as_str()),
            ("refused", "rule_refused")
        );
        assert_eq!(refused.reasons[0].rule, "D1");
    }
}

#[tokio::test]
async fn errors_have_stable_codes_and_statuses() {
    let app = TestApp::start(leads_testkit::TestDb::sqlite()).await;
    let base = spawn(&app).await;
    let anonymous = Client::new(&base);
    assert!(anonymous.health().await.unwrap());
    let metrics = reqwest_get(&base, "/metrics").await;
    assert!(
        metrics.contains("\nleads_audit_write_failures_total "),
        "{metrics}"
    );

    let wrong = SignInRequest {
        operator: "OP16A".into(),
        password: "wrong".into(),
        code: app.code(),
        terminal: "T16A".into(),
        accept_banner: true,
    };
    match anonymous.sign_in(&wrong).await {
        Err(ClientError::Api { status: 401, body }) => {
            assert_eq!(body.code, "auth_invalid_credentials")
        }
        other => panic!("{other:?}"),
    }
    match anonymous.send_text("QW.IL0160000.NAM/DOE, JOHN").await {
        Err(ClientError::Api { status: 401, body }) => assert_eq!(body.code, "auth_required"),
        other => panic!("{other:?}"),
    }

    let own = signed_in(&app, &base, "OP16A", "T16A").await;
    let edit = own
        .send_text(&examples::entry(FileKind::Wanted).replace("19800115", "19991340"))
        .await
        .unwrap();
    assert_eq!(edit.status, 422);
    assert!(
        edit.text
            .starts_with("REJECT EW.IL0160000 DOB/19991340 INVALID DATE\n"),
        "{}",
        edit.text
    );

    assert_eq!(
        own.send_text(&examples::entry(FileKind::Gun))
            .await
            .unwrap()
            .status,
        200
    );
    let duplicate = own
        .send_json(&examples::entry(FileKind::Gun))
        .await
        .unwrap();
    assert_eq!(duplicate.code, "reject_on_file");
    assert_eq!(duplicate.records.len(), 1);

    let refused = own
        .send_text(&examples::message(FileKind::Gun, Action::Query, OTHER_ORI))
        .await
        .unwrap();
    assert_eq!(refused.status, 403);
    assert!(
        refused
            .text
            .contains("RULE S3 - 20 Ill. Adm. Code 1240.50(b)(4)"),
        "{}",
        refused.text
    );

    let http = reqwest_like(&base).await;
    assert_eq!(http.0, 400, "malformed JSON: {}", http.1);
    let oversize = own
        .send_text(&"A".repeat(leads_web::MESSAGE_BODY_LIMIT + 1))
        .await;
    match oversize {
        Err(ClientError::Api { status: 413, body }) => assert_eq!(body.code, "request_too_large"),
        other => panic!("{other:?}"),
    }

    own.sign_out().await.unwrap();
    assert!(matches!(
        own.send_text("QW.IL0160000.SOC/219099999").await,
        Err(ClientError::Api { status: 401, .. })
    ));
}

/// Posts a malformed JSON body (the typed client cannot send one).
async fn reqwest_like(base: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let body = "{\"operator\": ";
    let request = format!(
        "POST /api/v1/sessions HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let status = response.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, response)
}

#[tokio::test]
async fn the_banner_is_public_and_must_be_accepted_over_http() {
    let app = TestApp::start(leads_testkit::TestDb::sqlite()).await;
    let base = spawn(&app).await;
    let banner = Client::new(&base).banner().await.unwrap();
    assert!(
        banner.contains("UNAUTHORIZED OR IMPROPER USE IS PROHIBITED"),
        "{banner}"
    );
    let request = SignInRequest {
        operator: "OP16A".into(),
        password: PASSWORD.into(),
        code: app.code(),
        terminal: "T16A".into(),
        accept_banner: false,
    };
    let session = Client::new(&base).sign_in(&request).await.unwrap();
    assert!(!session.banner_accepted);
    let client = Client::new(&base).with_token(session.token);
    let query = examples::message(FileKind::Gun, Action::Query, EXAMPLE_ORI);
    match client.send_text(&query).await {
        Err(ClientError::Api { status: 403, body }) => {
            assert_eq!(body.code, "auth_banner_required")
        }
        other => panic!("{other:?}"),
    }
    client.accept_banner().await.unwrap();
    assert_eq!(client.send_text(&query).await.unwrap().status, 200);
}

#[tokio::test]
async fn administrative_commands_over_http_take_effect_in_the_switch() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let base = spawn(&app).await;
        let admin = signed_in(&app, &base, "ADMIN1", "T10A").await;
        let operator = signed_in(&app, &base, "OP16A", "T16A").await;
        let suspend = serde_json::json!({
            "command": "suspend_service",
            "ori": "IL0160000",
            "scope": { "only": "gun" },
            "reference": "SANCTION 2026-21",
            "reason": "MAJOR VIOLATION",
        });
        let reply = admin.admin(&suspend).await.unwrap();
        assert_eq!(reply.code, "admin_done", "{}", reply.message);
        assert_eq!(
            reply.data["agency"]["suspensions"][0]["reference"],
            "SANCTION 2026-21"
        );
        let refused = operator
            .send_json(&examples::message(
                FileKind::Gun,
                Action::Query,
                EXAMPLE_ORI,
            ))
            .await
            .unwrap();
        assert_eq!(
            (refused.code.as_str(), refused.reasons[0].rule.as_str()),
            ("not_authorized", "O3")
        );
        let by_operator = operator
            .admin(&serde_json::json!({"command": "list_agencies"}))
            .await
            .unwrap();
        assert_eq!(
            (
                by_operator.outcome.as_str(),
                by_operator.reasons[0].rule.as_str()
            ),
            ("refused", "administrator-administers")
        );
        match admin
            .admin(&serde_json::json!({"command": "no_such_command"}))
            .await
        {
            Err(ClientError::Api { status: 400, body }) => {
                assert_eq!(body.code, "request_invalid");
                assert!(
                    body.message.starts_with(
                        "COMMAND/NO_SUCH_COMMAND INVALID CODE - EXPECTED ONE OF REGISTER_AGENCY"
                    ),
                    "{}",
                    body.message
                );
            }
            other => panic!("{other:?}"),
        }
    }
}

/// A plain GET (the typed client has no call for the metrics page).
async fn reqwest_get(base: &str, path: &str) -> String {
    raw_get(base, path, "").await
}

/// A GET with a bearer token (when not empty), answered as the raw HTTP response.
async fn raw_get(base: &str, path: &str, token: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let authorization = if token.is_empty() {
        String::new()
    } else {
        format!("Authorization: Bearer {token}\r\n")
    };
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {address}\r\n{authorization}Connection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response
}

#[tokio::test]
async fn audit_reports_over_http_as_json_and_csv_by_role() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let base = spawn(&app).await;
        let own = signed_in(&app, &base, "OP16A", "T16A").await;
        own.send_json(&examples::message(
            FileKind::Wanted,
            Action::Query,
            EXAMPLE_ORI,
        ))
        .await
        .unwrap();
        let other = signed_in(&app, &base, "OP84A", "T84A").await;
        other
            .send_json(&examples::message(
                FileKind::Wanted,
                Action::Query,
                OTHER_ORI,
            ))
            .await
            .unwrap();
        let criteria = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect()
        };
        let subject = criteria(&[("subject", "NAM/DOE, JOHN"), ("event", "transaction")]);

        let auditor = signed_in(&app, &base, "AUD1", "T10A").await;
        let report = auditor.audit_report(&subject).await.unwrap();
        assert_eq!(
            (report.outcome.as_str(), report.code.as_str()),
            ("accepted", "audit_report")
        );
        let who: Vec<_> = report
            .entries
            .iter()
            .map(|e| e.operator.clone().unwrap())
            .collect();
        assert_eq!(who, ["OP16A", "OP84A"]);
        assert_eq!(report.criteria, "event=transaction subject=NAM/DOE, JOHN");

        let csv = auditor.audit_report_csv(&subject).await.unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3, "{csv}");
        assert!(lines[0].starts_with("seq,at,operation_id,event,operator"));
        assert!(
            lines[1].contains(",OP16A,T16A,IL0160000,QW,"),
            "{}",
            lines[1]
        );
        assert!(
            lines[1].contains("\"NAM/DOE, JOHN SEX/M DOB/19800115\""),
            "{}",
            lines[1]
        );

        // The coordinator sees the own agency only; asking for another is refused with T1.
        let coordinator = signed_in(&app, &base, "CO16", "T16A").await;
        let own_agency = coordinator.audit_report(&subject).await.unwrap();
        let who: Vec<_> = own_agency
            .entries
            .iter()
            .map(|e| e.operator.clone().unwrap())
            .collect();
        assert_eq!(who, ["OP16A"]);
        let mut elsewhere = subject.clone();
        elsewhere.push(("ori".into(), OTHER_ORI.into()));
        let refused = coordinator.audit_report(&elsewhere).await.unwrap();
        assert_eq!(
            (refused.outcome.as_str(), refused.code.as_str()),
            ("refused", "not_authorized")
        );
        assert_eq!(refused.reasons[0].rule, "T1");
        match coordinator.audit_report_csv(&elsewhere).await {
            Err(ClientError::Api { status, body }) => {
                assert_eq!((status, body.code.as_str()), (403, "not_authorized"));
            }
            other => panic!("{other:?}"),
        }

        // An operator reads nothing; a malformed criterion names itself.
        let refused = own.audit_report(&subject).await.unwrap();
        assert_eq!(refused.outcome, "refused");
        match auditor
            .audit_report(&criteria(&[("from", "last tuesday")]))
            .await
        {
            Err(ClientError::Api { status, body }) => {
                assert_eq!((status, body.code.as_str()), (422, "invalid_request"));
                assert!(
                    body.message.starts_with("from=last tuesday"),
                    "{}",
                    body.message
                );
            }
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn the_misuse_review_queue_over_http() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let base = spawn(&app).await;
        // Monday 2026-11-23 15:00 UTC: an operator looks up the own name.
        app.clock.set(leads_domain::clock::Timestamp::from_micros(
            1_795_446_000_000_000,
        ));
        let operator = signed_in(&app, &base, "OP16A", "T16A").await;
        operator
            .send_json("QW.IL0160000.NAM/ALVAREZ, PAT.SEX/M.DOB/19850312.PUR/C.CAS/2026-777")
            .await
            .unwrap();
        // The next Tuesday the week is reviewed.
        app.clock.set(leads_domain::clock::Timestamp::from_micros(
            1_796_126_400_000_000,
        ));
        let run = app.service.run_misuse_review().await.unwrap().unwrap();
        assert!(!run.flags.is_empty());

        let coordinator = signed_in(&app, &base, "CO16", "T16A").await;
        let queue = coordinator.misuse_flags(&[]).await.unwrap();
        assert_eq!(
            (queue.outcome.as_str(), queue.code.as_str()),
            ("accepted", "misuse_flags")
        );
        let own = queue.flags.iter().find(|f| f.kind == "own_record").unwrap();
        assert_eq!(
            (own.operator.as_str(), own.disposition.as_ref()),
            ("OP16A", None)
        );
        let request = leads_api_types::DispositionRequest {
            decision: "violation".into(),
            note: "personal lookup admitted in interview".into(),
        };
        let done = coordinator.dispose_flag(own.id, &request).await.unwrap();
        assert_eq!(done.code, "flag_disposed");
        assert_eq!(
            done.flags[0].disposition.as_ref().unwrap().decision,
            "violation"
        );
        match coordinator.dispose_flag(own.id, &request).await {
            Ok(reply) => assert_eq!(reply.code, "flag_already_disposed"),
            Err(other) => panic!("{other:?}"),
        }
        let open = coordinator.misuse_flags(&[]).await.unwrap();
        assert!(
            open.flags.iter().all(|f| f.id != own.id),
            "disposed flags leave the open queue"
        );
        let all = coordinator
            .misuse_flags(&[("status".into(), "all".into())])
            .await
            .unwrap();
        assert!(all.flags.iter().any(|f| f.id == own.id));
        let operator = signed_in(&app, &base, "OP16B", "T16A").await;
        let refused = operator.misuse_flags(&[]).await.unwrap();
        assert_eq!(refused.code, "not_authorized");
    }
}

#[tokio::test]
async fn i1_json_image_transactions_carry_the_picture_in_base64() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let base = spawn(&app).await;
        let own = signed_in(&app, &base, "OP16A", "T16A").await;
        let reply = app
            .send(
                &app.token("OP16A", "T16A").await,
                &examples::entry(FileKind::SexOffender),
            )
            .await;
        let lrn = reply.records[0].lrn().to_string();
        let portrait = leads_imaging::synthetic_portrait(3).unwrap();
        let request =
            |key: &str, fields: &[(&str, &str)], image: Option<String>| TransactionRequest {
                key: key.into(),
                ori: EXAMPLE_ORI.into(),
                destinations: vec![],
                fields: fields
                    .iter()
                    .map(|(t, v)| ((*t).to_owned(), FieldValues::One((*v).to_owned())))
                    .collect(),
                image_base64: image,
            };
        let entered = own
            .transaction(&request(
                "EIM",
                &[("LRN", &lrn), ("IMT", "M"), ("DOI", "20261120")],
                Some(data_encoding::BASE64.encode(&portrait)),
            ))
            .await
            .unwrap();
        assert_eq!(entered.code, "image_entered", "{}", entered.message);
        let imn = entered.images[0].imn.clone();
        assert!(entered.images[0].nic.is_some());
        let got = own
            .transaction(&request(
                "QIM",
                &[("IMN", &imn), ("PUR", "C"), ("CAS", "2026-1")],
                None,
            ))
            .await
            .unwrap();
        assert_eq!(got.code, "image", "{}", got.message);
        let jpeg = data_encoding::BASE64
            .decode(got.images[0].image_base64.as_ref().unwrap().as_bytes())
            .unwrap();
        assert!(jpeg.starts_with(&[0xFF, 0xD8, 0xFF]));
        assert!(
            got.text.contains("IMG/"),
            "the terminal text carries the picture too"
        );
        // Not base64: refused before the pipeline, with a precise message.
        let bad = own
            .transaction(&request(
                "EIM",
                &[("LRN", &lrn), ("IMT", "M"), ("DOI", "20261120")],
                Some("***".into()),
            ))
            .await
            .unwrap_err()
            .to_string();
        assert!(bad.contains("IMAGE_BASE64 IS NOT BASE64"), "{bad}");

        // The due list (I3): the new photo is due in a year, so only the other agency's view
        // is asked for here, and refused with the rule cited.
        let due = own.photos_due(None).await.unwrap();
        assert_eq!(
            (due.code.as_str(), due.ori.as_deref()),
            ("photos_due", Some("IL0160000"))
        );
        let other = own.photos_due(Some("IL0840000")).await.unwrap();
        assert_eq!(other.code, "not_authorized");
        assert_eq!(other.reasons[0].rule, "D1");
        let token = app.token("OP16A", "T16A").await;
        let raw = raw_get(&base, "/api/v1/images/due?ori=IL0840000", &token).await;
        assert!(raw.starts_with("HTTP/1.1 403"), "{raw}");
    }
}

#[tokio::test]
async fn h4_h7_lifecycle_over_http_verification_mailbox_and_compliance() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let base = spawn(&app).await;
        let entering = signed_in(&app, &base, "OP16A", "T16A").await;
        let reply = entering
            .send_json(&examples::entry(FileKind::Vehicle))
            .await
            .unwrap();
        let lrn = reply.records[0].lrn.clone();

        let open = entering.compliance(None).await.unwrap();
        assert_eq!(open.code, "compliance");
        assert_eq!(
            open.items.len(),
            2,
            "the second-party check, then the validation"
        );
        assert_eq!(
            (open.items[0].rule.as_str(), open.items[0].subject.as_str()),
            ("H4", lrn.as_str())
        );
        assert!(!open.items[0].overdue);

        let own = entering
            .verify_record(&lrn, "VIN AND PLATE CHECKED AGAINST THE REPORT")
            .await
            .unwrap();
        assert_eq!(own.code, "rule_refused");
        assert_eq!(own.reasons[0].rule, "H4");
        let token = app.token("OP16A", "T16A").await;
        let raw = raw_get(&base, "/api/v1/compliance?ori=IL0840000", &token).await;
        assert!(raw.starts_with("HTTP/1.1 403"), "{raw}");

        let second = signed_in(&app, &base, "OP16B", "T16A").await;
        let done = second
            .verify_record(&lrn, "VIN AND PLATE CHECKED AGAINST THE REPORT")
            .await
            .unwrap();
        assert_eq!(done.code, "record_verified", "{}", done.message);
        assert_eq!(done.items[0].operator, "OP16B");
        let left = entering.compliance(None).await.unwrap();
        assert_eq!(left.items.len(), 1);
        assert_eq!(left.items[0].rule, "H8");
        let overview = entering.compliance_overview(None).await.unwrap();
        assert_eq!(overview.code, "compliance_overview", "{}", overview.message);
        assert_eq!(overview.items[0].deadlines.len(), 1);
        assert!(overview.items[0].late_entries.is_empty());
        let all = entering.compliance_overview(Some("ALL")).await.unwrap();
        assert_eq!(
            all.outcome, "refused",
            "an operator sees the own agency only"
        );

        // A locate by another agency lands in the owner's queue; the owner acknowledges it.
        let peoria = signed_in(&app, &base, "OP84A", "T84A").await;
        let locate = examples::locate(FileKind::Vehicle, "IL0840000", &format!("LRN/{lrn}"));
        assert_eq!(peoria.send_json(&locate).await.unwrap().code, "located");
        let queue = entering.mailbox(None, true).await.unwrap();
        assert_eq!(queue.items.len(), 1);
        assert_eq!(queue.items[0].kind, "located_record");
        let acked = entering.acknowledge(queue.items[0].id, None).await.unwrap();
        assert_eq!(acked.code, "message_acknowledged");
        let again = entering.acknowledge(queue.items[0].id, None).await.unwrap();
        assert_eq!(again.code, "message_not_found");
        assert!(entering.mailbox(None, true).await.unwrap().items.is_empty());
    }
}
