//! Veilig Thuis intake through the API: only Veilig Thuis's own professionals, the radar,
//! the work list and the assessment's legal and refused transitions.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode};
use common::App;
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_store::SessionKind;

type Headers = Vec<(&'static str, String)>;

const CONTACTS: &str = "/api/v1/veilig-thuis/contacts";
const REPORT: &str = r#"{"kind":"report","reporter":"school","reporter_name":"Meester Bas","child_name":"Kees Jansen","child_birth":"2016-04-02","postcode":"3562 JW","house_number":"12","concern":"Kees komt met blauwe plekken op school"}"#;

fn auth(token: String) -> Headers {
    vec![
        ("authorization", format!("Bearer {token}")),
        ("content-type", "application/json".to_owned()),
    ]
}

fn assess(id: &serde_json::Value) -> String {
    format!("{CONTACTS}/{}/assessment", id.as_str().unwrap())
}

/// A local team with the Jansen family at Zamenhofdreef 12, Veilig Thuis with Vera, and
/// Thomas of SAVE; `first` and `second` are the reports made so far.
struct Intake {
    app: App,
    family: eenplan_domain::FamilyId,
    vera: common::Account,
    thomas: common::Account,
    vt: Headers,
    save: Headers,
    first: serde_json::Value,
    second: serde_json::Value,
}

impl Intake {
    /// Nothing reported yet.
    async fn new() -> Self {
        let app = App::new().await;
        let team = app
            .organisation("lokalis", OrganisationKind::LocalTeam)
            .await;
        app.organisation("vt", OrganisationKind::VeiligThuis).await;
        let sanne = app
            .account_in(
                "lokalis",
                Some(&team),
                "sanne@lokalis.example",
                &[Role::Professional],
                true,
            )
            .await;
        let vera = app
            .account_in("vt", None, "vera@vt.example", &[Role::Professional], true)
            .await;
        let thomas = app
            .account("thomas@save.example", &[Role::Professional], true)
            .await;
        let system = Actor::System { component: "test" };
        let mut tx = app.store.write().await.unwrap();
        let lokalis = tx
            .organisation_by_slug("lokalis")
            .await
            .unwrap()
            .unwrap()
            .id;
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
        tx.commit().await.unwrap();
        let vt = auth(app.session_token(&vera, SessionKind::Api).await);
        let save = auth(app.session_token(&thomas, SessionKind::Api).await);
        Self {
            app,
            family,
            vera,
            thomas,
            vt,
            save,
            first: serde_json::Value::Null,
            second: serde_json::Value::Null,
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        who: &Headers,
        body: &str,
    ) -> common::Response {
        self.app.raw(method, path, who, body).await
    }

    /// The school reported Kees twice through the API.
    async fn reported() -> Self {
        let mut i = Self::new().await;
        let r = i.send(Method::POST, CONTACTS, &i.vt, REPORT).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        i.first = r.json();
        i.second = i.send(Method::POST, CONTACTS, &i.vt, REPORT).await.json();
        i
    }

    /// Vera decided to investigate the first report herself.
    async fn investigated() -> Self {
        let i = Self::reported().await;
        let r = i
            .send(
                Method::POST,
                &assess(&i.first["id"]),
                &i.vt,
                r#"{"outcome":"investigate","findings":"Gesprek met moeder en school","reasoning":"Zo is het veilig genoeg"}"#,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        i
    }

    async fn done(self) {
        self.app.done().await;
    }
}

#[tokio::test]
async fn only_veilig_thuis_professionals_use_the_contacts_api() {
    let i = Intake::new().await;
    assert_eq!(
        i.send(Method::POST, CONTACTS, &i.save, REPORT).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        i.send(Method::GET, CONTACTS, &i.save, "").await.status,
        StatusCode::FORBIDDEN
    );
    i.done().await;
}

#[tokio::test]
async fn bad_contact_input_names_the_field() {
    let i = Intake::new().await;
    for (body, field) in [
        (r#"{"kind":"melding","concern":"x"}"#, "kind"),
        (r#"{"kind":"report","concern":"x"}"#, "reporter"),
        (
            r#"{"kind":"report","reporter":"buurman","concern":"x"}"#,
            "reporter",
        ),
        (
            r#"{"kind":"report","reporter":"school","child_birth":"2-4-2016","concern":"x"}"#,
            "child_birth",
        ),
        (
            r#"{"kind":"report","reporter":"school","postcode":"0123 AB","concern":"x"}"#,
            "postcode",
        ),
        (
            r#"{"kind":"report","reporter":"school","concern":" "}"#,
            "concern",
        ),
    ] {
        let r = i.send(Method::POST, CONTACTS, &i.vt, body).await;
        assert_eq!(
            (r.status, r.json()["invalidParams"][0]["name"].as_str()),
            (StatusCode::BAD_REQUEST, Some(field)),
            "{body}"
        );
    }
    i.done().await;
}

#[tokio::test]
async fn the_radar_links_a_report_to_the_family_at_its_address() {
    let i = Intake::new().await;
    let r = i.send(Method::POST, CONTACTS, &i.vt, REPORT).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["radar"]["families"][0]["id"], i.family.as_str());
    i.done().await;
}

#[tokio::test]
async fn the_radar_shows_the_earlier_signal() {
    let i = Intake::reported().await;
    assert_eq!(
        i.second["radar"]["earlier"][0]["id"], i.first["id"],
        "the earlier signal is shown"
    );
    i.done().await;
}

#[tokio::test]
async fn the_work_list_shows_reports_awaiting_assessment_with_a_due_date() {
    let i = Intake::reported().await;
    let list = i.send(Method::GET, CONTACTS, &i.vt, "").await.json();
    let listed = list["contacts"].as_array().unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(
        (listed[0]["state"].as_str(), listed[0]["overdue"].as_bool()),
        (Some("awaiting_assessment"), Some(false))
    );
    assert!(listed[0]["due_on"].as_str().is_some());
    i.done().await;
}

#[tokio::test]
async fn handing_to_the_local_team_needs_a_follow_up_date() {
    let i = Intake::reported().await;
    let r = i
        .send(
            Method::POST,
            &assess(&i.second["id"]),
            &i.vt,
            r#"{"outcome":"hand_to_local_team","findings":"Gesprek met moeder en school","reasoning":"Zo is het veilig genoeg"}"#,
        )
        .await;
    assert_eq!(r.json()["invalidParams"][0]["name"], "follow_up_on");
    i.done().await;
}

#[tokio::test]
async fn bringing_into_evu_is_no_assessment_outcome() {
    let i = Intake::reported().await;
    let r = i
        .send(
            Method::POST,
            &assess(&i.second["id"]),
            &i.vt,
            r#"{"outcome":"bring_into_evu","findings":"Gesprek met moeder en school","reasoning":"Zo is het veilig genoeg"}"#,
        )
        .await;
    assert_eq!(
        (r.status, r.json()["invalidParams"][0]["name"].as_str()),
        (StatusCode::BAD_REQUEST, Some("outcome"))
    );
    i.done().await;
}

#[tokio::test]
async fn the_reporter_hears_what_happened_not_who() {
    let i = Intake::reported().await;
    let r = i
        .send(
            Method::POST,
            &assess(&i.first["id"]),
            &i.vt,
            r#"{"outcome":"investigate","findings":"Gesprek met moeder en school","reasoning":"Zo is het veilig genoeg"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let told = r.json()["reporter_feedback"].as_str().unwrap().to_owned();
    assert!(
        told.contains("doet zelf onderzoek") && !told.contains("Kees") && !told.contains("Jansen"),
        "what happened, not who"
    );
    i.done().await;
}

#[tokio::test]
async fn an_assessed_report_is_not_assessed_again() {
    let i = Intake::investigated().await;
    let r = i
        .send(
            Method::POST,
            &assess(&i.first["id"]),
            &i.vt,
            r#"{"outcome":"close","findings":"Gesprek met moeder en school","reasoning":"Zo is het veilig genoeg"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    i.done().await;
}

#[tokio::test]
async fn assessing_an_unknown_report_is_not_found() {
    let i = Intake::investigated().await;
    let r = i
        .send(
            Method::POST,
            &format!("{CONTACTS}/geen/assessment"),
            &i.vt,
            r#"{"outcome":"close","findings":"Gesprek met moeder en school","reasoning":"Zo is het veilig genoeg"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    i.done().await;
}

#[tokio::test]
async fn the_investigation_is_the_linked_familys_legal_basis() {
    let i = Intake::investigated().await;
    let facts = i
        .app
        .store
        .read()
        .await
        .unwrap()
        .access_facts(&i.family)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        facts.framework,
        eenplan_domain::family::Framework::VeiligThuis,
        "the investigation is the legal basis now"
    );
    i.done().await;
}

#[tokio::test]
async fn an_assessed_report_leaves_the_work_list() {
    let i = Intake::investigated().await;
    assert_eq!(
        i.send(Method::GET, CONTACTS, &i.vt, "").await.json()["contacts"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    i.done().await;
}

#[tokio::test]
async fn the_intake_pages_are_veilig_thuis_only() {
    let i = Intake::new().await;
    let mut saver = i.app.signed_in_browser(&i.thomas).await;
    assert_eq!(
        saver.get("/veilig-thuis").await.status,
        StatusCode::FORBIDDEN
    );
    i.done().await;
}

#[tokio::test]
async fn veilig_thuis_has_its_own_menu_item() {
    let i = Intake::new().await;
    let mut b = i.app.signed_in_browser(&i.vera).await;
    let page = b.get("/veilig-thuis").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("href=\"/veilig-thuis\""),
        "Veilig Thuis's own menu item"
    );
    i.done().await;
}

/// Enter in a field presses the form's first submit button (HTML's implicit submission),
/// so the intake's first one must record the report, not add a row for another child.
#[tokio::test]
async fn enter_in_the_intake_records_the_report() {
    let i = Intake::new().await;
    let mut b = i.app.signed_in_browser(&i.vera).await;
    let page = b.get("/veilig-thuis").await;
    let start = page
        .body
        .find("<form method=\"post\" action=\"/veilig-thuis\"")
        .expect("the intake form");
    let form = &page.body[start..];
    let form = &form[..form.find("</form>").expect("the form's end")];
    let first = form
        .find("type=\"submit\"")
        .map(|at| &form[form[..at].rfind("<button").expect("a button")..])
        .expect("a submit button");
    let first = &first[..first.find("</button>").expect("the button's end")];
    assert!(
        first.contains("utrecht-button--primary-action") && !first.contains("name="),
        "the first submit button is the main action: {first}"
    );
    assert!(
        form.contains("name=\"add_child\""),
        "'Nog een kind' is still there"
    );
    i.done().await;
}

/// The intake form as Vera fills it in for a neighbour's report, with `reporter` as given.
fn intake_form(csrf: &str, reporter: &'static str) -> Vec<(&'static str, String)> {
    vec![
        ("csrf", csrf.to_owned()),
        ("kind", "report".to_owned()),
        ("reporter", reporter.to_owned()),
        ("child_name", "Kees Jansen".to_owned()),
        ("child_birth", "2016-04-02".to_owned()),
        ("postcode", "3562jw".to_owned()),
        ("house_number", "12".to_owned()),
        ("concern", "Buren horen 's nachts geschreeuw".to_owned()),
    ]
}

fn as_form<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn the_intake_form_needs_a_reporter() {
    let i = Intake::investigated().await;
    let mut b = i.app.signed_in_browser(&i.vera).await;
    let csrf = b.get("/veilig-thuis").await.csrf();
    let without = intake_form(&csrf, "");
    let r = b.post("/veilig-thuis", &as_form(&without)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"reporter-error\""));
    i.done().await;
}

/// Vera typed in a neighbour's report on the page, after the school's two through the API
/// (the first investigated); the page's csrf token and the new report's path.
async fn reported_on_the_page(b: &mut common::Browser<'_>) -> (String, String) {
    let csrf = b.get("/veilig-thuis").await.csrf();
    let with = intake_form(&csrf, "citizen");
    let r = b.post("/veilig-thuis", &as_form(&with)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    (csrf, r.location().to_owned())
}

#[tokio::test]
async fn the_intake_page_shows_the_radar() {
    let i = Intake::investigated().await;
    let mut b = i.app.signed_in_browser(&i.vera).await;
    let (_, detail_path) = reported_on_the_page(&mut b).await;
    let detail = b.get(&detail_path).await.body;
    assert!(
        detail.contains("Gezin Jansen"),
        "the radar names the known file"
    );
    assert!(
        detail.contains(i.first["id"].as_str().unwrap()),
        "and the earlier signals"
    );
    i.done().await;
}

#[tokio::test]
async fn the_assessment_form_needs_a_follow_up_date_to_hand_over() {
    let i = Intake::investigated().await;
    let mut b = i.app.signed_in_browser(&i.vera).await;
    let (csrf, detail_path) = reported_on_the_page(&mut b).await;
    let r = b
        .post(
            &format!("{detail_path}/beoordeling"),
            &[
                ("csrf", &csrf),
                ("outcome", "hand_to_local_team"),
                ("findings", "Gesprek met moeder"),
                ("reasoning", "Het buurtteam is er al"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"follow_up_on-error\""));
    i.done().await;
}

#[tokio::test]
async fn a_closed_report_shows_the_outcome_and_the_feedback_once() {
    let i = Intake::investigated().await;
    let mut b = i.app.signed_in_browser(&i.vera).await;
    let (csrf, detail_path) = reported_on_the_page(&mut b).await;
    let r = b
        .post(
            &format!("{detail_path}/beoordeling"),
            &[
                ("csrf", &csrf),
                ("outcome", "close"),
                ("findings", "Gesprek met de buren en moeder"),
                ("reasoning", "Geen zorgen meer"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/veilig-thuis");
    let again = b.get(&detail_path).await.body;
    assert!(again.contains("Beoordeeld: Afsluiten"), "{again}");
    assert!(
        again.contains("Terugkoppeling aan de melder")
            && again.contains("heeft je melding beoordeeld en afgesloten")
    );
    assert!(!again.contains("/beoordeling"), "no second assessment form");
    i.done().await;
}

#[tokio::test]
async fn a_refused_report_comes_back_as_typed() {
    let app = App::new().await;
    app.organisation("vt", OrganisationKind::VeiligThuis).await;
    let vera = app
        .account_in("vt", None, "vera@vt.example", &[Role::Professional], true)
        .await;
    let mut b = app.signed_in_browser(&vera).await;
    let csrf = b.get("/veilig-thuis").await.csrf();
    let concern = "Buren horen geschreeuw.\nSam (8) speelt laat nog buiten.";
    // A report must name its reporter: refused there, everything else kept.
    let r = b
        .post(
            "/veilig-thuis",
            &[
                ("csrf", csrf.as_str()),
                ("kind", "report"),
                ("acute", "ja"),
                ("reporter", ""),
                ("reporter_name", "Anoniem via de wijkagent"),
                ("reporter_contact", "06-99990000"),
                ("child_name", "Sam Jansen"),
                ("child_birth", "2016-04-02"),
                ("postcode", "3562 JW"),
                ("house_number", "12"),
                ("concern", concern),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(common::field_error(&r.body, "reporter").is_some());
    assert_eq!(
        common::selected_option(&r.body, "kind").as_deref(),
        Some("report")
    );
    assert!(common::is_checked(&r.body, "acute-ja"));
    for (field, typed) in [
        ("reporter_name", "Anoniem via de wijkagent"),
        ("reporter_contact", "06-99990000"),
        ("child_name", "Sam Jansen"),
        ("child_birth", "2016-04-02"),
        ("postcode", "3562 JW"),
        ("house_number", "12"),
        ("concern", concern),
    ] {
        assert_eq!(
            common::control_value(&r.body, field).as_deref(),
            Some(typed),
            "{field}"
        );
    }
    app.done().await;
}

/// A mistyped year in a child's date of birth or a follow-up date is refused by the
/// domain, naming the field, with nothing stored.
#[tokio::test]
async fn implausible_intake_dates_are_refused_at_the_field() {
    let app = App::new().await;
    app.organisation("vt", OrganisationKind::VeiligThuis).await;
    let vera = app
        .account_in("vt", None, "vera@vt.example", &[Role::Professional], true)
        .await;
    let vt = vec![
        (
            "authorization",
            format!(
                "Bearer {}",
                app.session_token(&vera, SessionKind::Api).await
            ),
        ),
        ("content-type", "application/json".to_owned()),
    ];
    let contacts = "/api/v1/veilig-thuis/contacts";
    let count = |list: serde_json::Value| list["contacts"].as_array().unwrap().len();
    for birth in ["0202-04-02", "2206-04-02"] {
        let body = format!(
            r#"{{"kind":"report","reporter":"school","child_name":"Kees","child_birth":"{birth}","concern":"Blauwe plekken"}}"#
        );
        let r = app.raw(Method::POST, contacts, &vt, &body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert_eq!(r.json()["invalidParams"][0]["name"], "child_birth");
    }
    assert_eq!(
        count(app.raw(Method::GET, contacts, &vt, "").await.json()),
        0,
        "nothing stored"
    );

    let r = app
        .raw(
            Method::POST,
            contacts,
            &vt,
            r#"{"kind":"report","reporter":"school","concern":"Blauwe plekken"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let r = app
        .raw(
            Method::POST,
            &format!("{contacts}/{id}/assessment"),
            &vt,
            r#"{"outcome":"hand_to_local_team","follow_up_on":"2206-01-25","findings":"Gesprek met moeder","reasoning":"Het buurtteam is er al"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(r.json()["invalidParams"][0]["name"], "follow_up_on");
    let list = app.raw(Method::GET, contacts, &vt, "").await.json();
    assert_eq!(list["contacts"][0]["state"], "awaiting_assessment");

    // The page: the message at the field, everything typed kept.
    let mut b = app.signed_in_browser(&vera).await;
    let csrf = b.get("/veilig-thuis").await.csrf();
    let r = b
        .post(
            "/veilig-thuis",
            &[
                ("csrf", csrf.as_str()),
                ("kind", "report"),
                ("reporter", "school"),
                ("child_name", "Sam Jansen"),
                ("child_birth", "2206-04-02"),
                ("concern", "Buren horen geschreeuw."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        common::field_error(&r.body, "child_birth").as_deref(),
        Some("Deze datum kan niet kloppen; controleer het jaar.")
    );
    for (field, typed) in [
        ("child_name", "Sam Jansen"),
        ("child_birth", "2206-04-02"),
        ("concern", "Buren horen geschreeuw."),
    ] {
        assert_eq!(
            common::control_value(&r.body, field).as_deref(),
            Some(typed),
            "{field}"
        );
    }
    let r = b
        .post(
            &format!("/veilig-thuis/{id}/beoordeling"),
            &[
                ("csrf", csrf.as_str()),
                ("outcome", "hand_to_local_team"),
                ("follow_up_on", "2206-01-25"),
                ("findings", "Gesprek met moeder"),
                ("reasoning", "Het buurtteam is er al"),
            ],
        )
        .await;
    assert_eq!(
        common::field_error(&r.body, "follow_up_on").as_deref(),
        Some("Deze datum kan niet kloppen; controleer het jaar.")
    );
    assert_eq!(
        common::control_value(&r.body, "follow_up_on").as_deref(),
        Some("2206-01-25")
    );
    assert_eq!(
        count(app.raw(Method::GET, contacts, &vt, "").await.json()),
        1,
        "nothing more stored"
    );
    app.done().await;
}

/// The most recent day before today from which the statutory term ends earlier than
/// from today: a report received then and typed in today.
fn received_earlier() -> (jiff::civil::Date, jiff::civil::Date) {
    use eenplan_domain::calendar::StatutoryCalendar;
    use eenplan_domain::veilig_thuis::assessment_due;
    let cal = StatutoryCalendar::default();
    let today = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now());
    (1..15)
        .map(|n| today.checked_sub(jiff::Span::new().days(n)).unwrap())
        .map(|d| (d, assessment_due(d, false, &cal)))
        .find(|(_, due)| *due < assessment_due(today, false, &cal))
        .unwrap()
}

/// "5 dec 2026", as a person reads a date.
fn dutch(d: jiff::civil::Date) -> String {
    let months = [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    format!(
        "{} {} {}",
        d.day(),
        months[usize::try_from(d.month() - 1).unwrap()],
        d.year()
    )
}

/// 23:45 in Amsterdam on `day`, as RFC 3339 with its offset.
fn late_evening(day: jiff::civil::Date) -> String {
    let tz = jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap();
    day.at(23, 45, 0, 0)
        .to_zoned(tz)
        .unwrap()
        .timestamp()
        .to_string()
}

#[tokio::test]
async fn the_deadline_counts_from_receipt_not_from_typing_it_in() {
    let i = Intake::new().await;
    let (day, due) = received_earlier();
    let body = format!(
        r#"{{"kind":"report","reporter":"police","reporter_name":"Agent De Wit","reporter_contact":"0900-8844","child_name":"Kees Jansen","concern":"Politie 's nachts bij het gezin","received_at":"{}"}}"#,
        late_evening(day)
    );
    let r = i.send(Method::POST, CONTACTS, &i.vt, &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let detail = i
        .send(Method::GET, &format!("{CONTACTS}/{id}"), &i.vt, "")
        .await;
    assert_eq!(detail.status, StatusCode::OK, "{}", detail.body);
    let detail = detail.json();
    assert_eq!(detail["received_on"], day.to_string());
    assert_eq!(detail["due_on"], due.to_string(), "counted from receipt");
    assert_eq!(
        (&detail["reporter_name"], &detail["reporter_contact"]),
        (
            &serde_json::json!("Agent De Wit"),
            &serde_json::json!("0900-8844")
        )
    );

    // Never in the future; a moment that is no moment is named too.
    let tomorrow = eenplan_domain::UtcTime::from_timestamp(
        jiff::Timestamp::now()
            .checked_add(jiff::SignedDuration::from_hours(2))
            .unwrap(),
    );
    for received in [tomorrow.to_rfc3339(), "gisteravond".to_owned()] {
        let body = format!(
            r#"{{"kind":"report","reporter":"police","concern":"Politie","received_at":"{received}"}}"#
        );
        let r = i.send(Method::POST, CONTACTS, &i.vt, &body).await;
        assert_eq!(
            (r.status, r.json()["invalidParams"][0]["name"].as_str()),
            (StatusCode::BAD_REQUEST, Some("received_at")),
            "{received}"
        );
    }
    // Others than Veilig Thuis do not read a contact.
    assert_eq!(
        i.send(Method::GET, &format!("{CONTACTS}/{id}"), &i.save, "")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    i.done().await;
}

#[tokio::test]
async fn the_intake_page_takes_the_moment_of_receipt() {
    let i = Intake::new().await;
    let (day, due) = received_earlier();
    let mut b = i.app.signed_in_browser(&i.vera).await;
    let page = b.get("/veilig-thuis").await;
    let today = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now());
    assert_eq!(
        common::control_value(&page.body, "received_at").as_deref(),
        Some(today.to_string().as_str()),
        "now, unless said otherwise"
    );
    let csrf = page.csrf();
    let day_text = day.to_string();
    let mut form = intake_form(&csrf, "police");
    form.push(("received_at", day_text.clone()));
    form.push(("received_time", "23:45".to_owned()));
    let r = b.post("/veilig-thuis", &as_form(&form)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let detail = b.get(r.location()).await.body;
    assert!(
        detail.contains(&format!("{} 23:45", dutch(day))),
        "{detail}"
    );
    assert!(
        detail.contains(&format!("<dd>{}", dutch(due))),
        "the deadline from the day it came in"
    );

    // A moment in the future comes back at the field, as typed.
    let later = today
        .checked_add(jiff::Span::new().days(1))
        .unwrap()
        .to_string();
    let mut form = intake_form(&csrf, "police");
    form.push(("received_at", later.clone()));
    form.push(("received_time", "08:00".to_owned()));
    let r = b.post("/veilig-thuis", &as_form(&form)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "received_at").is_some());
    assert_eq!(
        common::control_value(&r.body, "received_at").as_deref(),
        Some(later.as_str())
    );
    assert_eq!(
        common::control_value(&r.body, "received_time").as_deref(),
        Some("08:00")
    );
    i.done().await;
}

#[tokio::test]
async fn one_report_concerns_several_children_of_one_family() {
    let i = Intake::new().await;
    let body = r#"{"kind":"report","reporter":"school","child_name":"Kees Jansen","child_birth":"2016-04-02","more_children":[{"name":"Lotte Jansen","birth":"2019-09-12"}],"concern":"Beide kinderen komen zonder eten op school"}"#;
    let r = i.send(Method::POST, CONTACTS, &i.vt, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let detail = i
        .send(Method::GET, &format!("{CONTACTS}/{id}"), &i.vt, "")
        .await
        .json();
    assert_eq!(
        detail["children"],
        serde_json::json!([
            {"name": "Kees Jansen", "birth": "2016-04-02"},
            {"name": "Lotte Jansen", "birth": "2019-09-12"}
        ])
    );
    let bad = r#"{"kind":"report","reporter":"school","child_name":"Kees","more_children":[{"name":"Lotte","birth":"2219-09-12"}],"concern":"x"}"#;
    let r = i.send(Method::POST, CONTACTS, &i.vt, bad).await;
    assert_eq!(
        (r.status, r.json()["invalidParams"][0]["name"].as_str()),
        (StatusCode::BAD_REQUEST, Some("more_children[0].birth"))
    );

    // The page: a row per child, one more on request, the wrong one named at its row.
    let mut b = i.app.signed_in_browser(&i.vera).await;
    let csrf = b.get("/veilig-thuis").await.csrf();
    let mut form = intake_form(&csrf, "school");
    form.push(("child_name_2", "Lotte Jansen".to_owned()));
    form.push(("child_birth_2", "2019-09-12".to_owned()));
    form.push(("add_child", "ja".to_owned()));
    let more = b.post("/veilig-thuis", &as_form(&form)).await;
    assert_eq!(more.status, StatusCode::OK);
    assert_eq!(
        common::control_value(&more.body, "child_name_2").as_deref(),
        Some("Lotte Jansen")
    );
    assert!(
        common::control_value(&more.body, "child_name_3").is_some(),
        "a row for the third child"
    );
    form.pop();
    form.push(("child_name_3", "Mees Jansen".to_owned()));
    form.push(("child_birth_3", "2219-01-01".to_owned()));
    let r = b.post("/veilig-thuis", &as_form(&form)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "child_birth_3").is_some());
    assert!(common::field_error(&r.body, "child_birth").is_none());
    assert_eq!(
        common::control_value(&r.body, "child_name_3").as_deref(),
        Some("Mees Jansen")
    );
    form.pop();
    form.push(("child_birth_3", "2021-01-01".to_owned()));
    let r = b.post("/veilig-thuis", &as_form(&form)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let detail = b.get(r.location()).await.body;
    for child in [
        "Kees Jansen (geboren 2 apr 2016)",
        "Lotte Jansen (geboren 12 sep 2019)",
        "Mees Jansen (geboren 1 jan 2021)",
    ] {
        assert!(detail.contains(child), "{child}");
    }
    i.done().await;
}

#[tokio::test]
async fn the_assessment_records_its_findings_and_reasoning() {
    let i = Intake::reported().await;
    let path = assess(&i.first["id"]);
    for (body, field) in [
        (
            r#"{"outcome":"close","reasoning":"Geen zorgen"}"#,
            "findings",
        ),
        (
            r#"{"outcome":"close","findings":"Gesprek met moeder"}"#,
            "reasoning",
        ),
    ] {
        let r = i.send(Method::POST, &path, &i.vt, body).await;
        assert_eq!(
            (r.status, r.json()["invalidParams"][0]["name"].as_str()),
            (StatusCode::BAD_REQUEST, Some(field)),
            "{body}"
        );
    }
    let r = i
        .send(
            Method::POST,
            &path,
            &i.vt,
            r#"{"outcome":"hand_to_local_team","follow_up_on":"2027-01-25","findings":"Gesprek met moeder en de mentor","reasoning":"Het buurtteam is al betrokken"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let id = i.first["id"].as_str().unwrap();
    let detail = i
        .send(Method::GET, &format!("{CONTACTS}/{id}"), &i.vt, "")
        .await
        .json();
    assert_eq!(
        (&detail["findings"], &detail["reasoning"]),
        (
            &serde_json::json!("Gesprek met moeder en de mentor"),
            &serde_json::json!("Het buurtteam is al betrokken")
        )
    );

    // The contact page shows the content, the reporter and the follow-up date under
    // its own label, in Dutch.
    let mut b = i.app.signed_in_browser(&i.vera).await;
    let page = b.get(&format!("/veilig-thuis/{id}")).await.body;
    for shown in [
        "Gesprek met moeder en de mentor",
        "Het buurtteam is al betrokken",
        "Meester Bas",
        "<dt>Terugkoppelen op</dt><dd>25 jan 2027</dd>",
    ] {
        assert!(page.contains(shown), "{shown}: {page}");
    }
    assert!(!page.contains("2027-01-25"), "no ISO date");

    // The page refuses an assessment without its content, at the fields, input kept.
    let csrf = b.get("/veilig-thuis").await.csrf();
    let second = i.second["id"].as_str().unwrap();
    let r = b
        .post(
            &format!("/veilig-thuis/{second}/beoordeling"),
            &[
                ("csrf", csrf.as_str()),
                ("outcome", "close"),
                ("reasoning", "Geen zorgen"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "findings").is_some());
    assert_eq!(
        common::control_value(&r.body, "reasoning").as_deref(),
        Some("Geen zorgen")
    );
    i.done().await;
}
