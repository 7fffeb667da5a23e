//! Administrative messages (`AM`, rule D1 at 20 Ill. Adm. Code 1240.80(b)): official free text
//! to an agency, to several, to a region, or — the Department's alone — to every agency; each
//! states its official class, lands in the addressed mailboxes and is audited.

use leads_domain::reply::Outcome;
use leads_testkit::{TestApp, backends};

async fn mailbox_texts(app: &TestApp, token: &str) -> Vec<String> {
    let reply = app.service.mailbox(token, None, false, None).await.unwrap();
    reply.items.iter().map(|m| m.text.clone()).collect()
}

/// The newest audit entry of an administrative message.
async fn last_am_entry(app: &TestApp) -> leads_audit::AuditEntry {
    app.audit()
        .await
        .into_iter()
        .rev()
        .find(|e| e.entry.key.as_deref() == Some("AM"))
        .unwrap()
        .entry
}

async fn peoria_and_state(app: &TestApp) -> (Vec<String>, Vec<String>) {
    let peoria = app.token("OP84A", "T84A").await;
    let admin = app.token("ADMIN1", "T10A").await;
    (
        mailbox_texts(app, &peoria).await,
        mailbox_texts(app, &admin).await,
    )
}

#[tokio::test]
async fn d1_a_message_without_an_official_class_is_refused_citing_1240_80_b() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        let refused = app
            .send(
                &token,
                "AM.IL0160000.DST/IL0840000.MSG/ANYONE UP FOR LUNCH ON FRIDAY",
            )
            .await;
        assert_eq!(refused.outcome, Outcome::Refused, "{}", refused.message);
        assert_eq!(refused.code, "rule_refused");
        assert_eq!(refused.reasons[0].rule, "D1");
        assert_eq!(refused.reasons[0].citation, "20 Ill. Adm. Code 1240.80(b)");
        assert!(refused.message.contains("PERSONAL OR UNOFFICIAL MESSAGES"));
        let (peoria, _) = peoria_and_state(&app).await;
        assert!(peoria.is_empty(), "nothing delivered: {peoria:?}");
        let entry = last_am_entry(&app).await;
        assert_eq!(
            (entry.key.as_deref(), entry.citations.as_slice()),
            (
                Some("AM"),
                ["20 Ill. Adm. Code 1240.80(b)".to_owned()].as_slice()
            )
        );

        let unknown_class = app
            .send(&token, "AM.IL0160000.AMC/XYZ.DST/IL0840000.MSG/TEST")
            .await;
        assert!(
            unknown_class.message.starts_with(
                "AMC/XYZ INVALID CODE - THE OFFICIAL MESSAGE CLASSES ARE AMB AMBER ALERT"
            ),
            "{}",
            unknown_class.message
        );
        assert_eq!(unknown_class.outcome, Outcome::Refused);
        assert_eq!(
            (
                unknown_class.reasons[0].rule.as_str(),
                unknown_class.reasons[0].citation.as_str()
            ),
            ("D1", "20 Ill. Adm. Code 1240.80(b)")
        );
    }
}

