//! Through the router: what each role sees first on its start page. The team lead sees
//! their own team's caseload, overdue plans and this month's handovers; the behavioural
//! scientist the reviews due in the files they may open; the privacy officer the
//! emergency accesses to review and the refused attempts; the Raad the requests to
//! take up. Each block counts, names files only where the reader may open them, writes
//! dates the Dutch way and says what an empty block means.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Account, App};
use eenplan_domain::access_log::AccessEvent;
use eenplan_domain::family::Plan;
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_domain::time::amsterdam_date;
use eenplan_domain::{FamilyId, OrganisationId, UtcTime};
use eenplan_store::{AccessEntry, LedFile, ProtectionOrderInput};
use jiff::ToSpan;
use jiff::civil::Date;

fn system() -> Actor {
    Actor::System { component: "test" }
}

fn today() -> Date {
    amsterdam_date(UtcTime::now())
}

/// "5 dec 2026"
fn dutch(d: Date) -> String {
    const M: [&str; 12] = [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    format!(
        "{} {} {}",
        d.day(),
        M[usize::from(d.month().unsigned_abs()) - 1],
        d.year()
    )
}

async fn org(app: &App, slug: &str) -> OrganisationId {
    app.store
        .read()
        .await
        .unwrap()
        .organisation_by_slug(slug)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn second_team(app: &App, organisation: &OrganisationId) -> String {
    let mut tx = app.store.write().await.unwrap();
    let team = tx
        .create_team(
            &system(),
            eenplan_store::NewTeam {
                organisation_id: organisation.clone(),
                name: "Team Zuilen".into(),
                area_id: None,
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    team.id
}

/// A file named `label` led by `by`, its plan reviewed on `review`.
async fn file(
    app: &App,
    by: &Account,
    organisation: &OrganisationId,
    label: &str,
    review: Date,
) -> FamilyId {
    let (id, _, _) = app
        .jansen_named(label, by, organisation.as_str(), None)
        .await;
    let mut tx = app.store.write().await.unwrap();
    tx.save_plan(
        &system(),
        &by.user_id,
        &id,
        0,
        &Plan {
            review_date: Some(review),
            ..Plan::default()
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

async fn start_of(app: &App, who: &Account) -> String {
    let r = app.signed_in_browser(who).await.get("/start").await;
    assert_eq!(r.status, axum::http::StatusCode::OK);
    r.body
}

#[tokio::test]
async fn a_team_lead_sees_the_own_team_s_caseload_overdue_and_handovers() {
    let app = App::new().await;
    let team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    let lokalis = org(&app, "lokalis").await;
    let zuilen = second_team(&app, &lokalis).await;
    let sanne = app
        .account_in(
            "lokalis",
            Some(&team),
            "sanne@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let ans = app
        .account_in(
            "lokalis",
            Some(&team),
            "ans@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let piet = app
        .account_in(
            "lokalis",
            Some(&zuilen),
            "piet@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let joyce = app
        .account_in(
            "lokalis",
            Some(&team),
            "joyce@lokalis.example",
            &[Role::TeamLead],
            true,
        )
        .await;
    let late = today().checked_sub(3.days()).unwrap();
    let jansen = file(&app, &sanne, &lokalis, "Gezin Jansen", late).await;
    file(&app, &piet, &lokalis, "Gezin Bakker", late).await;

    let body = start_of(&app, &joyce).await;
    assert!(body.contains("Caseload van je team"), "{body}");
    assert!(body.contains("start-caseload"));
    assert!(
        body.contains("1 dossier met een evaluatie of actie over tijd"),
        "{body}"
    );
    assert!(body.contains(&format!("href=\"/gezinnen/{jansen}/plan\">Gezin Jansen")));
    assert!(body.contains(&dutch(late)), "a Dutch date");
    assert!(!body.contains(&late.to_string()), "never an ISO date");
    assert!(!body.contains("Gezin Bakker"), "another team's file");
    assert!(body.contains("Geen overdrachten in"), "{body}");

    // Sanne hands Jansen to Ans: a handover of the team this month.
    let mut tx = app.store.write().await.unwrap();
    let led: Vec<LedFile> = tx.files_led_by(&sanne.user_id).await.unwrap();
    tx.hand_over_lead(&system(), &led, &ans.user_id, "Sanne gaat minder werken")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let body = start_of(&app, &joyce).await;
    assert!(body.contains("1 overdracht van de regie"), "{body}");
    assert!(body.contains(&format!(
        "href=\"/gezinnen/{jansen}/betrokkenen\">Gezin Jansen</a>: regie"
    )));
    assert!(body.contains(&dutch(today())));

    // Piet's team lead sees Piet's file, not Joyce's team's.
    let kees = app
        .account_in(
            "lokalis",
            Some(&zuilen),
            "kees@lokalis.example",
            &[Role::TeamLead],
            true,
        )
        .await;
    let body = start_of(&app, &kees).await;
    assert!(body.contains("Gezin Bakker"));
    assert!(!body.contains("Gezin Jansen"), "{body}");
    app.done().await;
}

#[tokio::test]
async fn a_behavioural_scientist_sees_reviews_due_in_the_files_they_may_open() {
    let app = App::new().await;
    let team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    let lokalis = org(&app, "lokalis").await;
    let bs = app
        .account_in(
            "lokalis",
            Some(&team),
            "gw@lokalis.example",
            &[Role::BehaviouralScientist],
            true,
        )
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
    let body = start_of(&app, &bs).await;
    assert!(body.contains("Geen plan hoeft de komende twee weken geëvalueerd te worden."));
    assert!(body.contains("Geen gezamenlijke beoordeling gepland"));

    let soon = today().saturating_add(10.days());
    let own = file(&app, &bs, &lokalis, "Gezin Jansen", soon).await;
    // A team colleague's file the scientist is not involved in: not theirs to open.
    file(&app, &sanne, &lokalis, "Gezin Bakker", soon).await;
    // Later than two weeks: not due yet.
    file(
        &app,
        &bs,
        &lokalis,
        "Gezin De Vries",
        today().saturating_add(20.days()),
    )
    .await;
    let body = start_of(&app, &bs).await;
    assert!(body.contains("<strong>1 plan</strong>"), "{body}");
    assert!(
        body.contains(&format!(
            "href=\"/gezinnen/{own}/plan\">Gezin Jansen</a>: evaluatie op {}",
            dutch(soon)
        )),
        "{body}"
    );
    assert!(
        !body.contains("Gezin Bakker"),
        "a file the scientist may not open"
    );
    assert!(!body.contains("Gezin De Vries"), "not due within two weeks");
    app.done().await;
}

#[tokio::test]
async fn a_privacy_officer_sees_emergencies_to_review_and_refused_attempts() {
    let app = App::new().await;
    let team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    let lokalis = org(&app, "lokalis").await;
    let po = app
        .account_in(
            "lokalis",
            None,
            "privacy@lokalis.example",
            &[Role::PrivacyOfficer],
            true,
        )
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
            Some(&team),
            "mohamed@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let body = start_of(&app, &po).await;
    assert!(body.contains("Geen noodtoegang te beoordelen"), "{body}");
    assert!(body.contains("Geen geweigerde pogingen in de laatste 30 dagen"));

    let jansen = file(&app, &sanne, &lokalis, "Gezin Jansen", today()).await;
    let mut tx = app.store.write().await.unwrap();
    tx.break_glass(
        &system(),
        &jansen,
        (&mohamed.user_id, &lokalis),
        "Politie belt: kind alleen thuis",
        false,
        UtcTime::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let line = |granted: bool| AccessEntry {
        event: AccessEvent::Read,
        granted,
        basis: None,
        user_id: mohamed.user_id.to_string(),
        organisation_id: lokalis.to_string(),
        role: "professional".into(),
        on_behalf_of: None,
        family_id: Some(jansen.to_string()),
        data: "GET /gezinnen/{family}/notities".into(),
        client_address: "127.0.0.1".into(),
    };
    app.store.log_access(line(false)).await.unwrap();
    app.store.log_access(line(true)).await.unwrap();
    let body = start_of(&app, &po).await;
    assert!(body.contains("1 nog te beoordelen"), "{body}");
    assert!(body.contains("Politie belt: kind alleen thuis"));
    assert!(body.contains("href=\"/privacy#note-"));
    assert!(body.contains("1 keer geweigerd"), "{body}");
    assert!(body.contains("de notities"), "what was tried, in words");
    assert!(
        body.contains("/privacy?geweigerd=ja&"),
        "the log filtered on refusals"
    );
    // The linked access log holds the same refused attempt, and only that.
    let log = app
        .signed_in_browser(&po)
        .await
        .get("/privacy?geweigerd=ja")
        .await;
    assert!(
        log.body.contains("1 regel<") || log.body.contains("1 regel "),
        "{}",
        log.body
    );
    let all = app.signed_in_browser(&po).await.get("/privacy").await;
    assert!(
        !all.body.contains("1 regel<") && !all.body.contains("1 regel "),
        "unfiltered: the granted line too"
    );
    // The emergency to review names the file by its label, never by its id.
    assert!(all.body.contains("Gezin Jansen"), "{}", all.body);
    assert!(!all.body.contains(&format!("({jansen})")), "{}", all.body);
    app.done().await;
}

#[tokio::test]
async fn the_raad_sees_the_requests_to_take_up_with_their_dates() {
    let app = App::new().await;
    let team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    app.organisation("rvdk", OrganisationKind::Rvdk).await;
    app.organisation("rvdk-2", OrganisationKind::Rvdk).await;
    let lokalis = org(&app, "lokalis").await;
    let raad = org(&app, "rvdk").await;
    let sanne = app
        .account_in(
            "lokalis",
            Some(&team),
            "sanne@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let lisa = app
        .account_in(
            "rvdk",
            None,
            "lisa@rvdk.example",
            &[Role::Professional],
            true,
        )
        .await;
    let other = app
        .account_in(
            "rvdk-2",
            None,
            "ali@rvdk2.example",
            &[Role::Professional],
            true,
        )
        .await;
    let body = start_of(&app, &lisa).await;
    assert!(body.contains("Geen nieuwe verzoeken: elk verzoek aan jullie is opgepakt."));

    let (jansen, sam, _) = app.jansen(&sanne, lokalis.as_str(), None).await;
    let mut tx = app.store.write().await.unwrap();
    let id = tx
        .request_protection_order(
            &system(),
            &jansen,
            (&sanne.user_id, &lokalis),
            &ProtectionOrderInput {
                rvdk_organisation_id: raad.clone(),
                children: vec![sam],
                grounds: "Geweld blijft ondanks hulp".into(),
                tried: "Buurtteam en SAVE".into(),
            },
            today(),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let body = start_of(&app, &lisa).await;
    assert!(body.contains("1 verzoek wacht op de Raad"), "{body}");
    assert!(
        body.contains(&format!(
            "href=\"/raad/{id}\">Gezin Jansen</a>: ingediend op {} door Organisatie lokalis",
            dutch(today())
        )),
        "{body}"
    );
    let body = start_of(&app, &other).await;
    assert!(!body.contains("Gezin Jansen"), "another Raad's request");
    assert!(body.contains("Geen nieuwe verzoeken"));
    app.done().await;
}

#[tokio::test]
async fn a_policy_officer_sees_the_headline_figures_of_its_areas_only_as_totals() {
    use eenplan_domain::area::AreaKind;
    let app = App::new().await;
    app.organisation("gemeente", OrganisationKind::Municipality)
        .await;
    let gemeente = org(&app, "gemeente").await;
    let officer = app
        .account_in(
            "gemeente",
            None,
            "beleid@gemeente.example",
            &[Role::PolicyOfficer],
            true,
        )
        .await;
    let body = start_of(&app, &officer).await;
    assert!(
        body.contains("Je organisatie werkt nog in geen enkel gebied"),
        "{body}"
    );

    let mut tx = app.store.write().await.unwrap();
    let province = tx
        .create_area(
            &system(),
            eenplan_store::NewArea {
                kind: AreaKind::Province,
                name: "Utrecht".into(),
                code: None,
                parent_id: None,
            },
        )
        .await
        .unwrap();
    let area = tx
        .create_area(
            &system(),
            eenplan_store::NewArea {
                kind: AreaKind::Municipality,
                name: "Utrecht".into(),
                code: None,
                parent_id: Some(province.id.clone()),
            },
        )
        .await
        .unwrap();
    tx.add_organisation_area(&system(), &gemeente, &area.id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let body = start_of(&app, &officer).await;
    assert!(body.contains("Cijfers van jullie gebieden"), "{body}");
    assert!(body.contains("Alle andere gebieden samen"));
    assert!(body.contains("Dossiers geteld"));
    assert!(body.contains("Doorlooptijd van eerste signaal tot gezamenlijk oordeel"));
    let (from, to) = eenplan_domain::start::headline_period(today());
    assert!(
        body.contains(&format!("Van {} tot en met {}", dutch(from), dutch(to))),
        "{body}"
    );
    assert!(
        !body.contains("Synthetische gegevens"),
        "not a demo database"
    );
    app.done().await;
}
