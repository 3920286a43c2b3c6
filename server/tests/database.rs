//! How the server uses its database under load: reads never queue behind a write.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::mpsc;
use std::time::Duration;

use axum::http::StatusCode;
use common::{TestServer, get_with, json, sign_in};

const DUC: &str = "048078000777";
const DUC_PHONE: &str = "0935777888";

/// SQLite writes one transaction at a time; a citizen's search, record or list must not wait
/// for it. Here a write transaction is held open (as a slow upload or refresh would) while a
/// search of 10,000 documents runs: the search answers before the write is let go. Were the
/// search to use the writing connection, it would wait for the release that only comes after
/// it answers, and the guard below would end the test as failed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_answers_while_a_write_transaction_is_open() {
    let server = TestServer::start_with(&["--dev-sms-outbox"]);
    let cookie = sign_in(&server, DUC, DUC_PHONE).await;
    let (held_tx, held) = mpsc::channel::<()>();
    let (release, released) = mpsc::channel::<()>();
    let db = server.db.clone();
    let writer = std::thread::spawn(move || {
        db.write_blocking(move |c| {
            let tx = c.transaction()?;
            tx.execute("UPDATE accounts SET verified = verified", ())?;
            held_tx.send(()).unwrap();
            released.recv().unwrap();
            tx.commit()
        })
        .unwrap();
    });
    held.recv().unwrap();
    // The clock has not moved since sign-in, so the session needs no write either.
    let search = server.send(get_with("/api/v1/documents?q=giay", &cookie));
    let answered = tokio::time::timeout(Duration::from_secs(60), search).await;
    release.send(()).unwrap();
    writer.join().unwrap();
    let (response, body) = answered.expect("the search waited for the writer");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(json(&body)["total"].as_u64().unwrap() > 0);
}
