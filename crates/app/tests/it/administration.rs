//! Agencies, connections, terminals, people and sanctions, through the administrative commands
//! and into the transactions they allow or refuse, on every backend. Each refusal is checked in
//! the audit log.

use leads_app::{AdminData, AdminReply, SignIn};
use leads_domain::access::{
    AccessLevel, AdminCommand as C, Agreement, BasisEvidence, CertificationLevel, OffenseClass,
    Role, Service, ServiceScope,
};
use leads_domain::fields::{FieldDate, Ori};
use leads_domain::files::{Action, FileKind};
use leads_domain::reply::Outcome;
use leads_message::examples::{self, EXAMPLE_ORI};
use leads_testkit::{TestApp, backends};

fn ori(text: &str) -> Ori {
    Ori::parse(text).unwrap()
}

fn date(text: &str) -> FieldDate {
    FieldDate::parse("DATE", text, time::Date::MAX).unwrap()
}

async fn apps() -> Vec<TestApp> {
    let mut apps = Vec::new();
    for db in backends().await {
        apps.push(TestApp::start(db).await);
    }
    apps
}

fn done(reply: &AdminReply) {
    assert_eq!(
        (reply.outcome, reply.code.name()),
        (Outcome::Accepted, "admin_done"),
        "{}: {:?}",
        reply.message,
        reply.reasons
    );
}

fn refused_by(reply: &AdminReply) -> Vec<&str> {
    assert_ne!(
        reply.outcome,
        Outcome::Accepted,
        "expected a refusal: {}",
        reply.message
    );
    reply.reasons.iter().map(|r| r.rule.as_str()).collect()
}

async fn last_admin(app: &TestApp) -> leads_audit::AuditEntry {
    app.audit()
        .await
        .into_iter()
        .rev()
        .find(|e| e.entry.event == "admin")
        .unwrap()
        .entry
}

async fn query(app: &TestApp, token: &str, file: FileKind) -> leads_domain::reply::Reply {
    app.send(token, &examples::message(file, Action::Query, EXAMPLE_ORI))
        .await
}

#[tokio::test]
async fn a1_a2_an_agency_is_activated_only_with_basis_and_agreement() {
    for app in apps().await {
        let admin = app.token("ADMIN1", "T10A").await;
        let register = C::RegisterAgency {
            ori: ori("IL0450000"),
            name: "CAMPUS POLICE".into(),
            evidence: None,
            agreement: None,
            access: AccessLevel::Full,
        };
        done(&app.admin(&admin, register).await);
        let refused = app
            .admin(
                &admin,
                C::ActivateAgency {
                    ori: ori("IL0450000"),
                },
            )
            .await;
        assert_eq!(refused_by(&refused), ["A1", "A2"]);
        let entry = last_admin(&app).await;
        assert_eq!(
            (entry.outcome.as_str(), entry.rules.as_slice()),
            ("refused", ["A1".to_owned(), "A2".to_owned()].as_slice())
        );
        let thin = BasisEvidence::RailroadOrCampusPolice {
            arrest_powers_statute: "110 ILCS 1020".into(),
            justice_budget_percent: 20,
            officers_meet_training_law: true,
        };
        let update = C::UpdateAgency {
            ori: ori("IL0450000"),
            name: None,
            evidence: Some(thin),
            agreement: Some(Agreement {
                reference: "IA-45".into(),
                signed_on: date("20261101"),
            }),
            access: None,
        };
        done(&app.admin(&admin, update).await);
        let refused = app
            .admin(
                &admin,
                C::ActivateAgency {
                    ori: ori("IL0450000"),
                },
            )
            .await;
        assert_eq!(refused_by(&refused), ["A1"]);
        assert!(refused.message.contains("SUBSTANTIAL PART"));
        let good = BasisEvidence::RailroadOrCampusPolice {
            arrest_powers_statute: "110 ILCS 1020".into(),
            justice_budget_percent: 70,
            officers_meet_training_law: true,
        };
        done(
            &app.admin(
                &admin,
                C::UpdateAgency {
                    ori: ori("IL0450000"),
                    name: None,
                    evidence: Some(good),
                    agreement: None,
                    access: None,
                },
            )
            .await,
        );
        done(
            &app.admin(
                &admin,
                C::ActivateAgency {
                    ori: ori("IL0450000"),
                },
            )
            .await,
        );
    }
}

