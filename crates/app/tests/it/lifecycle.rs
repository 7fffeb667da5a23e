//! The deadline engine on every backend, with the injected clock across each boundary (just
//! before, at, just after) and across a restart: second-party checks (H4), temporary felony
//! wants and located records (H7), registrant photos (I3); the mailbox and the compliance view.

use leads_app::SweepReport;
use leads_domain::RecordStatus;
use leads_domain::clock::Clock;
use leads_domain::deadline::DeadlineKind;
use leads_domain::files::FileKind;
use leads_domain::reply::Outcome;
use leads_message::{encode_attachment, examples};
use leads_testkit::{TestApp, backends};

const HOUR: i64 = 3_600;

async fn enter(app: &TestApp, token: &str, text: &str) -> String {
    let reply = app.send(token, text).await;
    assert_eq!(reply.code, "entered", "{}", reply.message);
    reply.records[0].lrn().to_string()
}

/// The messages of the reader's queue (`ALL`: the Administrator's), oldest first.
pub(crate) async fn mailbox(
    app: &TestApp,
    token: &str,
    scope: Option<&str>,
) -> Vec<(String, String)> {
    let reply = app
        .service
        .mailbox(token, scope, false, None)
        .await
        .unwrap();
    assert_eq!(reply.code, "mailbox", "{}", reply.message);
    reply
        .body
        .items
        .into_iter()
        .rev()
        .map(|m| (m.kind, m.text))
        .collect()
}

async fn open_kinds(app: &TestApp, token: &str) -> Vec<(DeadlineKind, String)> {
    let reply = app.service.compliance(token, None, None).await.unwrap();
    assert_eq!(reply.code, "compliance", "{}", reply.message);
    reply
        .body
        .items
        .into_iter()
        .map(|d| (d.kind, d.subject))
        .collect()
}

/// Open deadlines past due by kind, as the `leads_deadlines_overdue` gauge reads them.
async fn overdue_counts(app: &TestApp) -> Vec<(DeadlineKind, u64)> {
    let mut tx = leads_store::Store::begin_read(app.store.as_ref())
        .await
        .unwrap();
    let counts = tx.overdue_deadline_counts(app.clock.now()).await.unwrap();
    tx.rollback().await.unwrap();
    counts
}

async fn sweep(app: &TestApp) -> SweepReport {
    app.service.sweep_deadlines().await.unwrap()
}

#[tokio::test]
async fn h4_the_second_party_check_is_another_certified_operator_of_the_same_agency() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let entering = app.token("OP16A", "T16A").await;
        let lrn = enter(&app, &entering, &examples::entry(FileKind::Wanted)).await;
        assert_eq!(
            open_kinds(&app, &entering).await,
            vec![
                (DeadlineKind::SecondPartyCheck, lrn.clone()),
                (DeadlineKind::Validation, lrn.clone())
            ]
        );

        let own = app
            .service
            .verify_record(&entering, &lrn, "WARRANT AND REPORT COMPARED", None)
            .await
            .unwrap();
        assert_eq!(
            (own.outcome, own.code.name()),
            (Outcome::Refused, "rule_refused")
        );
        assert_eq!(own.reasons[0].rule, "H4");

        let peoria = app.token("OP84A", "T84A").await;
        let other = app
            .service
            .verify_record(&peoria, &lrn, "WARRANT AND REPORT COMPARED", None)
            .await
            .unwrap();
        assert_eq!(other.outcome, Outcome::Refused);
        assert_eq!(other.reasons[0].rule, "H4", "{}", other.message);

        let second = app.token("OP16B", "T16A").await;
        let vague = app
            .service
            .verify_record(&second, &lrn, "OK", None)
            .await
            .unwrap();
        assert_eq!(
            (vague.outcome, vague.code.name()),
            (Outcome::Rejected, "invalid_request")
        );

        let done = app
            .service
            .verify_record(&second, &lrn, "warrant and report compared; NCIC", None)
            .await
            .unwrap();
        assert_eq!(done.code, "record_verified", "{}", done.message);
        assert_eq!(done.items[0].checked, "WARRANT AND REPORT COMPARED; NCIC");
        assert_eq!(
            open_kinds(&app, &entering).await,
            vec![(DeadlineKind::Validation, lrn.clone())],
            "checked; validation comes later"
        );

        // Every attempt is audited, refusals with their rule.
        let attempts: Vec<(String, String)> = app
            .audit()
            .await
            .into_iter()
            .filter(|e| e.entry.event == "record_verification")
            .map(|e| (e.entry.operator.unwrap(), e.entry.outcome))
            .collect();
        let expected = [
            ("OP16A", "refused"),
            ("OP84A", "refused"),
            ("OP16B", "rejected"),
            ("OP16B", "accepted"),
        ];
        assert_eq!(
            attempts,
            expected
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>()
        );
    }
}

