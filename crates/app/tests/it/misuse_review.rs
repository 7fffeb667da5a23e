//! The weekly misuse review on every backend, driven by the injected clock: flags computed over
//! the last complete week, the queue per role (T1), dispositions, and the audit of it all.

use leads_app::ADMINISTRATOR_QUEUE;
use leads_audit::misuse::FlagKind;
use leads_domain::clock::Timestamp;
use leads_domain::files::{Action, FileKind};
use leads_domain::reply::Outcome;
use leads_message::examples;
use leads_store::{FlagQuery, Store};
use leads_testkit::{TestApp, backends};

/// Monday 2026-11-23 15:00 UTC (09:00 in Illinois).
const MONDAY_MORNING: Timestamp = Timestamp::from_micros(1_795_446_000_000_000);
/// Tuesday 2026-12-01 12:00 UTC, when the review of that week runs.
const NEXT_TUESDAY: Timestamp = Timestamp::from_micros(1_796_126_400_000_000);

/// In the week: OP16A looks up the own name; four operators of two agencies look up one man.
async fn week_of_inquiries(app: &TestApp) {
    app.clock.set(MONDAY_MORNING);
    let op16a = app.token("OP16A", "T16A").await;
    let own = app
        .send(
            &op16a,
            "QW.IL0160000.NAM/ALVAREZ, PAT.SEX/M.DOB/19850312.PUR/C.CAS/2026-777",
        )
        .await;
    assert_eq!(own.outcome, Outcome::Accepted, "{}", own.message);
    for (operator, terminal, ori) in [
        ("OP16A", "T16A", "IL0160000"),
        ("OP16B", "T16A", "IL0160000"),
        ("CO16", "T16A", "IL0160000"),
        ("OP84A", "T84A", "IL0840000"),
    ] {
        let token = app.token(operator, terminal).await;
        let reply = app
            .send(
                &token,
                &examples::message(FileKind::Wanted, Action::Query, ori),
            )
            .await;
        assert_eq!(reply.outcome, Outcome::Accepted, "{}", reply.message);
    }
}

fn kinds(flags: &[leads_store::StoredFlag]) -> Vec<(FlagKind, String)> {
    flags
        .iter()
        .map(|f| (f.flag.kind, f.flag.operator.clone()))
        .collect()
}

#[tokio::test]
async fn the_weekly_review_flags_own_name_shared_subject_and_lonely_case_inquiries() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        week_of_inquiries(&app).await;
        app.clock.set(NEXT_TUESDAY);
        let run = app.service.run_misuse_review().await.unwrap().unwrap();
        assert_eq!(run.week_start.to_string(), "2026-11-23T06:00:00.000000Z");
        assert_eq!(run.week_end.to_string(), "2026-11-30T06:00:00.000000Z");
        let found: Vec<(FlagKind, &str)> = run
            .flags
            .iter()
            .map(|f| (f.kind, f.operator.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (FlagKind::OwnRecord, "OP16A"),
                (FlagKind::SharedSubject, "CO16"),
                (FlagKind::SharedSubject, "OP16A"),
                (FlagKind::SharedSubject, "OP16B"),
                (FlagKind::SharedSubject, "OP84A"),
                (FlagKind::CaseWithoutActivity, "OP16A"),
                (FlagKind::CaseWithoutActivity, "OP84A"),
            ]
        );
        assert!(
            run.flags[0]
                .detail
                .starts_with("QUERIED OWN NAME: NAM/ALVAREZ, PAT")
        );
        assert_eq!(
            run.flags[1].detail,
            "NAM/DOE, JOHN DOB/19800115 QUERIED BY 4 OPERATORS OF 2 AGENCIES WITHIN 24 HOURS"
        );

        // Stored once, announced to the Administrator and each agency, and audited.
        assert!(app.service.run_misuse_review().await.unwrap().is_none());
        let stored = app
            .store
            .misuse_flags(&FlagQuery::default(), 100)
            .await
            .unwrap();
        assert_eq!(stored.len(), 7);
        let admin_queue = app.store.messages(ADMINISTRATOR_QUEUE, 10).await.unwrap();
        assert!(
            admin_queue[0].text.contains("7 FLAGS"),
            "{}",
            admin_queue[0].text
        );
        let agency_queue = app.store.messages("IL0160000", 10).await.unwrap();
        assert!(
            agency_queue[0]
                .text
                .starts_with("5 MISUSE FLAGS FOR IL0160000")
        );
        let entry = app.audit().await.pop().unwrap().entry;
        assert_eq!(entry.event, "misuse_review");
        assert!(
            entry
                .detail
                .ends_with("7 FLAGS (2 case_without_activity, 1 own_record, 4 shared_subject)"),
            "{}",
            entry.detail
        );
    }
}

