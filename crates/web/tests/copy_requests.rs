//! Issue 17 §2 through the pages: a family member asks for a full copy of the file
//! (AVG art. 15); the request lands with the privacy officer of the file's lead
//! organisation with its term (one month, across a month end, hand-computed), the
//! extension moves it, the export holds the working notes, the hand-over is recorded
//! and the member sees where their request stands. And the lead records and decides a
//! parent's information request (BW 1:377c): only the lead, a refusal needs its ground.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{App, Backend, control_value, field_error};
use eenplan_domain::FamilyId;
use eenplan_domain::family::{
    ConsentForm, ConsentStep, DataCategory, Expertise, Interaction, InvolvementRole, MemberKind,
    NewMember,
};
use eenplan_domain::journal::Actor;
use eenplan_domain::role::Role;
use eenplan_store::{AccessFilter, ConsentInput, FamilyPrincipal, NewInvolvement, NoteContent};
use jiff::civil::date;

fn today() -> jiff::civil::Date {
    eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now())
}

async fn a_copy_request_lands_with_the_privacy_officer_and_the_family_sees_it(backend: Backend) {
    let app = App::on(backend).await;
    let (regie, lokalis) = app.lokalis_regisseur().await;
    let privacy = app
        .account_in(
            "lokalis",
            None,
            "privacy@lokalis.example",
            &[Role::PrivacyOfficer],
            true,
        )
        .await;
    // Another organisation's privacy officer does not see the request.
    let elsewhere = app
        .account("privacy@save.example", &[Role::PrivacyOfficer], true)
        .await;
    let (family, _sam, kim) = app.jansen(&regie, &lokalis, None).await;
    let account = app
        .family_account(&regie, family.as_str(), &kim, "kim@thuis.example")
        .await;
    {
        let mut tx = app.store.write().await.unwrap();
        tx.write_note(
            &Actor::System { component: "test" },
            &family,
            &regie.user_id,
            NoteContent {
                interaction: Interaction::HomeVisit,
                happened_on: today(),
                text: "Werkaantekening: Kim leek moe tijdens het huisbezoek.".into(),
            },
        )
        .await
        .unwrap();
        // A request received on 31 October 2026: its month ends on 30 November.
        let kim_p = FamilyPrincipal {
            account_id: account.clone(),
            family_id: family.to_string(),
            member_id: kim.clone(),
            name: "Kim Jansen".into(),
        };
        tx.request_copy(&kim_p, "", date(2026, 10, 31), today())
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }

    // Kim asks on the portal, with a note.
    let token = app.family_session_token(&account).await;
    let mut kim_b = app.family_browser(&token);
    let home = kim_b.get("/mijn-gezin").await;
    assert!(
        home.body.contains("href=\"/mijn-gezin/kopie\""),
        "{}",
        home.body
    );
    let page = kim_b.get("/mijn-gezin/kopie").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Kopie aanvragen"));
    let r = kim_b
        .post(
            "/mijn-gezin/kopie",
            &[("csrf", &page.csrf()), ("note", "Graag op papier.")],
        )
        .await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, "/mijn-gezin/kopie?klaar=1")
    );
    let page = kim_b.get("/mijn-gezin/kopie?klaar=1").await;
    assert!(page.body.contains("Je aanvraag is verstuurd."));
    assert!(
        page.body.contains("uiterlijk op 30 november 2026"),
        "{}",
        page.body
    );

    // The privacy officer's list: the request with its hand-computed term.
    let mut officer = app.signed_in_browser(&privacy).await;
    let list = officer.get("/privacy/kopieverzoeken").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.body.contains("Gezin Jansen") && list.body.contains("Kim Jansen"));
    assert!(list.body.contains("31 oktober 2026"), "{}", list.body);
    assert!(list.body.contains("30 november 2026"), "{}", list.body);
    let mut other = app.signed_in_browser(&elsewhere).await;
    assert!(
        !other
            .get("/privacy/kopieverzoeken")
            .await
            .body
            .contains("Gezin Jansen")
    );
    // The October request is the oldest: first in the list.
    let at = list.body.find("/privacy/kopieverzoeken/").unwrap() + "/privacy/kopieverzoeken/".len();
    let id = list.body[at..at + list.body[at..].find('"').unwrap()].to_owned();
    let show = format!("/privacy/kopieverzoeken/{id}");
    assert_eq!(other.get(&show).await.status, StatusCode::NOT_FOUND);
    let r = officer.get(&show).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The start page shows the term too.
    let start = officer.get("/start").await;
    assert!(
        start
            .body
            .contains("Verzoeken om een kopie van het dossier")
    );
    assert!(
        start.body.contains("uiterlijk 30 november 2026"),
        "{}",
        start.body
    );

    // An extension without a reason, or told after the first month: at the field.
    let extend = format!("{show}/verlengen");
    let bad = officer
        .post(
            &extend,
            &[
                ("csrf", &r.csrf()),
                ("told_on", "2026-11-20"),
                ("reason", " "),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(field_error(&bad.body, "reason").is_some(), "{}", bad.body);
    assert_eq!(
        control_value(&bad.body, "told_on").as_deref(),
        Some("2026-11-20")
    );
    let late = officer
        .post(
            &extend,
            &[
                ("csrf", &r.csrf()),
                ("told_on", "2026-12-01"),
                ("reason", "Vier organisaties leveren stukken aan."),
            ],
        )
        .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&late.body, "told_on")
            .unwrap()
            .contains("eerste maand"),
        "{}",
        late.body
    );
    assert!(late.body.contains("Vier organisaties leveren stukken aan."));
    let ok = officer
        .post(
            &extend,
            &[
                ("csrf", &r.csrf()),
                ("told_on", "2026-11-20"),
                ("reason", "Vier organisaties leveren stukken aan."),
            ],
        )
        .await;
    assert_eq!(
        (ok.status, ok.location()),
        (StatusCode::SEE_OTHER, show.as_str())
    );
    // Three months from 31 October: 31 January 2027 is a Sunday, so Monday 1 February.
    let list = officer.get("/privacy/kopieverzoeken").await;
    assert!(list.body.contains("1 februari 2027"), "{}", list.body);
    assert!(!list.body.contains("30 november 2026"), "{}", list.body);

    // The export: the whole file, working notes included, and logged.
    let export = officer.get(&format!("{show}/dossier.json")).await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(
        export
            .body
            .contains("Werkaantekening: Kim leek moe tijdens het huisbezoek."),
        "{}",
        export.body
    );
    let whole = export.json();
    assert_eq!(whole["file"]["label"], "Gezin Jansen");
    assert_eq!(whole["working_notes"].as_array().unwrap().len(), 1);
    let logged = app
        .store
        .read()
        .await
        .unwrap()
        .access_log(&AccessFilter {
            family_id: family.to_string(),
            limit: 100,
            ..AccessFilter::default()
        })
        .await
        .unwrap();
    assert!(logged.iter().any(|l| l.data.contains("dossier.json")));

    // Handed over today: the family sees it.
    let r = officer.get(&show).await;
    let done = officer
        .post(
            &format!("{show}/overhandigd"),
            &[
                ("csrf", &r.csrf()),
                ("handed_over_on", &today().to_string()),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = kim_b.get("/mijn-gezin/kopie").await;
    assert!(
        page.body.contains("De kopie is aan je gegeven op"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Vier organisaties leveren stukken aan."));

    let journal = app
        .store
        .read()
        .await
        .unwrap()
        .journal_page(0, 500)
        .await
        .unwrap();
    let kinds: Vec<&str> = journal.iter().map(|e| e.kind.as_str()).collect();
    for kind in ["copy_requested", "copy_extended", "copy_handed_over"] {
        assert!(kinds.contains(&kind), "{kind}");
    }
    assert!(
        journal
            .iter()
            .all(|e| !e.payload.contains("Vier organisaties"))
    );
    app.done().await;
}

async fn a_parent_without_custody_asks_the_lead_for_information(backend: Backend) {
    let app = App::on(backend).await;
    let (regie, lokalis) = app.lokalis_regisseur().await;
    // A partner in the file (SAVE), not its lead.
    let outsider = app
        .account("partner@save.example", &[Role::Professional], true)
        .await;
    let (family, sam, kim) = app.jansen(&regie, &lokalis, None).await;
    let piet = {
        let mut tx = app.store.write().await.unwrap();
        let id = tx
            .add_member(
                &Actor::System { component: "test" },
                &family,
                NewMember {
                    kind: MemberKind::Parent,
                    name: "Piet Jansen".into(),
                    date_of_birth: None,
                    has_custody: false,
                },
                today(),
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id
    };
    {
        let save = app
            .store
            .read()
            .await
            .unwrap()
            .organisation_by_slug("save")
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        let mut tx = app.store.write().await.unwrap();
        // Kim's consent lets SAVE join and see who the family is.
        tx.record_consent(
            &Actor::System { component: "test" },
            &family,
            &regie.user_id,
            &ConsentInput {
                step: ConsentStep::SaveGuidance,
                organisation_id: Some(save.clone().into()),
                purpose: "Samenwerken rond de veiligheid van Sam".into(),
                categories: vec![DataCategory::Identity],
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
            &Actor::System { component: "test" },
            &family,
            NewInvolvement {
                role: InvolvementRole::Partner,
                organisation_id: save,
                user_id: outsider.user_id.to_string(),
                expertise: Some(Expertise::Safety),
                takes_over: None,
                reason: None,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    let page = format!("/gezinnen/{family}/informatieverzoeken");
    let today = today().to_string();

    // Not the lead: the form is shut, nothing recorded.
    let mut out = app.signed_in_browser(&outsider).await;
    let csrf = out.get("/start").await.csrf();
    let r = out
        .post(
            &page,
            &[
                ("csrf", &csrf),
                ("asker", &piet),
                ("child", &sam),
                ("asked_on", &today),
                ("question", "Hoe gaat het op school?"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(out.get(&page).await.status, StatusCode::FORBIDDEN);
    assert!(stored(&app, &family).await.is_empty());

    let mut pro = app.signed_in_browser(&regie).await;
    let r = pro.get(&page).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body
            .contains(&format!("href=\"{page}\" aria-current=\"page\"")),
        "the sub-navigation marks its part: {}",
        r.body
    );
    // Kim holds custody: she has her own door, not this request.
    let bad = pro
        .post(
            &page,
            &[
                ("csrf", &r.csrf()),
                ("asker", &kim),
                ("child", &sam),
                ("asked_on", &today),
                ("question", "Hoe gaat het op school?"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&bad.body, "asker").unwrap().contains("gezag"));
    assert!(bad.body.contains("Hoe gaat het op school?"));
    let ok = pro
        .post(
            &page,
            &[
                ("csrf", &r.csrf()),
                ("asker", &piet),
                ("child", &sam),
                ("asked_on", &today),
                ("question", "Hoe gaat het op school?"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let id = stored(&app, &family).await[0].id.clone();

    // A refusal without a ground: the message at the ground, the reason kept.
    let decide = format!("{page}/{id}/besluit");
    let reason = "Sam wil niet dat zijn vader weet op welke school hij zit.";
    let r = pro.get(&page).await;
    let bad = pro
        .post(
            &decide,
            &[
                ("csrf", &r.csrf()),
                ("decision", "refuse"),
                ("ground", ""),
                ("reason", reason),
                ("decided_on", &today),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(
        field_error(&bad.body, "ground").as_deref(),
        Some("Kies de grond voor de weigering.")
    );
    assert_eq!(
        control_value(&bad.body, &format!("reason-{id}")).as_deref(),
        Some(reason)
    );
    // A reason too short to follow: at the reason.
    let short = pro
        .post(
            &decide,
            &[
                ("csrf", &r.csrf()),
                ("decision", "refuse"),
                ("ground", "childs_interest"),
                ("reason", "nee"),
                ("decided_on", &today),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&short.body, &format!("reason-{id}")).is_some());
    assert!(stored(&app, &family).await[0].decided.is_none());
    let done = pro
        .post(
            &decide,
            &[
                ("csrf", &r.csrf()),
                ("decision", "refuse"),
                ("ground", "childs_interest"),
                ("reason", reason),
                ("decided_on", &today),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let r = pro.get(&page).await;
    assert!(r.body.contains("Geweigerd op"), "{}", r.body);
    assert!(
        r.body
            .contains("Het belang van het kind verzet zich ertegen")
    );
    app.done().await;
}

async fn stored(app: &App, family: &FamilyId) -> Vec<eenplan_store::RecordedInformationRequest> {
    app.store
        .read()
        .await
        .unwrap()
        .information_requests(family)
        .await
        .unwrap()
}

on_both_backends!(
    a_copy_request_lands_with_the_privacy_officer_and_the_family_sees_it,
    a_parent_without_custody_asks_the_lead_for_information,
);
