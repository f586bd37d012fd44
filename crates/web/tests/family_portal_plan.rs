//! The plan through the family's door (issue 17 §2/§3), on both backends: a mother with
//! custody reads the plan and adds her own scale and view, and agrees; a 12-year-old
//! reads the lines that concern them; a line about a 16-year-old only is hidden from a
//! parent until she shares it; a line marked hidden for the father never shows to him,
//! also once its words are edited, and nothing says something is hidden; bad input is said next to its field with what
//! was typed kept. The professional marks lines on their own page and reads what the
//! family added on the plan page.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{App, Backend, control_value, field_error};
use eenplan_domain::FamilyId;
use eenplan_domain::family::portal::line_ref;
use eenplan_domain::family::{MemberKind, NewMember, Plan, PlanSection};
use eenplan_domain::journal::Actor;
use eenplan_store::AccessFilter;

const TOGETHER: &str = "Er is vaak ruzie thuis";
const NOOR_ONLY: &str = "Noor blowt in het weekend";
const NOT_FOR_ROB: &str = "Kim woont tijdelijk op een ander adres";
const LISA_ONLY: &str = "Lisa gaat elke dag naar school";

struct World {
    app: App,
    regie: common::Account,
    family: String,
    kim: String,
    rob: String,
    noor: String,
    lisa: String,
}

/// Gezin Jansen with Kim and Rob (both with custody), Noor (16), Lisa (12) and Sam
/// (10), and a first plan version with one line for everyone, one about Noor only,
/// one about Lisa only and one the professional will hide from Rob.
async fn world(backend: Backend) -> World {
    let app = App::on(backend).await;
    let (regie, lokalis) = app.lokalis_regisseur().await;
    let (family, _sam, kim) = app.jansen(&regie, &lokalis, None).await;
    let today = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now());
    let years_ago = |y: i64| {
        today
            .checked_sub(jiff::Span::new().years(y).days(20))
            .unwrap()
    };
    let system = Actor::System { component: "test" };
    let mut tx = app.store.write().await.unwrap();
    let mut add = async |kind, name: &str, born, custody| {
        tx.add_member(
            &system,
            &family,
            NewMember {
                kind,
                name: name.into(),
                date_of_birth: born,
                has_custody: custody,
            },
            today,
        )
        .await
        .unwrap()
    };
    let rob = add(MemberKind::Parent, "Rob Jansen", None, true).await;
    let noor = add(MemberKind::Child, "Noor Jansen", Some(years_ago(16)), false).await;
    let lisa = add(MemberKind::Child, "Lisa Jansen", Some(years_ago(12)), false).await;
    let plan = Plan {
        worries: vec![TOGETHER.into(), NOOR_ONLY.into()],
        needs_to_happen: vec![LISA_ONLY.into()],
        conditions: vec![NOT_FOR_ROB.into()],
        ..Plan::default()
    };
    tx.save_plan(&system, &regie.user_id, &family, 0, &plan)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    World {
        app,
        regie,
        family: family.to_string(),
        kim,
        rob,
        noor,
        lisa,
    }
}

impl World {
    async fn member_browser(&self, member: &str, email: &str) -> common::Browser<'_> {
        let account = self
            .app
            .family_account(&self.regie, &self.family, member, email)
            .await;
        let token = self.app.family_session_token(&account).await;
        self.app.family_browser(&token)
    }

    /// The regisseur marks `line` of `section` through the page of marks.
    async fn mark(&self, section: PlanSection, line: &str, kind: &str, member: &str, reason: &str) {
        let page = format!("/gezinnen/{}/plan/markeringen", self.family);
        let mut pro = self.app.signed_in_browser(&self.regie).await;
        let csrf = pro.get(&page).await.csrf();
        let r = pro
            .post(
                &page,
                &[
                    ("csrf", &csrf),
                    ("line", &line_ref(section, line)),
                    ("kind", kind),
                    ("member", member),
                    ("reason", reason),
                ],
            )
            .await;
        assert_eq!(
            r.location(),
            format!("{page}?klaar=gemarkeerd"),
            "{}",
            r.body
        );
    }
}