#[tokio::test]
async fn h4_an_unchecked_record_is_messaged_at_24_hours_then_escalated_and_survives_a_restart() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        let lrn = enter(&app, &token, &examples::entry(FileKind::Vehicle)).await;
        // token() advanced the clock 30 s before the entry: the deadline is 24 h after it.
        app.clock.advance_seconds(24 * HOUR - 1);
        assert_eq!(
            sweep(&app).await,
            SweepReport::default(),
            "one second early"
        );

        // A restart in between: the deadline is in the database, not in memory.
        let app = app.restart().await;
        app.clock.advance_seconds(1);
        let at_deadline = sweep(&app).await;
        assert_eq!(
            (
                at_deadline.due,
                at_deadline.notices,
                at_deadline.escalations
            ),
            (1, 1, 0)
        );
        assert_eq!(sweep(&app).await, SweepReport::default(), "sent once");
        assert_eq!(
            overdue_counts(&app).await,
            [(DeadlineKind::SecondPartyCheck, 1)],
            "the overdue gauge counts it by kind"
        );

        let token = app.token("OP16A", "T16A").await;
        let queue = mailbox(&app, &token, None).await;
        assert_eq!(queue.len(), 1);
        assert_eq!(queue[0].0, "second_party_check");
        assert!(queue[0].1.contains(&lrn), "{}", queue[0].1);

        // A day later it is sent again, and the Administrator is told.
        app.clock.advance_seconds(24 * HOUR - 60);
        assert_eq!(sweep(&app).await.notices, 0);
        app.clock.advance_seconds(60);
        let escalated = sweep(&app).await;
        assert_eq!((escalated.notices, escalated.escalations), (1, 1));
        let admin = app.token("ADMIN1", "T10A").await;
        let admin_queue = mailbox(&app, &admin, Some("ALL")).await;
        assert!(
            admin_queue
                .iter()
                .any(|(kind, text)| kind == "second_party_check"
                    && text.contains("AGENCY IL0160000 HAS NOT ACTED")
                    && text.contains("SECOND NOTICE")),
            "{admin_queue:?}"
        );

        // The agency acknowledges its messages; others cannot.
        let token = app.token("OP16A", "T16A").await;
        let unread = app.service.mailbox(&token, None, true, None).await.unwrap();
        assert_eq!(unread.items.len(), 2);
        let id = unread.items[0].id;
        let peoria = app.token("OP84A", "T84A").await;
        let theirs = app
            .service
            .acknowledge_message(&peoria, Some("IL0160000"), id, None)
            .await
            .unwrap();
        assert_eq!(theirs.reasons[0].rule, "D1");
        let wrong_queue = app
            .service
            .acknowledge_message(&peoria, None, id, None)
            .await
            .unwrap();
        assert_eq!(wrong_queue.code, "message_not_found");
        let acked = app
            .service
            .acknowledge_message(&token, None, id, None)
            .await
            .unwrap();
        assert_eq!(acked.code, "message_acknowledged", "{}", acked.message);
        let unread = app.service.mailbox(&token, None, true, None).await.unwrap();
        assert_eq!(unread.items.len(), 1);
        let acks: Vec<String> = app
            .audit()
            .await
            .into_iter()
            .filter(|e| e.entry.event == "message_acknowledged")
            .map(|e| e.entry.outcome)
            .collect();
        assert_eq!(acks, ["refused", "rejected", "accepted"]);

        // Every notice is in the audit log with its rule.
        let notices: Vec<Vec<String>> = app
            .audit()
            .await
            .into_iter()
            .filter(|e| e.entry.event == "deadline_notice")
            .map(|e| e.entry.rules)
            .collect();
        assert_eq!(notices, vec![vec!["H4".to_string()]; 2]);
    }
}

#[tokio::test]
async fn h7_a_temporary_felony_want_retires_48_hours_after_entry_stating_why() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        let text = examples::entry(FileKind::Wanted).replacen("EW.", "EWT.", 1);
        let lrn = enter(&app, &token, &text).await;
        let query = format!("QW.IL0160000.LRN/{lrn}.PUR/C.CAS/2026-1");

        app.clock.advance_seconds(48 * HOUR - 31);
        assert_eq!(sweep(&app).await.retired, 0);
        // A restart here: what is due is in the database, not in memory.
        let app = app.restart().await;
        let token = app.token("OP16A", "T16A").await; // +30 s: one second before the deadline
        assert_eq!(app.send(&token, &query).await.code, "hit");

        app.clock.advance_seconds(1);
        let retired = sweep(&app).await;
        assert_eq!(retired.retired, 1, "{retired:?}");
        let token = app.token("OP16A", "T16A").await;
        let reply = app.send(&token, &query).await;
        assert_eq!(reply.code, "no_hit", "a retired record is out of the file");

        let mut tx = leads_store::Store::begin(app.store.as_ref()).await.unwrap();
        let record = tx
            .record_by_lrn(&leads_domain::fields::Lrn::parse(&lrn).unwrap())
            .await
            .unwrap()
            .unwrap();
        tx.rollback().await.unwrap();
        match record.status() {
            RecordStatus::Retired(info) => assert!(
                info.reason.to_string().contains("TEMPORARY FELONY WANT"),
                "{}",
                info.reason
            ),
            other => panic!("{other:?}"),
        }
        let queue = mailbox(&app, &token, None).await;
        assert!(
            queue.iter().any(|(kind, _)| kind == "temporary_want"),
            "{queue:?}"
        );
        let retirements: Vec<Vec<String>> = app
            .audit()
            .await
            .into_iter()
            .filter(|e| e.entry.event == "record_retired")
            .map(|e| e.entry.records)
            .collect();
        assert_eq!(retirements, vec![vec![lrn.clone()]]);
        assert!(
            open_kinds(&app, &token).await.is_empty(),
            "nothing stays open on it"
        );
    }
}

