//! Directory profiles survive the database unchanged, on every backend.

use leads_domain::access::{
    AccessLevel, Agency, BasisEvidence, ConnectionRequest, OffenseClass, Service, ServiceScope,
    Suspension,
};
use leads_domain::clock::Timestamp;
use leads_domain::fields::{FieldDate, Ori};
use leads_store::{AccountStatus, Store};
use leads_testkit::{TestApp, backends, cleared_person};

fn date(text: &str) -> FieldDate {
    FieldDate::parse("DATE", text, time::Date::MAX).unwrap()
}

#[tokio::test]
async fn agencies_accounts_and_connections_round_trip() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let store = app.store.as_ref();
        let mut agency = Agency::new(Ori::parse("IL0460000").unwrap(), "DISPATCH CENTER");
        agency.evidence = Some(BasisEvidence::DispatchCenter {
            criminal_justice_ori: Ori::parse("IL0160000").unwrap(),
            agreement: "DISPATCH AGREEMENT 4".into(),
            approved_by_administrator_on: Some(date("20260101")),
            incorporated_in_interagency_agreement: true,
        });
        agency.access = AccessLevel::LessThanFull {
            services: [Service::Vehicle, Service::SosImages].into(),
        };
        agency.suspensions.push(Suspension {
            scope: ServiceScope::All,
            reference: "S-1".into(),
            reason: "AUDIT REFUSED".into(),
            since_micros: 42,
            imposed_by: "ADMIN1".into(),
        });
        let mut person = cleared_person("OP46A", "ALEX DISPATCH", "IL0460000", &[]);
        person.convictions.push(leads_domain::access::Conviction {
            class: OffenseClass::Other,
            description: "SPEEDING".into(),
            on: date("20100101"),
        });
        let request = ConnectionRequest::new(
            agency.ori.clone(),
            date("20260101"),
            date("20260601"),
            "CAD LINK",
            "ACME",
            true,
        )
        .unwrap();

        let mut tx = store.begin().await.unwrap();
        tx.put_agency(&agency).await.unwrap();
        // A new account made from another's credentials: the person's id is the row key.
        let mut account = tx.account("OP16A").await.unwrap().unwrap();
        account.person = person.clone();
        account.status = AccountStatus::Disabled("LEFT".into());
        account.last_sign_in_at = Some(Timestamp::from_micros(7));
        tx.put_account(&account).await.unwrap();
        let id = tx
            .insert_connection(&request, Timestamp::from_micros(1))
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        assert_eq!(tx.agency(&agency.ori).await.unwrap(), Some(agency.clone()));
        let stored = tx.account("OP46A").await.unwrap().unwrap();
        assert_eq!(stored.person, person);
        assert_eq!(stored.status, AccountStatus::Disabled("LEFT".into()));
        assert_eq!(stored.last_sign_in_at, Some(Timestamp::from_micros(7)));
        assert_eq!(tx.connection(id).await.unwrap(), Some(request.clone()));
        assert_eq!(
            tx.connections(Some(&agency.ori)).await.unwrap(),
            vec![(id, request)]
        );
        assert!(tx.agencies().await.unwrap().contains(&agency));
        assert_eq!(tx.accounts(Some(&agency.ori)).await.unwrap().len(), 1);
        assert_eq!(
            tx.account("OP16A").await.unwrap().unwrap().status,
            AccountStatus::Active,
            "the original is untouched"
        );
        tx.rollback().await.unwrap();
    }
}
