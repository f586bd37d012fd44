//! The pilots under Beheer (issue 16 §1): the chain administrator reads each pilot's
//! start as a person says it ("november 2019", "2020", "nog niet bekend") and sets a
//! start by choosing its precision and then the matching fields; a missing part is
//! named at its field with everything chosen kept, and nothing is stored. Nobody else
//! reaches the page.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{App, field_error, scan, selected_option};
use eenplan_domain::area::AreaKind;
use eenplan_domain::evaluation::pilot::{PilotKind, PilotStart};
use eenplan_domain::journal::Actor;
use eenplan_domain::role::Role;
use eenplan_store::NewArea;

struct World {
    app: App,
    chain: common::Account,
    admin: common::Account,
    spoorzoom: String,
    zeist: String,
}

async fn world() -> World {
    let app = App::new().await;
    let chain = app
        .account("keten@regio.example", &[Role::ChainAdmin], true)
        .await;
    let admin = app
        .account(
            "beheer@save.example",
            &[Role::FunctionalAdmin, Role::TeamLead],
            true,
        )
        .await;
    let mut tx = app.store.write().await.unwrap();
    let by = Actor::System { component: "test" };
    let mut area = async |kind, name: &str, parent: Option<String>| {
        tx.create_area(
            &by,
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
    let province = area(AreaKind::Province, "Utrecht", None).await;
    let utrecht = area(AreaKind::Municipality, "Utrecht", Some(province.clone())).await;
    area(
        AreaKind::Municipality,
        "Wijk bij Duurstede",
        Some(province.clone()),
    )
    .await;
    area(AreaKind::Municipality, "Woerden", Some(province.clone())).await;
    let zeist = area(AreaKind::Municipality, "Zeist", Some(province)).await;
    let spoorzoom = area(AreaKind::Neighbourhood, "Spoorzoom", Some(utrecht)).await;
    tx.commit().await.unwrap();
    World {
        app,
        chain,
        admin,
        spoorzoom,
        zeist,
    }
}

async fn pilots(app: &App) -> Vec<(PilotKind, String, PilotStart)> {
    let mut tx = app.store.read().await.unwrap();
    tx.pilots()
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.kind, p.area_name, p.start))
        .collect()
}

#[tokio::test]
async fn the_pilots_read_as_a_person_says_them() {
    let w = world().await;
    let mut k = w.app.signed_in_browser(&w.chain).await;
    let overview = k.get("/beheer").await;
    assert!(
        overview.body.contains("href=\"/beheer/pilots\""),
        "{}",
        overview.body
    );
    let page = k.get("/beheer/pilots").await;
    assert_eq!(page.status, StatusCode::OK);
    for said in [
        "<td class=\"utrecht-table__cell\" data-label=\"Start\">november 2019</td>",
        "<td class=\"utrecht-table__cell\" data-label=\"Start\">2020</td>",
        "<td class=\"utrecht-table__cell\" data-label=\"Start\">nog niet bekend</td>",
        "SAVE op locatie",
        "Jeugdbescherming Utrecht-West",
        "Eenheid Veiligheid Utrecht (EVU)",
    ] {
        assert!(page.body.contains(said), "{said} in {}", page.body);
    }
    scan::assert_clean("/beheer/pilots", &page.body);
    // A row's "Wijzigen" fills in which pilot the form sets.
    let edit = format!("/beheer/pilots?pilot=evu&area_id={}", w.spoorzoom);
    assert!(
        page.body.contains(&edit.replace('&', "&#38;")),
        "{}",
        page.body
    );
    let form = k.get(&edit).await;
    assert_eq!(selected_option(&form.body, "pilot").as_deref(), Some("evu"));
    assert_eq!(
        selected_option(&form.body, "area_id").as_deref(),
        Some(w.spoorzoom.as_str())
    );
    w.app.done().await;
}

