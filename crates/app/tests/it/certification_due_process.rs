//! Suspending or revoking a certification with due process (T4, 1240.90(b)(9)): no decision
//! without the notice and the chance to respond; the window closes at its boundary (the
//! Administrator told, across a restart); the person's access follows the decision.

use leads_app::{AdminCommand, SignIn};
use leads_domain::access::{CertificationDecision, CertificationSanction, RESPONSE_DAYS};
use leads_domain::clock::Clock;
use leads_domain::fields::FieldDate;
use leads_testkit::{PASSWORD, TestApp, backends};

use crate::lifecycle::mailbox;

const DAY: i64 = 24 * 3_600;

fn decide(id: &str, decision: CertificationDecision, until: Option<FieldDate>) -> AdminCommand {
    AdminCommand::DecideCertificationAction {
        id: id.into(),
        decision,
        until,
    }
}

fn notice(id: &str, proposed: CertificationSanction) -> AdminCommand {
    AdminCommand::NoticeCertificationAction {
        id: id.into(),
        proposed,
        reason: "QUERIES OF AN EX-PARTNER WITHOUT A CASE".into(),
        evidence: "AUDIT REPORT ENTRIES 120-131".into(),
    }
}

#[tokio::test]
async fn t4_a_certification_is_suspended_or_revoked_only_after_notice_and_a_chance_to_respond() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let admin = app.token("ADMIN1", "T10A").await;

        // A decision with no notice is refused citing 90(b)(9).
        let without = app
            .admin(&admin, decide("OP16A", CertificationDecision::Revoke, None))
            .await;
        assert_eq!(without.code, "out_of_order", "{}", without.message);
        assert_eq!(
            without.reasons[0].citation,
            "20 Ill. Adm. Code 1240.90(b)(9)"
        );

        let sent = app
            .admin(&admin, notice("OP16A", CertificationSanction::Revoke))
            .await;
        assert_eq!(sent.code, "admin_done", "{}", sent.message);
        let operator = app.token("OP16A", "T16A").await;
        let told = mailbox(&app, &operator, None).await;
        assert!(
            told.iter()
                .any(|(kind, text)| kind == "certification_notice"
                    && text.contains("REASON: QUERIES OF AN EX-PARTNER")
                    && text.contains("EVIDENCE: AUDIT REPORT ENTRIES")),
            "{told:?}"
        );
        // Before the response or the end of the window: refused.
        let early = app
            .admin(&admin, decide("OP16A", CertificationDecision::Revoke, None))
            .await;
        assert_eq!(early.code, "out_of_order", "{}", early.message);

        // The window closes: a second early nothing; at it the Administrator is told, across a
        // restart; then the decision may be taken.
        app.clock.advance_seconds(RESPONSE_DAYS * DAY - 120);
        assert_eq!(app.service.sweep_deadlines().await.unwrap().notices, 0);
        let app = app.restart().await;
        app.clock.advance_seconds(120);
        assert_eq!(app.service.sweep_deadlines().await.unwrap().notices, 1);
        let admin = app.token("ADMIN1", "T10A").await;
        let queue = mailbox(&app, &admin, Some("ALL")).await;
        assert!(
            queue
                .iter()
                .any(|(kind, text)| kind == "certification_response" && text.contains("OP16A")),
            "{queue:?}"
        );
        let revoked = app
            .admin(&admin, decide("OP16A", CertificationDecision::Revoke, None))
            .await;
        assert_eq!(revoked.code, "admin_done", "{}", revoked.message);
        // Access follows: the revoked operator's query is refused (no current certification).
        let operator = app.token("OP16A", "T16A").await;
        let reply = app
            .send(
                &operator,
                "QW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115.PUR/C.CAS/2026-1",
            )
            .await;
        assert!(
            reply.reasons.iter().any(|r| r.rule == "T2"),
            "{:?}",
            reply.reasons
        );

        // A suspension after a response: in force through its last day, then access returns.
        let sent = app
            .admin(&admin, notice("OP16B", CertificationSanction::Suspend))
            .await;
        assert_eq!(sent.code, "admin_done", "{}", sent.message);
        let response = app
            .admin(
                &admin,
                AdminCommand::RecordCertificationResponse {
                    id: "OP16B".into(),
                    text: "THE QUERIES WERE FOR CASE 2026-77, SEE THE CASE FILE".into(),
                },
            )
            .await;
        assert_eq!(response.code, "admin_done", "{}", response.message);
        let until = FieldDate::from_date(app.clock.now().date() + time::Duration::days(3));
        let no_day = app
            .admin(
                &admin,
                decide("OP16B", CertificationDecision::Suspend, None),
            )
            .await;
        assert_eq!(
            no_day.code, "out_of_order",
            "a suspension names its last day"
        );
        let suspended = app
            .admin(
                &admin,
                decide("OP16B", CertificationDecision::Suspend, Some(until)),
            )
            .await;
        assert_eq!(suspended.code, "admin_done", "{}", suspended.message);
        let token = app.token("OP16B", "T16A").await;
        let reply = app
            .send(
                &token,
                "QW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115.PUR/C.CAS/2026-1",
            )
            .await;
        assert!(
            reply.reasons.iter().any(|r| r.rule == "T2"),
            "suspended: {:?}",
            reply.reasons
        );
        app.clock.advance_seconds(4 * DAY);
        let code = app.code();
        let session = app
            .service
            .sign_in(SignIn {
                operator: "OP16B",
                password: PASSWORD,
                code: &code,
                terminal: "T16A",
                accept_banner: true,
            })
            .await
            .unwrap();
        let reply = app
            .send(
                &session.token,
                "QW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115.PUR/C.CAS/2026-1",
            )
            .await;
        assert!(
            !reply.reasons.iter().any(|r| r.rule == "T2"),
            "the suspension is over: {} {:?}",
            reply.message,
            reply.reasons
        );
        let entries = app.audit().await;
        assert!(
            entries
                .iter()
                .filter(|e| e.entry.key.as_deref() == Some("decide_certification_action"))
                .count()
                >= 4,
            "every decision attempt is audited"
        );
    }
}