async fn a_mother_reads_the_plan_adds_her_scale_and_agrees(backend: Backend) {
    let w = world(backend).await;
    w.mark(PlanSection::Worries, NOOR_ONLY, "only_child", &w.noor, "")
        .await;
    let mut kim = w.member_browser(&w.kim, "kim@thuis.example").await;
    let r = kim.get("/mijn-gezin/plan").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for line in [TOGETHER, NOT_FOR_ROB, LISA_ONLY] {
        assert!(r.body.contains(line), "{line}");
    }
    assert!(
        !r.body.contains(NOOR_ONLY),
        "Noor is 16 and did not share it"
    );
    assert!(r.body.contains("Versie 1"));

    // A score of 11 and no view: both said at their field, what was typed kept.
    let r = kim
        .post(
            "/mijn-gezin/plan",
            &[
                ("csrf", &r.csrf()),
                ("version", "1"),
                ("score", "11"),
                ("view", "  "),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&r.body, "score")
            .unwrap()
            .contains("0 tot en met 10")
    );
    assert!(field_error(&r.body, "view").unwrap().contains("Schrijf op"));
    assert_eq!(control_value(&r.body, "score").as_deref(), Some("11"));
    let r = kim
        .post(
            "/mijn-gezin/plan",
            &[
                ("csrf", &r.csrf()),
                ("version", "1"),
                ("score", "6"),
                ("view", "Het gaat al wat beter"),
            ],
        )
        .await;
    assert_eq!(
        r.location(),
        "/mijn-gezin/plan?klaar=toegevoegd",
        "{}",
        r.body
    );
    let r = kim.get("/mijn-gezin/plan").await;
    assert!(r.body.contains("Het gaat al wat beter"));
    let r = kim
        .post(
            "/mijn-gezin/plan/akkoord",
            &[("csrf", &r.csrf()), ("version", "1")],
        )
        .await;
    assert_eq!(r.location(), "/mijn-gezin/plan?klaar=akkoord");
    assert!(
        kim.get("/mijn-gezin/plan")
            .await
            .body
            .contains("Je ging akkoord met dit plan op")
    );

    // The professional reads it on the plan page, marked as the family's.
    let mut pro = w.app.signed_in_browser(&w.regie).await;
    let r = pro.get(&format!("/gezinnen/{}/plan", w.family)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Wat het gezin zelf toevoegt"));
    assert!(r.body.contains("Kim Jansen") && r.body.contains("cijfer 6 — Het gaat al wat beter"));
    assert!(r.body.contains("zelf, via het gezinsaccount"), "{}", r.body);

    let mut tx = w.app.store.read().await.unwrap();
    let kinds: Vec<String> = tx
        .journal_page(0, 500)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    for kind in ["portal_marked", "family_plan_added", "plan_agreed"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind}");
    }
    let reads = tx
        .access_log(&AccessFilter {
            family_id: w.family.clone(),
            limit: 100,
            ..AccessFilter::default()
        })
        .await
        .unwrap();
    assert!(reads.len() >= 3, "every look at the plan is logged");
    drop(tx);
    w.app.done().await;
}

async fn young_people_see_what_concerns_them_and_decide_from_16(backend: Backend) {
    let w = world(backend).await;
    w.mark(PlanSection::Worries, NOOR_ONLY, "only_child", &w.noor, "")
        .await;
    w.mark(
        PlanSection::NeedsToHappen,
        LISA_ONLY,
        "only_child",
        &w.lisa,
        "",
    )
    .await;

    // Lisa (12) reads the family's lines and her own, not Noor's.
    let mut lisa = w.member_browser(&w.lisa, "lisa@thuis.example").await;
    let r = lisa.get("/mijn-gezin/plan").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains(TOGETHER) && r.body.contains(LISA_ONLY));
    assert!(!r.body.contains(NOOR_ONLY));
    assert!(
        !r.body.contains("Mijn ouders mogen dit zien"),
        "not hers to decide at 12"
    );

    // Noor (16) reads her line with the switch; Kim does not see it until she shares.
    let mut noor = w.member_browser(&w.noor, "noor@thuis.example").await;
    let mut kim = w.member_browser(&w.kim, "kim@thuis.example").await;
    let r = noor.get("/mijn-gezin/plan").await;
    assert!(r.body.contains(NOOR_ONLY) && r.body.contains("Mijn ouders mogen dit zien"));
    assert!(!r.body.contains(LISA_ONLY));
    assert!(!kim.get("/mijn-gezin/plan").await.body.contains(NOOR_ONLY));
    let item = line_ref(PlanSection::Worries, NOOR_ONLY);
    let r = noor
        .post(
            "/mijn-gezin/plan/delen",
            &[("csrf", &r.csrf()), ("item", &item), ("share", "ja")],
        )
        .await;
    assert_eq!(r.location(), "/mijn-gezin/plan?klaar=gedeeld");
    assert!(kim.get("/mijn-gezin/plan").await.body.contains(NOOR_ONLY));
    // Lisa cannot share Noor's line, nor her own at 12: nothing changes.
    let csrf = lisa.get("/mijn-gezin/plan").await.csrf();
    lisa.post(
        "/mijn-gezin/plan/delen",
        &[
            ("csrf", &csrf),
            ("item", &line_ref(PlanSection::NeedsToHappen, LISA_ONLY)),
        ],
    )
    .await;
    assert!(kim.get("/mijn-gezin/plan").await.body.contains(LISA_ONLY));
    // Noor takes it back.
    let csrf = noor.get("/mijn-gezin/plan").await.csrf();
    noor.post(
        "/mijn-gezin/plan/delen",
        &[("csrf", &csrf), ("item", &item)],
    )
    .await;
    assert!(!kim.get("/mijn-gezin/plan").await.body.contains(NOOR_ONLY));
    w.app.done().await;
}

