//! `leads audit` end to end, and the log surviving a crash of the server.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use leads::demo::{self, DEMO_OPERATORS};
use leads::server::{open_store, service};
use leads_api_types::SignInRequest;
use leads_client::Client;

use crate::support::leads;

async fn seeded(dir: &Path) -> String {
    let url = format!("sqlite://{}/demo.db", dir.display());
    let store = open_store(&url).await.unwrap();
    demo::seed(
        &service(store.clone(), &leads::cli::DatabaseArgs::in_dir(dir)).unwrap(),
        30,
    )
    .await
    .unwrap();
    store.close().await;
    url
}

#[tokio::test(flavor = "multi_thread")]
async fn export_and_verify_with_the_public_key_only() {
    let dir = tempfile::tempdir().unwrap();
    let url = seeded(dir.path()).await;
    let data = dir.path().to_str().unwrap().to_owned();
    let (code, public, err) = leads(&["audit", "--data-dir", &data, "public-key"]);
    assert_eq!(code, 0, "{err}");
    let public = public.trim().to_owned();
    assert_eq!(public.len(), 64);
    let (code, out, err) = leads(&[
        "audit",
        "--data-dir",
        &data,
        "--database-url",
        &url,
        "checkpoint",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("checkpoint of size"), "{out}");
    let export = dir.path().join("export.jsonl");
    let export_path = export.to_str().unwrap().to_owned();
    let (code, _, err) = leads(&[
        "audit",
        "--data-dir",
        &data,
        "--database-url",
        &url,
        "export",
        "--out",
        &export_path,
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = leads(&[
        "audit",
        "verify",
        "--public-key",
        &public,
        "--file",
        &export_path,
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("OK: "), "{out}");

    // Change one entry in the copy: the verifier names it.
    let text = std::fs::read_to_string(&export).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let victim = lines
        .iter()
        .position(|l| l.contains(r#""seq":5,"#) && l.contains(r#""type":"entry""#))
        .unwrap();
    lines[victim] = lines[victim].replace("provision", "PROVISION");
    std::fs::write(&export, lines.join("\n")).unwrap();
    let (code, out, _) = leads(&[
        "audit",
        "verify",
        "--public-key",
        &public,
        "--file",
        &export_path,
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("FAILED at entry 5:"), "{out}");

    // The live database still verifies; a wrong key does not.
    let (code, out, _) = leads(&[
        "audit",
        "--data-dir",
        &data,
        "--database-url",
        &url,
        "verify",
        "--public-key",
        &public,
    ]);
    assert_eq!(code, 0, "{out}");
    let other = "11".repeat(32);
    let (code, out, _) = leads(&[
        "audit",
        "verify",
        "--public-key",
        &other,
        "--file",
        &export_path,
    ]);
    assert_eq!(code, 1, "{out}");

    // Pruning keeps at least a year: today's entries stay, and a shorter period is refused.
    let (code, out, err) = leads(&[
        "audit",
        "--data-dir",
        &data,
        "--database-url",
        &url,
        "prune",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("0 entries pruned"), "{out}");
    let (code, _, err) = leads(&[
        "audit",
        "--data-dir",
        &data,
        "--database-url",
        &url,
        "prune",
        "--retention-days",
        "30",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("365"), "{err}");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_server(data: &str, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_leads"))
        .args([
            "serve",
            "--demo",
            "--demo-records",
            "50",
            "--data-dir",
            data,
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--checkpoint-seconds",
            "1",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

async fn wait_healthy(base: &str) {
    for _ in 0..300 {
        if Client::new(base).health().await.unwrap_or(false) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server did not come up at {base}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn after_a_crash_every_answered_transaction_is_in_the_verified_log() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap().to_owned();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start_server(&data, port);
    wait_healthy(&base).await;

    let demo1 = DEMO_OPERATORS[0];
    let code = leads_app::totp::code(demo1.totp_secret, time_now()).unwrap();
    let request = SignInRequest {
        operator: demo1.operator.into(),
        password: demo1.password.into(),
        code,
        terminal: demo1.terminal.into(),
        accept_banner: true,
    };
    let token = Client::new(&base).sign_in(&request).await.unwrap().token;

    let mut writers = Vec::new();
    for writer in 0..8 {
        let client = Client::new(&base).with_token(token.clone());
        writers.push(tokio::spawn(async move {
            let mut answered = Vec::new();
            for i in 0..10_000 {
                let text = if i % 2 == 0 {
                    format!("EG.IL0160000.SER/C{writer}X{i}.MAK/COLT.CAL/45.TYP/PA.DOT/20261120.OCA/K-{writer}-{i}.SDC/CMP.SDN/R-{writer}-{i}.DRI/20261120")
                } else {
                    format!("QG.IL0160000.SER/C{writer}X{}.PUR/C.CAS/K-{writer}", i - 1)
                };
                match client.send_text(&text).await {
                    Ok(reply) => answered.push(reply.operation_id.unwrap()),
                    Err(_) => break,
                }
            }
            answered
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.kill().unwrap();
    server.wait().unwrap();
    let mut answered = HashSet::new();
    for writer in writers {
        answered.extend(writer.await.unwrap());
    }
    assert!(
        answered.len() > 20,
        "the writers got answers before the crash ({})",
        answered.len()
    );

    // Restart: the server comes up on the same data, then stops cleanly (final checkpoint).
    let port = free_port();
    let mut restarted = start_server(&data, port);
    wait_healthy(&format!("http://127.0.0.1:{port}")).await;
    let pid = restarted.id().to_string();
    Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    restarted.wait().unwrap();

    let url = format!("sqlite://{data}/demo.db");
    let (_, public, _) = leads(&["audit", "--data-dir", &data, "public-key"]);
    let (code, out, err) = leads(&[
        "audit",
        "--data-dir",
        &data,
        "--database-url",
        &url,
        "verify",
        "--public-key",
        public.trim(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("0 entries after the last checkpoint"),
        "the final checkpoint covers all: {out}"
    );
    let export = dir.path().join("after-crash.jsonl");
    let (code, _, err) = leads(&[
        "audit",
        "--data-dir",
        &data,
        "--database-url",
        &url,
        "export",
        "--out",
        export.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let logged: HashSet<String> = std::fs::read_to_string(&export)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            v["entry"]
                .as_str()
                .and_then(|e| serde_json::from_str::<serde_json::Value>(e).ok())
        })
        .filter_map(|e| e["operation_id"].as_str().map(str::to_owned))
        .collect();
    let missing: Vec<&String> = answered.iter().filter(|op| !logged.contains(*op)).collect();
    assert!(
        missing.is_empty(),
        "{} answered transactions have no audit entry: {missing:?}",
        missing.len()
    );
}

fn time_now() -> i64 {
    use leads_domain::clock::{Clock, SystemClock};
    SystemClock.now().as_micros() / 1_000_000
}
