//! No fishing (rule P2): limits on SOS image requests per case and per operator, and the
//! misuse review told when one operator pulls images for many unrelated cases; on every backend.

use leads_app::{ServiceConfig, SosLimits};
use leads_domain::reply::Outcome;
use leads_domain::sos::{ImageRequestForm, LookupForm};
use leads_testkit::{SOS_HOLDERS, TestApp, backends};

fn request(holder: usize, case: &str) -> ImageRequestForm {
    ImageRequestForm {
        holder: LookupForm {
            dln: Some(SOS_HOLDERS[holder].0.into()),
            ..LookupForm::default()
        },
        investigation: Some("criminal".into()),
        case_number: Some(case.into()),
        subject_role: "suspect".into(),
        ..ImageRequestForm::default()
    }
}

#[tokio::test]
async fn p2_no_fishing_limits_per_case_and_operator_and_the_misuse_flag() {
    for db in backends().await {
        let config = ServiceConfig {
            sos: SosLimits {
                per_operator_per_day: 4,
                per_case: 2,
                flag_cases_per_day: 3,
                ..SosLimits::default()
            },
            ..ServiceConfig::default()
        };
        let app = TestApp::start_with(db, config).await;
        app.seed_sos().await;
        let token = app.token("OP16A", "T16A").await;
        let ask = |holder: usize, case: &'static str| {
            let service = app.service.clone();
            let token = token.clone();
            async move {
                service
                    .request_sos_image(&token, request(holder, case), None)
                    .await
                    .unwrap()
            }
        };
        assert_eq!(ask(0, "CASE-A").await.code, "sos_image");
        assert_eq!(ask(1, "CASE-A").await.code, "sos_image");
        let third = ask(2, "CASE-A").await;
        assert_eq!(third.outcome, Outcome::Refused);
        assert_eq!(third.reasons[0].rule, "P2");
        assert!(third.reasons[0].text.contains("THIS CASE"));
        assert_eq!(ask(2, "CASE-B").await.code, "sos_image");
        let admin = app.token("ADMIN1", "T10A").await;
        let before = app
            .service
            .mailbox(&admin, Some("ALL"), true, None)
            .await
            .unwrap();
        assert!(before.items.iter().all(|m| m.kind != "misuse_review"));
        // The third unrelated case in 24 hours reaches the review threshold.
        assert_eq!(ask(3, "CASE-C").await.code, "sos_image");
        let flagged = app
            .service
            .mailbox(&admin, Some("ALL"), true, None)
            .await
            .unwrap();
        let flag = flagged
            .items
            .iter()
            .find(|m| m.kind == "misuse_review")
            .unwrap();
        assert!(flag.text.contains("OP16A") && flag.text.contains("3 DIFFERENT CASES"));
        let agency = app.service.mailbox(&token, None, true, None).await.unwrap();
        assert!(agency.items.iter().any(|m| m.kind == "misuse_review"));
        // Four accepted today: the operator's daily limit.
        let fifth = ask(4, "CASE-D").await;
        assert_eq!(fifth.outcome, Outcome::Refused);
        assert!(
            fifth
                .reasons
                .iter()
                .any(|r| r.rule == "P2" && r.text.contains("OPERATOR"))
        );
        // A day later the operator may ask again.
        app.clock.advance_seconds(24 * 3600 + 60);
        let token = app.token("OP16A", "T16A").await;
        let next_day = app
            .service
            .request_sos_image(&token, request(4, "CASE-D"), None)
            .await
            .unwrap();
        assert_eq!(next_day.code, "sos_image", "{}", next_day.message);
    }
}
