//! The protection order request through the router: the lead asks the Raad; only the
//! Raad's own professionals see and move the requests addressed to their organisation
//! (others get 403, another Raad sees nothing); a granted order moves the family into
//! the court-ordered framework while the local team stays; and the same through the
//! pages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::{Account, App};
use eenplan_domain::FamilyId;
use eenplan_domain::family::{
    ConsentForm, ConsentStep, DataCategory, Expertise, Framework, InvolvementRole,
};
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_store::{AccessFilter, ConsentInput, NewInvolvement, SessionKind};
use jiff::civil::Date;
use serde_json::json;

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
    sam: String,
    kim: String,
    save: String,
    lokalis: String,
    raad: String,
    sanne: Account,
    thomas: Account,
    lisa: Account,
    piet: Account,
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

/// Gezin Jansen led by Sanne (Lokalis) with Thomas (SAVE) as partner on consent; Lisa
/// works for the Raad in Utrecht, Piet for another Raad.
async fn world() -> World {
    let app = App::new().await;
    let team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    app.organisation("rvdk", OrganisationKind::Rvdk).await;
    app.organisation("rvdk-noord", OrganisationKind::Rvdk).await;
    let pro = &[Role::Professional];
    let sanne = app
        .account_in("lokalis", Some(&team), "sanne@lokalis.example", pro, true)
        .await;
    let thomas = app.account("thomas@save.example", pro, true).await;
    let lisa = app
        .account_in("rvdk", None, "lisa@rvdk.example", pro, true)
        .await;
    let piet = app
        .account_in("rvdk-noord", None, "piet@rvdk.example", pro, true)
        .await;
    let (lokalis, save, raad) = (
        org(&app, "lokalis").await,
        org(&app, "save").await,
        org(&app, "rvdk").await,
    );
    let (family, sam, kim) = app.jansen(&sanne, &lokalis, None).await;
    let mut tx = app.store.write().await.unwrap();
    tx.record_consent(
        &system(),
        &family,
        &sanne.user_id,
        &ConsentInput {
            step: ConsentStep::SaveGuidance,
            organisation_id: Some(save.clone().into()),
            purpose: "SAVE-begeleiding naast het buurtteam".into(),
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
    tx.commit().await.unwrap();
    World {
        app,
        family: family.to_string(),
        sam,
        kim,
        save,
        lokalis,
        raad,
        sanne,
        thomas,
        lisa,
        piet,
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

type Headers = Vec<(&'static str, String)>;

const WORK: &str = "/api/v1/raad/requests";
const GROUNDS: &str = "Ondanks SAVE-begeleiding blijft er geweld waar Sam bij is";

fn request(raad: &str, children: &[&String], grounds: &str) -> String {
    json!({ "rvdk_organisation_id": raad, "children": children, "grounds": grounds,
            "tried": "Buurtteam sinds 2025 en zes maanden SAVE-begeleiding" })
    .to_string()
}

fn started() -> String {
    json!({ "started_on": today().to_string() }).to_string()
}

/// A petition for a supervision order.
fn ots() -> String {
    json!({ "outcome": "petition", "measure": "supervision_order", "concluded_on": today().to_string() })
        .to_string()
}

fn granted(ends_on: Date, institution: &str) -> String {
    json!({ "decided_on": today().to_string(), "granted": true, "measure": "supervision_order",
            "ends_on": ends_on.to_string(), "institution_id": institution })
    .to_string()
}

/// Sanne's request to the Raad about Sam, built step by step as the Raad works it:
/// each step is the setup the next tests start from.
struct Request {
    w: World,
    sanne: Headers,
    thomas: Headers,
    lisa: Headers,
    piet: Headers,
    requests: String,
    id: String,
}

impl Request {
    /// Nothing asked yet.
    async fn new() -> Self {
        let w = world().await;
        let (sanne, thomas, lisa, piet) = (
            api(&w, &w.sanne).await,
            api(&w, &w.thomas).await,
            api(&w, &w.lisa).await,
            api(&w, &w.piet).await,
        );
        let requests = format!("/api/v1/families/{}/protection-order-requests", w.family);
        Self {
            w,
            sanne,
            thomas,
            lisa,
            piet,
            requests,
            id: String::new(),
        }
    }

    /// The request as Sanne means to send it.
    fn good(&self) -> String {
        request(&self.w.raad, &[&self.w.sam], GROUNDS)
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        who: &Headers,
        body: &str,
    ) -> common::Response {
        self.w.app.raw(method, path, who, body).await
    }

    fn step(&self, s: &str) -> String {
        format!("{WORK}/{}/{s}", self.id)
    }

    /// Sanne asked the Raad in Utrecht.
    async fn requested() -> Self {
        let mut q = Self::new().await;
        let r = q.send(Method::POST, &q.requests, &q.sanne, &q.good()).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        q.id = r.json()["id"].as_str().unwrap().to_owned();
        q
    }

    /// Lisa started the investigation today.
    async fn under_investigation() -> Self {
        let q = Self::requested().await;
        let r = q
            .send(Method::POST, &q.step("investigation"), &q.lisa, &started())
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        q
    }

    /// Lisa petitioned for a supervision order.
    async fn petitioned() -> Self {
        let q = Self::under_investigation().await;
        let r = q
            .send(Method::POST, &q.step("outcome"), &q.lisa, &ots())
            .await;
        assert_eq!(r.json()["state"], "petitioned");
        q
    }

    /// The court grants the order, with SAVE to carry it out.
    async fn grant(&self) {
        let r = self
            .send(
                Method::POST,
                &self.step("court-decision"),
                &self.lisa,
                &granted(days(300), &self.w.save),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }

    /// The court granted the order.
    async fn granted() -> Self {
        let q = Self::petitioned().await;
        q.grant().await;
        q
    }

    async fn done(self) {
        self.w.app.done().await;
    }
}

/// The family's side is the lead's work: a partner is refused, even with the plan open.
#[tokio::test]
async fn a_partner_neither_reads_nor_makes_the_familys_request() {
    let q = Request::new().await;
    for method in [Method::GET, Method::POST] {
        let r = q.send(method, &q.requests, &q.thomas, &q.good()).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
    q.done().await;
}

#[tokio::test]
async fn a_request_names_its_invalid_field() {
    let q = Request::new().await;
    let w = &q.w;
    for (body, expected) in [
        (request(&w.save, &[&w.sam], GROUNDS), "rvdk_organisation_id"),
        (
            request("onbekend", &[&w.sam], GROUNDS),
            "rvdk_organisation_id",
        ),
        (request(&w.raad, &[], GROUNDS), "children"),
        (request(&w.raad, &[&w.kim], GROUNDS), "children"),
        (request(&w.raad, &[&w.sam], " "), "grounds"),
    ] {
        let r = q.send(Method::POST, &q.requests, &q.sanne, &body).await;
        assert_eq!(
            field(&r),
            (StatusCode::BAD_REQUEST, expected.to_owned()),
            "{body}"
        );
    }
    q.done().await;
}

#[tokio::test]
async fn the_lead_asks_the_raad_one_request_at_a_time() {
    let q = Request::new().await;
    let r = q.send(Method::POST, &q.requests, &q.sanne, &q.good()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        q.send(Method::POST, &q.requests, &q.sanne, &q.good())
            .await
            .status,
        StatusCode::CONFLICT,
        "one open request at a time"
    );
    let mine = q.send(Method::GET, &q.requests, &q.sanne, "").await.json();
    assert_eq!(mine["requests"][0]["state"], "requested");
    q.done().await;
}

/// The Raad's side: only Raad professionals, only what is addressed to them.
#[tokio::test]
async fn only_the_raads_professionals_list_its_requests() {
    let q = Request::requested().await;
    for who in [&q.sanne, &q.thomas] {
        assert_eq!(
            q.send(Method::GET, WORK, who, "").await.status,
            StatusCode::FORBIDDEN
        );
    }
    q.done().await;
}

#[tokio::test]
async fn the_raad_lists_the_request_with_the_child_the_grounds_and_who_asked() {
    let q = Request::requested().await;
    let listed = q.send(Method::GET, WORK, &q.lisa, "").await.json();
    let first = &listed["requests"][0];
    assert_eq!(first["id"], q.id.as_str());
    assert_eq!(first["children"][0]["name"], "Sam Jansen");
    assert_eq!(first["children"][0]["date_of_birth"], "2016-04-02");
    assert_eq!(first["grounds"], GROUNDS);
    assert_eq!(first["requested_by"]["organisation"], "Organisatie lokalis");
    q.done().await;
}

#[tokio::test]
async fn another_raad_neither_sees_nor_moves_the_request() {
    let q = Request::requested().await;
    assert_eq!(
        q.send(Method::GET, WORK, &q.piet, "").await.json()["requests"],
        json!([]),
        "another Raad sees nothing of it"
    );
    assert_eq!(
        q.send(Method::POST, &q.step("investigation"), &q.piet, &started())
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    q.done().await;
}

#[tokio::test]
async fn the_lead_does_not_take_the_raads_steps() {
    let q = Request::requested().await;
    assert_eq!(
        q.send(Method::POST, &q.step("investigation"), &q.sanne, &started())
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    q.done().await;
}

/// Steps out of order are conflicts.
#[tokio::test]
async fn the_raads_steps_out_of_order_are_conflicts() {
    let q = Request::requested().await;
    assert_eq!(
        q.send(Method::POST, &q.step("outcome"), &q.lisa, &ots())
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        q.send(
            Method::POST,
            &q.step("court-decision"),
            &q.lisa,
            &granted(days(300), &q.w.save)
        )
        .await
        .status,
        StatusCode::CONFLICT,
        "no court decision before the petition"
    );
    q.done().await;
}

#[tokio::test]
async fn an_investigation_starts_once_and_not_in_the_future() {
    let q = Request::requested().await;
    let r = q
        .send(
            Method::POST,
            &q.step("investigation"),
            &q.lisa,
            &json!({ "started_on": days(1).to_string() }).to_string(),
        )
        .await;
    assert_eq!(
        field(&r),
        (StatusCode::BAD_REQUEST, "started_on".to_owned())
    );
    let r = q
        .send(Method::POST, &q.step("investigation"), &q.lisa, &started())
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["state"], "under_investigation");
    assert_eq!(
        q.send(Method::POST, &q.step("investigation"), &q.lisa, &started())
            .await
            .status,
        StatusCode::CONFLICT
    );
    q.done().await;
}

#[tokio::test]
async fn a_petition_names_its_measure() {
    let q = Request::under_investigation().await;
    let r = q
        .send(
            Method::POST,
            &q.step("outcome"),
            &q.lisa,
            &json!({ "outcome": "petition", "concluded_on": today().to_string() }).to_string(),
        )
        .await;
    assert_eq!(field(&r), (StatusCode::BAD_REQUEST, "measure".to_owned()));
    let r = q
        .send(Method::POST, &q.step("outcome"), &q.lisa, &ots())
        .await;
    assert_eq!(r.json()["state"], "petitioned");
    q.done().await;
}

/// The Raad's page now offers the court's decision, with the institutions to choose.
#[tokio::test]
async fn after_the_petition_the_raads_page_offers_the_decision_with_the_institutions() {
    let q = Request::petitioned().await;
    let id = &q.id;
    let mut raad_page = q.w.app.signed_in_browser(&q.w.lisa).await;
    let page = raad_page.get(&format!("/raad/{id}")).await;
    assert!(
        page.body
            .contains(&format!("action=\"/raad/{id}/beslissing\""))
    );
    assert!(page.body.contains(&format!(
        "<option value=\"{}\">SAVE Jeugdbescherming</option>",
        q.w.save
    )));
    q.done().await;
}

/// A ruling that is neither of the two is refused at its field: never read as granted.
#[tokio::test]
async fn a_ruling_in_doubt_is_refused_at_its_field_and_nothing_is_decided() {
    let q = Request::petitioned().await;
    let id = &q.id;
    let mut raad_page = q.w.app.signed_in_browser(&q.w.lisa).await;
    let csrf = raad_page.get(&format!("/raad/{id}")).await.csrf();
    let r = raad_page
        .post(
            &format!("/raad/{id}/beslissing"),
            &[
                ("csrf", csrf.as_str()),
                ("decided_on", &today().to_string()),
                ("ruling", "toegewezen?"),
                ("measure", "supervision_order"),
                ("ends_on", &days(300).to_string()),
                ("institution_id", q.w.save.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        common::field_error(&r.body, "ruling").is_some(),
        "the message sits at the ruling: {}",
        r.body
    );
    assert_eq!(
        q.send(Method::GET, WORK, &q.lisa, "").await.json()["requests"][0]["state"],
        "petitioned",
        "nothing was decided"
    );
    q.done().await;
}

#[tokio::test]
async fn a_court_decision_names_its_invalid_field() {
    let q = Request::petitioned().await;
    for (body, expected) in [
        (granted(days(367), &q.w.save), "ends_on"),
        (granted(days(300), &q.w.lokalis), "institution_id"),
        (granted(days(300), "onbekend"), "institution_id"),
        (
            json!({ "decided_on": days(1).to_string(), "granted": false }).to_string(),
            "decided_on",
        ),
    ] {
        let r = q
            .send(Method::POST, &q.step("court-decision"), &q.lisa, &body)
            .await;
        assert_eq!(
            field(&r),
            (StatusCode::BAD_REQUEST, expected.to_owned()),
            "{body}"
        );
    }
    q.done().await;
}

#[tokio::test]
async fn a_granted_order_names_the_institution_that_carries_it_out() {
    let q = Request::petitioned().await;
    let r = q
        .send(
            Method::POST,
            &q.step("court-decision"),
            &q.lisa,
            &granted(days(300), &q.w.save),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["state"], "granted");
    assert_eq!(r.json()["institution"]["name"], "SAVE Jeugdbescherming");
    q.done().await;
}

/// The court order is the family's framework now, SAVE its basis; the local team stays.
#[tokio::test]
async fn a_granted_order_is_the_familys_framework_with_save_as_basis_and_the_regisseur_stays() {
    let q = Request::granted().await;
    let facts =
        q.w.app
            .store
            .read()
            .await
            .unwrap()
            .access_facts(&FamilyId::from(q.w.family.as_str()))
            .await
            .unwrap()
            .unwrap();
    assert_eq!(
        (facts.framework, facts.basis_organisation.as_deref()),
        (Framework::CourtOrder, Some(q.w.save.as_str()))
    );
    assert!(
        facts
            .involved
            .iter()
            .any(|i| i.role == InvolvementRole::Regisseur && i.user_id == q.w.sanne.user_id),
        "the regisseur's involvement did not end"
    );
    q.done().await;
}

#[tokio::test]
async fn under_the_order_save_leads_and_the_regisseur_still_leads() {
    let q = Request::granted().await;
    let now_lead = q.send(Method::GET, &q.requests, &q.thomas, "").await;
    assert_eq!(
        (
            now_lead.status,
            now_lead.json()["requests"][0]["state"].as_str()
        ),
        (StatusCode::OK, Some("granted")),
        "SAVE carries the order out: the legal basis makes it lead"
    );
    assert_eq!(
        q.send(Method::GET, &q.requests, &q.sanne, "").await.status,
        StatusCode::OK,
        "and the regisseur still leads"
    );
    q.done().await;
}

#[tokio::test]
async fn the_familys_page_shows_the_order_and_who_carries_it_out() {
    let q = Request::granted().await;
    let mut lead = q.w.app.signed_in_browser(&q.w.sanne).await;
    let page = lead
        .get(&format!("/gezinnen/{}/verzoek-raad", q.w.family))
        .await;
    assert!(
        page.body.contains("Maatregel uitgesproken")
            && page.body.contains("Ondertoezichtstelling (OTS)")
            && page.body.contains("SAVE Jeugdbescherming"),
        "{}",
        page.body
    );
    q.done().await;
}

/// Every Raad read and step of the family's data is in the access log.
#[tokio::test]
async fn every_raad_read_and_step_is_in_the_access_log_against_the_family() {
    let q = Request::petitioned().await;
    // Lisa reads her list before the decision, as she does on the way to it.
    q.send(Method::GET, WORK, &q.lisa, "").await;
    q.grant().await;
    let log =
        q.w.app
            .store
            .read()
            .await
            .unwrap()
            .access_log(&AccessFilter {
                user_email: q.w.lisa.email.clone(),
                limit: 100,
                ..AccessFilter::default()
            })
            .await
            .unwrap();
    assert!(log.len() >= 4, "{log:?}");
    assert!(log.iter().all(|l| l.basis
        == Some(eenplan_domain::access_log::AccessBasis::RvdkRequest)
        && l.family_id.as_deref() == Some(q.w.family.as_str())));
    q.done().await;
}

/// Gezin Jansen's request to the Raad through the pages, built step by step as Sanne
/// asks and Lisa (the Raad) answers with no measure: each step is the setup the next
/// tests start from.
struct RaadPages {
    w: World,
    /// The request's page at the Raad.
    detail: String,
}

impl RaadPages {
    /// Nothing asked yet.
    async fn new() -> Self {
        Self {
            w: world().await,
            detail: String::new(),
        }
    }

    /// The family's request page.
    fn path(&self) -> String {
        format!("/gezinnen/{}/verzoek-raad", self.w.family)
    }

    /// `who`'s browser gets `path`.
    async fn page(&self, who: &Account, path: &str) -> common::Response {
        self.w.app.signed_in_browser(who).await.get(path).await
    }

    /// Sanne asks the Raad to investigate, for Sam if `sam`.
    async fn ask(&self, sam: bool) -> common::Response {
        let mut sanne = self.w.app.signed_in_browser(&self.w.sanne).await;
        let path = self.path();
        let csrf = sanne.get(&path).await.csrf();
        let mut form = vec![("csrf", csrf.as_str()), ("rvdk", self.w.raad.as_str())];
        if sam {
            form.push(("children", self.w.sam.as_str()));
        }
        form.extend([("grounds", "Geweld blijft"), ("tried", "SAVE-begeleiding")]);
        sanne.post(&path, &form).await
    }

    /// Sanne asked the Raad; Lisa found the request on her work list.
    async fn asked() -> Self {
        let mut p = Self::new().await;
        let r = p.ask(true).await;
        assert_eq!(r.location(), p.path());
        let list = p.page(&p.w.lisa, "/raad").await;
        let start = list.body.find("href=\"/raad/").unwrap() + "href=\"".len();
        p.detail = list.body[start..].split('"').next().unwrap().to_owned();
        p
    }

    /// Lisa posts `fields` to the request's `step`, with the csrf token of her work list.
    async fn raad_posts(&self, step: &str, fields: &[(&str, &str)]) -> common::Response {
        let mut lisa = self.w.app.signed_in_browser(&self.w.lisa).await;
        let csrf = lisa.get("/raad").await.csrf();
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        lisa.post(&format!("{}/{step}", self.detail), &form).await
    }

    async fn investigate(&self, on: Date) -> common::Response {
        self.raad_posts("onderzoek", &[("started_on", &on.to_string())])
            .await
    }

    /// Lisa started the investigation today.
    async fn investigating() -> Self {
        let p = Self::asked().await;
        let r = p.investigate(today()).await;
        assert_eq!(r.location(), p.detail);
        p
    }

    /// Lisa concludes today that no measure is needed, with `reason` if given.
    async fn conclude(&self, reason: Option<&str>) -> common::Response {
        let today = today().to_string();
        let mut fields = vec![("outcome", "no_measure")];
        if let Some(reason) = reason {
            fields.push(("reason", reason));
        }
        fields.push(("concluded_on", &today));
        self.raad_posts("uitkomst", &fields).await
    }

    async fn conclude_no_measure(&self) -> common::Response {
        self.conclude(Some("Ouders werken nu mee met het buurtteam"))
            .await
    }

    /// Lisa concluded that no measure is needed.
    async fn concluded() -> Self {
        let p = Self::investigating().await;
        let r = p.conclude_no_measure().await;
        assert_eq!(r.location(), p.detail);
        p
    }

    async fn done(self) {
        self.w.app.done().await;
    }
}

#[tokio::test]
async fn the_family_page_links_the_request_to_the_raad() {
    let p = RaadPages::new().await;
    let file = p
        .page(&p.w.sanne, &format!("/gezinnen/{}", p.w.family))
        .await;
    assert!(file.body.contains(&format!("href=\"{}\"", p.path())));
    p.done().await;
}

#[tokio::test]
async fn the_request_page_is_lead_work() {
    let p = RaadPages::new().await;
    let page = p.page(&p.w.sanne, &p.path()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        p.page(&p.w.thomas, &p.path()).await.status,
        StatusCode::FORBIDDEN,
        "lead work"
    );
    p.done().await;
}

#[tokio::test]
async fn a_request_without_children_is_refused_at_the_children() {
    let p = RaadPages::new().await;
    let r = p.ask(false).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"children-error\""));
    p.done().await;
}

#[tokio::test]
async fn an_open_request_waits_for_the_raad_and_allows_no_second_one() {
    let p = RaadPages::new().await;
    let path = p.path();
    let r = p.ask(true).await;
    assert_eq!(r.location(), path);
    let page = p.page(&p.w.sanne, &path).await;
    assert!(page.body.contains("Verzoek ingediend, wacht op de Raad"));
    assert!(
        !page.body.contains(&format!("action=\"{path}\"")),
        "no second request while this one is open"
    );
    p.done().await;
}

#[tokio::test]
async fn the_lead_does_not_reach_the_raads_work_list() {
    let p = RaadPages::asked().await;
    assert_eq!(
        p.page(&p.w.sanne, "/raad").await.status,
        StatusCode::FORBIDDEN
    );
    p.done().await;
}

#[tokio::test]
async fn the_raads_work_list_has_its_menu_item_and_names_the_child_and_the_family() {
    let p = RaadPages::asked().await;
    let list = p.page(&p.w.lisa, "/raad").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body.contains("href=\"/raad\""),
        "the Raad's own menu item"
    );
    assert!(list.body.contains("Sam Jansen (2 apr 2016)") && list.body.contains("Gezin Jansen"));
    p.done().await;
}

#[tokio::test]
async fn the_raad_reads_the_requests_grounds() {
    let p = RaadPages::asked().await;
    let page = p.page(&p.w.lisa, &p.detail).await;
    assert!(page.body.contains("Geweld blijft"));
    p.done().await;
}

#[tokio::test]
async fn an_investigation_does_not_start_in_the_future() {
    let p = RaadPages::asked().await;
    let r = p.investigate(days(2)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"started_on-error\""));
    p.done().await;
}

#[tokio::test]
async fn the_raad_starts_the_investigation_today() {
    let p = RaadPages::asked().await;
    let r = p.investigate(today()).await;
    assert_eq!(r.location(), p.detail);
    p.done().await;
}

#[tokio::test]
async fn no_measure_needs_a_reason() {
    let p = RaadPages::investigating().await;
    let r = p.conclude(None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"reason-error\""));
    p.done().await;
}

#[tokio::test]
async fn no_measure_closes_the_request() {
    let p = RaadPages::investigating().await;
    let r = p.conclude_no_measure().await;
    assert_eq!(r.location(), p.detail);
    let page = p.page(&p.w.lisa, &p.detail).await;
    assert!(
        page.body
            .contains("Geen maatregel: verder in vrijwillige hulp")
    );
    assert!(
        !page.body.contains("<form method=\"post\" action=\"/raad/"),
        "closed"
    );
    p.done().await;
}

/// A step that no longer fits is refused on the page too: the request moved on (409).
#[tokio::test]
async fn a_step_that_no_longer_fits_is_a_conflict_on_the_page() {
    let p = RaadPages::concluded().await;
    let r = p
        .raad_posts(
            "beslissing",
            &[("decided_on", &today().to_string()), ("ruling", "refused")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.body
            .contains("Deze stap kan niet (meer) bij dit verzoek.")
    );
    p.done().await;
}

/// The outcome again, as from a second tab: what was typed is shown, not lost.
#[tokio::test]
async fn an_outcome_from_a_second_tab_is_a_conflict_that_keeps_what_was_typed() {
    let p = RaadPages::concluded().await;
    let typed = "Ouders werken mee; geen maatregel nodig (tweede tabblad)";
    let r = p.conclude(Some(typed)).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.body.contains(&format!(
            "<blockquote class=\"kept-input\">{typed}</blockquote>"
        )),
        "{}",
        r.body
    );
    p.done().await;
}

#[tokio::test]
async fn no_measure_leaves_the_family_in_voluntary_help() {
    let p = RaadPages::concluded().await;
    assert_eq!(
        p.w.app
            .store
            .read()
            .await
            .unwrap()
            .access_facts(&FamilyId::from(p.w.family.as_str()))
            .await
            .unwrap()
            .unwrap()
            .framework,
        Framework::Voluntary,
        "no measure: voluntary help goes on"
    );
    p.done().await;
}

#[tokio::test]
async fn the_timeline_names_the_request_and_the_raads_outcome() {
    let p = RaadPages::concluded().await;
    let timeline = p
        .page(&p.w.sanne, &format!("/gezinnen/{}/tijdlijn", p.w.family))
        .await;
    for sentence in [
        "vroeg de Raad voor de Kinderbescherming om onderzoek",
        "De Raad ziet geen maatregel nodig: verder in vrijwillige hulp",
    ] {
        assert!(timeline.body.contains(sentence), "{sentence}");
    }
    common::scan::assert_clean("the timeline", &timeline.body);
    p.done().await;
}

#[tokio::test]
async fn another_raad_does_not_find_the_request() {
    let p = RaadPages::concluded().await;
    assert_eq!(
        p.page(&p.w.piet, &p.detail).await.status,
        StatusCode::NOT_FOUND
    );
    p.done().await;
}

#[tokio::test]
async fn a_refused_request_to_the_raad_comes_back_as_typed() {
    let w = world().await;
    let mut sanne = w.app.signed_in_browser(&w.sanne).await;
    let path = format!("/gezinnen/{}/verzoek-raad", w.family);
    let csrf = sanne.get(&path).await.csrf();
    let grounds = "Geweld blijft, ook na afspraken.\nSam is bang om naar huis te gaan.";
    let r = sanne
        .post(
            &path,
            &[
                ("csrf", csrf.as_str()),
                ("rvdk", w.raad.as_str()),
                ("children", w.sam.as_str()),
                ("grounds", grounds),
                ("tried", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::field_error(&r.body, "tried").as_deref(),
        Some("Vul dit veld in.")
    );
    assert_eq!(
        common::selected_option(&r.body, "rvdk").as_deref(),
        Some(w.raad.as_str())
    );
    assert!(common::is_checked(&r.body, &format!("children-{}", w.sam)));
    assert_eq!(
        common::control_value(&r.body, "grounds").as_deref(),
        Some(grounds)
    );
}

/// The court names SAVE while nobody of SAVE is in the circle: SAVE's team lead finds
/// the order on the start page (the file's name, the measure, the date; no link, the
/// file is not open to them yet), logged on the legal basis; a regisseur does not.
#[tokio::test]
async fn the_institution_s_team_lead_finds_the_order_on_the_start_page() {
    let q = Request::petitioned().await;
    let family = FamilyId::from(q.w.family.as_str());
    let mut tx = q.w.app.store.write().await.unwrap();
    let thomas_in = tx
        .family(&family)
        .await
        .unwrap()
        .unwrap()
        .involvements
        .into_iter()
        .find(|i| i.user_id == q.w.thomas.user_id.as_str())
        .unwrap()
        .id;
    tx.end_involvement(&system(), &family, &thomas_in, "Overgedragen binnen SAVE")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    q.grant().await;
    let eva =
        q.w.app
            .account("eva@save.example", &[Role::TeamLead], true)
            .await;
    let start = q.w.app.signed_in_browser(&eva).await.get("/start").await;
    assert!(
        start.body.contains("Uitspraken voor jullie instelling"),
        "{}",
        start.body
    );
    assert!(start.body.contains("Gezin Jansen"));
    assert!(!start.body.contains(&format!("/gezinnen/{}", q.w.family)));
    let lines =
        q.w.app
            .store
            .read()
            .await
            .unwrap()
            .access_log(&AccessFilter {
                family_id: q.w.family.clone(),
                user_email: "eva@save.example".into(),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap();
    assert!(
        lines
            .iter()
            .any(|l| l.basis == Some(eenplan_domain::access_log::AccessBasis::LegalBasis)),
        "{lines:?}"
    );
    let sanne =
        q.w.app
            .signed_in_browser(&q.w.sanne)
            .await
            .get("/start")
            .await;
    assert!(!sanne.body.contains("Uitspraken voor jullie instelling"));
    q.done().await;
}
