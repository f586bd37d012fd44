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

type Headers = Vec<(&'static str, String)>;

fn meeting(at: &str, invited: &[&String], takes_part: bool) -> String {
    json!({ "kind": "protection_table", "meets_at": at, "invited": invited,
            "family_takes_part": takes_part, "family_absence_reason": "" })
    .to_string()
}

fn view(needs: &str) -> String {
    json!({ "worries": "Harde ruzies waar Sam bij is", "strengths": "Oma", "needs": needs })
        .to_string()
}

fn action(owner: String, domain: &str) -> Value {
    json!({ "domain": domain, "what": "Veiligheidsplan met oma als noodadres", "owner": owner,
            "due_on": days(14).to_string() })
}

fn judgement_body(differences: &str, actions: Vec<Value>) -> String {
    json!({ "needs": "Sam heeft rust en een vast noodadres nodig", "differences": differences,
            "actions": actions })
    .to_string()
}

/// Joint assessments of Gezin Jansen through the API, built step by step as Sanne
/// schedules them and the partners give their views: each step is the setup the next
/// tests start from.
struct Meetings {
    w: World,
    sanne: Headers,
    thomas: Headers,
    gina: Headers,
    bas: Headers,
    base: String,
    /// Today's meeting, with Lokalis and SAVE invited.
    id: String,
    /// A meeting a week on.
    later: String,
}

impl Meetings {
    /// Nothing scheduled yet.
    async fn new() -> Self {
        let w = world().await;
        let (sanne, thomas, gina, bas) = (
            api(&w, &w.sanne).await,
            api(&w, &w.thomas).await,
            api(&w, &w.gina).await,
            api(&w, &w.bas).await,
        );
        let base = format!("/api/v1/families/{}/joint-assessments", w.family);
        Self {
            w,
            sanne,
            thomas,
            gina,
            bas,
            base,
            id: String::new(),
            later: String::new(),
        }
    }

    fn now() -> String {
        format!("{}T09:00", today())
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

    /// Today's meeting with Lokalis and SAVE invited, as Sanne schedules it.
    async fn schedule_today(&self) -> common::Response {
        self.send(
            Method::POST,
            &self.base,
            &self.sanne,
            &meeting(&Self::now(), &[&self.w.lokalis, &self.w.save], true),
        )
        .await
    }

    /// Sanne scheduled today's meeting and one a week on.
    async fn scheduled() -> Self {
        let mut m = Self::new().await;
        let r = m.schedule_today().await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        m.id = r.json()["id"].as_str().unwrap().to_owned();
        m.later = m
            .send(
                Method::POST,
                &m.base,
                &m.sanne,
                &meeting(
                    &format!("{}T14:30", days(7)),
                    &[&m.w.lokalis, &m.w.save],
                    true,
                ),
            )
            .await
            .json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        m
    }

    fn views(&self) -> String {
        format!("{}/{}/views", self.base, self.id)
    }

    fn judgement(&self) -> String {
        format!("{}/{}/judgement", self.base, self.id)
    }

    /// Thomas's two views and Sanne's, with the version each answer gives.
    async fn give_views(&self) -> Vec<(StatusCode, Value, String)> {
        let mut answers = vec![];
        for (who, needs) in [
            (&self.thomas, "Een ondertoezichtstelling"),
            (&self.thomas, "Eerst een veiligheidsplan, anders een OTS"),
            (&self.sanne, "Een vast noodadres bij oma"),
        ] {
            let r = self
                .send(Method::PUT, &self.views(), who, &view(needs))
                .await;
            answers.push((r.status, r.json()["version"].clone(), r.body));
        }
        answers
    }

    /// Thomas and Sanne gave their views on today's meeting.
    async fn with_views() -> Self {
        let m = Self::scheduled().await;
        for (status, _, body) in m.give_views().await {
            assert_eq!(status, StatusCode::OK, "{body}");
        }
        m
    }

    /// Kim and SAVE each own an action; SAVE's different view named.
    fn good(&self) -> String {
        judgement_body(
            "SAVE zag een OTS; samen gekozen voor eerst een veiligheidsplan",
            vec![
                action(format!("member:{}", self.w.kim), "safety"),
                action(format!("organisation:{}", self.w.save), "safety"),
            ],
        )
    }

    /// Sanne recorded the judgement of today's meeting.
    async fn judged() -> Self {
        let m = Self::with_views().await;
        let r = m
            .send(Method::POST, &m.judgement(), &m.sanne, &m.good())
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        m
    }

    /// Today's meeting as `who` finds it in the list.
    async fn listed(&self, who: &Headers) -> Value {
        let listed = self.send(Method::GET, &self.base, who, "").await.json();
        listed["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == self.id.as_str())
            .unwrap()
            .clone()
    }

    async fn done(self) {
        self.w.app.done().await;
    }
}

/// Scheduling is the lead's work: a partner with the plan open is refused.
#[tokio::test]
async fn a_partner_does_not_schedule_a_meeting() {
    let m = Meetings::new().await;
    let r = m
        .send(
            Method::POST,
            &m.base,
            &m.thomas,
            &meeting(&Meetings::now(), &[&m.w.lokalis, &m.w.save], true),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json()["type"], "/problems/lead-only");
    m.done().await;
}

#[tokio::test]
async fn a_meeting_names_its_invalid_field_and_nothing_is_stored() {
    let m = Meetings::new().await;
    let (w, now) = (&m.w, Meetings::now());
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
        let r = m.send(Method::POST, &m.base, &m.sanne, &body).await;
        assert_eq!(field(&r), (StatusCode::BAD_REQUEST, expected.to_owned()), "{body}");
    }
    let listed = m.send(Method::GET, &m.base, &m.sanne, "").await.json();
    assert_eq!(
        listed["meetings"].as_array().map(Vec::len),
        Some(0),
        "nothing stored"
    );
    m.done().await;
}

#[tokio::test]
async fn the_lead_schedules_a_meeting() {
    let m = Meetings::new().await;
    let r = m.schedule_today().await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    m.done().await;
}

/// Bas (school) is outside the circle: no care role joins it.
#[tokio::test]
async fn a_school_outside_the_circle_neither_lists_meetings_nor_gives_a_view() {
    let m = Meetings::scheduled().await;
    let r = m.send(Method::GET, &m.base, &m.bas, "").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = m
        .send(Method::PUT, &m.views(), &m.bas, &view("Een noodadres"))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    m.done().await;
}

/// Views: the plan must be open to the visitor's organisation, and it must be invited.
#[tokio::test]
async fn an_organisation_not_invited_gives_no_view() {
    let m = Meetings::scheduled().await;
    let r = m
        .send(Method::PUT, &m.views(), &m.gina, &view("Een noodadres"))
        .await;
    assert_eq!(
        (r.status, r.json()["type"].as_str()),
        (StatusCode::FORBIDDEN, Some("/problems/not-invited"))
    );
    m.done().await;
}

#[tokio::test]
async fn a_view_without_worries_names_the_field() {
    let m = Meetings::scheduled().await;
    let r = m
        .send(
            Method::PUT,
            &m.views(),
            &m.thomas,
            &json!({ "worries": " ", "needs": "x" }).to_string(),
        )
        .await;
    assert_eq!(field(&r), (StatusCode::BAD_REQUEST, "worries".to_owned()));
    m.done().await;
}

#[tokio::test]
async fn each_authors_view_has_its_own_versions() {
    let m = Meetings::scheduled().await;
    let answers = m.give_views().await;
    for ((status, version, body), expected) in answers.into_iter().zip([1, 2, 1]) {
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(version, expected);
    }
    m.done().await;
}

#[tokio::test]
async fn a_view_on_an_unknown_meeting_is_not_found() {
    let m = Meetings::with_views().await;
    let r = m
        .send(
            Method::PUT,
            &format!("{}/geen/views", m.base),
            &m.thomas,
            &view("x"),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    m.done().await;
}

/// Gina's organisation is not invited, but the plan is open to it: she reads along.
#[tokio::test]
async fn an_organisation_the_plan_is_open_to_reads_the_meeting_and_its_views() {
    let m = Meetings::with_views().await;
    let first = m.listed(&m.gina).await;
    assert_eq!(first["state"], "scheduled");
    assert_eq!(first["invited"].as_array().unwrap().len(), 2);
    assert_eq!(first["views"].as_array().unwrap().len(), 2);
    m.done().await;
}

/// The judgement: lead work, on or after the day, with owned actions.
#[tokio::test]
async fn a_partner_does_not_record_the_judgement() {
    let m = Meetings::with_views().await;
    assert_eq!(
        m.send(Method::POST, &m.judgement(), &m.thomas, &m.good())
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    m.done().await;
}

#[tokio::test]
async fn a_judgement_names_its_invalid_field() {
    let m = Meetings::with_views().await;
    let kim = format!("member:{}", m.w.kim);
    for (b, expected) in [
        (judgement_body("verschil", vec![]), "actions"),
        (
            judgement_body("", vec![action(kim.clone(), "safety")]),
            "differences",
        ),
        (
            judgement_body("verschil", vec![action("member:iemand".into(), "safety")]),
            "actions[0].owner",
        ),
        (
            judgement_body("verschil", vec![action("kim".into(), "safety")]),
            "actions[0].owner",
        ),
        (
            judgement_body("verschil", vec![action(kim.clone(), "veiligheid")]),
            "actions[0].domain",
        ),
        (
            judgement_body(
                "verschil",
                vec![
                    action(kim.clone(), "safety"),
                    json!({ "domain": "safety", "what": "x", "owner": kim, "due_on": days(-1).to_string() }),
                ],
            ),
            "actions[1].due_on",
        ),
        (
            judgement_body(
                "verschil",
                vec![
                    action(kim.clone(), "safety"),
                    json!({ "domain": "safety", "what": "x", "owner": kim, "due_on": "2206-12-01" }),
                ],
            ),
            "actions[1].due_on",
        ),
    ] {
        let r = m.send(Method::POST, &m.judgement(), &m.sanne, &b).await;
        assert_eq!(
            field(&r),
            (StatusCode::BAD_REQUEST, expected.to_owned()),
            "{b}"
        );
    }
    m.done().await;
}

#[tokio::test]
async fn no_judgement_before_the_meetings_day() {
    let m = Meetings::with_views().await;
    let r = m
        .send(
            Method::POST,
            &format!("{}/{}/judgement", m.base, m.later),
            &m.sanne,
            &m.good(),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "not before the meeting's day"
    );
    m.done().await;
}

#[tokio::test]
async fn the_judgement_goes_into_the_plan_with_its_owned_actions() {
    let m = Meetings::with_views().await;
    let r = m
        .send(Method::POST, &m.judgement(), &m.sanne, &m.good())
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["plan_version"], 1);
    let plan = m
        .send(
            Method::GET,
            &format!("/api/v1/families/{}/plan", m.w.family),
            &m.thomas,
            "",
        )
        .await
        .json();
    let actions = plan["plan"]["domains"][0]["actions"].as_array().unwrap();
    assert_eq!(plan["plan"]["domains"][0]["domain"], "safety");
    assert_eq!(
        actions
            .iter()
            .map(|a| a["who"]["name"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["Kim Jansen", "SAVE Jeugdbescherming"]
    );
    m.done().await;
}

/// Held: the judgement stands.
#[tokio::test]
async fn a_held_meeting_is_not_judged_viewed_or_cancelled_again() {
    let m = Meetings::judged().await;
    for (method, path, b) in [
        (Method::POST, m.judgement(), m.good()),
        (Method::PUT, m.views(), view("Nog iets")),
        (
            Method::POST,
            format!("{}/{}/cancel", m.base, m.id),
            json!({ "reason": "Toch niet" }).to_string(),
        ),
    ] {
        let r = m.send(method, &path, &m.sanne, &b).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{path}");
    }
    m.done().await;
}

#[tokio::test]
async fn a_held_meeting_lists_its_judgement_with_the_owners_and_the_plan_version() {
    let m = Meetings::judged().await;
    let held = m.listed(&m.thomas).await;
    assert_eq!(held["state"], "held");
    assert_eq!(held["judgement"]["actions"][0]["owner_label"], "Kim Jansen");
    assert_eq!(held["judgement"]["plan_version"], 1);
    m.done().await;
}

/// Cancelling the later meeting: lead work, with a reason, once.
#[tokio::test]
async fn a_meeting_is_cancelled_by_the_lead_with_a_reason_once() {
    let m = Meetings::judged().await;
    let cancel = format!("{}/{}/cancel", m.base, m.later);
    let reason = json!({ "reason": "Vader opgenomen; nieuwe datum volgt" }).to_string();
    assert_eq!(
        m.send(Method::POST, &cancel, &m.thomas, &reason)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = m.send(Method::POST, &cancel, &m.sanne, "{}").await;
    assert_eq!(field(&r), (StatusCode::BAD_REQUEST, "reason".to_owned()));
    assert_eq!(
        m.send(Method::POST, &cancel, &m.sanne, &reason)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        m.send(Method::POST, &cancel, &m.sanne, &reason)
            .await
            .status,
        StatusCode::CONFLICT
    );
    m.done().await;
}

/// Joint assessments of Gezin Jansen through the pages, built step by step as Sanne
/// schedules one and Thomas gives SAVE's view: each step is the setup the next tests
/// start from.
struct Pages {
    w: World,
    /// The scheduled meeting's page.
    meeting: String,
}

impl Pages {
    /// Nothing scheduled yet.
    async fn new() -> Self {
        Self {
            w: world().await,
            meeting: String::new(),
        }
    }

    /// The family's meetings page.
    fn list(&self) -> String {
        format!("/gezinnen/{}/beoordeling", self.w.family)
    }

    /// `who` posts `fields` to `path`, with the csrf token of the meetings page.
    async fn posts(&self, who: &Account, path: &str, fields: &[(&str, &str)]) -> common::Response {
        let mut b = self.w.app.signed_in_browser(who).await;
        let csrf = b.get(&self.list()).await.csrf();
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        b.post(path, &form).await
    }

    /// `who`'s browser gets `path`.
    async fn page(&self, who: &Account, path: &str) -> common::Response {
        self.w.app.signed_in_browser(who).await.get(path).await
    }

    /// Sanne's learning meeting today at `time`, inviting `invited`.
    async fn schedule(
        &self,
        time: &str,
        invited: &[&str],
        extra: &[(&str, &str)],
    ) -> common::Response {
        let today = today().to_string();
        let mut fields = vec![
            ("kind", "learning_meeting"),
            ("date", today.as_str()),
            ("time", time),
        ];
        fields.extend(invited.iter().map(|o| ("invited", *o)));
        fields.extend_from_slice(extra);
        self.posts(&self.w.sanne, &self.list(), &fields).await
    }

    /// Today at nine with Lokalis and SAVE, the family taking part.
    async fn schedule_good(&self) -> common::Response {
        self.schedule(
            "09:00",
            &[&self.w.lokalis, &self.w.save],
            &[("family_takes_part", "ja")],
        )
        .await
    }

    /// Sanne scheduled today's meeting.
    async fn scheduled() -> Self {
        let mut p = Self::new().await;
        let r = p.schedule_good().await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        p.meeting = r.location().to_owned();
        p
    }

    /// Thomas posts SAVE's view.
    async fn view(&self, fields: &[(&str, &str)]) -> common::Response {
        self.posts(&self.w.thomas, &format!("{}/visie", self.meeting), fields)
            .await
    }

    /// SAVE's view as Thomas writes it, with `strengths`.
    fn saves_view(strengths: &str) -> [(&str, &str); 3] {
        [
            ("worries", "Geweld in het gezin"),
            ("strengths", strengths),
            ("needs", "Een ondertoezichtstelling"),
        ]
    }

    /// Thomas gave SAVE's view.
    async fn with_view() -> Self {
        let p = Self::scheduled().await;
        let r = p.view(&Self::saves_view("Oma is betrokken")).await;
        assert_eq!(r.location(), p.meeting);
        p
    }

    /// Sanne posts the judgement.
    async fn judge(&self, fields: &[(&str, &str)]) -> common::Response {
        let mut form = vec![("judgement_needs", "Rust en een noodadres")];
        form.extend_from_slice(fields);
        self.posts(&self.w.sanne, &format!("{}/oordeel", self.meeting), &form)
            .await
    }

    /// The action on the judgement's second row, Kim's if `owned`.
    async fn judge_with_action(&self, owned: bool) -> common::Response {
        let kim = format!("member:{}", self.w.kim);
        let due = days(14).to_string();
        let mut fields = vec![("what_2", "Noodadres afspreken met oma")];
        if owned {
            fields.push(("owner_2", kim.as_str()));
        }
        fields.extend([("domain_2", "safety"), ("due_2", due.as_str())]);
        self.judge(&fields).await
    }

    /// Sanne recorded the judgement: the meeting was held.
    async fn judged() -> Self {
        let p = Self::with_view().await;
        let r = p.judge_with_action(true).await;
        assert_eq!(r.location(), p.meeting, "{}", r.body);
        p
    }

    async fn done(self) {
        self.w.app.done().await;
    }
}

#[tokio::test]
async fn the_family_page_links_the_meetings() {
    let p = Pages::new().await;
    let file = p
        .page(&p.w.sanne, &format!("/gezinnen/{}", p.w.family))
        .await;
    assert!(
        file.body
            .contains(&format!("href=\"/gezinnen/{}/beoordeling\"", p.w.family)),
        "the family page links the meetings"
    );
    p.done().await;
}

#[tokio::test]
async fn the_lead_gets_the_scheduling_form() {
    let p = Pages::new().await;
    let list_path = p.list();
    let page = p.page(&p.w.sanne, &list_path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("action=\"{list_path}\"")));
    p.done().await;
}

#[tokio::test]
async fn a_partner_sees_the_meetings_but_cannot_schedule_one() {
    let p = Pages::new().await;
    let list_path = p.list();
    let partner = p.page(&p.w.thomas, &list_path).await;
    assert_eq!(partner.status, StatusCode::OK);
    assert!(!partner.body.contains(&format!("action=\"{list_path}\"")));
    assert_eq!(
        p.posts(&p.w.thomas, &list_path, &[("kind", "learning_meeting")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    p.done().await;
}

#[tokio::test]
async fn a_time_that_is_none_is_refused_at_the_time() {
    let p = Pages::new().await;
    let r = p.schedule("9 uur", &[&p.w.lokalis], &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"time-error\""));
    p.done().await;
}

#[tokio::test]
async fn one_organisation_is_no_joint_meeting() {
    let p = Pages::new().await;
    let r = p.schedule("09:00", &[&p.w.lokalis], &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"invited-error\""),
        "one organisation is no joint meeting"
    );
    p.done().await;
}

#[tokio::test]
async fn the_lead_schedules_a_meeting_with_its_own_page() {
    let p = Pages::new().await;
    let r = p.schedule_good().await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let meeting = r.location().to_owned();
    assert!(meeting.starts_with(&format!("{}/", p.list())));
    p.done().await;
}

#[tokio::test]
async fn a_partner_gets_the_view_form_but_not_the_judgement_form() {
    let p = Pages::scheduled().await;
    let meeting = &p.meeting;
    let page = p.page(&p.w.thomas, meeting).await;
    assert!(page.body.contains(&format!("action=\"{meeting}/visie\"")));
    assert!(
        !page.body.contains(&format!("action=\"{meeting}/oordeel\"")),
        "the judgement is the lead's"
    );
    p.done().await;
}

#[tokio::test]
async fn a_view_without_worries_is_refused_at_the_field() {
    let p = Pages::scheduled().await;
    let r = p.view(&[("worries", ""), ("needs", "OTS")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"worries-error\""));
    p.done().await;
}

#[tokio::test]
async fn a_partners_view_shows_in_its_own_column() {
    let p = Pages::scheduled().await;
    let r = p.view(&Pages::saves_view("Oma is betrokken")).await;
    assert_eq!(r.location(), p.meeting);
    let page = p.page(&p.w.sanne, &p.meeting).await;
    assert!(page.body.contains("Een ondertoezichtstelling"));
    assert!(
        page.body.contains("Nog geen visie vastgelegd."),
        "Lokalis has none yet"
    );
    p.done().await;
}

#[tokio::test]
async fn a_judgement_without_actions_is_refused() {
    let p = Pages::with_view().await;
    let r = p.judge(&[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Leg minstens één actie vast"));
    p.done().await;
}

#[tokio::test]
async fn an_action_without_an_owner_is_refused_at_its_row() {
    let p = Pages::with_view().await;
    let r = p.judge_with_action(false).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"owner_2-error\""),
        "the row it belongs to"
    );
    p.done().await;
}

#[tokio::test]
async fn a_judged_meeting_is_held_links_the_plan_and_has_no_judgement_form() {
    let p = Pages::with_view().await;
    let meeting = &p.meeting;
    let r = p.judge_with_action(true).await;
    assert_eq!(r.location(), meeting, "{}", r.body);
    let page = p.page(&p.w.sanne, meeting).await;
    assert!(
        page.body
            .contains("Gehouden, gezamenlijk oordeel vastgelegd")
    );
    assert!(
        page.body
            .contains(&format!("href=\"/gezinnen/{}/plan\"", p.w.family))
    );
    assert!(!page.body.contains(&format!("action=\"{meeting}/oordeel\"")));
    p.done().await;
}

/// Thomas still had the page open and sends a better view after the meeting was held:
/// 409, the page says so and shows what he typed.
#[tokio::test]
async fn a_view_after_the_meeting_was_held_is_refused_and_kept() {
    let p = Pages::judged().await;
    let typed = "Na het gesprek: oma kan het noodadres zijn";
    let r = p.view(&Pages::saves_view(typed)).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains(typed), "{}", r.body);
    assert!(r.body.contains("class=\"kept-input\""));
    p.done().await;
}

#[tokio::test]
async fn the_judgements_action_goes_into_the_plan() {
    let p = Pages::judged().await;
    let plan = p
        .page(&p.w.sanne, &format!("/gezinnen/{}/plan", p.w.family))
        .await;
    assert!(plan.body.contains("Noodadres afspreken met oma"));
    p.done().await;
}

#[tokio::test]
async fn the_timeline_names_the_judgement_and_the_plan_version() {
    let p = Pages::judged().await;
    let timeline = p
        .page(&p.w.sanne, &format!("/gezinnen/{}/tijdlijn", p.w.family))
        .await;
    assert!(
        timeline
            .body
            .contains("legde het gezamenlijk oordeel vast: 1 actie in het plan (versie 1)"),
        "{}",
        timeline.body
    );
    common::scan::assert_clean("the timeline", &timeline.body);
    p.done().await;
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
