//! The plan: forms that come back as typed, versions, agreement and conflicts.

use crate::common::{control_value, selected_option};
use crate::{Circle, circle, open_file};
use axum::http::StatusCode;
use eenplan_domain::FamilyId;

/// A full plan form as a professional fills it in, with one scale, one goal and one
/// action.
pub(super) fn plan_form(csrf: &str, based_on: &str) -> Vec<(&'static str, String)> {
    [
        ("csrf", csrf),
        ("based_on", based_on),
        ("worries", "Kim heeft schulden\r\nSam verzuimt school"),
        ("danger_statements", ""),
        ("working_well", "Oma helpt elke woensdag"),
        ("needs_to_happen", ""),
        ("safety_goals", "Sam gaat elke dag naar school"),
        ("conditions", ""),
        ("scale_who", "Kim"),
        ("scale_score", "4"),
        ("scale_who", ""),
        ("scale_score", ""),
        ("goal_domain", "school"),
        ("goal_text", "Sam haalt zijn diploma"),
        ("goal_domain", ""),
        ("goal_text", ""),
        ("action_domain", "income"),
        ("action_who", "Schuldhulp"),
        ("action_what", "Intake plannen"),
        ("action_due", "2026-12-15"),
        ("action_status", "planned"),
        ("action_domain", ""),
        ("action_who", ""),
        ("action_what", ""),
        ("action_due", ""),
        ("action_status", "planned"),
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
            "20-12-2026",
            "action-1-error",
            "Vul een datum in als jjjj-mm-dd.",
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
            control_value(&r.body, "worries").as_deref(),
            Some("Kim heeft schulden\nSam verzuimt school"),
            "{field}={value}: the worries as typed"
        );
        assert_eq!(
            control_value(&r.body, "working_well").as_deref(),
            Some("Oma helpt elke woensdag")
        );
        assert_eq!(
            control_value(&r.body, "scale-1-who").as_deref(),
            Some("Kim")
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
    set_nth(
        &mut form,
        "worries",
        0,
        "Kim heeft schulden\nSam verzuimt school\nDe huur is achterstallig",
    );
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
        "Actie: Schuldhulp — Intake plannen, uiterlijk op 15 dec 2026 (gedaan)",
        "Actie: Schuldhulp — Intake plannen, uiterlijk op 15 dec 2026 (gepland)",
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
        control_value(&r.body, "worries").as_deref(),
        Some("Kim heeft schulden\nSam verzuimt school"),
        "the plan form is never emptied by another form's error"
    );
    assert_eq!(
        control_value(&r.body, "scale-1-who").as_deref(),
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
