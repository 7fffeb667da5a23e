//! `leads oversight` against a running demo server: the Department schedules and notifies an
//! audit (O1), the notice prints as PDF, the coordinator files the agency's discipline
//! standards (S4), and an act out of order is refused citing its paragraph.

use crate::support::{cli, cli_login, demo_server, person};

fn oversight(url: &str, token: &str, act: &str, arguments: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = ["oversight", act, "--url", url, "--token", token]
        .map(String::from)
        .to_vec();
    args.extend(arguments.iter().map(|a| (*a).to_owned()));
    args
}

#[tokio::test(flavor = "multi_thread")]
async fn o1_s4_leads_oversight_schedules_notifies_prints_and_files_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = demo_server(dir.path(), 10).await;
    let admin = cli_login(person("DEMOADMIN"), &url).await;
    let coordinator = cli_login(person("DEMOCOORD"), &url).await;
    let today = leads_domain::clock::Clock::now(&leads_domain::clock::SystemClock).date();
    let tomorrow = (today + time::Duration::days(1)).to_string();

    let (code, out, err) = cli(oversight(
        &url,
        &admin,
        "schedule-audit",
        &["ori=IL0160000", &format!("date={tomorrow}")],
    ))
    .await;
    assert_eq!(code, 0, "{out}{err}");
    let reply: serde_json::Value = serde_json::from_str(&out).unwrap();
    let id = reply["audits"][0]["id"].as_i64().unwrap();
    assert_eq!(reply["audits"][0]["stage"], "scheduled");

    let (code, out, _) = cli(oversight(
        &url,
        &admin,
        "record-presence",
        &[
            &format!("id:={id}"),
            "name=ROBIN CHEN",
            "capacity=coordinator",
        ],
    ))
    .await;
    assert_eq!(code, 1, "not before the notice: {out}");
    assert!(out.contains("1240.100(a)"), "{out}");

    let (code, out, err) = cli(oversight(
        &url,
        &admin,
        "notify-audit",
        &[
            &format!("id:={id}"),
            "make_available=TERMINAL LOGS, DISSEMINATION LOGS, TRAINING RECORDS",
        ],
    ))
    .await;
    assert_eq!(code, 0, "{out}{err}");
    let pdf = dir.path().join("notice.pdf");
    let (code, out, err) = cli(oversight(
        &url,
        &coordinator,
        "document",
        &[
            &format!("id:={id}"),
            "which=notice",
            "--save",
            pdf.to_str().unwrap(),
        ],
    ))
    .await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-1.4"));
    let (code, out, _) = cli(oversight(
        &url,
        &coordinator,
        "document",
        &[&format!("id:={id}"), "which=report"],
    ))
    .await;
    assert_eq!(code, 1, "no report yet: {out}");
    assert!(
        out.contains("out_of_order") && out.contains("1240.100(c)"),
        "{out}"
    );

    let (code, out, err) = cli(oversight(
        &url,
        &coordinator,
        "file-discipline-standards",
        &[
            "ori=IL0160000",
            "document=GENERAL ORDER 12-4",
            "adopted_on=20260115",
        ],
    ))
    .await;
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = cli(oversight(&url, &admin, "audit-schedule", &[])).await;
    assert_eq!(code, 0, "{out}");
    let reply: serde_json::Value = serde_json::from_str(&out).unwrap();
    let springfield = reply["schedule"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ori"] == "IL0160000")
        .unwrap();
    assert_eq!(springfield["scheduled_audit"], id);
    assert_eq!(springfield["discipline_standards"], true);
    assert_eq!(
        springfield["due_now"], false,
        "its audit is on the calendar"
    );

    let (code, help, _) = cli(["oversight".to_owned(), "help".to_owned()].to_vec()).await;
    assert_eq!(code, 0);
    assert!(help.contains("record-plan"));
}

#[tokio::test(flavor = "multi_thread")]
async fn o3_leads_oversight_suspends_entries_at_once_and_prints_the_notice_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = demo_server(dir.path(), 10).await;
    let director = cli_login(person("DEMODIRECTOR"), &url).await;
    let coordinator = cli_login(person("DEMOCOORD"), &url).await;
    let today = leads_domain::clock::Clock::now(&leads_domain::clock::SystemClock).date();
    let in_days = |n: i64| (today + time::Duration::days(n)).to_string();
    let allegations =
        r#"allegations:=[{"rule":"S3","text":"ENTRIES MADE WITHOUT A WARRANT ON FILE"}]"#;
    let entries = r#"suspend:=[{"part":{"service":"wanted","part":"entries"}}]"#;

    let late = format!("hearing_on={}", in_days(11));
    let (code, out, _) = cli(oversight(
        &url,
        &director,
        "open-violation",
        &["ori=IL0160000", "class=major", allegations, entries, &late],
    ))
    .await;
    assert_eq!(code, 1, "a hearing later than 10 days: {out}");
    assert!(out.contains("1240.110(c)(3)"), "{out}");

    let on_time = format!("hearing_on={}", in_days(7));
    let (code, out, err) = cli(oversight(
        &url,
        &director,
        "open-violation",
        &[
            "ori=IL0160000",
            "class=major",
            allegations,
            entries,
            &on_time,
        ],
    ))
    .await;
    assert_eq!(code, 0, "{out}{err}");
    let reply: serde_json::Value = serde_json::from_str(&out).unwrap();
    let id = reply["violations"][0]["id"].as_i64().unwrap();
    assert_eq!(reply["violations"][0]["class"], "major");
    assert_eq!(
        reply["violations"][0]["next_hearing"],
        serde_json::Value::String(in_days(7).replace('-', ""))
    );

    let pdf = dir.path().join("suspension.pdf");
    let (code, out, err) = cli(oversight(
        &url,
        &coordinator,
        "violation-document",
        &[
            &format!("id:={id}"),
            "which=notice",
            "--save",
            pdf.to_str().unwrap(),
        ],
    ))
    .await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-1.4"));
    let (code, out, _) = cli(oversight(
        &url,
        &coordinator,
        "violation-document",
        &[&format!("id:={id}"), "which=notice"],
    ))
    .await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("ENTRIES OF THE WANTED SERVICE"), "{out}");
    let (code, out, _) = cli(oversight(
        &url,
        &coordinator,
        "violation-document",
        &[&format!("id:={id}"), "which=decision"],
    ))
    .await;
    assert_eq!(code, 1, "no decision before the hearing: {out}");
    assert!(out.contains("1240.110(e)"), "{out}");
}
