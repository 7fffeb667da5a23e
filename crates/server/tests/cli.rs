#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]
//! The `leads` command end to end: the README's flow against a real server, and the demo seed.

use std::process::Command;

use leads::demo::{self, DEMO_OPERATORS, DEMO_QUERY};
use leads::server::{Application, open_store, service};

async fn demo_server(dir: &std::path::Path, records: usize) -> String {
    let store = open_store(&format!("sqlite://{}/demo.db", dir.display()))
        .await
        .unwrap();
    let service = service(store.clone());
    assert!(demo::seed(&service, records).await.unwrap());
    assert!(
        !demo::seed(&service, records).await.unwrap(),
        "a second start does not seed again"
    );
    let app = Application::build(store, service, "127.0.0.1:0")
        .await
        .unwrap();
    let url = format!("http://{}", app.local_addr().unwrap());
    tokio::spawn(app.run_until(std::future::pending()));
    url
}

fn leads(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_leads"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn the_readme_flow_works_with_the_leads_client() {
    let dir = tempfile::tempdir().unwrap();
    let url = demo_server(dir.path(), 300).await;
    let demo1 = DEMO_OPERATORS[0];
    let (code, token, err) = tokio::task::spawn_blocking({
        let url = url.clone();
        move || {
            leads(&[
                "client",
                "login",
                "--url",
                &url,
                "--operator",
                demo1.operator,
                "--password",
                demo1.password,
                "--terminal",
                demo1.terminal,
            ])
        }
    })
    .await
    .unwrap();
    assert_eq!(code, 0, "{err}");
    let token = token.trim().to_owned();
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
        let service = service(store.clone());
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
