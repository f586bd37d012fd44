//! The family member's read pages (issue 17 §3) through the real router, each deciding
//! through the portal rule: a parent with custody sees the links, the crisis answer,
//! the professionals and network, the meetings ahead and who looked (in sentences, the
//! family's own workers by name, an outsider's emergency access by organisation and
//! role only); a 13-year-old gets the plan and consents but not the rest; a parent whose
//! custody ended sees nothing of it; another family's data never shows; every page read
//! goes into the access log as the family member's, and the log's chain stays intact.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Account, App};
use eenplan_domain::access_log::{AccessBasis, AccessEvent};
use eenplan_domain::family::{
    ConsentForm, ConsentStep, DataCategory, Expertise, InvolvementRole, MemberKind,
    NetworkRelation, NewMember,
};
use eenplan_domain::joint_assessment::MeetingKind;
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_domain::{FamilyId, OrganisationId, UtcTime};
use eenplan_store::{AccessEntry, ConsentInput, NetworkDetails, NewInvolvement, NewMeeting};
use jiff::civil::Date;

fn system() -> Actor {
    Actor::System { component: "test" }
}

fn today() -> Date {
    eenplan_domain::time::amsterdam_date(UtcTime::now())
}

fn days(n: i64) -> Date {
    today().checked_add(jiff::Span::new().days(n)).unwrap()
}

async fn org(app: &App, slug: &str) -> String {
    let mut tx = app.store.read().await.unwrap();
    tx.organisation_by_slug(slug)
        .await
        .unwrap()
        .unwrap()
        .id
        .into_string()
}

struct World {
    app: App,
    family: FamilyId,
    kim: String,
    teen: String,
    sanne: Account,
}

