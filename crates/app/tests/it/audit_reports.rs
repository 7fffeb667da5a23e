//! Audit reports on every backend: each criterion, paging, who may read what (T1), and that
//! every report, refused or not, is itself in the log and leaves the log as it was (AU-7).

use leads_app::{AuditQuery, AuditReport};
use leads_domain::clock::Clock;
use leads_domain::files::{Action, FileKind};
use leads_domain::reply::Outcome;
use leads_message::examples;
use leads_testkit::{TestApp, backends};

/// OP16A enters a wanted person and both OP16A and OP84A look him up; OP84A also runs a
/// vehicle.
async fn scenario(db: leads_testkit::TestDb) -> (TestApp, String) {
    let app = TestApp::start(db).await;
    let springfield = app.token("OP16A", "T16A").await;
    let entered = app
        .send(&springfield, &examples::entry(FileKind::Wanted))
        .await;
    assert_eq!(entered.outcome, Outcome::Accepted, "{entered:?}");
    let lrn = entered.records[0].lrn().to_string();
    app.send(
        &springfield,
        &examples::message(FileKind::Wanted, Action::Query, "IL0160000"),
    )
    .await;
    app.clock.advance_seconds(3600);
    let peoria = app.token("OP84A", "T84A").await;
    app.send(
        &peoria,
        &examples::message(FileKind::Wanted, Action::Query, "IL0840000"),
    )
    .await;
    app.send(
        &peoria,
        &examples::message(FileKind::Vehicle, Action::Query, "IL0840000"),
    )
    .await;
    (app, lrn)
}

async fn report(app: &TestApp, token: &str, query: AuditQuery) -> AuditReport {
    app.service
        .audit_report(token, query, 100, None)
        .await
        .unwrap()
}

fn seqs(report: &AuditReport) -> Vec<u64> {
    report.entries.iter().map(|e| e.seq).collect()
}