#[tokio::test]
async fn a_start_is_set_to_the_precision_chosen() {
    let w = world().await;
    let mut k = w.app.signed_in_browser(&w.chain).await;
    let csrf = k.get("/beheer/pilots").await.csrf();
    // Spoorzoom dated to the month; the day typed for another choice is ignored.
    let r = k
        .post(
            "/beheer/pilots",
            &[
                ("csrf", &csrf),
                ("pilot", "evu"),
                ("area_id", &w.spoorzoom),
                ("precision", "month"),
                ("start_day", "2027-06-15"),
                ("start_month", "6"),
                ("start_year", "2027"),
            ],
        )
        .await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, "/beheer/pilots?opgeslagen=1")
    );
    // A new pilot in Zeist, known only to the year.
    let r = k
        .post(
            "/beheer/pilots",
            &[
                ("csrf", &csrf),
                ("pilot", "save_on_site"),
                ("area_id", &w.zeist),
                ("precision", "year"),
                ("start_day", ""),
                ("start_month", ""),
                ("start_year", "2023"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let now = pilots(&w.app).await;
    assert!(now.contains(&(
        PilotKind::Evu,
        "Spoorzoom".into(),
        PilotStart::Month {
            year: 2027,
            month: 6
        }
    )));
    assert!(now.contains(&(
        PilotKind::SaveOnSite,
        "Zeist".into(),
        PilotStart::Year(2023)
    )));
    let page = k.get("/beheer/pilots?opgeslagen=1").await;
    assert!(page.body.contains("juni 2027") && page.body.contains("Opgeslagen."));
    w.app.done().await;
}

#[tokio::test]
async fn a_missing_part_is_named_at_its_field_and_nothing_is_stored() {
    let w = world().await;
    let before = pilots(&w.app).await;
    let mut k = w.app.signed_in_browser(&w.chain).await;
    let csrf = k.get("/beheer/pilots").await.csrf();
    let post = async |k: &mut common::Browser<'_>, fields: &[(&str, &str)]| {
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        k.post("/beheer/pilots", &form).await
    };
    // The month chosen, but no month given: the message at the month, the year kept.
    let r = post(
        &mut k,
        &[
            ("pilot", "evu"),
            ("area_id", &w.spoorzoom),
            ("precision", "month"),
            ("start_day", ""),
            ("start_month", ""),
            ("start_year", "2027"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&r.body, "start_month").as_deref(),
        Some("Kies de maand waarin de pilot begon.")
    );
    assert_eq!(
        selected_option(&r.body, "start_year").as_deref(),
        Some("2027")
    );
    assert_eq!(
        selected_option(&r.body, "precision").as_deref(),
        Some("month")
    );
    assert_eq!(
        selected_option(&r.body, "area_id").as_deref(),
        Some(w.spoorzoom.as_str())
    );
    assert!(r.body.contains("id=\"error-summary\""));
    // The day chosen, with something that is not a date: at the date field, as typed.
    let r = post(
        &mut k,
        &[
            ("pilot", "evu"),
            ("area_id", &w.spoorzoom),
            ("precision", "day"),
            ("start_day", "eind juni"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&r.body, "start_day").is_some(), "{}", r.body);
    assert_eq!(
        common::control_value(&r.body, "start_day").as_deref(),
        Some("eind juni")
    );
    // No area, and an area that does not exist (a tampered form): at the area.
    for area in ["", "onbekend"] {
        let r = post(
            &mut k,
            &[
                ("pilot", "evu"),
                ("area_id", area),
                ("precision", "not_known"),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{area:?}");
        assert_eq!(
            field_error(&r.body, "area_id").as_deref(),
            Some("Kies het gebied waar de pilot loopt."),
            "{area:?}"
        );
    }
    // The year chosen, and a year outside the list.
    let r = post(
        &mut k,
        &[
            ("pilot", "evu"),
            ("area_id", &w.spoorzoom),
            ("precision", "year"),
            ("start_year", "1850"),
        ],
    )
    .await;
    assert_eq!(
        field_error(&r.body, "start_year").as_deref(),
        Some("Kies het jaar waarin de pilot begon.")
    );
    assert_eq!(pilots(&w.app).await, before, "nothing stored");
    w.app.done().await;
}

#[tokio::test]
async fn only_the_chain_administrator_reaches_the_pilots() {
    let w = world().await;
    let mut b = w.app.signed_in_browser(&w.admin).await;
    assert_eq!(b.get("/beheer/pilots").await.status, StatusCode::FORBIDDEN);
    assert!(!b.get("/beheer").await.body.contains("/beheer/pilots"));
    let csrf = b.get("/beheer/teams").await.csrf();
    let r = b
        .post(
            "/beheer/pilots",
            &[
                ("csrf", &csrf),
                ("pilot", "evu"),
                ("area_id", &w.zeist),
                ("precision", "not_known"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        !pilots(&w.app).await.iter().any(|p| p.1 == "Zeist"),
        "nothing stored"
    );
    w.app.done().await;
}
