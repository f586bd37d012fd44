//! Complaints (issue 17 §4) through the pages: a complaint filed from the public form
//! without signing in (errors next to the field, nothing typed lost), followed with
//! its reference and code, and handled by the organisation's complaints officer to an
//! outcome; every read in the access log; the yearly analysis hides small numbers on
//! the page and in the CSV; nobody else opens the officer's pages. A signed-in family
//! member files one from the portal and follows it there, without reference or code.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{App, Backend, control_value, field_error, selected_option};
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

/// Issue 17 §4 from the family's door: the form offers the family's own organisations
/// and their professionals, with the contact details of the account filled in; a
/// mistake is said at the field with everything kept; the complaint reaches the
/// officer like any other, the member follows it on their list without reference or
/// code, and the family file does not show it.
async fn a_family_member_files_and_follows_a_complaint_from_the_portal(backend: Backend) {
    let app = App::on(backend).await;
    let team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    app.organisation("wss", OrganisationKind::CertifiedInstitution)
        .await;
    let id_of = async |slug: &str| {
        let mut tx = app.store.read().await.unwrap();
        tx.organisation_by_slug(slug)
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string()
    };
    let (lokalis, wss) = (id_of("lokalis").await, id_of("wss").await);
    let regie = app
        .account_in(
            "lokalis",
            Some(&team),
            "regie@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let (family, _sam, kim) = app.jansen(&regie, &lokalis, None).await;
    let account = app
        .family_account(&regie, family.as_str(), &kim, "kim@thuis.example")
        .await;
    let token = app.family_session_token(&account).await;
    let mut k = app.family_browser(&token);

    let form = k.get("/mijn-gezin/klacht").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains(&lokalis));
    assert!(
        !form.body.contains(&wss),
        "not an organisation of the family"
    );
    assert!(form.body.contains("Test Persoon, Organisatie lokalis"));
    assert_eq!(
        control_value(&form.body, "name").as_deref(),
        Some("Kim Jansen")
    );
    assert_eq!(
        control_value(&form.body, "email").as_deref(),
        Some("kim@thuis.example")
    );
    assert_eq!(common::scan::findings(&form.body), Vec::<String>::new());
    let involvement = {
        let mut tx = app.store.read().await.unwrap();
        let f = tx.family(&family).await.unwrap().unwrap();
        f.involvements[0].id.clone()
    };

    // No text and no way to reach her: messages at the fields, the choices kept.
    let csrf = form.csrf();
    let bad = k
        .post(
            "/mijn-gezin/klacht",
            &[
                ("csrf", &csrf),
                ("organisatie", &lokalis),
                ("medewerker", &involvement),
                ("wat", " "),
                ("name", "Kim Jansen"),
                ("email", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(field_error(&bad.body, "wat").is_some());
    assert!(field_error(&bad.body, "email").is_some());
    assert_eq!(
        selected_option(&bad.body, "organisatie"),
        Some(lokalis.clone())
    );
    assert_eq!(
        selected_option(&bad.body, "medewerker"),
        Some(involvement.clone())
    );
    // An organisation that is not the family's is refused as not chosen.
    let what = "De regisseur kwam twee keer niet opdagen.";
    let r = k
        .post(
            "/mijn-gezin/klacht",
            &[
                ("csrf", &csrf),
                ("organisatie", &wss),
                ("wat", what),
                ("name", "Kim Jansen"),
                ("phone", "06 12345678"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&r.body, "organisatie").is_some());

    let r = k
        .post(
            "/mijn-gezin/klacht",
            &[
                ("csrf", &csrf),
                ("organisatie", &lokalis),
                ("medewerker", &involvement),
                ("wat", what),
                ("name", "K. Jansen"),
                ("email", "kim.anders@thuis.example"),
            ],
        )
        .await;
    assert_eq!(
        (r.status, r.location()),
        (
            StatusCode::SEE_OTHER,
            "/mijn-gezin/klachten?klaar=verstuurd"
        ),
        "{}",
        r.body
    );
    let list = k.get(r.location()).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let text = common::scan::visible_text(&list.body);
    assert!(text.contains("Je klacht is verstuurd"), "{text}");
    assert!(text.contains("Klacht over Organisatie lokalis"), "{text}");
    assert!(text.contains("nog niet bevestigd"), "{text}");
    assert!(!text.contains("KL-"), "no reference: {text}");
    assert_eq!(common::scan::findings(&list.body), Vec::<String>::new());

    // Stored as typed, on Kim's list, the professional by name.
    let (id, reference) = {
        let mut tx = app.store.read().await.unwrap();
        let mine = tx.family_member_complaints(&account).await.unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].professional_name.as_deref(), Some("Test Persoon"));
        assert_eq!(mine[0].complainant_name, "K. Jansen");
        (mine[0].id.clone(), mine[0].reference.clone())
    };
    // The circle was read as Kim: a line in the access log.
    let mut tx = app.store.read().await.unwrap();
    let logged = tx
        .fetch_one(
            &format!("SELECT COUNT(*) AS n FROM access_log WHERE user_id = 'family:{account}'"),
            vec![],
        )
        .await
        .unwrap()
        .int("n")
        .unwrap();
    assert!(logged >= 1, "{logged}");
    drop(tx);

    // The officer handles it like any other; Kim sees the step.
    let officer = app
        .account_in(
            "lokalis",
            None,
            "klachten@lokalis.example",
            &[Role::ComplaintsOfficer],
            true,
        )
        .await;
    let mut o = app.signed_in_browser(&officer).await;
    let show = o.get(&format!("/klachten/{id}")).await;
    assert!(show.body.contains(&reference) && show.body.contains(what));
    assert!(show.body.contains("kim.anders@thuis.example"));
    let today = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now()).to_string();
    let r = o
        .post(
            &format!("/klachten/{id}/ontvangst"),
            &[("csrf", &show.csrf()), ("datum", &today)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let text = common::scan::visible_text(&k.get("/mijn-gezin/klachten").await.body);
    assert!(
        text.contains("bevestigd dat je klacht is ontvangen"),
        "{text}"
    );

    // Not in the family file the professionals see.
    let mut pro = app.signed_in_browser(&regie).await;
    let file = pro.get(&format!("/gezinnen/{family}")).await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(!file.body.contains(what) && !file.body.contains("klacht"));
    // And a professional does not open the member's pages.
    assert_eq!(
        pro.get("/mijn-gezin/klachten").await.status,
        StatusCode::FORBIDDEN
    );
    app.done().await;
}

on_both_backends!(
    a_complaint_is_filed_followed_and_handled_to_an_outcome,
    a_family_member_files_and_follows_a_complaint_from_the_portal,
);
