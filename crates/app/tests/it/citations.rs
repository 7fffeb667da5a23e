//! Every refusal names a rule and cites the most specific paragraph the code knows: a
//! connection request under 90 days cites 1240.40(a)(1); an SOS request without a case number
//! cites the paragraph that makes the investigation lawful and the case-record paragraph; a
//! purpose, investigation or category outside the lawful list cites the rule that lists the
//! lawful ones; a default deny names the rule that would have granted the act and to whom. A
//! sweep over the refusal paths checks each carries a rule id and a citation.

use leads_domain::access::AdminCommand as C;
use leads_domain::fields::FieldDate;
use leads_domain::files::FileKind;
use leads_domain::reply::{Outcome, Reason};
use leads_domain::sos::{DeskForm, ImageRequestForm, LookupForm};
use leads_message::examples;
use leads_testkit::{SOS_HOLDERS, TestApp, backends, ori};

fn date(text: &str) -> FieldDate {
    FieldDate::parse("DATE", text, time::Date::MAX).unwrap()
}

fn cited(reasons: &[Reason]) -> Vec<(&str, &str)> {
    reasons
        .iter()
        .map(|r| (r.rule.as_str(), r.citation.as_str()))
        .collect()
}

fn sos_request(investigation: Option<&str>, case: Option<&str>) -> ImageRequestForm {
    ImageRequestForm {
        holder: LookupForm {
            dln: Some(SOS_HOLDERS[0].0.into()),
            ..LookupForm::default()
        },
        investigation: investigation.map(Into::into),
        case_number: case.map(Into::into),
        subject_role: "suspect".into(),
        ..ImageRequestForm::default()
    }
}

/// One refused act of each kind: `(what, outcome, reasons)`.
type Refused = (&'static str, Outcome, Vec<Reason>);

#[tokio::test]
async fn a4_p1_p2_d1_refusals_cite_the_most_specific_paragraph() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        app.seed_sos().await;
        let admin = app.token("ADMIN1", "T10A").await;
        let connection = app
            .admin(
                &admin,
                C::RequestConnection {
                    ori: ori("IL0160000"),
                    received_on: date("20261101"),
                    desired_on: date("20270129"),
                    equipment: "MOBILE DATA TERMINALS".into(),
                    vendor: "ACME CAD".into(),
                    vendor_previously_connected: false,
                },
            )
            .await;
        assert_eq!(
            cited(&connection.reasons),
            [("A4", "20 Ill. Adm. Code 1240.40(a)(1)")]
        );

        let operator = app.token("OP16A", "T16A").await;
        let no_case = app
            .service
            .request_sos_image(&operator, sos_request(Some("criminal"), None), None)
            .await
            .unwrap();
        let mut both = cited(&no_case.reasons);
        both.sort_unstable();
        assert_eq!(
            both,
            [
                ("P1", "92 Ill. Adm. Code 1030.140(b)(1)(D) and (E)"),
                ("P2", "92 Ill. Adm. Code 1030.140(a)(2)")
            ]
        );

        let curiosity = app
            .service
            .request_sos_image(
                &operator,
                sos_request(Some("curiosity"), Some("2026-1")),
                None,
            )
            .await
            .unwrap();
        assert_eq!(curiosity.outcome, Outcome::Refused);
        assert_eq!(
            cited(&curiosity.reasons),
            [("P1", "92 Ill. Adm. Code 1030.140(b)(1)(D) and (E)")]
        );
        assert_eq!(
            curiosity.message,
            "INV/curiosity INVALID CODE - A LAWFUL INVESTIGATION IS CRIMINAL OR CIVIL"
        );

        let desk = app.token("SOSDESK1", "T50A").await;
        let neighbour = app
            .service
            .sos_desk_request(
                &desk,
                DeskForm {
                    category: "neighbor".into(),
                    requester: "A NEIGHBOUR".into(),
                    holder: LookupForm {
                        dln: Some(SOS_HOLDERS[0].0.into()),
                        ..LookupForm::default()
                    },
                    ..DeskForm::default()
                },
                None,
            )
            .await
            .unwrap();
        assert_eq!(
            cited(&neighbour.reasons),
            [("P1", "92 Ill. Adm. Code 1030.140(b)(1)")]
        );
        assert!(
            neighbour.message.contains("(A) individual")
                && neighbour.message.contains("(I) public_defender"),
            "{}",
            neighbour.message
        );

        let purpose = app
            .send(
                &operator,
                "QW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115.PUR/Z.CAS/2026-1",
            )
            .await;
        assert_eq!(purpose.outcome, Outcome::Refused);
        assert_eq!(
            cited(&purpose.reasons),
            [("D1", "20 Ill. Adm. Code 1240.80(a)")]
        );
        assert!(
            purpose
                .message
                .starts_with("PUR/Z INVALID CODE - THE LAWFUL PURPOSES ARE C ")
        );

        // A default deny: the auditor may not query; the rule that lets operators, and its
        // citation, are named.
        let auditor = app.token("AUD1", "T10A").await;
        let denied = app
            .send(
                &auditor,
                &examples::message(
                    FileKind::Wanted,
                    leads_domain::files::Action::Query,
                    "IL1000000",
                ),
            )
            .await;
        assert_eq!(
            cited(&denied.reasons),
            [("T2", "20 Ill. Adm. Code 1240.90(b)(1)")]
        );
        assert!(
            denied.reasons[0]
                .text
                .ends_with("IT IS GRANTED WHERE: CERTIFIED OPERATORS RUN HOT-FILE TRANSACTIONS"),
            "{}",
            denied.reasons[0].text
        );
    }
}

