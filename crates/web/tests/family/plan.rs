//! The plan: forms that come back as typed, versions, agreement and conflicts.

use crate::common::{control_value, selected_option};
use crate::{Circle, circle, open_file};
use axum::http::StatusCode;
use eenplan_domain::FamilyId;

/// A full plan form as a professional fills it in, with two worries, one working
/// well, one safety goal, one scale (someone not in the file, by name), one goal and one
/// action, each part ending in an empty row as the page offers it.
pub(super) fn plan_form(csrf: &str, based_on: &str) -> Vec<(&'static str, String)> {
    [
        ("csrf", csrf),
        ("based_on", based_on),
        ("worries", "Kim heeft schulden"),
        ("worries", "Sam verzuimt school"),
        ("danger_statements", ""),
        ("working_well", "Oma helpt elke woensdag"),
        ("needs_to_happen", ""),
        ("safety_goal_text", "Sam gaat elke dag naar school"),
        ("safety_goal_domain", ""),
        ("family_score", ""),
        ("scale_who", "other"),
        ("scale_who_name", "Kim"),
        ("scale_score", "4"),
        ("scale_on", ""),
        ("scale_who", ""),
        ("scale_who_name", ""),
        ("scale_score", ""),
        ("scale_on", ""),
        ("goal_domain", "school"),
        ("goal_text", "Sam haalt zijn diploma"),
        ("goal_domain", ""),
        ("goal_text", ""),
        ("action_domain", "income"),
        ("action_who", ""),
        ("action_who_name", "Schuldhulp"),
        ("action_what", "Intake plannen"),
        ("action_due", "2026-12-15"),
        ("action_status", "planned"),
        ("action_domain", ""),
        ("action_who", ""),
        ("action_who_name", ""),
        ("action_what", ""),
        ("action_due", ""),
        ("action_status", "planned"),
        ("conditions", ""),
        ("review_date", "2027-02-01"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

pub(super) fn as_pairs<'f>(form: &'f [(&'static str, String)]) -> Vec<(&'static str, &'f str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// Sets the `n`th (0-based) value of a repeated field.
pub(super) fn set_nth(form: &mut [(&'static str, String)], name: &str, n: usize, value: &str) {
    let (_, v) = form
        .iter_mut()
        .filter(|(k, _)| *k == name)
        .nth(n)
        .expect("the field is in the form");
    *v = value.to_owned();
}

pub(super) async fn stored_plan(c: &Circle, id: &str) -> (i64, eenplan_domain::family::Plan) {
    c.app
        .store
        .read()
        .await
        .unwrap()
        .current_plan(&FamilyId::from(id))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_plan_that_cannot_be_saved_comes_back_exactly_as_typed_with_the_message_at_its_row() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}/plan")).await.csrf();
    let path = format!("/gezinnen/{id}/plan");

    // Each of these once broke the whole form; each must come back as typed, marked at
    // its own row, in Dutch, with nothing stored.
    let cases: [(&str, usize, &str, &str, &str); 7] = [
        (
            "scale_score",
            0,
            "11",
            "scale-1-error",
            "Vul een heel getal in van 0 tot en met 10.",
        ),
        (
            "scale_score",
            0,
            "dit is geen schaal",
            "scale-1-error",
            "Vul een heel getal in van 0 tot en met 10.",
        ),
        (
            "action_domain",
            0,
            "Veiligheid",
            "action-1-error",
            "Kies een leefgebied uit de lijst.",
        ),
        (
            "action_due",
            0,
            "20-12-26",
            "action-1-error",
            "Vul een datum in als dag-maand-jaar, bijvoorbeeld 5-12-2026.",
        ),
        (
            "action_what",
            0,
            "",
            "action-1-error",
            "Vul in wat er moet gebeuren.",
        ),
        // A mistyped year: plausible dates are the domain's rule, shown at the row.
        (
            "action_due",
            0,
            "2206-12-20",
            "action-1-error",
            "Deze datum kan niet kloppen; controleer het jaar.",
        ),
        (
            "review_date",
            0,
            "0202-03-01",
            "review_date-error",
            "Deze datum kan niet kloppen; controleer het jaar.",
        ),
    ];
    for (field, n, value, error_id, message) in cases {
        let mut form = plan_form(&csrf, "0");
        set_nth(&mut form, field, n, value);
        let r = b.post(&path, &as_pairs(&form)).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={value}"
        );
        assert!(
            r.body.contains(&format!("id=\"{error_id}\">{message}</p>")),
            "{field}={value}: the Dutch message next to its row"
        );
        assert!(r.body.contains("Het plan is niet opgeslagen."));
        assert_eq!(
            control_value(&r.body, "worries-2").as_deref(),
            Some("Sam verzuimt school"),
            "{field}={value}: the worries as typed"
        );
        assert_eq!(
            control_value(&r.body, "working_well-1").as_deref(),
            Some("Oma helpt elke woensdag")
        );
        assert_eq!(
            control_value(&r.body, "scale-1-who-name").as_deref(),
            Some("Kim")
        );
        assert_eq!(
            selected_option(&r.body, "scale-1-who").as_deref(),
            Some("other")
        );
        let score = if field == "scale_score" { value } else { "4" };
        assert_eq!(
            control_value(&r.body, "scale-1-score").as_deref(),
            Some(score)
        );
        assert_eq!(
            control_value(&r.body, "goal-1-text").as_deref(),
            Some("Sam haalt zijn diploma")
        );
        assert_eq!(
            selected_option(&r.body, "goal-1-domain").as_deref(),
            Some("school")
        );
        let what = if field == "action_what" {
            value
        } else {
            "Intake plannen"
        };
        assert_eq!(
            control_value(&r.body, "action-1-what").as_deref(),
            Some(what)
        );
        let due = if field == "action_due" {
            value
        } else {
            "2026-12-15"
        };
        assert_eq!(control_value(&r.body, "action-1-due").as_deref(), Some(due));
        let review = if field == "review_date" {
            value
        } else {
            "2027-02-01"
        };
        assert_eq!(
            control_value(&r.body, "review_date").as_deref(),
            Some(review),
            "the review date as typed"
        );
        assert_eq!(
            stored_plan(&c, &id).await.0,
            0,
            "{field}={value}: nothing saved"
        );
    }

    // In English, the same refusal is English.
    let mut en = c.app.signed_in_browser(&c.sanne).await;
    en.get("/taal/en?terug=/start").await;
    let mut form = plan_form(&en.get(&path).await.csrf(), "0");
    set_nth(&mut form, "scale_score", 0, "11");
    let r = en.post(&path, &as_pairs(&form)).await;
    assert!(
        r.body.contains("Enter a whole number from 0 to 10."),
        "{}",
        r.body
    );

    // The form as typed saves as typed.
    let form = plan_form(&csrf, "0");
    let r = b.post(&path, &as_pairs(&form)).await;
    assert_eq!(r.location(), path);
    let (version, plan) = stored_plan(&c, &id).await;
    assert_eq!(version, 1);
    assert_eq!(plan.worries, ["Kim heeft schulden", "Sam verzuimt school"]);
    assert_eq!(plan.scales.len(), 1, "empty rows are not part of the plan");
    assert_eq!(plan.domains.len(), 2);
}

#[tokio::test]
async fn saving_the_plan_keeps_what_the_person_did_not_change() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let path = format!("/gezinnen/{id}/plan");
    let csrf = b.get(&path).await.csrf();
    b.post(&path, &as_pairs(&plan_form(&csrf, "0"))).await;

    // Version 1 comes back in the form, goals per life domain included; adding one
    // worry to the page as shown and saving changes nothing else.
    let page = b.get(&path).await;
    assert_eq!(
        selected_option(&page.body, "goal-1-domain").as_deref(),
        Some("school")
    );
    let mut form = plan_form(&csrf, "1");
    form.insert(4, ("worries", "De huur is achterstallig".to_owned()));
    let r = b.post(&path, &as_pairs(&form)).await;
    assert_eq!(r.location(), path);
    let changes = {
        let mut tx = c.app.store.read().await.unwrap();
        let v1 = tx
            .plan_version(&FamilyId::from(id.as_str()), 1)
            .await
            .unwrap()
            .unwrap();
        let v2 = tx
            .plan_version(&FamilyId::from(id.as_str()), 2)
            .await
            .unwrap()
            .unwrap();
        eenplan_domain::family::diff(&v1, &v2)
    };
    assert_eq!(changes.len(), 1, "only the worry changed: {changes:?}");
    assert_eq!(
        changes[0].added,
        [eenplan_domain::family::PlanLine::Text(
            "De huur is achterstallig".into()
        )]
    );
    assert!(changes[0].removed.is_empty());
    let (_, plan) = stored_plan(&c, &id).await;
    let school = plan
        .domains
        .iter()
        .find(|d| d.domain == eenplan_domain::family::LifeDomain::School)
        .expect("the school domain is kept");
    assert_eq!(school.goals, ["Sam haalt zijn diploma"]);
}

/// The comparison of two versions reads as the plan does: the life domain's name, the
/// action as a sentence with its progress in words and a Dutch date, never a code.
#[tokio::test]
async fn comparing_versions_names_parts_in_words_and_dates_in_dutch() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let path = format!("/gezinnen/{id}/plan");
    let csrf = b.get(&path).await.csrf();
    b.post(&path, &as_pairs(&plan_form(&csrf, "0"))).await;
    let mut form = plan_form(&csrf, "1");
    set_nth(&mut form, "action_status", 0, "done");
    set_nth(&mut form, "goal_text", 0, "Sam haalt zijn diploma in 2027");
    assert_eq!(b.post(&path, &as_pairs(&form)).await.location(), path);

    let page = b.get(&format!("{path}/vergelijken?van=1&tot=2")).await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    for shown in [
        "<h2 class=\"utrecht-heading-2\">School</h2>",
        "<h2 class=\"utrecht-heading-2\">Inkomen en schulden</h2>",
        "Doel: Sam haalt zijn diploma in 2027",
        "Actie: Schuldhulp — Intake plannen, uiterlijk op 15 december 2026 (klaar)",
        "Actie: Schuldhulp — Intake plannen, uiterlijk op 15 december 2026 (gepland)",
    ] {
        assert!(
            body.contains(shown),
            "the comparison shows {shown:?}: {body}"
        );
    }
    for code in [
        "domain:",
        "goal:",
        "action:",
        "[planned]",
        "[done]",
        "2026-12-15",
    ] {
        assert!(!body.contains(code), "no code {code:?} on the page: {body}");
    }
}

#[tokio::test]
async fn a_refused_agreement_keeps_the_plan_and_the_ticked_members() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let path = format!("/gezinnen/{id}/plan");
    let csrf = b.get(&path).await.csrf();
    b.post(&path, &as_pairs(&plan_form(&csrf, "0"))).await;

    // Nobody ticked: refused next to the field, and the plan form still holds version 1.
    let r = b
        .post(
            &format!("{path}/akkoord"),
            &[("csrf", &csrf), ("version", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"members-error\">"),
        "the refusal sits at the field"
    );
    assert_eq!(
        control_value(&r.body, "worries-2").as_deref(),
        Some("Sam verzuimt school"),
        "the plan form is never emptied by another form's error"
    );
    assert_eq!(
        control_value(&r.body, "scale-1-who-name").as_deref(),
        Some("Kim")
    );
    assert!(r.body.contains("name=\"based_on\" value=\"1\""));

    // An unknown member: refused, and what was ticked stays ticked.
    let sam = c.app.stored_family(&id).await.members[0].id.clone();
    let r = b
        .post(
            &format!("{path}/akkoord"),
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("members", &sam),
                ("members", "not-a-member"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(&format!("value=\"{sam}\" checked")));
    assert_eq!(stored_plan(&c, &id).await.0, 1, "no version was added");
}

#[tokio::test]
async fn a_conflict_keeps_what_was_typed_and_offers_it_on_the_current_version() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let path = format!("/gezinnen/{id}/plan");
    let csrf = b.get(&path).await.csrf();
    b.post(&path, &as_pairs(&plan_form(&csrf, "0"))).await;
    let mut mine = plan_form(&csrf, "0");
    set_nth(&mut mine, "action_what", 0, "Mijn eigen actie");
    let r = b.post(&path, &as_pairs(&mine)).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        control_value(&r.body, "action-1-what").as_deref(),
        Some("Mijn eigen actie")
    );
    assert!(r.body.contains("name=\"based_on\" value=\"1\""));
}

/// Adding and removing rows is a round trip of the whole form without JavaScript: the
/// page comes back with everything typed, one row more (focused) or one less
/// (announced), and nothing is saved until the person saves.
#[tokio::test]
async fn rows_are_added_and_removed_without_javascript_keeping_everything_typed() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let path = format!("/gezinnen/{id}/plan");
    let csrf = b.get(&path).await.csrf();

    let mut form = plan_form(&csrf, "0");
    form.push(("add", "actions".to_owned()));
    let r = b.post(&path, &as_pairs(&form)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        control_value(&r.body, "action-1-what").as_deref(),
        Some("Intake plannen")
    );
    assert_eq!(
        control_value(&r.body, "worries-2").as_deref(),
        Some("Sam verzuimt school")
    );
    assert_eq!(
        control_value(&r.body, "review_date").as_deref(),
        Some("2027-02-01")
    );
    assert!(
        r.body
            .contains("id=\"action-3-domain\" name=\"action_domain\" autofocus"),
        "the new third action row takes the focus: {}",
        r.body
    );
    assert!(r.body.contains("name=\"based_on\" value=\"0\""));
    assert_eq!(
        stored_plan(&c, &id).await.0,
        0,
        "adding a row saves nothing"
    );

    let mut form = plan_form(&csrf, "0");
    form.push(("remove_row", "worries-1".to_owned()));
    let r = b.post(&path, &as_pairs(&form)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        control_value(&r.body, "worries-1").as_deref(),
        Some("Sam verzuimt school"),
        "the first worry is gone, the second moved up"
    );
    assert_eq!(control_value(&r.body, "worries-2"), None);
    assert!(
        r.body
            .contains("role=\"status\">Er is een regel verwijderd uit Zorgen.</div>"),
        "the removal is announced: {}",
        r.body
    );
    assert_eq!(
        control_value(&r.body, "scale-1-who-name").as_deref(),
        Some("Kim")
    );
    assert_eq!(
        stored_plan(&c, &id).await.0,
        0,
        "removing a row saves nothing"
    );

    // Every part has its add button, and the buttons post the same form with htmx.
    for part in [
        "worries",
        "danger_statements",
        "working_well",
        "needs_to_happen",
        "safety_goals",
        "scales",
        "goals",
        "actions",
        "conditions",
    ] {
        assert!(
            r.body.contains(&format!(
                "name=\"add\" value=\"{part}\" hx-post=\"/gezinnen/{id}/plan\""
            )),
            "an add button for {part}"
        );
    }
    assert!(r.body.contains("hx-select=\"#plan-form\""));
}

/// The version the editor started from travels on every round trip: a save after
/// adding rows still meets a save by someone else in between, with the input kept.
#[tokio::test]
async fn a_save_after_adding_rows_still_conflicts_with_a_save_in_between() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let path = format!("/gezinnen/{id}/plan");
    let csrf = b.get(&path).await.csrf();

    let mut mine = plan_form(&csrf, "0");
    mine.push(("add", "conditions".to_owned()));
    let r = b.post(&path, &as_pairs(&mine)).await;
    assert!(r.body.contains("name=\"based_on\" value=\"0\""));

    // Meanwhile someone else saves version 1.
    b.post(&path, &as_pairs(&plan_form(&csrf, "0"))).await;
    assert_eq!(stored_plan(&c, &id).await.0, 1);

    let mut mine = plan_form(&csrf, "0");
    mine.push(("conditions", "Geen alcohol in huis".to_owned()));
    set_nth(&mut mine, "action_what", 0, "Mijn eigen actie");
    let r = b.post(&path, &as_pairs(&mine)).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        control_value(&r.body, "conditions-2").as_deref(),
        Some("Geen alcohol in huis")
    );
    assert_eq!(
        control_value(&r.body, "action-1-what").as_deref(),
        Some("Mijn eigen actie")
    );
    assert_eq!(stored_plan(&c, &id).await.0, 1, "nothing overwritten");
}

