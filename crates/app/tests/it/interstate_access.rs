//! N1: the Administrator approves a person for the interstate network, and withdraws the
//! approval; a coordinator cannot give it.

use leads_app::{AdminData, AdminReply};
use leads_domain::access::AdminCommand as C;
use leads_domain::reply::Outcome;
use leads_testkit::{TestApp, backends};

async fn approval_of(app: &TestApp, admin: &str, id: &str) -> Option<String> {
    let reply = app.admin(admin, C::ListPeople { ori: None }).await;
    let AdminData::People(people) = reply.body.data else {
        panic!("no people listed: {}", reply.message)
    };
    people
        .into_iter()
        .find(|p| p.person.id == id)
        .and_then(|p| p.person.interstate_approval)
        .map(|a| a.by)
}

fn outcome(reply: &AdminReply) -> (Outcome, Vec<&str>) {
    (
        reply.outcome,
        reply.reasons.iter().map(|r| r.rule.as_str()).collect(),
    )
}

#[tokio::test]
async fn n1_only_the_administrator_approves_a_person_for_interstate_access() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let admin = app.token("ADMIN1", "T10A").await;
        let coordinator = app.token("CO16", "T16A").await;
        let approve = C::ApproveInterstate { id: "OP16A".into() };
        let refused = app.admin(&coordinator, approve.clone()).await;
        assert_eq!(
            outcome(&refused),
            (Outcome::Refused, vec!["administrator-administers"]),
            "{}",
            refused.message
        );
        assert_eq!(approval_of(&app, &admin, "OP16A").await, None);
        let approved = app.admin(&admin, approve).await;
        assert_eq!(approved.outcome, Outcome::Accepted, "{}", approved.message);
        assert_eq!(approved.message, "OP16A APPROVED FOR INTERSTATE ACCESS");
        assert_eq!(
            approval_of(&app, &admin, "OP16A").await.as_deref(),
            Some("ADMIN1")
        );
        let withdraw = C::WithdrawInterstate {
            id: "OP16A".into(),
            reason: "left the patrol division".into(),
        };
        let withdrawn = app.admin(&admin, withdraw.clone()).await;
        assert_eq!(
            withdrawn.outcome,
            Outcome::Accepted,
            "{}",
            withdrawn.message
        );
        assert_eq!(approval_of(&app, &admin, "OP16A").await, None);
        let again = app.admin(&admin, withdraw).await;
        assert_ne!(again.outcome, Outcome::Accepted);
        assert!(again.message.contains("NOT APPROVED"), "{}", again.message);
    }
}
