//! The LEADS Agency Coordinator's post (T1, 1240.90(a)): the appointment goes to the
//! Administrator; when the post falls vacant — the account disabled, the role taken away, the
//! certification run out — a deadline opens for the new appointment and the agency and the
//! Administrator are told; the sweep carries it out at its boundary and across a restart.

use leads_app::AdminCommand;
use leads_domain::access::{CertificationLevel, Role};
use leads_domain::clock::Clock;
use leads_domain::deadline::{COORDINATOR_VACANCY_DAYS, DeadlineKind};
use leads_domain::fields::{FieldDate, Ori};
use leads_testkit::{TestApp, backends};

use crate::lifecycle::mailbox;

const DAY: i64 = 24 * 3_600;

fn springfield() -> Ori {
    Ori::parse("IL0160000").unwrap()
}

async fn appoint(app: &TestApp, admin: &str, person: &str) {
    let command = AdminCommand::AppointCoordinator {
        ori: springfield(),
        person: person.into(),
    };
    let reply = app.admin(admin, command).await;
    assert_eq!(reply.code, "admin_done", "{}", reply.message);
}

async fn coordinator_of_springfield(app: &TestApp) -> Option<String> {
    let mut tx = leads_store::Store::begin_read(app.store.as_ref())
        .await
        .unwrap();
    let agency = tx.agency(&springfield()).await.unwrap().unwrap();
    tx.rollback().await.unwrap();
    agency.coordinator
}

async fn open_vacancies(app: &TestApp, admin: &str) -> usize {
    let reply = app
        .service
        .compliance(admin, Some("IL0160000"), None)
        .await
        .unwrap();
    reply
        .body
        .items
        .iter()
        .filter(|d| d.kind == DeadlineKind::CoordinatorVacancy)
        .count()
}

#[tokio::test]
async fn t1_a_vacant_coordinator_post_opens_a_deadline_and_tells_the_agency_and_the_administrator()
{
    for db in backends().await {
        let app = TestApp::start(db).await;
        let admin = app.token("ADMIN1", "T10A").await;
        appoint(&app, &admin, "OP16B").await;
        let queue = mailbox(&app, &admin, Some("ALL")).await;
        assert!(
            queue
                .iter()
                .any(|(kind, text)| kind == "coordinator_appointed"
                    && text
                        .contains("OP16B SAM BECKER IS THE LEADS AGENCY COORDINATOR OF IL0160000")),
            "the name is submitted to the Administrator: {queue:?}"
        );

        // Terminated: the account is disabled and the post falls vacant at once.
        let reply = app
            .admin(
                &admin,
                AdminCommand::DisableAccount {
                    id: "OP16B".into(),
                    reason: "EMPLOYMENT ENDED".into(),
                },
            )
            .await;
        assert_eq!(reply.code, "admin_done", "{}", reply.message);
        assert_eq!(coordinator_of_springfield(&app).await, None);
        assert_eq!(open_vacancies(&app, &admin).await, 1);
        let operator = app.token("OP16A", "T16A").await;
        let told = mailbox(&app, &operator, None).await;
        assert!(
            told.iter().any(|(kind, text)| kind == "coordinator_vacancy"
                && text.contains("ACCOUNT WAS DISABLED (EMPLOYMENT ENDED)")),
            "{told:?}"
        );

        // Unfilled, it is reminded at its deadline (a second early, nothing), across a restart.
        app.clock
            .advance_seconds(COORDINATOR_VACANCY_DAYS * DAY - 120);
        assert_eq!(app.service.sweep_deadlines().await.unwrap().notices, 0);
        let app = app.restart().await;
        app.clock.advance_seconds(120);
        let swept = app.service.sweep_deadlines().await.unwrap();
        assert_eq!((swept.notices, swept.escalations), (1, 1));

        // A new appointment closes the vacancy.
        let admin = app.token("ADMIN1", "T10A").await;
        appoint(&app, &admin, "CO16").await;
        assert_eq!(open_vacancies(&app, &admin).await, 0);
        assert_eq!(
            coordinator_of_springfield(&app).await.as_deref(),
            Some("CO16")
        );

        // The certification runs out: renewed to end in two days, the post falls vacant at the
        // end of the last certified day, not a second before.
        let today = FieldDate::from_date(app.clock.now().date());
        let ends = FieldDate::from_date(app.clock.now().date() + time::Duration::days(2));
        let reply = app
            .admin(
                &admin,
                AdminCommand::Certify {
                    id: "CO16".into(),
                    level: CertificationLevel::Full,
                    certified_on: today,
                    expires_on: Some(ends),
                },
            )
            .await;
        assert_eq!(reply.code, "admin_done", "{}", reply.message);
        let end = ends
            .date()
            .next_day()
            .unwrap()
            .midnight()
            .assume_utc()
            .unix_timestamp();
        let wait = end - app.clock.now().as_micros() / 1_000_000;
        app.clock.advance_seconds(wait - 1);
        app.service.sweep_deadlines().await.unwrap();
        assert_eq!(
            coordinator_of_springfield(&app).await.as_deref(),
            Some("CO16")
        );
        let app = app.restart().await;
        app.clock.advance_seconds(1);
        app.service.sweep_deadlines().await.unwrap();
        assert_eq!(
            coordinator_of_springfield(&app).await,
            None,
            "vacant at the end"
        );
        let mut tx = leads_store::Store::begin_read(app.store.as_ref())
            .await
            .unwrap();
        let former = tx.account("CO16").await.unwrap().unwrap();
        tx.rollback().await.unwrap();
        assert!(
            !former.person.has(Role::Coordinator),
            "the role goes with the post"
        );
        let admin = app.token("ADMIN1", "T10A").await;
        assert_eq!(open_vacancies(&app, &admin).await, 1);
        let queue = mailbox(&app, &admin, Some("ALL")).await;
        assert!(
            queue
                .iter()
                .any(|(_, text)| text.contains("CERTIFICATION RAN OUT (1240.90(a)(2)(B))")),
            "{queue:?}"
        );

        // Exactly one: the role is held by appointment, not given by set-roles.
        let second = app
            .admin(
                &admin,
                AdminCommand::SetRoles {
                    id: "OP16B".into(),
                    roles: vec![Role::Operator, Role::Coordinator],
                },
            )
            .await;
        assert_eq!(second.reasons[0].rule, "T1", "{}", second.message);
        assert_eq!(
            second.reasons[0].citation,
            "20 Ill. Adm. Code 1240.90(a)(1)"
        );

        // Reassigned: taking the coordinator role away vacates the post too.
        appoint(&app, &admin, "OP16A").await;
        let reply = app
            .admin(
                &admin,
                AdminCommand::SetRoles {
                    id: "OP16A".into(),
                    roles: vec![Role::Operator],
                },
            )
            .await;
        assert_eq!(reply.code, "admin_done", "{}", reply.message);
        assert_eq!(coordinator_of_springfield(&app).await, None);
        let entries = app.audit().await;
        assert!(
            entries
                .iter()
                .any(|e| e.entry.event == "coordinator_vacated" && e.entry.rules == ["T1"]),
            "the sweep's vacancy is audited with its rule"
        );
    }
}