#[tokio::test]
async fn every_refusal_names_a_rule_and_a_citation() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        app.seed_sos().await;
        let own = app.token("OP16A", "T16A").await;
        let other = app.token("OP84A", "T84A").await;
        let auditor = app.token("AUD1", "T10A").await;
        let desk = app.token("SOSDESK1", "T50A").await;
        let coordinator = app.token("CO16", "T16A").await;
        let entered = app.send(&own, &examples::entry(FileKind::Wanted)).await;
        let nic = entered.records[0].nic().unwrap().to_string();
        let mut refused: Vec<Refused> = Vec::new();
        let mut message = |what: &'static str, reply: leads_domain::reply::Reply| {
            refused.push((what, reply.outcome, reply.reasons.clone()));
        };
        for (what, token, text) in [
            (
                "telephone report alone (H2)",
                &own,
                examples::entry(FileKind::Vehicle).replace("SDC/CMP", "SDC/TEL"),
            ),
            (
                "inquiry without purpose (D1)",
                &own,
                "QW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115".to_owned(),
            ),
            (
                "purpose outside the list (D1)",
                &own,
                "QV.IL0160000.LIC/ABC123.PUR/Q.CAS/1".to_owned(),
            ),
            (
                "another agency's record (H7)",
                &other,
                format!("XW.IL0840000.NIC/{nic}.NAM/DOE, JOHN.DOC/20261121.RPS/NOT OURS"),
            ),
            (
                "in another agency's name (S3)",
                &own,
                "QV.IL0840000.LIC/ABC123.PUR/C.CAS/1".to_owned(),
            ),
            (
                "confirming an own record (H6)",
                &own,
                format!("YQ.IL0160000.NIC/{nic}.PRI/R"),
            ),
            (
                "the owner locating (H7)",
                &own,
                format!("LW.IL0160000.NIC/{nic}.NAM/DOE, JOHN.DOL/20261121.LCA/L-1"),
            ),
            (
                "unofficial message (D1)",
                &own,
                "AM.IL0160000.DST/IL0840000.MSG/HELLO".to_owned(),
            ),
            (
                "broadcast by an agency (D1)",
                &own,
                "AM.IL0160000.AMC/SYS.DST/ALL.MSG/DOWN AT NOON".to_owned(),
            ),
            (
                "auditor querying (default deny)",
                &auditor,
                "QW.IL1000000.NAM/DOE, JOHN.SEX/M.DOB/19800115.PUR/C.CAS/1".to_owned(),
            ),
        ] {
            message(what, app.send(token, &text).await);
        }
        let admin = |token: &str, command: C| {
            let app = &app;
            let token = token.to_owned();
            async move { app.admin(&token, command).await }
        };
        let reply = admin(
            &coordinator,
            C::ActivateAgency {
                ori: ori("IL0840000"),
            },
        )
        .await;
        refused.push((
            "coordinator activating another agency",
            reply.outcome,
            reply.reasons.clone(),
        ));
        let reply = admin(&own, C::ListAgencies).await;
        refused.push((
            "operator administering",
            reply.outcome,
            reply.reasons.clone(),
        ));
        for (what, form) in [
            (
                "SOS without case (P1, P2)",
                sos_request(Some("criminal"), None),
            ),
            (
                "SOS without investigation (P1)",
                sos_request(None, Some("2026-1")),
            ),
            (
                "SOS curiosity (P1)",
                sos_request(Some("curiosity"), Some("2026-1")),
            ),
        ] {
            let reply = app
                .service
                .request_sos_image(&own, form, None)
                .await
                .unwrap();
            refused.push((what, reply.outcome, reply.reasons.clone()));
        }
        let reply = app
            .service
            .sos_desk_request(
                &desk,
                DeskForm {
                    category: "public_defender".into(),
                    requester: "COUNTY PUBLIC DEFENDER".into(),
                    holder: LookupForm {
                        dln: Some(SOS_HOLDERS[0].0.into()),
                        ..LookupForm::default()
                    },
                    ..DeskForm::default()
                },
                None,
            )
            .await
            .unwrap();
        refused.push((
            "public defender without appointment (P1)",
            reply.outcome,
            reply.reasons.clone(),
        ));
        // A refused sign-in answers with an error; its audit entry names the control.
        let wrong_password = app
            .service
            .sign_in(leads_app::SignIn {
                operator: "OP16A",
                password: "not the password",
                code: "000000",
                terminal: "T16A",
                accept_banner: true,
            })
            .await;
        assert!(wrong_password.is_err());
        let entry = app
            .audit()
            .await
            .into_iter()
            .rev()
            .find(|e| e.entry.event == "sign_in")
            .unwrap()
            .entry;
        assert_eq!(
            (entry.rules.as_slice(), entry.citations.len()),
            (["IA-2".to_owned()].as_slice(), 1)
        );

        for (what, outcome, reasons) in &refused {
            assert_eq!(*outcome, Outcome::Refused, "{what}: {reasons:?}");
            assert!(!reasons.is_empty(), "{what}: no reason");
            for reason in reasons {
                assert!(
                    !reason.rule.is_empty(),
                    "{what}: a reason without a rule: {reason:?}"
                );
                assert!(
                    !reason.citation.is_empty(),
                    "{what}: {} without a citation",
                    reason.rule
                );
            }
        }
    }
}
