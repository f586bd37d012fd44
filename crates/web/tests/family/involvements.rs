//! Who is involved: handing the regisseur role over.

use crate::{circle, open_file};
use axum::http::StatusCode;
use eenplan_domain::FamilyId;
use eenplan_domain::role::Role;

#[tokio::test]
async fn changing_the_regisseur_warns_asks_a_reason_and_is_journaled() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mohamed = c
        .app
        .account_in(
            "lokalis",
            None,
            "mohamed@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    let family = c.app.stored_family(&id).await;
    let regisseur = family.regisseur().unwrap().id.clone();

    let r = b
        .post(
            &format!("/gezinnen/{id}/betrokkenen"),
            &[
                ("csrf", &csrf),
                ("user_id", mohamed.user_id.as_str()),
                ("role", "regisseur"),
            ],
        )
        .await;
    assert!(
        r.body.contains("id=\"takes_over-error\""),
        "a second regisseur is refused at the field"
    );
    let base = [
        ("csrf", csrf.as_str()),
        ("user_id", mohamed.user_id.as_str()),
        ("role", "regisseur"),
        ("takes_over", regisseur.as_str()),
    ];
    let r = b.post(&format!("/gezinnen/{id}/betrokkenen"), &base).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Let op: dit is een overdracht"),
        "warned before a handover"
    );
    let mut confirmed = base.to_vec();
    confirmed.push(("confirm", "yes"));
    let r = b
        .post(&format!("/gezinnen/{id}/betrokkenen"), &confirmed)
        .await;
    assert!(
        r.body.contains("id=\"reason-error\""),
        "a handover needs a reason"
    );
    confirmed.push(("reason", "Sanne gaat naar een ander team"));
    let r = b
        .post(&format!("/gezinnen/{id}/betrokkenen"), &confirmed)
        .await;
    assert_eq!(
        r.location(),
        format!("/gezinnen/{id}/betrokkenen"),
        "{}",
        r.body
    );
    let timeline = c
        .app
        .store
        .read()
        .await
        .unwrap()
        .timeline(&FamilyId::from(id.as_str()))
        .await
        .unwrap();
    assert_eq!(timeline.iter().filter(|e| e.kind == "handover").count(), 1);
    c.app.done().await;
}
