//! The family file through the router: a professional's walk, handovers, plan conflicts,
//! and nobody outside the family's circle finding or opening it. One test binary; each
//! part of the file is a module, sharing the circle and the file opened here.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod api;
mod closing;
mod documents;
mod documents_removal;
mod involvements;
mod members;
mod new;
mod notes;
mod overview;
mod paging;
mod plan;
mod search;
mod session;

use axum::http::StatusCode;
use common::App;
use eenplan_domain::FamilyId;
use eenplan_domain::family::DataCategory;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;

struct Circle {
    app: App,
    sanne: common::Account,
    thomas: common::Account,
    joyce: common::Account,
    outsider: common::Account,
}

async fn circle() -> Circle {
    circle_on(common::Backend::Sqlite).await
}

/// The same circle on `backend` (the tests that run on both backends).
async fn circle_on(backend: common::Backend) -> Circle {
    let app = App::on(backend).await; // has organisation "save"
    let overvecht = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    let sanne = app
        .account_in(
            "lokalis",
            Some(&overvecht),
            "sanne@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let joyce = app
        .account_in(
            "lokalis",
            Some(&overvecht),
            "joyce@lokalis.example",
            &[Role::TeamLead],
            true,
        )
        .await;
    let thomas = app
        .account("thomas@save.example", &[Role::Professional], true)
        .await;
    let outsider = app
        .account_in(
            "lokalis",
            None,
            "mo@lokalis.example",
            &[
                Role::Professional,
                Role::FunctionalAdmin,
                Role::PrivacyOfficer,
            ],
            true,
        )
        .await;
    Circle {
        app,
        sanne,
        thomas,
        joyce,
        outsider,
    }
}

async fn open_file(c: &Circle) -> String {
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get("/gezinnen/nieuw").await.csrf();
    let form = [
        ("csrf", csrf.as_str()),
        ("label", "Gezin Jansen"),
        ("street", "Zamenhofdreef"),
        ("house_number", "12"),
        ("postcode", "3562jw"),
        ("city", "Utrecht"),
        ("child_name", "Sam Jansen"),
        ("child_birth", "2016-04-02"),
    ];
    let r = b.post("/gezinnen/nieuw", &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location().trim_start_matches("/gezinnen/").to_owned()
}

/// Records the family's consent to SAVE-begeleiding with Thomas's organisation: a
/// parent with custody (added here) consents for Sam, who is under 12. Returns the
/// consent's id.
async fn consent_to_save(c: &Circle, id: &str, categories: &[DataCategory]) -> String {
    let today = jiff::civil::date(2026, 11, 23);
    let system = eenplan_domain::journal::Actor::System { component: "test" };
    let mut tx = c.app.store.write().await.unwrap();
    let save = tx
        .fetch_one(
            "SELECT organisation_id FROM users WHERE id = $1",
            vec![c.thomas.user_id.as_str().into()],
        )
        .await
        .unwrap()
        .text(0)
        .unwrap();
    let family = tx.family(&FamilyId::from(id)).await.unwrap().unwrap();
    let sam = family.members[0].id.clone();
    let kim = match family.members.iter().find(|m| m.has_custody) {
        Some(m) => m.id.clone(),
        None => tx
            .add_member(
                &system,
                &FamilyId::from(id),
                eenplan_domain::family::NewMember {
                    kind: eenplan_domain::family::MemberKind::Parent,
                    name: "Kim Jansen".into(),
                    date_of_birth: None,
                    has_custody: true,
                },
                today,
            )
            .await
            .unwrap(),
    };
    let consent = tx
        .record_consent(
            &system,
            &FamilyId::from(id),
            &c.sanne.user_id,
            &eenplan_store::ConsentInput {
                step: eenplan_domain::family::ConsentStep::SaveGuidance,
                organisation_id: Some(save.into()),
                purpose: "SAVE-begeleiding naast het buurtteam".into(),
                categories: categories.to_vec(),
                children: vec![sam],
                given_by: vec![kim],
                form: eenplan_domain::family::ConsentForm::Spoken,
                given_on: today,
                ends_on: None,
            },
            today,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    consent
}

const ALL: &[DataCategory] = DataCategory::ALL;

async fn api_token(c: &Circle, account: &common::Account) -> Vec<(&'static str, String)> {
    let token = c
        .app
        .session_token(account, eenplan_store::SessionKind::Api)
        .await;
    vec![
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ]
}

/// The id of the member called `name` in the file.
async fn member_id(c: &Circle, id: &str, name: &str) -> String {
    let mut tx = c.app.store.read().await.unwrap();
    let family = tx.family(&FamilyId::from(id)).await.unwrap().unwrap();
    family
        .members
        .iter()
        .find(|m| m.name == name)
        .map(|m| m.id.clone())
        .unwrap()
}
