//! The family's consents through its own door (issue 17 §3), through the real router:
//! the mother reads every consent in words and withdraws SAVE's; the SAVE worker's next
//! API call is refused at once, on both backends; the regisseur is told; what cannot be
//! withdrawn is said plainly, never with a server error.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode, header};
use common::{Account, App, Backend, control_value, field_error};
use eenplan_domain::family::{ConsentForm, ConsentStep, DataCategory, Framework, MemberKind};
use eenplan_domain::family::{Expertise, InvolvementRole, NewMember};
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_domain::{FamilyId, OrganisationId};
use eenplan_store::{ConsentInput, FrameworkInput, NewInvolvement, Seek, SessionKind};
use jiff::civil::Date;

const PAGE: &str = "/mijn-gezin/toestemming";

fn system() -> Actor {
    Actor::System { component: "test" }
}

fn today() -> Date {
    eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now())
}

/// Gezin Jansen led from Lokalis, a consent of Kim's to SAVE for everything about Sam,
/// Thomas of SAVE in the circle on it, and Kim's family account.
struct World {
    app: App,
    regie: Account,
    thomas: Account,
    family: FamilyId,
    kim_account: String,
    consent: String,
    save: String,
}

async fn org_id(app: &App, slug: &str) -> String {
    let mut tx = app.store.read().await.unwrap();
    tx.organisation_by_slug(slug)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

async fn give_consent(
    app: &App,
    w: (&FamilyId, &Account),
    save: &str,
    who: (&str, &str),
) -> String {
    let (family, regie) = w;
    let (sam, kim) = who;
    let mut tx = app.store.write().await.unwrap();
    let id = tx
        .record_consent(
            &system(),
            family,
            &regie.user_id,
            &ConsentInput {
                step: ConsentStep::SaveGuidance,
                organisation_id: Some(save.to_owned().into()),
                purpose: "Samen werken aan de veiligheid van Sam".into(),
                categories: DataCategory::ALL.to_vec(),
                children: vec![sam.to_owned()],
                given_by: vec![kim.to_owned()],
                form: ConsentForm::Written,
                given_on: today(),
                ends_on: None,
            },
            today(),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

async fn world(backend: Backend) -> World {
    let app = App::on(backend).await; // has "save", a certified institution
    let team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    let regie = app
        .account_in(
            "lokalis",
            Some(&team),
            "regie@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let thomas = app
        .account("thomas@save.example", &[Role::Professional], true)
        .await;
    let lokalis = org_id(&app, "lokalis").await;
    let save = org_id(&app, "save").await;
    let (family, sam, kim) = app.jansen(&regie, &lokalis, None).await;
    let consent = give_consent(&app, (&family, &regie), &save, (&sam, &kim)).await;
    let mut tx = app.store.write().await.unwrap();
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
    tx.commit().await.unwrap();
    let kim_account = app
        .family_account(&regie, family.as_str(), &kim, "kim@thuis.example")
        .await;
    World {
        app,
        regie,
        thomas,
        family,
        kim_account,
        consent,
        save,
    }
}

fn withdraw_path(consent: &str) -> String {
    format!("{PAGE}/{consent}/intrekken")
}

async fn in_force(app: &App, family: &FamilyId, consent: &str) -> bool {
    let mut tx = app.store.read().await.unwrap();
    let consents = tx.consents(family).await.unwrap();
    consents
        .iter()
        .any(|c| c.id == consent && c.withdrawn_at.is_none())
}

/// The issue's own test: withdrawal through the portal removes the partner's access at
/// once, seen through the API.
async fn the_mother_withdraws_and_the_partner_is_refused_at_once(backend: Backend) {
    let w = world(backend).await;
    let token = w.app.session_token(&w.thomas, SessionKind::Api).await;
    let auth = [("authorization", format!("Bearer {token}"))];
    let file = format!("/api/v1/families/{}", w.family);
    let r = w.app.raw(Method::GET, &file, &auth, "").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let mut kim = w
        .app
        .family_browser(&w.app.family_session_token(&w.kim_account).await);
    let list = kim.get(PAGE).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    for words in [
        "SAVE Jeugdbescherming",
        "Start SAVE-begeleiding: Samen werken aan de veiligheid van Sam",
        "Plan en veiligheidskaart",
        "Sam Jansen",
        "Kim Jansen op ",
        "Tot iemand die de toestemming gaf, die intrekt",
        "Geldt nu",
    ] {
        assert!(list.body.contains(words), "{words}: {}", list.body);
    }
    let iso = today().to_string();
    assert!(
        !list.body.contains(&iso) && !list.body.contains("save_guidance"),
        "no ISO date, no code"
    );
    assert!(list.body.contains(&withdraw_path(&w.consent)));

    let confirm = kim.get(&withdraw_path(&w.consent)).await;
    assert_eq!(confirm.status, StatusCode::OK, "{}", confirm.body);
    assert!(confirm.body.contains("Ja, trek de toestemming in"));
    assert!(
        in_force(&w.app, &w.family, &w.consent).await,
        "asking is not withdrawing"
    );
    let r = kim
        .post(
            &withdraw_path(&w.consent),
            &[("csrf", &confirm.csrf()), ("reason", "")],
        )
        .await;
    assert_eq!(
        (r.status, r.location()),
        (
            StatusCode::SEE_OTHER,
            "/mijn-gezin/toestemming?klaar=ingetrokken"
        ),
        "{}",
        r.body
    );

    // The same professional's next call: refused, as a problem.
    let r = w.app.raw(Method::GET, &file, &auth, "").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(
        r.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/problem+json")
    );
    assert!(!r.body.contains("Sam Jansen"));

    let after = kim.get("/mijn-gezin/toestemming?klaar=ingetrokken").await;
    assert!(after.body.contains("De toestemming is ingetrokken"));
    assert!(after.body.contains("Ingetrokken op"), "{}", after.body);
    assert!(!after.body.contains(&withdraw_path(&w.consent)));

    // The family member's act in the journal; the regisseur is told; the reads logged.
    let mut tx = w.app.store.read().await.unwrap();
    let journal = tx.journal_page(0, 500).await.unwrap();
    let withdrawn = journal
        .iter()
        .find(|e| e.kind == "consent_withdrawn")
        .expect("journaled");
    assert_eq!(withdrawn.actor, format!("family:{}", w.kim_account));
    let (told, _) = tx
        .notifications(&w.regie.user_id, &Seek::First, 20)
        .await
        .unwrap();
    assert!(
        told.iter().any(|n| n.kind.code() == "consent_withdrawn"
            && n.family_id.as_deref() == Some(w.family.as_str())),
        "{told:?}"
    );
    let log = tx.access_log_for(&w.family).await.unwrap();
    let family_reads = log
        .iter()
        .filter(|(_, event, _, user, _)| {
            event == "read" && *user == format!("family:{}", w.kim_account)
        })
        .count();
    assert!(family_reads >= 3, "{log:?}");
    drop(tx);
    let mut regie = w.app.signed_in_browser(&w.regie).await;
    let timeline = regie.get(&format!("/gezinnen/{}/tijdlijn", w.family)).await;
    assert!(
        timeline
            .body
            .contains("Kim Jansen (gezinslid) trok zelf een toestemming in, via Mijn gezin."),
        "{}",
        timeline.body
    );
    w.app.done().await;
}

on_both_backends!(the_mother_withdraws_and_the_partner_is_refused_at_once);

#[tokio::test]
async fn bad_input_keeps_the_reason_and_withdraws_nothing() {
    let w = world(Backend::Sqlite).await;
    let mut kim = w
        .app
        .family_browser(&w.app.family_session_token(&w.kim_account).await);
    let confirm = kim.get(&withdraw_path(&w.consent)).await;
    let typed = "Ik wil het niet\u{000B}meer";
    let r = kim
        .post(
            &withdraw_path(&w.consent),
            &[("csrf", &confirm.csrf()), ("reason", typed)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(field_error(&r.body, "reason").is_some(), "{}", r.body);
    assert!(
        control_value(&r.body, "reason")
            .unwrap()
            .starts_with("Ik wil het niet"),
        "what was typed comes back"
    );
    assert!(r.body.contains("error-summary"));
    assert!(in_force(&w.app, &w.family, &w.consent).await);

    // With a reason that is fine: withdrawn, and the reason kept with it.
    let r = kim
        .post(
            &withdraw_path(&w.consent),
            &[("csrf", &confirm.csrf()), ("reason", "We doen het zelf")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut tx = w.app.store.read().await.unwrap();
    let c = tx.consents(&w.family).await.unwrap().remove(0);
    assert_eq!(c.withdrawal_reason.as_deref(), Some("We doen het zelf"));
    drop(tx);

    // Again: said plainly, no server error.
    let r = kim
        .post(&withdraw_path(&w.consent), &[("csrf", &confirm.csrf())])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("al ingetrokken"), "{}", r.body);
    let r = kim.get(&withdraw_path(&w.consent)).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    w.app.done().await;
}

#[tokio::test]
async fn a_consent_she_may_not_see_is_not_there() {
    let w = world(Backend::Sqlite).await;
    // A second family in the same regisseur's care, with its own consent to SAVE.
    let lokalis = org_id(&w.app, "lokalis").await;
    let (other, other_sam, other_kim) = w.app.jansen(&w.regie, &lokalis, None).await;
    let theirs = give_consent(
        &w.app,
        (&other, &w.regie),
        &w.save,
        (&other_sam, &other_kim),
    )
    .await;
    let mut kim = w
        .app
        .family_browser(&w.app.family_session_token(&w.kim_account).await);
    let list = kim.get(PAGE).await;
    assert!(
        !list.body.contains(&theirs),
        "only her own family's consents"
    );
    let csrf = kim.get("/mijn-gezin").await.csrf();
    let r = kim.get(&withdraw_path(&theirs)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("kunnen we niet vinden"), "{}", r.body);
    let r = kim.post(&withdraw_path(&theirs), &[("csrf", &csrf)]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    assert!(r.body.contains("kunnen we niet vinden"));
    assert!(in_force(&w.app, &other, &theirs).await);
    let r = kim
        .post(&withdraw_path("bestaat-niet"), &[("csrf", &csrf)])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Noor is 17: her own consent about herself is hers; her mother does not see it
    // (the portal rule), so for her it is not there either.
    let mut tx = w.app.store.write().await.unwrap();
    let noor = tx
        .add_member(
            &system(),
            &w.family,
            NewMember {
                kind: MemberKind::Child,
                name: "Noor Jansen".into(),
                date_of_birth: Some(today().saturating_sub(jiff::Span::new().years(17))),
                has_custody: false,
            },
            today(),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let hers = give_consent(&w.app, (&w.family, &w.regie), &w.save, (&noor, &noor)).await;
    let list = kim.get(PAGE).await;
    assert!(list.body.contains("Sam Jansen"), "{}", list.body);
    assert!(!list.body.contains("Noor Jansen") && !list.body.contains(&hers));
    let r = kim.get(&withdraw_path(&hers)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = kim.post(&withdraw_path(&hers), &[("csrf", &csrf)]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(in_force(&w.app, &w.family, &hers).await);
    w.app.done().await;
}

#[tokio::test]
async fn only_who_gave_it_withdraws_and_a_legal_basis_is_said() {
    let w = world(Backend::Sqlite).await;
    // Jan gets custody after Kim consented: he sees the consent, but did not give it.
    let mut tx = w.app.store.write().await.unwrap();
    let jan = tx
        .add_member(
            &system(),
            &w.family,
            NewMember {
                kind: MemberKind::Parent,
                name: "Jan Jansen".into(),
                date_of_birth: None,
                has_custody: true,
            },
            today(),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let jan_account = w
        .app
        .family_account(&w.regie, w.family.as_str(), &jan, "jan@thuis.example")
        .await;
    let mut jan_b = w
        .app
        .family_browser(&w.app.family_session_token(&jan_account).await);
    let list = jan_b.get(PAGE).await;
    assert_eq!(list.status, StatusCode::OK);
    let csrf = jan_b.get("/mijn-gezin").await.csrf();
    assert!(list.body.contains("SAVE Jeugdbescherming"), "{}", list.body);
    assert!(!list.body.contains(&withdraw_path(&w.consent)));
    let r = jan_b.get(&withdraw_path(&w.consent)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        r.body.contains("Alleen wie deze toestemming gaf"),
        "{}",
        r.body
    );
    let r = jan_b
        .post(&withdraw_path(&w.consent), &[("csrf", &csrf)])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(in_force(&w.app, &w.family, &w.consent).await);

    // Under a court order carried out by SAVE, SAVE's access does not rest on the
    // consent: the page says so.
    let mut tx = w.app.store.write().await.unwrap();
    tx.change_framework(
        &system(),
        &w.family,
        &FrameworkInput {
            framework: Framework::CourtOrder,
            organisation_id: Some(OrganisationId::from(w.save.as_str())),
            ground: "Beschikking ondertoezichtstelling".into(),
            effective_on: today(),
        },
        today(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let list = jan_b.get(PAGE).await;
    assert!(
        list.body.contains("jeugdbeschermingsmaatregel")
            && list.body.contains("Het gaat om: SAVE Jeugdbescherming"),
        "{}",
        list.body
    );
    assert!(
        list.body
            .contains("Ook zonder deze toestemming werkt deze organisatie verder")
            && list.body.contains("uitspraak van de kinderrechter"),
        "{}",
        list.body
    );
    w.app.done().await;
}
