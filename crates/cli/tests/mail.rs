//! E-mail against a real SMTP server: `eenplan serve` with `--smtp-url` delivers the
//! outbox to aiosmtpd (PyPI), started by the test with its Maildir handler. Delivery,
//! a retry after the server was down, a SIGKILL between the server's acceptance and
//! the outbox's commit (the same Message-ID again, nothing lost), and two instances
//! on one PostgreSQL sending a burst with every row delivered once.
//!
//! The tests need `python3 -m aiosmtpd`. When `EENPLAN_TEST_SMTP` is set (CI sets it)
//! a missing aiosmtpd fails them; when it is not set and aiosmtpd is missing they are
//! skipped with one visible NOTE line, as the PostgreSQL suite is.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../store/tests/support/mod.rs"]
mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use eenplan_domain::UserId;
use eenplan_domain::UtcTime;
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::{OrganisationKind, Slug};
use eenplan_domain::role::Role;
use eenplan_domain::totp::TotpSecret;
use eenplan_domain::user::{Email, PersonName};
use eenplan_store::{Backend, DatabaseUrl, NewOrganisation, NewUser, OpenMode, Store};
use libtest_mimic::{Arguments, Failed, Trial};
use support::{TestDb, postgres_url};

const BIN: &str = env!("CARGO_BIN_EXE_eenplan");
const SMTP_ENV: &str = "EENPLAN_TEST_SMTP";

fn main() {
    let args = Arguments::from_args();
    let required = std::env::var(SMTP_ENV).is_ok_and(|v| !v.trim().is_empty());
    let available = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let mut trials = vec![Trial::test(
        "serve_says_once_that_mail_is_off_and_stops_on_bad_settings",
        serve_says_once_that_mail_is_off_and_stops_on_bad_settings,
    )];
    if !available && !required {
        println!(
            "NOTE: SMTP tests SKIPPED: aiosmtpd is not installed (pip install aiosmtpd); {SMTP_ENV}=1 makes its absence a failure"
        );
    } else if !available {
        trials.push(Trial::test("smtp::aiosmtpd_is_installed", || {
            Err(format!(
                "{SMTP_ENV} is set but `python3 -m aiosmtpd` is not available: pip install aiosmtpd"
            )
            .into())
        }));
    } else {
        trials.push(Trial::test(
            "smtp::delivery_after_the_server_was_down",
            delivery_after_the_server_was_down,
        ));
        trials.push(Trial::test(
            "smtp::sigkill_between_acceptance_and_commit_resends_the_same_message",
            sigkill_between_acceptance_and_commit_resends_the_same_message,
        ));
        if postgres_url().is_some() {
            trials.push(Trial::test(
                "postgres::two_instances_send_a_burst_each_mail_once",
                two_instances_send_a_burst_each_mail_once,
            ));
        } else {
            println!(
                "NOTE: PostgreSQL run of the two-instance mail test SKIPPED: set {} to run it",
                support::POSTGRES_ENV
            );
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "eenplan_mail_{name}_{}_{}",
        std::process::id(),
        eenplan_store::ids::new_id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

fn check(cond: bool, msg: impl FnOnce() -> String) -> Result<(), Failed> {
    if cond { Ok(()) } else { Err(msg().into()) }
}

/// A child process killed (SIGKILL) and reaped when dropped, so no test leaves one.
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// aiosmtpd on `port`, writing every accepted mail into the Maildir `dir`.
fn smtp_server(port: u16, dir: &Path) -> Proc {
    let child = Command::new("python3")
        .args([
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Mailbox",
        ])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 -m aiosmtpd starts");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "aiosmtpd did not listen within 20 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Proc(child)
}

/// `eenplan serve` with mail to the SMTP server at `smtp_port`; its log in `log`.
fn serve(database: &str, smtp_port: u16, log: &Path, (failpoint, lease): (bool, u16)) -> Proc {
    let port = free_port();
    let mut cmd = Command::new(BIN);
    cmd.args(["serve", "--database", database, "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("--smtp-url")
        .arg(format!("smtp://127.0.0.1:{smtp_port}"))
        .args(["--mail-from", "eenplan <noreply@eenplan.example>"])
        .args([
            "--public-url",
            "https://eenplan.example",
            "--mail-lease-seconds",
        ])
        .arg(lease.to_string())
        .env("EENPLAN_LOG", "info")
        .env_remove("EENPLAN_MAIL_FAILPOINT")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).unwrap());
    if failpoint {
        cmd.env("EENPLAN_MAIL_FAILPOINT", "hang_after_send");
    }
    Proc(cmd.spawn().expect("eenplan serve starts"))
}

/// One mail as the SMTP server stored it: its headers and body.
#[derive(Debug, Clone)]
struct Delivered {
    message_id: String,
    to: String,
    subject: String,
    text: String,
}

fn delivered(maildir: &Path) -> Vec<Delivered> {
    let Ok(entries) = std::fs::read_dir(maildir.join("new")) else {
        return Vec::new();
    };
    let mut mails = Vec::new();
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let header = |name: &str| {
            text.lines()
                .take_while(|l| !l.is_empty())
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
                })
                .unwrap_or_default()
        };
        mails.push(Delivered {
            message_id: header("Message-ID"),
            to: header("To"),
            subject: header("Subject"),
            text: text.clone(),
        });
    }
    mails
}

