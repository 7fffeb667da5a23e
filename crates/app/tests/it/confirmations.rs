//! Hit confirmation in the Nlets layout (rule H6): YQ and YR as Nlets publishes them — RTY,
//! RNO, PRI, OCA, NIC, the identifying set, RNA, RAG, PHO, REM — beside the short form; the owner
//! sees who asks and the requester who answered; identifying fields must match the record.

use leads_domain::access::AdminCommand;
use leads_domain::files::FileKind;
use leads_message::examples;
use leads_testkit::{TestApp, backends, ori};

async fn mailbox_texts(app: &TestApp, token: &str) -> Vec<String> {
    let reply = app.service.mailbox(token, None, false, None).await.unwrap();
    reply.items.iter().map(|m| m.text.clone()).collect()
}

#[tokio::test]
async fn h6_yq_and_yr_in_the_nlets_layout_tell_each_side_who_the_other_is() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let owner = app.token("OP16A", "T16A").await;
        let entered = app.send(&owner, &examples::entry(FileKind::Wanted)).await;
        assert_eq!(entered.code, "entered", "{}", entered.message);
        let nic = entered.records[0].nic().unwrap().to_string();

        let peoria = app.token("OP84A", "T84A").await;
        let asked = app
            .send(
                &peoria,
                &format!(
                    "YQ.IL0840000.RTY/WP.RNO/1.PRI/U.OCA/2026-000123.NIC/{nic}.NAM/DOE, JOHN.DOB/19800115.SEX/M.RNA/SGT R MILLER.RAG/PEORIA COUNTY SHERIFF.PHO/309-555-0100.REM/DRIVER DETAINED AT TRAFFIC STOP"
                ),
            )
            .await;
        assert_eq!(asked.code, "confirmation_requested", "{}", asked.message);
        let owner = app.token("OP16A", "T16A").await;
        let request = mailbox_texts(&app, &owner).await.pop().unwrap();
        for shown in [
            "FROM IL0840000",
            "PEORIA COUNTY SHERIFF",
            "SGT R MILLER",
            "PHO/309-555-0100",
            "DRIVER DETAINED AT TRAFFIC STOP",
        ] {
            assert!(request.contains(shown), "{shown} in {request}");
        }

        let answered = app
            .send(
                &owner,
                &format!(
                    "YR.IL0160000.RTY/WP.OCA/2026-000123.NIC/{nic}.NAM/DOE, JOHN.CNF/Y.RNA/OFC P ALVAREZ.PHO/217-555-0199.REM/WARRANT ACTIVE - HOLD"
                ),
            )
            .await;
        assert_eq!(
            answered.code, "confirmation_answered",
            "{}",
            answered.message
        );
        let peoria = app.token("OP84A", "T84A").await;
        let response = mailbox_texts(&app, &peoria).await.pop().unwrap();
        for shown in [
            "FROM IL0160000",
            "OFC P ALVAREZ",
            "PHO/217-555-0199",
            "CONFIRMED",
            "WARRANT ACTIVE - HOLD",
        ] {
            assert!(response.contains(shown), "{shown} in {response}");
        }
    }
}

#[tokio::test]
async fn h6_a_confirmation_whose_identifying_fields_do_not_match_the_record_is_rejected() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let owner = app.token("OP16A", "T16A").await;
        let entered = app.send(&owner, &examples::entry(FileKind::Wanted)).await;
        let nic = entered.records[0].nic().unwrap().to_string();
        let peoria = app.token("OP84A", "T84A").await;
        for (fields, named) in [
            ("RTY/SV", "RTY/SV"),
            ("NAM/SMITH, JOHN", "NAM/SMITH, JOHN"),
            ("OCA/OTHER-CASE", "OCA/OTHER-CASE"),
            ("DOB/19810115", "DOB/19810115"),
        ] {
            let refused = app
                .send(&peoria, &format!("YQ.IL0840000.PRI/R.NIC/{nic}.{fields}"))
                .await;
            assert_eq!(
                refused.code, "identity_mismatch",
                "{fields}: {}",
                refused.message
            );
            assert!(refused.message.starts_with(named), "{}", refused.message);
        }
        // The name may leave out the middle initial, as operators do.
        let asked = app
            .send(
                &peoria,
                &format!("YQ.IL0840000.PRI/R.NIC/{nic}.NAM/DOE, JOHN"),
            )
            .await;
        assert_eq!(asked.code, "confirmation_requested", "{}", asked.message);
    }
}

#[tokio::test]
async fn h6_a_short_form_request_shows_the_requester_s_agency_person_and_24_hour_phone() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let admin = app.token("ADMIN1", "T10A").await;
        let bad = app
            .admin(
                &admin,
                AdminCommand::SetAgencyPhone {
                    ori: ori("IL0840000"),
                    phone: "CALL US".into(),
                },
            )
            .await;
        assert_eq!(bad.code.name(), "invalid_request", "{}", bad.message);
        let set = app
            .admin(
                &admin,
                AdminCommand::SetAgencyPhone {
                    ori: ori("IL0840000"),
                    phone: "309-555-0111".into(),
                },
            )
            .await;
        assert_eq!(set.code.name(), "admin_done", "{}", set.message);
        assert_eq!(set.message, "24-HOUR PHONE OF IL0840000 IS 309-555-0111");

        let owner = app.token("OP16A", "T16A").await;
        let entered = app.send(&owner, &examples::entry(FileKind::Wanted)).await;
        let nic = entered.records[0].nic().unwrap().to_string();
        let peoria = app.token("OP84A", "T84A").await;
        let asked = app
            .send(&peoria, &format!("YQ.IL0840000.NIC/{nic}.PRI/U"))
            .await;
        assert_eq!(asked.code, "confirmation_requested", "{}", asked.message);
        let owner = app.token("OP16A", "T16A").await;
        let request = mailbox_texts(&app, &owner).await.pop().unwrap();
        for shown in ["FROM IL0840000", "DANA KOWALSKI", "PHO/309-555-0111"] {
            assert!(request.contains(shown), "{shown} in {request}");
        }
    }
}
