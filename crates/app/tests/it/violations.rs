//! Violation cases (O3, 1240.110): the class decides the path — a minor violation's written
//! notice closed by a prompt response; a moderate one's hearing with 20 days' notice; a major
//! one's immediate suspension of exactly the part named, a hearing within 10 days, lifting
//! before it; the hearing's record and the Director's decision, a second hearing after time to
//! comply; each deadline carried out by the sweep at its boundary and across a restart.

use leads_app::{DocumentKind, OversightReply};
use leads_domain::clock::Clock;
use leads_domain::files::{Action, FileKind};
use leads_domain::reply::{Outcome, Reply};
use leads_message::examples::{self, EXAMPLE_ORI};
use leads_testkit::{TestApp, backends};
use serde_json::{Value, json};

use crate::lifecycle::mailbox;
use crate::oversight_steps::{DAY, accepted, day_after, oversee, refused_citing_exactly};

/// Seconds from now to the end (00:00 UTC next) of the day `days` after today.
fn seconds_to_end_of(app: &TestApp, days: i64) -> i64 {
    let now = app.clock.now();
    let end = (now.date() + time::Duration::days(days + 1))
        .midnight()
        .assume_utc()
        .unix_timestamp();
    end - now.as_micros() / 1_000_000
}

fn allegation() -> Value {
    json!([{"rule": "S3", "text": "OPERATOR QUERIED A RECORD FOR ANOTHER AGENCY'S PERSONAL USE"}])
}

/// Opens a case against Springfield with its hearing `days` from today.
async fn open(
    app: &TestApp,
    token: &str,
    class: &str,
    days: i64,
    suspend: Value,
) -> OversightReply {
    oversee(
        app,
        token,
        json!({"command": "open_violation", "ori": "IL0160000", "class": class,
               "allegations": allegation(), "hearing_on": day_after(app, days),
               "suspend": suspend}),
    )
    .await
}

async fn send(app: &TestApp, token: &str, file: FileKind, action: Action) -> Reply {
    app.send(token, &examples::message(file, action, EXAMPLE_ORI))
        .await
}

