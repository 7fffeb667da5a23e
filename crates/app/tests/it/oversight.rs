//! The Department's oversight (docs/OVERSIGHT.md): audits with notice, presence, findings and a
//! report (O1), corrective action with its 30-day plan and notice of completion (O2), the
//! agency's discipline standards (S4); each step refused out of order citing its paragraph, and
//! each deadline carried out by the sweep at its boundary and across a restart.

use leads_app::{ComplianceOverview, DocumentKind, OversightReply, ServiceConfig};
use leads_domain::clock::{Clock, Timestamp};
use leads_testkit::{TestApp, backends};

use crate::lifecycle::mailbox;
use crate::oversight_steps::{DAY, accepted, day_after, oversee};
use serde_json::json;

fn refused_citing(reply: &OversightReply, citation: &str) {
    assert_ne!(reply.outcome.name(), "accepted", "{}", reply.message);
    assert!(
        reply.reasons.iter().any(|r| r.citation.contains(citation)),
        "cites {citation}: {} {:?}",
        reply.message,
        reply.reasons
    );
}

/// The compliance overview of the reader's agency (or `scope`'s).
async fn overview(app: &TestApp, token: &str, scope: Option<&str>) -> ComplianceOverview {
    let reply = app
        .service
        .compliance_overview(token, scope, None)
        .await
        .unwrap();
    reply.body.items.into_iter().next().unwrap()
}

async fn sweep_kinds(app: &TestApp) -> usize {
    app.service.sweep_deadlines().await.unwrap().due
}

/// Schedules an audit of `ori` in `days`, notifies it, lets the days pass and records the
/// coordinator present: an audit under way. Returns its number.
async fn audit_under_way(app: &TestApp, ori: &str, days: i64) -> i64 {
    let admin = app.token("ADMIN1", "T10A").await;
    let scheduled = oversee(
        app,
        &admin,
        json!({"command": "schedule_audit", "ori": ori, "date": day_after(app, days)}),
    )
    .await;
    accepted(&scheduled);
    let id = scheduled.audits[0].id;
    let notified = oversee(
        app,
        &admin,
        json!({"command": "notify_audit", "id": id,
               "make_available": "TERMINAL LOGS, DISSEMINATION LOGS, TRAINING RECORDS"}),
    )
    .await;
    accepted(&notified);
    app.clock.advance_seconds(days * DAY);
    let auditor = app.token("AUD1", "T10A").await;
    let present = oversee(
        app,
        &auditor,
        json!({"command": "record_presence", "id": id, "name": "ROBIN CHEN", "capacity": "coordinator"}),
    )
    .await;
    accepted(&present);
    id
}

