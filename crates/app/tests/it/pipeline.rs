//! The transaction pipeline, run on every backend: each file's six transactions, the rules the
//! spine enforces, refusals that leave the files unchanged, and an audit entry for everything.

use leads_app::Input;
use leads_domain::clock::Clock;
use leads_domain::files::{Action, FileKind};
use leads_domain::reply::{Outcome, Reply};
use leads_message::examples::{self, EXAMPLE_ORI};
use leads_message::{MAX_MESSAGE_LEN, RawField, RawMessage};
use leads_store::Store;
use leads_testkit::{TestApp, backends};

const OTHER_ORI: &str = "IL0840000";

async fn apps() -> Vec<TestApp> {
    let mut apps = Vec::new();
    for db in backends().await {
        apps.push(TestApp::start(db).await);
    }
    apps
}

fn number(reply: &Reply) -> String {
    let record = &reply.records[0];
    match record.nic() {
        Some(nic) => format!("NIC/{nic}"),
        None => format!("LRN/{}", record.lrn()),
    }
}

fn assert_accepted(reply: &Reply, code: &str) {
    assert_eq!(
        reply.outcome,
        Outcome::Accepted,
        "{}: {}",
        reply.code,
        reply.message
    );
    assert_eq!(reply.code, code, "{}", reply.message);
}

#[tokio::test]
async fn every_file_supports_all_six_transactions() {
    for app in apps().await {
        let own = app.token("OP16A", "T16A").await;
        let other = app.token("OP84A", "T84A").await;
        for file in FileKind::all() {
            let entered = app.send(&own, &examples::entry(file)).await;
            assert_accepted(&entered, "entered");
            let record = &entered.records[0];
            assert_eq!(record.nic().is_some(), file != FileKind::Voay, "{file}");

            let hit = app
                .send(&other, &examples::message(file, Action::Query, OTHER_ORI))
                .await;
            assert_accepted(&hit, "hit");
            assert!(
                hit.records.iter().any(|r| r.lrn() == record.lrn()),
                "{file}"
            );

            let modified = app
                .send(&own, &examples::message(file, Action::Modify, EXAMPLE_ORI))
                .await;
            assert_accepted(&modified, "modified");

            let located = app
                .send(
                    &other,
                    &examples::locate(file, OTHER_ORI, &number(&entered)),
                )
                .await;
            assert_accepted(&located, "located");
            assert_eq!(located.records[0].status().name(), "located");

            let cleared = app
                .send(&own, &examples::message(file, Action::Clear, EXAMPLE_ORI))
                .await;
            assert_accepted(&cleared, "cleared");

            let gone = app
                .send(&other, &examples::message(file, Action::Query, OTHER_ORI))
                .await;
            assert_accepted(&gone, "no_hit");

            // Enter again (the cleared record no longer blocks it), then cancel.
            assert_accepted(&app.send(&own, &examples::entry(file)).await, "entered");
            let cancelled = app
                .send(&own, &examples::message(file, Action::Cancel, EXAMPLE_ORI))
                .await;
            assert_accepted(&cancelled, "cancelled");
        }
    }
}

#[tokio::test]
async fn a_duplicate_entry_is_reject_on_file_with_the_existing_record() {
    for app in apps().await {
        let own = app.token("OP16A", "T16A").await;
        let first = app.send(&own, &examples::entry(FileKind::Wanted)).await;
        assert_accepted(&first, "entered");
        let second = app.send(&own, &examples::entry(FileKind::Wanted)).await;
        assert_eq!(second.outcome, Outcome::Rejected);
        assert_eq!(second.code, "reject_on_file");
        assert_eq!(second.message, "REJECT ON FILE");
        assert_eq!(second.records[0].lrn(), first.records[0].lrn());
        // Another agency may enter the same person.
        let other = app.token("OP84A", "T84A").await;
        let theirs = examples::entry(FileKind::Wanted).replacen(EXAMPLE_ORI, OTHER_ORI, 1);
        assert_accepted(&app.send(&other, &theirs).await, "entered");
        assert_eq!(app.store.record_count().await.unwrap(), 2);
    }
}