#[tokio::test]
async fn o3_a_minor_violation_gets_written_notice_and_closes_without_suspension_when_promptly_addressed()
 {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let admin = app.token("ADMIN1", "T10A").await;
        let coordinator = app.token("CO16", "T16A").await;

        let with_hearing = oversee(
            &app,
            &admin,
            json!({"command": "open_violation", "ori": "IL0160000", "class": "minor",
                   "allegations": allegation(), "hearing_on": day_after(&app, 30)}),
        )
        .await;
        refused_citing_exactly(&with_hearing, "1240.110(a)");
        let bad_rule = oversee(
            &app,
            &admin,
            json!({"command": "open_violation", "ori": "IL0160000", "class": "minor",
                   "allegations": [{"rule": "Z9", "text": "SOMETHING WENT WRONG HERE"}]}),
        )
        .await;
        assert_eq!(bad_rule.code, "out_of_order", "{}", bad_rule.message);

        let opened = oversee(
            &app,
            &admin,
            json!({"command": "open_violation", "ori": "IL0160000", "class": "minor",
                   "allegations": allegation()}),
        )
        .await;
        accepted(&opened);
        let id = opened.violations[0].id;
        assert!(opened.violations[0].response_due.is_some());
        let queue = mailbox(&app, &coordinator, None).await;
        assert!(
            queue.iter().any(|(kind, text)| kind == "violation_notice"
                && text.contains("NOTICE OF LEADS VIOLATION")
                && text.contains("RULE S3")
                && text.contains("NO SUSPENSION")),
            "{queue:?}"
        );
        let operator = app.token("OP16A", "T16A").await;
        assert_eq!(
            send(&app, &operator, FileKind::Wanted, Action::Query)
                .await
                .outcome,
            Outcome::Accepted,
            "a minor violation suspends nothing"
        );

        // The agency's coordinator records the response; another agency's may not.
        let other = app.token("OP84A", "T84A").await;
        let not_theirs = oversee(
            &app,
            &other,
            json!({"command": "record_violation_response", "id": id, "head": "CHIEF", "text": "RETRAINED THE OPERATOR"}),
        )
        .await;
        assert_eq!(not_theirs.code, "not_authorized", "{}", not_theirs.message);
        let answered = oversee(
            &app,
            &coordinator,
            json!({"command": "record_violation_response", "id": id, "head": "CHIEF R. DIAZ",
                   "text": "THE OPERATOR WAS RETRAINED AND DISCIPLINED UNDER GENERAL ORDER 12-4"}),
        )
        .await;
        accepted(&answered);
        assert_eq!(
            answered.violations[0]
                .case
                .closed_how
                .as_deref()
                .map(|h| h.contains("NO SUSPENSION")),
            Some(true)
        );
        let again = oversee(
            &app,
            &coordinator,
            json!({"command": "record_violation_response", "id": id, "head": "CHIEF", "text": "AGAIN AND AGAIN"}),
        )
        .await;
        refused_citing_exactly(&again, "1240.110(a)");

        // A second notice left unanswered: the Administrator is told at the 14th day, not
        // before, across a restart.
        let unanswered = oversee(
            &app,
            &admin,
            json!({"command": "open_violation", "ori": "IL0160000", "class": "minor",
                   "allegations": allegation()}),
        )
        .await;
        accepted(&unanswered);
        app.clock.advance_seconds(14 * DAY - 1);
        assert_eq!(app.service.sweep_deadlines().await.unwrap().due, 0);
        let app = app.restart().await;
        app.clock.advance_seconds(1);
        assert_eq!(app.service.sweep_deadlines().await.unwrap().due, 1);
        let admin = app.token("ADMIN1", "T10A").await;
        let told = mailbox(&app, &admin, Some("ALL")).await;
        assert!(
            told.iter().any(|(kind, text)| kind == "violation_response"
                && text.contains(&format!("VIOLATION {}", unanswered.violations[0].id))
                && text.contains("NOT PROMPTLY ADDRESSED")),
            "{told:?}"
        );

        // Not promptly addressed: the Director sets a hearing, with 20 days' notice.
        let unanswered = unanswered.violations[0].id;
        let director = app.token("DIR1", "T10A").await;
        let set = |days: i64| json!({"command": "set_hearing", "id": unanswered, "hearing_on": day_after(&app, days)});
        refused_citing_exactly(&oversee(&app, &director, set(19)).await, "1240.110(b)");
        let heard = oversee(&app, &director, set(20)).await;
        accepted(&heard);
        assert_eq!(heard.violations[0].case.class.name(), "moderate");
        assert!(heard.violations[0].response_due.is_none());
        app.clock.advance_seconds(7 * DAY);
        assert_eq!(
            app.service.sweep_deadlines().await.unwrap().due,
            0,
            "no more reminders to respond once a hearing is set"
        );
    }
}