#[tokio::test]
async fn o1_an_audit_is_notified_before_it_is_conducted_and_reported_and_the_next_falls_due_a_cycle_later()
 {
    for db in backends().await {
        let config = ServiceConfig {
            audit_cycle_days: 60,
            ..ServiceConfig::default()
        };
        let app = TestApp::start_with(db, config).await;
        let admin = app.token("ADMIN1", "T10A").await;
        let coordinator = app.token("CO16", "T16A").await;
        let operator = app.token("OP16A", "T16A").await;

        // Only the Department schedules; nobody schedules in the past.
        let theirs = oversee(
            &app,
            &coordinator,
            json!({"command": "schedule_audit", "ori": "IL0160000", "date": day_after(&app, 10)}),
        )
        .await;
        assert_eq!(theirs.code, "not_authorized", "{}", theirs.message);
        let past = oversee(
            &app,
            &admin,
            json!({"command": "schedule_audit", "ori": "IL0160000", "date": day_after(&app, -1)}),
        )
        .await;
        refused_citing(&past, "1240.100(a)");
        let scheduled = oversee(
            &app,
            &admin,
            json!({"command": "schedule_audit", "ori": "IL0160000", "date": day_after(&app, 10)}),
        )
        .await;
        accepted(&scheduled);
        let id = scheduled.audits[0].id;

        // Conducting before the notice is refused; so is a notice that says nothing.
        let early = oversee(
            &app,
            &admin,
            json!({"command": "record_presence", "id": id, "name": "ROBIN CHEN", "capacity": "coordinator"}),
        )
        .await;
        refused_citing(&early, "1240.100(a)");
        let vague = oversee(
            &app,
            &admin,
            json!({"command": "notify_audit", "id": id, "make_available": "FILES"}),
        )
        .await;
        refused_citing(&vague, "1240.100(b)");
        let notified = oversee(
            &app,
            &admin,
            json!({"command": "notify_audit", "id": id,
                   "make_available": "TERMINAL LOGS, DISSEMINATION LOGS, TRAINING RECORDS"}),
        )
        .await;
        accepted(&notified);
        let queue = mailbox(&app, &coordinator, None).await;
        assert!(
            queue.iter().any(|(kind, text)| kind == "audit_notice"
                && text.contains(&day_after(&app, 10))
                && text.contains("DISSEMINATION LOGS")),
            "{queue:?}"
        );
        let read = oversee(&app, &operator, json!({"command": "show_audit", "id": id})).await;
        assert_eq!(
            read.code, "not_authorized",
            "an operator does not read audits"
        );
        let own = oversee(
            &app,
            &coordinator,
            json!({"command": "show_audit", "id": id}),
        )
        .await;
        accepted(&own);

        // The audit day: not before it; findings only once someone is present for the agency.
        let not_yet = oversee(
            &app,
            &admin,
            json!({"command": "record_presence", "id": id, "name": "ROBIN CHEN", "capacity": "coordinator"}),
        )
        .await;
        refused_citing(&not_yet, "1240.100(a)");
        app.clock.advance_seconds(10 * DAY);
        let auditor = app.token("AUD1", "T10A").await;
        let premature = oversee(
            &app,
            &auditor,
            json!({"command": "record_finding", "id": id, "kind": "finding", "rule": "H4",
                   "text": "SECOND-PARTY CHECKS DONE WITHIN 24 HOURS"}),
        )
        .await;
        refused_citing(&premature, "1240.100(b)");
        let present = oversee(
            &app,
            &auditor,
            json!({"command": "record_presence", "id": id, "name": "JAMIE DOE", "capacity": "designee"}),
        )
        .await;
        accepted(&present);
        let no_rule = oversee(
            &app,
            &auditor,
            json!({"command": "record_finding", "id": id, "kind": "finding", "rule": "Z9",
                   "text": "SOMETHING WITHOUT A RULE"}),
        )
        .await;
        refused_citing(&no_rule, "1240.100(c)");
        for (kind, rule, text) in [
            ("finding", "H4", "SECOND-PARTY CHECKS DONE WITHIN 24 HOURS"),
            (
                "recommendation",
                "D1",
                "STATE THE CASE NUMBER IN EVERY INQUIRY",
            ),
        ] {
            let recorded = oversee(
                &app,
                &auditor,
                json!({"command": "record_finding", "id": id, "kind": kind, "rule": rule, "text": text}),
            )
            .await;
            accepted(&recorded);
        }
        let coordinator = app.token("CO16", "T16A").await;
        let filed = oversee(
            &app,
            &coordinator,
            json!({"command": "file_discipline_standards", "ori": "IL0160000",
                   "document": "GENERAL ORDER 12-4", "adopted_on": day_after(&app, -30)}),
        )
        .await;
        accepted(&filed);
        let admin = app.token("ADMIN1", "T10A").await;
        let report = oversee(
            &app,
            &admin,
            json!({"command": "issue_report", "id": id, "to_head": "CHIEF A. MORALES"}),
        )
        .await;
        accepted(&report);
        assert!(
            report.message.contains("IN COMPLIANCE"),
            "{}",
            report.message
        );
        assert!(report.audits[0].plan_due.is_none(), "no plan is asked");
        let again = oversee(
            &app,
            &auditor,
            json!({"command": "record_finding", "id": id, "kind": "finding", "rule": "H4",
                   "text": "A FINDING AFTER THE REPORT"}),
        )
        .await;
        refused_citing(&again, "1240.100(c)");

        // The printed notice and report, as audited readings.
        let printed = app
            .service
            .oversight_document(&coordinator, id, DocumentKind::Report, None)
            .await
            .unwrap();
        assert!(
            printed.text.contains("TO: CHIEF A. MORALES, AGENCY HEAD"),
            "{}",
            printed.text
        );
        assert!(
            printed
                .text
                .contains("PRESENT FOR THE AGENCY: JAMIE DOE (DESIGNEE")
        );
        assert!(printed.text.contains("1. RULE H4: SECOND-PARTY CHECKS"));
        assert!(printed.pdf.starts_with(b"%PDF-1.4"));
        let notice = app
            .service
            .oversight_document(&coordinator, id, DocumentKind::Notice, None)
            .await
            .unwrap();
        assert!(notice.text.contains("1240.100(b)"), "{}", notice.text);

        // The schedule shows when each agency is next due.
        let schedule = oversee(&app, &auditor, json!({"command": "audit_schedule"})).await;
        accepted(&schedule);
        let row = |ori: &str| {
            schedule
                .schedule
                .iter()
                .find(|r| r.ori == ori)
                .unwrap()
                .clone()
        };
        let springfield = row("IL0160000");
        assert!(!springfield.due_now && springfield.discipline_standards);
        let reported_at = springfield.last_reported.unwrap();
        assert_eq!(
            springfield.next_due,
            Timestamp::from_micros(reported_at.as_micros() + 60 * DAY * 1_000_000)
        );
        assert!(row("IL0840000").due_now, "never audited: due now");

        // The cycle's deadline: one second early nothing; at it the Administrator is told,
        // across a restart.
        let until_due = springfield.next_due.as_micros() - app.clock.now().as_micros();
        app.clock.advance_seconds(until_due / 1_000_000 - 1);
        assert_eq!(sweep_kinds(&app).await, 0, "one second early");
        let app = app.restart().await;
        app.clock.advance_seconds(1);
        assert_eq!(sweep_kinds(&app).await, 1);
        let admin = app.token("ADMIN1", "T10A").await;
        let queue = mailbox(&app, &admin, Some("ALL")).await;
        assert!(
            queue.iter().any(|(kind, text)| kind == "audit_cycle"
                && text.contains("AGENCY IL0160000 HAS NOT BEEN AUDITED")),
            "{queue:?}"
        );

        let entries = app.audit().await;
        let oversight: Vec<_> = entries
            .iter()
            .filter(|e| e.entry.event == "oversight")
            .collect();
        assert!(oversight.len() >= 12, "every act is audited");
        assert!(
            oversight
                .iter()
                .filter(|e| e.entry.outcome == "refused")
                .all(|e| !e.entry.rules.is_empty()),
            "every refusal names its rule"
        );
        assert!(
            entries.iter().any(|e| e.entry.event == "oversight_document"
                && e.entry.operator.as_deref() == Some("CO16")),
            "the reading of a document is audited"
        );
    }
}

