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

type Headers = Vec<(&'static str, String)>;

/// The chain around Gezin Jansen in De Gagel, where the EVU works: Sanne (local team)
/// leads, Thomas (SAVE) may become partner, Karin coordinates the EVU and Mohamed is a
/// professional of the local team outside the circle. Built step by step as the
/// professionals act: each step is the setup the next tests start from.
struct Chain {
    app: App,
    sanne: common::Account,
    mohamed: common::Account,
    karin: common::Account,
    thomas: common::Account,
    today: jiff::civil::Date,
    lokalis: eenplan_domain::OrganisationId,
    save: eenplan_domain::OrganisationId,
    gagel: String,
    family: FamilyId,
    sam: String,
    kim: String,
    lead: Headers,
    partner: Headers,
    coordinator: Headers,
    outsider: Headers,
    guidance_id: Option<String>,
    referral: Option<String>,
}

impl Chain {
    async fn new() -> Self {
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
        Self {
            app,
            sanne,
            mohamed,
            karin,
            thomas,
            today,
            lokalis,
            save,
            gagel,
            family,
            sam,
            kim,
            lead,
            partner,
            coordinator,
            outsider,
            guidance_id: None,
            referral: None,
        }
    }

    /// Kim's written consent for Sam to `step`.
    async fn consent(
        &self,
        step: ConsentStep,
        organisation_id: Option<String>,
        categories: Vec<DataCategory>,
    ) {
        let mut tx = self.app.store.write().await.unwrap();
        tx.record_consent(
            &system(),
            &self.family,
            &self.sanne.user_id,
            &ConsentInput {
                step,
                organisation_id: organisation_id.map(Into::into),
                purpose: "Samen werken aan veiligheid".into(),
                categories,
                children: vec![self.sam.clone()],
                given_by: vec![self.kim.clone()],
                form: ConsentForm::Written,
                given_on: self.today,
                ends_on: None,
            },
            self.today,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }

    fn guidance(&self) -> String {
        format!("/api/v1/families/{}/save-guidance", self.family)
    }

    /// Thomas's guidance, with one goal and a planned end four months out.
    fn start(&self) -> String {
        format!(
            r#"{{"worker_id":"{}","expertise":"violence","goals":["Geen geweld meer in huis"],"planned_end":"{}"}}"#,
            self.thomas.user_id,
            self.today.checked_add(jiff::Span::new().months(4)).unwrap()
        )
    }

    fn end(&self) -> String {
        format!("{}/{}/end", self.guidance(), self.guidance_id())
    }

    fn referrals(&self) -> String {
        format!("/api/v1/families/{}/evu-referrals", self.family)
    }

    fn combination(&self) -> String {
        format!("/api/v1/evu/referrals/{}/combination", self.referral())
    }

    fn close(&self) -> String {
        format!("/api/v1/evu/referrals/{}/close", self.referral())
    }

    fn guidance_id(&self) -> &str {
        self.guidance_id.as_deref().expect("the guidance started")
    }

    fn referral(&self) -> &str {
        self.referral.as_deref().expect("the EVU was called in")
    }

    async fn post(&self, path: &str, who: &Headers, body: &str) -> common::Response {
        self.app.raw(Method::POST, path, who, body).await
    }

    /// The family consented to SAVE-begeleiding with identity and plan.
    async fn consented_to_save() -> Self {
        let c = Self::new().await;
        c.consent(
            ConsentStep::SaveGuidance,
            Some(c.save.to_string()),
            vec![DataCategory::Identity, DataCategory::Plan],
        )
        .await;
        c
    }

    /// Sanne started Thomas's guidance.
    async fn guidance_started() -> Self {
        let mut c = Self::consented_to_save().await;
        let r = c.post(&c.guidance(), &c.lead, &c.start()).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        c.guidance_id = Some(r.json()["id"].as_str().unwrap().to_owned());
        c
    }

    /// Thomas's review, moving the planned end to two months out.
    async fn review(&self) -> common::Response {
        let review = format!(
            r#"{{"planned_end":"{}","note":"Minder spanning thuis"}}"#,
            self.today.checked_add(jiff::Span::new().months(2)).unwrap()
        );
        let reviews = format!("{}/{}/reviews", self.guidance(), self.guidance_id());
        self.post(&reviews, &self.partner, &review).await
    }

    /// Thomas reviewed the guidance.
    async fn guidance_reviewed() -> Self {
        let c = Self::guidance_started().await;
        let r = c.review().await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        c
    }

    async fn end_as(&self, who: &Headers) -> StatusCode {
        self.post(&self.end(), who, r#"{"outcome":"safety_restored"}"#)
            .await
            .status
    }

    /// Thomas ended the guidance with safety restored.
    async fn guidance_ended() -> Self {
        let c = Self::guidance_reviewed().await;
        assert_eq!(c.end_as(&c.partner).await, StatusCode::NO_CONTENT);
        c
    }

    /// The family consented to the EVU and Sanne called it in.
    async fn evu_called_in() -> Self {
        let mut c = Self::guidance_ended().await;
        c.consent(ConsentStep::Evu, None, vec![]).await;
        let r = c
            .post(
                &c.referrals(),
                &c.lead,
                r#"{"reason":"Zorgen om veiligheid"}"#,
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        c.referral = Some(r.json()["id"].as_str().unwrap().to_owned());
        c
    }

    /// Mohamed (local team) and Thomas (SAVE), as a combination of two organisations.
    fn both(&self) -> String {
        format!(
            r#"{{"user_ids":["{}","{}"]}}"#,
            self.mohamed.user_id, self.thomas.user_id
        )
    }

    /// Karin assigned Mohamed and Thomas.
    async fn evu_assigned() -> Self {
        let c = Self::evu_called_in().await;
        let r = c.post(&c.combination(), &c.coordinator, &c.both()).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        c
    }

    /// Karin closed the EVU's work as safe enough.
    async fn evu_closed() -> Self {
        let c = Self::evu_assigned().await;
        let r = c
            .post(&c.close(), &c.coordinator, r#"{"reason":"Veilig genoeg"}"#)
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        c
    }
}

/// Where a new family lives is chosen among the areas the organisation works in.
#[tokio::test]
async fn a_new_familys_area_is_one_the_organisation_works_in() {
    let c = Chain::new().await;
    let new_family = |area: &str| {
        format!(
            r#"{{"label":"Gezin Pieters","street":"Zamenhofdreef","house_number":"40","postcode":"3562 JW","city":"Utrecht","area_id":"{area}"}}"#
        )
    };
    let r = c
        .post("/api/v1/families", &c.lead, &new_family("elders"))
        .await;
    assert_eq!(
        r.json()["invalidParams"][0]["name"],
        "area_id",
        "{}",
        r.body
    );
    let mut tx = c.app.store.write().await.unwrap();
    let areas = tx.areas_within(&c.lokalis).await.unwrap();
    tx.commit().await.unwrap();
    assert!(
        areas.contains(&(c.gagel.clone(), "De Gagel (Utrecht)".to_owned())),
        "{areas:?}"
    );
    let r = c
        .post("/api/v1/families", &c.lead, &new_family(&c.gagel))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    c.app.done().await;
}

/// SAVE is not in the circle yet; without consent the start is refused with the step.
#[tokio::test]
async fn save_guidance_without_consent_is_refused_naming_the_step() {
    let c = Chain::new().await;
    assert_eq!(
        c.app
            .raw(Method::GET, &c.guidance(), &c.partner, "")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = c.post(&c.guidance(), &c.lead, &c.start()).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("Start SAVE-begeleiding"), "{}", r.body);
    c.app.done().await;
}

#[tokio::test]
async fn a_start_of_save_guidance_names_the_invalid_field() {
    let c = Chain::consented_to_save().await;
    let r = c
        .post(
            &c.guidance(),
            &c.lead,
            r#"{"worker_id":"x","expertise":"violence","goals":[],"planned_end":"morgen"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["invalidParams"][0]["name"], "planned_end");
    let start = c.start();
    let nobody = start.replace(c.thomas.user_id.as_str(), "niemand");
    let r = c.post(&c.guidance(), &c.lead, &nobody).await;
    assert_eq!(
        r.json()["invalidParams"][0]["name"],
        "worker_id",
        "{}",
        r.body
    );
    let no_goals = start.replace(r#"["Geen geweld meer in huis"]"#, "[]");
    let r = c.post(&c.guidance(), &c.lead, &no_goals).await;
    assert_eq!(r.json()["invalidParams"][0]["name"], "goals", "{}", r.body);
    c.app.done().await;
}

#[tokio::test]
async fn only_the_lead_starts_save_guidance_and_only_once() {
    let c = Chain::consented_to_save().await;
    assert_eq!(
        c.post(&c.guidance(), &c.outsider, &c.start()).await.status,
        StatusCode::NOT_FOUND
    );
    let r = c.post(&c.guidance(), &c.lead, &c.start()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        c.post(&c.guidance(), &c.lead, &c.start()).await.status,
        StatusCode::CONFLICT
    );
    c.app.done().await;
}

/// Now SAVE is a partner on consent: it sees the guidance and reviews it.
#[tokio::test]
async fn save_as_partner_sees_the_guidance_and_its_review_sets_the_next_review() {
    let c = Chain::guidance_started().await;
    let r = c.app.raw(Method::GET, &c.guidance(), &c.partner, "").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.json()["guidances"][0]["goals"][0],
        "Geen geweld meer in huis"
    );
    let r = c.review().await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        r.json()["next_review_on"],
        c.today
            .checked_add(jiff::Span::new().months(2))
            .unwrap()
            .to_string(),
        "the planned end comes before three months"
    );
    c.app.done().await;
}

#[tokio::test]
async fn ending_save_guidance_names_a_missing_reason_and_an_unknown_outcome() {
    let c = Chain::guidance_reviewed().await;
    let r = c
        .post(
            &c.end(),
            &c.partner,
            r#"{"outcome":"ended_without_result"}"#,
        )
        .await;
    assert_eq!(r.json()["invalidParams"][0]["name"], "reason");
    let r = c.post(&c.end(), &c.partner, r#"{"outcome":"klaar"}"#).await;
    assert_eq!(r.json()["invalidParams"][0]["name"], "outcome");
    c.app.done().await;
}

/// The SAVE worker who ends the guidance leaves the file with it: the page sends them
/// to their start page, which says so, not back to a file that no longer opens.
#[tokio::test]
async fn the_save_worker_who_ends_the_guidance_lands_on_a_page_that_says_it_ended() {
    let c = Chain::guidance_reviewed().await;
    let mut browser = c.app.signed_in_browser(&c.thomas).await;
    let page = format!("/gezinnen/{}/save-begeleiding", c.family);
    let csrf = browser.get(&page).await.csrf();
    let r = browser
        .post(
            &format!("{page}/{}/einde", c.guidance_id()),
            &[("csrf", csrf.as_str()), ("outcome", "safety_restored")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/start?beeindigd=save-begeleiding");
    let start = browser.get(r.location()).await;
    assert_eq!(start.status, StatusCode::OK);
    assert!(
        start.body.contains("De SAVE-begeleiding is beëindigd."),
        "{}",
        start.body
    );
    assert_eq!(browser.get(&page).await.status, StatusCode::NOT_FOUND);
    assert!(
        !browser.get("/start").await.body.contains("beëindigd"),
        "only the way back from the end says it"
    );
    c.app.done().await;
}

/// The lead who ends it keeps the file, so the page takes her back to it.
#[tokio::test]
async fn the_lead_who_ends_the_guidance_returns_to_the_familys_page() {
    let c = Chain::guidance_reviewed().await;
    let mut browser = c.app.signed_in_browser(&c.sanne).await;
    let page = format!("/gezinnen/{}/save-begeleiding", c.family);
    let csrf = browser.get(&page).await.csrf();
    let r = browser
        .post(
            &format!("{page}/{}/einde", c.guidance_id()),
            &[("csrf", csrf.as_str()), ("outcome", "safety_restored")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), page);
    assert_eq!(browser.get(&page).await.status, StatusCode::OK);
    c.app.done().await;
}

/// The work lists: SAVE sees its guidance with the review date.
#[tokio::test]
async fn save_sees_its_guidance_on_its_start_page() {
    let c = Chain::guidance_reviewed().await;
    let mut browser = c.app.signed_in_browser(&c.thomas).await;
    let start_page = browser.get("/start").await;
    assert!(
        start_page.body.contains("work-guidances"),
        "{}",
        start_page.body
    );
    assert!(start_page.body.contains("Gezin Jansen"));
    c.app.done().await;
}

#[tokio::test]
async fn ending_save_guidance_takes_save_out_of_the_circle() {
    let c = Chain::guidance_reviewed().await;
    assert_eq!(c.end_as(&c.partner).await, StatusCode::NO_CONTENT);
    assert_eq!(
        c.end_as(&c.partner).await,
        StatusCode::NOT_FOUND,
        "SAVE left the circle with the end"
    );
    assert_eq!(c.end_as(&c.lead).await, StatusCode::CONFLICT);
    c.app.done().await;
}

/// The EVU: the local team calls it in on consent.
#[tokio::test]
async fn the_evu_is_called_in_on_consent_and_with_a_reason() {
    let c = Chain::guidance_ended().await;
    let r = c
        .post(
            &c.referrals(),
            &c.lead,
            r#"{"reason":"Zorgen om veiligheid"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    c.consent(ConsentStep::Evu, None, vec![]).await;
    let r = c.post(&c.referrals(), &c.lead, r#"{"reason":" "}"#).await;
    assert_eq!(r.json()["invalidParams"][0]["name"], "reason");
    let r = c
        .post(
            &c.referrals(),
            &c.lead,
            r#"{"reason":"Zorgen om veiligheid"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    c.app.done().await;
}

/// Only the coordinator staffs it.
#[tokio::test]
async fn only_the_evu_coordinator_lists_the_referrals() {
    let c = Chain::evu_called_in().await;
    assert_eq!(
        c.app
            .raw(Method::GET, "/api/v1/evu/referrals", &c.lead, "")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = c
        .app
        .raw(Method::GET, "/api/v1/evu/referrals", &c.coordinator, "")
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["referrals"][0]["id"], c.referral());
    c.app.done().await;
}

#[tokio::test]
async fn an_evu_combination_of_unknown_or_single_workers_is_refused_through_the_api() {
    let c = Chain::evu_called_in().await;
    let r = c
        .post(
            &c.combination(),
            &c.coordinator,
            r#"{"user_ids":["niemand","ook-niet"]}"#,
        )
        .await;
    assert_eq!(
        r.json()["invalidParams"][0]["name"],
        "user_ids",
        "{}",
        r.body
    );
    let one = format!(r#"{{"user_ids":["{}"]}}"#, c.sanne.user_id);
    let r = c.post(&c.combination(), &c.coordinator, &one).await;
    assert_eq!(r.json()["invalidParams"][0]["name"], "user_ids");
    c.app.done().await;
}

#[tokio::test]
async fn the_evu_page_refuses_a_combination_from_one_organisation() {
    let c = Chain::evu_called_in().await;
    let referral = c.referral();
    let mut page = c.app.signed_in_browser(&c.karin).await;
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
                ("user_ids", c.mohamed.user_id.as_str()),
                ("user_ids", c.sanne.user_id.as_str()),
            ],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "two of one organisation"
    );
    assert!(r.body.contains("minstens twee organisaties"), "{}", r.body);
    c.app.done().await;
}

/// A care provider without the family's consent cannot join: named, with the step.
#[tokio::test]
async fn a_care_provider_without_the_familys_consent_cannot_join_the_evu() {
    let c = Chain::evu_called_in().await;
    c.app
        .organisation("ggz", OrganisationKind::CareProvider)
        .await;
    let gert = c
        .app
        .account_in("ggz", None, "gert@ggz.example", &[Role::Professional], true)
        .await;
    let refused = format!(
        r#"{{"user_ids":["{}","{}"]}}"#,
        c.mohamed.user_id, gert.user_id
    );
    let r = c.post(&c.combination(), &c.coordinator, &refused).await;
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
    c.app.done().await;
}

#[tokio::test]
async fn an_evu_combination_is_assigned_once() {
    let c = Chain::evu_called_in().await;
    let r = c.post(&c.combination(), &c.coordinator, &c.both()).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    assert_eq!(
        c.post(&c.combination(), &c.coordinator, &c.both())
            .await
            .status,
        StatusCode::CONFLICT
    );
    c.app.done().await;
}

/// The coordinator is outside the circle: each read and step is in the access log,
/// against the family, with the referral as the basis.
#[tokio::test]
async fn the_coordinators_reads_and_steps_are_logged_with_the_referral_as_basis() {
    let c = Chain::evu_assigned().await;
    let mut page = c.app.signed_in_browser(&c.karin).await;
    page.get(&format!("/evu/{}", c.referral())).await;
    let lines = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .access_log(&eenplan_store::AccessFilter {
            family_id: c.family.to_string(),
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
    c.app.done().await;
}

#[tokio::test]
async fn the_lead_sees_the_evu_assigned_with_both_workers() {
    let c = Chain::evu_assigned().await;
    let shown = c
        .app
        .raw(Method::GET, &c.referrals(), &c.lead, "")
        .await
        .json();
    assert_eq!(shown["referrals"][0]["state"], "assigned");
    assert_eq!(
        shown["referrals"][0]["workers"].as_array().unwrap().len(),
        2
    );
    c.app.done().await;
}

#[tokio::test]
async fn closing_the_evu_needs_a_reason() {
    let c = Chain::evu_assigned().await;
    assert_eq!(
        c.post(&c.close(), &c.coordinator, r#"{"reason":""}"#)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        c.post(&c.close(), &c.coordinator, r#"{"reason":"Veilig genoeg"}"#)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    c.app.done().await;
}

/// Closed by someone else while the coordinator was still typing on the page: 409,
/// the page says so and shows what was typed.
#[tokio::test]
async fn closing_an_evu_someone_else_closed_shows_what_was_typed() {
    let c = Chain::evu_assigned().await;
    let referral = c.referral();
    let mut page = c.app.signed_in_browser(&c.karin).await;
    let csrf = page.get(&format!("/evu/{referral}")).await.csrf();
    let r = c
        .post(&c.close(), &c.coordinator, r#"{"reason":"Veilig genoeg"}"#)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
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
    c.app.done().await;
}

/// The coordinator's pages are the coordinator's: a regisseur is refused, and has no
/// menu item for them.
#[tokio::test]
async fn a_regisseur_neither_opens_nor_sees_the_coordinators_pages() {
    let c = Chain::evu_closed().await;
    let mut lead_page = c.app.signed_in_browser(&c.sanne).await;
    assert_eq!(lead_page.get("/evu").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        lead_page
            .get(&format!("/evu/{}", c.referral()))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert!(!lead_page.get("/start").await.body.contains("href=\"/evu\""));
    c.app.done().await;
}

#[tokio::test]
async fn the_familys_save_page_shows_the_ended_guidance_and_refuses_a_start_without_goals() {
    let c = Chain::evu_closed().await;
    let family = &c.family;
    let mut lead_page = c.app.signed_in_browser(&c.sanne).await;
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
                ("worker_id", c.thomas.user_id.as_str()),
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
    c.app.done().await;
}

#[tokio::test]
async fn the_familys_evu_page_shows_it_closed_with_the_reason() {
    let c = Chain::evu_closed().await;
    let mut lead_page = c.app.signed_in_browser(&c.sanne).await;
    let e = lead_page.get(&format!("/gezinnen/{}/evu", c.family)).await;
    assert!(e.body.contains("Afgesloten") && e.body.contains("Veilig genoeg"));
    c.app.done().await;
}

#[tokio::test]
async fn the_timeline_tells_the_save_guidance_and_the_evu_in_sentences() {
    let c = Chain::evu_closed().await;
    let mut lead_page = c.app.signed_in_browser(&c.sanne).await;
    let timeline = lead_page
        .get(&format!("/gezinnen/{}/tijdlijn", c.family))
        .await;
    for said in [
        "startte SAVE-begeleiding",
        "evalueerde de SAVE-begeleiding",
        "sloot de SAVE-begeleiding af met als uitkomst: Veiligheid hersteld",
        "Het EVU wees een combinatie toe",
        "De inzet van het EVU is afgesloten",
    ] {
        assert!(timeline.body.contains(said), "timeline says {said:?}");
    }
    common::scan::assert_clean("the timeline", &timeline.body);
    c.app.done().await;
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
