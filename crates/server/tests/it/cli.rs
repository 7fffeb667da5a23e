//! The `leads` command end to end: the README's flow against a real server, and the demo seed.

use leads::cli::DatabaseArgs;
use leads::demo::{self, DEMO_OPERATORS, DEMO_QUERY};
use leads::server::{open_store, service};

use crate::support::{cli, cli_login, demo_server, leads, leads_with_input, login};

#[tokio::test(flavor = "multi_thread")]
async fn the_readme_flow_works_with_the_leads_client() {
    let dir = tempfile::tempdir().unwrap();
    let url = demo_server(dir.path(), 300).await;
    let (token, err) = login(DEMO_OPERATORS[0], &url).await;
    assert!(
        err.contains("RESTRICTED CRIMINAL JUSTICE INFORMATION SYSTEM"),
        "the banner is shown: {err}"
    );
    assert_eq!(token.len(), 64);

    let (code, out, err) = tokio::task::spawn_blocking({
        let (url, token) = (url.clone(), token.clone());
        move || {
            leads(&[
                "client", "send", "--url", &url, "--token", &token, DEMO_QUERY,
            ])
        }
    })
    .await
    .unwrap();
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("***** CAUTION - 1 OF THESE RECORDS CARRY CAUTION INDICATORS *****"),
        "{out}"
    );
    assert!(out.contains("NAM/DOE, JOHN A"), "{out}");

    let (code, out, _) = tokio::task::spawn_blocking({
        let (url, token) = (url.clone(), token.clone());
        move || {
            leads(&[
                "client",
                "send",
                "--url",
                &url,
                "--token",
                &token,
                "--json",
                "QW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115",
            ])
        }
    })
    .await
    .unwrap();
    assert_eq!(code, 1, "a refusal exits with 1");
    let reply: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(reply["reasons"][0]["rule"], "D1");

    // The README's SOS image request, as written there: the first demo holder, for a case.
    let form: leads_api_types::ImageRequestForm = serde_json::from_str(
        r#"{"holder":{"dln":"R10000000000"},"investigation":"criminal","case_number":"2026-000001","subject_role":"suspect"}"#,
    )
    .unwrap();
    let sos = leads_client::Client::new(&url)
        .with_token(token.clone())
        .request_sos_image(&form)
        .await
        .unwrap();
    assert_eq!(sos.code, "sos_image", "{}", sos.message);
    assert!(
        sos.disclaimer
            .starts_with("Only for use as authorized by 625 ILCS 5/6-110.1")
    );
    assert!(sos.items[0].image_base64.is_some());

    let (code, _, err) = tokio::task::spawn_blocking(move || {
        leads(&[
            "client", "send", "--url", &url, "--token", "nonsense", DEMO_QUERY,
        ])
    })
    .await
    .unwrap();
    assert_eq!(code, 2);
    assert!(err.contains("auth_required"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_is_reproducible() {
    let mut snapshots = Vec::new();
    for _ in 0..2 {
        let dir = tempfile::tempdir().unwrap();
        let store = open_store(&format!("sqlite://{}/demo.db", dir.path().display()))
            .await
            .unwrap();
        let service = service(store.clone(), &DatabaseArgs::in_dir(dir.path())).unwrap();
        demo::seed(&service, 120).await.unwrap();
        assert_eq!(
            leads_store::Store::record_count(store.as_ref())
                .await
                .unwrap(),
            120 + 8
        );
        let mut tx = leads_store::Store::begin(store.as_ref()).await.unwrap();
        let mut records = Vec::new();
        for serial in 1..=60u64 {
            let lrn =
                leads_domain::fields::Lrn::assign('W', service.clock().today().year(), serial)
                    .unwrap();
            if let Some(record) = tx.record_by_lrn(&lrn).await.unwrap() {
                records.push((
                    record.lrn().to_string(),
                    record.ori().to_string(),
                    record.fields().to_pairs(),
                ));
            }
        }
        tx.rollback().await.unwrap();
        assert!(records.len() > 10);
        snapshots.push(records);
    }
    assert_eq!(snapshots[0], snapshots[1]);
}

#[test]
fn migrate_creates_and_reports_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (code, out, err) = leads(&["migrate", "--data-dir", data.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("is up to date"), "{out}");
    assert!(data.join("leads.db").exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn leads_admin_runs_commands_over_http_and_they_take_effect() {
    let dir = tempfile::tempdir().unwrap();
    let url = demo_server(dir.path(), 50).await;
    let [demo1, _, admin, ..] = DEMO_OPERATORS;
    let admin_token = cli_login(admin, &url).await;
    let operator_token = cli_login(demo1, &url).await;
    let (code, out, err) = tokio::task::spawn_blocking({
        let (url, token) = (url.clone(), admin_token.clone());
        move || {
            leads(&[
                "admin",
                "suspend-service",
                "--url",
                &url,
                "--token",
                &token,
                "ori=IL0160000",
                "scope:={\"only\":\"wanted\"}",
                "reference=SANCTION 2026-30",
                "reason=MAJOR VIOLATION",
            ])
        }
    })
    .await
    .unwrap();
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = tokio::task::spawn_blocking({
        let (url, token) = (url.clone(), operator_token.clone());
        move || {
            leads(&[
                "client", "send", "--url", &url, "--token", &token, DEMO_QUERY,
            ])
        }
    })
    .await
    .unwrap();
    assert_eq!(code, 1);
    assert!(
        out.contains("RULE O3 - 20 Ill. Adm. Code 1240.110"),
        "{out}"
    );
    let (code, out, _) = tokio::task::spawn_blocking(move || {
        leads(&[
            "admin",
            "activate-agency",
            "--url",
            &url,
            "--token",
            &operator_token,
            "ori=IL0160000",
        ])
    })
    .await
    .unwrap();
    assert_eq!(code, 1, "an operator may not administer: {out}");
    let (code, help, _) = leads(&["admin", "help"]);
    assert_eq!(code, 0);
    assert!(help.contains("suspend-service"));
}

#[tokio::test(flavor = "multi_thread")]
async fn bootstrap_creates_the_first_administrator() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data_dir = data.to_str().unwrap().to_owned();
    let (code, out, err) = tokio::task::spawn_blocking(move || {
        leads(&[
            "admin",
            "bootstrap",
            "--data-dir",
            &data_dir,
            "ori=IL1000000",
            "agency=ILLINOIS STATE POLICE",
            "authority=20 ILCS 2605",
            "agreement=DEPARTMENT",
            "agreement_signed_on=20260101",
            "operator=ADMIN1",
            "name=FIRST ADMINISTRATOR",
            "password=a long first passphrase",
            "terminal=T10A",
            "location=LEADS DATA CENTER",
            "fingerprint_reference=TCN-0001",
            "fingerprint_completed_on=20260102",
            "certified_on=20260103",
            "certified_until=20280103",
        ])
    })
    .await
    .unwrap();
    assert_eq!(code, 0, "{err}");
    let secret = out
        .lines()
        .find_map(|l| l.strip_prefix("TOTP secret "))
        .unwrap()
        .to_owned();
    let store = open_store(&format!("sqlite://{}/leads.db", data.display()))
        .await
        .unwrap();
    let service = service(store, &DatabaseArgs::in_dir(&data)).unwrap();
    let code = leads_app::totp::code(
        &secret,
        leads_domain::clock::Clock::now(service.clock().as_ref()).as_micros() / 1_000_000,
    )
    .unwrap();
    let attempt = leads_app::SignIn {
        operator: "ADMIN1",
        password: "a long first passphrase",
        code: &code,
        terminal: "T10A",
        accept_banner: true,
    };
    let session = service.sign_in(attempt).await.unwrap();
    let reply = service
        .administer(&session.token, leads_app::AdminCommand::ListAgencies, None)
        .await
        .unwrap();
    assert_eq!(reply.code, "admin_done", "{}", reply.message);
}

#[tokio::test(flavor = "multi_thread")]
async fn leads_audit_report_searches_the_log_by_subject_and_exports_csv() {
    let dir = tempfile::tempdir().unwrap();
    let url = demo_server(dir.path(), 50).await;
    let [demo1, _, admin, ..] = DEMO_OPERATORS;
    let operator = cli_login(demo1, &url).await;
    let (code, _, err) = cli([
        "client", "send", "--url", &url, "--token", &operator, DEMO_QUERY,
    ]
    .map(String::from)
    .to_vec())
    .await;
    assert_eq!(code, 0, "{err}");
    let report = |token: &str, format: &str| {
        [
            "audit",
            "report",
            "--url",
            &url,
            "--token",
            token,
            "--subject",
            "NAM/DOE, JOHN",
            "--event",
            "transaction",
            "--format",
            format,
        ]
        .map(String::from)
        .to_vec()
    };
    let administrator = cli_login(admin, &url).await;
    let (code, out, err) = cli(report(&administrator, "csv")).await;
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("seq,at,operation_id,event,operator"),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains(",DEMO1,T16A,IL0160000,QW,")),
        "the inquiry is in the report: {out}"
    );
    let (code, out, err) = cli(report(&administrator, "text")).await;
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("DEMO1") && out.contains("hit"), "{out}");
    assert!(err.contains("entries"), "{err}");

    let (code, _, err) = cli(report(&operator, "text")).await;
    assert_eq!(code, 1, "an operator's report is refused");
    assert!(err.contains("not_authorized"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn leads_client_disseminate_records_who_received_what() {
    let dir = tempfile::tempdir().unwrap();
    let url = demo_server(dir.path(), 50).await;
    let [demo1, _, admin, ..] = DEMO_OPERATORS;
    let operator = cli_login(demo1, &url).await;
    let (code, out, err) = cli([
        "client", "send", "--url", &url, "--token", &operator, "--json", DEMO_QUERY,
    ]
    .map(String::from)
    .to_vec())
    .await;
    assert_eq!(code, 0, "{err}");
    let reply: serde_json::Value = serde_json::from_str(&out).unwrap();
    let lrn = reply["records"][0]["lrn"].as_str().unwrap().to_owned();
    let disseminate = |recipient: &str| {
        [
            "client",
            "disseminate",
            "--url",
            &url,
            "--token",
            &operator,
            "--record",
            &lrn,
            "--to-ori",
            recipient,
            "--to-person",
            "DET K OWENS",
            "--purpose",
            "C",
            "--case",
            "2026-000001",
        ]
        .map(String::from)
        .to_vec()
    };
    let (code, out, err) = cli(disseminate("IL0840000")).await;
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("DISSEMINATION RECORDED"), "{out}");
    let (code, out, _) = cli(disseminate("WI0130000")).await;
    assert_eq!(code, 1, "an unverified out-of-state recipient is refused");
    assert!(out.contains("S3"), "{out}");

    let administrator = cli_login(admin, &url).await;
    let (code, out, err) = cli([
        "audit",
        "report",
        "--url",
        &url,
        "--token",
        &administrator,
        "--event",
        "dissemination",
        "--format",
        "json",
    ]
    .map(String::from)
    .to_vec())
    .await;
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let outcomes: Vec<&str> = report["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["accepted", "refused"]);
    assert_eq!(report["entries"][0]["records"][0], lrn.as_str());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sos_acts_work_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = demo_server(dir.path(), 10).await;
    let (token, _) = login(DEMO_OPERATORS[0], &url).await;
    let picture = dir.path().join("holder.jpg");
    let sos = |args: Vec<String>| {
        let (url, token) = (url.clone(), token.clone());
        tokio::task::spawn_blocking(move || {
            let mut all: Vec<&str> = vec!["client", "sos", "--url", &url, "--token", &token];
            all.extend(args.iter().map(String::as_str));
            leads(&all)
        })
    };
    let words = |text: &str| text.split(' ').map(str::to_owned).collect::<Vec<_>>();

    let (code, out, err) = sos(words("help")).await.unwrap();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("request ") && out.contains("flyer "), "{out}");

    let mut request = words(
        "request dln=R10000000000 investigation=criminal case_number=2026-CLI-1 subject_role=suspect --save",
    );
    request.push(picture.display().to_string());
    let (code, out, err) = sos(request).await.unwrap();
    assert_eq!(code, 0, "{out}{err}");
    let answer: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(answer["code"], "sos_image");
    assert!(
        std::fs::read(&picture).unwrap().starts_with(&[0xFF, 0xD8]),
        "the image was written as a JPEG"
    );

    let (code, out, err) = sos(words("case case_number=2026-CLI-1")).await.unwrap();
    assert_eq!(code, 0, "{err}");
    let answer: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(answer["items"].as_array().unwrap().len(), 1);

    let (code, out, _) = sos(words(
        "request dln=R10000000000 investigation=curiosity case_number=2026-CLI-2 subject_role=suspect",
    ))
    .await
    .unwrap();
    assert_eq!(code, 1, "a refusal exits with 1: {out}");
    let answer: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(answer["reasons"][0]["rule"], "P1");

    let (code, _, err) = sos(words("request dln=R10000000000 colour=blue"))
        .await
        .unwrap();
    assert_eq!(code, 2, "an unknown field is named: {err}");
    assert!(err.contains("colour"), "{err}");
}

#[test]
fn maintenance_commands_take_the_database_after_the_subcommand_and_find_the_demo_s() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("leads-data");
    let demo_url = format!("sqlite://{}/demo.db", data.display());
    // Only the demo's database is in the data directory.
    let (code, _, err) = leads(&["migrate", "--database-url", &demo_url]);
    assert_eq!(code, 0, "{err}");
    let data_dir = data.to_str().unwrap();
    let (code, out, err) = leads(&["sweep", "--data-dir", data_dir]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("using the demo database"), "{err}");
    assert!(out.contains("deadlines due"), "{out}");
    assert!(
        !data.join("leads.db").exists(),
        "no second, empty database was made"
    );

    // --database-url after the audit subcommand; an empty log is not a verified log.
    let (code, key, err) = leads(&["audit", "public-key", "--data-dir", data_dir]);
    assert_eq!(code, 0, "{err}");
    let empty = format!("sqlite://{}/empty.db", dir.path().display());
    let (code, _, err) = leads(&["migrate", "--database-url", &empty]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = leads(&[
        "audit",
        "verify",
        "--public-key",
        key.trim(),
        "--database-url",
        &empty,
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.starts_with("NOTHING VERIFIED: the log has no entries"),
        "{out}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn leads_client_send_takes_a_batch_one_message_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = demo_server(dir.path(), 10).await;
    let token = cli_login(DEMO_OPERATORS[0], &url).await;
    let batch = format!(
        "{DEMO_QUERY}\n\nQW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115\nQV.IL0160000.IL0000000.TXT\nLIC/NOPLATE1.PUR/C.CAS/2026-9\n"
    );
    let (code, out, err) = tokio::task::spawn_blocking({
        let (url, token, batch) = (url.clone(), token.clone(), batch.clone());
        move || {
            leads_with_input(
                &["client", "send", "--url", &url, "--token", &token],
                &batch,
            )
        }
    })
    .await
    .unwrap();
    assert_eq!(code, 1, "one of the three is refused: {out}{err}");
    for n in 1..=3 {
        assert!(out.contains(&format!("----- MESSAGE {n} OF 3: ")), "{out}");
    }
    assert!(out.contains("NAM/DOE, JOHN A"), "{out}");
    assert!(
        err.contains("3 messages sent: 2 accepted, 1 refused or rejected"),
        "{err}"
    );

    let (code, out, err) = tokio::task::spawn_blocking(move || {
        leads_with_input(
            &["client", "send", "--url", &url, "--token", &token, "--json"],
            &batch,
        )
    })
    .await
    .unwrap();
    assert_eq!(code, 1, "{err}");
    let codes: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["code"].to_string())
        .collect();
    assert_eq!(codes, ["\"hit\"", "\"rule_refused\"", "\"no_hit\""]);
}

#[test]
fn logs_are_json_on_request_plain_when_not_a_terminal_and_follow_rust_log() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("a");
    let (code, _, err) = leads(&["audit", "public-key", "--data-dir", data.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("audit signing key created"), "{err}");
    assert!(
        !err.contains('\u{1b}'),
        "no ANSI colour into a pipe: {err:?}"
    );

    let data = dir.path().join("b");
    let (code, _, err) = leads(&[
        "--log-format",
        "json",
        "audit",
        "public-key",
        "--data-dir",
        data.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let line: serde_json::Value = serde_json::from_str(err.lines().next().unwrap()).unwrap();
    assert_eq!(line["level"], "INFO");
    assert_eq!(line["fields"]["message"], "audit signing key created");

    let data = dir.path().join("c");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_leads"))
        .args(["audit", "public-key", "--data-dir", data.to_str().unwrap()])
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(
        output.stderr.is_empty(),
        "RUST_LOG=warn silences the info line"
    );

    let (_, help, _) = leads(&["--help"]);
    assert!(
        help.contains("RUST_LOG") && help.contains("LEADS_LOG") && help.contains("--log-format"),
        "{help}"
    );
}

#[test]
fn a_reader_that_goes_away_ends_the_command_quietly_not_with_a_panic() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_leads"))
        .args(["admin", "help"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(output.status.code(), Some(0), "{err}");
}

#[test]
fn hub_members_name_their_keys_and_form_and_bad_ones_say_what_is_wrong() {
    use leads::hub_cmd::parse_member;
    use leads_domain::interstate::InterstateKey;
    use leads_message::nlets::WireFormat;
    let (state, keys, form) = parse_member("wi=DQ,yq,AM/xml").unwrap();
    assert_eq!(state.as_str(), "WI");
    assert_eq!(
        keys,
        vec![InterstateKey::Dq, InterstateKey::Yq, InterstateKey::Am]
    );
    assert_eq!(form, WireFormat::Xml);
    assert_eq!(parse_member("IL=DQ").unwrap().2, WireFormat::Text);
    for (spec, says) in [
        ("WI", "XX=KEY"),
        ("WI=DQ,QQ", "QQ is not a message key"),
        ("WI=DQ/json", "text or xml"),
        ("W1=DQ", "W1"),
    ] {
        let error = parse_member(spec).unwrap_err().to_string();
        assert!(error.contains(says), "{spec}: {error}");
    }
}
