//! What the tests of the `leads` binary share.

use std::process::Command;

use leads::cli::DatabaseArgs;
use leads::demo;
use leads::server::{Application, open_store, service};

/// Runs the `leads` binary with `args`: its exit code, standard output and standard error.
pub(crate) fn leads(args: &[&str]) -> (i32, String, String) {
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

/// As [`leads`], with `input` on standard input.
pub(crate) fn leads_with_input(args: &[&str], input: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_leads"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).unwrap();
    }
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A seeded demo server with `records` synthetic records: its URL.
pub(crate) async fn demo_server(dir: &std::path::Path, records: usize) -> String {
    let store = open_store(&format!("sqlite://{}/demo.db", dir.display()))
        .await
        .unwrap();
    let service = service(store.clone(), &DatabaseArgs::in_dir(dir)).unwrap();
    assert!(demo::seed(&service, records).await.unwrap());
    assert!(
        !demo::seed(&service, records).await.unwrap(),
        "a second start does not seed again"
    );
    let app = Application::build(service, "127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", app.local_addr().unwrap());
    tokio::spawn(app.run_until(std::future::pending()));
    url
}

/// Signs a demo person in with `leads client login`: the token and what was printed on
/// standard error (the banner).
pub(crate) async fn login(demo1: leads::demo::DemoOperator, url: &str) -> (String, String) {
    let url = url.to_owned();
    let (code, token, err) = tokio::task::spawn_blocking(move || {
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
            "--totp-secret",
            demo1.totp_secret,
            "--accept-banner",
        ])
    })
    .await
    .unwrap();
    assert_eq!(code, 0, "{err}");
    (token.trim().to_owned(), err)
}

/// The token of a demo person signed in with `leads client login`.
pub(crate) async fn cli_login(who: leads::demo::DemoOperator, url: &str) -> String {
    login(who, url).await.0
}

/// Runs `leads` with `args` off the async runtime.
pub(crate) async fn cli(args: Vec<String>) -> (i32, String, String) {
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        leads(&args)
    })
    .await
    .unwrap()
}

/// The demo person `operator`.
pub(crate) fn person(operator: &str) -> demo::DemoOperator {
    demo::DEMO_OPERATORS
        .into_iter()
        .find(|d| d.operator == operator)
        .unwrap()
}