#[tokio::test]
async fn d1_an_agency_writes_to_one_agency_several_or_a_region_and_each_is_audited() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        let one = app
            .send(
                &token,
                "AM.IL0160000.AMC/INF.DST/IL0840000.CAS/2026-555.MSG/REQUEST BOOKING PHOTO OF DOE, JOHN ARRESTED 11-20",
            )
            .await;
        assert_eq!(one.code, "administrative_message_sent", "{}", one.message);
        assert_eq!(one.message, "AMC/INF SENT TO 1 AGENCY: IL0840000");
        let (peoria, state) = peoria_and_state(&app).await;
        let delivered = peoria.last().unwrap();
        for shown in [
            "AMC/INF CASE INFORMATION",
            "FROM IL0160000 (SPRINGFIELD POLICE DEPARTMENT) PAT ALVAREZ",
            "CAS/2026-555",
            "REQUEST BOOKING PHOTO OF DOE, JOHN",
        ] {
            assert!(delivered.contains(shown), "{shown} in {delivered}");
        }
        assert!(state.is_empty(), "not addressed to the Department");
        let entry = last_am_entry(&app).await;
        assert_eq!(entry.key.as_deref(), Some("AM"));
        assert!(
            entry.detail.contains("AMC/INF TO IL0840000"),
            "{}",
            entry.detail
        );
        assert!(
            entry.detail.contains("REQUEST BOOKING PHOTO"),
            "{}",
            entry.detail
        );

        // Several, the second in an Nlets-style header.
        let several = app
            .send(
                &token,
                "AM.IL0160000.IL1000000.TXT AMC/TRN.DST/IL0840000.MSG/CERTIFICATION CLASS MOVED TO 12-09",
            )
            .await;
        assert_eq!(
            several.message,
            "AMC/TRN SENT TO 2 AGENCIES: IL1000000, IL0840000"
        );
        let (peoria, state) = peoria_and_state(&app).await;
        assert_eq!(peoria.len(), 2);
        assert!(state.last().unwrap().contains("CERTIFICATION CLASS MOVED"));

        // A region: county 084's agencies.
        let region = app
            .send(
                &token,
                "AM.IL0160000.AMC/ATL.DST/IL084.MSG/BOLO RED FORD F150 PLATE ABC123",
            )
            .await;
        assert_eq!(
            region.message, "AMC/ATL SENT TO 1 AGENCY: REGION IL084",
            "{}",
            region.message
        );
        let (peoria, state) = peoria_and_state(&app).await;
        assert_eq!((peoria.len(), state.len()), (3, 1));

        // Nobody there: refused, nothing sent.
        for (destination, said) in [
            (
                "DST/IL0990000",
                "DST/IL0990000 IS NOT AN ACTIVE AGENCY OF LEADS",
            ),
            (
                "DST/IL0450000",
                "DST/IL0450000 IS NOT AN ACTIVE AGENCY OF LEADS",
            ),
            (
                "DST/IL077",
                "DST/IL077 - NO OTHER ACTIVE AGENCY IN THIS REGION",
            ),
            (
                "DST/IL01",
                "DST/IL01 MUST BE AN ORI, A REGION (5-8 CHARACTERS OF AN ORI) OR ALL",
            ),
            (
                "DST/QQ016",
                "DST/QQ016 NOT A REGION (THE FIRST 5-8 CHARACTERS OF AN ORI)",
            ),
        ] {
            let refused = app
                .send(
                    &token,
                    &format!("AM.IL0160000.AMC/INF.{destination}.MSG/TEST"),
                )
                .await;
            assert_eq!(refused.message, said, "{destination}");
        }
        let (peoria, _) = peoria_and_state(&app).await;
        assert_eq!(peoria.len(), 3, "nothing more delivered");
    }
}

#[tokio::test]
async fn d1_a_statewide_broadcast_is_the_department_s_alone() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        let refused = app
            .send(
                &token,
                "AM.IL0160000.AMC/AMB.DST/ALL.MSG/AMBER ALERT - WHITE FORD VAN IL PLATE XYZ789",
            )
            .await;
        assert_eq!(refused.outcome, Outcome::Refused, "{}", refused.message);
        assert_eq!(refused.reasons[0].rule, "D1");
        assert_eq!(refused.reasons[0].citation, "20 Ill. Adm. Code 1240.80(b)");
        assert!(
            refused.reasons[0]
                .text
                .contains("BROADCAST IS THE DEPARTMENT'S ALONE"),
            "{:?}",
            refused.reasons
        );
        let (peoria, _) = peoria_and_state(&app).await;
        assert!(peoria.is_empty());

        let admin = app.token("ADMIN1", "T10A").await;
        let broadcast = app
            .send(
                &admin,
                "AM.IL1000000.AMC/AMB.DST/ALL.MSG/AMBER ALERT - WHITE FORD VAN IL PLATE XYZ789",
            )
            .await;
        assert_eq!(
            broadcast.message, "AMC/AMB SENT TO 2 AGENCIES: ALL AGENCIES",
            "{:?}",
            broadcast.reasons
        );
        let springfield = app.token("OP16B", "T16A").await;
        for token in [springfield, app.token("OP84A", "T84A").await] {
            let texts = mailbox_texts(&app, &token).await;
            assert!(
                texts
                    .last()
                    .unwrap()
                    .contains("AMC/AMB AMBER ALERT - CHILD ABDUCTION FROM IL1000000"),
                "{texts:?}"
            );
        }
    }
}
