//! Killing the real server with SIGKILL in the middle of a stream of writes loses no
//! write it acknowledged (SQLite). The client opens family files through the API and
//! records every 201; after the kill, each of those files must be in the database and
//! the journal must verify.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::{OrganisationKind, Slug};
use eenplan_domain::role::Role;
use eenplan_domain::session::token_hash;
use eenplan_domain::totp::TotpSecret;
use eenplan_domain::user::{Email, PersonName};
use eenplan_store::{
    DatabaseUrl, NewOrganisation, NewUser, OpenMode, SessionKind, SessionStage, Store,
};

const BIN: &str = env!("CARGO_BIN_EXE_eenplan");

fn post(port: u16, token: &str, body: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let request = format!(
        "POST /api/v1/families HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    s.read_to_string(&mut response).ok()?;
    let status: u16 = response.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, response))
}

#[test]
fn sigkill_of_the_server_loses_no_acknowledged_write() {
    let dir = std::env::temp_dir().join(format!(
        "eenplan_kill_{}_{}",
        std::process::id(),
        eenplan_store::ids::new_id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("kill.sqlite");
    let url = DatabaseUrl::Sqlite(path.clone());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let token = eenplan_store::ids::new_id();
    rt.block_on(async {
        let store = Store::open(&url, OpenMode::CreateIfMissing).await.unwrap();
        let actor = Actor::System { component: "test" };
        let mut tx = store.write().await.unwrap();
        let org = tx
            .create_organisation(
                &actor,
                NewOrganisation {
                    slug: Slug::parse("lokalis").unwrap(),
                    name: "Lokalis".into(),
                    kind: OrganisationKind::LocalTeam,
                },
            )
            .await
            .unwrap();
        let user = tx
            .create_user(
                &actor,
                NewUser {
                    email: Email::parse("sanne@lokalis.example").unwrap(),
                    name: PersonName::parse("Sanne").unwrap(),
                    organisation_id: org.id,
                    team_id: None,
                    roles: vec![Role::Professional],
                    password_hash: "-".into(),
                    totp_secret: TotpSecret::from_bytes([3; 20]),
                },
            )
            .await
            .unwrap();
        let creds = tx.credentials_by_id(&user.id).await.unwrap().unwrap();
        tx.start_session(
            &creds,
            SessionKind::Api,
            SessionStage::Active,
            &token_hash(&token),
            "csrf",
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        store.close().await;
    });

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new(BIN)
        .args([
            "serve",
            "--database",
            &format!("sqlite://{}", path.display()),
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut log = BufReader::new(server.stderr.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut line = String::new();
    while !line.contains("eenplan is serving") {
        line.clear();
        if log.read_line(&mut line).unwrap_or(0) == 0 || Instant::now() > deadline {
            let _ = server.kill();
            let _ = server.wait();
            panic!("the server did not start");
        }
    }
    std::thread::spawn(move || for _ in log.lines() {});

    // Kill after a number of acknowledged writes that varies from run to run; a second
    // thread keeps writing so the kill lands while requests are in flight.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let kill_after = 40 + (nanos % 40) as usize;
    let body = |i: usize| {
        format!(
            r#"{{"label":"Gezin {i}","street":"Straat","house_number":"{i}","postcode":"3562 JW","city":"Utrecht","confirm_not_duplicate":true}}"#
        )
    };
    let background = {
        let token = token.clone();
        std::thread::spawn(move || {
            let mut acked = Vec::new();
            for i in 10_000..10_400 {
                match post(port, &token, &body(i)) {
                    Some((201, response)) => acked.push(response),
                    _ => break,
                }
            }
            acked
        })
    };
    let mut acked = Vec::new();
    for i in 0..1_000 {
        let (status, response) =
            post(port, &token, &body(i)).expect("the server answers until it is killed");
        assert_eq!(status, 201, "{response}");
        acked.push(response);
        if acked.len() == kill_after {
            server.kill().unwrap(); // SIGKILL
            break;
        }
    }
    server.wait().unwrap();
    acked.extend(background.join().unwrap());

    let ids: Vec<String> = acked
        .iter()
        .map(|r| {
            let json = r.split("\r\n\r\n").nth(1).unwrap();
            serde_json::from_str::<serde_json::Value>(json).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert!(ids.len() >= kill_after);
    rt.block_on(async {
        let store = Store::open(&url, OpenMode::MustExist).await.unwrap();
        let report = store.verify_journal(None).await.unwrap();
        assert!(report.is_intact(), "{:?}", report.findings);
        let mut tx = store.read().await.unwrap();
        for id in &ids {
            assert!(
                tx.family(&eenplan_domain::FamilyId::from(id.as_str()))
                    .await
                    .unwrap()
                    .is_some(),
                "acknowledged family {id} was lost"
            );
        }
        drop(tx);
        store.close().await;
    });
    let _ = std::fs::remove_dir_all(dir);
}
