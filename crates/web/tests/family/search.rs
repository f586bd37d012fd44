//! Finding files: the start page, and nobody outside the family's circle finding or
//! opening one.

use crate::{ALL, circle, consent_to_save, open_file};
use axum::http::{Method, StatusCode};
use eenplan_domain::FamilyId;
use eenplan_domain::family::Need;
use eenplan_web::routes::Access;

/// Every route with a family in its path, probed by someone outside the circle: always
/// 404, exactly as for an id that does not exist, and every attempt in the access log.
#[tokio::test]
async fn nobody_outside_the_circle_finds_or_opens_a_file() {
    let c = circle().await;
    let id = open_file(&c).await;
    consent_to_save(&c, &id, ALL).await;
    {
        let mut b = c.app.signed_in_browser(&c.sanne).await;
        let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
        b.post(
            &format!("/gezinnen/{id}/betrokkenen"),
            &[
                ("csrf", &csrf),
                ("user_id", c.thomas.user_id.as_str()),
                ("role", "partner"),
            ],
        )
        .await;
    }
    let family_routes: Vec<_> = eenplan_web::routes::table()
        .into_iter()
        .filter(|(r, _)| {
            r.path.contains("{family}") && r.surface == eenplan_web::auth::Surface::Page
        })
        .map(|(r, _)| r)
        .collect();
    assert!(
        family_routes.len() >= 10,
        "the family routes are in the table"
    );

    let mut outsider = c.app.signed_in_browser(&c.outsider).await;
    let csrf = outsider.get("/start").await.csrf();
    for route in &family_routes {
        for probe in [id.as_str(), "01900000-0000-7000-8000-000000000000"] {
            let path = route.path.replace("{family}", probe);
            let r = if route.method == Method::GET {
                outsider.get(&path).await
            } else {
                outsider.post(&path, &[("csrf", &csrf)]).await
            };
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{} {path}", route.method);
            assert!(
                !r.body.contains("Gezin Jansen") && !r.body.contains("Sam"),
                "nothing leaks: {path}"
            );
        }
    }
    let search = outsider.get("/gezinnen?naam=sam").await;
    assert!(search.body.contains("Geen gezinnen gevonden"));
    let denied = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .access_log_for(&FamilyId::from(id.as_str()))
        .await
        .unwrap();
    let outsider_denied = denied
        .iter()
        .filter(|(_, _, outcome, user, _)| outcome == "denied" && *user == c.outsider.user_id)
        .count();
    assert_eq!(
        outsider_denied,
        family_routes.len(),
        "every attempt on the real file is logged"
    );

    // The partner and the team lead of the regisseur's team do get in; reads are logged as granted.
    for account in [&c.thomas, &c.joyce, &c.sanne] {
        let mut b = c.app.signed_in_browser(account).await;
        for route in family_routes.iter().filter(|r| r.method == Method::GET) {
            let path = route.path.replace("{family}", &id);
            // A page of one record in the file (a meeting) needs a real record: the
            // flows' own tests open those.
            if path.contains('{') {
                continue;
            }
            let path = if path.ends_with("/vergelijken") {
                format!("{path}?van=0&tot=0")
            } else {
                path
            };
            // Consents are the lead's work: the SAVE partner is told so, not shown them.
            let lead_only = route.access == Access::Family(Need::Lead);
            assert_eq!(
                b.get(&path).await.status,
                if lead_only && account.email == c.thomas.email {
                    StatusCode::FORBIDDEN
                } else {
                    StatusCode::OK
                },
                "{} as {}",
                path,
                account.email
            );
        }
        assert!(
            b.get("/gezinnen?naam=jansen")
                .await
                .body
                .contains("Gezin Jansen"),
            "{} finds it",
            account.email
        );
    }
    let log = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .access_log_for(&FamilyId::from(id.as_str()))
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|(_, event, outcome, user, _)| event == "read"
                && outcome == "granted"
                && *user == c.joyce.user_id)
    );
    assert!(log.iter().any(|(_, event, _, _, _)| event == "print"));
    c.app.done().await;
}

#[tokio::test]
async fn the_regisseurs_start_page_lists_overdue_reviews_and_actions() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    assert!(b.get("/start").await.body.contains("Niets over tijd"));
    let csrf = b.get(&format!("/gezinnen/{id}/plan")).await.csrf();
    let form = [
        ("csrf", csrf.as_str()),
        ("based_on", "0"),
        ("action_domain", "income"),
        ("action_who", "other"),
        ("action_who_name", "Schuldhulp"),
        ("action_what", "Intake plannen"),
        ("action_due", "2020-01-15"),
        ("action_status", "planned"),
        ("action_domain", "school"),
        ("action_who", "other"),
        ("action_who_name", "Sanne"),
        ("action_what", "Gesprek met school"),
        ("action_due", "2020-02-01"),
        ("action_status", "done"),
        ("review_date", "2020-03-01"),
    ];
    assert_eq!(
        b.post(&format!("/gezinnen/{id}/plan"), &form).await.status,
        StatusCode::SEE_OTHER
    );
    let start = b.get("/start").await;
    assert!(start.body.contains("Over tijd in jouw gezinnen"));
    assert!(
        start
            .body
            .contains("evaluatie van het plan, gepland op 1 mrt 2020")
    );
    assert!(start.body.contains("Intake plannen"), "the open action");
    assert!(
        !start.body.contains("Gesprek met school"),
        "a done action is not overdue"
    );
    // Thomas is a partner, not the regisseur: no such list for him.
    let mut thomas = c.app.signed_in_browser(&c.thomas).await;
    assert!(!thomas.get("/start").await.body.contains("Over tijd"));
    c.app.done().await;
}
