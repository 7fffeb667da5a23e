//! The helpers of these tests: a served app and a signed-in client (both from the test kit).

use leads_client::Client;
use leads_testkit::TestApp;

/// Serves the app's HTTP router; returns the base URL.
pub(crate) async fn spawn(app: &TestApp) -> String {
    app.serve(leads_web::router(app.service.clone())).await
}

/// A client signed in as `operator` at `terminal`.
pub(crate) async fn signed_in(app: &TestApp, base: &str, operator: &str, terminal: &str) -> Client {
    app.client(base, operator, terminal).await
}

/// A response read off the socket as it came.
pub(crate) struct Raw {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Raw {
    /// The value of header `name` (case-insensitive).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request over a plain socket, with exactly the headers given.
pub(crate) async fn raw(
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Raw {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Raw {
        status,
        headers,
        body: body.to_owned(),
    }
}

/// A started app with the SOS fixtures and its base URL, on every backend.
pub(crate) async fn started_with_sos() -> Vec<(TestApp, String)> {
    let mut apps = Vec::new();
    for db in leads_testkit::backends().await {
        let app = TestApp::start(db).await;
        app.seed_sos().await;
        let base = spawn(&app).await;
        apps.push((app, base));
    }
    apps
}