#[tokio::test]
async fn a4_connection_request_under_90_days_is_refused_and_terminals_wait_for_approval() {
    for app in apps().await {
        let admin = app.token("ADMIN1", "T10A").await;
        let request = |desired: &str, vendor_before: bool| C::RequestConnection {
            ori: ori("IL0160000"),
            received_on: date("20261101"),
            desired_on: date(desired),
            equipment: "MOBILE DATA TERMINALS OVER STATE VPN".into(),
            vendor: "ACME CAD".into(),
            vendor_previously_connected: vendor_before,
        };
        assert_eq!(
            refused_by(&app.admin(&admin, request("20270129", false)).await),
            ["A4"]
        );
        assert_eq!(last_admin(&app).await.rules, ["A4"]);
        let reply = app.admin(&admin, request("20270130", false)).await;
        done(&reply);
        let AdminData::Connection(id) = reply.data else {
            panic!()
        };
        assert_eq!(
            refused_by(
                &app.admin(
                    &admin,
                    C::WaiveConference {
                        id,
                        reason: "KNOWN".into()
                    }
                )
                .await
            ),
            ["A4"]
        );
        let coordinator = app.token("CO16", "T16A").await;
        done(
            &app.admin(
                &coordinator,
                C::RegisterTerminal {
                    id: "T16MDT1".into(),
                    ori: ori("IL0160000"),
                    location: "SQUAD 12".into(),
                    connection: Some(id),
                },
            )
            .await,
        );
        assert_eq!(
            refused_by(
                &app.admin(
                    &admin,
                    C::ApproveTerminal {
                        id: "T16MDT1".into()
                    }
                )
                .await
            ),
            ["A4"]
        );
        assert_eq!(
            refused_by(&app.admin(&admin, C::ApproveConfiguration { id }).await),
            ["A4"],
            "conference first"
        );
        done(
            &app.admin(
                &admin,
                C::RecordConference {
                    id,
                    held_on: date("20261115"),
                },
            )
            .await,
        );
        done(&app.admin(&admin, C::ApproveConfiguration { id }).await);
        assert_eq!(
            refused_by(
                &app.admin(
                    &coordinator,
                    C::ApproveTerminal {
                        id: "T16MDT1".into()
                    }
                )
                .await
            ),
            ["administrator-administers"]
        );
        done(
            &app.admin(
                &admin,
                C::ApproveTerminal {
                    id: "T16MDT1".into(),
                },
            )
            .await,
        );
        // A vendor that connected before may have the conference waived.
        let AdminData::Connection(known) = app.admin(&admin, request("20270301", true)).await.data
        else {
            panic!()
        };
        done(
            &app.admin(
                &admin,
                C::WaiveConference {
                    id: known,
                    reason: "VENDOR CONNECTED 12 AGENCIES".into(),
                },
            )
            .await,
        );
    }
}

#[tokio::test]
async fn o3_suspension_takes_effect_on_exactly_the_suspended_service_and_lifting_restores_it() {
    for app in apps().await {
        let admin = app.token("ADMIN1", "T10A").await;
        let operator = app.token("OP16A", "T16A").await;
        let suspend = C::SuspendService {
            ori: ori("IL0160000"),
            scope: ServiceScope::Only(Service::Wanted),
            reference: "SANCTION 2026-14 (MAJOR)".into(),
            reason: "IMPROPER DISSEMINATION".into(),
        };
        done(&app.admin(&admin, suspend).await);
        let refused = query(&app, &operator, FileKind::Wanted).await;
        assert_eq!(refused.outcome, Outcome::Refused);
        assert_eq!(refused.reasons[0].rule, "O3");
        assert_eq!(refused.reasons[0].citation, "20 Ill. Adm. Code 1240.110");
        let entry = app.audit().await.pop().unwrap().entry;
        assert_eq!(
            (entry.key.as_deref(), entry.rules.as_slice()),
            (Some("QW"), ["O3".to_owned()].as_slice())
        );
        assert_eq!(
            query(&app, &operator, FileKind::Gun).await.outcome,
            Outcome::Accepted,
            "other services still work"
        );
        done(
            &app.admin(
                &admin,
                C::LiftSuspension {
                    ori: ori("IL0160000"),
                    scope: ServiceScope::Only(Service::Wanted),
                    reason: "HEARING: NO VIOLATION".into(),
                },
            )
            .await,
        );
        assert_eq!(
            query(&app, &operator, FileKind::Wanted).await.outcome,
            Outcome::Accepted
        );
        done(
            &app.admin(
                &admin,
                C::SuspendService {
                    ori: ori("IL0160000"),
                    scope: ServiceScope::All,
                    reference: "S-15".into(),
                    reason: "AUDIT REFUSED".into(),
                },
            )
            .await,
        );
        assert_eq!(
            query(&app, &operator, FileKind::Gun).await.reasons[0].rule,
            "O3"
        );
    }
}