#[tokio::test]
async fn h2_phone_report_alone_cannot_support_entry() {
    for app in apps().await {
        let own = app.token("OP16A", "T16A").await;
        let text = examples::entry(FileKind::Vehicle).replace("SDC/CMP", "SDC/TEL");
        let reply = app.send(&own, &text).await;
        assert_eq!(reply.outcome, Outcome::Refused);
        assert_eq!(reply.reasons[0].rule, "H2");
        assert_eq!(reply.reasons[0].citation, "20 Ill. Adm. Code 1240.60(a)(2)");
        assert_eq!(app.store.record_count().await.unwrap(), 0);
        let audit = app.audit().await;
        let last = &audit.last().unwrap().entry;
        assert_eq!(last.citations, ["20 Ill. Adm. Code 1240.60(a)(2)"]);
        assert_eq!(
            (last.outcome.as_str(), last.rules.as_slice()),
            ("refused", ["H2".to_owned()].as_slice())
        );
    }
}

#[tokio::test]
async fn d1_inquiry_without_purpose_and_case_is_refused_and_audited() {
    for app in apps().await {
        let own = app.token("OP16A", "T16A").await;
        let reply = app
            .send(&own, "QW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115")
            .await;
        assert_eq!(reply.outcome, Outcome::Refused);
        assert_eq!(reply.reasons[0].rule, "D1");
        let entry = app.audit().await.pop().unwrap().entry;
        assert_eq!(entry.key.as_deref(), Some("QW"));
        assert_eq!(entry.rules, ["D1"]);
        // With both, the inquiry runs and its purpose and case are audited.
        let reply = app
            .send(
                &own,
                &examples::message(FileKind::Wanted, Action::Query, EXAMPLE_ORI),
            )
            .await;
        assert_accepted(&reply, "no_hit");
        let entry = app.audit().await.pop().unwrap().entry;
        assert_eq!(
            (entry.purpose.as_deref(), entry.case_number.as_deref()),
            (Some("C"), Some("2026-555"))
        );
        assert_eq!(entry.detail, "NAM/DOE, JOHN SEX/M DOB/19800115");
    }
}

#[tokio::test]
async fn h7_only_the_entering_agency_modifies_cancels_or_clears() {
    for app in apps().await {
        let own = app.token("OP16A", "T16A").await;
        let other = app.token("OP84A", "T84A").await;
        let entered = app.send(&own, &examples::entry(FileKind::Gun)).await;
        let nic = entered.records[0].nic().unwrap().to_string();
        for text in [
            format!("XG.{OTHER_ORI}.NIC/{nic}.OCA/2026-000127.DOC/20261121.RPS/NOT OURS"),
            format!("CG.{OTHER_ORI}.NIC/{nic}.OCA/2026-000127.DCL/20261121.RPS/NOT OURS"),
            format!("MG.{OTHER_ORI}.NIC/{nic}.OCA/2026-000127.MIS/CHANGED BY OTHERS"),
        ] {
            let reply = app.send(&other, &text).await;
            assert_eq!(reply.outcome, Outcome::Refused, "{text}");
            assert_eq!(reply.reasons[0].rule, "H7");
            assert_eq!(reply.code, "not_authorized");
        }
        let still = app
            .send(
                &other,
                &examples::message(FileKind::Gun, Action::Query, OTHER_ORI),
            )
            .await;
        assert_accepted(&still, "hit");
        assert_eq!(still.records[0].status().name(), "active");
        assert!(
            still.records[0]
                .fields()
                .text(leads_domain::fields::FieldCode::Mis)
                .is_none()
        );
    }
}

#[tokio::test]
async fn h7_the_owner_clears_instead_of_locating() {
    for app in apps().await {
        let own = app.token("OP16A", "T16A").await;
        let entered = app.send(&own, &examples::entry(FileKind::Wanted)).await;
        let reply = app
            .send(
                &own,
                &examples::locate(FileKind::Wanted, EXAMPLE_ORI, &number(&entered)),
            )
            .await;
        assert_eq!(reply.outcome, Outcome::Refused);
        assert_eq!(reply.reasons[0].rule, "H7");
    }
}

