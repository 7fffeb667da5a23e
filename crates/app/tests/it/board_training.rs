//! The Advisory Policy Board (O4, 1240.20): members the Director appoints, meetings,
//! recommendations linked to the cases they concern and the Director's response. Training
//! (T3, 1240.90(b)(5)-(8)): the agency's training roll, the six-month deadline for basic
//! training at its boundary and across a restart, and the Department's bulletins acknowledged
//! by every agency.

use leads_domain::clock::Clock;
use leads_testkit::{TestApp, backends};
use serde_json::{Value, json};

use crate::lifecycle::mailbox;
use crate::oversight_steps::{DAY, accepted, day_after, oversee, refused_citing_exactly};

#[tokio::test]
async fn o4_the_board_recommends_on_cases_and_the_director_responds() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let admin = app.token("ADMIN1", "T10A").await;
        let director = app.token("DIR1", "T10A").await;
        let auditor = app.token("AUD1", "T10A").await;
        let coordinator = app.token("CO16", "T16A").await;
        let appoint = |name: &str| {
            json!({"command": "appoint_board_member", "name": name,
                   "represents": "ILLINOIS SHERIFFS' ASSOCIATION", "appointed_on": day_after(&app, 0)})
        };
        let by_admin = oversee(&app, &admin, appoint("LEE PARK")).await;
        assert_eq!(
            by_admin.code, "not_authorized",
            "the Director appoints the Board"
        );
        let first = oversee(&app, &director, appoint("LEE PARK")).await;
        accepted(&first);
        let second = oversee(&app, &director, appoint("MARIA GOMEZ")).await;
        accepted(&second);
        let (m1, m2) = (first.members[0].0, second.members[0].0);

        let future = oversee(
            &app,
            &admin,
            json!({"command": "record_board_meeting", "held_on": day_after(&app, 1),
                   "present": [m1, m2], "minutes": "REVIEWED THE SANCTIONS POLICY"}),
        )
        .await;
        refused_citing_exactly(&future, "1240.20(b)");
        let meeting = oversee(
            &app,
            &admin,
            json!({"command": "record_board_meeting", "held_on": day_after(&app, 0),
                   "present": [m1, m2], "minutes": "REVIEWED THE SANCTIONS POLICY AND ONE CASE"}),
        )
        .await;
        accepted(&meeting);
        let meeting_id = meeting.meetings[0].0;

        // A recommendation on non-compliance names a case on file.
        let recommend = |cases: Value| {
            json!({"command": "record_recommendation", "meeting": meeting_id, "topic": "non_compliance",
                   "text": "SUSPEND WANTED-PERSON ENTRIES UNTIL RETRAINING", "cases": cases})
        };
        refused_citing_exactly(
            &oversee(&app, &admin, recommend(json!([]))).await,
            "1240.20(b)",
        );
        refused_citing_exactly(
            &oversee(&app, &admin, recommend(json!(["VIOLATION 99"]))).await,
            "1240.20(b)",
        );
        let case = oversee(
            &app,
            &admin,
            json!({"command": "open_violation", "ori": "IL0160000", "class": "minor",
                   "allegations": [{"rule": "S3", "text": "QUERY FOR A PERSONAL PURPOSE"}]}),
        )
        .await;
        accepted(&case);
        let name = format!("VIOLATION {}", case.violations[0].id);
        let recorded = oversee(&app, &admin, recommend(json!([name.to_lowercase()]))).await;
        accepted(&recorded);
        assert_eq!(recorded.meetings[0].1.recommendations[0].cases, vec![name]);

        // Only the Director responds, once.
        let respond = json!({"command": "respond_to_recommendation", "meeting": meeting_id, "number": 1,
                             "answer": "adopted", "text": "ADOPTED: THE SUSPENSION WILL BE CONSIDERED AT THE HEARING"});
        assert_eq!(
            oversee(&app, &admin, respond.clone()).await.code,
            "not_authorized"
        );
        accepted(&oversee(&app, &director, respond.clone()).await);
        refused_citing_exactly(&oversee(&app, &director, respond).await, "1240.20(b)");

        let board = oversee(&app, &auditor, json!({"command": "show_board"})).await;
        accepted(&board);
        assert_eq!(board.members.len(), 2);
        let rec = &board.meetings[0].1.recommendations[0];
        assert_eq!(rec.response.as_ref().unwrap().by, "DIR1");
        let theirs = oversee(&app, &coordinator, json!({"command": "show_board"})).await;
        assert_eq!(theirs.code, "not_authorized");

        // A member whose membership ended is not present at a later meeting.
        accepted(
            &oversee(
                &app,
                &director,
                json!({"command": "end_board_membership", "member": m2, "ended_on": day_after(&app, 0),
                       "reason": "RETIRED"}),
            )
            .await,
        );
        app.clock.advance_seconds(DAY);
        let admin = app.token("ADMIN1", "T10A").await;
        let stale = oversee(
            &app,
            &admin,
            json!({"command": "record_board_meeting", "held_on": day_after(&app, 0),
                   "present": [m2], "minutes": "A MEETING WITH A FORMER MEMBER"}),
        )
        .await;
        refused_citing_exactly(&stale, "1240.20(b)");
        let entry = app
            .audit()
            .await
            .into_iter()
            .rev()
            .find(|e| e.entry.key.as_deref() == Some("record_recommendation"))
            .unwrap();
        assert_eq!(entry.entry.rules, ["O4"]);
    }
}

