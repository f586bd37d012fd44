//! Rules that follow the law, through the router: who
//! may agree to the plan, consents dated before a birth, what a partner reads on the
//! timeline, and the access overview naming every basis in words.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::{Account, App};
use eenplan_domain::FamilyId;
use eenplan_domain::access_log::{AccessBasis, AccessEvent};
use eenplan_domain::family::{
    ConsentForm, ConsentStep, DataCategory, InvolvementRole, MemberKind, NewMember, Plan,
};
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_store::{AccessEntry, ConsentInput, NewInvolvement};

struct World {
    app: App,
    sanne: Account,
    thomas: Account,
    family: String,
    sam: String,
    kim: String,
    save: String,
}

fn system() -> Actor {
    Actor::System { component: "test" }
}

fn today() -> jiff::civil::Date {
    eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now())
}

/// Gezin Jansen led by Sanne (local team); Thomas works at SAVE (certified institution).
async fn world() -> World {
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
    World {
        app,
        sanne,
        thomas,
        family: family.to_string(),
        sam,
        kim,
        save: save.to_string(),
    }
}

async fn add_child(w: &World, name: &str, born: jiff::civil::Date) -> String {
    let mut tx = w.app.store.write().await.unwrap();
    let id = tx
        .add_member(
            &system(),
            &FamilyId::from(w.family.as_str()),
            NewMember {
                kind: MemberKind::Child,
                name: name.into(),
                date_of_birth: Some(born),
                has_custody: false,
            },
            today(),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

async fn api(w: &World, account: &Account) -> Vec<(&'static str, String)> {
    let token = w
        .app
        .session_token(account, eenplan_store::SessionKind::Api)
        .await;
    vec![
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ]
}

async fn agreements(w: &World, version: i64) -> usize {
    w.app
        .store
        .read()
        .await
        .unwrap()
        .plan_agreements(&FamilyId::from(w.family.as_str()), version)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn only_those_the_age_rule_names_may_agree_to_the_plan() {
    let w = world().await;
    let mila = add_child(&w, "Mila Jansen", jiff::civil::date(2023, 6, 1)).await;
    {
        let mut tx = w.app.store.write().await.unwrap();
        let plan = Plan {
            worries: vec!["Ruzie thuis".into()],
            ..Plan::default()
        };
        tx.save_plan(
            &system(),
            &w.sanne.user_id,
            &FamilyId::from(w.family.as_str()),
            0,
            &plan,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    let path = format!("/gezinnen/{}/plan/akkoord", w.family);
    let mut b = w.app.signed_in_browser(&w.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{}/plan", w.family)).await.csrf();

    // A three-year-old cannot agree, and the parent with custody is missing.
    let r = b
        .post(
            &path,
            &[("csrf", &csrf), ("version", "1"), ("members", &mila)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("Mila Jansen") && r.body.contains("Kim Jansen"),
        "names who may not agree and who is missing: {}",
        r.body
    );
    // Sam (10) with Kim: Sam may not agree either.
    let r = b
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("members", &w.sam),
                ("members", &w.kim),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Sam Jansen"), "{}", r.body);
    assert_eq!(agreements(&w, 1).await, 0, "nothing partially stored");

    // In English too.
    b.cookies.insert("eenplan_lang".into(), "en".into());
    let r = b
        .post(
            &path,
            &[("csrf", &csrf), ("version", "1"), ("members", &mila)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("May not agree"), "{}", r.body);
    b.cookies.remove("eenplan_lang");

    // The API refuses the same, naming the field.
    let headers = api(&w, &w.sanne).await;
    let r = w
        .app
        .raw(
            Method::POST,
            &format!("/api/v1/families/{}/plan/agreements", w.family),
            &headers,
            &serde_json::json!({ "version": 1, "member_ids": [mila] }).to_string(),
        )
        .await;
    assert!(r.status.is_client_error(), "{} {}", r.status, r.body);
    assert_eq!(
        r.json()["invalidParams"][0]["name"],
        "member_ids",
        "{}",
        r.body
    );
    assert!(r.body.contains("Mila Jansen"), "{}", r.body);
    assert_eq!(agreements(&w, 1).await, 0);

    // Kim, the one parent with custody, agrees for both children under 12.
    let r = b
        .post(
            &path,
            &[("csrf", &csrf), ("version", "1"), ("members", &w.kim)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(agreements(&w, 1).await, 1);
    w.app.done().await;
}

#[tokio::test]
async fn a_consent_dated_before_the_child_was_born_is_refused() {
    let w = world().await;
    let mila = add_child(&w, "Mila Jansen", jiff::civil::date(2023, 6, 1)).await;
    let mut b = w.app.signed_in_browser(&w.sanne).await;
    let path = format!("/gezinnen/{}/toestemming", w.family);
    let csrf = b.get(&path).await.csrf();
    let r = b
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("step", "data_sharing"),
                ("organisation", &w.save),
                ("purpose", "Afstemmen"),
                ("categories", "identity"),
                ("children", &mila),
                ("given_by", &w.kim),
                ("form", "written"),
                ("given_on", "2023-05-01"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("id=\"given_on-error\""), "{}", r.body);
    assert!(r.body.contains("Mila Jansen"), "{}", r.body);

    let headers = api(&w, &w.sanne).await;
    let r = w
        .app
        .raw(
            Method::POST,
            &format!("/api/v1/families/{}/consents", w.family),
            &headers,
            &serde_json::json!({
                "step": "data_sharing", "organisation_id": w.save, "purpose": "Afstemmen",
                "categories": ["identity"], "children": [mila], "given_by": [w.kim],
                "form": "written", "given_on": "2023-05-01"
            })
            .to_string(),
        )
        .await;
    assert!(r.status.is_client_error(), "{} {}", r.status, r.body);
    assert_eq!(
        r.json()["invalidParams"][0]["name"],
        "given_on",
        "{}",
        r.body
    );
    let stored = w
        .app
        .store
        .read()
        .await
        .unwrap()
        .consents(&FamilyId::from(w.family.as_str()))
        .await
        .unwrap()
        .len();
    assert_eq!(stored, 0);
    w.app.done().await;
}

/// Thomas (SAVE) joins as a partner on a consent that opens only the family's identity.
async fn identity_partner(w: &World) {
    let mut tx = w.app.store.write().await.unwrap();
    tx.record_consent(
        &system(),
        &FamilyId::from(w.family.as_str()),
        &w.sanne.user_id,
        &ConsentInput {
            step: ConsentStep::SaveGuidance,
            organisation_id: Some(w.save.clone().into()),
            purpose: "SAVE-begeleiding".into(),
            categories: vec![DataCategory::Identity],
            children: vec![w.sam.clone()],
            given_by: vec![w.kim.clone()],
            form: ConsentForm::Spoken,
            given_on: today(),
            ends_on: None,
        },
        today(),
    )
    .await
    .unwrap();
    tx.add_involvement(
        &system(),
        &FamilyId::from(w.family.as_str()),
        NewInvolvement {
            role: InvolvementRole::Partner,
            organisation_id: w.save.clone(),
            user_id: w.thomas.user_id.to_string(),
            expertise: None,
            takes_over: None,
            reason: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn a_partner_with_identity_consent_reads_no_court_decision_or_evu_referral() {
    let w = world().await;
    identity_partner(&w).await;
    {
        let mut tx = w.app.store.write().await.unwrap();
        tx.append(
            &system(),
            Event::ProtectionOrderDecided {
                family_id: w.family.clone(),
                request_id: "verzoek-1".into(),
                granted: true,
                measure: Some("supervision_order".into()),
                ends_on: Some("2027-06-30".into()),
                institution_id: Some(w.save.clone()),
                decided_on: "2026-06-30".into(),
            },
        )
        .await
        .unwrap();
        tx.append(
            &system(),
            Event::EvuReferred {
                family_id: w.family.clone(),
                referral_id: "evu-1".into(),
                source: "local_team".into(),
                vt_contact_id: None,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    let timeline = format!("/gezinnen/{}/tijdlijn", w.family);
    let mut thomas = w.app.signed_in_browser(&w.thomas).await;
    let page = thomas.get(&timeline).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Sam Jansen toegevoegd als kind"));
    for secret in ["kinderrechter", "EVU"] {
        assert!(!page.body.contains(secret), "{secret} shown to the partner");
    }
    let mut sanne = w.app.signed_in_browser(&w.sanne).await;
    let page = sanne.get(&timeline).await;
    assert!(page.body.contains("De kinderrechter sprak uit") && page.body.contains("EVU"));

    let headers = api(&w, &w.thomas).await;
    let r = w
        .app
        .raw(
            Method::GET,
            &format!("/api/v1/families/{}/timeline", w.family),
            &headers,
            "",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let kinds: Vec<String> = r.json()["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect();
    assert!(kinds.contains(&"member_added".to_owned()));
    assert!(
        !kinds.contains(&"protection_order_decided".to_owned())
            && !kinds.contains(&"evu_referred".to_owned()),
        "{kinds:?}"
    );
    w.app.done().await;
}

#[tokio::test]
async fn the_access_overview_names_every_basis_in_words() {
    let w = world().await;
    for basis in [AccessBasis::RvdkRequest, AccessBasis::EvuReferral] {
        w.app
            .store
            .log_access(AccessEntry {
                event: AccessEvent::Read,
                granted: true,
                basis: Some(basis),
                user_id: w.thomas.user_id.to_string(),
                organisation_id: w.save.clone(),
                role: "professional".into(),
                on_behalf_of: None,
                family_id: Some(w.family.clone()),
                data: "GET /api/v1/families/{family}/protection-orders".into(),
                client_address: "127.0.0.1".into(),
            })
            .await
            .unwrap();
    }
    let mut sanne = w.app.signed_in_browser(&w.sanne).await;
    let page = sanne.get(&format!("/gezinnen/{}/inzage", w.family)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Geen (geweigerd)"), "{}", page.body);
    assert!(
        page.body.contains(AccessBasis::RvdkRequest.label_nl())
            && page.body.contains(AccessBasis::EvuReferral.label_nl()),
        "{}",
        page.body
    );
    assert!(page.body.contains(AccessEvent::Read.label_nl()));
    w.app.done().await;
}