/// Dates are typed the Dutch way or come from a date picker; the form shows them the
/// Dutch way.
#[tokio::test]
async fn dates_typed_the_dutch_way_are_saved() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let path = format!("/gezinnen/{id}/plan");
    let csrf = b.get(&path).await.csrf();
    let mut form = plan_form(&csrf, "0");
    set_nth(&mut form, "action_due", 0, "5-12-2026");
    set_nth(&mut form, "review_date", 0, "01-02-2027");
    set_nth(&mut form, "scale_on", 0, "2026-12-01");
    let r = b.post(&path, &as_pairs(&form)).await;
    assert_eq!(r.location(), path, "{}", r.body);
    let (_, plan) = stored_plan(&c, &id).await;
    let income = plan
        .domains
        .iter()
        .find(|d| d.domain == eenplan_domain::family::LifeDomain::Income)
        .unwrap();
    assert_eq!(income.actions[0].due, Some(jiff::civil::date(2026, 12, 5)));
    assert_eq!(plan.review_date, Some(jiff::civil::date(2027, 2, 1)));
    assert_eq!(plan.scales[0].on, Some(jiff::civil::date(2026, 12, 1)));
    let page = b.get(&path).await;
    assert_eq!(
        control_value(&page.body, "action-1-due").as_deref(),
        Some("05-12-2026")
    );
    assert_eq!(
        control_value(&page.body, "review_date").as_deref(),
        Some("01-02-2027")
    );
}