#[tokio::test]
async fn t3_indirect_users_are_trained_within_six_months_and_every_training_is_on_record() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let coordinator = app.token("CO16", "T16A").await;
        let since = day_after(&app, -100);
        let registered = oversee(
            &app,
            &coordinator,
            json!({"command": "register_trainee", "ori": "IL0160000", "name": "JO SMITH",
                   "category": "indirect_user", "since": since}),
        )
        .await;
        accepted(&registered);
        let view = &registered.trainees[0];
        let id = view.id;
        assert!(!view.trained);
        let trained_by = view.trained_by.unwrap();
        // Six calendar months after employment, computed here on its own.
        let employed = app.clock.now().date() - time::Duration::days(100);
        let (month, year) = match u8::from(employed.month()) + 6 {
            m if m > 12 => (m - 12, employed.year() + 1),
            m => (m, employed.year()),
        };
        let month = time::Month::try_from(month).unwrap();
        let day = employed.day().min(month.length(year));
        let expected = time::Date::from_calendar_date(year, month, day).unwrap();
        assert_eq!(trained_by.date(), expected);
        assert!(registered.message.contains(&trained_by.to_string()));
        let another = oversee(
            &app,
            &coordinator,
            json!({"command": "register_trainee", "ori": "IL0840000", "name": "NOT OURS",
                   "category": "practitioner", "since": since}),
        )
        .await;
        assert_eq!(
            another.code, "not_authorized",
            "each agency keeps its own records"
        );

        // The six months end with the day six calendar months after employment.
        let end = (trained_by.date() + time::Duration::days(1))
            .midnight()
            .assume_utc()
            .unix_timestamp();
        let to_end = end - app.clock.now().as_micros() / 1_000_000;
        app.clock.advance_seconds(to_end - 1);
        assert_eq!(app.service.sweep_deadlines().await.unwrap().due, 0);
        let app = app.restart().await;
        app.clock.advance_seconds(1);
        assert_eq!(app.service.sweep_deadlines().await.unwrap().due, 1);
        let coordinator = app.token("CO16", "T16A").await;
        let told = mailbox(&app, &coordinator, None).await;
        assert!(
            told.iter().any(|(kind, text)| kind == "basic_training"
                && text.contains("JO SMITH")
                && text.contains("SIX MONTHS")),
            "{told:?}"
        );

        // Records: a test records its result; managers' training is its own kind.
        let record = |kind: &str, result: Option<&str>| {
            json!({"command": "record_training", "trainee": id, "kind": kind,
                   "on": day_after(&app, 0), "instructor": "ROBIN CHEN", "result": result})
        };
        refused_citing_exactly(
            &oversee(&app, &coordinator, record("test", None)).await,
            "1240.90(b)(5)",
        );
        refused_citing_exactly(
            &oversee(&app, &coordinator, record("manager_basic", None)).await,
            "1240.90(b)(8)",
        );
        accepted(&oversee(&app, &coordinator, record("test", Some("92/100"))).await);
        let basic = oversee(&app, &coordinator, record("basic", None)).await;
        accepted(&basic);
        assert!(basic.trainees[0].trained);
        assert_eq!(basic.trainees[0].trainee.records.len(), 2);
        app.clock.advance_seconds(31 * DAY);
        assert_eq!(
            app.service.sweep_deadlines().await.unwrap().due,
            0,
            "trained: no more reminders"
        );

        // A manager owes the basic training for managers; the roll shows who is untrained.
        let coordinator = app.token("CO16", "T16A").await;
        accepted(
            &oversee(
                &app,
                &coordinator,
                json!({"command": "register_trainee", "ori": "IL0160000", "name": "DEPUTY CHIEF KIM",
                       "category": "manager", "since": day_after(&app, -5)}),
            )
            .await,
        );
        let roll = oversee(
            &app,
            &coordinator,
            json!({"command": "list_trainees", "ori": "IL0160000"}),
        )
        .await;
        accepted(&roll);
        assert_eq!(roll.trainees.len(), 2);
        assert!(roll.message.contains("1 WITHOUT"), "{}", roll.message);
        let overview = app
            .service
            .compliance_overview(&coordinator, None, None)
            .await
            .unwrap();
        let outstanding = &overview.body.items[0].training_outstanding;
        assert_eq!(outstanding.len(), 1, "{outstanding:?}");
        assert!(
            outstanding[0].contains("DEPUTY CHIEF KIM") && outstanding[0].contains("manager_basic")
        );
    }
}

