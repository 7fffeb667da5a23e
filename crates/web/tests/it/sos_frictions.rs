//! What the SOS Police and the agencies tripped on: release requests reach the SOS Police's own
//! mailbox, the flyer is served as a PDF when asked for, a transmission copy goes only to the
//! agency named at the request, and a case gathering people who are neither its suspects,
//! victims nor witnesses is flagged for the misuse review; on every backend.

use leads_api_types::{
    ImageRequestForm, LookupForm, ReleaseDecisionForm, ReleaseForm, SosDisseminationForm,
};
use leads_testkit::{SOS_HOLDERS, TestApp};

use crate::support::{signed_in, started_with_sos};

fn request(holder: usize, case: &str, role: &str) -> ImageRequestForm {
    ImageRequestForm {
        holder: LookupForm {
            dln: Some(SOS_HOLDERS[holder].0.into()),
            ..LookupForm::default()
        },
        investigation: Some("criminal".into()),
        case_number: Some(case.into()),
        subject_role: role.into(),
        ..ImageRequestForm::default()
    }
}

async fn mailbox(
    app: &TestApp,
    operator: &str,
    terminal: &str,
    scope: Option<&str>,
) -> Vec<leads_store::Message> {
    let token = app.token(operator, terminal).await;
    app.service
        .mailbox(&token, scope, false, None)
        .await
        .unwrap()
        .items
        .clone()
}

#[tokio::test]
async fn p4_release_requests_reach_the_sos_police_mailbox_and_the_flyer_is_a_pdf() {
    for (app, base) in started_with_sos().await {
        let springfield = signed_in(&app, &base, "OP16A", "T16A").await;
        let image = springfield
            .request_sos_image(&request(0, "2026-0900", "suspect"))
            .await
            .unwrap();
        let pending = springfield
            .request_sos_release(&ReleaseForm {
                case_image: image.items[0].id,
                necessity: "locate_suspect".into(),
                explanation: Some("ARMED SUSPECT AT LARGE AFTER SHOOTING".into()),
                no_other_image: true,
                identity_verification: Some("FINGERPRINTS MATCHED BOOKING 2019-331".into()),
            })
            .await
            .unwrap();
        assert_eq!(pending.code, "sos_release_pending", "{}", pending.message);
        let release = pending.items[0].id;

        let police = mailbox(&app, "SOSPD1", "T50A", None).await;
        let notice = police
            .iter()
            .find(|m| m.kind == "sos_release_request")
            .expect("the release request is in the SOS Police's mailbox");
        assert!(notice.text.contains("IL0160000"), "{}", notice.text);
        let desk = mailbox(&app, "SOSDESK1", "T50A", None).await;
        assert!(
            desk.iter().all(|m| m.kind != "sos_release_request"),
            "the SOS desk does not decide releases"
        );
        let police_token = app.token("SOSPD1", "T50A").await;
        let acknowledged = app
            .service
            .acknowledge_message(&police_token, None, notice.id, None)
            .await
            .unwrap();
        assert_eq!(
            acknowledged.code, "message_acknowledged",
            "{}",
            acknowledged.message
        );

        // Before approval, a PDF request gets the refusal as JSON.
        let refused = springfield.sos_release_flyer_pdf(release).await.unwrap();
        assert_eq!(refused.unwrap_err().header.outcome, "refused");
        let officer = signed_in(&app, &base, "SOSPD1", "T50A").await;
        let approved = officer
            .decide_sos_release(
                release,
                &ReleaseDecisionForm {
                    approve: true,
                    reference: Some("SOSPD-A-2026-90".into()),
                    note: None,
                },
            )
            .await
            .unwrap();
        assert_eq!(
            approved.code, "sos_release_approved",
            "{}",
            approved.message
        );
        let pdf = springfield
            .sos_release_flyer_pdf(release)
            .await
            .unwrap()
            .expect("served as application/pdf");
        assert!(pdf.starts_with(b"%PDF-1.4"));
        assert!(String::from_utf8_lossy(&pdf).contains("SOSPD-A-2026-90"));
        // Without asking for a PDF, the flyer comes in the JSON answer as before.
        let json = springfield.sos_release_flyer(release).await.unwrap();
        assert_eq!(json.code, "sos_release_flyer");
    }
}

#[tokio::test]
async fn p5_a_transmission_copy_goes_only_to_the_agency_named_at_the_request() {
    for (app, base) in started_with_sos().await {
        let springfield = signed_in(&app, &base, "OP16A", "T16A").await;
        let mut relay = request(2, "2026-0901", "suspect");
        relay.transmit_to = Some("IL0840000".into());
        let got = springfield.request_sos_image(&relay).await.unwrap();
        let id = got.items[0].id;
        let to = |ori: &str| SosDisseminationForm {
            case_image: id,
            case_number: "2026-0901".into(),
            recipient_ori: Some(ori.into()),
            recipient_person: "DET RECEIVER".into(),
            ..SosDisseminationForm::default()
        };
        let elsewhere = springfield
            .disseminate_sos_image(&to("IL1000000"))
            .await
            .unwrap();
        assert_eq!(elsewhere.outcome, "refused", "{}", elsewhere.message);
        assert!(
            elsewhere
                .reasons
                .iter()
                .any(|r| r.rule == "P5" && r.citation == "92 Ill. Adm. Code 1030.140(a)(3)"),
            "{:?}",
            elsewhere.reasons
        );
        let named = springfield
            .disseminate_sos_image(&to("IL0840000"))
            .await
            .unwrap();
        assert_eq!(named.code, "sos_disseminated", "{}", named.message);
    }
}

#[tokio::test]
async fn p2_a_case_gathering_people_who_are_not_its_subjects_is_flagged_for_review() {
    for (app, base) in started_with_sos().await {
        let springfield = signed_in(&app, &base, "OP16A", "T16A").await;
        // Suspects, victims and witnesses are what a case is about: no flag.
        for (holder, role) in [(0, "suspect"), (1, "victim"), (2, "witness")] {
            let got = springfield
                .request_sos_image(&request(holder, "2026-0902", role))
                .await
                .unwrap();
            assert_eq!(got.code, "sos_image", "{}", got.message);
        }
        let flagged = |messages: &[leads_store::Message]| {
            messages
                .iter()
                .filter(|m| m.kind == "misuse_review" && m.text.contains("NOT ITS SUSPECTS"))
                .count()
        };
        assert_eq!(
            flagged(&mailbox(&app, "ADMIN1", "T10A", Some("ALL")).await),
            0
        );
        // Three people who are none of these: the third is the flag, once.
        for holder in [3, 4, 0] {
            let got = springfield
                .request_sos_image(&request(holder, "2026-0903", "other"))
                .await
                .unwrap();
            assert_eq!(got.code, "sos_image", "{}", got.message);
        }
        let department = mailbox(&app, "ADMIN1", "T10A", Some("ALL")).await;
        assert_eq!(flagged(&department), 1, "{department:?}");
        let agency = mailbox(&app, "OP16A", "T16A", None).await;
        assert_eq!(flagged(&agency), 1);
        assert!(
            agency.iter().any(|m| m
                .text
                .contains("CASE 2026-0903 OF IL0160000 NOW HOLDS SOS IMAGES OF 3 PEOPLE")),
            "{agency:?}"
        );
        let again = springfield
            .request_sos_image(&request(1, "2026-0903", "other"))
            .await
            .unwrap();
        assert_eq!(again.code, "sos_image");
        assert_eq!(
            flagged(&mailbox(&app, "ADMIN1", "T10A", Some("ALL")).await),
            1,
            "told once"
        );
    }
}
