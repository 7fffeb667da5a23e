//! Person and property searches, on every backend, as NCIC performs them.

use leads_domain::reply::{Outcome, Reply};
use leads_testkit::{TestApp, backends};

fn wanted(name: &str, sex: &str, race: &str, dob: &str, oca: &str, extra: &str) -> String {
    format!(
        "EW.IL0160000.NAM/{name}.SEX/{sex}.RAC/{race}.DOB/{dob}.HGT/510.WGT/180.EYE/BRO.HAI/BLK.OFF/1399.DOW/20261101.OCA/{oca}.SDC/WAR.SDN/W-{oca}.DRI/20261120{extra}"
    )
}

async fn seeded() -> Vec<(TestApp, String)> {
    let mut out = Vec::new();
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        for text in [
            wanted("SMITH, JOHN", "M", "W", "19800115", "1", ""),
            wanted("SMITH, JANE", "F", "W", "19800115", "2", ""),
            wanted("SMITH, JOHNNY", "M", "B", "19800115", "3", ""),
            wanted("SMITH, JOHN", "M", "W", "19810115", "4", ".CMC/80"),
            wanted("JONES, JOHN", "M", "W", "19800115", "5", ".SOC/219099999"),
            wanted("GARCIA-LOPEZ, ANA", "F", "W", "19900101", "6", ".CMC/00"),
            wanted("SMITH, JOHN", "M", "W", "19750101", "7", ".CMC/05.CMC/00"),
        ] {
            let reply = app.send(&token, &text).await;
            assert_eq!(reply.code, "entered", "{text}: {}", reply.message);
        }
        out.push((app, token));
    }
    out
}

fn ocas(reply: &Reply) -> Vec<String> {
    assert_eq!(reply.outcome, Outcome::Accepted, "{}", reply.message);
    reply
        .records
        .iter()
        .map(|r| {
            r.fields()
                .text(leads_domain::fields::FieldCode::Oca)
                .unwrap()
        })
        .collect()
}

async fn query(app: &TestApp, token: &str, criteria: &str) -> Vec<String> {
    ocas(
        &app.send(token, &format!("QW.IL0160000.{criteria}.PUR/C.CAS/T-1"))
            .await,
    )
}

#[tokio::test]
async fn surnames_match_phonetically_with_exact_dob_by_default() {
    for (app, token) in seeded().await {
        let mut found = query(&app, &token, "NAM/SMYTHE, JON.SEX/M.DOB/19800115").await;
        found.sort();
        assert_eq!(found, ["1", "3"]);
    }
}

#[tokio::test]
async fn expanded_dob_searches_plus_or_minus_one_year() {
    for (app, token) in seeded().await {
        let mut found = query(
            &app,
            &token,
            "NAM/SMITH, JOHN.SEX/M.RAC/W.DOB/19800115.EXD/Y",
        )
        .await;
        found.sort();
        // 19810115 is within a year and carries a medical code, so it is listed first.
        assert_eq!(found, ["1", "4"]);
        let ordered = query(
            &app,
            &token,
            "NAM/SMITH, JOHN.SEX/M.RAC/W.DOB/19800115.EXD/Y",
        )
        .await;
        assert_eq!(ordered, ["4", "1"]);
    }
}

#[tokio::test]
async fn sex_restricts_and_race_narrows_as_ncic_does() {
    for (app, token) in seeded().await {
        assert_eq!(
            query(&app, &token, "NAM/SMITH, JANE.SEX/F.DOB/19800115").await,
            ["2"]
        );
        // W excludes B.
        assert_eq!(
            query(&app, &token, "NAM/SMITH, JOHN.SEX/M.RAC/W.DOB/19800115").await,
            ["1"]
        );
        // B excludes W.
        assert_eq!(
            query(&app, &token, "NAM/SMITH, JOHN.SEX/M.RAC/B.DOB/19800115").await,
            ["3"]
        );
        // A, I and U search all races.
        let mut all = query(&app, &token, "NAM/SMITH, JOHN.SEX/M.RAC/U.DOB/19800115").await;
        all.sort();
        assert_eq!(all, ["1", "3"]);
    }
}

#[tokio::test]
async fn a_name_with_an_identifier_searches_the_identifier_alone() {
    for (app, token) in seeded().await {
        // The name does not match the record; the SOC does.
        assert_eq!(
            query(&app, &token, "NAM/NOBODY, AT ALL.SOC/219099999").await,
            ["5"]
        );
        assert!(query(&app, &token, "SOC/219099998").await.is_empty());
    }
}

#[tokio::test]
async fn compound_surnames_are_found_by_each_part() {
    for (app, token) in seeded().await {
        assert_eq!(
            query(&app, &token, "NAM/LOPEZ, ANA.SEX/F.DOB/19900101").await,
            ["6"]
        );
        assert_eq!(
            query(&app, &token, "NAM/GARCIA, ANA.SEX/F.DOB/19900101").await,
            ["6"]
        );
        assert_eq!(
            query(&app, &token, "NAM/GARCIA-LOPEZ, ANA.SEX/F.DOB/19900101").await,
            ["6"]
        );
    }
}

#[tokio::test]
async fn hits_with_officer_safety_cautions_come_first() {
    for (app, token) in seeded().await {
        let reply = app
            .send(
                &token,
                "QWA.IL0160000.NAM/SMITH, JOHN.SEX/M.DOB/19750101.EXD/Y.PUR/S.CAS/T-1",
            )
            .await;
        assert_eq!(ocas(&reply), ["7"]);
        assert_eq!(reply.records[0].fields().cautions()[0].code(), "00");
        let text = leads_message::render_reply(&reply);
        assert!(
            text.starts_with("***** CAUTION - 1 OF THESE RECORDS CARRY CAUTION INDICATORS *****\n"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn vehicles_are_found_by_vin_or_plate_and_plates_by_state() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        let vehicle = leads_message::examples::entry(leads_domain::files::FileKind::Vehicle);
        let plate = leads_message::examples::entry(leads_domain::files::FileKind::Plate)
            .replace("XYZ789", "ABC123");
        assert_eq!(app.send(&token, &vehicle).await.code, "entered");
        assert_eq!(app.send(&token, &plate).await.code, "entered");
        let by_plate = app
            .send(&token, "QV.IL0160000.LIC/ABC123.PUR/S.CAS/T-1")
            .await;
        assert_eq!(
            by_plate.records.len(),
            2,
            "QV searches the vehicle and plate files"
        );
        let other_state = app
            .send(&token, "QV.IL0160000.LIC/ABC123.LIS/WI.PUR/S.CAS/T-1")
            .await;
        assert_eq!(other_state.code, "no_hit");
        let by_vin = app
            .send(&token, "QV.IL0160000.VIN/1M8GDM9AXKP042788.PUR/S.CAS/T-1")
            .await;
        assert_eq!(by_vin.records.len(), 1);
        let plate_only = app
            .send(&token, "QL.IL0160000.LIC/ABC123.PUR/S.CAS/T-1")
            .await;
        assert_eq!(plate_only.records.len(), 1);
        assert_eq!(
            plate_only.records[0].file(),
            leads_domain::files::FileKind::Plate
        );
    }
}