/// "Who" is chosen from the file: the family, the network, the professionals in the
/// circle. The plan keeps the reference and the name.
#[tokio::test]
async fn who_is_chosen_from_the_file_and_stored_with_its_reference() {
    let c = circle().await;
    let id = open_file(&c).await;
    let sam = c.app.stored_family(&id).await.members[0].clone();
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let path = format!("/gezinnen/{id}/plan");
    let page = b.get(&path).await;
    let value = format!("member:{}", sam.id);
    assert!(
        page.body
            .contains(&format!("<option value=\"{value}\">{}</option>", sam.name)),
        "the family's members are offered: {}",
        page.body
    );
    let sanne = format!("professional:{}", c.sanne.user_id);
    assert!(page.body.contains(&format!("<option value=\"{sanne}\">")));

    let mut form = plan_form(&page.csrf(), "0");
    set_nth(&mut form, "scale_who", 0, &value);
    set_nth(&mut form, "scale_who_name", 0, "");
    set_nth(&mut form, "action_who", 0, &sanne);
    set_nth(&mut form, "action_who_name", 0, "");
    let r = b.post(&path, &as_pairs(&form)).await;
    assert_eq!(r.location(), path, "{}", r.body);
    let (_, plan) = stored_plan(&c, &id).await;
    let who = &plan.scales[0].who;
    assert_eq!(who.kind, eenplan_domain::family::PersonKind::Member);
    assert_eq!(who.id.as_deref(), Some(sam.id.as_str()));
    assert_eq!(who.name, sam.name);
    let page = b.get(&path).await;
    assert_eq!(
        selected_option(&page.body, "scale-1-who").as_deref(),
        Some(value.as_str())
    );

    // Someone not in the list is refused at the row, with everything kept.
    set_nth(&mut form, "scale_who", 0, "member:nobody");
    set_nth(&mut form, "based_on", 0, "1");
    let r = b.post(&path, &as_pairs(&form)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("id=\"scale-1-error\">Kies iemand uit de lijst.</p>")
    );
    // "Iemand anders" needs a name.
    set_nth(&mut form, "scale_who", 0, "other");
    let r = b.post(&path, &as_pairs(&form)).await;
    assert!(
        r.body
            .contains("id=\"scale-1-error\">Vul de naam in van wie het is.</p>")
    );
}