#[tokio::test]
async fn o3_a_moderate_violation_is_heard_after_20_days_notice_and_time_to_comply_sets_a_second_hearing()
 {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let admin = app.token("ADMIN1", "T10A").await;
        let director = app.token("DIR1", "T10A").await;
        let coordinator = app.token("CO16", "T16A").await;
        let by_admin = open(&app, &admin, "moderate", 30, json!([])).await;
        assert_eq!(
            by_admin.code, "not_authorized",
            "the Director sets hearings"
        );
        refused_citing_exactly(
            &open(&app, &director, "moderate", 19, json!([])).await,
            "1240.110(b)",
        );
        let opened = open(&app, &director, "moderate", 20, json!([])).await;
        accepted(&opened);
        let id = opened.violations[0].id;
        assert_eq!(
            opened.violations[0].next_hearing.unwrap().to_string(),
            day_after(&app, 20)
        );
        let queue = mailbox(&app, &coordinator, None).await;
        assert!(
            queue.iter().any(|(kind, text)| kind == "violation_notice"
                && text.contains("NOTICE OF LEADS HEARING")),
            "{queue:?}"
        );

        // Nothing of the hearing is recorded before its day.
        let early = oversee(
            &app,
            &director,
            json!({"command": "record_appearance", "id": id, "name": "CHIEF R. DIAZ", "capacity": "AGENCY HEAD"}),
        )
        .await;
        refused_citing_exactly(&early, "1240.110(d)");

        // The hearing day: the Director is told at its end, not before, if it has no decision.
        let to_end = seconds_to_end_of(&app, 20);
        app.clock.advance_seconds(to_end - 1);
        assert_eq!(app.service.sweep_deadlines().await.unwrap().due, 0);
        let director = app.token("DIR1", "T10A").await;
        let admin = app.token("ADMIN1", "T10A").await;
        let coordinator = app.token("CO16", "T16A").await;
        for (token, command) in [
            (
                &director,
                json!({"command": "record_appearance", "id": id, "name": "CHIEF R. DIAZ", "capacity": "AGENCY HEAD"}),
            ),
            (
                &admin,
                json!({"command": "record_evidence", "id": id, "side": "administrator",
                            "document": "AUDIT LOG EXTRACT 2026-11", "description": "TWELVE QUERIES WITHOUT A CASE NUMBER"}),
            ),
            (
                &coordinator,
                json!({"command": "record_evidence", "id": id, "side": "agency",
                                  "document": "TRAINING ROSTER", "description": "ALL OPERATORS RETRAINED SINCE THE NOTICE"}),
            ),
        ] {
            accepted(&oversee(&app, token, command).await);
        }
        let coordinator_decides = oversee(
            &app,
            &coordinator,
            json!({"command": "decide_hearing", "id": id, "outcome": "no_violation", "text": "NO VIOLATION FOUND"}),
        )
        .await;
        assert_eq!(coordinator_decides.code, "not_authorized");
        let no_second = oversee(
            &app,
            &director,
            json!({"command": "decide_hearing", "id": id, "outcome": "time_to_comply", "text": "CORRECT THE LOGGING"}),
        )
        .await;
        refused_citing_exactly(&no_second, "1240.110(e)");
        let granted = oversee(
            &app,
            &director,
            json!({"command": "decide_hearing", "id": id, "outcome": "time_to_comply",
                   "comply_by": day_after(&app, 10), "next_hearing": day_after(&app, 15),
                   "text": "THE AGENCY LOGS A CASE NUMBER WITH EVERY INQUIRY"}),
        )
        .await;
        accepted(&granted);
        assert_eq!(
            granted.violations[0].next_hearing.unwrap().to_string(),
            day_after(&app, 15)
        );
        let order = app
            .service
            .oversight_document(&coordinator, id, DocumentKind::Decision(Some(1)), None)
            .await
            .unwrap();
        assert_eq!(order.outcome, Outcome::Accepted, "{}", order.message);
        assert!(
            order.body.text.contains("SECOND HEARING"),
            "{}",
            order.body.text
        );
        assert!(
            order
                .body
                .text
                .contains("TWELVE QUERIES WITHOUT A CASE NUMBER")
        );
        assert!(order.body.pdf.starts_with(b"%PDF"));
        assert_eq!(
            app.service.sweep_deadlines().await.unwrap().due,
            0,
            "the decided hearing's deadline closed"
        );

        // The second hearing, undecided at its end: the Director's queue is told, across a
        // restart; then every option is open again.
        let to_end = seconds_to_end_of(&app, 15);
        app.clock.advance_seconds(to_end - 1);
        let app = app.restart().await;
        assert_eq!(app.service.sweep_deadlines().await.unwrap().due, 0);
        app.clock.advance_seconds(1);
        assert_eq!(app.service.sweep_deadlines().await.unwrap().due, 1);
        let admin = app.token("ADMIN1", "T10A").await;
        let told = mailbox(&app, &admin, Some("ALL")).await;
        assert!(
            told.iter().any(|(kind, text)| kind == "violation_hearing" && text.contains("HAS NO DECISION")),
            "{told:?}"
        );
        let director = app.token("DIR1", "T10A").await;
        let closed = oversee(
            &app,
            &director,
            json!({"command": "decide_hearing", "id": id, "outcome": "no_violation",
                   "text": "THE AGENCY COMPLIED WITH THE ORDER"}),
        )
        .await;
        accepted(&closed);
        assert_eq!(closed.violations[0].case.hearings.len(), 2);
        assert!(closed.violations[0].next_hearing.is_none());
    }
}

