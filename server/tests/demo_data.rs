//! The demo data a fresh server seeds: what the README promises a new user can sign in as.

// A test that cannot set up its server should stop right there, loudly.
#![allow(clippy::unwrap_used)]

mod common;

use common::TestServer;
use portal_server::params;
use portal_server::seed::{LARGE_STORE_CITIZEN, demo_citizens};

fn count(server: &TestServer, sql: &str, owner: &str) -> i64 {
    server.sql_value(sql, params![owner])
}

#[tokio::test]
async fn a_fresh_server_holds_the_demo_citizens_their_documents_and_requests() {
    let server = TestServer::start();
    let citizens = demo_citizens();
    assert!(citizens.len() >= 3);
    for citizen in &citizens {
        let owner = citizen.record.personal_id.as_str();
        let stored: String = server.sql_value(
            "SELECT record_json FROM citizens WHERE personal_id = ?1",
            params![owner],
        );
        let record: portal_api::PopulationRecord = serde_json::from_str(&stored).unwrap();
        assert_eq!(record, citizen.record);
        assert!(record.household.is_some(), "{owner} has a household");
        assert_eq!(
            count(
                &server,
                "SELECT count(*) FROM documents WHERE owner_id = ?1 AND code NOT LIKE 'KQ-%'",
                owner
            ),
            i64::from(citizen.store.count())
        );
        assert_eq!(
            count(
                &server,
                "SELECT count(*) FROM national_records WHERE personal_id = ?1",
                owner
            ),
            1
        );
    }
    assert_eq!(
        count(
            &server,
            "SELECT count(*) FROM documents WHERE owner_id = ?1",
            LARGE_STORE_CITIZEN
        ),
        10_000
    );
    let states: i64 = server.sql_value("SELECT count(DISTINCT status) FROM requests", vec![]);
    assert!(states >= 4, "requests in several states, got {states}");
    let refused_without_reason: i64 = server.sql_value(
        "SELECT count(*) FROM requests WHERE status = 'refused' AND refusal_reason IS NULL",
        vec![],
    );
    assert_eq!(refused_without_reason, 0);
}

#[tokio::test]
async fn restarting_keeps_the_data_and_reset_restores_the_demo() {
    let server = TestServer::start();
    let an = demo_citizens()[0].record.personal_id.as_str().to_owned();
    server.sql_execute("DELETE FROM requests WHERE owner_id = ?1", params![an]);
    let requests = "SELECT count(*) FROM requests WHERE owner_id = ?1";

    let dist = server.dir.path().join("dist").display().to_string();
    let db = server.location.clone();
    let flags = [
        "portal-server",
        "--demo",
        "--dist",
        &dist,
        "--database",
        &db,
    ];
    let cli = <portal_server::config::Cli as clap::Parser>::try_parse_from(flags).unwrap();
    portal_server::server::prepare(&cli.serve).unwrap();
    assert_eq!(count(&server, requests, &an), 0, "kept as it was");

    let with_reset = [&flags[..], &["--reset"]].concat();
    let cli = <portal_server::config::Cli as clap::Parser>::try_parse_from(with_reset).unwrap();
    portal_server::server::prepare(&cli.serve).unwrap();
    assert!(count(&server, requests, &an) > 0, "seeded again");

    // Without --demo, --reset deletes everything and seeds nothing.
    let production = [
        "portal-server",
        "--reset",
        "--dist",
        &dist,
        "--database",
        &db,
    ];
    let cli = <portal_server::config::Cli as clap::Parser>::try_parse_from(production).unwrap();
    portal_server::server::prepare(&cli.serve).unwrap();
    let citizens: i64 = server.sql_value("SELECT count(*) FROM citizens", vec![]);
    assert_eq!(citizens, 0, "wiped, not seeded");
}

#[tokio::test]
async fn a_demo_population_signs_in_by_phone_and_sees_its_own_record() {
    let server = TestServer::start_with(&["--demo-population", "12", "--dev-sms-outbox"]);
    let last = portal_server::seed::population_phone(11);
    let cookie = common::sign_in(&server, &last, &last).await;
    let (response, body) = server
        .send(common::get_with("/api/v1/record", &cookie))
        .await;
    assert_eq!(response.status(), axum::http::StatusCode::OK);
    let record = common::json(&body);
    assert_eq!(
        record["record"]["phone"].as_str(),
        Some(last.as_str()),
        "{record}"
    );
    let (_, body) = server
        .send(common::get_with("/api/v1/documents", &cookie))
        .await;
    assert!(common::json(&body)["total"].as_u64().unwrap() >= 5);
}