#[tokio::test]
async fn h7_a_full_warrant_record_is_not_retired_and_a_cancelled_want_closes_its_deadlines() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        let full = enter(&app, &token, &examples::entry(FileKind::Wanted)).await;
        let text = examples::entry(FileKind::Wanted)
            .replacen("EW.", "EWT.", 1)
            .replace("OCA/2026-000123", "OCA/2026-000999")
            .replace("DOE, JOHN A", "DOE, JAMES");
        let temporary = enter(&app, &token, &text).await;
        let cancel = format!(
            "XW.IL0160000.LRN/{temporary}.NAM/DOE, JAMES.DOC/20261121.RPS/REPLACED BY FULL RECORD"
        );
        assert_eq!(app.send(&token, &cancel).await.code, "cancelled");
        app.clock.advance_seconds(49 * HOUR);
        let report = sweep(&app).await;
        assert_eq!(report.retired, 0);
        assert_eq!(
            report.notices, 1,
            "only the full record's second-party check"
        );
        let token = app.token("OP16A", "T16A").await;
        assert_eq!(
            open_kinds(&app, &token).await,
            vec![
                (DeadlineKind::SecondPartyCheck, full.clone()),
                (DeadlineKind::Validation, full)
            ]
        );
    }
}

#[tokio::test]
async fn h7_a_located_record_tells_its_owner_at_once_and_again_until_cleared() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let owner = app.token("OP16A", "T16A").await;
        let lrn = enter(&app, &owner, &examples::entry(FileKind::Vehicle)).await;
        let peoria = app.token("OP84A", "T84A").await;
        let locate = examples::locate(FileKind::Vehicle, "IL0840000", &format!("LRN/{lrn}"));
        let located = app.send(&peoria, &locate).await;
        assert_eq!(located.code, "located", "{}", located.message);
        let owner = app.token("OP16A", "T16A").await;
        let queue = mailbox(&app, &owner, None).await;
        assert_eq!(queue.len(), 1);
        assert!(
            queue[0].1.contains("LOCATED BY IL0840000"),
            "{}",
            queue[0].1
        );

        // Entered at t, located at t + 30 s, now t + 60 s.
        app.clock.advance_seconds(24 * HOUR - 60);
        assert_eq!(
            sweep(&app).await.notices,
            1,
            "the entry's second-party check"
        );
        app.clock.advance_seconds(29);
        assert_eq!(
            sweep(&app).await.notices,
            0,
            "a second before the locate's deadline"
        );
        // A restart here: what is due is in the database, not in memory.
        let app = app.restart().await;
        app.clock.advance_seconds(1);
        assert_eq!(
            sweep(&app).await.notices,
            1,
            "the located record, a day later"
        );
        let owner = app.token("OP16A", "T16A").await;
        let clear = format!(
            "{}.IL0160000.LRN/{lrn}.OCA/2026-000125.DCL/20261122.RPS/VEHICLE RECOVERED",
            FileKind::Vehicle
                .spec()
                .key_for(leads_domain::files::Action::Clear)
        );
        assert_eq!(app.send(&owner, &clear).await.code, "cleared");
        assert!(open_kinds(&app, &owner).await.is_empty());
        app.clock.advance_seconds(30 * 24 * HOUR);
        assert_eq!(sweep(&app).await, SweepReport::default());
    }
}

#[tokio::test]
async fn i3_registrant_photo_notices_come_from_the_deadline_engine() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        let so = enter(&app, &token, &examples::entry(FileKind::SexOffender)).await;
        let verify_later = app.token("OP16B", "T16A").await;
        app.service
            .verify_record(&verify_later, &so, "REGISTRATION FORM COMPARED", None)
            .await
            .unwrap();
        // Taken 2025-12-25: due 2026-12-25, listed from 2026-11-25 (today is 2026-11-21).
        let portrait = leads_imaging::synthetic_portrait(4).unwrap();
        let eim = format!(
            "EIM.IL0160000.LRN/{so}.IMT/M.DOI/20251225.IMG/{}",
            encode_attachment(&portrait)
        );
        assert_eq!(app.send(&token, &eim).await.code, "image_entered");
        assert_eq!(sweep(&app).await.notices, 0);
        let token = app.token("OP16A", "T16A").await;
        assert_eq!(
            open_kinds(&app, &token).await,
            vec![(DeadlineKind::RegistrantPhoto, so.clone())]
        );

        // 2026-11-25 00:00 UTC is the notice time; today is 2026-11-21 12:01.
        let until_notice = 3 * 24 * HOUR + 12 * HOUR - 60;
        app.clock.advance_seconds(until_notice - 61);
        assert_eq!(sweep(&app).await.notices, 0, "just before");
        // A restart here: what is due is in the database, not in memory.
        let app = app.restart().await;
        app.clock.advance_seconds(61);
        let first = sweep(&app).await;
        assert_eq!(
            (first.notices, first.escalations),
            (1, 0),
            "at the notice time"
        );
        let token = app.token("OP16A", "T16A").await;
        let queue = mailbox(&app, &token, None).await;
        assert_eq!(queue.last().unwrap().0, "registrant_photo");

        // A new photo closes it and opens the next year's.
        let eim = format!(
            "EIM.IL0160000.LRN/{so}.IMT/M.DOI/20261124.IMG/{}",
            encode_attachment(&leads_imaging::synthetic_portrait(5).unwrap())
        );
        assert_eq!(app.send(&token, &eim).await.code, "image_entered");
        app.clock.advance_seconds(40 * 24 * HOUR);
        assert_eq!(sweep(&app).await.notices, 0, "the next one is a year away");
    }
}

