//! Complaints (issue 17 §4) through the pages: a complaint filed from the public form
//! without signing in (errors next to the field, nothing typed lost), followed with
//! its reference and code, and handled by the organisation's complaints officer to an
//! outcome; every read in the access log; the yearly analysis hides small numbers on
//! the page and in the CSV; nobody else opens the officer's pages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{App, Backend, control_value, field_error};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_store::AccessFilter;

/// The text between `<strong id="{id}">` and `</strong>`.
fn strong(body: &str, id: &str) -> String {
    let marker = format!("<strong id=\"{id}\">");
    let start = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no {id} in {body}"))
        + marker.len();
    body[start..start + body[start..].find("</strong>").unwrap()].to_owned()
}

async fn a_complaint_is_filed_followed_and_handled_to_an_outcome(backend: Backend) {
    let app = App::on(backend).await;
    app.organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    app.organisation("school", OrganisationKind::School).await;
    let lokalis = {
        let mut tx = app.store.read().await.unwrap();
        tx.organisation_by_slug("lokalis")
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string()
    };

    // The public form, without signing in: schools are not on it (their own route).
    let mut b = app.browser();
    let form = b.get("/klacht").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains(&lokalis));
    assert!(!form.body.contains("School ("), "{}", form.body);
    for name in [
        "Jeugdstem",
        "Klachtencommissie",
        "Nationale Ombudsman",
        "Kinderombudsman",
    ] {
        assert!(form.body.contains(name), "the form points to {name}");
    }
    let csrf = form.csrf();

    // Missing contact details and organisation: messages at the fields, text kept.
    let what = "Mijn zoon werd drie keer niet teruggebeld.";
    let bad = b
        .post(
            "/klacht",
            &[("csrf", &csrf), ("wat", what), ("name", "A. de Vries")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(field_error(&bad.body, "organisatie").is_some());
    assert_eq!(
        field_error(&bad.body, "email").as_deref(),
        Some("Vul een e-mailadres of een telefoonnummer in.")
    );
    assert!(bad.body.contains(what), "what was typed is kept");
    assert_eq!(
        control_value(&bad.body, "name").as_deref(),
        Some("A. de Vries")
    );

    // Without the token nothing is filed.
    let forged = b
        .post(
            "/klacht",
            &[
                ("organisatie", &lokalis),
                ("wat", what),
                ("name", "X"),
                ("email", "x@example.org"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    let filed = b
        .post(
            "/klacht",
            &[
                ("csrf", &csrf),
                ("organisatie", &lokalis),
                ("medewerker", "Sanne"),
                ("wat", what),
                ("name", "A. de Vries"),
                ("email", "a.devries@example.org"),
            ],
        )
        .await;
    assert_eq!(filed.status, StatusCode::OK, "{}", filed.body);
    let reference = strong(&filed.body, "complaint-reference");
    let code = strong(&filed.body, "complaint-code");
    assert!(reference.starts_with("KL-"));
    assert_eq!(common::scan::findings(&filed.body), Vec::<String>::new());

    // The status, with the reference and code; a wrong code says nothing.
    let page = b.get("/klacht/status").await;
    let csrf = page.csrf();
    let wrong = b
        .post(
            "/klacht/status",
            &[
                ("csrf", &csrf),
                ("kenmerk", &reference),
                ("code", "AAAA-BBBB-CCCC-DDDD"),
            ],
        )
        .await;
    assert!(
        wrong.body.contains("We vinden geen klacht"),
        "{}",
        wrong.body
    );
    let status = b
        .post(
            "/klacht/status",
            &[
                ("csrf", &csrf),
                ("kenmerk", &reference.to_lowercase()),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(status.status, StatusCode::OK);
    let text = common::scan::visible_text(&status.body);
    assert!(text.contains("nog niet bevestigd"), "{text}");
    assert!(text.contains("Uiterlijk"), "{text}");
    assert!(
        !text.contains("received") && !text.contains("awb"),
        "no codes: {text}"
    );
    assert_eq!(common::scan::findings(&status.body), Vec::<String>::new());

    // The officer of Lokalis; a professional of Lokalis does not get in.
    let officer = app
        .account_in(
            "lokalis",
            None,
            "klachten@lokalis.example",
            &[Role::ComplaintsOfficer],
            true,
        )
        .await;
    let professional = app
        .account_in(
            "lokalis",
            None,
            "sanne@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let mut p = app.signed_in_browser(&professional).await;
    assert_eq!(p.get("/klachten").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        p.get("/klachten/analyse").await.status,
        StatusCode::FORBIDDEN
    );

    let mut o = app.signed_in_browser(&officer).await;
    let list = o.get("/klachten").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.body.contains(&reference));
    assert_eq!(common::scan::findings(&list.body), Vec::<String>::new());
    let id = {
        let mut tx = app.store.read().await.unwrap();
        tx.fetch_one("SELECT id FROM complaints", vec![])
            .await
            .unwrap()
            .text("id")
            .unwrap()
    };
    let show = o.get(&format!("/klachten/{id}")).await;
    assert_eq!(show.status, StatusCode::OK, "{}", show.body);
    assert!(show.body.contains(what));
    assert!(show.body.contains("Awb art. 9:11"), "the term's source");
    let csrf = show.csrf();
    let today = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now()).to_string();

    let r = o
        .post(
            &format!("/klachten/{id}/ontvangst"),
            &[("csrf", &csrf), ("datum", &today)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // An extension without a reason: the message at the field, nothing stored.
    let r = o
        .post(
            &format!("/klachten/{id}/verlenging"),
            &[("csrf", &csrf), ("datum", &today), ("reden", " ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        field_error(&r.body, "reden").as_deref(),
        Some("Schrijf op waarom er meer tijd nodig is.")
    );
    let r = o
        .post(
            &format!("/klachten/{id}/verlenging"),
            &[
                ("csrf", &csrf),
                ("datum", &today),
                ("reden", "We willen eerst met Sanne praten."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = o
        .post(
            &format!("/klachten/{id}/afhandeling"),
            &[
                ("csrf", &csrf),
                ("datum", &today),
                ("uitkomst", "partly_founded"),
                ("thema", "reachability"),
                ("maatregelen", "Terugbellen binnen twee werkdagen\n\n"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The complainant sees the outcome in words and the measure.
    let csrf = b.get("/klacht/status").await.csrf();
    let status = b
        .post(
            "/klacht/status",
            &[("csrf", &csrf), ("kenmerk", &reference), ("code", &code)],
        )
        .await;
    let text = common::scan::visible_text(&status.body);
    assert!(text.contains("deels gegrond"), "{text}");
    assert!(text.contains("Terugbellen binnen twee werkdagen"), "{text}");
    assert!(
        !text.contains("Uiterlijk"),
        "a decided complaint has no term left: {text}"
    );

    // Every read by the officer is in the access log, with no family.
    let mut tx = app.store.read().await.unwrap();
    let lines = tx
        .access_log(&AccessFilter {
            organisation_id: lokalis.clone(),
            limit: 100,
            ..AccessFilter::default()
        })
        .await
        .unwrap();
    let reads: Vec<_> = lines
        .iter()
        .filter(|l| l.data.starts_with("klacht"))
        .collect();
    assert!(
        reads.len() >= 3,
        "list, page and the pages after each step: {lines:?}"
    );
    assert!(reads.iter().all(|l| l.family_id.is_none()));
    drop(tx);

    // The analysis: one complaint, shown as "<5" on the page and in the CSV.
    let analysis = o.get("/klachten/analyse").await;
    assert_eq!(analysis.status, StatusCode::OK, "{}", analysis.body);
    let text = common::scan::visible_text(&analysis.body);
    assert!(text.contains("Klachtenanalyse"), "{text}");
    assert!(text.contains("&#60;5") || text.contains("<5"), "{text}");
    assert!(
        !text.contains("Terugbellen"),
        "measures of one complaint stay hidden: {text}"
    );
    assert_eq!(common::scan::findings(&analysis.body), Vec::<String>::new());
    let csv = o.get("/klachten/analyse.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with('\u{FEFF}'));
    assert!(csv.body.contains(";<5\r\n"), "{}", csv.body);
    let bad_year = o.get("/klachten/analyse?jaar=twintig").await;
    assert_eq!(bad_year.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&bad_year.body, "jaar").is_some());
    app.done().await;
}

on_both_backends!(a_complaint_is_filed_followed_and_handled_to_an_outcome);
