//! The server's connections (CJIS SC-5): a client that sends no request head, or only part of
//! one, is cut off after the header-read timeout; no more than the connection limit are served
//! at once, and the next is served as soon as one ends.

use std::time::Duration;

use leads::connections::Limits;
use leads::server::Application;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn server(limits: Limits) -> String {
    let dir = tempfile::tempdir().unwrap();
    let store = leads::server::open_store(&format!("sqlite://{}/leads.db", dir.path().display()))
        .await
        .unwrap();
    let service =
        leads::server::service(store, &leads::cli::DatabaseArgs::in_dir(dir.path())).unwrap();
    let app = Application::build(service, "127.0.0.1:0")
        .await
        .unwrap()
        .with_limits(limits);
    let address = app.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        let _dir = dir;
        app.run_until(std::future::pending()).await
    });
    address
}

/// Reads until the server closes the connection or `wait` passes; what was read, and whether
/// it closed.
async fn read_until_closed(stream: &mut TcpStream, wait: Duration) -> (String, bool) {
    let mut read = Vec::new();
    let mut buffer = [0u8; 1024];
    let outcome = tokio::time::timeout(wait, async {
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return true,
                Ok(n) => read.extend_from_slice(&buffer[..n]),
            }
        }
    })
    .await;
    (
        String::from_utf8_lossy(&read).into_owned(),
        outcome.unwrap_or(false),
    )
}

async fn health(address: &str) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    read_until_closed(&mut stream, Duration::from_secs(5))
        .await
        .0
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stalled_or_trickling_client_is_cut_off_after_the_header_read_timeout() {
    let address = server(Limits {
        max_connections: 64,
        header_read_timeout: Duration::from_secs(1),
    })
    .await;
    assert!(health(&address).await.starts_with("HTTP/1.1 200"));

    let mut silent = TcpStream::connect(&address).await.unwrap();
    let mut trickling = TcpStream::connect(&address).await.unwrap();
    trickling
        .write_all(b"GET /healthz HTTP/1.1\r\n")
        .await
        .unwrap();
    let (_, silent_closed) = read_until_closed(&mut silent, Duration::from_secs(4)).await;
    assert!(silent_closed, "a connection that sends nothing is closed");
    let (answer, trickle_closed) = read_until_closed(&mut trickling, Duration::from_secs(4)).await;
    assert!(
        trickle_closed,
        "a head that never ends is cut off: {answer:?}"
    );
    assert!(!answer.contains("200 OK"), "{answer}");
}

#[tokio::test(flavor = "multi_thread")]
async fn no_more_than_the_limit_are_served_at_once_and_the_next_waits_its_turn() {
    let address = server(Limits {
        max_connections: 2,
        header_read_timeout: Duration::from_secs(30),
    })
    .await;
    let first = TcpStream::connect(&address).await.unwrap();
    let _second = TcpStream::connect(&address).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;

    let mut third = TcpStream::connect(&address).await.unwrap();
    third
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let (early, _) = read_until_closed(&mut third, Duration::from_millis(700)).await;
    assert!(
        early.is_empty(),
        "two connections held: the third waits: {early:?}"
    );
    drop(first);
    let (answer, closed) = read_until_closed(&mut third, Duration::from_secs(5)).await;
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "served once one ended: {answer:?}"
    );
    assert!(closed);
}