/// The example wanted-person entry as a distinct person (`n`), with extra fields appended.
fn warrant(key: &str, n: u32, extra: &str) -> String {
    examples::entry(FileKind::Wanted)
        .replacen("EW.", &format!("{key}."), 1)
        .replace(
            "DOE, JOHN A",
            &format!("DOE, JOHN{}", ["", " B", " C", " D", " E"][n as usize]),
        )
        .replace("OCA/2026-000123", &format!("OCA/2026-00{n}"))
        + extra
}

#[tokio::test]
async fn h3_a_warrant_entered_more_than_24_hours_after_the_information_came_in_is_listed() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        // Now 2026-11-21 12:01:00 exactly.
        app.clock.advance_seconds(30);
        let at_limit = app.send(&token, &warrant("EW", 0, ".TRI/1201")).await;
        assert_eq!(at_limit.code, "entered", "{}", at_limit.message);
        assert!(at_limit.warnings.is_empty(), "exactly 24 hours is in time");

        let late = app.send(&token, &warrant("EW", 1, ".TRI/1200")).await;
        assert_eq!(late.code, "entered", "{}", late.message);
        assert!(
            late.warnings[0].starts_with("H3: ENTERED 1 MINUTES"),
            "{:?}",
            late.warnings
        );
        let late_lrn = late.records[0].lrn().to_string();

        let excused = app
            .send(
                &token,
                &warrant("EW", 2, ".TRI/1100.EDR/ROADS CLOSED BY BLIZZARD"),
            )
            .await;
        assert!(excused.warnings.is_empty(), "{:?}", excused.warnings);
        let no_time = app
            .send(
                &token,
                &warrant("EW", 3, "").replace("DRI/20261120", "DRI/20261119"),
            )
            .await;
        assert_eq!(
            no_time.warnings.len(),
            1,
            "received by the end of 11-19: late"
        );
        let temporary = app
            .send(
                &token,
                &warrant("EWT", 4, "").replace("DRI/20261120", "DRI/20261101"),
            )
            .await;
        assert_eq!(temporary.code, "entered", "{}", temporary.message);
        assert!(
            temporary.warnings.is_empty(),
            "a temporary want is not a warrant entry"
        );

        let list = app.service.late_entries(&token, None, None).await.unwrap();
        assert_eq!(list.code, "late_entries", "{}", list.message);
        let minutes: Vec<(i64, Option<String>)> = list
            .items
            .iter()
            .map(|e| (e.late.minutes_late, e.late.emergency.clone()))
            .collect();
        assert_eq!(
            minutes,
            vec![
                (12 * 60 + 2, None),
                (61, Some("ROADS CLOSED BY BLIZZARD".into())),
                (1, None)
            ]
        );

        // An emergency stated afterwards excuses it; other agencies cannot read the list.
        let modify = format!(
            "{}.IL0160000.LRN/{late_lrn}.OCA/2026-001.EDR/COURT SYSTEM OUTAGE",
            FileKind::Wanted
                .spec()
                .key_for(leads_domain::files::Action::Modify)
        );
        assert_eq!(app.send(&token, &modify).await.code, "modified");
        let list = app.service.late_entries(&token, None, None).await.unwrap();
        assert_eq!(
            list.items[2].late.emergency.as_deref(),
            Some("COURT SYSTEM OUTAGE")
        );
        let peoria = app.token("OP84A", "T84A").await;
        let refused = app
            .service
            .late_entries(&peoria, Some("IL0160000"), None)
            .await
            .unwrap();
        assert_eq!(refused.reasons[0].rule, "D1");
    }
}