#[tokio::test]
async fn o2_a_report_out_of_compliance_gives_the_agency_head_30_days_for_a_plan_then_non_compliance()
 {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let id = audit_under_way(&app, "IL0160000", 5).await;
        let auditor = app.token("AUD1", "T10A").await;
        let requirement = oversee(
            &app,
            &auditor,
            json!({"command": "record_finding", "id": id, "kind": "requirement", "rule": "H4",
                   "text": "ENTRIES ARE NOT SECOND-PARTY CHECKED"}),
        )
        .await;
        accepted(&requirement);
        let report = oversee(
            &app,
            &auditor,
            json!({"command": "issue_report", "id": id, "to_head": "CHIEF A. MORALES"}),
        )
        .await;
        accepted(&report);
        let plan_due = report.audits[0].plan_due.unwrap();
        assert_eq!(
            plan_due.as_micros() - app.clock.now().as_micros(),
            30 * DAY * 1_000_000,
            "30 days after the report"
        );
        // No S4 standards on file: the report requires them too.
        let findings = &report.audits[0].audit.findings;
        assert!(findings.iter().any(|f| f.rule == "S4"), "{findings:?}");

        let coordinator = app.token("CO16", "T16A").await;
        let too_soon = oversee(
            &app,
            &coordinator,
            json!({"command": "record_accomplished", "id": id, "head": "CHIEF A. MORALES",
                   "text": "ALL OBJECTIVES ACCOMPLISHED"}),
        )
        .await;
        refused_citing(&too_soon, "1240.100(d)");
        let other = app.token("OP84A", "T84A").await;
        let not_theirs = oversee(
            &app,
            &other,
            json!({"command": "record_plan", "id": id, "head": "SHERIFF", "text": "A PLAN FROM ELSEWHERE",
                   "complete_by": day_after(&app, 40)}),
        )
        .await;
        assert_eq!(not_theirs.code, "not_authorized");

        // The 30 days: one second early nothing; at the deadline, across a restart, the agency
        // is non-compliant and the Administrator is told the sanctions open to him.
        let wait = plan_due.as_micros() - app.clock.now().as_micros();
        app.clock.advance_seconds(wait / 1_000_000 - 1);
        assert_eq!(sweep_kinds(&app).await, 0, "one second early");
        let app = app.restart().await;
        app.clock.advance_seconds(1);
        assert_eq!(sweep_kinds(&app).await, 1);
        assert_eq!(sweep_kinds(&app).await, 0, "declared once");
        let coordinator = app.token("CO16", "T16A").await;
        let standing = overview(&app, &coordinator, None).await;
        assert_eq!(standing.non_compliance.len(), 1);
        assert_eq!(standing.non_compliance[0].rule, "O2");
        assert_eq!(
            standing.non_compliance[0].citation,
            "20 Ill. Adm. Code 1240.100(e)"
        );
        let admin = app.token("ADMIN1", "T10A").await;
        let queue = mailbox(&app, &admin, Some("ALL")).await;
        assert!(
            queue.iter().any(|(kind, text)| kind == "non_compliance"
                && text.contains("AGENCY IL0160000 IS NON-COMPLIANT")
                && text.contains("SANCTIONS OPEN")),
            "{queue:?}"
        );

        // A late plan is still recorded; its completion day sets the next deadline.
        let past_day = oversee(
            &app,
            &coordinator,
            json!({"command": "record_plan", "id": id, "head": "CHIEF A. MORALES",
                   "text": "RETRAIN OPERATORS ON H4", "complete_by": day_after(&app, -1)}),
        )
        .await;
        refused_citing(&past_day, "1240.100(d)");
        let plan = oversee(
            &app,
            &coordinator,
            json!({"command": "record_plan", "id": id, "head": "CHIEF A. MORALES",
                   "text": "RETRAIN OPERATORS ON H4", "complete_by": day_after(&app, 10)}),
        )
        .await;
        accepted(&plan);
        let completion_due = plan.audits[0].completion_due.unwrap();
        let wait = completion_due.as_micros() - app.clock.now().as_micros();
        app.clock.advance_seconds(wait / 1_000_000 - 1);
        assert_eq!(
            sweep_kinds(&app).await,
            0,
            "the last second of the plan's day"
        );
        let coordinator = app.token("CO16", "T16A").await;
        let done = oversee(
            &app,
            &coordinator,
            json!({"command": "record_accomplished", "id": id, "head": "CHIEF A. MORALES",
                   "text": "ALL OPERATORS RETRAINED, CHECKS CURRENT"}),
        )
        .await;
        accepted(&done);
        assert!(
            done.message.contains("NON-COMPLIANCE ENDED"),
            "{}",
            done.message
        );
        app.clock.advance_seconds(DAY);
        assert_eq!(sweep_kinds(&app).await, 0, "closed: nothing falls due");
        let coordinator = app.token("CO16", "T16A").await;
        let standing = overview(&app, &coordinator, None).await;
        assert!(standing.non_compliance.is_empty());
    }
}