#[tokio::test]
async fn a3_less_than_full_agency_cannot_use_ungranted_file() {
    for app in apps().await {
        let admin = app.token("ADMIN1", "T10A").await;
        let operator = app.token("OP16A", "T16A").await;
        let access = AccessLevel::LessThanFull {
            services: [Service::Vehicle, Service::Plate].into(),
        };
        done(
            &app.admin(
                &admin,
                C::UpdateAgency {
                    ori: ori("IL0160000"),
                    name: None,
                    evidence: None,
                    agreement: None,
                    access: Some(access),
                },
            )
            .await,
        );
        assert_eq!(
            query(&app, &operator, FileKind::Vehicle).await.outcome,
            Outcome::Accepted
        );
        let refused = query(&app, &operator, FileKind::Wanted).await;
        assert_eq!(refused.reasons[0].rule, "A3");
        assert_eq!(app.audit().await.pop().unwrap().entry.rules, ["A3"]);
    }
}

/// Creates a person through the coordinator and signs them in with their own enrollment.
async fn enrolled(app: &TestApp, coordinator: &str, id: &str) -> String {
    let create = C::CreatePerson {
        id: id.into(),
        name: "NEW HIRE".into(),
        ori: ori("IL0160000"),
        roles: vec![Role::Operator],
        password: "a long enough passphrase".into(),
        dob: None,
    };
    let reply = app.admin(coordinator, create).await;
    done(&reply);
    let AdminData::Enrollment(enrollment) = reply.body.data else {
        panic!("{:?}", reply.data)
    };
    app.clock.advance_seconds(30);
    let code = leads_app::totp::code(&enrollment.secret, app.clock.now_unix()).unwrap();
    let attempt = SignIn {
        operator: id,
        password: "a long enough passphrase",
        code: &code,
        terminal: "T16A",
        accept_banner: true,
    };
    app.service.sign_in(attempt).await.unwrap().token
}

trait UnixNow {
    fn now_unix(&self) -> i64;
}

impl UnixNow for leads_domain::clock::ManualClock {
    fn now_unix(&self) -> i64 {
        use leads_domain::clock::Clock;
        self.now().as_micros() / 1_000_000
    }
}

#[tokio::test]
async fn s1_operator_without_fingerprint_check_is_refused_until_it_is_recorded() {
    for app in apps().await {
        let coordinator = app.token("CO16", "T16A").await;
        let admin = app.token("ADMIN1", "T10A").await;
        let new = enrolled(&app, &coordinator, "OP16N").await;
        let certify = C::Certify {
            id: "OP16N".into(),
            level: CertificationLevel::Full,
            certified_on: date("20261115"),
            expires_on: None,
        };
        assert_eq!(
            refused_by(&app.admin(&coordinator, certify.clone()).await),
            ["administrator-administers"],
            "the Department certifies"
        );
        done(&app.admin(&admin, certify).await);
        let refused = query(&app, &new, FileKind::Wanted).await;
        assert_eq!(
            refused
                .reasons
                .iter()
                .map(|r| r.rule.as_str())
                .collect::<Vec<_>>(),
            ["S1"]
        );
        let entry = app.audit().await.pop().unwrap().entry;
        assert_eq!(
            (entry.rules.as_slice(), entry.citations.as_slice()),
            (
                ["S1".to_owned()].as_slice(),
                ["20 Ill. Adm. Code 1240.50(b)(1)".to_owned()].as_slice()
            )
        );
        let record = C::RecordBackground {
            id: "OP16N".into(),
            state_clear: true,
            fbi_clear: true,
            completed_on: date("20261110"),
            reference: "TCN-99".into(),
        };
        done(&app.admin(&coordinator, record).await);
        assert_eq!(
            query(&app, &new, FileKind::Wanted).await.outcome,
            Outcome::Accepted
        );
    }
}