fn wait_for(what: &str, secs: u64, mut done: impl FnMut() -> bool) -> Result<(), Failed> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !done() {
        check(Instant::now() < deadline, || {
            format!("{what}: not within {secs} s")
        })?;
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

/// An organisation with `n` professionals; their ids.
async fn people(store: &Store, n: usize) -> Vec<UserId> {
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
    let mut ids = Vec::new();
    for i in 0..n {
        let user = tx
            .create_user(
                &actor,
                NewUser {
                    email: Email::parse(&format!("p{i}@lokalis.example")).unwrap(),
                    name: PersonName::parse(&format!("Professional {i}")).unwrap(),
                    organisation_id: org.id.clone(),
                    team_id: None,
                    roles: vec![Role::Professional],
                    password_hash: "-".into(),
                    totp_secret: TotpSecret::from_bytes([3; 20]),
                },
            )
            .await
            .unwrap();
        ids.push(user.id);
    }
    tx.commit().await.unwrap();
    ids
}

async fn enqueue(store: &Store, user: &UserId) {
    let queued = store
        .change(async |tx| tx.enqueue_mail(user, UtcTime::now()).await)
        .await
        .unwrap();
    assert!(queued);
}

fn delivery_after_the_server_was_down() -> Result<(), Failed> {
    let rt = tokio::runtime::Runtime::new()?;
    let dir = temp_dir("retry");
    let url = sqlite_url(&dir.join("m.sqlite"));
    let store = rt.block_on(Store::open(
        &DatabaseUrl::parse(&url)?,
        OpenMode::CreateIfMissing,
    ))?;
    let users = rt.block_on(people(&store, 1));
    rt.block_on(enqueue(&store, &users[0]));
    // The SMTP server is not there yet: the first try fails and is put off.
    let smtp_port = free_port();
    let _server = serve(&url, smtp_port, &dir.join("serve.log"), (false, 4));
    wait_for("a failed first try recorded", 30, || {
        let rows = rt.block_on(store.outbox()).unwrap();
        rows[0].last_error.is_some() && rows[0].attempts == 1
    })?;
    let row = rt.block_on(store.outbox())?.remove(0);
    check(row.sent_at.is_none(), || format!("{row:?}"))?;
    let maildir = dir.join("maildir");
    let _smtp = smtp_server(smtp_port, &maildir);
    // The back-off after one failure is 30 s.
    wait_for("the mail delivered after the retry", 60, || {
        !delivered(&maildir).is_empty()
    })?;
    wait_for("the outbox recording it as sent", 10, || {
        rt.block_on(store.outbox()).unwrap()[0].sent_at.is_some()
    })?;
    let mails = delivered(&maildir);
    check(mails.len() == 1, || format!("{mails:?}"))?;
    let mail = &mails[0];
    check(mail.message_id == row.message_id, || {
        format!("{} != {}", mail.message_id, row.message_id)
    })?;
    check(mail.to.contains("p0@lokalis.example"), || mail.to.clone())?;
    check(mail.subject == "Nieuw bericht in eenplan", || {
        mail.subject.clone()
    })?;
    check(
        mail.text
            .contains("Er staat een nieuw bericht voor je klaar in eenplan.")
            && mail.text.contains("https://eenplan.example/berichten"),
        || mail.text.clone(),
    )?;
    rt.block_on(store.close());
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}

fn sigkill_between_acceptance_and_commit_resends_the_same_message() -> Result<(), Failed> {
    let rt = tokio::runtime::Runtime::new()?;
    let dir = temp_dir("kill");
    let url = sqlite_url(&dir.join("m.sqlite"));
    let store = rt.block_on(Store::open(
        &DatabaseUrl::parse(&url)?,
        OpenMode::CreateIfMissing,
    ))?;
    let users = rt.block_on(people(&store, 2));
    rt.block_on(enqueue(&store, &users[0]));
    let smtp_port = free_port();
    let maildir = dir.join("maildir");
    let _smtp = smtp_server(smtp_port, &maildir);
    let log = dir.join("first.log");
    let mut first = serve(&url, smtp_port, &log, (true, 4));
    wait_for("the first mail accepted", 30, || {
        delivered(&maildir).len() == 1
    })?;
    wait_for("the sender stopped at the failpoint", 10, || {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .contains("failpoint")
    })?;
    // A second mail queued while the sender hangs: it must not be lost either.
    rt.block_on(enqueue(&store, &users[1]));
    first.0.kill()?; // SIGKILL
    first.0.wait()?;
    let rows = rt.block_on(store.outbox())?;
    check(rows.iter().all(|r| r.sent_at.is_none()), || {
        format!("nothing recorded as sent before the kill: {rows:?}")
    })?;
    let _second = serve(&url, smtp_port, &dir.join("second.log"), (false, 4));
    // The first row's lease (4 s) runs out, then both go out.
    wait_for("both rows recorded as sent after the restart", 60, || {
        rt.block_on(store.outbox())
            .unwrap()
            .iter()
            .all(|r| r.sent_at.is_some())
    })?;
    let mails = delivered(&maildir);
    let mut by_id: BTreeMap<String, usize> = BTreeMap::new();
    for m in &mails {
        *by_id.entry(m.message_id.clone()).or_default() += 1;
    }
    let expected: BTreeMap<String, usize> = [
        (rows[0].message_id.clone(), 2),
        (rows[1].message_id.clone(), 1),
    ]
    .into_iter()
    .collect();
    check(by_id == expected, || {
        format!("delivered {by_id:?}, expected {expected:?}")
    })?;
    rt.block_on(store.close());
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}

fn two_instances_send_a_burst_each_mail_once() -> Result<(), Failed> {
    let rt = tokio::runtime::Runtime::new()?;
    let dir = temp_dir("burst");
    let db = rt.block_on(TestDb::new(Backend::Postgres));
    let store = rt.block_on(db.open());
    let users = rt.block_on(people(&store, 4));
    let smtp_port = free_port();
    let maildir = dir.join("maildir");
    let _smtp = smtp_server(smtp_port, &maildir);
    let url = db.raw_url().to_owned();
    let _a = serve(&url, smtp_port, &dir.join("a.log"), (false, 60));
    let _b = serve(&url, smtp_port, &dir.join("b.log"), (false, 60));
    // The burst: ten digests per person (one per day) and a mail each, at once.
    let now = UtcTime::now();
    rt.block_on(store.change(async |tx| {
        for user in &users {
            tx.enqueue_mail(user, now).await?;
            for day in 1..=10 {
                tx.enqueue_digest(user, jiff::civil::date(2026, 11, day), 1, now)
                    .await?;
            }
        }
        Ok(())
    }))?;
    let expected: BTreeSet<String> = rt
        .block_on(store.outbox())?
        .into_iter()
        .map(|r| r.message_id)
        .collect();
    check(expected.len() == 44, || format!("{} rows", expected.len()))?;
    wait_for("every row recorded as sent", 90, || {
        rt.block_on(store.outbox())
            .unwrap()
            .iter()
            .all(|r| r.sent_at.is_some())
    })?;
    let mails = delivered(&maildir);
    let ids: Vec<String> = mails.iter().map(|m| m.message_id.clone()).collect();
    let distinct: BTreeSet<String> = ids.iter().cloned().collect();
    check(ids.len() == distinct.len(), || {
        format!(
            "{} mails, {} distinct: a row was sent twice",
            ids.len(),
            distinct.len()
        )
    })?;
    check(distinct == expected, || {
        format!("delivered {distinct:?}, expected {expected:?}")
    })?;
    rt.block_on(store.close());
    rt.block_on(db.cleanup());
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}

fn serve_says_once_that_mail_is_off_and_stops_on_bad_settings() -> Result<(), Failed> {
    let dir = temp_dir("config");
    let url = sqlite_url(&dir.join("c.sqlite"));
    for (args, expected) in [
        (
            vec!["--smtp-url", "smtp://127.0.0.1:2525"],
            "needs --mail-from",
        ),
        (
            vec![
                "--smtp-url",
                "smtps://u:geheim@h?tls=maybe",
                "--mail-from",
                "a@b.example",
                "--public-url",
                "https://eenplan.example",
            ],
            "--smtp-url is not usable",
        ),
    ] {
        let out = Command::new(BIN)
            .args(["serve", "--database", &url, "--listen", "127.0.0.1:0"])
            .args(&args)
            .env_remove("EENPLAN_SMTP_URL")
            .env_remove("EENPLAN_MAIL_FROM")
            .env_remove("EENPLAN_PUBLIC_URL")
            .output()?;
        let err = String::from_utf8_lossy(&out.stderr);
        check(out.status.code() == Some(2), || {
            format!("{:?}: {err}", out.status)
        })?;
        check(err.lines().count() == 1 && err.contains(expected), || {
            err.to_string()
        })?;
        check(!err.contains("geheim"), || err.to_string())?;
    }
    let log = dir.join("serve.log");
    let port = free_port();
    let mut server = Proc(
        Command::new(BIN)
            .args(["serve", "--database", &url, "--listen"])
            .arg(format!("127.0.0.1:{port}"))
            .env("EENPLAN_LOG", "info")
            .env_remove("EENPLAN_SMTP_URL")
            .env_remove("EENPLAN_MAIL_FROM")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log)?)
            .spawn()?,
    );
    wait_for("serve starting", 30, || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    })?;
    server.0.kill()?;
    server.0.wait()?;
    let text = std::fs::read_to_string(&log)?;
    check(text.matches("e-mail is off").count() == 1, || text.clone())?;
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}