#[tokio::test]
async fn o2_a_plan_not_accomplished_by_its_day_or_a_refusal_to_cooperate_makes_the_agency_non_compliant()
 {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let id = audit_under_way(&app, "IL0840000", 3).await;
        let admin = app.token("ADMIN1", "T10A").await;
        for command in [
            json!({"command": "record_finding", "id": id, "kind": "requirement", "rule": "D1",
                   "text": "INQUIRIES WITHOUT A CASE NUMBER"}),
            json!({"command": "issue_report", "id": id, "to_head": "SHERIFF B. OKAFOR"}),
            json!({"command": "record_plan", "id": id, "head": "SHERIFF B. OKAFOR",
                   "text": "CASE NUMBERS IN EVERY INQUIRY", "complete_by": day_after(&app, 5)}),
        ] {
            accepted(&oversee(&app, &admin, command).await);
        }
        app.clock.advance_seconds(6 * DAY);
        assert_eq!(
            sweep_kinds(&app).await,
            1,
            "the completion notice is overdue"
        );
        let admin = app.token("ADMIN1", "T10A").await;
        let standing = overview(&app, &admin, Some("IL0840000")).await;
        assert_eq!(standing.non_compliance.len(), 1);
        assert!(
            standing.non_compliance[0]
                .reason
                .contains("NO WRITTEN NOTICE")
        );

        // Springfield refuses its audit: non-compliant under 1240.100(f).
        let scheduled = oversee(
            &app,
            &admin,
            json!({"command": "schedule_audit", "ori": "IL0160000", "date": day_after(&app, 7)}),
        )
        .await;
        let refusal_id = scheduled.audits[0].id;
        let refused = oversee(
            &app,
            &admin,
            json!({"command": "record_audit_refusal", "id": refusal_id,
                   "what": "THE AGENCY WOULD NOT PRODUCE ITS TERMINAL LOGS"}),
        )
        .await;
        accepted(&refused);
        let standing = overview(&app, &admin, Some("IL0160000")).await;
        assert_eq!(
            standing.non_compliance[0].citation,
            "20 Ill. Adm. Code 1240.100(f)"
        );
        assert!(
            standing.discipline_standards.is_none(),
            "S4: none on file shows"
        );
        let late = oversee(
            &app,
            &admin,
            json!({"command": "notify_audit", "id": refusal_id,
                   "make_available": "TERMINAL LOGS AND TRAINING RECORDS"}),
        )
        .await;
        refused_citing(&late, "1240.100(a)");
    }
}

