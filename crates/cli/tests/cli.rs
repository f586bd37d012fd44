//! The `eenplan` binary as an operator uses it: exit codes, one-line errors, the demo,
//! verify on a tampered journal (SQLite, and PostgreSQL when
//! `EENPLAN_TEST_POSTGRES_URL` is set), backup, and serve with graceful shutdown.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../store/tests/support/mod.rs"]
mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use eenplan_store::{Backend, DatabaseUrl};
use libtest_mimic::{Arguments, Failed, Trial};
use support::{TestDb, postgres_url, seed_organisations};

const BIN: &str = env!("CARGO_BIN_EXE_eenplan");

fn main() {
    let args = Arguments::from_args();
    let mut trials = vec![
        Trial::test("help_for_every_command", help_for_every_command),
        Trial::test(
            "openapi_prints_the_document_the_server_serves",
            openapi_prints_the_document_the_server_serves,
        ),
        Trial::test(
            "the_request_log_names_routes_never_what_was_asked",
            the_request_log_names_routes_never_what_was_asked,
        ),
        Trial::test(
            "errors_are_one_line_and_exit_2",
            errors_are_one_line_and_exit_2,
        ),
        Trial::test(
            "demo_replaces_only_a_demo_database",
            demo_replaces_only_a_demo_database,
        ),
        Trial::test(
            "user_add_journals_and_prints_an_enrolment_code",
            user_add_journals_and_prints_an_enrolment_code,
        ),
        Trial::test("backup_makes_a_verified_copy", backup_makes_a_verified_copy),
        Trial::test(
            "statutory_days_are_data_the_operator_keeps_and_journals",
            statutory_days_are_data_the_operator_keeps_and_journals,
        ),
        Trial::test(
            "remind_writes_each_reminder_once",
            remind_writes_each_reminder_once,
        ),
        Trial::test(
            "evaluation_threshold_is_never_below_five",
            evaluation_threshold_is_never_below_five,
        ),
        Trial::test(
            "output_into_a_closed_pipe_ends_quietly",
            output_into_a_closed_pipe_ends_quietly,
        ),
        Trial::test(
            "demo_code_prints_a_valid_code_for_demo_accounts_only",
            demo_code_prints_a_valid_code_for_demo_accounts_only,
        ),
        Trial::test(
            "serve_loads_the_theme_file_or_stops_with_one_line",
            serve_loads_the_theme_file_or_stops_with_one_line,
        ),
        Trial::test(
            "routes_and_codes_print_what_the_crawl_needs",
            routes_and_codes_print_what_the_crawl_needs,
        ),
        Trial::test(
            "insecure_cookies_only_on_loopback",
            insecure_cookies_only_on_loopback,
        ),
        Trial::test(
            "serve_answers_healthz_and_stops_on_sigterm",
            serve_answers_healthz_and_stops_on_sigterm,
        ),
    ];
    let mut backends = vec![Backend::Sqlite];
    if postgres_url().is_some() {
        backends.push(Backend::Postgres);
    } else {
        println!(
            "NOTE: PostgreSQL runs of `eenplan verify` SKIPPED: set {} to run them",
            support::POSTGRES_ENV
        );
    }
    for backend in backends {
        let prefix = format!("{backend:?}").to_lowercase();
        for (name, tamper, expected) in TAMPERING {
            trials.push(Trial::test(
                format!("{prefix}::verify_reports_{name}"),
                move || verify_reports(backend, tamper, expected),
            ));
        }
        trials.push(Trial::test(
            format!("{prefix}::verify_accepts_untouched_journal"),
            move || verify_reports(backend, "", &[]),
        ));
        if backend == Backend::Postgres {
            trials.push(Trial::test(
                "postgres::demo_fills_only_an_empty_database",
                demo_fills_only_an_empty_postgres_database,
            ));
        }
        trials.push(Trial::test(
            format!("{prefix}::anchors_catch_a_cut_and_rewound_access_log"),
            move || anchors_catch_a_cut_and_rewound_access_log(backend),
        ));
        trials.push(Trial::test(
            format!("{prefix}::verify_deep_catches_a_swapped_password_hash"),
            move || verify_deep_catches_a_swapped_password_hash(backend),
        ));
        trials.push(Trial::test(
            format!("{prefix}::a_region_starts_from_nothing"),
            move || a_region_starts_from_nothing(backend),
        ));
    }
    libtest_mimic::run(&args, trials).exit();
}

