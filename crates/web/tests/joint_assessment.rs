//! The joint assessment meeting through the router: scheduling is lead work, a view
//! needs the plan and an invitation, the judgement goes into the plan; refusals name
//! their field (400/422), changes of course that are no longer possible get 409; and
//! the same through the pages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::{Account, App};
use eenplan_domain::family::{ConsentForm, ConsentStep, DataCategory, Expertise, InvolvementRole};
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_store::{ConsentInput, NewInvolvement, SessionKind};
use jiff::civil::Date;
use serde_json::{Value, json};

fn system() -> Actor {
    Actor::System { component: "test" }
}

fn today() -> Date {
    eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now())
}

fn days(n: i64) -> Date {
    today().checked_add(jiff::Span::new().days(n)).unwrap()
}

struct World {
    app: App,
    family: String,
    kim: String,
    lokalis: String,
    save: String,
    ggz: String,
    sanne: Account,
    thomas: Account,
    gina: Account,
    bas: Account,
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

/// Gezin Jansen led by Sanne (Lokalis); Thomas (SAVE) and Gina (GGZ) partners whose
/// consent opens the plan; Bas (school) has consent for who the family is, but a school
/// is no care organisation, so he is not in the circle.
async fn world() -> World {
    let app = App::new().await;
    let team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    app.organisation("ggz", OrganisationKind::CareProvider)
        .await;
    app.organisation("school", OrganisationKind::School).await;
    let pro = &[Role::Professional];
    let sanne = app
        .account_in("lokalis", Some(&team), "sanne@lokalis.example", pro, true)
        .await;
    let thomas = app.account("thomas@save.example", pro, true).await;
    let gina = app
        .account_in("ggz", None, "gina@ggz.example", pro, true)
        .await;
    let bas = app
        .account_in("school", None, "bas@school.example", pro, true)
        .await;
    let (lokalis, save, ggz, school) = (
        org(&app, "lokalis").await,
        org(&app, "save").await,
        org(&app, "ggz").await,
        org(&app, "school").await,
    );
    let (family, sam, kim) = app.jansen(&sanne, &lokalis, None).await;
    let mut tx = app.store.write().await.unwrap();
    for (step, organisation, categories, who) in [
        (
            ConsentStep::SaveGuidance,
            &save,
            &[DataCategory::Identity, DataCategory::Plan][..],
            &thomas,
        ),
        (
            ConsentStep::DataSharing,
            &ggz,
            &[DataCategory::Identity, DataCategory::Plan][..],
            &gina,
        ),
        (
            ConsentStep::DataSharing,
            &school,
            &[DataCategory::Identity][..],
            &bas,
        ),
    ] {
        tx.record_consent(
            &system(),
            &family,
            &sanne.user_id,
            &ConsentInput {
                step,
                organisation_id: Some(organisation.clone().into()),
                purpose: "Samen beoordelen wat Sam nodig heeft".into(),
                categories: categories.to_vec(),
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
        // A school is no care organisation: consent or not, its
        // staff do not join the circle as partners.
        if *organisation == school {
            continue;
        }
        tx.add_involvement(
            &system(),
            &family,
            NewInvolvement {
                role: InvolvementRole::Partner,
                organisation_id: organisation.clone(),
                user_id: who.user_id.to_string(),
                expertise: Some(Expertise::Safety),
                takes_over: None,
                reason: None,
            },
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    World {
        app,
        family: family.to_string(),
        kim,
        lokalis,
        save,
        ggz,
        sanne,
        thomas,
        gina,
        bas,
    }
}

async fn api(w: &World, who: &Account) -> Vec<(&'static str, String)> {
    let token = w.app.session_token(who, SessionKind::Api).await;
    vec![
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ]
}

fn field(r: &common::Response) -> (StatusCode, String) {
    (
        r.status,
        r.json()["invalidParams"][0]["name"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    )
}

#[tokio::test]
async fn meetings_views_and_the_judgement_through_the_api() {
    let w = world().await;
    let (sanne, thomas, gina, bas) = (
        api(&w, &w.sanne).await,
        api(&w, &w.thomas).await,
        api(&w, &w.gina).await,
        api(&w, &w.bas).await,
    );
    let base = format!("/api/v1/families/{}/joint-assessments", w.family);
    let meeting = |at: &str, invited: &[&String], takes_part: bool| {
        json!({ "kind": "protection_table", "meets_at": at, "invited": invited,
                "family_takes_part": takes_part, "family_absence_reason": "" })
        .to_string()
    };
    let now = format!("{}T09:00", today());
    // Scheduling is the lead's work: a partner with the plan open is refused.
    let r = w
        .app
        .raw(
            Method::POST,
            &base,
            &thomas,
            &meeting(&now, &[&w.lokalis, &w.save], true),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json()["type"], "/problems/lead-only");
    for (body, expected) in [
        (
            json!({ "kind": "tafel", "meets_at": now, "invited": [], "family_takes_part": true })
                .to_string(),
            "kind",
        ),
        (
            json!({ "kind": "learning_meeting", "meets_at": "morgen", "invited": [], "family_takes_part": true })
                .to_string(),
            "meets_at",
        ),
        (meeting(&now, &[&w.lokalis], true), "invited"),
        (meeting(&now, &[&w.save, &w.ggz], true), "invited"),
        (meeting(&now, &[&w.lokalis, &w.save], false), "family_absence_reason"),
        (
            meeting(
                &format!("{}T09:00", days(-1)),
                &[&w.lokalis, &w.save],
                true,
            ),
            "meets_at",
        ),
        // A mistyped year: plausible dates are the domain's rule.
        (
            meeting("2206-12-01T09:00", &[&w.lokalis, &w.save], true),
            "meets_at",
        ),
    ] {
        let r = w.app.raw(Method::POST, &base, &sanne, &body).await;
        assert_eq!(field(&r), (StatusCode::BAD_REQUEST, expected.to_owned()), "{body}");
    }
    let listed = w.app.raw(Method::GET, &base, &sanne, "").await.json();
    assert_eq!(
        listed["meetings"].as_array().map(Vec::len),
        Some(0),
        "nothing stored"
    );
    let r = w
        .app
        .raw(
            Method::POST,
            &base,
            &sanne,
            &meeting(&now, &[&w.lokalis, &w.save], true),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let later = w
        .app
        .raw(
            Method::POST,
            &base,
            &sanne,
            &meeting(&format!("{}T14:30", days(7)), &[&w.lokalis, &w.save], true),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Views: the plan must be open to the visitor's organisation, and it must be invited.
    let views = format!("{base}/{id}/views");
    // Bas (school) is outside the circle: no care role joins it.
    let r = w.app.raw(Method::GET, &base, &bas, "").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let view = |needs: &str| {
        json!({ "worries": "Harde ruzies waar Sam bij is", "strengths": "Oma", "needs": needs })
            .to_string()
    };
    let r = w
        .app
        .raw(Method::PUT, &views, &bas, &view("Een noodadres"))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = w
        .app
        .raw(Method::PUT, &views, &gina, &view("Een noodadres"))
        .await;
    assert_eq!(
        (r.status, r.json()["type"].as_str()),
        (StatusCode::FORBIDDEN, Some("/problems/not-invited"))
    );
    let r = w
        .app
        .raw(
            Method::PUT,
            &views,
            &thomas,
            &json!({ "worries": " ", "needs": "x" }).to_string(),
        )
        .await;
    assert_eq!(field(&r), (StatusCode::BAD_REQUEST, "worries".to_owned()));
    for (who, needs, version) in [
        (&thomas, "Een ondertoezichtstelling", 1),
        (&thomas, "Eerst een veiligheidsplan, anders een OTS", 2),
        (&sanne, "Een vast noodadres bij oma", 1),
    ] {
        let r = w.app.raw(Method::PUT, &views, who, &view(needs)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["version"], version);
    }
    let r = w
        .app
        .raw(
            Method::PUT,
            &format!("{base}/geen/views"),
            &thomas,
            &view("x"),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Gina's organisation is not invited, but the plan is open to it: she reads along.
    let listed = w.app.raw(Method::GET, &base, &gina, "").await.json();
    let first = &listed["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(first["state"], "scheduled");
    assert_eq!(first["invited"].as_array().unwrap().len(), 2);
    assert_eq!(first["views"].as_array().unwrap().len(), 2);

    // The judgement: lead work, on or after the day, with owned actions.
    let judgement = format!("{base}/{id}/judgement");
    let action = |owner: String, domain: &str| {
        json!({ "domain": domain, "what": "Veiligheidsplan met oma als noodadres", "owner": owner,
                "due_on": days(14).to_string() })
    };
    let body = |differences: &str, actions: Vec<Value>| {
        json!({ "needs": "Sam heeft rust en een vast noodadres nodig", "differences": differences,
                "actions": actions })
        .to_string()
    };
    let kim = format!("member:{}", w.kim);
    let good = body(
        "SAVE zag een OTS; samen gekozen voor eerst een veiligheidsplan",
        vec![
            action(kim.clone(), "safety"),
            action(format!("organisation:{}", w.save), "safety"),
        ],
    );
    assert_eq!(
        w.app
            .raw(Method::POST, &judgement, &thomas, &good)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    for (b, expected) in [
        (body("verschil", vec![]), "actions"),
        (body("", vec![action(kim.clone(), "safety")]), "differences"),
        (
            body("verschil", vec![action("member:iemand".into(), "safety")]),
            "actions[0].owner",
        ),
        (
            body("verschil", vec![action("kim".into(), "safety")]),
            "actions[0].owner",
        ),
        (
            body("verschil", vec![action(kim.clone(), "veiligheid")]),
            "actions[0].domain",
        ),
        (
            body(
                "verschil",
                vec![
                    action(kim.clone(), "safety"),
                    json!({ "domain": "safety", "what": "x", "owner": kim, "due_on": days(-1).to_string() }),
                ],
            ),
            "actions[1].due_on",
        ),
        (
            body(
                "verschil",
                vec![
                    action(kim.clone(), "safety"),
                    json!({ "domain": "safety", "what": "x", "owner": kim, "due_on": "2206-12-01" }),
                ],
            ),
            "actions[1].due_on",
        ),
    ] {
        let r = w.app.raw(Method::POST, &judgement, &sanne, &b).await;
        assert_eq!(
            field(&r),
            (StatusCode::BAD_REQUEST, expected.to_owned()),
            "{b}"
        );
    }
    let r = w
        .app
        .raw(
            Method::POST,
            &format!("{base}/{later}/judgement"),
            &sanne,
            &good,
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "not before the meeting's day"
    );
    let r = w.app.raw(Method::POST, &judgement, &sanne, &good).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["plan_version"], 1);
    let plan = w
        .app
        .raw(
            Method::GET,
            &format!("/api/v1/families/{}/plan", w.family),
            &thomas,
            "",
        )
        .await
        .json();
    let actions = plan["plan"]["domains"][0]["actions"].as_array().unwrap();
    assert_eq!(plan["plan"]["domains"][0]["domain"], "safety");
    assert_eq!(
        actions
            .iter()
            .map(|a| a["who"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["Kim Jansen", "SAVE Jeugdbescherming"]
    );
    // Held: the judgement stands.
    for (method, path, b) in [
        (Method::POST, judgement.clone(), good.clone()),
        (Method::PUT, views.clone(), view("Nog iets")),
        (
            Method::POST,
            format!("{base}/{id}/cancel"),
            json!({ "reason": "Toch niet" }).to_string(),
        ),
    ] {
        let r = w.app.raw(method, &path, &sanne, &b).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{path}");
    }
    let listed = w.app.raw(Method::GET, &base, &thomas, "").await.json();
    let held = listed["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(held["state"], "held");
    assert_eq!(held["judgement"]["actions"][0]["owner_label"], "Kim Jansen");
    assert_eq!(held["judgement"]["plan_version"], 1);

    // Cancelling the later meeting: lead work, with a reason, once.
    let cancel = format!("{base}/{later}/cancel");
    let reason = json!({ "reason": "Vader opgenomen; nieuwe datum volgt" }).to_string();
    assert_eq!(
        w.app
            .raw(Method::POST, &cancel, &thomas, &reason)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = w.app.raw(Method::POST, &cancel, &sanne, "{}").await;
    assert_eq!(field(&r), (StatusCode::BAD_REQUEST, "reason".to_owned()));
    assert_eq!(
        w.app
            .raw(Method::POST, &cancel, &sanne, &reason)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        w.app
            .raw(Method::POST, &cancel, &sanne, &reason)
            .await
            .status,
        StatusCode::CONFLICT
    );
    w.app.done().await;
}

#[tokio::test]
async fn meetings_through_the_pages() {
    let w = world().await;
    let mut sanne = w.app.signed_in_browser(&w.sanne).await;
    let mut thomas = w.app.signed_in_browser(&w.thomas).await;
    let file = sanne.get(&format!("/gezinnen/{}", w.family)).await;
    assert!(
        file.body
            .contains(&format!("href=\"/gezinnen/{}/beoordeling\"", w.family)),
        "the family page links the meetings"
    );
    let list_path = format!("/gezinnen/{}/beoordeling", w.family);
    let page = sanne.get(&list_path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("action=\"{list_path}\"")));
    let csrf = page.csrf();
    // A partner sees the meetings but not the scheduling form, and cannot post it.
    let partner = thomas.get(&list_path).await;
    assert_eq!(partner.status, StatusCode::OK);
    assert!(!partner.body.contains(&format!("action=\"{list_path}\"")));
    let thomas_csrf = partner.csrf();
    assert_eq!(
        thomas
            .post(
                &list_path,
                &[("csrf", &thomas_csrf), ("kind", "learning_meeting")]
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let today = today().to_string();
    let r = sanne
        .post(
            &list_path,
            &[
                ("csrf", &csrf),
                ("kind", "learning_meeting"),
                ("date", &today),
                ("time", "9 uur"),
                ("invited", &w.lokalis),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"time-error\""));
    let r = sanne
        .post(
            &list_path,
            &[
                ("csrf", &csrf),
                ("kind", "learning_meeting"),
                ("date", &today),
                ("time", "09:00"),
                ("invited", &w.lokalis),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"invited-error\""),
        "one organisation is no joint meeting"
    );
    let r = sanne
        .post(
            &list_path,
            &[
                ("csrf", &csrf),
                ("kind", "learning_meeting"),
                ("date", &today),
                ("time", "09:00"),
                ("invited", &w.lokalis),
                ("invited", &w.save),
                ("family_takes_part", "ja"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let meeting = r.location().to_owned();
    assert!(meeting.starts_with(&format!("{list_path}/")));

    // Thomas writes SAVE's view; it shows in SAVE's column.
    let page = thomas.get(&meeting).await;
    assert!(page.body.contains(&format!("action=\"{meeting}/visie\"")));
    assert!(
        !page.body.contains(&format!("action=\"{meeting}/oordeel\"")),
        "the judgement is the lead's"
    );
    let r = thomas
        .post(
            &format!("{meeting}/visie"),
            &[("csrf", &thomas_csrf), ("worries", ""), ("needs", "OTS")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"worries-error\""));
    let r = thomas
        .post(
            &format!("{meeting}/visie"),
            &[
                ("csrf", &thomas_csrf),
                ("worries", "Geweld in het gezin"),
                ("strengths", "Oma is betrokken"),
                ("needs", "Een ondertoezichtstelling"),
            ],
        )
        .await;
    assert_eq!(r.location(), meeting);
    let page = sanne.get(&meeting).await;
    assert!(page.body.contains("Een ondertoezichtstelling"));
    assert!(
        page.body.contains("Nog geen visie vastgelegd."),
        "Lokalis has none yet"
    );

    // The judgement: errors at their fields, then into the plan.
    let r = sanne
        .post(
            &format!("{meeting}/oordeel"),
            &[
                ("csrf", &csrf),
                ("judgement_needs", "Rust en een noodadres"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Leg minstens één actie vast"));
    let kim = format!("member:{}", w.kim);
    let due = days(14).to_string();
    let r = sanne
        .post(
            &format!("{meeting}/oordeel"),
            &[
                ("csrf", &csrf),
                ("judgement_needs", "Rust en een noodadres"),
                ("what_2", "Noodadres afspreken met oma"),
                ("domain_2", "safety"),
                ("due_2", &due),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"owner_2-error\""),
        "the row it belongs to"
    );
    let r = sanne
        .post(
            &format!("{meeting}/oordeel"),
            &[
                ("csrf", &csrf),
                ("judgement_needs", "Rust en een noodadres"),
                ("what_2", "Noodadres afspreken met oma"),
                ("owner_2", &kim),
                ("domain_2", "safety"),
                ("due_2", &due),
            ],
        )
        .await;
    assert_eq!(r.location(), meeting, "{}", r.body);
    let page = sanne.get(&meeting).await;
    assert!(
        page.body
            .contains("Gehouden, gezamenlijk oordeel vastgelegd")
    );
    assert!(
        page.body
            .contains(&format!("href=\"/gezinnen/{}/plan\"", w.family))
    );
    assert!(!page.body.contains(&format!("action=\"{meeting}/oordeel\"")));
    // Thomas still had the page open and sends a better view after the meeting was held:
    // 409, the page says so and shows what he typed.
    let typed = "Na het gesprek: oma kan het noodadres zijn";
    let r = thomas
        .post(
            &format!("{meeting}/visie"),
            &[
                ("csrf", &thomas_csrf),
                ("worries", "Geweld in het gezin"),
                ("strengths", typed),
                ("needs", "Een ondertoezichtstelling"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains(typed), "{}", r.body);
    assert!(r.body.contains("class=\"kept-input\""));
    let plan = sanne.get(&format!("/gezinnen/{}/plan", w.family)).await;
    assert!(plan.body.contains("Noodadres afspreken met oma"));
    let timeline = sanne.get(&format!("/gezinnen/{}/tijdlijn", w.family)).await;
    assert!(
        timeline
            .body
            .contains("legde het gezamenlijk oordeel vast: 1 actie in het plan (versie 1)"),
        "{}",
        timeline.body
    );
    w.app.done().await;
}

#[tokio::test]
async fn a_refused_meeting_comes_back_as_typed() {
    let w = world().await;
    let mut sanne = w.app.signed_in_browser(&w.sanne).await;
    let path = format!("/gezinnen/{}/beoordeling", w.family);
    let csrf = sanne.get(&path).await.csrf();
    let date = days(7).to_string();
    let absence = "Kim werkt overdag;\nzij belt na afloop.";
    // The family not at the table, only two of the three organisations invited, and
    // a time that is not one: refused at the time, every choice kept as it was made.
    let r = sanne
        .post(
            &path,
            &[
                ("csrf", csrf.as_str()),
                ("kind", "learning_meeting"),
                ("date", date.as_str()),
                ("time", "half tien"),
                ("invited", w.lokalis.as_str()),
                ("invited", w.save.as_str()),
                ("family_absence_reason", absence),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "time").is_some());
    assert_eq!(
        common::selected_option(&r.body, "kind").as_deref(),
        Some("learning_meeting")
    );
    assert_eq!(
        common::control_value(&r.body, "date").as_deref(),
        Some(date.as_str())
    );
    assert_eq!(
        common::control_value(&r.body, "time").as_deref(),
        Some("half tien")
    );
    assert!(common::is_checked(
        &r.body,
        &format!("invited-{}", w.lokalis)
    ));
    assert!(common::is_checked(&r.body, &format!("invited-{}", w.save)));
    assert!(
        !common::is_checked(&r.body, &format!("invited-{}", w.ggz)),
        "an organisation left out stays left out"
    );
    assert!(!common::is_checked(&r.body, "family_takes_part-ja"));
    assert_eq!(
        common::control_value(&r.body, "family_absence_reason").as_deref(),
        Some(absence)
    );
    // A mistyped year: refused at the date by the domain, everything typed kept.
    let r = sanne
        .post(
            &path,
            &[
                ("csrf", csrf.as_str()),
                ("kind", "learning_meeting"),
                ("date", "2206-12-01"),
                ("time", "09:30"),
                ("invited", w.lokalis.as_str()),
                ("invited", w.save.as_str()),
                ("family_absence_reason", absence),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        common::field_error(&r.body, "date").as_deref(),
        Some("Deze datum kan niet kloppen; controleer het jaar.")
    );
    assert_eq!(
        common::control_value(&r.body, "date").as_deref(),
        Some("2206-12-01")
    );
    assert_eq!(
        common::control_value(&r.body, "time").as_deref(),
        Some("09:30")
    );
    assert_eq!(
        common::control_value(&r.body, "family_absence_reason").as_deref(),
        Some(absence)
    );
}