#[tokio::test]
async fn auditors_search_by_agency_operator_terminal_record_subject_and_time() {
    for db in backends().await {
        let (app, lrn) = scenario(db).await;
        let auditor = app.token("AUD1", "T10A").await;
        let everything = report(&app, &auditor, AuditQuery::default()).await;
        assert_eq!(everything.outcome, Outcome::Accepted);
        assert_eq!(everything.code, "audit_report");
        let all = app.audit().await;
        assert_eq!(
            everything.entries,
            all[..everything.entries.len()],
            "an unfiltered report is the log, in order"
        );

        let by_operator = report(
            &app,
            &auditor,
            AuditQuery {
                operator: Some("OP84A".into()),
                ..AuditQuery::default()
            },
        )
        .await;
        assert!(!by_operator.entries.is_empty());
        assert!(
            by_operator
                .entries
                .iter()
                .all(|e| e.entry.operator.as_deref() == Some("OP84A"))
        );

        let by_agency = report(
            &app,
            &auditor,
            AuditQuery {
                ori: Some("IL0160000".into()),
                event: Some("transaction".into()),
                ..AuditQuery::default()
            },
        )
        .await;
        assert_eq!(by_agency.entries.len(), 2, "the entry and the inquiry");
        let by_terminal = report(
            &app,
            &auditor,
            AuditQuery {
                terminal: Some("T84A".into()),
                event: Some("transaction".into()),
                ..AuditQuery::default()
            },
        )
        .await;
        assert_eq!(by_terminal.entries.len(), 2);

        // Who touched the record: the entry and both inquiries that returned it.
        let by_record = report(
            &app,
            &auditor,
            AuditQuery {
                record: Some(lrn.clone()),
                ..AuditQuery::default()
            },
        )
        .await;
        let touched: Vec<_> = by_record
            .entries
            .iter()
            .map(|e| {
                (
                    e.entry.operator.clone().unwrap(),
                    e.entry.key.clone().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            touched,
            [
                ("OP16A".to_owned(), "EW".to_owned()),
                ("OP16A".to_owned(), "QW".to_owned()),
                ("OP84A".to_owned(), "QW".to_owned())
            ]
        );

        // Who looked up this person, by name (any case) or by an identifier. (Entering the
        // record is not a look-up; the record report above shows it.)
        let by_subject = report(
            &app,
            &auditor,
            AuditQuery {
                subject: vec!["nam/doe, john".into(), "VIN/1M8GDM9AXKP042788".into()],
                event: Some("transaction".into()),
                ..AuditQuery::default()
            },
        )
        .await;
        let keys: Vec<_> = by_subject
            .entries
            .iter()
            .map(|e| e.entry.key.clone().unwrap())
            .collect();
        assert_eq!(keys, ["QW", "QW", "QV"]);

        // The second hour only: Peoria's work.
        let later = report(
            &app,
            &auditor,
            AuditQuery {
                from_micros: Some(leads_testkit::START.plus_seconds(3000).as_micros()),
                to_micros: Some(app.clock.now().as_micros()),
                event: Some("transaction".into()),
                ..AuditQuery::default()
            },
        )
        .await;
        assert!(
            later
                .entries
                .iter()
                .all(|e| e.entry.operator.as_deref() == Some("OP84A"))
        );
        assert_eq!(later.entries.len(), 2);

        // A wildcard in a criterion is matched literally.
        let literal = report(
            &app,
            &auditor,
            AuditQuery {
                subject: vec!["%".into()],
                ..AuditQuery::default()
            },
        )
        .await;
        assert!(literal.entries.is_empty());

        // A subject is found in what entries say, not in the names of their fields.
        let key_names = report(
            &app,
            &auditor,
            AuditQuery {
                subject: vec!["operation_id".into(), "at_micros".into()],
                ..AuditQuery::default()
            },
        )
        .await;
        assert!(
            key_names.entries.is_empty(),
            "{:?}",
            key_names.entries.len()
        );
    }
}

#[tokio::test]
async fn reports_page_through_the_log_without_gaps() {
    for db in backends().await {
        let (app, _) = scenario(db).await;
        let auditor = app.token("AUD1", "T10A").await;
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = app
                .service
                .audit_report(
                    &auditor,
                    AuditQuery {
                        after_seq: after,
                        ..AuditQuery::default()
                    },
                    3,
                    None,
                )
                .await
                .unwrap();
            assert!(page.entries.len() <= 3);
            seen.extend(seqs(&page));
            match page.next_after {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        // Every page read is itself an entry, so the log grows while it is paged through;
        // everything but the last page's own reading was seen, once, in order.
        let all: Vec<u64> = app.audit().await.iter().map(|e| e.seq).collect();
        assert_eq!(seen, all[..all.len() - 1]);
    }
}

#[tokio::test]
async fn t1_a_coordinator_reads_only_the_own_agencys_entries() {
    for db in backends().await {
        let (app, _) = scenario(db).await;
        let coordinator = app.token("CO16", "T16A").await;
        let own = report(&app, &coordinator, AuditQuery::default()).await;
        assert_eq!(own.outcome, Outcome::Accepted, "{}", own.message);
        assert_eq!(
            own.query.ori.as_deref(),
            Some("IL0160000"),
            "narrowed to the own agency"
        );
        assert!(!own.entries.is_empty());
        assert!(
            own.entries
                .iter()
                .all(|e| e.entry.ori.as_deref() == Some("IL0160000"))
        );

        let before = app.audit().await.len();
        let other = report(
            &app,
            &coordinator,
            AuditQuery {
                ori: Some("IL0840000".into()),
                ..AuditQuery::default()
            },
        )
        .await;
        assert_eq!(other.outcome, Outcome::Refused);
        assert_eq!(other.code, "not_authorized");
        assert!(other.entries.is_empty());
        assert_eq!(other.reasons[0].rule, "T1");
        assert_eq!(
            other.reasons[0].citation,
            "20 Ill. Adm. Code 1240.90(a)(3)(C)"
        );
        let log = app.audit().await;
        assert_eq!(log.len(), before + 1, "the refused report is audited");
        let entry = &log[before].entry;
        assert_eq!(
            (
                entry.event.as_str(),
                entry.outcome.as_str(),
                entry.rules.clone()
            ),
            ("audit_read", "refused", vec!["T1".to_owned()])
        );
        assert!(entry.detail.contains("ori=IL0840000"), "{}", entry.detail);
    }
}

#[tokio::test]
async fn operators_read_no_audit_records_and_the_refusal_is_logged() {
    for db in backends().await {
        let (app, _) = scenario(db).await;
        let operator = app.token("OP16A", "T16A").await;
        let refused = report(&app, &operator, AuditQuery::default()).await;
        assert_eq!(refused.outcome, Outcome::Refused);
        assert_eq!(refused.code, "not_authorized");
        assert!(refused.entries.is_empty());
        let last = app.audit().await.pop().unwrap().entry;
        assert_eq!(
            (last.event.as_str(), last.outcome.as_str()),
            ("audit_read", "refused")
        );
        assert_eq!(last.operator.as_deref(), Some("OP16A"));
    }
}

#[tokio::test]
async fn every_report_is_itself_audited_and_leaves_the_log_unchanged() {
    for db in backends().await {
        let (app, _) = scenario(db).await;
        let auditor = app.token("AUD1", "T10A").await;
        let before = app.audit().await;
        let read = report(
            &app,
            &auditor,
            AuditQuery {
                operator: Some("OP16A".into()),
                ..AuditQuery::default()
            },
        )
        .await;
        let after = app.audit().await;
        assert_eq!(
            after[..before.len()],
            before[..],
            "nothing altered or reordered"
        );
        assert_eq!(after.len(), before.len() + 1);
        let entry = &after[before.len()].entry;
        assert_eq!(entry.event, "audit_read");
        assert_eq!(entry.operator.as_deref(), Some("AUD1"));
        assert_eq!(entry.operation_id, read.operation_id);
        assert_eq!(
            entry.detail,
            format!("operator=OP16A -> {} ENTRIES", read.entries.len())
        );
    }
}

#[tokio::test]
async fn a_report_needs_a_session() {
    for db in backends().await {
        let (app, _) = scenario(db).await;
        let error = app
            .service
            .audit_report("not-a-token", AuditQuery::default(), 10, None)
            .await
            .unwrap_err();
        assert_eq!(error.code(), "auth_required");
    }
}