/// Versions: a list with who saved when, two versions compared by picking them from the
/// list, and an older version restored as a new one.
#[tokio::test]
async fn versions_are_listed_compared_from_a_picker_and_restored() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let path = format!("/gezinnen/{id}/plan");
    let csrf = b.get(&path).await.csrf();
    b.post(&path, &as_pairs(&plan_form(&csrf, "0"))).await;
    let mut second = plan_form(&csrf, "1");
    set_nth(&mut second, "worries", 1, "Sam gaat weer naar school");
    set_nth(&mut second, "family_score", 0, "6");
    assert_eq!(b.post(&path, &as_pairs(&second)).await.location(), path);

    let page = b.get(&path).await;
    let body = &page.body;
    assert!(body.contains("<form method=\"get\" action=\"/gezinnen/"));
    assert_eq!(selected_option(body, "van").as_deref(), Some("1"));
    assert_eq!(selected_option(body, "tot").as_deref(), Some("2"));
    assert!(
        body.contains("<svg class=\"plan-chart\""),
        "the scores chart"
    );
    assert!(
        body.contains("<td class=\"utrecht-table__cell\">Test Persoon</td>"),
        "who saved: {body}"
    );
    assert!(
        body.contains(
            "value=\"1\">\n        <input type=\"hidden\" name=\"based_on\" value=\"2\">"
        )
    );

    // The picker's form sends van and tot; the comparison reads in words.
    let cmp = b.get(&format!("{path}/vergelijken?van=1&tot=2")).await;
    assert!(cmp.body.contains("Sam gaat weer naar school"));
    assert!(cmp.body.contains("Gezin zelf: 6"));
    assert_eq!(selected_option(&cmp.body, "van").as_deref(), Some("1"));
    // Opened without versions, it compares the newest with the one before.
    let newest = b.get(&format!("{path}/vergelijken")).await;
    assert_eq!(newest.status, StatusCode::OK, "{}", newest.body);
    assert_eq!(selected_option(&newest.body, "van").as_deref(), Some("1"));
    assert_eq!(selected_option(&newest.body, "tot").as_deref(), Some("2"));

    // Restoring version 1 makes version 3 with version 1's content.
    let restore = format!("{path}/herstellen");
    let r = b
        .post(
            &restore,
            &[("csrf", &csrf), ("version", "1"), ("based_on", "2")],
        )
        .await;
    assert_eq!(r.location(), path, "{}", r.body);
    let (version, plan) = stored_plan(&c, &id).await;
    assert_eq!(version, 3);
    let v1 = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .plan_version(&FamilyId::from(id.as_str()), 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(plan, v1);
    // A restore from a page that missed a save is a conflict, not an overwrite.
    let r = b
        .post(
            &restore,
            &[("csrf", &csrf), ("version", "2"), ("based_on", "2")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(stored_plan(&c, &id).await.0, 3);
    let r = b
        .post(
            &restore,
            &[("csrf", &csrf), ("version", "9"), ("based_on", "3")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

/// On paper every part reads in words with the dates written out, and everyone whose
/// agreement the plan needs has a line to sign.
#[tokio::test]
async fn the_printed_plan_reads_in_words_with_signature_lines() {
    let c = circle().await;
    let id = open_file(&c).await;
    crate::consent_to_save(&c, &id, crate::ALL).await; // adds Kim, a parent with custody
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let path = format!("/gezinnen/{id}/plan");
    let csrf = b.get(&path).await.csrf();
    b.post(&path, &as_pairs(&plan_form(&csrf, "0"))).await;
    let print = b.get(&format!("{path}/afdrukken")).await;
    let body = &print.body;
    for shown in [
        "Kim heeft schulden",
        "Oma helpt elke woensdag",
        "Sam gaat elke dag naar school",
        "Kim: 4",
        "Doel: Sam haalt zijn diploma",
        "Actie: Schuldhulp — Intake plannen, uiterlijk op 15 december 2026 (gepland)",
        "1 februari 2027",
        "class=\"signature\"",
        // The network drawn, with its list, so the family's paper shows who stands around them.
        "Het netwerk getekend",
        "<svg",
    ] {
        assert!(body.contains(shown), "the print shows {shown:?}: {body}");
    }
    for code in ["2026-12-15", "planned", "income"] {
        assert!(!body.contains(code), "no {code:?} on paper");
    }
}

/// The scores over time draw the newest twelve versions and say so; the version list
/// keeps every version.
#[tokio::test]
async fn the_scores_chart_draws_the_latest_twelve_versions_and_says_so() {
    let c = circle().await;
    let id = open_file(&c).await;
    let system = eenplan_domain::journal::Actor::System { component: "test" };
    for v in 0..13_i64 {
        let plan = eenplan_domain::family::Plan {
            family_score: Some(u8::try_from(v % 10).unwrap()),
            ..Default::default()
        };
        let mut tx = c.app.store.write().await.unwrap();
        tx.save_plan(
            &system,
            &c.sanne.user_id,
            &FamilyId::from(id.as_str()),
            v,
            &plan,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let body = b.get(&format!("/gezinnen/{id}/plan")).await.body;
    let chart = body.split("plan-chart-figure").nth(1).unwrap();
    let chart = chart.split("</figure>").next().unwrap();
    assert!(
        chart.contains(">Versie 13</th>") && chart.contains(">Versie 2</th>"),
        "{chart}"
    );
    assert!(
        !chart.contains(">Versie 1</th>"),
        "the oldest is left out: {chart}"
    );
    assert!(chart.contains("de laatste 12 versies"), "{chart}");
    let after = body.split("</figure>").nth(1).unwrap();
    assert!(
        after.contains("value=\"1\""),
        "the version list still offers version 1"
    );
}