#[tokio::test]
async fn h7_cancel_and_clear_record_their_date_and_reason() {
    for app in apps().await {
        let own = app.token("OP16A", "T16A").await;
        let entered = app.send(&own, &examples::entry(FileKind::Article)).await;
        let lrn = entered.records[0].lrn().to_string();
        let early = format!("XA.{EXAMPLE_ORI}.LRN/{lrn}.OCA/2026-000128.DOC/20261101.RPS/ERROR");
        let reply = app.send(&own, &early).await;
        assert_eq!(reply.message, "DOC/20261101 BEFORE DATE OF ENTRY");
        let reply = app
            .send(
                &own,
                &format!(
                    "XA.{EXAMPLE_ORI}.LRN/{lrn}.OCA/2026-000128.DOC/20261121.RPS/RECOVERED BY OWNER"
                ),
            )
            .await;
        assert_accepted(&reply, "cancelled");
        match reply.records[0].status() {
            leads_domain::RecordStatus::Cancelled(info) => {
                assert_eq!(info.reason.as_str(), "RECOVERED BY OWNER");
                assert_eq!(info.date.to_string(), "20261121");
            }
            other => panic!("{other:?}"),
        }
        let again = app
            .send(
                &own,
                &format!("XA.{EXAMPLE_ORI}.LRN/{lrn}.OCA/2026-000128.DOC/20261121.RPS/AGAIN"),
            )
            .await;
        assert_eq!(again.reasons[0].rule, "H7");
    }
}

#[tokio::test]
async fn s3_an_operator_cannot_send_in_another_agencys_name() {
    for app in apps().await {
        let own = app.token("OP16A", "T16A").await;
        let text = examples::message(FileKind::Wanted, Action::Query, OTHER_ORI);
        let reply = app.send(&own, &text).await;
        assert_eq!(reply.outcome, Outcome::Refused);
        assert_eq!(reply.reasons[0].rule, "S3");
        let entry = examples::entry(FileKind::Wanted).replacen(EXAMPLE_ORI, OTHER_ORI, 1);
        assert_eq!(app.send(&own, &entry).await.reasons[0].rule, "S3");
        assert_eq!(app.store.record_count().await.unwrap(), 0);
    }
}

#[tokio::test]
async fn a2_an_inactive_agency_is_refused() {
    for app in apps().await {
        let closed = app.token("OP99A", "T99A").await;
        let text = examples::message(FileKind::Wanted, Action::Query, "IL0990000");
        let reply = app.send(&closed, &text).await;
        assert_eq!(reply.outcome, Outcome::Refused);
        assert_eq!(reply.reasons[0].rule, "A2");
    }
}

#[tokio::test]
async fn t2_an_operator_with_expired_certification_is_refused_and_audited() {
    for app in apps().await {
        let expired = app.token("OP16X", "T16A").await;
        let reply = app
            .send(
                &expired,
                &examples::message(FileKind::Wanted, Action::Query, EXAMPLE_ORI),
            )
            .await;
        assert_eq!(reply.outcome, Outcome::Refused);
        assert_eq!(reply.reasons[0].rule, "T2");
        assert_eq!(
            reply.reasons[0].citation,
            "20 Ill. Adm. Code 1240.90(b)(1)-(4)"
        );
        let entry = app.audit().await.pop().unwrap().entry;
        assert_eq!(
            (entry.operator.as_deref(), entry.outcome.as_str()),
            (Some("OP16X"), "refused")
        );
        assert_eq!(entry.rules, ["T2"]);
    }
}

#[tokio::test]
async fn bad_input_of_every_kind_is_rejected_and_changes_no_record() {
    for app in apps().await {
        let own = app.token("OP16A", "T16A").await;
        let entry = examples::entry(FileKind::Wanted);
        let cases = [
            (
                "ZZ.IL0160000.NAM/DOE, JOHN".to_owned(),
                "message_unknown_key",
            ),
            (entry.replace(".HGT/510", ""), "field_missing"),
            (
                format!("{entry}.MIS/{}", "A".repeat(MAX_MESSAGE_LEN)),
                "message_too_long",
            ),
            (
                entry.replace("DOE, JOHN A", "DOÉ, JOHN A"),
                "message_non_ascii",
            ),
            (
                entry.replacen(EXAMPLE_ORI, "IL01600", 1),
                "message_bad_header",
            ),
            (entry.replace("DOB/19800115", "DOB/19991340"), "field_edit"),
            (format!("{entry}."), "message_trailing_period"),
            (format!("{entry}.XYZ/1"), "field_unknown"),
        ];
        for (text, code) in &cases {
            let reply = app.send(&own, text).await;
            assert_eq!(reply.outcome, Outcome::Rejected, "{text}");
            assert_eq!(reply.code, *code, "{}", reply.message);
        }
        assert_eq!(app.store.record_count().await.unwrap(), 0);
        let audit = app.audit().await;
        let rejected = audit
            .iter()
            .filter(|e| e.entry.outcome == "rejected")
            .count();
        assert_eq!(rejected, cases.len());
    }
}