async fn a_line_hidden_from_the_father_never_shows_to_him(backend: Backend) {
    let w = world(backend).await;
    // A hidden mark needs a reason, said at the field with the choices kept.
    let page = format!("/gezinnen/{}/plan/markeringen", w.family);
    let mut pro = w.app.signed_in_browser(&w.regie).await;
    let csrf = pro.get(&page).await.csrf();
    let line = line_ref(PlanSection::Conditions, NOT_FOR_ROB);
    let r = pro
        .post(
            &page,
            &[
                ("csrf", &csrf),
                ("line", &line),
                ("kind", "hidden"),
                ("member", &w.rob),
                ("reason", " "),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&r.body, "reason").is_some(), "{}", r.body);
    assert!(r.body.contains(&format!("value=\"{line}\" selected")));
    w.mark(
        PlanSection::Conditions,
        NOT_FOR_ROB,
        "hidden",
        &w.rob,
        "Veilig adres van moeder",
    )
    .await;
    let r = pro.get(&page).await;
    assert!(
        r.body.contains("niet zichtbaar voor Rob Jansen")
            && r.body.contains("Veilig adres van moeder")
    );

    let mut rob = w.member_browser(&w.rob, "rob@thuis.example").await;
    let r = rob.get("/mijn-gezin/plan").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains(TOGETHER));
    assert!(!r.body.contains(NOT_FOR_ROB));
    assert!(!r.body.contains(&w.rob));
    for word in ["verborgen", "niet zichtbaar", "Veilig adres", "Afspraken"] {
        assert!(!r.body.contains(word), "{word}");
    }
    // Kim still reads it.
    let mut kim = w.member_browser(&w.kim, "kim@thuis.example").await;
    assert!(kim.get("/mijn-gezin/plan").await.body.contains(NOT_FOR_ROB));

    // The regisseur rewords the hidden line on the plan page: it stays hidden from Rob.
    let edited = "Kim woont tijdelijk in de opvang in Almere";
    let plan_page = format!("/gezinnen/{}/plan", w.family);
    let csrf = pro.get(&plan_page).await.csrf();
    let r = pro
        .post(
            &plan_page,
            &[
                ("csrf", csrf.as_str()),
                ("based_on", "1"),
                ("worries", TOGETHER),
                ("worries", NOOR_ONLY),
                ("needs_to_happen", LISA_ONLY),
                ("conditions", edited),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = rob.get("/mijn-gezin/plan").await;
    assert!(r.body.contains(TOGETHER), "{}", r.body);
    assert!(!r.body.contains(edited) && !r.body.contains(NOT_FOR_ROB));
    assert!(kim.get("/mijn-gezin/plan").await.body.contains(edited));
    let _ = FamilyId::from(w.family.as_str());
    w.app.done().await;
}

on_both_backends!(
    a_mother_reads_the_plan_adds_her_scale_and_agrees,
    young_people_see_what_concerns_them_and_decide_from_16,
    a_line_hidden_from_the_father_never_shows_to_him,
);
