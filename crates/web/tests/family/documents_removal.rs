//! Documents on the page, on both backends: removing one with a reason (the page's one
//! form and the API), what a partner without the category's consent does not see, and
//! a signed plan attached to the plan version the family agreed to.

use crate::common::{self, Backend, field_error};
use crate::documents::{BOUNDARY, PDF, access_lines, file_with_partner, multipart, upload};
use crate::plan::{as_pairs, plan_form};
use crate::{Circle, api_token, member_id};
use axum::http::{Method, StatusCode};
use eenplan_domain::FamilyId;
use eenplan_domain::family::DataCategory;

crate::on_both_backends! {
    a_partner_removes_their_own_document_with_a_reason,
    the_api_removes_with_a_reason_and_only_for_who_may,
    a_document_outside_the_partners_consent_is_not_on_their_page,
    a_signed_plan_is_attached_to_the_agreed_version_it_signs,
}

/// Uploads through the page as `b`'s visitor; the answer.
async fn upload_on_page(
    b: &mut common::Browser<'_>,
    id: &str,
    fields: &[(&str, &str)],
) -> common::Response {
    let csrf = b.get(&format!("/gezinnen/{id}/documenten")).await.csrf();
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    b.post_multipart(
        &format!("/gezinnen/{id}/documenten"),
        BOUNDARY,
        multipart(&all, Some(("stuk.pdf", PDF))),
    )
    .await
}