#[tokio::test]
async fn t2_uncertified_operator_is_refused() {
    for app in apps().await {
        let coordinator = app.token("CO16", "T16A").await;
        let new = enrolled(&app, &coordinator, "OP16M").await;
        let record = C::RecordBackground {
            id: "OP16M".into(),
            state_clear: true,
            fbi_clear: true,
            completed_on: date("20261110"),
            reference: "TCN-98".into(),
        };
        done(&app.admin(&coordinator, record).await);
        assert_eq!(query(&app, &new, FileKind::Gun).await.reasons[0].rule, "T2");
    }
}

#[tokio::test]
async fn s2_conviction_or_denial_for_a_pending_charge_bars_access() {
    for app in apps().await {
        let admin = app.token("ADMIN1", "T10A").await;
        let coordinator = app.token("CO16", "T16A").await;
        let operator = app.token("OP16B", "T16A").await;
        let charge = C::RecordCharge {
            id: "OP16B".into(),
            class: OffenseClass::Felony,
            description: "THEFT OVER 500".into(),
            filed_on: date("20261120"),
        };
        done(&app.admin(&coordinator, charge).await);
        assert_eq!(
            query(&app, &operator, FileKind::Gun).await.outcome,
            Outcome::Accepted,
            "a pending charge alone does not bar"
        );
        let deny = C::DenyForCharge {
            id: "OP16B".into(),
            reason: "PENDING FELONY CHARGE".into(),
        };
        assert_eq!(
            refused_by(&app.admin(&coordinator, deny.clone()).await),
            ["administrator-administers"],
            "the Administrator decides"
        );
        done(&app.admin(&admin, deny).await);
        assert_eq!(
            query(&app, &operator, FileKind::Gun).await.reasons[0].rule,
            "S2"
        );
        let other = app.token("OP16A", "T16A").await;
        let conviction = C::RecordConviction {
            id: "OP16A".into(),
            class: OffenseClass::MoralTurpitude,
            description: "FORGERY".into(),
            on: date("20190101"),
        };
        done(&app.admin(&coordinator, conviction).await);
        assert_eq!(
            query(&app, &other, FileKind::Gun).await.reasons[0].rule,
            "S2"
        );
    }
}

#[tokio::test]
async fn t1_coordinator_manages_only_the_own_agency() {
    for app in apps().await {
        let coordinator = app.token("CO16", "T16A").await;
        let other_agency = C::CreatePerson {
            id: "OP84Z".into(),
            name: "X".into(),
            ori: ori("IL0840000"),
            roles: vec![Role::Operator],
            password: "a long enough passphrase".into(),
            dob: None,
        };
        assert_eq!(
            refused_by(&app.admin(&coordinator, other_agency).await),
            ["administrator-administers", "T1"]
        );
        let admin_role = C::CreatePerson {
            id: "OP16Z".into(),
            name: "X".into(),
            ori: ori("IL0160000"),
            roles: vec![Role::Administrator],
            password: "a long enough passphrase".into(),
            dob: None,
        };
        assert_eq!(
            refused_by(&app.admin(&coordinator, admin_role).await),
            ["T1"]
        );
        assert_eq!(last_admin(&app).await.rules, ["T1"]);
        let suspend = C::SuspendService {
            ori: ori("IL0160000"),
            scope: ServiceScope::All,
            reference: "X".into(),
            reason: "X".into(),
        };
        assert_eq!(
            refused_by(&app.admin(&coordinator, suspend).await),
            ["administrator-administers"]
        );
        let AdminData::People(people) = app
            .admin(&coordinator, C::ListPeople { ori: None })
            .await
            .body
            .data
        else {
            panic!()
        };
        assert!(people.iter().all(|p| p.person.ori.as_str() == "IL0160000"));
        let blocked = C::CreatePerson {
            id: "OP16Y".into(),
            name: "X".into(),
            ori: ori("IL0160000"),
            roles: vec![Role::Operator],
            password: "password123".into(),
            dob: None,
        };
        assert_eq!(
            app.admin(&coordinator, blocked).await.code,
            "auth_password_rejected"
        );
    }
}

