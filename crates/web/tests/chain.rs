//! SAVE-begeleiding and the EVU through the API and the pages: who may do what, the
//! fields named in refusals, illegal transitions as 409, and the work lists.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::App;
use eenplan_domain::FamilyId;
use eenplan_domain::area::AreaKind;
use eenplan_domain::family::{ConsentForm, ConsentStep, DataCategory};
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_store::{ConsentInput, NewArea, SessionKind};
use jiff::civil::date;

fn system() -> Actor {
    Actor::System { component: "test" }
}

#[tokio::test]
async fn save_guidance_and_the_evu_through_api_and_pages() {
    let app = App::new().await;
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
    let mohamed = app
        .account_in(
            "lokalis",
            None,
            "mohamed@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let karin = app
        .account_in(
            "lokalis",
            None,
            "karin@lokalis.example",
            &[Role::EvuCoordinator],
            true,
        )
        .await;
    let thomas = app
        .account("thomas@save.example", &[Role::Professional], true)
        .await;
    let today = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now());

    // A family in De Gagel, where the EVU works; Sanne is its regisseur.
    let mut tx = app.store.write().await.unwrap();
    let lokalis = tx
        .organisation_by_slug("lokalis")
        .await
        .unwrap()
        .unwrap()
        .id;
    let save = tx.organisation_by_slug("save").await.unwrap().unwrap().id;
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
    let province = area(AreaKind::Province, "Utrecht", None).await;
    let city = area(AreaKind::Municipality, "Utrecht", Some(province)).await;
    let gagel = area(AreaKind::Neighbourhood, "De Gagel", Some(city.clone())).await;
    tx.add_organisation_area(&system(), &lokalis, &city)
        .await
        .unwrap();
    tx.add_evu_area(&system(), &gagel, date(2024, 1, 1))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let (family, sam, kim) = app
        .jansen(&sanne, lokalis.as_str(), Some(gagel.clone()))
        .await;
    let consent =
        |step, organisation_id: Option<String>, categories: Vec<DataCategory>| ConsentInput {
            step,
            organisation_id: organisation_id.map(Into::into),
            purpose: "Samen werken aan veiligheid".into(),
            categories,
            children: vec![sam.clone()],
            given_by: vec![kim.clone()],
            form: ConsentForm::Written,
            given_on: today,
            ends_on: None,
        };

    let auth = |token: String| {
        vec![
            ("authorization", format!("Bearer {token}")),
            ("content-type", "application/json".to_owned()),
        ]
    };
    let lead = auth(app.session_token(&sanne, SessionKind::Api).await);
    let partner = auth(app.session_token(&thomas, SessionKind::Api).await);
    let coordinator = auth(app.session_token(&karin, SessionKind::Api).await);
    let outsider = auth(app.session_token(&mohamed, SessionKind::Api).await);
    let guidance = format!("/api/v1/families/{family}/save-guidance");
    let start = format!(
        r#"{{"worker_id":"{}","expertise":"violence","goals":["Geen geweld meer in huis"],"planned_end":"{}"}}"#,
        thomas.user_id,
        today.checked_add(jiff::Span::new().months(4)).unwrap()
    );

    // Where a new family lives is chosen among the areas the organisation works in.
    let new_family = |area: &str| {
        format!(
            r#"{{"label":"Gezin Pieters","street":"Zamenhofdreef","house_number":"40","postcode":"3562 JW","city":"Utrecht","area_id":"{area}"}}"#
        )
    };
    let r = app
        .raw(
            Method::POST,
            "/api/v1/families",
            &lead,
            &new_family("elders"),
        )
        .await;
    assert_eq!(
        r.json()["invalidParams"][0]["name"],
        "area_id",
        "{}",
        r.body
    );
    let mut tx = app.store.write().await.unwrap();
    let areas = tx.areas_within(&lokalis).await.unwrap();
    tx.commit().await.unwrap();
    assert!(
        areas.contains(&(gagel.clone(), "De Gagel (Utrecht)".to_owned())),
        "{areas:?}"
    );
    let r = app
        .raw(Method::POST, "/api/v1/families", &lead, &new_family(&gagel))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    // SAVE is not in the circle yet; without consent the start is refused with the step.
    assert_eq!(
        app.raw(Method::GET, &guidance, &partner, "").await.status,
        StatusCode::NOT_FOUND
    );
    let r = app.raw(Method::POST, &guidance, &lead, &start).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("Start SAVE-begeleiding"), "{}", r.body);
    let mut tx = app.store.write().await.unwrap();
    tx.record_consent(
        &system(),
        &family,
        &sanne.user_id,
        &consent(
            ConsentStep::SaveGuidance,
            Some(save.to_string()),
            vec![DataCategory::Identity, DataCategory::Plan],
        ),
        today,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let r = app
        .raw(
            Method::POST,
            &guidance,
            &lead,
            r#"{"worker_id":"x","expertise":"violence","goals":[],"planned_end":"morgen"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["invalidParams"][0]["name"], "planned_end");
    let nobody = start.replace(thomas.user_id.as_str(), "niemand");
    let r = app.raw(Method::POST, &guidance, &lead, &nobody).await;
    assert_eq!(
        r.json()["invalidParams"][0]["name"],
        "worker_id",
        "{}",
        r.body
    );
    let no_goals = start.replace(r#"["Geen geweld meer in huis"]"#, "[]");
    let r = app.raw(Method::POST, &guidance, &lead, &no_goals).await;
    assert_eq!(r.json()["invalidParams"][0]["name"], "goals", "{}", r.body);
    // Only the lead starts it.
    assert_eq!(
        app.raw(Method::POST, &guidance, &outsider, &start)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = app.raw(Method::POST, &guidance, &lead, &start).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(
        app.raw(Method::POST, &guidance, &lead, &start).await.status,
        StatusCode::CONFLICT
    );

    // Now SAVE is a partner on consent: it sees the guidance and reviews it.
    let r = app.raw(Method::GET, &guidance, &partner, "").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.json()["guidances"][0]["goals"][0],
        "Geen geweld meer in huis"
    );
    let review = format!(
        r#"{{"planned_end":"{}","note":"Minder spanning thuis"}}"#,
        today.checked_add(jiff::Span::new().months(2)).unwrap()
    );
    let r = app
        .raw(
            Method::POST,
            &format!("{guidance}/{id}/reviews"),
            &partner,
            &review,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        r.json()["next_review_on"],
        today
            .checked_add(jiff::Span::new().months(2))
            .unwrap()
            .to_string(),
        "the planned end comes before three months"
    );
    let end = format!("{guidance}/{id}/end");
    let r = app
        .raw(
            Method::POST,
            &end,
            &partner,
            r#"{"outcome":"ended_without_result"}"#,
        )
        .await;
    assert_eq!(r.json()["invalidParams"][0]["name"], "reason");
    let r = app
        .raw(Method::POST, &end, &partner, r#"{"outcome":"klaar"}"#)
        .await;
    assert_eq!(r.json()["invalidParams"][0]["name"], "outcome");

    // The work lists: SAVE sees its guidance with the review date.
    let mut browser = app.signed_in_browser(&thomas).await;
    let start_page = browser.get("/start").await;
    assert!(
        start_page.body.contains("work-guidances"),
        "{}",
        start_page.body
    );
    assert!(start_page.body.contains("Gezin Jansen"));
    assert_eq!(
        app.raw(
            Method::POST,
            &end,
            &partner,
            r#"{"outcome":"safety_restored"}"#
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.raw(
            Method::POST,
            &end,
            &partner,
            r#"{"outcome":"safety_restored"}"#
        )
        .await
        .status,
        StatusCode::NOT_FOUND,
        "SAVE left the circle with the end"
    );
    assert_eq!(
        app.raw(
            Method::POST,
            &end,
            &lead,
            r#"{"outcome":"safety_restored"}"#
        )
        .await
        .status,
        StatusCode::CONFLICT
    );

    // The EVU: the local team calls it in on consent.
    let referrals = format!("/api/v1/families/{family}/evu-referrals");
    let r = app
        .raw(
            Method::POST,
            &referrals,
            &lead,
            r#"{"reason":"Zorgen om veiligheid"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let mut tx = app.store.write().await.unwrap();
    tx.record_consent(
        &system(),
        &family,
        &sanne.user_id,
        &consent(ConsentStep::Evu, None, vec![]),
        today,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let r = app
        .raw(Method::POST, &referrals, &lead, r#"{"reason":" "}"#)
        .await;
    assert_eq!(r.json()["invalidParams"][0]["name"], "reason");
    let r = app
        .raw(
            Method::POST,
            &referrals,
            &lead,
            r#"{"reason":"Zorgen om veiligheid"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let referral = r.json()["id"].as_str().unwrap().to_owned();

    // Only the coordinator staffs it.
    assert_eq!(
        app.raw(Method::GET, "/api/v1/evu/referrals", &lead, "")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = app
        .raw(Method::GET, "/api/v1/evu/referrals", &coordinator, "")
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["referrals"][0]["id"], referral.as_str());
    let combination = format!("/api/v1/evu/referrals/{referral}/combination");
    let r = app
        .raw(
            Method::POST,
            &combination,
            &coordinator,
            r#"{"user_ids":["niemand","ook-niet"]}"#,
        )
        .await;
    assert_eq!(
        r.json()["invalidParams"][0]["name"],
        "user_ids",
        "{}",
        r.body
    );
    let one = format!(r#"{{"user_ids":["{}"]}}"#, sanne.user_id);
    let r = app
        .raw(Method::POST, &combination, &coordinator, &one)
        .await;
    assert_eq!(r.json()["invalidParams"][0]["name"], "user_ids");
    let mut page = app.signed_in_browser(&karin).await;
    let list = page.get("/evu").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Gezin Jansen"));
    let form = page.get(&format!("/evu/{referral}")).await;
    let csrf = form.csrf();
    let r = page
        .post(
            &format!("/evu/{referral}/combinatie"),
            &[
                ("csrf", &csrf),
                ("user_ids", mohamed.user_id.as_str()),
                ("user_ids", sanne.user_id.as_str()),
            ],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "two of one organisation"
    );
    assert!(r.body.contains("minstens twee organisaties"), "{}", r.body);
    // A care provider without the family's consent cannot join: named, with the step.
    app.organisation("ggz", OrganisationKind::CareProvider)
        .await;
    let gert = app
        .account_in("ggz", None, "gert@ggz.example", &[Role::Professional], true)
        .await;
    let refused = format!(
        r#"{{"user_ids":["{}","{}"]}}"#,
        mohamed.user_id, gert.user_id
    );
    let r = app
        .raw(Method::POST, &combination, &coordinator, &refused)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let reason = r.json()["invalidParams"][0]["reason"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        reason.contains("kan nog niet aansluiten")
            && reason.contains("Gegevens delen met een organisatie"),
        "{reason}"
    );
    let both = format!(
        r#"{{"user_ids":["{}","{}"]}}"#,
        mohamed.user_id, thomas.user_id
    );
    let r = app
        .raw(Method::POST, &combination, &coordinator, &both)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    assert_eq!(
        app.raw(Method::POST, &combination, &coordinator, &both)
            .await
            .status,
        StatusCode::CONFLICT
    );
    // The coordinator is outside the circle: each read and step is in the access log,
    // against the family, with the referral as the basis.
    let lines = app
        .store
        .read()
        .await
        .unwrap()
        .access_log(&eenplan_store::AccessFilter {
            family_id: family.to_string(),
            user_email: "karin@lokalis.example".into(),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    for event in [
        eenplan_domain::access_log::AccessEvent::Read,
        eenplan_domain::access_log::AccessEvent::Update,
    ] {
        assert!(
            lines.iter().any(|l| l.event == event
                && l.basis == Some(eenplan_domain::access_log::AccessBasis::EvuReferral)),
            "the coordinator's {event} is logged: {lines:?}"
        );
    }
    let shown = app.raw(Method::GET, &referrals, &lead, "").await.json();
    assert_eq!(shown["referrals"][0]["state"], "assigned");
    assert_eq!(
        shown["referrals"][0]["workers"].as_array().unwrap().len(),
        2
    );
    let close = format!("/api/v1/evu/referrals/{referral}/close");
    assert_eq!(
        app.raw(Method::POST, &close, &coordinator, r#"{"reason":""}"#)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.raw(
            Method::POST,
            &close,
            &coordinator,
            r#"{"reason":"Veilig genoeg"}"#
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    // Closed by someone else while the coordinator was still typing on the page: 409,
    // the page says so and shows what was typed.
    let csrf = page.get(&format!("/evu/{referral}")).await.csrf();
    let typed = "Gezin werkt goed mee; afgesproken om over zes weken te evalueren";
    let r = page
        .post(
            &format!("/evu/{referral}/afsluiten"),
            &[("csrf", csrf.as_str()), ("reason", typed)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(
        r.body.contains(&format!(
            "<blockquote class=\"kept-input\">{typed}</blockquote>"
        )),
        "{}",
        r.body
    );

    // The family's pages.
    let mut lead_page = app.signed_in_browser(&sanne).await;
    // The coordinator's pages are the coordinator's: a regisseur is refused, and has no
    // menu item for them.
    assert_eq!(lead_page.get("/evu").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        lead_page.get(&format!("/evu/{referral}")).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(!lead_page.get("/start").await.body.contains("href=\"/evu\""));
    let g = lead_page
        .get(&format!("/gezinnen/{family}/save-begeleiding"))
        .await;
    assert_eq!(g.status, StatusCode::OK);
    assert!(g.body.contains("Geen geweld meer in huis") && g.body.contains("Veiligheid hersteld"));
    let csrf = g.csrf();
    let r = lead_page
        .post(
            &format!("/gezinnen/{family}/save-begeleiding"),
            &[
                ("csrf", &csrf),
                ("worker_id", thomas.user_id.as_str()),
                ("expertise", "violence"),
                ("goals", ""),
                ("planned_end", "2099-01-01"),
                ("review_months", "3"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Schrijf minstens één doel op."),
        "the refusal at its field"
    );
    let e = lead_page.get(&format!("/gezinnen/{family}/evu")).await;
    assert!(e.body.contains("Afgesloten") && e.body.contains("Veilig genoeg"));
    let timeline = lead_page.get(&format!("/gezinnen/{family}/tijdlijn")).await;
    for said in [
        "startte SAVE-begeleiding",
        "evalueerde de SAVE-begeleiding",
        "sloot de SAVE-begeleiding af met als uitkomst: Veiligheid hersteld",
        "Het EVU wees een combinatie toe",
        "De inzet van het EVU is afgesloten",
    ] {
        assert!(timeline.body.contains(said), "timeline says {said:?}");
    }
    app.done().await;
}

/// Gezin Jansen led by Sanne (local team), with the family's consent to SAVE-begeleiding
/// by Thomas's organisation: `(app, sanne, thomas, family)`.
async fn save_family() -> (App, common::Account, common::Account, String) {
    let app = App::new().await;
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
    let thomas = app
        .account("thomas@save.example", &[Role::Professional], true)
        .await;
    let today = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now());
    let (lokalis, save) = {
        let mut tx = app.store.read().await.unwrap();
        (
            tx.organisation_by_slug("lokalis")
                .await
                .unwrap()
                .unwrap()
                .id,
            tx.organisation_by_slug("save").await.unwrap().unwrap().id,
        )
    };
    let (family, sam, kim) = app.jansen(&sanne, lokalis.as_str(), None).await;
    let mut tx = app.store.write().await.unwrap();
    tx.record_consent(
        &system(),
        &family,
        &sanne.user_id,
        &ConsentInput {
            step: ConsentStep::SaveGuidance,
            organisation_id: Some(save),
            purpose: "Samen werken aan veiligheid".into(),
            categories: vec![DataCategory::Identity, DataCategory::Plan],
            children: vec![sam],
            given_by: vec![kim],
            form: ConsentForm::Written,
            given_on: today,
            ends_on: None,
        },
        today,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    (app, sanne, thomas, family.to_string())
}

#[tokio::test]
async fn a_refused_start_of_save_guidance_comes_back_as_typed() {
    let (app, sanne, thomas, family) = save_family().await;
    let mut b = app.signed_in_browser(&sanne).await;
    let path = format!("/gezinnen/{family}/save-begeleiding");
    let csrf = b.get(&path).await.csrf();
    let goals = "Geen geweld meer in huis\nSam gaat veilig naar school";
    let r = b
        .post(
            &path,
            &[
                ("csrf", csrf.as_str()),
                ("worker_id", thomas.user_id.as_str()),
                ("expertise", "violence"),
                ("goals", goals),
                ("planned_end", "1-3-2027"),
                ("review_months", "2"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::field_error(&r.body, "planned_end").as_deref(),
        Some("Vul een datum in als jjjj-mm-dd.")
    );
    assert_eq!(
        common::selected_option(&r.body, "worker_id").as_deref(),
        Some(thomas.user_id.as_str())
    );
    assert_eq!(
        common::selected_option(&r.body, "expertise").as_deref(),
        Some("violence")
    );
    assert_eq!(
        common::control_value(&r.body, "goals").as_deref(),
        Some(goals)
    );
    assert_eq!(
        common::control_value(&r.body, "planned_end").as_deref(),
        Some("1-3-2027")
    );
    assert_eq!(
        common::selected_option(&r.body, "review_months").as_deref(),
        Some("2")
    );
    app.done().await;
}

#[tokio::test]
async fn refused_reviews_and_endings_of_save_guidance_come_back_as_typed() {
    let (app, sanne, thomas, family) = save_family().await;
    let today = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now());
    let planned_end = today.checked_add(jiff::Span::new().months(4)).unwrap();
    let mut tx = app.store.write().await.unwrap();
    tx.start_save_guidance(
        &system(),
        &sanne.user_id,
        &FamilyId::from(family.as_str()),
        &eenplan_store::NewGuidance {
            worker_id: thomas.user_id.to_string(),
            expertise: eenplan_domain::family::Expertise::Violence,
            goals: vec!["Geen geweld meer in huis".into()],
            planned_end,
            review_months: None,
        },
        today,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let guidance = app
        .store
        .read()
        .await
        .unwrap()
        .save_guidances(&FamilyId::from(family.as_str()))
        .await
        .unwrap()[0]
        .id
        .clone();
    let mut b = app.signed_in_browser(&sanne).await;
    let path = format!("/gezinnen/{family}/save-begeleiding/{guidance}");
    let csrf = b
        .get(&format!("/gezinnen/{family}/save-begeleiding"))
        .await
        .csrf();

    // The planned end emptied by mistake: refused at the field, and it stays empty
    // (not silently the stored date again); the rest as typed.
    let note = "Gesprek met Kim en Thomas.\nHet gaat beter thuis.";
    let r = b
        .post(
            &format!("{path}/evaluatie"),
            &[
                ("csrf", csrf.as_str()),
                ("reviewed_on", "2026-11-20"),
                ("planned_end", ""),
                ("note", note),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let field = |name: &str| format!("{name}-{guidance}");
    assert_eq!(
        common::field_error(&r.body, &field("planned_end")).as_deref(),
        Some("Vul een datum in als jjjj-mm-dd.")
    );
    assert_eq!(
        common::control_value(&r.body, &field("planned_end")).as_deref(),
        Some(""),
        "what was typed, not the stored date"
    );
    assert_eq!(
        common::control_value(&r.body, &field("reviewed_on")).as_deref(),
        Some("2026-11-20")
    );
    assert_eq!(
        common::control_value(&r.body, &field("note")).as_deref(),
        Some(note)
    );

    // The end without an outcome: refused at the outcome, the reason kept.
    let reason = "Kim wil stoppen;\nhet netwerk neemt het over.";
    let r = b
        .post(
            &format!("{path}/einde"),
            &[("csrf", csrf.as_str()), ("outcome", ""), ("reason", reason)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::field_error(&r.body, "outcome").as_deref(),
        Some("Maak een keuze.")
    );
    assert_eq!(
        common::control_value(&r.body, &field("reason")).as_deref(),
        Some(reason)
    );
    app.done().await;
}

#[tokio::test]
async fn a_refused_referral_to_the_evu_keeps_its_reason() {
    // Gezin Jansen lives where the EVU does not work: refused, the reason kept.
    let (app, sanne, _, family) = save_family().await;
    let mut b = app.signed_in_browser(&sanne).await;
    let path = format!("/gezinnen/{family}/evu");
    let csrf = b.get(&path).await.csrf();
    let reason = "Geweld tussen de ouders,\nSam is bang.";
    let r = b
        .post(&path, &[("csrf", csrf.as_str()), ("reason", reason)])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("Het gezin woont niet in een wijk waar het EVU werkt.")
    );
    assert_eq!(
        common::control_value(&r.body, "reason-refer").as_deref(),
        Some(reason)
    );
    app.done().await;
}
