//! Through the router: an administrator acts for their own
//! organisation only, deactivation stops every session and API token at once and offers
//! a hand-over of each file the person leads, files left without a regisseur reach the
//! team lead, an account someone else set up enrols only with the one-time code and
//! then chooses its own password, and a privacy officer sees their own organisation's
//! part of the access log and emergency accesses.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::{App, PASSWORD, current_code};
use eenplan_domain::OrganisationId;
use eenplan_domain::access_log::{AccessBasis, AccessEvent};
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_store::{AccessEntry, SessionKind};

fn system() -> Actor {
    Actor::System { component: "test" }
}

async fn org_id(app: &App, slug: &str) -> String {
    app.store
        .read()
        .await
        .unwrap()
        .organisation_by_slug(slug)
        .await
        .unwrap()
        .unwrap()
        .id
        .into_string()
}

async fn api_get(app: &App, token: &str, path: &str) -> common::Response {
    app.raw(
        Method::GET,
        path,
        &[("authorization", format!("Bearer {token}"))],
        "",
    )
    .await
}

#[tokio::test]
async fn an_account_set_up_by_an_admin_enrols_with_the_code_and_chooses_its_own_password() {
    let app = App::new().await;
    let admin = app
        .account("beheer@save.example", &[Role::FunctionalAdmin], true)
        .await;
    let mut b = app.signed_in_browser(&admin).await;
    let csrf = b.get("/beheer/gebruikers").await.csrf();
    let temporary = "tijdelijk wachtwoord van de beheerder";
    let r = b
        .post(
            "/beheer/gebruikers",
            &[
                ("csrf", &csrf),
                ("email", "lotte@save.example"),
                ("name", "Lotte de Wit"),
                ("roles", "professional"),
                ("password", temporary),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let code = common::enrolment_code_on(&r.body).expect("the code, shown once");
    assert!(r.body.contains("Geldig tot"));
    assert!(
        !b.get("/beheer/gebruikers").await.body.contains(&code),
        "shown only on the answer that issued it"
    );

    // Password, then the enrolment code, then the authenticator.
    let mut lotte = app.browser();
    let r = lotte.password("lotte@save.example", temporary).await;
    assert_eq!(r.location(), "/aanmelden/koppelen");
    let r = lotte.enrolment_code(&code).await;
    assert_eq!(r.location(), "/aanmelden/koppelen");
    let page = lotte.get("/aanmelden/koppelen").await;
    let secret = common::secret_on(&page.body).expect("the secret as text");
    let r = lotte
        .code("/aanmelden/koppelen", &current_code(&secret))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Every page leads to choosing one's own password; the API refuses, saying so.
    for page in ["/start", "/gezinnen", "/gezinnen/nieuw"] {
        assert_eq!(
            lotte.get(page).await.location(),
            "/aanmelden/wachtwoord",
            "{page}"
        );
    }
    let lotte_id = app
        .store
        .read()
        .await
        .unwrap()
        .user_by_email(&eenplan_domain::user::Email::parse("lotte@save.example").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let account = common::Account {
        email: "lotte@save.example".into(),
        secret: secret.clone(),
        user_id: lotte_id,
    };
    let token = app.session_token(&account, SessionKind::Api).await;
    let r = api_get(&app, &token, "/api/v1/me").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json()["type"], "/problems/password-change-required");
    let page = lotte.get("/aanmelden/wachtwoord").await;
    assert!(page.body.contains("Kies je eigen wachtwoord"));
    let csrf = page.csrf();

    // Refusals at their field; the passwords never come back.
    let r = lotte
        .post(
            "/aanmelden/wachtwoord",
            &[
                ("csrf", &csrf),
                ("password", "mijn eigen lange zin"),
                ("repeat", "mijn eigen lange zim"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "repeat").is_some());
    assert!(!r.body.contains("mijn eigen lange"));
    let r = lotte
        .post(
            "/aanmelden/wachtwoord",
            &[
                ("csrf", &csrf),
                ("password", temporary),
                ("repeat", temporary),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "password").is_some());
    let r = lotte
        .post(
            "/aanmelden/wachtwoord",
            &[
                ("csrf", &csrf),
                ("password", "mijn eigen lange zin"),
                ("repeat", "mijn eigen lange zin"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/start");
    assert_eq!(lotte.get("/start").await.status, StatusCode::OK);
    // The API token from before the change ended with it; a new one works.
    assert_eq!(
        api_get(&app, &token, "/api/v1/me").await.status,
        StatusCode::UNAUTHORIZED
    );
    let token = app.session_token(&account, SessionKind::Api).await;
    assert_eq!(
        api_get(&app, &token, "/api/v1/me").await.status,
        StatusCode::OK
    );
    // The temporary password no longer signs in.
    assert!(
        app.browser()
            .password("lotte@save.example", temporary)
            .await
            .body
            .contains("klopt niet")
    );
    let entries = app
        .store
        .read()
        .await
        .unwrap()
        .journal_page(0, 1000)
        .await
        .unwrap();
    let kinds: Vec<&str> = entries.iter().map(|e| e.kind.as_str()).collect();
    for kind in [
        "password_change_required",
        "enrolment_code_issued",
        "second_factor_enrolled",
        "password_changed",
    ] {
        assert!(kinds.contains(&kind), "{kind}: {kinds:?}");
    }
    assert!(
        !entries.iter().any(|e| e.payload.contains(&code)),
        "the code is never journaled"
    );
    app.done().await;
}

#[tokio::test]
async fn the_api_session_refuses_a_password_someone_else_chose() {
    let app = App::new().await;
    let account = app
        .account("tijdelijk@save.example", &[Role::Professional], true)
        .await;
    let mut tx = app.store.write().await.unwrap();
    tx.require_password_change(&system(), &account.user_id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let body = serde_json::json!({"email": account.email, "password": PASSWORD, "totp": current_code(&account.secret)}).to_string();
    let r = app
        .raw(
            Method::POST,
            "/api/v1/session",
            &[("content-type", "application/json".into())],
            &body,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json()["type"], "/problems/password-change-required");
    app.done().await;
}

#[tokio::test]
async fn deactivation_stops_every_session_and_api_token_at_the_next_request() {
    let app = App::new().await;
    let admin = app
        .account("beheer@save.example", &[Role::FunctionalAdmin], true)
        .await;
    let gone = app
        .account("weg@save.example", &[Role::Professional], true)
        .await;
    let mut page = app.signed_in_browser(&gone).await;
    let token = app.session_token(&gone, SessionKind::Api).await;
    assert_eq!(page.get("/start").await.status, StatusCode::OK);
    assert_eq!(
        api_get(&app, &token, "/api/v1/me").await.status,
        StatusCode::OK
    );
    let mut b = app.signed_in_browser(&admin).await;
    let confirm = b
        .get(&format!("/beheer/gebruikers/{}/deactiveren", gone.user_id))
        .await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(confirm.body.contains("van geen enkel dossier regisseur"));
    let r = b
        .post(
            &format!("/beheer/gebruikers/{}/deactiveren", gone.user_id),
            &[("csrf", &confirm.csrf()), ("bevestigd", "ja")],
        )
        .await;
    assert_eq!(r.location(), "/beheer/gebruikers?opgeslagen=1");
    assert_eq!(page.get("/start").await.location(), "/aanmelden");
    assert_eq!(
        api_get(&app, &token, "/api/v1/me").await.status,
        StatusCode::UNAUTHORIZED
    );
    app.done().await;
}

#[tokio::test]
async fn an_admin_acts_for_their_own_organisation_only() {
    let app = App::new().await;
    app.organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    let admin = app
        .account("beheer@save.example", &[Role::FunctionalAdmin], true)
        .await;
    let theirs = app
        .account_in(
            "lokalis",
            None,
            "sanne@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let mut b = app.signed_in_browser(&admin).await;
    let list = b.get("/beheer/gebruikers").await;
    assert!(!list.body.contains("sanne@lokalis.example"));
    assert!(!list.body.contains("Organisatie lokalis"));
    let csrf = list.csrf();
    for (method, path) in [
        (Method::GET, "deactiveren"),
        (Method::POST, "deactiveren"),
        (Method::POST, "tweede-factor"),
        (Method::POST, "overdragen"),
    ] {
        let url = format!("/beheer/gebruikers/{}/{path}", theirs.user_id);
        let r = if method == Method::GET {
            b.get(&url).await
        } else {
            b.post(&url, &[("csrf", &csrf)]).await
        };
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{method} {path}");
    }
    assert!(
        app.store
            .read()
            .await
            .unwrap()
            .principal(&theirs.user_id)
            .await
            .unwrap()
            .unwrap()
            .active,
        "untouched"
    );
    // A form naming another organisation still creates in one's own; the region's role
    // is not for an organisation's administrator to give.
    let lokalis = org_id(&app, "lokalis").await;
    let r = b
        .post(
            "/beheer/gebruikers",
            &[
                ("csrf", &csrf),
                ("email", "keten@save.example"),
                ("name", "Kees Keten"),
                ("organisation_id", &lokalis),
                ("roles", "chain_admin"),
                ("password", "een lang genoeg wachtwoord"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "roles").is_some());
    assert!(!r.body.contains("id=\"roles-chain_admin\""));
    let r = b
        .post(
            "/beheer/gebruikers",
            &[
                ("csrf", &csrf),
                ("email", "nieuw@save.example"),
                ("name", "Nieuwe Collega"),
                ("organisation_id", &lokalis),
                ("roles", "professional"),
                ("password", "een lang genoeg wachtwoord"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let created = app
        .store
        .read()
        .await
        .unwrap()
        .user_by_email(&eenplan_domain::user::Email::parse("nieuw@save.example").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(created.organisation_id, org_id(&app, "save").await);
    let teams = b.get("/beheer/teams").await;
    assert!(!teams.body.contains("Team lokalis"));
    app.done().await;
}

/// Sanne (Lokalis) leads two files of Gezin Jansen and leaves: the administrator
/// deactivates her, Mohamed is a colleague who may lead, Joyce the team lead. Built
/// step by step: each step is the setup the next tests start from.
struct Leaving {
    app: App,
    admin: common::Account,
    sanne: common::Account,
    mohamed: common::Account,
    joyce: common::Account,
    first: eenplan_domain::FamilyId,
    second: eenplan_domain::FamilyId,
}

impl Leaving {
    async fn new() -> Self {
        let app = App::new().await;
        let team = app
            .organisation("lokalis", OrganisationKind::LocalTeam)
            .await;
        let lokalis = org_id(&app, "lokalis").await;
        let admin = app
            .account_in(
                "lokalis",
                None,
                "beheer@lokalis.example",
                &[Role::FunctionalAdmin],
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
        let joyce = app
            .account_in(
                "lokalis",
                Some(&team),
                "joyce@lokalis.example",
                &[Role::TeamLead],
                true,
            )
            .await;
        let (first, _, _) = app.jansen(&sanne, &lokalis, None).await;
        let (second, _, _) = app.jansen(&sanne, &lokalis, None).await;
        Self {
            app,
            admin,
            sanne,
            mohamed,
            joyce,
            first,
            second,
        }
    }

    /// Sanne's deactivation page.
    fn url(&self) -> String {
        format!("/beheer/gebruikers/{}/deactiveren", self.sanne.user_id)
    }

    async fn page(&self) -> common::Response {
        let mut b = self.app.signed_in_browser(&self.admin).await;
        b.get(&self.url()).await
    }

    /// The administrator posts `fields` to `path`, with the csrf token of the
    /// deactivation page.
    async fn admin_posts(&self, path: &str, fields: &[(&str, &str)]) -> common::Response {
        let mut b = self.app.signed_in_browser(&self.admin).await;
        let csrf = b.get(&self.url()).await.csrf();
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        b.post(path, &form).await
    }

    /// The administrator hands the first file over to `to` with `reason`.
    async fn hand_over(&self, to: &common::Account, reason: &str) -> common::Response {
        let over = format!("/beheer/gebruikers/{}/overdragen", self.sanne.user_id);
        self.admin_posts(
            &over,
            &[
                ("family_id", self.first.as_str()),
                ("to", to.user_id.as_str()),
                ("reason", reason),
            ],
        )
        .await
    }

    async fn hand_over_to_mohamed(&self) -> common::Response {
        self.hand_over(&self.mohamed, "Sanne vertrekt; Mohamed kent het gezin")
            .await
    }

    /// The administrator handed the first file over to Mohamed.
    async fn handed_over() -> Self {
        let l = Self::new().await;
        let r = l.hand_over_to_mohamed().await;
        assert_eq!(
            r.location(),
            format!("{}?overgedragen=1", l.url()),
            "{}",
            r.body
        );
        l
    }

    async fn deactivate(&self) -> common::Response {
        self.admin_posts(&self.url(), &[("bevestigd", "ja")]).await
    }

    /// Sanne was deactivated with the second file still led.
    async fn deactivated() -> Self {
        let l = Self::handed_over().await;
        let r = l.deactivate().await;
        assert_eq!(r.location(), "/beheer/gebruikers?opgeslagen=1");
        l
    }

    /// Joyce's start page.
    async fn start(&self) -> common::Response {
        let mut lead = self.app.signed_in_browser(&self.joyce).await;
        lead.get("/start").await
    }

    /// Joyce hands `family` over to Mohamed from her start page with `reason`.
    async fn lead_hands_over(
        &self,
        family: &eenplan_domain::FamilyId,
        reason: &str,
    ) -> common::Response {
        let mut lead = self.app.signed_in_browser(&self.joyce).await;
        let csrf = lead.get("/start").await.csrf();
        lead.post(
            &format!("/start/zonder-regisseur/{family}"),
            &[
                ("csrf", &csrf),
                ("to", self.mohamed.user_id.as_str()),
                ("reason", reason),
            ],
        )
        .await
    }

    async fn lead_hands_over_the_second(&self) -> common::Response {
        self.lead_hands_over(&self.second, "Sanne is uit dienst")
            .await
    }

    /// Joyce handed the second file over to Mohamed.
    async fn taken_over() -> Self {
        let l = Self::deactivated().await;
        let r = l.lead_hands_over_the_second().await;
        assert_eq!(r.location(), "/start");
        l
    }

    async fn done(self) {
        self.app.done().await;
    }
}

#[tokio::test]
async fn deactivation_offers_a_hand_over_of_each_file_led() {
    let l = Leaving::new().await;
    let (first, second) = (&l.first, &l.second);
    let page = l.page().await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("id=\"to-{first}\"")));
    assert!(page.body.contains(&format!("id=\"to-{second}\"")));
    l.done().await;
}

#[tokio::test]
async fn a_hand_over_offers_the_colleagues_in_a_care_role_only() {
    let l = Leaving::new().await;
    let page = l.page().await;
    assert!(
        page.body
            .contains(&format!("<option value=\"{}\"", l.mohamed.user_id)),
        "a colleague in a care role is offered"
    );
    for not_offered in [&l.joyce.user_id, &l.sanne.user_id, &l.admin.user_id] {
        assert!(
            !page
                .body
                .contains(&format!("<option value=\"{not_offered}\"")),
            "{not_offered}"
        );
    }
    l.done().await;
}

#[tokio::test]
async fn a_hand_over_without_a_reason_is_refused_at_that_files_field_keeping_the_choice() {
    let l = Leaving::new().await;
    let r = l.hand_over(&l.mohamed, " ").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(&format!("id=\"reason-{}-error\"", l.first)));
    assert!(
        r.body
            .contains(&format!("<option value=\"{}\" selected", l.mohamed.user_id))
    );
    l.done().await;
}

#[tokio::test]
async fn a_hand_over_to_someone_who_may_not_lead_is_refused_at_the_choice() {
    let l = Leaving::new().await;
    let r = l.hand_over(&l.joyce, "Sanne vertrekt").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(&format!("id=\"to-{}-error\"", l.first)));
    l.done().await;
}

#[tokio::test]
async fn a_hand_over_makes_the_colleague_regisseur() {
    let l = Leaving::new().await;
    let r = l.hand_over_to_mohamed().await;
    assert_eq!(
        r.location(),
        format!("{}?overgedragen=1", l.url()),
        "{}",
        r.body
    );
    let family = l
        .app
        .store
        .read()
        .await
        .unwrap()
        .family(&l.first)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(family.regisseur().unwrap().user_id, l.mohamed.user_id);
    l.done().await;
}

#[tokio::test]
async fn a_file_still_led_at_deactivation_reaches_the_team_lead() {
    let l = Leaving::handed_over().await;
    let (first, second) = (&l.first, &l.second);
    let r = l.deactivate().await;
    assert_eq!(r.location(), "/beheer/gebruikers?opgeslagen=1");
    let start = l.start().await;
    assert!(start.body.contains("Zonder regisseur"), "{}", start.body);
    assert!(
        start
            .body
            .contains(&format!("/start/zonder-regisseur/{second}"))
    );
    assert!(
        !start
            .body
            .contains(&format!("/start/zonder-regisseur/{first}"))
    );
    l.done().await;
}

#[tokio::test]
async fn the_team_lead_hands_over_only_the_files_on_the_list() {
    let l = Leaving::deactivated().await;
    let r = l.lead_hands_over(&l.first, "x").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "not on the list");
    l.done().await;
}

#[tokio::test]
async fn the_team_lead_gives_a_reason_for_a_hand_over() {
    let l = Leaving::deactivated().await;
    let r = l.lead_hands_over(&l.second, "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains(&format!("id=\"reason-{}-error\"", l.second))
    );
    l.done().await;
}

#[tokio::test]
async fn a_file_the_team_lead_handed_over_leaves_the_list() {
    let l = Leaving::deactivated().await;
    let r = l.lead_hands_over_the_second().await;
    assert_eq!(r.location(), "/start");
    assert!(!l.start().await.body.contains("Zonder regisseur"));
    l.done().await;
}

#[tokio::test]
async fn the_journal_names_who_handed_over_each_file() {
    let l = Leaving::taken_over().await;
    let entries = l
        .app
        .store
        .read()
        .await
        .unwrap()
        .journal_page(0, 1000)
        .await
        .unwrap();
    let handovers: Vec<_> = entries
        .iter()
        .filter(|e| e.kind == "handover")
        .map(|e| e.actor.clone())
        .collect();
    assert_eq!(
        handovers,
        vec![
            format!("user:{}", l.admin.user_id),
            format!("user:{}", l.joyce.user_id)
        ]
    );
    l.done().await;
}

#[tokio::test]
async fn a_privacy_officer_sees_their_own_organisations_part_of_the_log() {
    let app = App::new().await;
    app.organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    app.organisation("binding", OrganisationKind::LocalTeam)
        .await;
    let lokalis = org_id(&app, "lokalis").await;
    let binding = org_id(&app, "binding").await;
    let officer = app
        .account_in(
            "lokalis",
            None,
            "privacy@lokalis.example",
            &[Role::PrivacyOfficer],
            true,
        )
        .await;
    let ours = app
        .account_in(
            "lokalis",
            None,
            "sanne@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let theirs = app
        .account_in(
            "binding",
            None,
            "bas@binding.example",
            &[Role::Professional],
            true,
        )
        .await;
    let (led_by_us, _, _) = app.jansen(&ours, &lokalis, None).await;
    let (led_by_them, _, _) = app.jansen(&theirs, &binding, None).await;
    let line = |who: &common::Account, org: &str, family: &str, data: &str| AccessEntry {
        event: AccessEvent::Read,
        granted: true,
        basis: Some(AccessBasis::Emergency),
        user_id: who.user_id.to_string(),
        organisation_id: org.to_owned(),
        role: "professional".into(),
        on_behalf_of: None,
        family_id: Some(family.to_owned()),
        data: data.to_owned(),
        client_address: "127.0.0.1".into(),
    };
    let mut tx = app.store.write().await.unwrap();
    for entry in [
        line(
            &ours,
            &lokalis,
            led_by_them.as_str(),
            "eigen-medewerker-elders",
        ),
        line(
            &theirs,
            &binding,
            led_by_us.as_str(),
            "ander-in-ons-dossier",
        ),
        line(
            &theirs,
            &binding,
            led_by_them.as_str(),
            "ander-in-eigen-dossier",
        ),
    ] {
        tx.log_access(&entry).await.unwrap();
    }
    let now = eenplan_domain::UtcTime::now();
    tx.break_glass(
        &system(),
        &led_by_them,
        (&theirs.user_id, &OrganisationId::from(binding.as_str())),
        "Acute zorgen, de school belde",
        false,
        now,
    )
    .await
    .unwrap();
    tx.break_glass(
        &system(),
        &led_by_us,
        (&theirs.user_id, &OrganisationId::from(binding.as_str())),
        "Acute zorgen, de politie belde",
        false,
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let emergencies = app
        .store
        .read()
        .await
        .unwrap()
        .emergencies(true)
        .await
        .unwrap();
    let not_ours = emergencies
        .iter()
        .find(|e| e.family_id == led_by_them)
        .unwrap()
        .id
        .clone();

    let mut b = app.signed_in_browser(&officer).await;
    let page = b.get("/privacy").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("eigen-medewerker-elders"));
    assert!(page.body.contains("ander-in-ons-dossier"));
    assert!(
        !page.body.contains("ander-in-eigen-dossier"),
        "{}",
        page.body
    );
    assert!(page.body.contains("de politie belde"));
    assert!(!page.body.contains("de school belde"));
    let csv = b.get("/privacy/toegangslog.csv").await;
    assert!(csv.body.contains("ander-in-ons-dossier"));
    assert!(!csv.body.contains("ander-in-eigen-dossier"));
    let r = b
        .post(
            &format!("/privacy/noodtoegang/{not_ours}"),
            &[("csrf", &page.csrf()), ("note", "Terecht")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(
        app.store
            .read()
            .await
            .unwrap()
            .emergencies(true)
            .await
            .unwrap()
            .iter()
            .any(|e| e.id == not_ours),
        "still open for its own organisation's officer"
    );
    app.done().await;
}

/// Someone who leads many files is handed over in one go: one colleague, one reason, every
/// file in one transaction; a refusal moves none of them and keeps what was chosen.
#[tokio::test]
async fn all_files_are_handed_over_at_once_or_not_at_all() {
    let app = App::new().await;
    let team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    let lokalis = org_id(&app, "lokalis").await;
    let admin = app
        .account_in(
            "lokalis",
            None,
            "beheer@lokalis.example",
            &[Role::FunctionalAdmin],
            true,
        )
        .await;
    let [sanne, mohamed] = ["sanne", "mohamed"].map(|n| format!("{n}@lokalis.example"));
    let sanne = app
        .account_in("lokalis", Some(&team), &sanne, &[Role::Professional], true)
        .await;
    let mohamed = app
        .account_in(
            "lokalis",
            Some(&team),
            &mohamed,
            &[Role::Professional],
            true,
        )
        .await;
    let mut files = Vec::new();
    for _ in 0..3 {
        files.push(app.jansen(&sanne, &lokalis, None).await.0);
    }
    let regisseurs = || async {
        let mut tx = app.store.read().await.unwrap();
        let mut out = Vec::new();
        for f in &files {
            let family = tx.family(f).await.unwrap().unwrap();
            out.push(family.regisseur().unwrap().user_id.clone());
        }
        out
    };

    let mut b = app.signed_in_browser(&admin).await;
    let url = format!("/beheer/gebruikers/{}/deactiveren", sanne.user_id);
    let page = b.get(&url).await;
    assert!(page.body.contains("id=\"to-alle\""), "{}", page.body);
    assert!(page.body.contains("3 dossiers"));
    let csrf = page.csrf();
    let all = format!("/beheer/gebruikers/{}/alles-overdragen", sanne.user_id);
    let r = b
        .post(
            &all,
            &[
                ("csrf", &csrf),
                ("to", mohamed.user_id.as_str()),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"reason-alle-error\""), "{}", r.body);
    assert!(
        r.body
            .contains(&format!("<option value=\"{}\" selected", mohamed.user_id)),
        "the chosen colleague is kept"
    );
    assert_eq!(regisseurs().await, vec![sanne.user_id.clone(); 3]);

    let r = b
        .post(
            &all,
            &[
                ("csrf", &csrf),
                ("to", mohamed.user_id.as_str()),
                (
                    "reason",
                    "Sanne gaat met verlof; Mohamed neemt haar gezinnen over",
                ),
            ],
        )
        .await;
    assert_eq!(r.location(), format!("{url}?overgedragen=1"), "{}", r.body);
    assert_eq!(regisseurs().await, vec![mohamed.user_id.clone(); 3]);
    let page = b.get(&url).await;
    assert!(
        !page.body.contains("id=\"to-alle\""),
        "nothing left to hand over"
    );
    app.done().await;
}