/// Gezin Jansen led by Sanne (Lokalis), Thomas (SAVE) a partner after the family's
/// consent; Oma Riet in the network with her address; a meeting in a week; a
/// 13-year-old, Noor. Sanne read the plan; a Veilig Thuis worker outside the family's
/// circle broke the glass. Another family, led by Anders, exists beside it.
async fn world() -> World {
    let app = App::new().await;
    let team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    app.organisation("vt", OrganisationKind::VeiligThuis).await;
    app.organisation("anders", OrganisationKind::LocalTeam)
        .await;
    let pro = &[Role::Professional];
    let sanne = app
        .account_in("lokalis", Some(&team), "sanne@lokalis.example", pro, true)
        .await;
    let thomas = app.account("thomas@save.example", pro, true).await;
    let vera = app
        .account_in("vt", None, "vera@vt.example", pro, true)
        .await;
    let anders = app
        .account_in("anders", None, "anders@anders.example", pro, true)
        .await;
    let (lokalis, save, vt, other) = (
        org(&app, "lokalis").await,
        org(&app, "save").await,
        org(&app, "vt").await,
        org(&app, "anders").await,
    );
    let (family, sam, kim) = app.jansen(&sanne, &lokalis, None).await;
    let (other_family, _, _) = app.jansen(&anders, &other, None).await;
    let mut tx = app.store.write().await.unwrap();
    tx.record_consent(
        &system(),
        &family,
        &sanne.user_id,
        &ConsentInput {
            step: ConsentStep::SaveGuidance,
            organisation_id: Some(save.clone().into()),
            purpose: "Samen met SAVE kijken wat Sam nodig heeft".into(),
            categories: vec![DataCategory::Identity, DataCategory::Plan],
            children: vec![sam.clone()],
            given_by: vec![kim.clone()],
            form: ConsentForm::Written,
            given_on: today(),
            ends_on: None,
        },
        today(),
    )
    .await
    .unwrap();
    tx.add_involvement(
        &system(),
        &family,
        NewInvolvement {
            role: InvolvementRole::Partner,
            organisation_id: save.clone(),
            user_id: thomas.user_id.to_string(),
            expertise: Some(Expertise::Safety),
            takes_over: None,
            reason: None,
        },
    )
    .await
    .unwrap();
    let phone = eenplan_domain::user::Phone::parse("06-1234 5678").unwrap();
    tx.set_phone(&system(), &sanne.user_id, Some(&phone))
        .await
        .unwrap();
    tx.add_network_member(
        &system(),
        &family,
        &NetworkDetails {
            name: "Oma Riet".into(),
            relation: NetworkRelation::Family,
            safety_role: "Past op Sam".into(),
            contact: "Geheimeweg 7, Houten".into(),
        },
    )
    .await
    .unwrap();
    let meets_at = days(7).at(14, 30, 0, 0);
    tx.schedule_meeting(
        &system(),
        &family,
        (&sanne.user_id, &OrganisationId::from(lokalis.as_str())),
        &NewMeeting {
            kind: MeetingKind::LearningMeeting,
            meets_at,
            invited: vec![lokalis.clone(), save.clone()],
            family_takes_part: true,
            family_absence_reason: String::new(),
        },
        today(),
    )
    .await
    .unwrap();
    let teen = tx
        .add_member(
            &system(),
            &family,
            NewMember {
                kind: MemberKind::Child,
                name: "Noor Jansen".into(),
                date_of_birth: Some(today().checked_sub(jiff::Span::new().years(13)).unwrap()),
                has_custody: false,
            },
            today(),
        )
        .await
        .unwrap();
    // Vera, of Veilig Thuis and in nobody's circle, breaks the glass.
    tx.break_glass(
        &system(),
        &family,
        (&vera.user_id, &OrganisationId::from(vt.as_str())),
        "Melding over direct gevaar voor Sam, nu nagaan",
        false,
        UtcTime::now(),
    )
    .await
    .unwrap();
    tx.log_access(&AccessEntry {
        event: AccessEvent::Emergency,
        granted: true,
        basis: Some(AccessBasis::Emergency),
        user_id: vera.user_id.to_string(),
        organisation_id: vt.clone(),
        role: "professional".into(),
        on_behalf_of: None,
        family_id: Some(family.to_string()),
        data: "POST /gezinnen/{family}/noodtoegang: direct gevaar".into(),
        client_address: "192.0.2.1".into(),
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut b = app.signed_in_browser(&sanne).await;
    assert_eq!(
        b.get(&format!("/gezinnen/{family}/plan")).await.status,
        StatusCode::OK
    );
    let mut b = app.signed_in_browser(&anders).await;
    assert_eq!(
        b.get(&format!("/gezinnen/{other_family}/plan"))
            .await
            .status,
        StatusCode::OK
    );
    World {
        app,
        family,
        kim,
        teen,
        sanne,
    }
}

async fn browser_of<'a>(w: &'a World, member: &str, email: &str) -> (common::Browser<'a>, String) {
    let account = w
        .app
        .family_account(&w.sanne, w.family.as_str(), member, email)
        .await;
    let token = w.app.family_session_token(&account).await;
    (w.app.family_browser(&token), account)
}

#[tokio::test]
async fn a_parent_with_custody_reads_the_flower_the_meetings_and_who_looked() {
    let w = world().await;
    let (mut kim, account) = browser_of(&w, &w.kim, "kim@thuis.example").await;

    let home = kim.get("/mijn-gezin").await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.body);
    for href in [
        "/mijn-gezin/plan",
        "/mijn-gezin/toestemming",
        "/mijn-gezin/hulpverleners",
        "/mijn-gezin/afspraken",
        "/mijn-gezin/inzage",
    ] {
        assert!(home.body.contains(&format!("href=\"{href}\"")), "{href}");
    }
    assert!(home.body.contains("Is er een crisis?"), "{}", home.body);

    let r = kim.get("/mijn-gezin/hulpverleners").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Organisatie lokalis"), "{}", r.body);
    assert!(r.body.contains("SAVE Jeugdbescherming"));
    assert!(r.body.contains("href=\"tel:0612345678\""), "{}", r.body);
    assert!(r.body.contains("Oma Riet"));
    assert!(!r.body.contains("Geheimeweg"), "no address of someone else");
    assert!(!r.body.contains("Organisatie anders"), "another family's");

    let r = kim.get("/mijn-gezin/afspraken").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let day = eenplan_domain::calendar::written_date(days(7), false);
    assert!(r.body.contains(&format!("{day} om 14:30")), "{}", r.body);
    assert!(r.body.contains("Methodische leerbijeenkomst"));
    assert!(!r.body.contains("learning_meeting"), "no codes");

    let r = kim.get("/mijn-gezin/inzage").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let written = eenplan_domain::calendar::written_date(today(), false);
    assert!(
        r.body.contains(&format!(
            "Test Persoon (Organisatie lokalis, medewerker van het lokale team) las het plan op {written}"
        )),
        "{}",
        r.body
    );
    assert!(
        r.body.contains(
            "Organisatie vt, medewerker van Veilig Thuis, vroeg noodtoegang tot het dossier op"
        ) && r
            .body
            .contains("met noodtoegang; de privacyfunctionaris kijkt dit nog na"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("Organisatie anders"), "another family's");
    assert!(
        !r.body.contains(&today().to_string()) && !r.body.contains("{family}"),
        "no ISO date, no route"
    );

    // Every page read is in the access log as Kim's, and the chain holds.
    let lines = w
        .app
        .store
        .read()
        .await
        .unwrap()
        .access_log_for(&w.family)
        .await
        .unwrap();
    let kims: Vec<&str> = lines
        .iter()
        .filter(|(_, _, _, user, _)| *user == format!("family:{account}"))
        .map(|(_, _, _, _, data)| data.as_str())
        .collect();
    for page in ["hulpverleners", "afspraken", "inzage"] {
        assert!(
            kims.contains(&format!("GET /mijn-gezin/{page}").as_str()),
            "{kims:?}"
        );
    }
    let report = w.app.store.verify_access_log(None).await.unwrap();
    assert!(report.chain.is_intact(), "{report:?}");
    w.app.done().await;
}

#[tokio::test]
async fn a_thirteen_year_old_and_a_parent_whose_custody_ended_do_not_get_what_the_rule_withholds() {
    let w = world().await;
    let (mut noor, _) = browser_of(&w, &w.teen, "noor@thuis.example").await;
    let home = noor.get("/mijn-gezin").await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.body);
    assert!(home.body.contains("Welkom, Noor"));
    assert!(home.body.contains("href=\"/mijn-gezin/plan\""));
    assert!(home.body.contains("href=\"/mijn-gezin/toestemming\""));
    for part in ["hulpverleners", "afspraken", "inzage"] {
        assert!(
            !home.body.contains(&format!("/mijn-gezin/{part}")),
            "{part}"
        );
    }
    assert!(!home.body.contains("Is er een crisis?"));
    // Typed in anyway, the pages open with their parts left out, silently.
    let r = noor.get("/mijn-gezin/hulpverleners").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains("Organisatie lokalis") && !r.body.contains("Oma Riet"));
    let r = noor.get("/mijn-gezin/afspraken").await;
    assert!(
        !r.body.contains("Methodische leerbijeenkomst"),
        "{}",
        r.body
    );
    let r = noor.get("/mijn-gezin/inzage").await;
    assert!(!r.body.contains("las het plan"), "{}", r.body);
    assert!(!r.body.contains("verborgen") && !r.body.contains("niet zichtbaar"));

    // Kim has an account; then the file records that she no longer holds custody.
    let (mut kim, _) = browser_of(&w, &w.kim, "kim@thuis.example").await;
    assert!(
        kim.get("/mijn-gezin")
            .await
            .body
            .contains("/mijn-gezin/inzage")
    );
    let mut tx = w.app.store.write().await.unwrap();
    tx.correct_member(
        &system(),
        &w.family,
        &w.kim,
        NewMember {
            kind: MemberKind::Parent,
            name: "Kim Jansen".into(),
            date_of_birth: None,
            has_custody: false,
        },
        "Gezag beëindigd door de rechter",
        today(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let home = kim.get("/mijn-gezin").await;
    assert_eq!(home.status, StatusCode::OK);
    // No part of the file; the complaint and the copy of one's own data stay open to
    // every member (issue 17 §2 and §4).
    for part in [
        "plan",
        "toestemming",
        "hulpverleners",
        "afspraken",
        "inzage",
    ] {
        assert!(
            !home.body.contains(&format!("/mijn-gezin/{part}")),
            "{part}: {}",
            home.body
        );
    }
    let r = kim.get("/mijn-gezin/hulpverleners").await;
    assert!(!r.body.contains("Organisatie lokalis"), "{}", r.body);
    let r = kim.get("/mijn-gezin/inzage").await;
    assert!(!r.body.contains("las het plan"), "{}", r.body);
    w.app.done().await;
}

#[tokio::test]
async fn who_looked_shows_the_newest_twenty_and_a_link_for_more() {
    let w = world().await;
    let mut sanne = w.app.signed_in_browser(&w.sanne).await;
    for _ in 0..20 {
        let r = sanne.get(&format!("/gezinnen/{}/plan", w.family)).await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let (mut kim, _) = browser_of(&w, &w.kim, "kim@thuis.example").await;
    let r = kim.get("/mijn-gezin/inzage").await;
    assert_eq!(r.body.matches("las het plan").count(), 20, "{}", r.body);
    assert!(
        !r.body.contains("vroeg noodtoegang"),
        "older, on the next step"
    );
    assert!(r.body.contains("href=\"/mijn-gezin/inzage?aantal=40\""));
    let r = kim.get("/mijn-gezin/inzage?aantal=40").await;
    assert_eq!(r.body.matches("las het plan").count(), 21, "{}", r.body);
    assert!(r.body.contains("vroeg noodtoegang"));
    assert!(!r.body.contains("aantal=60"), "all shown");
    // A count typed by hand is held within bounds, never an error.
    for odd in ["-5", "abc", "99999999999999999999"] {
        let r = kim.get(&format!("/mijn-gezin/inzage?aantal={odd}")).await;
        assert_eq!(r.status, StatusCode::OK, "{odd}");
    }
    w.app.done().await;
}
