//! SAVE op locatie through the API and the pages: who may manage the schedule, book,
//! record the advice and cancel; bad input named by field; illegal transitions 409;
//! consultations by name only for one's own families with the family's consent.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::{Account, App};
use eenplan_domain::FamilyId;
use eenplan_domain::calendar::Calendar;
use eenplan_domain::family::{ConsentForm, ConsentStep, DataCategory, MemberKind, NewMember};
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_domain::save_on_site::OnSiteDay;
use eenplan_store::{Ask, ConsentInput, SessionKind};
use jiff::civil::Date;
use serde_json::Value;

fn today() -> Date {
    eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now())
}

fn plus(d: Date, days: i64) -> Date {
    d.checked_add(jiff::Span::new().days(days)).unwrap()
}

fn day_code(d: Date) -> &'static str {
    OnSiteDay::ALL
        .iter()
        .find(|x| x.weekday() == d.weekday())
        .unwrap()
        .code()
}

struct World {
    app: App,
    eva: Account,
    lotte: Account,
    noor: Account,
    sanne: Account,
    kees: Account,
    fleur: Account,
    vera: Account,
    save_id: String,
    lokalis_team: String,
    family: String,
    /// The next on-site day after today, and the last one before it.
    next: Date,
    past: Date,
}

/// SAVE (team lead Eva, workers Lotte and Noor), Lokalis (Sanne, the family's
/// regisseur, and Kees, in the same team), Binding (Fleur, another local team), Veilig
/// Thuis (Vera); the Jansen family, led by Sanne.
async fn world() -> World {
    let app = App::new().await;
    let lokalis_team = app
        .organisation("lokalis", OrganisationKind::LocalTeam)
        .await;
    let binding_team = app
        .organisation("binding", OrganisationKind::LocalTeam)
        .await;
    app.organisation("vt", OrganisationKind::VeiligThuis).await;
    let eva = app
        .account("eva@save.example", &[Role::TeamLead], true)
        .await;
    let lotte = app
        .account("lotte@save.example", &[Role::Professional], true)
        .await;
    let noor = app
        .account("noor@save.example", &[Role::Professional], true)
        .await;
    let sanne = app
        .account_in(
            "lokalis",
            Some(&lokalis_team),
            "sanne@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let kees = app
        .account_in(
            "lokalis",
            Some(&lokalis_team),
            "kees@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let fleur = app
        .account_in(
            "binding",
            Some(&binding_team),
            "fleur@binding.example",
            &[Role::Professional],
            true,
        )
        .await;
    let vera = app
        .account_in("vt", None, "vera@vt.example", &[Role::Professional], true)
        .await;
    let system = Actor::System { component: "test" };
    let mut tx = app.store.write().await.unwrap();
    let lokalis = tx
        .organisation_by_slug("lokalis")
        .await
        .unwrap()
        .unwrap()
        .id;
    let save_id = tx.organisation_by_slug("save").await.unwrap().unwrap().id;
    let family = tx
        .open_family(
            &system,
            eenplan_store::NewFamily {
                label: "Gezin Jansen".into(),
                street: "Zamenhofdreef".into(),
                house_number: "12".into(),
                postcode: eenplan_domain::family::Postcode::parse("3562 JW").unwrap(),
                city: "Utrecht".into(),
                area_id: None,
            },
            &sanne.user_id,
            &lokalis,
        )
        .await
        .unwrap();
    for (kind, name, born, custody) in [
        (
            MemberKind::Child,
            "Sam Jansen",
            Some(plus(today(), -9 * 365)),
            false,
        ),
        (MemberKind::Parent, "Kim Jansen", None, true),
    ] {
        tx.add_member(
            &system,
            &family,
            NewMember {
                kind,
                name: name.into(),
                date_of_birth: born,
                has_custody: custody,
            },
            today(),
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let cal = Calendar::default();
    let next = (1..30)
        .map(|n| plus(today(), n))
        .find(|d| cal.is_working_day(*d))
        .unwrap();
    let past = (1..10)
        .map(|n| plus(next, -7 * n))
        .find(|d| cal.is_working_day(*d) && *d < today())
        .unwrap();
    World {
        app,
        eva,
        lotte,
        noor,
        sanne,
        kees,
        fleur,
        vera,
        save_id: save_id.to_string(),
        lokalis_team,
        family: family.to_string(),
        next,
        past,
    }
}

impl World {
    async fn api(&self, who: &Account) -> Vec<(&'static str, String)> {
        let token = self.app.session_token(who, SessionKind::Api).await;
        vec![
            ("authorization", format!("Bearer {token}")),
            ("content-type", "application/json".to_owned()),
        ]
    }

    async fn consent(&self) {
        let mut tx = self.app.store.write().await.unwrap();
        let f = tx
            .family(&FamilyId::from(self.family.as_str()))
            .await
            .unwrap()
            .unwrap();
        tx.record_consent(
            &Actor::System { component: "test" },
            &FamilyId::from(self.family.as_str()),
            &self.sanne.user_id,
            &ConsentInput {
                step: ConsentStep::NamedConsultation,
                organisation_id: Some(self.save_id.clone().into()),
                purpose: "Overleg op naam met SAVE op locatie".into(),
                categories: vec![DataCategory::Identity],
                children: vec![f.members[0].id.clone()],
                given_by: vec![f.members[1].id.clone()],
                form: ConsentForm::Spoken,
                given_on: today(),
                ends_on: None,
            },
            today(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }

    /// A booking made on an earlier on-site day (as if then), through the store.
    async fn booked_in_the_past(&self, slot: &str, question: &str) -> String {
        let mut tx = self.app.store.write().await.unwrap();
        let sanne = tx.principal(&self.sanne.user_id).await.unwrap().unwrap();
        let id = tx
            .book_on_site(
                &sanne.actor(),
                &sanne,
                &Ask {
                    slot_id: slot.to_owned(),
                    on: self.past,
                    family_id: None,
                    question: question.to_owned(),
                },
                self.past,
                eenplan_domain::UtcTime::now(),
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id
    }

    /// Lotte's part-day at Lokalis, on the weekday of the next on-site day.
    async fn slot(&self) -> String {
        let body = serde_json::json!({
            "worker_id": self.lotte.user_id, "team_id": self.lokalis_team,
            "day": day_code(self.next), "part_of_day": "morning",
            "starts_on": plus(self.next, -70).to_string(),
        })
        .to_string();
        let r = self
            .app
            .raw(
                Method::POST,
                "/api/v1/save-op-locatie/slots",
                &self.api(&self.eva).await,
                &body,
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        r.json()["id"].as_str().unwrap().to_owned()
    }
}

fn field(r: &common::Response) -> (StatusCode, Option<String>) {
    let name = serde_json::from_str::<Value>(&r.body)
        .ok()
        .and_then(|v| v["invalidParams"][0]["name"].as_str().map(str::to_owned));
    (r.status, name)
}

fn bad(name: &str) -> (StatusCode, Option<String>) {
    (StatusCode::BAD_REQUEST, Some(name.to_owned()))
}

type Headers = Vec<(&'static str, String)>;

const SLOTS: &str = "/api/v1/save-op-locatie/slots";

fn slot(worker: &str, team: &str, day: &str, part: &str, starts: &str) -> String {
    serde_json::json!({
        "worker_id": worker, "team_id": team, "day": day, "part_of_day": part, "starts_on": starts,
    })
    .to_string()
}

/// Eva, SAVE's team lead, on the schedule API, built step by step: Lotte's Monday
/// morning at Lokalis added, then ended.
struct Schedule {
    w: World,
    eva: Vec<(&'static str, String)>,
    /// Lotte's Monday morning, once added.
    id: String,
}

impl Schedule {
    async fn new() -> Self {
        let w = world().await;
        let eva = w.api(&w.eva).await;
        Self {
            w,
            eva,
            id: String::new(),
        }
    }

    /// Lotte's Monday morning at Lokalis from 5 January 2026.
    fn monday(&self) -> String {
        slot(
            self.w.lotte.user_id.as_str(),
            &self.w.lokalis_team,
            "monday",
            "morning",
            "2026-01-05",
        )
    }

    fn end(&self) -> String {
        format!("{SLOTS}/{}/end", self.id)
    }

    async fn post(&self, path: &str, who: &Headers, body: &str) -> common::Response {
        self.w.app.raw(Method::POST, path, who, body).await
    }

    async fn list(&self, who: &Headers) -> common::Response {
        self.w.app.raw(Method::GET, SLOTS, who, "").await
    }

    /// Eva added Lotte's Monday morning.
    async fn added() -> Self {
        let mut s = Self::new().await;
        let r = s.post(SLOTS, &s.eva, &s.monday()).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        s.id = r.json()["id"].as_str().unwrap().to_owned();
        s
    }

    /// Eva ended it on 31 March 2026.
    async fn ended() -> Self {
        let s = Self::added().await;
        let r = s
            .post(&s.end(), &s.eva, r#"{"ends_on":"2026-03-31"}"#)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        s
    }

    async fn openapi(&self) -> Value {
        self.w
            .app
            .raw(Method::GET, "/api/v1/openapi.json", &[], "")
            .await
            .json()
    }

    async fn done(self) {
        self.w.app.done().await;
    }
}

/// Not a team lead of a certified institution: refused by the route's policy.
#[tokio::test]
async fn only_a_certified_institutions_team_lead_adds_a_part_day() {
    let s = Schedule::new().await;
    for who in [&s.w.noor, &s.w.sanne, &s.w.vera] {
        let r = s.post(SLOTS, &s.w.api(who).await, &s.monday()).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    }
    s.done().await;
}

#[tokio::test]
async fn a_part_day_names_its_invalid_field() {
    let s = Schedule::new().await;
    let w = &s.w;
    for (body, name) in [
        (
            slot(
                w.lotte.user_id.as_str(),
                &w.lokalis_team,
                "saturday",
                "morning",
                "2026-01-05",
            ),
            "day",
        ),
        (
            slot(
                w.lotte.user_id.as_str(),
                &w.lokalis_team,
                "monday",
                "evening",
                "2026-01-05",
            ),
            "part_of_day",
        ),
        (
            slot(
                w.lotte.user_id.as_str(),
                &w.lokalis_team,
                "monday",
                "morning",
                "5-1-2026",
            ),
            "starts_on",
        ),
        (
            slot(
                w.sanne.user_id.as_str(),
                &w.lokalis_team,
                "monday",
                "morning",
                "2026-01-05",
            ),
            "worker_id",
        ),
        (
            slot(
                w.lotte.user_id.as_str(),
                "geen-team",
                "monday",
                "morning",
                "2026-01-05",
            ),
            "team_id",
        ),
        (
            serde_json::json!({
                "worker_id": w.lotte.user_id, "team_id": w.lokalis_team, "day": "monday",
                "part_of_day": "morning", "starts_on": "2026-01-05", "ends_on": "2025-12-31",
            })
            .to_string(),
            "ends_on",
        ),
    ] {
        let r = s.post(SLOTS, &s.eva, &body).await;
        assert_eq!(field(&r), bad(name), "{body}: {}", r.body);
    }
    s.done().await;
}

/// A mistyped year: plausible dates are the domain's rule.
#[tokio::test]
async fn a_part_day_in_a_mistyped_year_is_refused_at_its_date() {
    let s = Schedule::new().await;
    let w = &s.w;
    for (body, name) in [
        (
            slot(
                w.lotte.user_id.as_str(),
                &w.lokalis_team,
                "monday",
                "morning",
                "2206-01-05",
            ),
            "starts_on",
        ),
        (
            slot(
                w.lotte.user_id.as_str(),
                &w.lokalis_team,
                "monday",
                "morning",
                "0202-01-05",
            ),
            "starts_on",
        ),
        (
            serde_json::json!({
                "worker_id": w.lotte.user_id, "team_id": w.lokalis_team, "day": "monday",
                "part_of_day": "morning", "starts_on": "2026-01-05", "ends_on": "2206-12-31",
            })
            .to_string(),
            "ends_on",
        ),
    ] {
        let r = s.post(SLOTS, &s.eva, &body).await;
        assert_eq!(field(&r), bad(name), "{body}: {}", r.body);
    }
    s.done().await;
}

#[tokio::test]
async fn one_worker_is_not_twice_on_site_in_one_part_day() {
    let s = Schedule::added().await;
    let r = s.post(SLOTS, &s.eva, &s.monday()).await;
    assert_eq!(
        (r.status, r.json()["type"].as_str()),
        (StatusCode::CONFLICT, Some("/problems/schedule-conflict")),
        "one worker is not twice on site on Monday morning"
    );
    s.done().await;
}

fn listed(r: common::Response) -> usize {
    r.json()["slots"].as_array().unwrap().len()
}

/// Who sees which schedule: SAVE its own, a local team its team's, others nothing.
#[tokio::test]
async fn save_sees_its_own_schedule() {
    let s = Schedule::added().await;
    assert_eq!(listed(s.list(&s.eva).await), 1);
    s.done().await;
}

#[tokio::test]
async fn a_local_team_sees_its_teams_part_days_with_the_coming_days() {
    let s = Schedule::added().await;
    let sanne = s.list(&s.w.api(&s.w.sanne).await).await;
    assert_eq!(sanne.status, StatusCode::OK);
    let seen = sanne.json();
    assert_eq!(seen["slots"][0]["id"], s.id.as_str());
    assert_eq!(seen["slots"][0]["day"], "monday");
    let coming = seen["slots"][0]["next_on_site_days"].as_array().unwrap();
    assert_eq!(coming.len(), 4);
    assert!(
        coming
            .iter()
            .all(|d| d.as_str().unwrap().parse::<Date>().unwrap() >= today())
    );
    s.done().await;
}

#[tokio::test]
async fn another_local_team_sees_no_part_days() {
    let s = Schedule::added().await;
    assert_eq!(listed(s.list(&s.w.api(&s.w.fleur).await).await), 0);
    s.done().await;
}

#[tokio::test]
async fn veilig_thuis_sees_no_schedule() {
    let s = Schedule::added().await;
    assert_eq!(
        s.list(&s.w.api(&s.w.vera).await).await.status,
        StatusCode::FORBIDDEN
    );
    s.done().await;
}

/// Ending: the team lead, of this organisation's slot, not before its start.
#[tokio::test]
async fn only_the_team_lead_ends_a_part_day() {
    let s = Schedule::added().await;
    let r = s
        .post(
            &s.end(),
            &s.w.api(&s.w.noor).await,
            r#"{"ends_on":"2027-06-30"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    s.done().await;
}

#[tokio::test]
async fn a_part_day_does_not_end_before_it_starts() {
    let s = Schedule::added().await;
    let r = s
        .post(&s.end(), &s.eva, r#"{"ends_on":"2025-12-31"}"#)
        .await;
    assert_eq!(field(&r), bad("ends_on"));
    s.done().await;
}

#[tokio::test]
async fn a_part_days_end_is_a_date() {
    let s = Schedule::added().await;
    let r = s.post(&s.end(), &s.eva, r#"{"ends_on":"30-6-2027"}"#).await;
    assert_eq!(field(&r), bad("ends_on"));
    s.done().await;
}

#[tokio::test]
async fn ending_an_unknown_part_day_is_not_found() {
    let s = Schedule::added().await;
    let r = s
        .post(
            &format!("{SLOTS}/geen/end"),
            &s.eva,
            r#"{"ends_on":"2027-06-30"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    s.done().await;
}

#[tokio::test]
async fn a_part_day_is_ended_once() {
    let s = Schedule::ended().await;
    let r = s
        .post(&s.end(), &s.eva, r#"{"ends_on":"2026-04-30"}"#)
        .await;
    assert_eq!(
        (r.status, r.json()["type"].as_str()),
        (StatusCode::CONFLICT, Some("/problems/illegal-transition")),
        "ended already"
    );
    s.done().await;
}

/// The OpenAPI document has every operation with its request schema.
#[tokio::test]
async fn the_openapi_document_has_every_save_on_site_operation() {
    let s = Schedule::ended().await;
    let doc = s.openapi().await;
    for (path, method) in [
        ("/save-op-locatie/slots", "get"),
        ("/save-op-locatie/slots", "post"),
        ("/save-op-locatie/slots/{slot}/end", "post"),
        ("/save-op-locatie/consultations", "get"),
        ("/save-op-locatie/consultations", "post"),
        ("/save-op-locatie/consultations/{consultation}", "get"),
        (
            "/save-op-locatie/consultations/{consultation}/advice",
            "post",
        ),
        (
            "/save-op-locatie/consultations/{consultation}/cancel",
            "post",
        ),
        ("/save-op-locatie/walk-ins", "post"),
        ("/families/{family}/save-consultations", "get"),
    ] {
        assert!(doc["paths"][path][method].is_object(), "{method} {path}");
    }
    s.done().await;
}

#[tokio::test]
async fn the_openapi_document_has_the_save_on_site_schemas() {
    let s = Schedule::ended().await;
    let doc = s.openapi().await;
    for schema in [
        "NewSaveOnSiteSlot",
        "NewSaveConsultation",
        "SaveWalkIn",
        "SaveAdvice",
        "SaveConsultation",
    ] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
    s.done().await;
}

#[tokio::test]
async fn the_consultation_list_takes_a_date() {
    let s = Schedule::ended().await;
    let doc = s.openapi().await;
    assert_eq!(
        doc["paths"]["/save-op-locatie/consultations"]["get"]["parameters"][0]["name"],
        "date"
    );
    s.done().await;
}

const CONSULTATIONS: &str = "/api/v1/save-op-locatie/consultations";
const QUESTION: &str =
    "Moeder vertelt over harde ruzies waar de kinderen bij zijn. Wanneer melden?";
const ADVICE: &str = r#"{"advice":"Bespreek de zorgen open met moeder en maak een veiligheidsplan.","next_steps":[{"what":"Gesprek met moeder","who":"Sanne (buurtteam)"}],"result":"none"}"#;

/// Consultations on Lotte's part-day at Lokalis, built step by step as Sanne books
/// them and Lotte holds them: each step is the setup the next tests start from.
struct Bookings {
    w: World,
    slot: String,
    sanne: Headers,
    kees: Headers,
    lotte: Headers,
    /// Sanne's booking without a name on the next on-site day.
    anonymous: Option<String>,
    /// Sanne's booking for Gezin Jansen on the next on-site day.
    named: Option<String>,
    /// A booking on the last on-site day before today.
    past: Option<String>,
}

impl Bookings {
    /// The world with Lotte's part-day and nothing booked.
    async fn new() -> Self {
        let w = world().await;
        let slot = w.slot().await;
        let (sanne, kees, lotte) = (
            w.api(&w.sanne).await,
            w.api(&w.kees).await,
            w.api(&w.lotte).await,
        );
        Self {
            w,
            slot,
            sanne,
            kees,
            lotte,
            anonymous: None,
            named: None,
            past: None,
        }
    }

    fn book(&self, date: Date, family: Option<&str>, question: &str) -> String {
        serde_json::json!({ "slot_id": self.slot, "date": date.to_string(), "family_id": family, "question": question })
            .to_string()
    }

    /// The question about Gezin Jansen, by name.
    fn named_booking(&self) -> String {
        self.book(
            self.w.next,
            Some(&self.w.family),
            "Gezin Jansen, Zamenhofdreef 12: vader drinkt",
        )
    }

    async fn post(&self, path: &str, who: &Headers, body: &str) -> common::Response {
        self.w.app.raw(Method::POST, path, who, body).await
    }

    async fn get(&self, path: &str, who: &Headers) -> common::Response {
        self.w.app.raw(Method::GET, path, who, "").await
    }

    fn one(&self) -> String {
        format!("{CONSULTATIONS}/{}", self.anonymous.as_deref().unwrap())
    }

    fn advice_path(&self) -> String {
        format!("{CONSULTATIONS}/{}/advice", self.past.as_deref().unwrap())
    }

    /// Sanne booked a consultation without a name.
    async fn booked_anonymously() -> Self {
        let mut b = Self::new().await;
        let r = b
            .post(CONSULTATIONS, &b.sanne, &b.book(b.w.next, None, QUESTION))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        b.anonymous = Some(r.json()["id"].as_str().unwrap().to_owned());
        b
    }

    /// The family consented and Sanne booked a consultation about it by name too.
    async fn booked_by_name() -> Self {
        let mut b = Self::booked_anonymously().await;
        b.w.consent().await;
        let r = b.post(CONSULTATIONS, &b.sanne, &b.named_booking()).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        b.named = Some(r.json()["id"].as_str().unwrap().to_owned());
        b
    }

    /// A booking on an earlier on-site day, not yet held.
    async fn booked_in_the_past() -> Self {
        let mut b = Self::booked_by_name().await;
        b.past = Some(b.w.booked_in_the_past(&b.slot, QUESTION).await);
        b
    }

    /// Lotte gave her advice on the earlier booking.
    async fn held() -> Self {
        let b = Self::booked_in_the_past().await;
        let r = b.post(&b.advice_path(), &b.lotte, ADVICE).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        b
    }

    /// Sanne cancelled her booking without a name.
    async fn cancelled() -> Self {
        let b = Self::held().await;
        let r = b
            .post(
                &format!("{}/cancel", b.one()),
                &b.sanne,
                r#"{"reason":"Moeder heeft zelf hulp gezocht"}"#,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        b
    }

    async fn done(self) {
        self.w.app.done().await;
    }
}

/// Bad input, named by field.
#[tokio::test]
async fn a_booking_names_its_invalid_field() {
    let b = Bookings::new().await;
    let (w, slot) = (&b.w, &b.slot);
    for (body, name) in [
        (b.book(w.next, None, " "), "question"),
        (b.book(w.next, None, "Gezin op 3562 JW"), "question"),
        (b.book(plus(w.next, 1), None, QUESTION), "date"),
        (b.book(w.past, None, QUESTION), "date"),
        // The same weekday some 180 years on: a mistyped year.
        (b.book(plus(w.next, 7 * 9390), None, QUESTION), "date"),
        (
            serde_json::json!({ "slot_id": slot, "date": "morgen", "question": QUESTION }).to_string(),
            "date",
        ),
        (
            serde_json::json!({ "slot_id": "geen", "date": w.next.to_string(), "question": QUESTION })
                .to_string(),
            "slot_id",
        ),
    ] {
        let r = b.post(CONSULTATIONS, &b.sanne, &body).await;
        assert_eq!(field(&r), bad(name), "{body}: {}", r.body);
    }
    b.done().await;
}

/// Another local team does not book at Lokalis's part-day; nor does SAVE itself.
#[tokio::test]
async fn another_local_team_and_save_itself_do_not_book_the_part_day() {
    let b = Bookings::new().await;
    for who in [&b.w.fleur, &b.w.noor] {
        let r = b
            .post(
                CONSULTATIONS,
                &b.w.api(who).await,
                &b.book(b.w.next, None, QUESTION),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    }
    b.done().await;
}

#[tokio::test]
async fn the_teams_professional_books_a_consultation_without_a_name() {
    let b = Bookings::new().await;
    let r = b
        .post(CONSULTATIONS, &b.sanne, &b.book(b.w.next, None, QUESTION))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["state"], "booked");
    b.done().await;
}

/// By name: only for a family in the asker's own circle.
#[tokio::test]
async fn a_named_consultation_is_only_for_a_family_in_the_askers_circle() {
    let b = Bookings::booked_anonymously().await;
    let r = b.post(CONSULTATIONS, &b.kees, &b.named_booking()).await;
    assert_eq!(field(&r), bad("family_id"), "not Kees's family");
    assert!(!r.body.contains("Jansen"));
    b.done().await;
}

#[tokio::test]
async fn a_named_consultation_needs_the_familys_consent() {
    let b = Bookings::booked_anonymously().await;
    let named = b.named_booking();
    let r = b.post(CONSULTATIONS, &b.sanne, &named).await;
    assert_eq!(field(&r), bad("family_id"), "no consent yet");
    // The refusal's Dutch sentence, not the domain's developer text.
    assert!(r.body.contains("overleg op naam"), "{}", r.body);
    b.w.consent().await;
    let r = b.post(CONSULTATIONS, &b.sanne, &named).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    b.done().await;
}

#[tokio::test]
async fn a_named_booking_for_another_circles_family_is_in_the_access_log() {
    let b = Bookings::booked_anonymously().await;
    let r = b.post(CONSULTATIONS, &b.kees, &b.named_booking()).await;
    assert_eq!(field(&r), bad("family_id"), "not Kees's family");
    let refused = b
        .w
        .app
        .store
        .read()
        .await
        .unwrap()
        .fetch_one(
            "SELECT COUNT(*) FROM access_log WHERE family_id = $1 AND outcome = 'denied' AND user_id = $2",
            eenplan_store::params![b.w.family.as_str(), b.w.kees.user_id.as_str()],
        )
        .await
        .unwrap()
        .int(0)
        .unwrap();
    assert!(refused >= 1, "Kees's attempt is in the access log");
    b.done().await;
}

/// Lotte's list for that day: both; Sanne's: what she asked; Kees's: nothing.
#[tokio::test]
async fn the_days_list_shows_the_worker_and_the_asker_their_consultations() {
    let b = Bookings::booked_by_name().await;
    let day = format!("{CONSULTATIONS}?date={}", b.w.next);
    let r = b.get(&day, &b.lotte).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let list = r.json();
    assert_eq!(list["consultations"].as_array().unwrap().len(), 2);
    assert_eq!(list["on_site"][0]["part_of_day"], "morning");
    assert_eq!(list["consultations"][1]["family"]["label"], "Gezin Jansen");
    assert_eq!(list["consultations"][0]["family"], Value::Null);
    assert_eq!(
        b.get(&day, &b.sanne).await.json()["consultations"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(
        b.get(&day, &b.kees).await.json()["consultations"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    b.done().await;
}

#[tokio::test]
async fn a_days_list_for_a_date_in_words_names_the_date() {
    let b = Bookings::booked_by_name().await;
    let r = b
        .get(&format!("{CONSULTATIONS}?date=gisteren"), &b.lotte)
        .await;
    assert_eq!(field(&r), bad("date"));
    b.done().await;
}

/// One consultation: for the worker and the asker only.
#[tokio::test]
async fn one_consultation_is_shown_to_its_worker_and_nobody_else_of_the_teams() {
    let b = Bookings::booked_by_name().await;
    let one = b.one();
    assert_eq!(b.get(&one, &b.lotte).await.status, StatusCode::OK);
    for who in [&b.w.kees, &b.w.eva, &b.w.noor] {
        assert_eq!(
            b.get(&one, &b.w.api(who).await).await.status,
            StatusCode::NOT_FOUND
        );
    }
    b.done().await;
}

#[tokio::test]
async fn advice_waits_until_the_day_has_come() {
    let b = Bookings::booked_by_name().await;
    let r = b
        .post(&format!("{}/advice", b.one()), &b.lotte, ADVICE)
        .await;
    assert_eq!(
        (r.status, r.json()["type"].as_str()),
        (StatusCode::CONFLICT, Some("/problems/illegal-transition")),
        "the day has not come"
    );
    b.done().await;
}

#[tokio::test]
async fn the_worker_gives_the_advice_not_the_asker_nor_another_professional() {
    let b = Bookings::booked_in_the_past().await;
    let r = b.post(&b.advice_path(), &b.sanne, ADVICE).await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "Sanne asked; Lotte advises"
    );
    let r = b.post(&b.advice_path(), &b.kees, ADVICE).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    b.done().await;
}

#[tokio::test]
async fn advice_names_its_invalid_field() {
    let b = Bookings::booked_in_the_past().await;
    for (body, name) in [
        (r#"{"advice":" ","result":"none"}"#, "advice"),
        (r#"{"advice":"Melden.","result":"later"}"#, "result"),
        (
            r#"{"advice":"Melden.","next_steps":[{"what":"Melding doen","who":""}],"result":"veilig_thuis_report"}"#,
            "next_steps",
        ),
        (
            r#"{"advice":"Bel vader op 0612345678.","result":"none"}"#,
            "advice",
        ),
    ] {
        let r = b.post(&b.advice_path(), &b.lotte, body).await;
        assert_eq!(field(&r), bad(name), "{body}: {}", r.body);
    }
    b.done().await;
}

#[tokio::test]
async fn advice_is_given_once_and_the_asker_reads_it() {
    let b = Bookings::booked_in_the_past().await;
    let r = b.post(&b.advice_path(), &b.lotte, ADVICE).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = b.post(&b.advice_path(), &b.lotte, ADVICE).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "held already");
    let past = b.past.as_deref().unwrap();
    let shown = b
        .get(&format!("{CONSULTATIONS}/{past}"), &b.sanne)
        .await
        .json();
    assert_eq!(
        (shown["state"].as_str(), shown["result"].as_str()),
        (Some("held"), Some("none"))
    );
    assert_eq!(shown["next_steps"][0]["who"], "Sanne (buurtteam)");
    b.done().await;
}

#[tokio::test]
async fn a_held_consultation_is_not_cancelled() {
    let b = Bookings::held().await;
    let past = b.past.as_deref().unwrap();
    let r = b
        .post(
            &format!("{CONSULTATIONS}/{past}/cancel"),
            &b.sanne,
            r#"{"reason":"te laat"}"#,
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "a held consultation stays held"
    );
    b.done().await;
}

/// Cancelling: who booked it (or the worker), with a reason, once.
#[tokio::test]
async fn a_consultation_is_cancelled_by_its_asker_with_a_reason_once() {
    let b = Bookings::held().await;
    let cancel = format!("{}/cancel", b.one());
    let r = b.post(&cancel, &b.kees, r#"{"reason":"ziek"}"#).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = b.post(&cancel, &b.sanne, r#"{"reason":" "}"#).await;
    assert_eq!(field(&r), bad("reason"));
    let r = b
        .post(
            &cancel,
            &b.sanne,
            r#"{"reason":"Moeder heeft zelf hulp gezocht"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = b.post(&cancel, &b.lotte, r#"{"reason":"nog eens"}"#).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    b.done().await;
}

#[tokio::test]
async fn a_cancelled_consultation_gets_no_advice() {
    let b = Bookings::cancelled().await;
    let r = b
        .post(&format!("{}/advice", b.one()), &b.lotte, ADVICE)
        .await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "a cancelled one is not held"
    );
    b.done().await;
}

/// A walk-in: the worker records it, held at once, for a professional of the team.
#[tokio::test]
async fn the_worker_records_a_walk_in_held_at_once_for_a_professional_of_the_team() {
    let b = Bookings::cancelled().await;
    let walk_ins = "/api/v1/save-op-locatie/walk-ins";
    let walk_in = |asked_by: &str| {
        serde_json::json!({
            "slot_id": b.slot, "date": b.w.past.to_string(), "asked_by": asked_by, "question": QUESTION,
            "advice": "Melden bij Veilig Thuis; SAVE denkt mee.",
            "next_steps": [{ "what": "Melding bij Veilig Thuis", "who": "Sanne (buurtteam)" }],
            "result": "veilig_thuis_report",
        })
        .to_string()
    };
    let r = b
        .post(walk_ins, &b.sanne, &walk_in(b.w.sanne.user_id.as_str()))
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "only the worker records a walk-in"
    );
    let r = b
        .post(walk_ins, &b.lotte, &walk_in(b.w.fleur.user_id.as_str()))
        .await;
    assert_eq!(field(&r), bad("asked_by"));
    let r = b
        .post(walk_ins, &b.lotte, &walk_in(b.w.sanne.user_id.as_str()))
        .await;
    assert_eq!(
        (r.status, r.json()["state"].as_str()),
        (StatusCode::CREATED, Some("held")),
        "{}",
        r.body
    );
    b.done().await;
}

/// Ending the part-day: not while consultations are still on it after the end.
#[tokio::test]
async fn a_part_day_does_not_end_before_its_bookings_nor_in_a_mistyped_year() {
    let b = Bookings::booked_by_name().await;
    let end = format!("/api/v1/save-op-locatie/slots/{}/end", b.slot);
    let eva = b.w.api(&b.w.eva).await;
    let r = b
        .post(
            &end,
            &eva,
            &serde_json::json!({ "ends_on": plus(b.w.next, -1).to_string() }).to_string(),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "the named booking is still on"
    );
    let r = b
        .post(
            &end,
            &eva,
            &serde_json::json!({ "ends_on": "2206-12-31" }).to_string(),
        )
        .await;
    assert_eq!(field(&r), bad("ends_on"), "{}", r.body);
    b.done().await;
}

/// The family's file lists its consultations by name, for its circle only.
#[tokio::test]
async fn the_familys_file_lists_its_named_consultations_for_its_circle_only() {
    let b = Bookings::cancelled().await;
    let history = format!("/api/v1/families/{}/save-consultations", b.w.family);
    let r = b.get(&history, &b.sanne).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        r.json()["consultations"][0]["id"],
        b.named.as_deref().unwrap()
    );
    assert_eq!(r.json()["consultations"].as_array().unwrap().len(), 1);
    assert_eq!(
        b.get(&history, &b.w.api(&b.w.fleur).await).await.status,
        StatusCode::NOT_FOUND
    );
    b.done().await;
}

fn form<'a>(pairs: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    pairs.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

const DRINKS: &str = "Vader drinkt; hoe bespreek ik dat met het gezin?";
const ADVISED: &str = "Benoem de zorgen en vraag wat de ouders nodig hebben.";
const LATER: &str = "Ouders willen eerst zelf iets proberen";

/// SAVE op locatie through the pages, the family consenting to named consultations, built
/// step by step: Eva schedules Lotte's part-day, Sanne books about Gezin Jansen, Lotte
/// advises on an earlier booking, Sanne cancels hers.
struct Pages {
    w: World,
    /// Lotte's part-day, once Eva added it.
    slot: String,
    /// Sanne's named booking's page, once she booked it.
    at: String,
    /// The page of the booking on the last on-site day, once there is one.
    past_at: String,
}

impl Pages {
    async fn new() -> Self {
        let w = world().await;
        w.consent().await;
        Self {
            w,
            slot: String::new(),
            at: String::new(),
            past_at: String::new(),
        }
    }

    /// Eva's form for Lotte's morning at Lokalis on the next on-site day's weekday.
    fn add(&self, csrf: &str) -> Vec<(&'static str, String)> {
        vec![
            ("csrf", csrf.to_owned()),
            ("worker", self.w.lotte.user_id.to_string()),
            ("team", self.w.lokalis_team.clone()),
            ("day", day_code(self.w.next).to_owned()),
            ("part", "morning".to_owned()),
            ("starts_on", plus(self.w.next, -70).to_string()),
        ]
    }

    fn when(&self) -> String {
        format!("{}|{}", self.slot, self.w.next)
    }

    /// Eva added Lotte's part-day; its id from the schedule page.
    async fn scheduled() -> Self {
        let mut p = Self::new().await;
        let mut eva = p.w.app.signed_in_browser(&p.w.eva).await;
        let csrf = eva.get("/save-op-locatie").await.csrf();
        let r = eva
            .post("/save-op-locatie/rooster", &form(&p.add(&csrf)))
            .await;
        assert_eq!(r.location(), "/save-op-locatie", "{}", r.body);
        let page = eva.get("/save-op-locatie").await;
        p.slot = {
            let marker = "/save-op-locatie/rooster/";
            let start = page.body.find(marker).unwrap() + marker.len();
            page.body[start..]
                .split(['/', '"'])
                .next()
                .unwrap()
                .to_owned()
        };
        p
    }

    /// Sanne booked a consultation about Gezin Jansen.
    async fn booked() -> Self {
        let mut p = Self::scheduled().await;
        let mut sanne = p.w.app.signed_in_browser(&p.w.sanne).await;
        let csrf = sanne.get("/save-op-locatie").await.csrf();
        let r = sanne
            .post(
                "/save-op-locatie/boeken",
                &[
                    ("csrf", &csrf),
                    ("when", &p.when()),
                    ("family", &p.w.family),
                    ("question", DRINKS),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        p.at = r.location().to_owned();
        assert!(p.at.starts_with("/save-op-locatie/overleg/"));
        p
    }

    /// A booking on the last on-site day, not yet held.
    async fn booked_in_the_past() -> Self {
        let mut p = Self::booked().await;
        let past =
            p.w.booked_in_the_past(&p.slot, "Hoe praat ik met de ouders over de ruzies?")
                .await;
        p.past_at = format!("/save-op-locatie/overleg/{past}");
        p
    }

    /// Lotte posts her advice on the earlier booking, `advice` with one next step.
    async fn advise(&self, advice: &str, who: Option<&str>, result: &str) -> common::Response {
        let mut lotte = self.w.app.signed_in_browser(&self.w.lotte).await;
        let csrf = lotte.get(&self.past_at).await.csrf();
        let mut fields = vec![
            ("csrf", csrf.as_str()),
            ("advice", advice),
            ("what_1", "Gesprek met de ouders"),
        ];
        if let Some(who) = who {
            fields.push(("who_1", who));
        }
        fields.push(("result", result));
        lotte
            .post(&format!("{}/advies", self.past_at), &fields)
            .await
    }

    /// Lotte gave her advice on the earlier booking.
    async fn held() -> Self {
        let p = Self::booked_in_the_past().await;
        let r = p.advise(ADVISED, Some("Sanne"), "save_involvement").await;
        assert_eq!(r.location(), p.past_at);
        p
    }

    async fn cancel(&self, reason: &str) -> common::Response {
        let mut sanne = self.w.app.signed_in_browser(&self.w.sanne).await;
        let csrf = sanne.get(&self.at).await.csrf();
        sanne
            .post(
                &format!("{}/annuleren", self.at),
                &[("csrf", &csrf), ("reason", reason)],
            )
            .await
    }

    /// Sanne cancelled her named booking.
    async fn cancelled() -> Self {
        let p = Self::held().await;
        assert_eq!(p.cancel(LATER).await.location(), "/save-op-locatie");
        p
    }

    async fn done(self) {
        self.w.app.done().await;
    }
}

#[tokio::test]
async fn the_team_lead_has_the_menu_item_and_the_schedule_form() {
    let p = Pages::new().await;
    let mut eva = p.w.app.signed_in_browser(&p.w.eva).await;
    let page = eva.get("/save-op-locatie").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("href=\"/save-op-locatie\""), "menu item");
    assert!(page.body.contains("Dagdeel toevoegen"));
    p.done().await;
}

#[tokio::test]
async fn the_schedule_form_names_its_missing_fields() {
    let p = Pages::new().await;
    let mut eva = p.w.app.signed_in_browser(&p.w.eva).await;
    let csrf = eva.get("/save-op-locatie").await.csrf();
    let r = eva
        .post(
            "/save-op-locatie/rooster",
            &[("csrf", &csrf), ("day", "monday")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for id in ["worker-error", "team-error", "starts_on-error"] {
        assert!(r.body.contains(&format!("id=\"{id}\"")), "{id}");
    }
    p.done().await;
}

#[tokio::test]
async fn a_clashing_part_day_is_refused_at_the_day() {
    let p = Pages::scheduled().await;
    let mut eva = p.w.app.signed_in_browser(&p.w.eva).await;
    let csrf = eva.get("/save-op-locatie").await.csrf();
    let r = eva
        .post("/save-op-locatie/rooster", &form(&p.add(&csrf)))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"day-error\""), "the clash at the day");
    p.done().await;
}

#[tokio::test]
async fn the_schedule_names_the_organisation_and_team() {
    let p = Pages::scheduled().await;
    let mut eva = p.w.app.signed_in_browser(&p.w.eva).await;
    let page = eva.get("/save-op-locatie").await;
    assert!(page.body.contains("Organisatie lokalis — Team lokalis"));
    p.done().await;
}

#[tokio::test]
async fn a_part_day_does_not_end_before_it_starts_on_the_page() {
    let p = Pages::scheduled().await;
    let mut eva = p.w.app.signed_in_browser(&p.w.eva).await;
    let csrf = eva.get("/save-op-locatie").await.csrf();
    let slot = &p.slot;
    let r = eva
        .post(
            &format!("/save-op-locatie/rooster/{slot}/beeindigen"),
            &[("csrf", &csrf), ("ends_on", "2020-01-01")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(&format!("id=\"ends_on-{slot}-error\"")));
    p.done().await;
}

/// Noor, a SAVE professional, sees no schedule forms and may not post them.
#[tokio::test]
async fn a_save_professional_sees_no_schedule_form() {
    let p = Pages::scheduled().await;
    let mut noor = p.w.app.signed_in_browser(&p.w.noor).await;
    let page = noor.get("/save-op-locatie").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Dagdeel toevoegen"));
    p.done().await;
}

#[tokio::test]
async fn a_save_professional_may_not_post_the_schedule_form() {
    let p = Pages::scheduled().await;
    let mut noor = p.w.app.signed_in_browser(&p.w.noor).await;
    let csrf = noor.get("/save-op-locatie").await.csrf();
    let r = noor
        .post("/save-op-locatie/rooster", &form(&p.add(&csrf)))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    p.done().await;
}

#[tokio::test]
async fn the_asker_sees_the_next_on_site_day_and_her_family_to_name() {
    let p = Pages::scheduled().await;
    let mut sanne = p.w.app.signed_in_browser(&p.w.sanne).await;
    let page = sanne.get("/save-op-locatie").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&p.w.next.to_string()),
        "the next on-site day"
    );
    assert!(page.body.contains("Gezin Jansen"), "her family to name");
    p.done().await;
}

#[tokio::test]
async fn a_booking_needs_its_moment() {
    let p = Pages::scheduled().await;
    let mut sanne = p.w.app.signed_in_browser(&p.w.sanne).await;
    let csrf = sanne.get("/save-op-locatie").await.csrf();
    let r = sanne
        .post(
            "/save-op-locatie/boeken",
            &[("csrf", &csrf), ("question", "Vraag")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"when-error\""));
    p.done().await;
}

#[tokio::test]
async fn a_booking_question_names_no_address() {
    let p = Pages::scheduled().await;
    let mut sanne = p.w.app.signed_in_browser(&p.w.sanne).await;
    let csrf = sanne.get("/save-op-locatie").await.csrf();
    let r = sanne
        .post(
            "/save-op-locatie/boeken",
            &[
                ("csrf", &csrf),
                ("when", &p.when()),
                ("question", "Gezin op 3562 JW"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"question-error\""));
    p.done().await;
}

#[tokio::test]
async fn the_asker_reads_her_named_booking_without_an_advice_form() {
    let p = Pages::booked().await;
    let mut sanne = p.w.app.signed_in_browser(&p.w.sanne).await;
    let detail = sanne.get(&p.at).await;
    assert!(detail.body.contains("Vader drinkt") && detail.body.contains("Gezin Jansen"));
    assert!(!detail.body.contains("/advies"), "Sanne does not advise");
    p.done().await;
}

/// Kees (same team, not in the family's circle) cannot name the family.
#[tokio::test]
async fn a_colleague_outside_the_circle_cannot_name_the_family() {
    let p = Pages::booked().await;
    let mut kees = p.w.app.signed_in_browser(&p.w.kees).await;
    let page = kees.get("/save-op-locatie").await;
    assert!(!page.body.contains("Gezin Jansen"));
    let r = kees
        .post(
            "/save-op-locatie/boeken",
            &[
                ("csrf", &page.csrf()),
                ("when", &p.when()),
                ("family", &p.w.family),
                ("question", "Vraag"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"family-error\""));
    p.done().await;
}

#[tokio::test]
async fn a_colleague_outside_the_circle_does_not_find_the_named_booking() {
    let p = Pages::booked().await;
    let mut kees = p.w.app.signed_in_browser(&p.w.kees).await;
    assert_eq!(kees.get(&p.at).await.status, StatusCode::NOT_FOUND);
    p.done().await;
}

#[tokio::test]
async fn the_worker_sees_her_coming_days_with_the_consultation() {
    let p = Pages::booked().await;
    let mut lotte = p.w.app.signed_in_browser(&p.w.lotte).await;
    let page = lotte.get("/save-op-locatie").await;
    assert!(
        page.body.contains("Komende dagen op locatie"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Vader drinkt"));
    p.done().await;
}

#[tokio::test]
async fn the_worker_gets_the_advice_form_once_the_day_has_come() {
    let p = Pages::booked_in_the_past().await;
    let mut lotte = p.w.app.signed_in_browser(&p.w.lotte).await;
    let detail = lotte.get(&p.past_at).await;
    assert!(detail.body.contains("/advies"), "the advice form");
    p.done().await;
}

#[tokio::test]
async fn advice_needs_its_text() {
    let p = Pages::booked_in_the_past().await;
    let r = p.advise("", None, "none").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"advice-error\""));
    p.done().await;
}

#[tokio::test]
async fn a_next_step_names_who_takes_it() {
    let p = Pages::booked_in_the_past().await;
    let r = p.advise(ADVISED, None, "none").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"what_1-error\""), "who takes the step");
    p.done().await;
}

#[tokio::test]
async fn held_advice_shows_its_steps_and_result_and_is_final() {
    let p = Pages::held().await;
    let mut lotte = p.w.app.signed_in_browser(&p.w.lotte).await;
    let held = lotte.get(&p.past_at).await.body;
    assert!(
        held.contains("Gesprek met de ouders")
            && held.contains("Leidde tot betrokkenheid van SAVE")
    );
    assert!(
        !held.contains("/advies") && !held.contains("/annuleren"),
        "final"
    );
    p.done().await;
}

/// The same advice sent again from a page still open elsewhere: 409, and what was
/// typed is shown instead of lost.
#[tokio::test]
async fn advice_sent_twice_is_refused_with_what_was_typed_kept() {
    let p = Pages::booked_in_the_past().await;
    let mut lotte = p.w.app.signed_in_browser(&p.w.lotte).await;
    let csrf = lotte.get(&p.past_at).await.csrf();
    let r = p.advise(ADVISED, Some("Sanne"), "save_involvement").await;
    assert_eq!(r.location(), p.past_at);
    let typed = "Aanvulling: vraag ook naar de schulden";
    let r = lotte
        .post(
            &format!("{}/advies", p.past_at),
            &[
                ("csrf", &csrf),
                ("advice", typed),
                ("what_1", "Gesprek met de ouders"),
                ("who_1", "Sanne"),
                ("result", "save_involvement"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("class=\"kept-input\""), "{}", r.body);
    assert!(r.body.contains(typed));
    p.done().await;
}

#[tokio::test]
async fn cancelling_a_booking_needs_a_reason() {
    let p = Pages::held().await;
    let r = p.cancel("").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"reason-error\""));
    p.done().await;
}

#[tokio::test]
async fn a_cancelled_booking_shows_its_reason() {
    let p = Pages::cancelled().await;
    let mut sanne = p.w.app.signed_in_browser(&p.w.sanne).await;
    assert!(sanne.get(&p.at).await.body.contains(LATER));
    p.done().await;
}

/// Veilig Thuis has no part in it: no menu item, and the page is refused.
#[tokio::test]
async fn veilig_thuis_has_no_save_on_site_menu_item() {
    let p = Pages::cancelled().await;
    let mut vera = p.w.app.signed_in_browser(&p.w.vera).await;
    assert!(!vera.get("/start").await.body.contains("/save-op-locatie"));
    p.done().await;
}

#[tokio::test]
async fn veilig_thuis_is_refused_the_save_on_site_page() {
    let p = Pages::cancelled().await;
    let mut vera = p.w.app.signed_in_browser(&p.w.vera).await;
    assert_eq!(
        vera.get("/save-op-locatie").await.status,
        StatusCode::FORBIDDEN
    );
    p.done().await;
}

#[tokio::test]
async fn refused_schedule_and_booking_forms_come_back_as_typed() {
    let w = world().await;
    w.consent().await;
    let mut eva = w.app.signed_in_browser(&w.eva).await;
    let csrf = eva.get("/save-op-locatie").await.csrf();
    let starts = plus(w.next, -70).to_string();
    let ends = plus(w.next, 300).to_string();
    let add = vec![
        ("csrf", csrf.clone()),
        ("worker", w.lotte.user_id.to_string()),
        ("team", w.lokalis_team.clone()),
        ("day", day_code(w.next).to_owned()),
        ("part", "afternoon".to_owned()),
        ("starts_on", starts.clone()),
        ("ends_on", ends.clone()),
    ];
    let r = eva.post("/save-op-locatie/rooster", &form(&add)).await;
    assert_eq!(r.location(), "/save-op-locatie", "{}", r.body);
    // The same part-day again clashes: refused at the day, every choice kept.
    let r = eva.post("/save-op-locatie/rooster", &form(&add)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "day").is_some());
    assert_eq!(
        common::selected_option(&r.body, "worker").as_deref(),
        Some(w.lotte.user_id.as_str())
    );
    assert_eq!(
        common::selected_option(&r.body, "team").as_deref(),
        Some(w.lokalis_team.as_str())
    );
    assert_eq!(
        common::selected_option(&r.body, "day").as_deref(),
        Some(day_code(w.next))
    );
    assert_eq!(
        common::selected_option(&r.body, "part").as_deref(),
        Some("afternoon")
    );
    assert_eq!(
        common::control_value(&r.body, "starts_on").as_deref(),
        Some(starts.as_str())
    );
    assert_eq!(
        common::control_value(&r.body, "ends_on").as_deref(),
        Some(ends.as_str())
    );
    // A mistyped year in the start (the morning, so no clash): refused at the start,
    // every choice kept.
    let mut far = add.clone();
    far[4].1 = "morning".to_owned();
    far[5].1 = "2206-01-05".to_owned();
    let r = eva.post("/save-op-locatie/rooster", &form(&far)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        common::field_error(&r.body, "starts_on").as_deref(),
        Some("Deze datum kan niet kloppen; controleer het jaar.")
    );
    assert_eq!(
        common::control_value(&r.body, "starts_on").as_deref(),
        Some("2206-01-05")
    );
    assert_eq!(
        common::selected_option(&r.body, "part").as_deref(),
        Some("morning")
    );

    // Sanne's booking for her family without a question: refused there, all kept.
    let slot = {
        let mut tx = w.app.store.read().await.unwrap();
        tx.on_site_slots_of_worker(&w.lotte.user_id)
            .await
            .unwrap()
            .into_iter()
            .next()
            .unwrap()
            .id
    };
    let mut sanne = w.app.signed_in_browser(&w.sanne).await;
    let csrf = sanne.get("/save-op-locatie").await.csrf();
    let when = format!("{slot}|{}", w.next);
    let question = "  ";
    let r = sanne
        .post(
            "/save-op-locatie/boeken",
            &[
                ("csrf", csrf.as_str()),
                ("when", when.as_str()),
                ("family", w.family.as_str()),
                ("question", question),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "question").is_some());
    assert_eq!(
        common::selected_option(&r.body, "when").as_deref(),
        Some(when.as_str())
    );
    assert_eq!(
        common::selected_option(&r.body, "family").as_deref(),
        Some(w.family.as_str())
    );
    assert_eq!(
        common::field_error(&r.body, "question").as_deref(),
        Some("Vul dit veld in.")
    );
}

/// The worker on site looks back: past consultations by team and by a period they
/// choose, every one of them in it, and a period that runs backwards or over a year is
/// named at its field.
#[tokio::test]
async fn the_worker_sees_past_consultations_by_team_and_period() {
    let b = Bookings::held().await;
    let history = "/api/v1/save-op-locatie/history";
    let past = b.past.clone().unwrap();
    let r = b.get(history, &b.lotte).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let body = r.json();
    let ids: Vec<&str> = body["consultations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [past.as_str()],
        "the held consultation, not the coming ones"
    );
    assert_eq!(body["total"], 1);
    let team = format!("{history}?team_id={}", b.w.lokalis_team);
    assert_eq!(b.get(&team, &b.lotte).await.json()["total"], 1);
    let after = format!("{history}?from={}", plus(b.w.past, 1));
    assert_eq!(b.get(&after, &b.lotte).await.json()["total"], 0);
    for (query, field) in [
        (format!("from={}&to={}", today(), plus(today(), -1)), "from"),
        (format!("from={}&to={}", plus(today(), -400), today()), "to"),
        ("team_id=elders".to_owned(), "team_id"),
    ] {
        let r = b.get(&format!("{history}?{query}"), &b.lotte).await;
        assert_eq!(
            (r.status, r.json()["invalidParams"][0]["name"].as_str()),
            (StatusCode::BAD_REQUEST, Some(field)),
            "{query}"
        );
    }
    // Someone who was never on site has no past consultations.
    assert_eq!(b.get(history, &b.kees).await.json()["total"], 0);
    // Paged: the total as a header too, no next page when one holds them all, and a
    // page size or cursor that cannot be served is a 400 naming it, never clipped.
    assert_eq!(r.headers["x-total-count"], "1");
    assert!(r.headers.get("link").is_none());
    let one = b.get(&format!("{history}?limit=1"), &b.lotte).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(one.json()["consultations"].as_array().unwrap().len(), 1);
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("limit=veel", "limit"),
        ("cursor=bm9wZQ", "cursor"),
    ] {
        let r = b.get(&format!("{history}?{query}"), &b.lotte).await;
        assert_eq!(
            (r.status, r.json()["invalidParams"][0]["name"].as_str()),
            (StatusCode::BAD_REQUEST, Some(field)),
            "{query}"
        );
    }

    // The page: linked from the worker's part, in Dutch, the count said.
    let mut browser = b.w.app.signed_in_browser(&b.w.lotte).await;
    let page = browser.get("/save-op-locatie").await;
    assert!(page.body.contains("href=\"/save-op-locatie/geschiedenis\""));
    let page = browser.get("/save-op-locatie/geschiedenis").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains(&format!("/save-op-locatie/overleg/{past}"))
    );
    assert!(page.body.contains("1 overleg van"), "{}", page.body);
    let stale = browser
        .get("/save-op-locatie/geschiedenis?cursor=bm9wZQ")
        .await;
    assert_eq!(stale.status, StatusCode::BAD_REQUEST);
    assert!(stale.body.contains("Naar de eerste pagina"));
    let reversed = format!(
        "/save-op-locatie/geschiedenis?van={}&tot={}",
        today(),
        plus(today(), -1)
    );
    let page = browser.get(&reversed).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&page.body, "van").is_some());
    assert_eq!(
        common::control_value(&page.body, "van").as_deref(),
        Some(today().to_string().as_str()),
        "the period as typed"
    );
    b.done().await;
}

/// The team lead sees the bookings on a part-day (when and who asked, not which family
/// nor what) and cancels them, with the reason, so the part-day can end.
#[tokio::test]
async fn the_team_lead_cancels_a_part_days_bookings_and_then_ends_it() {
    let b = Bookings::booked_by_name().await;
    let eva = b.w.api(&b.w.eva).await;
    let bookings = format!("/api/v1/save-op-locatie/slots/{}/bookings", b.slot);
    let r = b.get(&bookings, &eva).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let list = r.json()["bookings"].as_array().unwrap().clone();
    assert_eq!(list.len(), 2);
    assert!(
        !r.body.contains("Jansen") && !r.body.contains("ruzies"),
        "no family nor question for the lead: {}",
        r.body
    );
    assert_eq!(
        b.get(&bookings, &b.sanne).await.status,
        StatusCode::FORBIDDEN
    );
    let cancel = |id: &str| format!("{bookings}/{id}/cancel");
    let named = b.named.clone().unwrap();
    let r = b.post(&cancel(&named), &eva, r#"{"reason":" "}"#).await;
    assert_eq!(field(&r), bad("reason"), "{}", r.body);
    let r = b
        .post(&cancel(&named), &b.sanne, r#"{"reason":"Ziek"}"#)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = b
        .post(&cancel("geen"), &eva, r#"{"reason":"Lotte is ziek"}"#)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = b
        .post(&cancel(&named), &eva, r#"{"reason":"Lotte is ziek"}"#)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["state"], "cancelled");
    let r = b
        .post(&cancel(&named), &eva, r#"{"reason":"Lotte is ziek"}"#)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    // The asker reads why.
    let r = b
        .get(&format!("{CONSULTATIONS}/{named}"), &b.sanne)
        .await
        .json();
    assert_eq!(r["state"], "cancelled");

    // The other one on the page: no family nor question, the reason at its field.
    let mut browser = b.w.app.signed_in_browser(&b.w.eva).await;
    let overview = browser.get("/save-op-locatie").await;
    let slot_page = format!("/save-op-locatie/rooster/{}", b.slot);
    assert!(overview.body.contains(&format!("href=\"{slot_page}\"")));
    let page = browser.get(&slot_page).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Gezin Jansen") && !page.body.contains("ruzies"));
    let anonymous = b.anonymous.clone().unwrap();
    let post_to = format!("{slot_page}/overleg/{anonymous}/annuleren");
    let csrf = page.csrf();
    let r = browser
        .post(&post_to, &[("csrf", csrf.as_str()), ("reason", "")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, &format!("reason-{anonymous}")).is_some());
    let r = browser
        .post(
            &post_to,
            &[("csrf", csrf.as_str()), ("reason", "Lotte is ziek")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = browser.get(&slot_page).await;
    assert!(page.body.contains("Er staan geen overleggen meer geboekt."));

    // Now the part-day ends.
    let end = format!("/api/v1/save-op-locatie/slots/{}/end", b.slot);
    let r = b
        .post(
            &end,
            &eva,
            &serde_json::json!({ "ends_on": plus(b.w.next, -1).to_string() }).to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    b.done().await;
}