#[tokio::test]
async fn t2_a_certification_runs_two_years_by_default_and_the_agency_is_told_60_days_ahead() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let admin = app.token("ADMIN1", "T10A").await;
        let today = FieldDate::from_date(app.clock.now().date());
        let by_default = app
            .admin(
                &admin,
                AdminCommand::Certify {
                    id: "OP16B".into(),
                    level: leads_domain::access::CertificationLevel::Full,
                    certified_on: today,
                    expires_on: None,
                },
            )
            .await;
        let two_years = today.date().replace_year(today.date().year() + 2).unwrap();
        assert!(
            by_default
                .message
                .contains(&format!("UNTIL {}", FieldDate::from_date(two_years))),
            "{}",
            by_default.message
        );

        // A certification ending in 70 days: the reminder falls 60 days ahead of its end.
        let ends = app.clock.now().date() + time::Duration::days(70);
        let reply = app
            .admin(
                &admin,
                AdminCommand::Certify {
                    id: "OP16A".into(),
                    level: leads_domain::access::CertificationLevel::Full,
                    certified_on: today,
                    expires_on: Some(FieldDate::from_date(ends)),
                },
            )
            .await;
        assert_eq!(reply.code, "admin_done", "{}", reply.message);
        let due = (ends - time::Duration::days(59))
            .midnight()
            .assume_utc()
            .unix_timestamp();
        let wait = due - app.clock.now().as_micros() / 1_000_000;
        app.clock.advance_seconds(wait - 1);
        assert_eq!(app.service.sweep_deadlines().await.unwrap().notices, 0);
        let app = app.restart().await;
        app.clock.advance_seconds(1);
        assert_eq!(app.service.sweep_deadlines().await.unwrap().notices, 1);
        let operator = app.token("OP16A", "T16A").await;
        let told = mailbox(&app, &operator, None).await;
        assert!(
            told.iter().any(|(kind, text)| kind == "recertification"
                && text.contains("OP16A")
                && text.contains("1240.90(b)(4)")),
            "{told:?}"
        );
    }
}