#[tokio::test]
async fn h8_records_are_validated_60_days_after_entry_then_yearly_or_purged_30_days_after_notice() {
    const DAY: i64 = 24 * HOUR;
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        let kept = enter(&app, &token, &examples::entry(FileKind::Vehicle)).await;
        let dropped = enter(&app, &token, &examples::entry(FileKind::Gun)).await;
        let second = app.token("OP16B", "T16A").await;
        for lrn in [&kept, &dropped] {
            let done = app
                .service
                .verify_record(&second, lrn, "REPORT AND SERIAL COMPARED", None)
                .await
                .unwrap();
            assert_eq!(done.code, "record_verified", "{}", done.message);
        }
        // Entered 2026-11-21: 60 days later is 2027-01-20, so both are on the agency's
        // validation list of 1 February.
        let list_at = leads_domain::clock::Timestamp::parse("2027-02-01T00:00:00Z").unwrap();
        let until = (list_at.as_micros() - app.clock.now().as_micros()) / 1_000_000;
        app.clock.advance_seconds(until - 1);
        assert_eq!(sweep(&app).await.notices, 0, "a second before the list");
        // A restart here: what is due is in the database, not in memory.
        let app = app.restart().await;
        app.clock.advance_seconds(1);
        let notices = sweep(&app).await;
        assert_eq!(
            (notices.notices, notices.retired),
            (2, 0),
            "on the first of the month"
        );
        let owner = app.token("OP16A", "T16A").await;
        let lists: Vec<String> = mailbox(&app, &owner, None)
            .await
            .into_iter()
            .filter(|m| m.0 == "validation")
            .map(|m| m.1)
            .collect();
        assert_eq!(lists.len(), 1, "one list for the agency: {lists:?}");
        assert!(
            lists[0].starts_with("VALIDATION LIST: 2 RECORD(S) DUE"),
            "{}",
            lists[0]
        );
        assert!(lists[0].contains(&kept) && lists[0].contains(&dropped));

        let token = app.token("OP16A", "T16A").await;
        let peoria = app.token("OP84A", "T84A").await;
        let theirs = app
            .service
            .validate_record(&peoria, &kept, "CONFIRMED WITH THE COMPLAINANT", None)
            .await
            .unwrap();
        assert_eq!(theirs.reasons[0].rule, "H8");
        let validated = app
            .service
            .validate_record(
                &token,
                &kept,
                "confirmed with the complainant by phone",
                None,
            )
            .await
            .unwrap();
        assert_eq!(validated.code, "record_validated", "{}", validated.message);
        assert_eq!(validated.items[0].kind, DeadlineKind::Validation);

        // 30 days after the list the unvalidated record is purged, the other stays.
        let purge_at = list_at.as_micros() + 30 * DAY * 1_000_000;
        let until = (purge_at - app.clock.now().as_micros()) / 1_000_000;
        app.clock.advance_seconds(until - 1);
        assert_eq!(sweep(&app).await.retired, 0, "a second before the 30 days");
        app.clock.advance_seconds(1);
        let purge = sweep(&app).await;
        assert_eq!(purge.retired, 1, "{purge:?}");
        let token = app.token("OP16A", "T16A").await;
        let queue = mailbox(&app, &token, None).await;
        assert!(
            queue
                .last()
                .unwrap()
                .1
                .contains(&format!("RECORD {dropped} PURGED")),
            "{queue:?}"
        );
        let open = open_kinds(&app, &token).await;
        assert_eq!(open, vec![(DeadlineKind::Validation, kept.clone())]);
        let next = app.service.compliance(&token, None, None).await.unwrap();
        let due = next.items[0].due_at.as_micros() - app.clock.now().as_micros();
        assert!(
            (335 * DAY * 1_000_000..=366 * DAY * 1_000_000).contains(&due),
            "a year after the validation, on the first of a month: {due}"
        );
    }
}

#[tokio::test]
async fn h4_two_sweeps_at_once_send_each_notice_once() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        for file in [FileKind::Vehicle, FileKind::Gun, FileKind::Article] {
            enter(&app, &token, &examples::entry(file)).await;
        }
        app.clock.advance_seconds(25 * HOUR);
        let (a, b) = tokio::join!(app.service.sweep_deadlines(), app.service.sweep_deadlines());
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.notices + b.notices, 3, "{a:?} {b:?}");
        let token = app.token("OP16A", "T16A").await;
        let queue = mailbox(&app, &token, None).await;
        assert_eq!(queue.len(), 3, "{queue:?}");
    }
}

#[tokio::test]
async fn h8_i3_registrant_records_are_not_validated_and_only_mugshots_move_the_photo_deadline() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        let so = enter(&app, &token, &examples::entry(FileKind::SexOffender)).await;
        let refused = app
            .service
            .validate_record(&token, &so, "REGISTRATION CONFIRMED", None)
            .await
            .unwrap();
        assert_eq!(
            (refused.code.name(), refused.reasons[0].rule.as_str()),
            ("rule_refused", "H8")
        );

        let eim = |image_type: &str, doi: &str, seed: u64| {
            format!(
                "EIM.IL0160000.LRN/{so}.IMT/{image_type}.DOI/{doi}.IMG/{}",
                encode_attachment(&leads_imaging::synthetic_portrait(seed).unwrap())
            )
        };
        let mugshot = app.send(&token, &eim("M", "20261101", 1)).await;
        assert_eq!(mugshot.code, "image_entered", "{}", mugshot.message);
        let photo_deadline = async |app: &TestApp, token: &str| {
            app.service
                .compliance(token, None, None)
                .await
                .unwrap()
                .body
                .items
                .into_iter()
                .filter(|d| d.kind == DeadlineKind::RegistrantPhoto)
                .map(|d| (d.due_at, d.created_at))
                .collect::<Vec<_>>()
        };
        let before = photo_deadline(&app, &token).await;
        assert_eq!(before.len(), 1);
        let tattoo = app.send(&token, &eim("I", "20261101", 2)).await;
        assert_eq!(tattoo.code, "image_entered", "{}", tattoo.message);
        assert_eq!(
            photo_deadline(&app, &token).await,
            before,
            "a tattoo is not a photo"
        );

        // Cancelling the only mugshot makes a new one due at once.
        let imn = mugshot.images[0].imn.to_string();
        let cancel = format!("XIM.IL0160000.IMN/{imn}.DOC/20261121");
        assert_eq!(app.send(&token, &cancel).await.code, "image_cancelled");
        let after = photo_deadline(&app, &token).await;
        assert_eq!(after.len(), 1);
        assert!(after[0].0 <= app.clock.now(), "due now");
        assert_eq!(sweep(&app).await.notices, 1);
    }
}