fn eenplan(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env_remove("EENPLAN_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn check(cond: bool, msg: impl FnOnce() -> String) -> Result<(), Failed> {
    if cond { Ok(()) } else { Err(msg().into()) }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "eenplan_cli_{name}_{}_{}",
        std::process::id(),
        eenplan_store::ids::new_id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

fn help_for_every_command() -> Result<(), Failed> {
    for cmd in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["migrate", "--help"],
        vec!["verify", "--help"],
        vec!["demo", "--help"],
        vec!["user", "--help"],
        vec!["user", "add", "--help"],
        vec!["area", "add", "--help"],
        vec!["org", "add", "--help"],
        vec!["team", "add", "--help"],
        vec!["backup", "--help"],
        vec!["demo-code", "--help"],
        vec!["statutory-day", "add", "--help"],
        vec!["statutory-day", "remove", "--help"],
        vec!["statutory-day", "list", "--help"],
        vec!["access-log", "cut", "--help"],
        vec!["openapi", "--help"],
        vec!["remind", "--help"],
    ] {
        let out = eenplan(&cmd, None);
        check(
            out.status.success() && text(&out.stdout).contains("Usage:"),
            || format!("{cmd:?}: {}", text(&out.stderr)),
        )?;
    }
    Ok(())
}

fn openapi_prints_the_document_the_server_serves() -> Result<(), Failed> {
    let out = eenplan(&["openapi"], None);
    check(out.status.success(), || text(&out.stderr))?;
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    check(printed == eenplan_web::openapi_document(), || {
        "differs from eenplan_web::openapi_document()".into()
    })
}

fn errors_are_one_line_and_exit_2() -> Result<(), Failed> {
    let dir = temp_dir("errors");
    let db = sqlite_url(&dir.join("e.sqlite"));
    let out = eenplan(&["migrate", "--database", &db], None);
    check(out.status.success(), || text(&out.stderr))?;
    let cases: Vec<(Vec<String>, Option<&str>, &str)> = vec![
        (
            vec![
                "verify".into(),
                "--database".into(),
                "mysql://root:geheim@h/db".into(),
            ],
            None,
            "use sqlite://PATH or postgres://",
        ),
        (
            vec![
                "verify".into(),
                "--database".into(),
                sqlite_url(&dir.join("nope.sqlite")),
            ],
            None,
            "no database at",
        ),
        (
            vec![
                "migrate".into(),
                "--database".into(),
                "postgres://postgres@127.0.0.1:1/test".into(),
            ],
            None,
            "cannot open the database",
        ),
        (
            vec![
                "verify".into(),
                "--database".into(),
                db.clone(),
                "--anchor".into(),
                "12".into(),
            ],
            None,
            "is not an anchor",
        ),
        (
            [
                "user",
                "add",
                "--database",
                &db,
                "--email",
                "a@b.nl",
                "--name",
                "A",
                "--org",
                "onbekend",
                "--role",
                "professional",
            ]
            .map(String::from)
            .to_vec(),
            Some("een lang genoeg wachtwoord\n"),
            "unknown organisation 'onbekend'",
        ),
        (
            [
                "user",
                "add",
                "--database",
                &db,
                "--email",
                "geen-email",
                "--name",
                "A",
                "--org",
                "x",
                "--role",
                "professional",
            ]
            .map(String::from)
            .to_vec(),
            None,
            "not a valid e-mail address",
        ),
        (
            // A proxy range wider than meant would let clients forge their address.
            [
                "serve",
                "--database",
                &db,
                "--trusted-proxy",
                "10.0.0.0/8",
                "--trusted-proxy",
                "10.0.0.1/8",
            ]
            .map(String::from)
            .to_vec(),
            None,
            "did you mean 10.0.0.0/8?",
        ),
    ];
    for (args, stdin, expected) in cases {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = eenplan(&refs, stdin);
        let err = text(&out.stderr);
        check(out.status.code() == Some(2), || {
            format!("{args:?}: exit {:?}, {err}", out.status.code())
        })?;
        check(err.lines().count() == 1 && err.contains(expected), || {
            format!("{args:?}: {err:?}")
        })?;
        check(!err.contains("geheim"), || {
            format!("password leaked: {err}")
        })?;
    }
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}

fn demo_replaces_only_a_demo_database() -> Result<(), Failed> {
    let dir = temp_dir("demo");
    let path = dir.join("demo.sqlite");
    let url = sqlite_url(&path);
    for round in 0..2 {
        let out = eenplan(&["demo", "--database", &url, "--no-serve"], None);
        let stdout = text(&out.stdout);
        check(out.status.success(), || {
            format!("round {round}: {}", text(&out.stderr))
        })?;
        check(
            stdout.contains("14 organisations")
                && stdout.contains("300 families")
                && stdout.contains("sanne.devries@lokalis.example"),
            || stdout.clone(),
        )?;
    }
    let out = eenplan(&["verify", "--database", &url], None);
    check(
        out.status.success() && text(&out.stdout).contains("journal intact: "),
        || text(&out.stdout),
    )?;

    let precious = dir.join("real.sqlite");
    std::fs::write(&precious, b"not a demo").unwrap();
    let out = eenplan(
        &["demo", "--database", &sqlite_url(&precious), "--no-serve"],
        None,
    );
    check(
        out.status.code() == Some(2) && text(&out.stderr).contains("refusing to overwrite"),
        || text(&out.stderr),
    )?;
    check(std::fs::read(&precious).unwrap() == b"not a demo", || {
        "the file was changed".into()
    })?;

    let real_db = dir.join("migrated.sqlite");
    let out = eenplan(&["migrate", "--database", &sqlite_url(&real_db)], None);
    check(out.status.success(), || text(&out.stderr))?;
    let out = eenplan(
        &["demo", "--database", &sqlite_url(&real_db), "--no-serve"],
        None,
    );
    check(
        out.status.code() == Some(2) && text(&out.stderr).contains("not an eenplan demo database"),
        || text(&out.stderr),
    )?;
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}

/// The days equated with a holiday by royal decree (Atw art. 3 lid 3): seeded from the
/// decrees' pattern, added and removed by the operator with a Staatscourant reference,
/// every change journaled.
/// `eenplan remind` on a demo data set: the first run on a working day writes the
/// overdue and coming items, a second run the same day writes nothing, and a day that
/// is no date is one line and exit 2.
fn remind_writes_each_reminder_once() -> Result<(), Failed> {
    let dir = temp_dir("remind");
    let url = sqlite_url(&dir.join("demo.sqlite"));
    let out = eenplan(
        &["demo", "--database", &url, "--no-serve", "--families", "60"],
        None,
    );
    check(out.status.success(), || text(&out.stderr))?;
    // The demo's dates lie around today: the next Wednesday that is no holiday is a
    // working day with overdue plan actions.
    let mut day = jiff::Zoned::now().date();
    loop {
        day = day.tomorrow().unwrap();
        let holiday = matches!(
            (day.month(), day.day()),
            (4, 27) | (5, 5) | (12, 25) | (12, 26) | (1, 1)
        );
        if day.weekday() == jiff::civil::Weekday::Wednesday && !holiday {
            break;
        }
    }
    let today = day.to_string();
    let remind = || eenplan(&["remind", "--database", &url, "--today", &today], None);
    let first = remind();
    let first_out = text(&first.stdout);
    check(first.status.success(), || text(&first.stderr))?;
    let written: usize = first_out
        .trim()
        .strip_prefix(&format!("{today}: "))
        .and_then(|r| r.strip_suffix(" reminder(s) written"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    check(written > 0, || first_out.clone())?;
    let second = remind();
    check(
        text(&second.stdout).trim() == format!("{today}: 0 reminder(s) written"),
        || text(&second.stdout),
    )?;
    let bad = eenplan(
        &["remind", "--database", &url, "--today", "7-12-2026"],
        None,
    );
    let err = text(&bad.stderr);
    check(
        bad.status.code() == Some(2) && err.lines().count() == 1 && err.contains("YYYY-MM-DD"),
        || err.clone(),
    )?;
    Ok(())
}

/// The evaluation's commands: a threshold below 5 is refused in one line (exit 2) and
/// leaves nothing behind, a higher one is kept and journaled, and report and rebuild
/// run on a fresh database.
fn evaluation_threshold_is_never_below_five() -> Result<(), Failed> {
    let dir = temp_dir("evaluation");
    let url = sqlite_url(&dir.join("eenplan.sqlite"));
    let out = eenplan(&["migrate", "--database", &url], None);
    check(out.status.success(), || text(&out.stderr))?;
    let entries = || {
        let out = eenplan(&["verify", "--database", &url], None);
        text(&out.stdout)
    };
    let before = entries();
    let low = eenplan(&["evaluation", "threshold", "4", "--database", &url], None);
    let err = text(&low.stderr);
    check(
        low.status.code() == Some(2) && err.lines().count() == 1 && err.contains("at least 5"),
        || err.clone(),
    )?;
    check(entries() == before, || {
        "a refused threshold wrote nothing".into()
    })?;
    let ok = eenplan(&["evaluation", "threshold", "7", "--database", &url], None);
    check(ok.status.success(), || text(&ok.stderr))?;
    check(text(&ok.stdout).contains("\"<7\""), || text(&ok.stdout))?;
    check(entries() != before, || {
        "the new threshold is journaled".into()
    })?;
    let report = eenplan(
        &[
            "evaluation",
            "report",
            "--database",
            &url,
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
        ],
        None,
    );
    check(report.status.success(), || text(&report.stderr))?;
    // Nothing counted: zero is shown (it names nobody), never hidden.
    check(text(&report.stdout).contains(": 0 files"), || {
        text(&report.stdout)
    })?;
    let rebuild = eenplan(&["evaluation", "rebuild", "--database", &url], None);
    check(rebuild.status.success(), || text(&rebuild.stderr))?;
    let bad = eenplan(
        &[
            "evaluation",
            "report",
            "--database",
            &url,
            "--from",
            "1-1-2026",
            "--to",
            "2026-12-31",
        ],
        None,
    );
    let err = text(&bad.stderr);
    check(
        bad.status.code() == Some(2) && err.lines().count() == 1 && err.contains("YYYY-MM-DD"),
        || err.clone(),
    )?;
    Ok(())
}

fn statutory_days_are_data_the_operator_keeps_and_journals() -> Result<(), Failed> {
    let dir = temp_dir("statutory");
    let url = sqlite_url(&dir.join("eenplan.sqlite"));
    let out = eenplan(&["migrate", "--database", &url], None);
    check(out.status.success(), || text(&out.stderr))?;
    let list = || text(&eenplan(&["statutory-day", "list", "--database", &url], None).stdout);
    let seeded = list();
    check(
        seeded.contains("2025-05-30\t") && seeded.contains("2040-05-11\t"),
        || seeded.clone(),
    )?;
    let change = |verb: &str, date: &str, reference: &str| {
        eenplan(
            &[
                "statutory-day",
                verb,
                "--database",
                &url,
                "--date",
                date,
                "--reference",
                reference,
            ],
            None,
        )
    };
    let out = change("add", "2025-05-02", "Stcrt. 2024, 12345");
    check(out.status.success(), || text(&out.stderr))?;
    check(
        list().contains("2025-05-02\tStcrt. 2024, 12345\tcli:"),
        list,
    )?;
    for (date, reference, expected) in [
        ("2025-05-02", "Stcrt. 2024, 12345", "already exists"),
        ("2025-05-03", "Stcrt. 2024, 12345", "Saturday"),
        ("2025-05-05", "Stcrt. 2024, 12345", "already a holiday"),
        ("2025-05-06", " ", "Staatscourant"),
        ("6 mei 2025", "Stcrt. 2024, 12345", "YYYY-MM-DD"),
    ] {
        let out = change("add", date, reference);
        let err = text(&out.stderr);
        check(
            out.status.code() == Some(2) && err.contains(expected) && err.lines().count() == 1,
            || format!("{date}: {err}"),
        )?;
    }
    let out = change("remove", "2025-05-02", "Stcrt. 2024, 12346 (rectificatie)");
    check(out.status.success(), || text(&out.stderr))?;
    check(!list().contains("2025-05-02"), list)?;
    let out = change("remove", "2025-05-02", "Stcrt. 2024, 12346");
    check(out.status.code() == Some(2), || text(&out.stderr))?;
    let out = eenplan(&["verify", "--database", &url], None);
    check(
        out.status.success() && text(&out.stdout).contains("journal intact: 2 entries"),
        || format!("{}{}", text(&out.stdout), text(&out.stderr)),
    )?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn user_add_journals_and_prints_an_enrolment_code() -> Result<(), Failed> {
    let dir = temp_dir("user");
    let url = sqlite_url(&dir.join("demo.sqlite"));
    let out = eenplan(
        &["demo", "--database", &url, "--no-serve", "--families", "0"],
        None,
    );
    check(out.status.success(), || text(&out.stderr))?;
    let args = [
        "user",
        "add",
        "--database",
        &url,
        "--email",
        "Nieuwe.Collega@save.example",
        "--name",
        "Nieuwe Collega",
        "--org",
        "save",
        "--role",
        "professional",
        "--role",
        "team_lead",
        "--team",
        "SAVE team Flevoland",
        "--phone",
        "088-000 12 34",
    ];
    let out = eenplan(&args, Some("een lang genoeg wachtwoord\n"));
    let stdout = text(&out.stdout);
    check(out.status.success(), || text(&out.stderr))?;
    // The operator learns no authenticator secret, only the one-time enrolment code.
    check(
        !stdout.contains("otpauth://") && stdout.contains("one-time enrolment code: "),
        || stdout.clone(),
    )?;
    let out = eenplan(&args, Some("een lang genoeg wachtwoord\n"));
    check(
        out.status.code() == Some(2) && text(&out.stderr).contains("already exists"),
        || text(&out.stderr),
    )?;
    let out = eenplan(
        &[
            "user",
            "add",
            "--database",
            &url,
            "--email",
            "kort@save.example",
            "--name",
            "K",
            "--org",
            "save",
            "--role",
            "professional",
        ],
        Some("te kort\n"),
    );
    check(
        out.status.code() == Some(2) && text(&out.stderr).contains("at least 12 characters"),
        || text(&out.stderr),
    )?;
    let mut bad_phone = args.to_vec();
    bad_phone[5] = "ander@save.example";
    bad_phone[17] = "bel me maar";
    let out = eenplan(&bad_phone, Some("een lang genoeg wachtwoord\n"));
    check(
        out.status.code() == Some(2) && text(&out.stderr).contains("phone number"),
        || text(&out.stderr),
    )?;
    // The number is changed and removed later; mistakes are one line, exit 2.
    let phone = |extra: &[&str]| {
        let mut args = vec!["user", "phone", "--database", &url];
        args.extend_from_slice(extra);
        eenplan(&args, None)
    };
    let out = phone(&[
        "--email",
        "nieuwe.collega@save.example",
        "--phone",
        "030-111 22 33",
    ]);
    check(
        out.status.success() && text(&out.stdout).contains("phone number 030-111 22 33"),
        || text(&out.stderr),
    )?;
    for (args, says) in [
        (
            vec![
                "--email",
                "nieuwe.collega@save.example",
                "--phone",
                "bellen",
            ],
            "--phone",
        ),
        (
            vec![
                "--email",
                "niemand@save.example",
                "--phone",
                "030-111 22 33",
            ],
            "no account",
        ),
        (vec!["--email", "nieuwe.collega@save.example"], "--phone"),
    ] {
        let out = phone(&args);
        check(
            out.status.code() == Some(2)
                && text(&out.stderr).contains(says)
                && text(&out.stderr).lines().count() == 1,
            || format!("{args:?}: {}", text(&out.stderr)),
        )?;
    }
    let out = phone(&["--email", "nieuwe.collega@save.example", "--clear"]);
    check(
        out.status.success() && text(&out.stdout).contains("phone number removed"),
        || text(&out.stderr),
    )?;
    // The demo's 311 entries (its set-up with the EVU's areas and the nine pilots of the
    // seed texts' places, a general phone number per organisation, a phone number per demo
    // account (the EVU coordinator's included), Veilig Thuis's intake, SAVE op locatie: three part-days, one of them
    // ended, 48 consultations in the past year with two entries each and 8 bookings to
    // come, and two complaints officers with six synthetic complaints each), then the new account, its phone number, its password to change and its
    // enrolment code, the change and the removal; the refused ones left nothing.
    let out = eenplan(&["verify", "--database", &url], None);
    check(
        text(&out.stdout).contains("journal intact: 317 entries"),
        || text(&out.stdout),
    )?;
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}

/// `eenplan verify | head -1`: the reader goes away before the output comes; eenplan
/// ends without a panic message. (The pipe is closed before the command has even opened
/// the database, so its first line already meets a closed pipe.)
fn output_into_a_closed_pipe_ends_quietly() -> Result<(), Failed> {
    let dir = temp_dir("pipe");
    let url = sqlite_url(&dir.join("demo.sqlite"));
    let out = eenplan(
        &["demo", "--database", &url, "--no-serve", "--families", "0"],
        None,
    );
    check(out.status.success(), || text(&out.stderr))?;
    let mut child = std::process::Command::new(BIN)
        .args(["verify", "--database", &url])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = text(&out.stderr);
    check(!stderr.contains("panicked"), || stderr.clone())?;
    check(out.status.code() == Some(0), || {
        format!("exit {:?}: {stderr}", out.status.code())
    })?;
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}

fn backup_makes_a_verified_copy() -> Result<(), Failed> {
    let dir = temp_dir("backup");
    let url = sqlite_url(&dir.join("demo.sqlite"));
    let copy = dir.join("copy.sqlite");
    check(
        eenplan(
            &["demo", "--database", &url, "--no-serve", "--families", "0"],
            None,
        )
        .status
        .success(),
        || "demo failed".into(),
    )?;
    let out = eenplan(
        &["backup", "--database", &url, "--to", copy.to_str().unwrap()],
        None,
    );
    check(
        out.status.success()
            && text(&out.stdout)
                .contains("311 journal entries and 0 access-log lines, both chains verified"),
        || text(&out.stderr),
    )?;
    // The anchors the backup printed, pasted as they are, prove the copy.
    let anchors = printed_anchors(&text(&out.stdout));
    check(
        anchors.len() == 2 && anchors[1].starts_with("journal:311:"),
        || text(&out.stdout),
    )?;
    let copy_url = sqlite_url(&copy);
    let mut args = vec!["verify", "--database", &copy_url];
    args.extend(anchors.iter().map(String::as_str));
    let out = eenplan(&args, None);
    check(out.status.success(), || text(&out.stdout))?;
    let out = eenplan(
        &["backup", "--database", &url, "--to", copy.to_str().unwrap()],
        None,
    );
    check(
        out.status.code() == Some(2) && text(&out.stderr).contains("never overwrites"),
        || text(&out.stderr),
    )?;
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}

fn demo_code_prints_a_valid_code_for_demo_accounts_only() -> Result<(), Failed> {
    let dir = temp_dir("democode");
    let url = sqlite_url(&dir.join("demo.sqlite"));
    let out = eenplan(&["demo", "--database", &url, "--no-serve"], None);
    check(out.status.success(), || text(&out.stderr))?;
    let stdout = text(&out.stdout);
    check(stdout.contains("demo-code EMAIL"), || stdout.clone())?;
    // Every role has an account in the printed table.
    for role in [
        "professional",
        "behavioural_scientist",
        "team_lead",
        "functional_admin",
        "privacy_officer",
    ] {
        check(
            stdout.lines().any(|l| l.trim_start().starts_with(role)),
            || format!("no {role} account in {stdout}"),
        )?;
    }
    // A professional's code, and a family member's (issue 17: the demo's portal accounts).
    for (email, kind) in [
        ("sanne.devries@lokalis.example", "professional"),
        ("ouder.demo@gezin.example", "family_parent"),
    ] {
        let secret_line = stdout
            .lines()
            .find(|l| l.contains(email))
            .unwrap_or_default();
        check(secret_line.trim_start().starts_with(kind), || {
            format!("no {kind} line for {email} in {stdout}")
        })?;
        let secret = secret_line.split_whitespace().last().unwrap_or_default();
        let secret = eenplan_domain::totp::TotpSecret::from_base32(secret)
            .map_err(|e| Failed::from(e.to_string()))?;
        let out = eenplan(&["demo-code", "--database", &url, email], None);
        check(out.status.success(), || text(&out.stderr))?;
        let code = text(&out.stdout).trim().to_owned();
        let now = eenplan_domain::UtcTime::now().timestamp().as_second();
        check(secret.verify(&code, now, None).is_ok(), || {
            format!("{email}: {code} is not a current code")
        })?;
    }

    let out = eenplan(
        &["demo-code", "--database", &url, "niemand@lokalis.example"],
        None,
    );
    check(
        out.status.code() == Some(2) && text(&out.stderr).contains("no demo account"),
        || text(&out.stderr),
    )?;
    let real = dir.join("real.sqlite");
    check(
        eenplan(&["migrate", "--database", &sqlite_url(&real)], None)
            .status
            .success(),
        || "migrate".into(),
    )?;
    let out = eenplan(
        &[
            "demo-code",
            "--database",
            &sqlite_url(&real),
            "sanne.devries@lokalis.example",
        ],
        None,
    );
    check(
        out.status.code() == Some(2) && text(&out.stderr).contains("is not a demo database"),
        || text(&out.stderr),
    )?;
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}

fn insecure_cookies_only_on_loopback() -> Result<(), Failed> {
    let dir = temp_dir("cookies");
    let url = sqlite_url(&dir.join("c.sqlite"));
    let out = eenplan(
        &[
            "serve",
            "--database",
            &url,
            "--listen",
            "0.0.0.0:0",
            "--insecure-cookies",
        ],
        None,
    );
    let err = text(&out.stderr);
    check(
        out.status.code() == Some(2) && err.contains("only allowed on a loopback address"),
        || err.clone(),
    )?;
    check(!dir.join("c.sqlite").exists(), || {
        "refused before touching the database".into()
    })?;
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}

fn serve_loads_the_theme_file_or_stops_with_one_line() -> Result<(), Failed> {
    let dir = temp_dir("theme");
    let url = sqlite_url(&dir.join("t.sqlite"));
    let missing = dir.join("geen-huisstijl.css");
    for (args, env) in [
        (vec!["--theme-css", missing.to_str().unwrap()], None),
        (vec![], Some(missing.to_str().unwrap())),
    ] {
        let mut cmd = Command::new(BIN);
        cmd.args(["serve", "--database", &url, "--listen", "127.0.0.1:0"])
            .args(&args)
            .env_remove("EENPLAN_THEME_CSS");
        if let Some(path) = env {
            cmd.env("EENPLAN_THEME_CSS", path);
        }
        let out = cmd.output()?;
        let err = text(&out.stderr);
        check(
            out.status.code() == Some(2)
                && err.lines().count() == 1
                && err.contains("--theme-css")
                && err.contains("geen-huisstijl.css"),
            || format!("{args:?} {env:?}: {:?} {err}", out.status),
        )?;
    }
    check(!dir.join("t.sqlite").exists(), || {
        "refused before touching the database".into()
    })?;
    // A file that is there is what the pages load as their theme, byte for byte.
    let file = dir.join("huisstijl.css");
    let css = ".utrecht-theme { --utrecht-document-font-family: 'Huisstijl Sans', sans-serif; }\n";
    std::fs::write(&file, css)?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let server = Server(
        Command::new(BIN)
            .args([
                "serve",
                "--database",
                &url,
                "--listen",
                &format!("127.0.0.1:{port}"),
            ])
            .arg("--theme-css")
            .arg(&file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?,
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let response = loop {
        if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
            s.write_all(b"GET /static/theme.css HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
            let mut body = String::new();
            s.read_to_string(&mut body)?;
            break body;
        }
        check(Instant::now() < deadline, || {
            "server did not start within 30 s".into()
        })?;
        std::thread::sleep(Duration::from_millis(50));
    };
    check(
        response.starts_with("HTTP/1.0 200") && response.ends_with(&format!("\r\n\r\n{css}")),
        || response.clone(),
    )?;
    drop(server);
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}

fn routes_and_codes_print_what_the_crawl_needs() -> Result<(), Failed> {
    let out = eenplan(&["routes", "--json"], None);
    check(out.status.success(), || text(&out.stderr))?;
    let routes: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
    let paths: Vec<&str> = routes.iter().filter_map(|r| r["path"].as_str()).collect();
    let pages = eenplan_web::routes::table()
        .into_iter()
        .filter(|(r, _)| {
            r.method == "GET"
                && !r.path.starts_with("/api/")
                && !r.path.starts_with("/static/")
                && r.path != "/healthz"
        })
        .count();
    check(
        paths.len() == pages && paths.contains(&"/gezinnen/{family}") && paths.contains(&"/start"),
        || format!("{pages} GET pages in the table, printed: {paths:?}"),
    )?;
    let out = eenplan(&["codes", "--json"], None);
    check(out.status.success(), || text(&out.stderr))?;
    let codes: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
    check(
        codes.len() == eenplan_domain::code_registry::every_code().len()
            && codes
                .iter()
                .all(|c| c["code"].is_string() && c["label_nl"].is_string()),
        || format!("{} codes printed", codes.len()),
    )
}

/// Kills and reaps the server if a check fails half-way, so no test leaves it running.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

fn serve_answers_healthz_and_stops_on_sigterm() -> Result<(), Failed> {
    let dir = temp_dir("serve");
    let url = sqlite_url(&dir.join("s.sqlite"));
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut server = Server(
        Command::new(BIN)
            .args([
                "serve",
                "--database",
                &url,
                "--listen",
                &format!("127.0.0.1:{port}"),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?,
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let response = loop {
        if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
            s.write_all(b"GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
            let mut body = String::new();
            s.read_to_string(&mut body)?;
            break body;
        }
        check(Instant::now() < deadline, || {
            "server did not start within 30 s".into()
        })?;
        std::thread::sleep(Duration::from_millis(50));
    };
    check(
        response.starts_with("HTTP/1.0 200") && response.contains(r#""database":"ok""#),
        || response.clone(),
    )?;
    let killed = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()?;
    check(killed.success(), || "kill failed".into())?;
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.0.try_wait()? {
            break status;
        }
        check(Instant::now() < deadline, || {
            "server did not stop within 10 s of SIGTERM".into()
        })?;
        std::thread::sleep(Duration::from_millis(50));
    };
    check(status.success(), || format!("server exited with {status}"))?;
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}

/// (name, SQL run behind eenplan's back, lines `eenplan verify` must print).
const TAMPERING: &[(&str, &str, &[&str])] = &[
    (
        "an_edited_payload",
        "UPDATE journal SET payload = replace(payload, 'Organisatie 2', 'Organisatie X') WHERE seq = 3",
        &["entry #3: content does not match its hash (edited)"],
    ),
    ("a_deleted_entry", "DELETE FROM journal WHERE seq = 2", &["entry #2: missing (deleted)"]),
    (
        "an_inserted_entry",
        "UPDATE journal SET seq = seq + 1000 WHERE seq >= 3;
         UPDATE journal SET seq = seq - 999 WHERE seq >= 1003;
         INSERT INTO journal SELECT 3, 'forged', recorded_at, actor, actor_organisation, kind,
             subject_type, subject_id, payload, payload_sha256, prev_hash, hash FROM journal WHERE seq = 2;",
        &["entry #3: content and link both wrong"],
    ),
    (
        "swapped_entries",
        "UPDATE journal SET seq = 1000 WHERE seq = 2;
         UPDATE journal SET seq = 2 WHERE seq = 3;
         UPDATE journal SET seq = 3 WHERE seq = 1000;",
        &["entry #2: content and link both wrong", "entry #3: content and link both wrong"],
    ),
];

fn verify_reports(backend: Backend, tamper: &str, expected: &[&str]) -> Result<(), Failed> {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = rt.block_on(async {
        let db = TestDb::new(backend).await;
        let store = db.open().await;
        seed_organisations(&store, 5).await;
        store.close().await;
        if !tamper.is_empty() {
            db.disable_journal_protection().await;
            db.raw(tamper).await.unwrap();
        }
        db
    });
    let url = match &db.url {
        DatabaseUrl::Sqlite(p) => sqlite_url(p),
        DatabaseUrl::Postgres(u) => u.clone(),
    };
    let out = eenplan(&["verify", "--database", &url], None);
    let stdout = text(&out.stdout);
    rt.block_on(db.cleanup());
    if expected.is_empty() {
        check(
            out.status.success()
                && stdout.contains("journal intact: 5 entries")
                && stdout.contains("access log intact: 0 lines"),
            || stdout.clone(),
        )
    } else {
        check(out.status.code() == Some(1), || {
            format!("exit {:?}: {stdout}", out.status.code())
        })?;
        check(stdout.starts_with("journal TAMPERED"), || stdout.clone())?;
        for line in expected {
            check(stdout.contains(line), || {
                format!("missing {line:?} in {stdout}")
            })?;
        }
        Ok(())
    }
}

fn url_of(db: &TestDb) -> String {
    match &db.url {
        DatabaseUrl::Sqlite(p) => sqlite_url(p),
        DatabaseUrl::Postgres(u) => u.clone(),
    }
}

/// The `--anchor …` arguments on the line verify or backup prints.
fn printed_anchors(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .find(|l| l.starts_with("anchors"))
        .and_then(|l| l.split_once("): "))
        .map(|(_, args)| args.split(' ').map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The access log's tail is cut and its head row rewound to the
/// new last line. Its chain is then intact in itself; the anchor printed before says
/// what is wrong and where.
fn anchors_catch_a_cut_and_rewound_access_log(backend: Backend) -> Result<(), Failed> {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = rt.block_on(async {
        let db = TestDb::new(backend).await;
        let store = db.open().await;
        seed_organisations(&store, 2).await;
        for i in 0..5 {
            store
                .log_access(eenplan_store::AccessEntry {
                    event: eenplan_domain::access_log::AccessEvent::Read,
                    granted: true,
                    basis: Some(eenplan_domain::access_log::AccessBasis::Involved),
                    user_id: format!("user-{i}"),
                    organisation_id: "org".into(),
                    role: "professional".into(),
                    on_behalf_of: None,
                    family_id: Some("family".into()),
                    data: "dossier".into(),
                    client_address: "127.0.0.1".into(),
                })
                .await
                .unwrap();
        }
        store.close().await;
        db
    });
    let url = url_of(&db);
    let out = eenplan(&["verify", "--database", &url], None);
    let stdout = text(&out.stdout);
    let anchors = printed_anchors(&stdout);
    check(
        out.status.success()
            && anchors.len() == 4
            && anchors[1].starts_with("journal:2:")
            && anchors[3].starts_with("access:5:"),
        || stdout.clone(),
    )?;
    rt.block_on(async {
        db.disable_access_log_protection().await;
        db.raw(
            "DELETE FROM access_log WHERE seq >= 4;
             UPDATE access_log_head SET seq = 3, hash = (SELECT hash FROM access_log WHERE seq = 3) WHERE id = 1;",
        )
        .await
        .unwrap();
    });
    // Without the anchor the shortened log is a chain like any other.
    let out = eenplan(&["verify", "--database", &url], None);
    check(out.status.success(), || text(&out.stdout))?;
    let mut args = vec!["verify", "--database", &url];
    args.extend(anchors.iter().map(String::as_str));
    let out = eenplan(&args, None);
    let stdout = text(&out.stdout);
    rt.block_on(db.cleanup());
    check(out.status.code() == Some(1), || stdout.clone())?;
    check(
        stdout.contains("journal intact: 2 entries")
            && stdout.contains("access log TAMPERED: 1 finding(s) in 3 lines")
            && stdout.contains(
                "  entry #5: missing, or different from the anchor written down earlier (chain rewritten or cut short)",
            )
            && !stdout.contains("anchors"),
        || stdout.clone(),
    )
}

/// A password hash swapped in the table is invisible to the
/// chains; `verify --deep` names the account and the entry that sealed it.
fn verify_deep_catches_a_swapped_password_hash(backend: Backend) -> Result<(), Failed> {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = rt.block_on(async {
        let db = TestDb::new(backend).await;
        let store = db.open().await;
        seed_organisations(&store, 1).await;
        store.close().await;
        db
    });
    let url = url_of(&db);
    let out = eenplan(
        &[
            "user",
            "add",
            "--database",
            &url,
            "--email",
            "sanne@org.example",
            "--name",
            "Sanne de Boer",
            "--org",
            "org-0",
            "--role",
            "professional",
        ],
        Some("een lang genoeg wachtwoord\n"),
    );
    check(out.status.success(), || text(&out.stderr))?;
    let out = eenplan(&["verify", "--deep", "--database", &url], None);
    let stdout = text(&out.stdout);
    check(
        out.status.success() && stdout.contains("tables explained by the journal"),
        || stdout.clone(),
    )?;
    rt.block_on(async {
        db.raw("UPDATE users SET password_hash = '$argon2id$v=19$m=19456,t=2,p=1$forged' WHERE email = 'sanne@org.example'")
            .await
            .unwrap();
    });
    let plain = eenplan(&["verify", "--database", &url], None);
    let out = eenplan(&["verify", "--deep", "--database", &url], None);
    let stdout = text(&out.stdout);
    rt.block_on(db.cleanup());
    check(plain.status.success(), || text(&plain.stdout))?;
    check(out.status.code() == Some(1), || stdout.clone())?;
    let line = stdout.lines().find(|l| l.starts_with("  users "));
    check(
        stdout.contains("tables TAMPERED: 1 finding(s)")
            && line.is_some_and(|l| {
                l.ends_with(
                    // #2 created the account; #3 and #4 flagged its password for a
                    // change and issued its enrolment code, each sealing the row anew.
                    ": differs from what journal entry #4 recorded (edited outside eenplan)",
                )
            }),
        || stdout.clone(),
    )
}

/// Serves on a fresh database with `format` as EENPLAN_LOG_FORMAT, sends `requests`
/// (raw HTTP/1.0 request lines and headers), stops the server and returns its stderr.
fn serve_log(format: &str, requests: &[&str]) -> Result<String, Failed> {
    let dir = temp_dir("log");
    let url = sqlite_url(&dir.join("s.sqlite"));
    let log = dir.join("stderr.log");
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut server = Server(
        Command::new(BIN)
            .args([
                "serve",
                "--database",
                &url,
                "--listen",
                &format!("127.0.0.1:{port}"),
            ])
            .env("EENPLAN_LOG_FORMAT", format)
            .env_remove("EENPLAN_LOG")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log)?)
            .spawn()?,
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let send = |request: &str| -> std::io::Result<String> {
        let mut s = TcpStream::connect(("127.0.0.1", port))?;
        s.write_all(request.as_bytes())?;
        let mut answer = String::new();
        s.read_to_string(&mut answer)?;
        Ok(answer)
    };
    while send("GET /healthz HTTP/1.0\r\n\r\n").is_err() {
        check(Instant::now() < deadline, || {
            "server did not start within 30 s".into()
        })?;
        std::thread::sleep(Duration::from_millis(50));
    }
    for request in requests {
        let answer = send(request)?;
        check(
            answer.to_ascii_lowercase().contains("x-request-id: "),
            || answer.clone(),
        )?;
    }
    Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.0.try_wait()?.is_none() {
        check(Instant::now() < deadline, || "server did not stop".into())?;
        std::thread::sleep(Duration::from_millis(50));
    }
    let text = std::fs::read_to_string(&log)?;
    let _ = std::fs::remove_dir_all(dir);
    Ok(text)
}

/// A search for a child by name and date of birth, and a sign-in with an e-mail
/// address, as a browser would send them.
const PERSONAL_REQUESTS: &[&str] = &[
    "GET /gezinnen?naam=Nina+Bos&geboren=2016-04-02 HTTP/1.0\r\n\r\n",
    "GET /gezinnen/0190aaaa-0000-7000-8000-000000000000/plan?van=1 HTTP/1.0\r\n\r\n",
    "POST /aanmelden HTTP/1.0\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 44\r\n\r\nemail=nina.bos%40example.nl&password=geheim1",
];

fn the_request_log_names_routes_never_what_was_asked() -> Result<(), Failed> {
    let text = serve_log("text", PERSONAL_REQUESTS)?;
    for secret in ["Nina", "2016-04-02", "nina.bos", "0190aaaa", "van=1"] {
        check(!text.contains(secret), || {
            format!("'{secret}' in the log:\n{text}")
        })?;
    }
    for line in ["route=\"/gezinnen\" ", "route=\"/gezinnen/{family}/plan\" "] {
        check(text.contains(line), || {
            format!("no '{line}' in the log:\n{text}")
        })?;
    }
    check(text.contains("request_id="), || text.clone())?;
    let json = serve_log("json", PERSONAL_REQUESTS)?;
    check(!json.contains("Nina") && !json.contains("nina.bos"), || {
        json.clone()
    })?;
    let line = json
        .lines()
        .find(|l| l.contains("\"route\":\"/gezinnen/{family}/plan\""))
        .ok_or_else(|| format!("no JSON line for the plan route:\n{json}"))?;
    let parsed: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    check(parsed["fields"]["status"].is_u64(), || line.to_owned())?;
    Ok(())
}

/// The demo on the production backend: it fills an empty PostgreSQL database (so the API
/// can be tried and fuzzed there too), demo-code reads it, and a database that already
/// holds tables (real data, or an earlier demo) is refused and left untouched.
fn demo_fills_only_an_empty_postgres_database() -> Result<(), Failed> {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = rt.block_on(TestDb::new(Backend::Postgres));
    let DatabaseUrl::Postgres(url) = db.url.clone() else {
        unreachable!("a PostgreSQL test database")
    };
    let result = (|| {
        let out = eenplan(
            &["demo", "--database", &url, "--no-serve", "--families", "3"],
            None,
        );
        check(out.status.success(), || text(&out.stderr))?;
        let stdout = text(&out.stdout);
        check(stdout.contains("3 families"), || stdout.clone())?;
        let out = eenplan(
            &[
                "demo-code",
                "--database",
                &url,
                "sanne.devries@lokalis.example",
            ],
            None,
        );
        check(out.status.success(), || text(&out.stderr))?;
        let code = text(&out.stdout).trim().to_owned();
        check(
            code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()),
            || format!("not a code: {code:?}"),
        )?;

        let again = eenplan(
            &["demo", "--database", &url, "--no-serve", "--families", "3"],
            None,
        );
        let stderr = text(&again.stderr);
        check(
            again.status.code() == Some(2)
                && stderr.lines().count() == 1
                && stderr.contains("only fills an empty PostgreSQL database"),
            || format!("exit {:?}: {stderr}", again.status.code()),
        )?;
        let out = eenplan(&["verify", "--database", &url], None);
        check(out.status.success(), || text(&out.stdout))
    })();
    rt.block_on(db.cleanup());
    result
}

/// On an empty database an operator sets up a region with the
/// commands alone (areas, organisations with their phone and areas, teams, the first
/// account), every step journaled; bad input is one line, exit 2, and leaves nothing.
fn a_region_starts_from_nothing(backend: Backend) -> Result<(), Failed> {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = rt.block_on(TestDb::new(backend));
    let url = match &db.url {
        DatabaseUrl::Sqlite(p) => sqlite_url(p),
        DatabaseUrl::Postgres(u) => u.clone(),
    };
    let result = (|| {
        let run = |args: &[&str]| {
            let mut all = args.to_vec();
            all.extend(["--database", &url]);
            eenplan(&all, None)
        };
        let ok = |args: &[&str]| -> Result<String, Failed> {
            let out = run(args);
            check(out.status.success(), || {
                format!("{args:?}: {}{}", text(&out.stdout), text(&out.stderr))
            })?;
            Ok(text(&out.stdout))
        };
        let journal = || {
            let out = eenplan(&["verify", "--database", &url], None);
            let stdout = text(&out.stdout);
            stdout
                .lines()
                .find_map(|l| l.strip_prefix("journal intact: "))
                .map(str::to_owned)
                .unwrap_or(stdout)
        };
        let refused = |args: &[&str], expected: &str| -> Result<(), Failed> {
            let before = journal();
            let out = run(args);
            let err = text(&out.stderr);
            check(
                out.status.code() == Some(2) && err.contains(expected) && err.lines().count() == 1,
                || format!("{args:?}: exit {:?}: {err}", out.status.code()),
            )?;
            check(journal() == before, || {
                format!("{args:?} changed the journal: {before} -> {}", journal())
            })
        };
        ok(&["migrate"])?;
        // What the issue found: no organisation to add a user to.
        let out = eenplan(
            &[
                "user",
                "add",
                "--database",
                &url,
                "--email",
                "a@lokalis.example",
                "--name",
                "Anna de Boer",
                "--org",
                "lokalis",
                "--role",
                "functional_admin",
            ],
            Some("een lang genoeg wachtwoord\n"),
        );
        check(
            out.status.code() == Some(2)
                && text(&out.stderr).contains("none yet (add one with `eenplan org add`)"),
            || text(&out.stderr),
        )?;

        let added = ok(&[
            "area", "add", "--kind", "province", "--name", "Utrecht", "--code", "PV26",
        ])?;
        check(added.contains("province Utrecht (PV26)"), || added.clone())?;
        // The municipality Utrecht lies in the province Utrecht: the parent's kind decides.
        ok(&[
            "area",
            "add",
            "--kind",
            "municipality",
            "--name",
            "Utrecht",
            "--code",
            "GM0344",
            "--parent",
            "Utrecht",
        ])?;
        ok(&[
            "area",
            "add",
            "--kind",
            "neighbourhood",
            "--name",
            "Overvecht",
            "--parent",
            "Utrecht",
        ])?;
        ok(&[
            "area",
            "add",
            "--kind",
            "municipality",
            "--name",
            "Zeist",
            "--parent",
            "PV26",
        ])?;
        ok(&[
            "area",
            "add",
            "--kind",
            "neighbourhood",
            "--name",
            "Centrum",
            "--parent",
            "Utrecht",
        ])?;
        ok(&[
            "area",
            "add",
            "--kind",
            "neighbourhood",
            "--name",
            "Centrum",
            "--parent",
            "Zeist",
        ])?;
        let areas = ok(&["area", "list"])?;
        check(areas.contains("neighbourhood Overvecht in Utrecht"), || {
            areas.clone()
        })?;

        refused(&["area", "add", "--kind", "wijk", "--name", "X"], "--kind")?;
        refused(
            &["area", "add", "--kind", "neighbourhood", "--name", "X"],
            "municipality",
        )?;
        refused(
            &[
                "area",
                "add",
                "--kind",
                "neighbourhood",
                "--name",
                "X",
                "--parent",
                "Nergens",
            ],
            "no area 'Nergens'",
        )?;
        refused(
            &[
                "area",
                "add",
                "--kind",
                "neighbourhood",
                "--name",
                "Overvecht",
                "--parent",
                "GM0344",
            ],
            "already exists",
        )?;

        let org = ok(&[
            "org",
            "add",
            "--slug",
            "lokalis",
            "--name",
            "Lokalis buurtteams",
            "--kind",
            "local_team",
            "--phone",
            "030-123 45 67",
            "--area",
            "GM0344",
        ])?;
        check(
            org.contains("added lokalis") && org.contains("030-123 45 67"),
            || org.clone(),
        )?;
        ok(&[
            "org",
            "add",
            "--slug",
            "save",
            "--name",
            "SAVE Jeugdbescherming",
            "--kind",
            "certified_institution",
            "--phone",
            "088-000 11 22",
            "--area",
            "PV26",
        ])?;
        // A bad area after a good one: nothing of the organisation is kept.
        refused(
            &[
                "org",
                "add",
                "--slug",
                "vtu",
                "--name",
                "Veilig Thuis Utrecht",
                "--kind",
                "veilig_thuis",
                "--phone",
                "0800-2000",
                "--area",
                "PV26",
                "--area",
                "Nergens",
            ],
            "no area 'Nergens'",
        )?;
        refused(
            &[
                "org",
                "add",
                "--slug",
                "vtu",
                "--name",
                "Veilig Thuis Utrecht",
                "--kind",
                "veilig_thuis",
                "--phone",
                "0800-2000",
                "--area",
                "Centrum",
            ],
            "'Utrecht/Centrum', 'Zeist/Centrum'",
        )?;
        refused(
            &[
                "org",
                "add",
                "--slug",
                "vtu",
                "--name",
                "Veilig Thuis Utrecht",
                "--kind",
                "veilig-thuis",
                "--phone",
                "0800-2000",
            ],
            "--kind",
        )?;
        refused(
            &[
                "org",
                "add",
                "--slug",
                "vtu",
                "--name",
                "Veilig Thuis Utrecht",
                "--kind",
                "veilig_thuis",
                "--phone",
                "bel ons",
            ],
            "--phone",
        )?;
        refused(
            &[
                "org",
                "add",
                "--slug",
                "VTU!",
                "--name",
                "Veilig Thuis Utrecht",
                "--kind",
                "veilig_thuis",
                "--phone",
                "0800-2000",
            ],
            "--slug",
        )?;
        refused(
            &[
                "org",
                "add",
                "--slug",
                "lokalis",
                "--name",
                "Nog een",
                "--kind",
                "local_team",
                "--phone",
                "030-123 45 67",
            ],
            "already exists",
        )?;
        refused(
            &[
                "org",
                "add",
                "--slug",
                "vtu",
                "--name",
                " ",
                "--kind",
                "veilig_thuis",
                "--phone",
                "0800-2000",
            ],
            "name",
        )?;
        let orgs = ok(&["org", "list"])?;
        check(
            orgs.contains("lokalis\tlocal_team\tLokalis buurtteams") && !orgs.contains("vtu"),
            || orgs.clone(),
        )?;

        ok(&[
            "team",
            "add",
            "--org",
            "lokalis",
            "--name",
            "Buurtteam Overvecht",
            "--area",
            "Overvecht",
        ])?;
        refused(
            &["team", "add", "--org", "nergens", "--name", "Team"],
            "unknown organisation 'nergens'",
        )?;
        refused(
            &[
                "team",
                "add",
                "--org",
                "lokalis",
                "--name",
                "Buurtteam Overvecht",
            ],
            "already exists",
        )?;
        refused(
            &[
                "team", "add", "--org", "lokalis", "--name", "Team C", "--area", "Centrum",
            ],
            "names several areas",
        )?;

        let out = eenplan(
            &[
                "user",
                "add",
                "--database",
                &url,
                "--email",
                "a@lokalis.example",
                "--name",
                "Anna de Boer",
                "--org",
                "lokalis",
                "--role",
                "functional_admin",
                "--team",
                "Buurtteam Overvecht",
            ],
            Some("een lang genoeg wachtwoord\n"),
        );
        check(out.status.success(), || text(&out.stderr))?;
        // Every step is in the journal: 6 areas; two organisations with a phone and an
        // area each (3 entries each); a team; the account with its password to change and
        // its enrolment code (3 entries); nothing of what was refused.
        let entries = journal();
        check(entries.starts_with("16 entries"), || entries.clone())?;
        Ok(())
    })();
    rt.block_on(db.cleanup());
    result
}
