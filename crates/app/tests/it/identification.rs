//! Record identification as NCIC does it (rule H7): locate, clear, cancel and modify name the
//! record by two identifiers, and a second identifier that is not the record's is refused; a
//! gun is asked for by serial number and make; a name inquiry also finds a record whose alias
//! (AKA) is the name, marked as an alias hit.

use leads_domain::files::FileKind;
use leads_message::{examples, render_reply};
use leads_testkit::{TestApp, backends};

const PEORIA: &str = "IL0840000";

#[tokio::test]
async fn h7_a_locate_names_the_record_by_number_and_name_and_a_wrong_name_is_refused() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let owner = app.token("OP16A", "T16A").await;
        let entered = app.send(&owner, &examples::entry(FileKind::Wanted)).await;
        let nic = entered.records[0].nic().unwrap().to_string();
        let peoria = app.token("OP84A", "T84A").await;

        let number_alone = app
            .send(
                &peoria,
                &format!("LW.{PEORIA}.NIC/{nic}.DOL/20261121.LCA/L-1"),
            )
            .await;
        assert_eq!(number_alone.code, "record_reference_missing");
        assert_eq!(
            number_alone.message,
            "LW NEEDS NIC OR LRN WITH NAM TO IDENTIFY THE RECORD"
        );

        let wrong = app
            .send(
                &peoria,
                &format!("LW.{PEORIA}.NIC/{nic}.NAM/DOE, JANE.DOL/20261121.LCA/L-1"),
            )
            .await;
        assert_eq!(wrong.code, "identity_mismatch", "{}", wrong.message);
        assert!(wrong.message.starts_with("NAM/DOE, JANE DOES NOT MATCH"));

        let located = app
            .send(
                &peoria,
                &format!("LW.{PEORIA}.NIC/{nic}.NAM/DOE, JOHN.DOL/20261121.LCA/L-1"),
            )
            .await;
        assert_eq!(located.code, "located", "{}", located.message);
    }
}

#[tokio::test]
async fn h7_cancel_and_clear_need_the_case_number_beside_the_number() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let owner = app.token("OP16A", "T16A").await;
        let entered = app.send(&owner, &examples::entry(FileKind::Vehicle)).await;
        let lrn = entered.records[0].lrn().to_string();

        let wrong = app
            .send(
                &owner,
                &format!("XV.IL0160000.LRN/{lrn}.OCA/2026-999999.DOC/20261121.RPS/ERROR"),
            )
            .await;
        assert_eq!(wrong.code, "identity_mismatch", "{}", wrong.message);
        let still = app
            .send(
                &owner,
                &examples::message(
                    FileKind::Vehicle,
                    leads_domain::files::Action::Query,
                    "IL0160000",
                ),
            )
            .await;
        assert_eq!(
            still.records[0].status().name(),
            "active",
            "nothing written"
        );

        // By case number and VIN, without the number.
        let cleared = app
            .send(
                &owner,
                "CV.IL0160000.OCA/2026-000125.VIN/1M8GDM9AXKP042788.DCL/20261121.RPS/RECOVERED",
            )
            .await;
        assert_eq!(cleared.code, "cleared", "{}", cleared.message);
    }
}

#[tokio::test]
async fn h7_a_modify_by_number_and_case_number_corrects_the_name() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let owner = app.token("OP16A", "T16A").await;
        let entered = app.send(&owner, &examples::entry(FileKind::Wanted)).await;
        let nic = entered.records[0].nic().unwrap().to_string();

        let corrected = app
            .send(
                &owner,
                &format!("MW.IL0160000.NIC/{nic}.OCA/2026-000123.NAM/DOE, JONATHAN A"),
            )
            .await;
        assert_eq!(corrected.code, "modified", "{}", corrected.message);
        let record = &corrected.records[0];
        assert_eq!(
            record.fields().name().unwrap().to_string(),
            "DOE, JONATHAN A"
        );
        assert_eq!(
            record
                .fields()
                .text(leads_domain::fields::FieldCode::Oca)
                .as_deref(),
            Some("2026-000123")
        );

        let neither = app
            .send(
                &owner,
                &format!("MW.IL0160000.NIC/{nic}.OCA/2026-000999.NAM/ROE, RICHARD"),
            )
            .await;
        assert_eq!(neither.code, "identity_mismatch", "{}", neither.message);

        let unchanged = app
            .send(
                &owner,
                &format!("MW.IL0160000.NIC/{nic}.OCA/2026-000123.NAM/DOE, JONATHAN A"),
            )
            .await;
        assert_eq!(unchanged.code, "nothing_to_modify", "{}", unchanged.message);
    }
}

#[tokio::test]
async fn a_gun_inquiry_by_serial_number_is_narrowed_by_make() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let owner = app.token("OP16A", "T16A").await;
        let entered = app.send(&owner, &examples::entry(FileKind::Gun)).await;
        assert_eq!(entered.code, "entered", "{}", entered.message);

        let same = app
            .send(
                &owner,
                "QG.IL0160000.SER/GUN12345.MAK/SMITH  AND WESSON.PUR/C.CAS/2026-555",
            )
            .await;
        assert_eq!(same.code, "hit", "{}", same.message);
        let other = app
            .send(
                &owner,
                "QG.IL0160000.SER/GUN12345.MAK/COLT.PUR/C.CAS/2026-555",
            )
            .await;
        assert_eq!(other.code, "no_hit", "{}", other.message);
    }
}

#[tokio::test]
async fn a_name_inquiry_finds_a_record_by_its_alias_and_marks_the_alias_hit() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let owner = app.token("OP16A", "T16A").await;
        let with_alias = format!(
            "{}.AKA/SMITH, JOHNNY.POB/MO",
            examples::entry(FileKind::Wanted)
        );
        let entered = app.send(&owner, &with_alias).await;
        assert_eq!(entered.code, "entered", "{}", entered.message);

        let by_alias = app
            .send(
                &owner,
                "QW.IL0160000.NAM/SMITH, JOHNNY.SEX/M.DOB/19800115.PUR/C.CAS/2026-555",
            )
            .await;
        assert_eq!(by_alias.code, "hit", "{}", by_alias.message);
        assert_eq!(by_alias.alias_hits.len(), 1);
        assert_eq!(by_alias.alias_hits[0].1, "SMITH, JOHNNY");
        let text = render_reply(&by_alias);
        assert!(text.contains("ALIAS HIT"), "{text}");
        assert!(text.contains("POB/MO"), "{text}");

        let by_name = app
            .send(
                &owner,
                "QW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115.PUR/C.CAS/2026-555",
            )
            .await;
        assert_eq!(by_name.code, "hit", "{}", by_name.message);
        assert!(by_name.alias_hits.is_empty(), "found by name, not alias");
    }
}