#[tokio::test]
async fn h5_a_serious_error_is_corrected_by_the_end_of_the_owner_s_shift_or_escalated() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        let lrn = enter(&app, &token, &examples::entry(FileKind::Vehicle)).await;
        let other = enter(&app, &token, &examples::entry(FileKind::Gun)).await;

        // Only the Department reports serious errors.
        for (person, terminal) in [("OP84A", "T84A"), ("CO16", "T16A")] {
            let t = app.token(person, terminal).await;
            let refused = app
                .service
                .report_serious_error(&t, &lrn, "VIN DOES NOT MATCH THE REPORT", None)
                .await
                .unwrap();
            assert_eq!(refused.reasons[0].rule, "H5", "{person}");
        }
        let admin = app.token("ADMIN1", "T10A").await;
        let reported = app
            .service
            .report_serious_error(&admin, &lrn, "VIN does not match the report", None)
            .await
            .unwrap();
        assert_eq!(
            reported.code, "serious_error_reported",
            "{}",
            reported.message
        );
        // Now about 12:02 UTC: the default shifts change at 07:00, 15:00 and 23:00.
        let due = reported.items[0].correct_by.unwrap();
        assert_eq!(due.to_string(), "2026-11-21T15:00:00.000000Z");
        let token = app.token("OP16A", "T16A").await;
        let queue = mailbox(&app, &token, None).await;
        assert!(
            queue[0].1.contains("VIN DOES NOT MATCH THE REPORT"),
            "{queue:?}"
        );

        let until = due.as_micros() - app.clock.now().as_micros();
        app.clock.advance_seconds(until / 1_000_000 - 1);
        assert_eq!(
            sweep(&app).await.notices,
            0,
            "a second before the shift ends"
        );
        // A restart here: what is due is in the database, not in memory.
        let app = app.restart().await;
        app.clock.advance_seconds(1);
        let missed = sweep(&app).await;
        assert_eq!(
            (missed.notices, missed.escalations),
            (1, 1),
            "at the end of the shift"
        );
        app.clock.advance_seconds(HOUR);
        assert_eq!(sweep(&app).await.escalations, 1, "again an hour later");

        // The owner corrects it with a modify: nothing more is sent.
        let token = app.token("OP16A", "T16A").await;
        let modify = format!(
            "{}.IL0160000.LRN/{lrn}.OCA/2026-000125.VCO/BLK",
            FileKind::Vehicle
                .spec()
                .key_for(leads_domain::files::Action::Modify)
        );
        let modified = app.send(&token, &modify).await;
        assert_eq!(modified.code, "modified", "{}", modified.message);
        app.clock.advance_seconds(HOUR);
        assert_eq!(sweep(&app).await.notices, 0);

        // An agency's own shifts; the Department removes a record itself.
        let coordinator = app.token("CO16", "T16A").await;
        let shifts = app
            .service
            .define_shifts(
                &coordinator,
                "IL0160000",
                &["1800".into(), "0600".into()],
                None,
            )
            .await
            .unwrap();
        assert_eq!(shifts.items, vec![6 * 60, 18 * 60], "{}", shifts.message);
        let peoria = app.token("OP84A", "T84A").await;
        let theirs = app
            .service
            .define_shifts(&peoria, "IL0160000", &["0600".into()], None)
            .await
            .unwrap();
        assert_eq!(theirs.outcome, Outcome::Refused);
        let admin = app.token("ADMIN1", "T10A").await;
        let second = app
            .service
            .report_serious_error(&admin, &other, "SERIAL NUMBER TRANSPOSED", None)
            .await
            .unwrap();
        // Now about 17:03 UTC: the agency's shift ends at 18:00.
        assert_eq!(
            second.items[0].correct_by.unwrap().to_string(),
            "2026-11-21T18:00:00.000000Z"
        );
        let removed = app
            .service
            .remove_record(
                &admin,
                &other,
                "SERIAL NUMBER TRANSPOSED, NOT CORRECTED",
                None,
            )
            .await
            .unwrap();
        assert_eq!(removed.code, "record_removed", "{}", removed.message);
        let token = app.token("OP16A", "T16A").await;
        assert!(
            !open_kinds(&app, &token)
                .await
                .iter()
                .any(|(_, subject)| subject == &other),
            "nothing stays open on a removed record"
        );
        let events: Vec<(String, String)> = app
            .audit()
            .await
            .into_iter()
            .filter(|e| ["report_serious_error", "remove_record"].contains(&e.entry.event.as_str()))
            .map(|e| (e.entry.operator.unwrap(), e.entry.outcome))
            .collect();
        assert_eq!(events.len(), 5, "{events:?}");
        assert_eq!(events[0], ("OP84A".to_string(), "refused".to_string()));
    }
}

#[test]
fn h5_the_shift_ends_at_the_next_shift_change() {
    use leads_domain::deadline::{DEFAULT_SHIFT_STARTS, end_of_shift};
    let at = |text: &str| leads_domain::clock::Timestamp::parse(text).unwrap();
    let end = |now: &str, shifts: &[u16]| end_of_shift(at(now), shifts).to_string();
    assert_eq!(
        end("2026-11-21T06:59:59Z", &DEFAULT_SHIFT_STARTS),
        "2026-11-21T07:00:00.000000Z"
    );
    assert_eq!(
        end("2026-11-21T07:00:00.000000Z", &DEFAULT_SHIFT_STARTS),
        "2026-11-21T15:00:00.000000Z"
    );
    assert_eq!(
        end("2026-11-21T23:30:00.000000Z", &DEFAULT_SHIFT_STARTS),
        "2026-11-22T07:00:00.000000Z"
    );
    assert_eq!(
        end("2026-11-21T12:00:00.000000Z", &[]),
        "2026-11-22T00:00:00.000000Z"
    );
}

