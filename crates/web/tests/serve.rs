//! `serve` under hostile connections. Thousands of connections
//! that never finish their headers, from one address, leave `/healthz` answering for
//! everyone else; a slow header or a slow body is cut off after its timeout.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::App;
use eenplan_web::{AppState, Limits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

async fn connect_from(local: [u8; 4], server: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::from((local, 0)))?;
    socket.connect(server).await
}

/// Reads until the peer closes (or `limit` passes); what was answered, if anything.
async fn until_closed(stream: &mut TcpStream, limit: Duration) -> Option<String> {
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    let read = tokio::time::timeout(limit, async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    read.ok()
        .map(|()| String::from_utf8_lossy(&got).into_owned())
}

async fn healthz(server: SocketAddr) -> String {
    let mut s = connect_from([127, 0, 0, 1], server).await.unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    until_closed(&mut s, Duration::from_secs(5))
        .await
        .expect("healthz answered within 5 s")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_connections_from_one_address_leave_room_for_others() {
    let app = App::new().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = listener.local_addr().unwrap();
    let limits = Limits {
        header_read: Duration::from_secs(2),
        body_read: Duration::from_secs(1),
        max_connections: 400,
        max_connections_per_client: 200,
    };
    let state = AppState {
        store: app.store.clone(),
        auth: app.auth,
        proxies: eenplan_web::TrustedProxies::default(),
        theme: eenplan_web::Theme::default(),
        documents: eenplan_web::DocumentSettings::default(),
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = tokio::spawn(eenplan_web::serve_with(state, listener, limits, async {
        let _ = stopped.await;
    }));

    // 2,000 connections from 127.0.0.2 that start a request and never finish its header.
    let mut slow = Vec::new();
    for _ in 0..2000 {
        if let Ok(mut s) = connect_from([127, 0, 0, 2], server).await {
            let _ = s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").await;
            slow.push(s);
        }
    }
    assert!(slow.len() >= 1500, "opened {}", slow.len());
    let started = Instant::now();
    let answer = healthz(server).await;
    let took = started.elapsed();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    println!(
        "/healthz answered in {took:?} beside {} slow connections",
        slow.len()
    );

    // The connections the server took are closed once the header timeout has passed.
    let mut first = slow.swap_remove(0);
    let closed = until_closed(&mut first, Duration::from_secs(6)).await;
    assert!(
        closed.is_some(),
        "a slow header connection is closed after its timeout"
    );
    drop(slow);

    // A body that never arrives: cut off after the body timeout, with 408.
    let mut s = connect_from([127, 0, 0, 3], server).await.unwrap();
    s.write_all(
        b"POST /aanmelden HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=",
    )
    .await
    .unwrap();
    let answer = until_closed(&mut s, Duration::from_secs(5))
        .await
        .expect("closed after the body timeout");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");

    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(10), served)
        .await
        .expect("graceful shutdown")
        .unwrap()
        .unwrap();
    app.done().await;
}
