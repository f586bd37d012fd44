//! The file's overview and its sub-pages: the overview shows the family, the flower,
//! the network drawn and what is due, and changes nothing; the forms wait on the
//! sub-page where they belong, closed until asked for, and open again with everything
//! typed when refused.

use crate::{ALL, circle, consent_to_save, open_file};
use axum::http::StatusCode;
use eenplan_domain::FamilyId;

/// A plan whose review date and one action are past, saved straight into the store.
async fn plan_with_overdue_work(c: &crate::Circle, id: &str) {
    let today = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now());
    let past = today.checked_sub(jiff::Span::new().days(10)).unwrap();
    let plan: eenplan_domain::family::Plan = serde_json::from_value(serde_json::json!({
        "worries": ["Schulden"],
        "review_date": past.to_string(),
        "domains": [{
            "domain": "income",
            "actions": [{
                "who": "Kim",
                "what": "Schuldhulp bellen",
                "due": past.to_string(),
                "status": "planned",
            }],
        }],
    }))
    .unwrap();
    let system = eenplan_domain::journal::Actor::System { component: "test" };
    let mut tx = c.app.store.write().await.unwrap();
    tx.save_plan(&system, &c.sanne.user_id, &FamilyId::from(id), 0, &plan)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn the_overview_shows_the_flower_the_network_drawn_and_what_is_due() {
    let c = circle().await;
    let id = open_file(&c).await;
    consent_to_save(&c, &id, ALL).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    let r = b
        .post(
            &format!("/gezinnen/{id}/netwerk"),
            &[
                ("csrf", &csrf),
                ("name", "Oma Jansen"),
                ("relation", "family"),
                ("safety_role", "Haalt Sam uit school"),
            ],
        )
        .await;
    assert_eq!(r.location(), format!("/gezinnen/{id}/gezin"), "{}", r.body);
    let r = b
        .post(
            &format!("/gezinnen/{id}/betrokkenen"),
            &[
                ("csrf", &csrf),
                ("user_id", c.thomas.user_id.as_str()),
                ("role", "partner"),
                ("expertise", "safety"),
            ],
        )
        .await;
    assert_eq!(
        r.location(),
        format!("/gezinnen/{id}/betrokkenen"),
        "{}",
        r.body
    );
    plan_with_overdue_work(&c, &id).await;

    let page = b.get(&format!("/gezinnen/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    // The flower: Sanne at the heart, Thomas a petal with his organisation, role,
    // expertise, since when and e-mail.
    let heart = body.split("flower__heart").nth(1).unwrap();
    assert!(heart.contains("Test Persoon"), "{heart}");
    let petal = body.split("class=\"flower__petal\"").nth(1).unwrap();
    for shown in [
        "Test Persoon",
        "Partner",
        "Veiligheid",
        "sinds",
        "thomas@save.example",
    ] {
        assert!(petal.contains(shown), "petal lacks {shown}: {petal}");
    }
    // The network drawn, and the same people as text beside it.
    assert!(body.contains("<svg") && body.contains("role=\"img\""));
    for person in ["Sam Jansen", "Kim Jansen", "Oma Jansen", "Test Persoon"] {
        assert!(
            body.contains(&format!(">{person}</tspan>")),
            "{person} is drawn"
        );
    }
    assert!(
        body.contains("Oma Jansen — familie; rol in het veiligheidsnetwerk: Haalt Sam uit school")
    );
    // Members with ages and custody; framework and its ground.
    assert!(body.contains("Sam Jansen — kind, "), "{body}");
    assert!(body.contains("Kim Jansen — ouder/opvoeder, heeft gezag"));
    assert!(body.contains("Vrijwillig kader") && body.contains("toestemming van het gezin"));
    // What is due: the review and the action, both late; the plan's version.
    let due = body.split("class=\"due-list\"").nth(1).unwrap();
    let due = due.split("</ul>").next().unwrap();
    assert!(
        due.contains("Evaluatie van het plan") && due.contains("over tijd"),
        "{due}"
    );
    assert!(due.contains("Schuldhulp bellen — Kim"), "{due}");
    assert!(body.contains("Versie 1."));
    assert!(body.contains("Nog niemand heeft akkoord gegeven"));
    // The ways of working with their state.
    assert!(body.contains("SAVE-begeleiding") && body.contains("niet lopend"));
    // The overview changes nothing: no form but the header's sign-out.
    assert_eq!(body.matches("<form").count(), 1, "only the sign-out form");
    // Every sub-page is one click away, the forms' shortcuts too.
    for part in [
        "plan",
        "gezin",
        "betrokkenen",
        "notities",
        "tijdlijn",
        "toestemming",
    ] {
        assert!(
            body.contains(&format!("href=\"/gezinnen/{id}/{part}\"")),
            "{part}"
        );
    }
    assert!(body.contains(&format!("href=\"/gezinnen/{id}/gezin?nieuw=lid#lid\"")));
}

#[tokio::test]
async fn the_sub_pages_hold_the_forms_and_a_refused_one_opens_with_its_input() {
    let c = circle().await;
    let id = open_file(&c).await;
    consent_to_save(&c, &id, ALL).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let household = b.get(&format!("/gezinnen/{id}/gezin")).await;
    assert_eq!(household.status, StatusCode::OK);
    let body = &household.body;
    for action in [
        "leden",
        "netwerk",
        "leden/corrigeren",
        "netwerk/corrigeren",
        "beeindigen",
    ] {
        assert!(
            body.contains(&format!("action=\"/gezinnen/{id}/{action}\"")),
            "{action} on the household page"
        );
    }
    assert!(
        !body.contains(" open>"),
        "every form closed until asked for"
    );
    assert!(body.contains("aria-current=\"page\">Gezin en netwerk"));
    let asked = b.get(&format!("/gezinnen/{id}/gezin?nieuw=lid")).await;
    assert!(asked.body.contains("id=\"lid\" open>"));
    assert_eq!(asked.body.matches(" open>").count(), 1);

    let involvements = b.get(&format!("/gezinnen/{id}/betrokkenen")).await;
    assert!(
        involvements
            .body
            .contains(&format!("action=\"/gezinnen/{id}/betrokkenen\""))
    );
    assert!(
        !involvements
            .body
            .contains(&format!("action=\"/gezinnen/{id}/leden\""))
    );
    assert!(involvements.body.contains("flower__heart"));

    // A refused member comes back on the household page, its form open, as typed.
    let csrf = household.csrf();
    let r = b
        .post(
            &format!("/gezinnen/{id}/leden"),
            &[
                ("csrf", &csrf),
                ("kind", "child"),
                ("name", "Jip Jansen"),
                ("date_of_birth", "31-02-2019"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"lid\" open>"), "{}", r.body);
    assert!(r.body.contains("value=\"Jip Jansen\""));
    assert!(r.body.contains("value=\"31-02-2019\""));
    assert!(r.body.contains("id=\"date_of_birth-error\""));
    assert!(
        r.body
            .contains("<h1 class=\"utrecht-heading-1\">Gezin en netwerk</h1>")
    );
    let r = b
        .post(
            &format!("/gezinnen/{id}/leden"),
            &[
                ("csrf", &csrf),
                ("kind", "child"),
                ("name", "Jip Jansen"),
                ("date_of_birth", "2019-02-28"),
            ],
        )
        .await;
    assert_eq!(r.location(), format!("/gezinnen/{id}/gezin"));

    // Ending a partner without a reason comes back on the involvements page.
    let r = b
        .post(
            &format!("/gezinnen/{id}/beeindigen"),
            &[
                ("csrf", &csrf),
                ("who", "involvement:x"),
                ("end_reason", ""),
            ],
        )
        .await;
    assert!(
        r.body
            .contains("<h1 class=\"utrecht-heading-1\">Betrokkenen</h1>")
    );
    assert!(r.body.contains("id=\"beeindigen\" open>"));

    // A partner reads the household without its forms.
    b.post(
        &format!("/gezinnen/{id}/betrokkenen"),
        &[
            ("csrf", &csrf),
            ("user_id", c.thomas.user_id.as_str()),
            ("role", "partner"),
        ],
    )
    .await;
    let mut thomas = c.app.signed_in_browser(&c.thomas).await;
    let read = thomas.get(&format!("/gezinnen/{id}/gezin")).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    assert!(read.body.contains("Jip Jansen"));
    assert!(
        !read
            .body
            .contains(&format!("action=\"/gezinnen/{id}/leden\""))
    );
}

/// "7 dec 2026", as the pages write a date.
fn dutch(d: jiff::civil::Date) -> String {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    format!(
        "{} {} {}",
        d.day(),
        MONTHS[usize::try_from(d.month() - 1).unwrap()],
        d.year()
    )
}

/// The overview lists what is due as the domain does: upcoming actions too (not only
/// late ones), late ones marked, done ones not, soonest first, each leading to the plan;
/// and the families list's "next due" is the first of them.
#[tokio::test]
async fn the_overview_lists_upcoming_and_late_work_soonest_first_as_the_list_sorts() {
    let c = circle().await;
    let id = open_file(&c).await;
    consent_to_save(&c, &id, ALL).await;
    let today = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now());
    let day = |n: i64| today.checked_add(jiff::Span::new().days(n)).unwrap();
    let plan: eenplan_domain::family::Plan = serde_json::from_value(serde_json::json!({
        "review_date": day(30).to_string(),
        "domains": [{
            "domain": "income",
            "actions": [
                {"who": "Kim", "what": "Budgetcoach zoeken", "due": day(5).to_string(), "status": "underway"},
                {"who": "Kim", "what": "Schuldhulp bellen", "due": day(-3).to_string(), "status": "planned"},
                {"who": "Kim", "what": "Al gedaan", "due": day(1).to_string(), "status": "done"},
            ],
        }],
    }))
    .unwrap();
    let system = eenplan_domain::journal::Actor::System { component: "test" };
    let mut tx = c.app.store.write().await.unwrap();
    tx.save_plan(
        &system,
        &c.sanne.user_id,
        &FamilyId::from(id.as_str()),
        0,
        &plan,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let body = b.get(&format!("/gezinnen/{id}")).await.body;
    let due = body.split("class=\"due-list\"").nth(1).unwrap();
    let due = due.split("</ul>").next().unwrap();
    let items: Vec<&str> = due.split("<li").skip(1).collect();
    assert_eq!(items.len(), 3, "the done action asks nothing: {due}");
    let plan_link = format!("href=\"/gezinnen/{id}/plan\"");
    for (item, (what, on, late)) in items.iter().zip([
        ("Schuldhulp bellen — Kim", day(-3), true),
        ("Budgetcoach zoeken — Kim", day(5), false),
        ("Evaluatie van het plan", day(30), false),
    ]) {
        assert!(item.contains(what), "{what} in order: {due}");
        assert!(item.contains(&dutch(on)), "{what} on its date: {item}");
        assert!(
            item.contains(&plan_link),
            "{what} leads to the plan: {item}"
        );
        assert_eq!(item.contains("over tijd"), late, "{item}");
    }
    let list = b.get("/gezinnen").await.body;
    assert!(
        list.contains(&format!(
            "<td class=\"utrecht-table__cell\">{}</td>",
            dutch(day(-3))
        )),
        "the list's next due is the overview's first item: {list}"
    );
}