#[tokio::test]
async fn o3_a_major_violation_suspends_exactly_the_part_named_with_a_hearing_within_10_days() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let admin = app.token("ADMIN1", "T10A").await;
        let director = app.token("DIR1", "T10A").await;
        let coordinator = app.token("CO16", "T16A").await;
        let operator = app.token("OP16A", "T16A").await;
        let entries = json!([{"part": {"service": "wanted", "part": "entries"}}]);
        refused_citing_exactly(
            &open(&app, &director, "major", 11, entries.clone()).await,
            "1240.110(c)(3)",
        );
        refused_citing_exactly(
            &open(&app, &director, "major", 5, json!([])).await,
            "1240.110(c)",
        );
        let opened = open(&app, &director, "major", 10, entries.clone()).await;
        accepted(&opened);
        let id = opened.violations[0].id;

        // Entries into the wanted-person file are refused; inquiries still answer; other
        // files are untouched.
        let entry = send(&app, &operator, FileKind::Wanted, Action::Enter).await;
        assert_eq!(entry.outcome, Outcome::Refused, "{}", entry.message);
        assert_eq!(entry.reasons[0].rule, "O3");
        assert_eq!(
            send(&app, &operator, FileKind::Wanted, Action::Query)
                .await
                .outcome,
            Outcome::Accepted
        );
        assert_eq!(
            send(&app, &operator, FileKind::Gun, Action::Enter)
                .await
                .outcome,
            Outcome::Accepted
        );
        let notice = app
            .service
            .oversight_document(&coordinator, id, DocumentKind::ViolationNotice, None)
            .await
            .unwrap();
        assert!(
            notice.body.text.contains("IMMEDIATE SUSPENSION"),
            "{}",
            notice.body.text
        );
        assert!(notice.body.text.contains("ENTRIES OF THE WANTED SERVICE"));
        assert!(notice.body.pdf.starts_with(b"%PDF"));

        let overview = app
            .service
            .compliance_overview(&coordinator, None, None)
            .await
            .unwrap();
        assert_eq!(
            overview.body.items[0].open_violations,
            [format!(
                "VIOLATION {id} (MAJOR): HEARING ON {}",
                day_after(&app, 10)
            )]
        );

        // Only the Director lifts it before the hearing, with the need stated.
        let by_admin = oversee(
            &app,
            &admin,
            json!({"command": "lift_before_hearing", "id": id, "reason": "MANHUNT UNDER WAY IN THE COUNTY"}),
        )
        .await;
        assert_eq!(by_admin.code, "not_authorized");
        let lifted = oversee(
            &app,
            &director,
            json!({"command": "lift_before_hearing", "id": id, "reason": "MANHUNT UNDER WAY IN THE COUNTY"}),
        )
        .await;
        accepted(&lifted);
        assert_eq!(
            send(&app, &operator, FileKind::Wanted, Action::Enter)
                .await
                .outcome,
            Outcome::Accepted,
            "entries work again once lifted"
        );

        // At the hearing: no suspension without the Administrator's evidence; with it, the
        // Director suspends everything.
        app.clock.advance_seconds(10 * DAY);
        let director = app.token("DIR1", "T10A").await;
        let admin = app.token("ADMIN1", "T10A").await;
        let operator = app.token("OP16A", "T16A").await;
        let suspend_all = json!({"command": "decide_hearing", "id": id, "outcome": "suspend",
                                 "services": ["all"], "text": "ALL SERVICES SUSPENDED UNTIL RETRAINING"});
        refused_citing_exactly(
            &oversee(&app, &director, suspend_all.clone()).await,
            "1240.110(d)",
        );
        accepted(
            &oversee(
                &app,
                &admin,
                json!({"command": "record_evidence", "id": id, "side": "administrator",
                       "document": "AUDIT LOG EXTRACT", "description": "ENTRIES MADE WITHOUT A WARRANT ON FILE"}),
            )
            .await,
        );
        accepted(&oversee(&app, &director, suspend_all).await);
        let gun = send(&app, &operator, FileKind::Gun, Action::Query).await;
        assert_eq!(gun.outcome, Outcome::Refused);
        assert_eq!(gun.reasons[0].rule, "O3");
        let lift: leads_domain::access::AdminCommand = serde_json::from_value(json!(
            {"command": "lift_suspension", "ori": "IL0160000", "scope": "all", "reason": "RETRAINED"}
        ))
        .unwrap();
        let by_admin = app.admin(&admin, lift).await;
        assert_eq!(by_admin.code, "out_of_order", "{}", by_admin.message);
        assert!(by_admin.message.contains(&format!("VIOLATION {id}")));
        let shown = oversee(&app, &admin, json!({"command": "show_violation", "id": id})).await;
        accepted(&shown);
        let case = &shown.violations[0].case;
        assert_eq!(case.suspensions.len(), 2);
        assert!(
            case.suspensions[0]
                .lifted_why
                .as_deref()
                .unwrap()
                .contains("MANHUNT")
        );
        let restored = oversee(
            &app,
            &director,
            json!({"command": "reinstate", "id": id, "reason": "ALL OPERATORS RETRAINED AND RETESTED"}),
        )
        .await;
        accepted(&restored);
        assert_eq!(
            send(&app, &operator, FileKind::Gun, Action::Query)
                .await
                .outcome,
            Outcome::Accepted,
            "services restored"
        );
        let decided: Vec<_> = app
            .audit()
            .await
            .into_iter()
            .filter(|e| e.entry.key.as_deref() == Some("decide_hearing"))
            .collect();
        assert!(
            decided
                .iter()
                .any(|e| e.entry.outcome == "accepted" && e.entry.rules == ["O3"])
        );
        assert!(
            decided
                .iter()
                .all(|e| e.entry.records == [format!("VIOLATION {id}")])
        );
    }
}