#[tokio::test]
async fn h1_hours_without_a_certified_operator_signed_in_are_flagged() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        // Signs in at 12:00:30 and never signs out: the session lasts 12 hours.
        let _operator = app.token("OP16A", "T16A").await;
        app.clock.advance_seconds(24 * HOUR - 60);
        let reader = app.token("CO16", "T16A").await; // 12:00:00 the next day
        let reply = app
            .service
            .staffing_gaps(&reader, None, 1, None)
            .await
            .unwrap();
        assert_eq!(reply.code, "staffing", "{}", reply.message);
        let gaps: Vec<(String, i64)> = reply
            .items
            .iter()
            .map(|g| (g.from.to_string(), g.hours()))
            .collect();
        assert_eq!(
            gaps,
            vec![
                ("2026-11-21T12:00:00.000000Z".to_string(), 1),
                ("2026-11-22T00:00:00.000000Z".to_string(), 12)
            ],
            "the hour the operator signed in half-way, and the night after the session ran out"
        );

        let peoria = app.token("OP84A", "T84A").await;
        let theirs = app
            .service
            .staffing_gaps(&peoria, Some("IL0160000"), 1, None)
            .await
            .unwrap();
        assert_eq!(theirs.reasons[0].rule, "D1");
        let admin = app.token("ADMIN1", "T10A").await;
        let all = app
            .service
            .staffing_gaps(&admin, Some("ALL"), 1, None)
            .await
            .unwrap();
        assert_eq!(all.code, "invalid_request", "one agency at a time");
    }
}

#[tokio::test]
async fn h6_hit_confirmation_requests_are_answered_at_their_priority_or_repeated_and_escalated() {
    const MINUTE: i64 = 60;
    for db in backends().await {
        let app = TestApp::start(db).await;
        let owner = app.token("OP16A", "T16A").await;
        let lrn = enter(&app, &owner, &examples::entry(FileKind::Vehicle)).await;
        let own = app
            .send(&owner, &format!("YQ.IL0160000.LRN/{lrn}.PRI/U"))
            .await;
        assert_eq!(own.reasons[0].rule, "H6", "{}", own.message);

        let peoria = app.token("OP84A", "T84A").await;
        let asked = app
            .send(
                &peoria,
                &format!("YQ.IL0840000.LRN/{lrn}.PRI/U.MIS/DRIVER DETAINED AT STOP"),
            )
            .await;
        assert_eq!(asked.code, "confirmation_requested", "{}", asked.message);
        let owner = app.token("OP16A", "T16A").await;
        let queue = mailbox(&app, &owner, None).await;
        let request = queue.last().unwrap();
        assert_eq!(request.0, "confirm_urgent");
        assert!(request.1.contains("FROM IL0840000") && request.1.contains("DRIVER DETAINED"));

        // Asked at t; now t + 30 s. Urgent: 10 minutes, then the second and third requests.
        app.clock.advance_seconds(10 * MINUTE - 31);
        assert_eq!(sweep(&app).await.notices, 0, "a second early");
        // A restart here: what is due is in the database, not in memory.
        let app = app.restart().await;
        app.clock.advance_seconds(1);
        assert_eq!(sweep(&app).await.notices, 1, "second request at 10 minutes");
        app.clock.advance_seconds(10 * MINUTE);
        let third = sweep(&app).await;
        assert_eq!((third.notices, third.escalations), (1, 0));
        app.clock.advance_seconds(10 * MINUTE);
        assert_eq!(
            sweep(&app).await.escalations,
            1,
            "after the third, the Administrator"
        );
        let owner = app.token("OP16A", "T16A").await;
        let texts: Vec<String> = mailbox(&app, &owner, None)
            .await
            .into_iter()
            .map(|m| m.1)
            .collect();
        assert!(
            texts
                .iter()
                .any(|t| t.ends_with("SECOND REQUEST: ANSWER WITH YR")),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.ends_with("THIRD REQUEST: ANSWER WITH YR")),
            "{texts:?}"
        );

        // Only the owner answers; more time moves the deadline.
        let peoria = app.token("OP84A", "T84A").await;
        let theirs = app
            .send(&peoria, &format!("YR.IL0840000.LRN/{lrn}.CNF/Y"))
            .await;
        assert_eq!(theirs.reasons[0].rule, "H6");
        let vague = app
            .send(&owner, &format!("YR.IL0160000.LRN/{lrn}.CNF/M"))
            .await;
        assert_eq!(vague.code, "field_missing", "{}", vague.message);
        let more = app
            .send(&owner, &format!("YR.IL0160000.LRN/{lrn}.CNF/M.MTM/15"))
            .await;
        assert_eq!(more.code, "confirmation_answered", "{}", more.message);
        app.clock.advance_seconds(15 * MINUTE - 1);
        assert_eq!(sweep(&app).await.notices, 0);
        app.clock.advance_seconds(1);
        assert_eq!(sweep(&app).await.notices, 1, "the extra time ran out");

        let owner = app.token("OP16A", "T16A").await;
        let yes = app
            .send(
                &owner,
                &format!("YR.IL0160000.LRN/{lrn}.CNF/Y.MIS/WARRANT IN HAND"),
            )
            .await;
        assert_eq!(yes.code, "confirmation_answered", "{}", yes.message);
        let peoria = app.token("OP84A", "T84A").await;
        let answers: Vec<String> = mailbox(&app, &peoria, None)
            .await
            .into_iter()
            .filter(|m| m.0 == "confirmation_response")
            .map(|m| m.1)
            .collect();
        assert_eq!(answers.len(), 2);
        assert!(answers[0].contains("MORE TIME NEEDED - 15 MINUTES"));
        assert!(answers[1].contains("CONFIRMED - WARRANT IN HAND"));
        let again = app
            .send(&owner, &format!("YR.IL0160000.LRN/{lrn}.CNF/N"))
            .await;
        assert_eq!(again.code, "no_confirmation_request");
        app.clock.advance_seconds(2 * 60 * MINUTE);
        assert_eq!(sweep(&app).await.notices, 0, "nothing open any more");

        // A routine request has an hour.
        let peoria = app.token("OP84A", "T84A").await;
        let routine = app
            .send(&peoria, &format!("YQ.IL0840000.LRN/{lrn}.PRI/R"))
            .await;
        assert_eq!(routine.code, "confirmation_requested");
        app.clock.advance_seconds(60 * MINUTE - 1);
        assert_eq!(sweep(&app).await.notices, 0);
        app.clock.advance_seconds(1);
        assert_eq!(sweep(&app).await.notices, 1);
        let audited = app
            .audit()
            .await
            .into_iter()
            .filter(|e| matches!(e.entry.key.as_deref(), Some("YQ" | "YR")))
            .filter(|e| e.entry.records.contains(&lrn))
            .count();
        assert_eq!(
            audited, 4,
            "two requests and two responses are audited with the record"
        );
    }
}