#[tokio::test]
async fn t1_a_coordinator_reviews_the_own_agencys_flags_and_the_administrator_all() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        week_of_inquiries(&app).await;
        app.clock.set(NEXT_TUESDAY);
        app.service.run_misuse_review().await.unwrap().unwrap();

        let coordinator = app.token("CO16", "T16A").await;
        let own = app
            .service
            .misuse_flags(&coordinator, FlagQuery::default(), 100, None)
            .await
            .unwrap();
        assert_eq!(
            (own.outcome, own.code.name()),
            (Outcome::Accepted, "misuse_flags")
        );
        assert_eq!(own.flags.len(), 5);
        assert!(own.flags.iter().all(|f| f.flag.ori == "IL0160000"));
        let elsewhere = app
            .service
            .misuse_flags(
                &coordinator,
                FlagQuery {
                    ori: Some("IL0840000".into()),
                    ..FlagQuery::default()
                },
                100,
                None,
            )
            .await
            .unwrap();
        assert_eq!(
            (elsewhere.outcome, elsewhere.reasons[0].rule.as_str()),
            (Outcome::Refused, "T1")
        );

        let admin = app.token("ADMIN1", "T10A").await;
        let all = app
            .service
            .misuse_flags(&admin, FlagQuery::default(), 100, None)
            .await
            .unwrap();
        assert_eq!(all.flags.len(), 7);
        let operator = app.token("OP16B", "T16A").await;
        let refused = app
            .service
            .misuse_flags(&operator, FlagQuery::default(), 100, None)
            .await
            .unwrap();
        assert_eq!(
            (refused.outcome, refused.code.name()),
            (Outcome::Refused, "not_authorized")
        );
        assert!(refused.flags.is_empty());
        let read = app.audit().await.pop().unwrap().entry;
        assert_eq!(
            (read.event.as_str(), read.outcome.as_str()),
            ("misuse_read", "refused")
        );
    }
}

#[tokio::test]
async fn every_flag_gets_one_disposition_with_a_note_and_never_from_the_flagged_operator() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        week_of_inquiries(&app).await;
        app.clock.set(NEXT_TUESDAY);
        app.service.run_misuse_review().await.unwrap().unwrap();
        let stored = app
            .store
            .misuse_flags(&FlagQuery::default(), 100)
            .await
            .unwrap();
        let id_of = |kind: FlagKind, operator: &str| {
            stored
                .iter()
                .find(|f| f.flag.kind == kind && f.flag.operator == operator)
                .unwrap()
                .id
        };
        let coordinator = app.token("CO16", "T16A").await;
        let own_record = id_of(FlagKind::OwnRecord, "OP16A");
        let dispose = |token: String, id: i64, decision: &'static str, note: &'static str| {
            let service = app.service.clone();
            async move {
                service
                    .dispose_flag(&token, id, decision, note, None)
                    .await
                    .unwrap()
            }
        };

        let vague = dispose(coordinator.clone(), own_record, "justified", "ok").await;
        assert_eq!(
            (vague.outcome, vague.code.name()),
            (Outcome::Rejected, "invalid_request")
        );
        let unknown = dispose(
            coordinator.clone(),
            own_record,
            "forgiven",
            "a long enough note",
        )
        .await;
        assert_eq!(unknown.code, "invalid_request");

        let done = dispose(
            coordinator.clone(),
            own_record,
            "referred",
            "sent to internal affairs, case IA-2026-14",
        )
        .await;
        assert_eq!(
            (done.outcome, done.code.name()),
            (Outcome::Accepted, "flag_disposed")
        );
        let disposition = done.flags[0].disposition.clone().unwrap();
        assert_eq!(disposition.by, "CO16");
        assert_eq!(disposition.decision.name(), "referred");
        let entry = app.audit().await.pop().unwrap().entry;
        assert_eq!(entry.event, "misuse_disposition");
        assert_eq!(
            entry.detail,
            format!(
                "FLAG {own_record} own_record IL0160000 OP16A: REFERRED - sent to internal affairs, case IA-2026-14"
            )
        );
        let again = dispose(
            coordinator.clone(),
            own_record,
            "justified",
            "second thoughts here",
        )
        .await;
        assert_eq!(
            (again.outcome, again.code.name()),
            (Outcome::Rejected, "flag_already_disposed")
        );

        let own_flag = dispose(
            coordinator.clone(),
            id_of(FlagKind::SharedSubject, "CO16"),
            "justified",
            "my own inquiry was for a warrant",
        )
        .await;
        assert_eq!(
            (own_flag.outcome, own_flag.reasons[0].rule.as_str()),
            (Outcome::Refused, "AC-5")
        );
        let other_agency = dispose(
            coordinator.clone(),
            id_of(FlagKind::SharedSubject, "OP84A"),
            "justified",
            "not my agency but trying",
        )
        .await;
        assert_eq!(other_agency.reasons[0].rule, "T1");

        let admin = app.token("ADMIN1", "T10A").await;
        let by_admin = dispose(
            admin,
            id_of(FlagKind::SharedSubject, "CO16"),
            "justified",
            "warrant service, verified with the case file",
        )
        .await;
        assert_eq!(by_admin.outcome, Outcome::Accepted);
        let open = app
            .store
            .misuse_flags(
                &FlagQuery {
                    open_only: true,
                    ..FlagQuery::default()
                },
                100,
            )
            .await
            .unwrap();
        assert_eq!(open.len(), 5);
        assert!(!kinds(&open).contains(&(FlagKind::OwnRecord, "OP16A".to_owned())));
    }
}