#[tokio::test]
async fn o3_two_cases_suspending_one_service_each_hold_it_until_their_own_end() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let director = app.token("DIR1", "T10A").await;
        let operator = app.token("OP16A", "T16A").await;
        let gun = json!([{"only": "gun"}]);
        let first = open(&app, &director, "major", 5, gun.clone()).await;
        accepted(&first);
        let second = open(&app, &director, "major", 5, gun).await;
        accepted(&second);
        let not_a_file = open(
            &app,
            &director,
            "major",
            5,
            json!([{"part": {"service": "sos_images", "part": "entries"}}]),
        )
        .await;
        refused_citing_exactly(&not_a_file, "1240.110(c)");
        let lift = |id: i64| json!({"command": "lift_before_hearing", "id": id, "reason": "PUBLIC SAFETY: ARMED SUSPECT AT LARGE"});
        accepted(&oversee(&app, &director, lift(first.violations[0].id)).await);
        let still = send(&app, &operator, FileKind::Gun, Action::Query).await;
        assert_eq!(
            still.outcome,
            Outcome::Refused,
            "the second case still suspends it"
        );
        accepted(&oversee(&app, &director, lift(second.violations[0].id)).await);
        assert_eq!(
            send(&app, &operator, FileKind::Gun, Action::Query)
                .await
                .outcome,
            Outcome::Accepted
        );

        // Once the hearing has begun, the suspension is no longer lifted before it.
        let third = open(&app, &director, "major", 0, json!(["all"])).await;
        accepted(&third);
        let id = third.violations[0].id;
        accepted(
            &oversee(
                &app,
                &director,
                json!({"command": "record_appearance", "id": id, "name": "CHIEF R. DIAZ", "capacity": "AGENCY HEAD"}),
            )
            .await,
        );
        refused_citing_exactly(&oversee(&app, &director, lift(id)).await, "1240.110(c)(3)");
    }
}