/// The id of the document titled `title` in the API's list as `who` sees it.
async fn document_id(c: &Circle, who: &common::Account, id: &str, title: &str) -> String {
    let list = c
        .app
        .raw(
            Method::GET,
            &format!("/api/v1/families/{id}/documents"),
            &api_token(c, who).await,
            "",
        )
        .await
        .json();
    list["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["title"] == title)
        .and_then(|d| d["id"].as_str())
        .unwrap_or_else(|| panic!("{title} is listed: {list}"))
        .to_owned()
}

/// Whether the store still holds the document's bytes.
async fn content_kept(c: &Circle, id: &str, doc: &str) -> bool {
    let mut tx = c.app.store.read().await.unwrap();
    tx.document_content(&FamilyId::from(id), doc)
        .await
        .unwrap()
        .is_some()
}

async fn a_partner_removes_their_own_document_with_a_reason(backend: Backend) {
    let (c, id) = file_with_partner(backend, DataCategory::ALL).await;
    let sannes = upload(
        &c,
        &c.sanne,
        &id,
        "court_decision",
        "Beschikking",
        ("b.pdf", PDF),
    )
    .await;
    assert_eq!(sannes.status, StatusCode::CREATED, "{}", sannes.body);
    let sannes = sannes.json()["id"].as_str().unwrap().to_owned();
    let mut b = c.app.signed_in_browser(&c.thomas).await;
    let r = upload_on_page(
        &mut b,
        &id,
        &[("category", "school_report"), ("title", "Verslag school")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let his = document_id(&c, &c.thomas, &id, "Verslag school").await;

    // The removal is offered on his own document only; another's form is not there.
    let list = b.get(&format!("/gezinnen/{id}/documenten")).await;
    let form = format!("/gezinnen/{id}/documenten/{his}/verwijderen");
    assert!(
        list.body.contains(&format!("href=\"{form}\"")),
        "{}",
        list.body
    );
    let other = format!("/gezinnen/{id}/documenten/{sannes}/verwijderen");
    assert!(!list.body.contains(&other));
    assert_eq!(b.get(&other).await.status, StatusCode::NOT_FOUND);

    let page = b.get(&form).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Verslag school"));
    assert_eq!(
        common::control_value(&page.body, "reason").as_deref(),
        Some("")
    );
    common::scan::assert_clean("the removal form", &page.body);
    let csrf = page.csrf();

    // No reason: the form comes back with the summary and the message at the field,
    // and the document stays in the file.
    let refused = b.post(&form, &[("csrf", &csrf), ("reason", "   ")]).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("id=\"error-summary\""));
    assert!(refused.body.contains("href=\"#reason\""));
    assert!(
        field_error(&refused.body, "reason").is_some(),
        "{}",
        refused.body
    );
    assert_eq!(
        common::control_value(&refused.body, "reason").as_deref(),
        Some(""),
        "blanks are no reason"
    );
    let list = b.get(&format!("/gezinnen/{id}/documenten")).await;
    assert!(list.body.contains(&format!("href=\"{form}\"")));
    assert!(
        access_lines(&c, &format!("document {his} removed%"))
            .await
            .is_empty()
    );

    let done = b
        .post(&form, &[("csrf", &csrf), ("reason", "Verkeerde versie")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), format!("/gezinnen/{id}/documenten"));
    let list = b.get(&format!("/gezinnen/{id}/documenten")).await;
    assert!(
        list.body.contains("Verwijderd: Verkeerde versie"),
        "{}",
        list.body
    );
    assert!(
        !list.body.contains(&format!("href=\"{form}\"")),
        "removed once"
    );
    assert_eq!(b.get(&form).await.status, StatusCode::NOT_FOUND);
    assert!(
        content_kept(&c, &id, &his).await,
        "removing keeps the bytes"
    );

    // Upload (by the page) and removal are each one access-log line with the digest.
    let digest = eenplan_domain::family::content_digest(PDF);
    let uploaded = access_lines(&c, &format!("document {his} uploaded%")).await;
    assert_eq!(uploaded.len(), 1, "{uploaded:?}");
    assert_eq!(uploaded[0].0, "create");
    let removed = access_lines(&c, &format!("document {his} removed%")).await;
    assert_eq!(removed.len(), 1, "{removed:?}");
    assert_eq!(removed[0].0, "update");
    assert!(removed[0].1.contains(&digest));
    assert!(
        !removed[0].1.contains("Verkeerde versie"),
        "no reason in the log"
    );
    let deep = c.app.store.verify_deep().await.unwrap();
    assert!(deep.is_intact(), "{:?}", deep.findings);
    c.app.done().await;
}

async fn the_api_removes_with_a_reason_and_only_for_who_may(backend: Backend) {
    let (c, id) = file_with_partner(backend, DataCategory::ALL).await;
    let r = upload(&c, &c.sanne, &id, "raad_report", "Rapport", ("r.pdf", PDF)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let doc = r.json()["id"].as_str().unwrap().to_owned();
    let end = format!("/api/v1/families/{id}/documents/{doc}/end");

    // A partner does not remove the lead's document.
    let thomas = api_token(&c, &c.thomas).await;
    let r = c
        .app
        .raw(Method::POST, &end, &thomas, r#"{"reason":"weg"}"#)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(r.headers["content-type"], "application/problem+json");

    let sanne = api_token(&c, &c.sanne).await;
    let r = c
        .app
        .raw(Method::POST, &end, &sanne, r#"{"reason":"  "}"#)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(r.headers["content-type"], "application/problem+json");
    assert_eq!(r.json()["invalidParams"][0]["name"], "reason");
    assert!(
        access_lines(&c, &format!("document {doc} removed%"))
            .await
            .is_empty(),
        "a refused removal is no removal"
    );

    let r = c
        .app
        .raw(
            Method::POST,
            &end,
            &sanne,
            r#"{"reason":"Dubbel toegevoegd"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let listed = c
        .app
        .raw(
            Method::GET,
            &format!("/api/v1/families/{id}/documents"),
            &sanne,
            "",
        )
        .await
        .json();
    assert_eq!(
        listed["documents"][0]["end_reason"], "Dubbel toegevoegd",
        "{listed}"
    );
    assert_eq!(
        access_lines(&c, &format!("document {doc} removed%"))
            .await
            .len(),
        1
    );
    assert!(content_kept(&c, &id, &doc).await);
    let again = c
        .app
        .raw(Method::POST, &end, &sanne, r#"{"reason":"Nog eens"}"#)
        .await;
    assert!(again.status.is_client_error(), "{}", again.body);
    c.app.done().await;
}

async fn a_document_outside_the_partners_consent_is_not_on_their_page(backend: Backend) {
    let (c, id) = file_with_partner(backend, &[DataCategory::Identity, DataCategory::Plan]).await;
    let r = upload(
        &c,
        &c.sanne,
        &id,
        "court_decision",
        "Beschikking OTS",
        ("b.pdf", PDF),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let doc = r.json()["id"].as_str().unwrap().to_owned();
    let mut b = c.app.signed_in_browser(&c.thomas).await;
    let page = b.get(&format!("/gezinnen/{id}/documenten")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(!page.body.contains("Beschikking OTS"), "{}", page.body);
    assert!(!page.body.contains(&doc));
    // Nor is it a choice in his upload form.
    assert!(!page.body.contains("value=\"court_decision\""));
    let download = b.get(&format!("/gezinnen/{id}/documenten/{doc}")).await;
    assert_eq!(download.status, StatusCode::NOT_FOUND);
    assert!(!download.body.contains("PDF-1.7"));
    let form = b
        .get(&format!("/gezinnen/{id}/documenten/{doc}/verwijderen"))
        .await;
    assert_eq!(form.status, StatusCode::NOT_FOUND);
    assert!(
        access_lines(&c, &format!("document {doc} downloaded%"))
            .await
            .is_empty()
    );
    c.app.done().await;
}

async fn a_signed_plan_is_attached_to_the_agreed_version_it_signs(backend: Backend) {
    let (c, id) = file_with_partner(backend, DataCategory::ALL).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let plan = format!("/gezinnen/{id}/plan");
    let csrf = b.get(&plan).await.csrf();
    let r = b.post(&plan, &as_pairs(&plan_form(&csrf, "0"))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Before the family agreed, there is no version to choose.
    let page = b.get(&format!("/gezinnen/{id}/documenten")).await;
    assert!(!page.body.contains("id=\"plan_version\""));
    let kim = member_id(&c, &id, "Kim Jansen").await;
    let r = b
        .post(
            &format!("{plan}/akkoord"),
            &[("csrf", &csrf), ("version", "1"), ("members", &kim)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The choice names the version and the day in words, never an id.
    let page = b.get(&format!("/gezinnen/{id}/documenten")).await;
    assert!(page.body.contains("id=\"plan_version\""), "{}", page.body);
    assert!(
        page.body
            .contains("<option value=\"1\">Versie 1, akkoord gegeven op "),
        "{}",
        page.body
    );
    common::scan::assert_clean("the documents page with a plan version", &page.body);

    // A version that is not there comes back at its field, all else as chosen.
    let r = upload_on_page(
        &mut b,
        &id,
        &[
            ("category", "signed_plan"),
            ("title", "Plan getekend"),
            ("plan_version", "7"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(field_error(&r.body, "plan_version").is_some(), "{}", r.body);
    assert_eq!(
        common::control_value(&r.body, "title").as_deref(),
        Some("Plan getekend")
    );
    assert_eq!(
        common::selected_option(&r.body, "category").as_deref(),
        Some("signed_plan")
    );

    let r = upload_on_page(
        &mut b,
        &id,
        &[
            ("category", "signed_plan"),
            ("title", "Plan getekend"),
            ("plan_version", "1"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A version chosen with another kind of document is not kept.
    let r = upload_on_page(
        &mut b,
        &id,
        &[
            ("category", "court_decision"),
            ("title", "Beschikking"),
            ("plan_version", "1"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let signed = document_id(&c, &c.sanne, &id, "Plan getekend").await;
    let list = c
        .app
        .raw(
            Method::GET,
            &format!("/api/v1/families/{id}/documents"),
            &api_token(&c, &c.sanne).await,
            "",
        )
        .await
        .json();
    let versions: Vec<_> = list["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["title"].as_str().unwrap(), d["plan_version"].as_i64()))
        .collect();
    assert!(
        versions.contains(&("Plan getekend", Some(1))),
        "{versions:?}"
    );
    assert!(versions.contains(&("Beschikking", None)), "{versions:?}");

    let page = b.get(&format!("/gezinnen/{id}/documenten")).await;
    assert!(
        page.body.contains("Ondertekend plan (versie 1)"),
        "{}",
        page.body
    );
    // The plan's version links to the signed plan.
    let shown = b.get(&plan).await;
    assert!(
        shown.body.contains(&format!(
            "Ondertekend plan: <a class=\"utrecht-link\" href=\"/gezinnen/{id}/documenten/{signed}\""
        )),
        "{}",
        shown.body
    );
    c.app.done().await;
}
