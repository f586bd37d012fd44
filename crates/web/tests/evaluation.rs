//! The evaluation (`/evaluatie`, its CSV and `GET /api/v1/evaluation`): small numbers
//! read "<5" in all three, a policy officer sees only its areas and the others
//! together, a functional administrator sees nothing, the CSV opens in Dutch Excel, a
//! demo says its figures are synthetic, and bad filters keep what was typed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::{Account, App, Backend, control_value, field_error};
use eenplan_domain::area::AreaKind;
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_store::{NewArea, SessionKind};

fn system() -> Actor {
    Actor::System { component: "test" }
}

/// Two municipalities (Utrecht and Zeist) in a province; Lokalis works in both.
async fn areas(app: &App) -> (String, String) {
    let mut tx = app.store.write().await.unwrap();
    let mut area = async |kind, name: &str, parent: Option<String>| {
        tx.create_area(
            &system(),
            NewArea {
                kind,
                name: name.into(),
                code: None,
                parent_id: parent,
            },
        )
        .await
        .unwrap()
        .id
    };
    let province = area(AreaKind::Province, "Provincie Utrecht", None).await;
    let utrecht = area(AreaKind::Municipality, "Utrecht", Some(province.clone())).await;
    let zeist = area(AreaKind::Municipality, "Zeist", Some(province)).await;
    let lokalis = tx
        .organisation_by_slug("lokalis")
        .await
        .unwrap()
        .unwrap()
        .id;
    for a in [&utrecht, &zeist] {
        tx.add_organisation_area(&system(), &lokalis, a)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    (utrecht, zeist)
}

async fn lokalis_id(app: &App) -> String {
    let mut tx = app.store.read().await.unwrap();
    tx.organisation_by_slug("lokalis")
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

/// `n` families led by `regisseur` of Lokalis in `area`.
async fn families(app: &App, regisseur: &Account, area: &str, n: usize) {
    let lokalis = lokalis_id(app).await;
    for _ in 0..n {
        app.jansen(regisseur, &lokalis, Some(area.to_owned())).await;
    }
}

async fn api(app: &App, account: &Account, query: &str) -> common::Response {
    let token = app.session_token(account, SessionKind::Api).await;
    app.raw(
        Method::GET,
        &format!("/api/v1/evaluation?{query}"),
        &[("authorization", format!("Bearer {token}"))],
        "",
    )
    .await
}

/// This year, as the API asks for it.
fn this_year() -> String {
    let today = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now());
    format!("from={}-01-01&to={}-12-31", today.year(), today.year())
}

/// The JSON's figure for files counted.
fn files_in(json: &serde_json::Value) -> serde_json::Value {
    json["tables"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["rows"].as_array().unwrap().iter())
        .find(|r| r["key"] == "files")
        .unwrap_or_else(|| panic!("no files row in {json}"))["values"][0]
        .clone()
}

async fn small_numbers_read_less_than_five_everywhere(backend: Backend) {
    let app = App::on(backend).await;
    let team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    let lead = app
        .account_in(
            "lokalis",
            Some(&team),
            "lead@lokalis.example",
            &[Role::TeamLead, Role::Professional],
            true,
        )
        .await;
    let (utrecht, _) = areas(&app).await;
    families(&app, &lead, &utrecht, 3).await;

    let mut b = app.signed_in_browser(&lead).await;
    let page = b.get("/evaluatie").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let text = common::scan::visible_text(&page.body);
    assert!(text.contains("<5"), "small numbers hidden: {text}");
    assert!(!text.contains("Jansen"), "never a family's name: {text}");
    assert!(
        page.body.contains("href=\"/evaluatie\""),
        "the menu links it"
    );
    assert!(page.body.contains("role=\"img\""), "charts drawn");
    assert_eq!(common::scan::findings(&page.body), Vec::<String>::new());

    let csv = b.get("/evaluatie.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with('\u{FEFF}'), "the BOM first");
    let first = csv
        .body
        .trim_start_matches('\u{FEFF}')
        .lines()
        .next()
        .unwrap();
    assert!(first.starts_with("Periode;"), "{first}");
    assert!(csv.body.contains("\r\n"));
    assert!(
        csv.body
            .lines()
            .any(|l| l.starts_with("Dossiers in de periode;<5")),
        "{}",
        csv.body
    );
    assert!(!csv.body.contains("Jansen"));

    let json = api(&app, &lead, &this_year()).await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.body);
    let json = json.json();
    assert_eq!(files_in(&json), "<5");
    assert_eq!(json["synthetic"], false);
    assert!(!json.to_string().contains("Jansen"));
    app.done().await;
}

async fn a_policy_officer_sees_its_areas_and_the_others_together(backend: Backend) {
    let app = App::on(backend).await;
    let team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    let sanne = app
        .account_in(
            "lokalis",
            Some(&team),
            "sanne@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let (utrecht, zeist) = areas(&app).await;
    app.organisation("gemeente", OrganisationKind::Municipality)
        .await;
    app.organisation("zeister-zorg", OrganisationKind::CareProvider)
        .await;
    {
        let mut tx = app.store.write().await.unwrap();
        for (slug, area) in [("gemeente", &utrecht), ("zeister-zorg", &zeist)] {
            let id = tx.organisation_by_slug(slug).await.unwrap().unwrap().id;
            tx.add_organisation_area(&system(), &id, area)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
    }
    let officer = app
        .account_in(
            "gemeente",
            None,
            "beleid@gemeente.example",
            &[Role::PolicyOfficer],
            true,
        )
        .await;
    families(&app, &sanne, &utrecht, 6).await;
    families(&app, &sanne, &zeist, 7).await;

    let mut b = app.signed_in_browser(&officer).await;
    let page = b.get("/evaluatie").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let text = common::scan::visible_text(&page.body);
    assert!(text.contains("Alle andere gebieden samen"), "{text}");
    assert!(text.contains("Utrecht"), "{text}");
    assert!(
        !text.contains("Zeist") && !text.contains("zeister-zorg"),
        "another area, or an organisation working only there, is never named: {text}"
    );
    assert!(
        text.contains("Organisatie lokalis"),
        "an organisation working in its area is offered: {text}"
    );
    assert_eq!(common::scan::findings(&page.body), Vec::<String>::new());

    let refused = b.get(&format!("/evaluatie?gebied={zeist}")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let refused = api(&app, &officer, &format!("{}&area={zeist}", this_year())).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let own = api(&app, &officer, &format!("{}&area={utrecht}", this_year())).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    app.done().await;
}

/// Six families show at the default threshold; once this instance raises it to 8 the
/// same figure reads "<8" in the page and the JSON, and the page says so.
async fn a_raised_threshold_hides_more(backend: Backend) {
    let app = App::on(backend).await;
    let team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    let lead = app
        .account_in(
            "lokalis",
            Some(&team),
            "lead@lokalis.example",
            &[Role::TeamLead, Role::Professional],
            true,
        )
        .await;
    let (utrecht, _) = areas(&app).await;
    families(&app, &lead, &utrecht, 6).await;
    let json = api(&app, &lead, &this_year()).await.json();
    assert_eq!(
        files_in(&json).as_u64(),
        Some(6),
        "a count is a whole number: {json}"
    );

    let mut tx = app.store.write().await.unwrap();
    let eight = eenplan_domain::evaluation::suppression::Threshold::new(8).unwrap();
    tx.set_evaluation_threshold(&system(), eight).await.unwrap();
    tx.commit().await.unwrap();

    let json = api(&app, &lead, &this_year()).await.json();
    assert_eq!(files_in(&json), "<8", "{json}");
    assert_eq!(json["threshold"], 8);
    let mut b = app.signed_in_browser(&lead).await;
    let text = common::scan::visible_text(&b.get("/evaluatie").await.body);
    assert!(text.contains("minder dan 8 gezinnen"), "{text}");
    assert!(text.contains("<8"), "{text}");
    app.done().await;
}

on_both_backends!(
    small_numbers_read_less_than_five_everywhere,
    a_raised_threshold_hides_more,
    a_policy_officer_sees_its_areas_and_the_others_together,
);

#[tokio::test]
async fn a_functional_admin_sees_nothing_of_it() {
    let app = App::new().await;
    app.organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    let admin = app
        .account_in(
            "lokalis",
            None,
            "beheer@lokalis.example",
            &[Role::FunctionalAdmin],
            true,
        )
        .await;
    let mut b = app.signed_in_browser(&admin).await;
    assert_eq!(b.get("/evaluatie").await.status, StatusCode::FORBIDDEN);
    assert_eq!(b.get("/evaluatie.csv").await.status, StatusCode::FORBIDDEN);
    let start = b.get("/start").await;
    assert!(!start.body.contains("href=\"/evaluatie\""), "no link");
    let json = api(&app, &admin, &this_year()).await;
    assert_eq!(json.status, StatusCode::FORBIDDEN);
    app.done().await;
}

#[tokio::test]
async fn bad_filters_keep_what_was_typed() {
    let app = App::new().await;
    let team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    let lead = app
        .account_in(
            "lokalis",
            Some(&team),
            "lead@lokalis.example",
            &[Role::TeamLead],
            true,
        )
        .await;
    let mut b = app.signed_in_browser(&lead).await;
    let page = b
        .get("/evaluatie?periode=eigen&van=31-02-2024&tot=gisteren")
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        control_value(&page.body, "van").as_deref(),
        Some("31-02-2024")
    );
    assert_eq!(
        control_value(&page.body, "tot").as_deref(),
        Some("gisteren")
    );
    assert!(
        field_error(&page.body, "van")
            .unwrap()
            .contains("geen datum")
    );
    assert!(field_error(&page.body, "tot").is_some());

    let page = b
        .get("/evaluatie?periode=eigen&van=2024-05-01&tot=2024-04-30")
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_error(&page.body, "van"), None);
    assert!(
        field_error(&page.body, "tot")
            .unwrap()
            .contains("vóór de begindatum")
    );
    assert_eq!(
        control_value(&page.body, "van").as_deref(),
        Some("2024-05-01")
    );
    assert_eq!(
        common::selected_option(&page.body, "periode").as_deref(),
        Some("eigen")
    );
    assert_eq!(common::scan::findings(&page.body), Vec::<String>::new());

    let json = api(&app, &lead, "from=2024-05-01&to=2024-04-30").await;
    assert_eq!(json.status, StatusCode::BAD_REQUEST);
    let names: Vec<String> = json.json()["invalidParams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, vec!["to".to_owned()]);
    let json = api(&app, &lead, "from=1-5-2024&to=2024-13-01").await;
    assert_eq!(json.status, StatusCode::BAD_REQUEST);
    assert_eq!(json.json()["invalidParams"].as_array().unwrap().len(), 2);
    app.done().await;
}

#[tokio::test]
async fn a_demo_says_its_figures_are_synthetic() {
    let app = App::new().await;
    let team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    let lead = app
        .account_in(
            "lokalis",
            Some(&team),
            "lead@lokalis.example",
            &[Role::TeamLead],
            true,
        )
        .await;
    {
        let mut tx = app.store.write().await.unwrap();
        tx.mark_purpose(&system(), eenplan_store::DEMO_PURPOSE)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    let mut b = app.signed_in_browser(&lead).await;
    let page = b.get("/evaluatie").await;
    assert!(page.body.contains("Synthetische gegevens"), "{}", page.body);
    let csv = b.get("/evaluatie.csv").await;
    assert!(
        csv.body
            .trim_start_matches('\u{FEFF}')
            .starts_with("Synthetische gegevens;"),
        "the first line: {}",
        csv.body
    );
    let json = api(&app, &lead, &this_year()).await.json();
    assert_eq!(json["synthetic"], true);
    assert_eq!(json["notice"], "Synthetische gegevens");
    app.done().await;
}