#[tokio::test]
async fn s4_discipline_standards_are_filed_by_the_agency_and_their_absence_shows() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let coordinator = app.token("CO16", "T16A").await;
        let standing = overview(&app, &coordinator, None).await;
        assert!(standing.discipline_standards.is_none());
        let command = |ori: &str| {
            json!({"command": "file_discipline_standards", "ori": ori,
                   "document": "GENERAL ORDER 12-4", "adopted_on": "2026-01-15"})
        };
        let elsewhere = oversee(&app, &coordinator, command("IL0840000")).await;
        assert_eq!(elsewhere.code, "not_authorized", "{}", elsewhere.message);
        assert!(
            elsewhere.reasons.iter().any(|r| r.rule == "S4"),
            "{:?}",
            elsewhere.reasons
        );
        let operator = app.token("OP16A", "T16A").await;
        let not_coordinator = oversee(&app, &operator, command("IL0160000")).await;
        assert_eq!(not_coordinator.code, "not_authorized");
        let filed = oversee(&app, &coordinator, command("IL0160000")).await;
        accepted(&filed);
        let standing = overview(&app, &coordinator, None).await;
        let on_file = standing.discipline_standards.clone().unwrap();
        assert_eq!(
            (
                on_file.document.as_str(),
                on_file.adopted_on.to_string().as_str()
            ),
            ("GENERAL ORDER 12-4", "20260115")
        );
        let audited = app
            .audit()
            .await
            .into_iter()
            .filter(|e| e.entry.event == "oversight")
            .map(|e| (e.entry.outcome, e.entry.rules))
            .collect::<Vec<_>>();
        assert_eq!(audited.len(), 3, "{audited:?}");
    }
}