#[tokio::test]
async fn json_built_messages_take_the_same_path() {
    for app in apps().await {
        let own = app.token("OP16A", "T16A").await;
        let raw = RawMessage {
            key: "EG".into(),
            oris: vec![EXAMPLE_ORI.into()],
            txt: false,
            fields: leads_message::parse_raw(&examples::entry(FileKind::Gun))
                .unwrap()
                .fields,
            attachment: None,
        };
        let reply = app
            .service
            .submit(&own, Input::Raw(raw.clone()), Some("op-json".into()))
            .await
            .unwrap();
        assert_accepted(&reply, "entered");
        assert_eq!(reply.operation_id, "op-json");
        let mut bad = raw;
        bad.fields.push(RawField {
            tag: "CAL".into(),
            value: "38".into(),
        });
        let reply = app
            .service
            .submit(&own, Input::Raw(bad), None)
            .await
            .unwrap();
        assert_eq!(reply.message, "CAL REPEATED - AT MOST 1");
    }
}

#[tokio::test]
async fn every_transaction_leaves_one_sealed_audit_entry_in_order() {
    for app in apps().await {
        let own = app.token("OP16A", "T16A").await;
        app.send(&own, &examples::entry(FileKind::Plate)).await;
        app.send(&own, &examples::entry(FileKind::Plate)).await;
        app.send(
            &own,
            &examples::message(FileKind::Plate, Action::Query, EXAMPLE_ORI),
        )
        .await;
        app.send(&own, "QL.IL0160000.LIC/XYZ789").await;
        let all = app.audit().await;
        for (i, sealed) in all.iter().enumerate() {
            assert_eq!(sealed.seq, i as u64 + 1);
            assert!(sealed.verify());
        }
        let audit: Vec<_> = all
            .into_iter()
            .filter(|e| e.entry.event != "provision")
            .collect();
        let codes: Vec<&str> = audit.iter().map(|e| e.entry.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "signed_in",
                "banner_accepted",
                "entered",
                "reject_on_file",
                "hit",
                "rule_refused"
            ]
        );
        let entered = &audit[2].entry;
        assert_eq!(entered.operator.as_deref(), Some("OP16A"));
        assert_eq!(entered.terminal.as_deref(), Some("T16A"));
        assert_eq!(entered.ori.as_deref(), Some(EXAMPLE_ORI));
        assert_eq!(entered.key.as_deref(), Some("EL"));
        assert_eq!(entered.records.len(), 1);
        assert_eq!(entered.at_micros, app.clock.now().as_micros());
    }
}

#[tokio::test]
async fn bulk_loads_pass_the_same_edits_and_are_audited_per_batch() {
    for app in apps().await {
        let ori = leads_testkit::ori(EXAMPLE_ORI);
        let good = examples::entry(FileKind::Gun);
        let messages = vec![
            good.clone(),
            good,
            examples::entry(FileKind::Plate).replace("LIY/2027", "LIY/20X7"),
            examples::entry(FileKind::Article).replacen(EXAMPLE_ORI, OTHER_ORI, 1),
            examples::entry(FileKind::Vehicle),
        ];
        let report = app
            .service
            .bulk_load("test load", &ori, messages, 2)
            .await
            .unwrap();
        assert_eq!(
            (report.loaded, report.duplicates, report.rejected.len()),
            (2, 1, 2),
            "{report:?}"
        );
        assert!(
            report.rejected[0].ends_with("LIY/20X7 MUST BE CCYY"),
            "{:?}",
            report.rejected
        );
        assert_eq!(app.store.record_count().await.unwrap(), 2);
        let batches: Vec<String> = app
            .audit()
            .await
            .into_iter()
            .filter(|e| e.entry.event == "bulk_load")
            .map(|e| e.entry.detail)
            .collect();
        assert_eq!(
            batches,
            [
                "test load: RECORDS ENTERED 1",
                "test load: RECORDS ENTERED 0",
                "test load: RECORDS ENTERED 1"
            ]
        );
    }
}