#[tokio::test]
async fn t1_appointing_a_coordinator_needs_a_certified_employee() {
    for app in apps().await {
        let admin = app.token("ADMIN1", "T10A").await;
        let wrong_agency = C::AppointCoordinator {
            ori: ori("IL0160000"),
            person: "OP84A".into(),
        };
        assert_eq!(refused_by(&app.admin(&admin, wrong_agency).await), ["T1"]);
        let expired = C::AppointCoordinator {
            ori: ori("IL0160000"),
            person: "OP16X".into(),
        };
        assert_eq!(refused_by(&app.admin(&admin, expired).await), ["T1"]);
        done(
            &app.admin(
                &admin,
                C::AppointCoordinator {
                    ori: ori("IL0160000"),
                    person: "OP16B".into(),
                },
            )
            .await,
        );
        let AdminData::Agency(agency) = app
            .admin(
                &admin,
                C::ShowAgency {
                    ori: ori("IL0160000"),
                },
            )
            .await
            .body
            .data
        else {
            panic!()
        };
        assert_eq!(agency.coordinator.as_deref(), Some("OP16B"));
    }
}

#[tokio::test]
async fn auditors_cannot_administer_and_operators_cannot_either() {
    for app in apps().await {
        let auditor = app.token("AUD1", "T10A").await;
        let operator = app.token("OP16A", "T16A").await;
        for token in [&auditor, &operator] {
            let reply = app
                .admin(
                    token,
                    C::ActivateAgency {
                        ori: ori("IL0160000"),
                    },
                )
                .await;
            assert_eq!(refused_by(&reply), ["administrator-administers"]);
            assert!(
                reply.message.starts_with("NO POLICY PERMITS MANAGE_AGENCY"),
                "{}",
                reply.message
            );
        }
        let entry = last_admin(&app).await;
        assert_eq!(
            (entry.operator.as_deref(), entry.outcome.as_str()),
            (Some("OP16A"), "refused")
        );
    }
}

#[tokio::test]
async fn account_administration_is_audited_without_secrets() {
    for app in apps().await {
        let coordinator = app.token("CO16", "T16A").await;
        enrolled(&app, &coordinator, "OP16K").await;
        let entry = app
            .audit()
            .await
            .into_iter()
            .find(|e| e.entry.key.as_deref() == Some("create_person"))
            .unwrap()
            .entry;
        assert_eq!(entry.detail, "id=OP16K ori=IL0160000 roles=operator");
        assert!(!entry.canonical_contains("a long enough passphrase"));
        done(
            &app.admin(&coordinator, C::ResetSecondFactor { id: "OP16K".into() })
                .await,
        );
        done(
            &app.admin(
                &coordinator,
                C::DisableAccount {
                    id: "OP16K".into(),
                    reason: "LEFT THE AGENCY".into(),
                },
            )
            .await,
        );
        let keys: Vec<String> = app
            .audit()
            .await
            .into_iter()
            .filter_map(|e| e.entry.key)
            .collect();
        assert!(
            keys.ends_with(&[
                "create_person".into(),
                "reset_second_factor".into(),
                "disable_account".into()
            ]),
            "{keys:?}"
        );
    }
}

trait Canonical {
    fn canonical_contains(&self, text: &str) -> bool;
}

impl Canonical for leads_audit::AuditEntry {
    fn canonical_contains(&self, text: &str) -> bool {
        format!("{self:?}").contains(text)
    }
}