#[tokio::test]
async fn t3_a_department_bulletin_reaches_every_agency_and_each_acknowledges_it() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let admin = app.token("ADMIN1", "T10A").await;
        let coordinator = app.token("CO16", "T16A").await;
        let bulletin = json!({"command": "issue_bulletin", "title": "NEW CAUTION CODES",
                              "text": "CAUTION CODE 05 NOW MEANS VIOLENT TENDENCIES"});
        assert_eq!(
            oversee(&app, &coordinator, bulletin.clone()).await.code,
            "not_authorized"
        );
        let issued = oversee(&app, &admin, bulletin).await;
        accepted(&issued);
        let (id, sent) = issued.bulletins[0].clone();
        assert!(sent.addressed_to.len() >= 3, "{:?}", sent.addressed_to);
        let operator = app.token("OP84A", "T84A").await;
        let peoria = mailbox(&app, &operator, None).await;
        assert!(
            peoria
                .iter()
                .any(|(kind, text)| kind == "department_bulletin"
                    && text.contains("NEW CAUTION CODES")),
            "{peoria:?}"
        );

        accepted(
            &oversee(
                &app,
                &coordinator,
                json!({"command": "acknowledge_bulletin", "id": id}),
            )
            .await,
        );
        refused_citing_exactly(
            &oversee(
                &app,
                &coordinator,
                json!({"command": "acknowledge_bulletin", "id": id}),
            )
            .await,
            "1240.90(b)(7)",
        );
        let mine = oversee(&app, &coordinator, json!({"command": "list_bulletins"})).await;
        accepted(&mine);
        assert_eq!(mine.bulletins.len(), 1);
        let unacknowledged = mine.bulletins[0].1.unacknowledged().len();
        assert_eq!(unacknowledged, sent.addressed_to.len() - 1);

        // Fourteen days on, every agency that has not acknowledged is reminded; Springfield
        // is not.
        let to_due = (sent.issued_at - app.clock.now().as_micros()) / 1_000_000 + 14 * DAY;
        app.clock.advance_seconds(to_due - 1);
        assert_eq!(app.service.sweep_deadlines().await.unwrap().due, 0);
        app.clock.advance_seconds(1);
        assert_eq!(
            app.service.sweep_deadlines().await.unwrap().due,
            unacknowledged
        );
        let operator = app.token("OP84A", "T84A").await;
        let reminded = mailbox(&app, &operator, None).await;
        assert!(
            reminded
                .iter()
                .any(|(kind, text)| kind == "bulletin_acknowledgement"
                    && text.contains("TO IL0840000")),
            "{reminded:?}"
        );
        let coordinator = app.token("CO16", "T16A").await;
        let springfield = mailbox(&app, &coordinator, None).await;
        assert!(
            !springfield
                .iter()
                .any(|(kind, _)| kind == "bulletin_acknowledgement")
        );
    }
}