#[tokio::test]
async fn h7_records_of_a_file_with_a_retention_period_retire_when_it_ends() {
    const DAY: i64 = 24 * HOUR;
    for db in backends().await {
        let config = leads_app::ServiceConfig {
            retention_days: vec![(FileKind::Article, 30)],
            ..leads_app::ServiceConfig::default()
        };
        let app = TestApp::start_with(db, config).await;
        let token = app.token("OP16A", "T16A").await;
        let article = enter(&app, &token, &examples::entry(FileKind::Article)).await;
        let vehicle = enter(&app, &token, &examples::entry(FileKind::Vehicle)).await;
        let second = app.token("OP16B", "T16A").await;
        for lrn in [&article, &vehicle] {
            app.service
                .verify_record(&second, lrn, "REPORT AND SERIAL COMPARED", None)
                .await
                .unwrap();
        }
        // Entered at t; now t + 30 s.
        app.clock.advance_seconds(30 * DAY - 31);
        assert_eq!(sweep(&app).await.retired, 0, "a second before 30 days");
        app.clock.advance_seconds(1);
        let ended = sweep(&app).await;
        assert_eq!(ended.retired, 1, "{ended:?}");
        let mut tx = leads_store::Store::begin(app.store.as_ref()).await.unwrap();
        let stored = tx
            .record_by_lrn(&leads_domain::fields::Lrn::parse(&article).unwrap())
            .await
            .unwrap()
            .unwrap();
        let kept = tx
            .record_by_lrn(&leads_domain::fields::Lrn::parse(&vehicle).unwrap())
            .await
            .unwrap()
            .unwrap();
        tx.rollback().await.unwrap();
        match stored.status() {
            RecordStatus::Retired(info) => {
                assert_eq!(info.reason.to_string(), "RETENTION PERIOD ENDED");
            }
            other => panic!("{other:?}"),
        }
        assert!(
            kept.status().is_in_file(),
            "no retention period for vehicles here"
        );
    }
}

#[tokio::test]
async fn h1_h3_h4_i3_the_compliance_overview_shows_one_agency_in_one_reading() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        let late = examples::entry(FileKind::Wanted).replace("DRI/20261120", "DRI/20261101");
        let lrn = enter(&app, &token, &late).await;
        let so = enter(&app, &token, &examples::entry(FileKind::SexOffender)).await;
        let reply = app
            .service
            .compliance_overview(&token, None, None)
            .await
            .unwrap();
        assert_eq!(reply.code, "compliance_overview", "{}", reply.message);
        let overview = &reply.items[0];
        let kinds: Vec<(DeadlineKind, &str)> = overview
            .deadlines
            .iter()
            .map(|d| (d.kind, d.subject.as_str()))
            .collect();
        assert!(kinds.contains(&(DeadlineKind::SecondPartyCheck, lrn.as_str())));
        assert_eq!(overview.late_entries[0].lrn.to_string(), lrn);
        assert_eq!(overview.photos[0].lrn.to_string(), so, "no photo yet");
        assert!(
            !overview.staffing_gaps.is_empty(),
            "no one signed in before today"
        );
        let admin = app.token("ADMIN1", "T10A").await;
        let all = app
            .service
            .compliance_overview(&admin, Some("ALL"), None)
            .await
            .unwrap();
        assert_eq!(all.code, "invalid_request", "one agency at a time");
        let theirs = app
            .service
            .compliance_overview(&admin, Some("IL0160000"), None)
            .await
            .unwrap();
        assert_eq!(theirs.items[0].late_entries.len(), 1);
    }
}
