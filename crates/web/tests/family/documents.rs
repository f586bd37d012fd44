//! Documents on a family file through the router: uploads checked by their bytes and
//! the size limit, a partner seeing only what their consent covers, downloads as
//! sandboxed attachments, access-log lines, the virus-scanner hook, the page.

use crate::common::Backend;
use crate::{Circle, api_token, circle_on, common, consent_to_save, open_file};
use axum::http::{Method, StatusCode};
use eenplan_domain::family::DataCategory;

crate::on_both_backends! {
    a_partner_sees_only_the_documents_their_consent_covers,
    downloads_are_sandboxed_attachments_and_renamed_html_is_refused,
    over_the_limit_is_413_problem_json,
    the_virus_scanner_hook_refuses_a_marked_file,
    the_page_lists_uploads_and_keeps_what_was_typed_on_a_refusal,
    the_privacy_officer_destroys_the_content_and_the_digest_stays,
}

pub(super) const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer\n%%EOF\n";
pub(super) const BOUNDARY: &str = "eenplan-test-boundary";

/// A multipart body with the text `fields` and a `file` part.
pub(super) fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// A file with Thomas (SAVE) as partner under a consent for `categories`.
pub(super) async fn file_with_partner(
    backend: Backend,
    categories: &[DataCategory],
) -> (Circle, String) {
    let c = circle_on(backend).await;
    let id = open_file(&c).await;
    consent_to_save(&c, &id, categories).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
    let r = b
        .post(
            &format!("/gezinnen/{id}/betrokkenen"),
            &[
                ("csrf", &csrf),
                ("user_id", c.thomas.user_id.as_str()),
                ("role", "partner"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    (c, id)
}

pub(super) async fn upload(
    c: &Circle,
    who: &common::Account,
    id: &str,
    category: &str,
    title: &str,
    file: (&str, &[u8]),
) -> common::Response {
    let mut headers = api_token(c, who).await;
    headers.retain(|(k, _)| *k != "content-type");
    headers.push((
        "content-type",
        format!("multipart/form-data; boundary={BOUNDARY}"),
    ));
    c.app
        .raw_bytes(
            Method::POST,
            &format!("/api/v1/families/{id}/documents"),
            &headers,
            multipart(&[("category", category), ("title", title)], Some(file)),
        )
        .await
}

pub(super) async fn access_lines(c: &Circle, like: &str) -> Vec<(String, String)> {
    let mut tx = c.app.store.read().await.unwrap();
    tx.fetch_all(
        "SELECT event, data FROM access_log WHERE data LIKE $1 ORDER BY at",
        vec![like.into()],
    )
    .await
    .unwrap()
    .iter()
    .map(|r| (r.text("event").unwrap(), r.text("data").unwrap()))
    .collect()
}

async fn a_partner_sees_only_the_documents_their_consent_covers(backend: Backend) {
    let (c, id) = file_with_partner(backend, &[DataCategory::Identity, DataCategory::Plan]).await;
    let court = upload(
        &c,
        &c.sanne,
        &id,
        "court_decision",
        "Beschikking OTS",
        ("beschikking.pdf", PDF),
    )
    .await;
    assert_eq!(court.status, StatusCode::CREATED, "{}", court.body);
    let court = court.json();
    assert_eq!(court["file_type"], "pdf");
    assert_eq!(court["media_type"], "application/pdf");
    assert_eq!(court["sha256"], eenplan_domain::family::content_digest(PDF));
    let court_id = court["id"].as_str().unwrap().to_owned();
    let plan = upload(
        &c,
        &c.sanne,
        &id,
        "signed_plan",
        "Plan getekend",
        ("plan.gif", b"GIF89a\x01\x00"),
    )
    .await;
    assert_eq!(plan.status, StatusCode::CREATED, "{}", plan.body);
    let plan_id = plan.json()["id"].as_str().unwrap().to_owned();

    // Sanne sees both; Thomas, whose consent does not open notes, sees the plan only.
    let sanne = api_token(&c, &c.sanne).await;
    let all = c
        .app
        .raw(
            Method::GET,
            &format!("/api/v1/families/{id}/documents"),
            &sanne,
            "",
        )
        .await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    assert_eq!(all.json()["documents"].as_array().unwrap().len(), 2);
    assert_eq!(all.headers["x-total-count"], "2");
    let thomas = api_token(&c, &c.thomas).await;
    let seen = c
        .app
        .raw(
            Method::GET,
            &format!("/api/v1/families/{id}/documents"),
            &thomas,
            "",
        )
        .await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    let listed = seen.json()["documents"].as_array().unwrap().clone();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["id"], plan_id.as_str());
    assert_eq!(seen.headers["x-total-count"], "1");
    let hidden = c
        .app
        .raw(
            Method::GET,
            &format!("/api/v1/families/{id}/documents/{court_id}"),
            &thomas,
            "",
        )
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{}", hidden.body);
    assert!(!hidden.body.contains("PDF-1.7"));
    // Nor may he file a document under a category his consent does not open.
    let refused = upload(
        &c,
        &c.thomas,
        &id,
        "school_report",
        "Rapport",
        ("r.pdf", PDF),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert_eq!(refused.json()["invalidParams"][0]["name"], "category");
    let allowed = c
        .app
        .raw(
            Method::GET,
            &format!("/api/v1/families/{id}/documents/{plan_id}"),
            &thomas,
            "",
        )
        .await;
    assert_eq!(allowed.status, StatusCode::OK);

    // Every upload and download is an access-log line naming the document and digest.
    let uploaded = access_lines(&c, &format!("document {court_id} uploaded%")).await;
    assert_eq!(uploaded.len(), 1, "{uploaded:?}");
    assert_eq!(uploaded[0].0, "create");
    assert!(uploaded[0].1.contains(court["sha256"].as_str().unwrap()));
    assert!(!uploaded[0].1.contains("Beschikking"));
    let downloaded = access_lines(&c, &format!("document {plan_id} downloaded%")).await;
    assert_eq!(downloaded.len(), 1, "{downloaded:?}");
    assert_eq!(downloaded[0].0, "read");
    assert!(
        access_lines(&c, &format!("document {court_id} downloaded%"))
            .await
            .is_empty(),
        "a refused download hands out nothing"
    );
    c.app.done().await;
}

async fn downloads_are_sandboxed_attachments_and_renamed_html_is_refused(backend: Backend) {
    let (c, id) = file_with_partner(backend, DataCategory::ALL).await;
    let html = upload(
        &c,
        &c.sanne,
        &id,
        "raad_report",
        "Rapport",
        (
            "rapport.pdf",
            b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>",
        ),
    )
    .await;
    assert_eq!(html.status, StatusCode::BAD_REQUEST, "{}", html.body);
    assert_eq!(html.json()["invalidParams"][0]["name"], "file");
    let mut tx = c.app.store.read().await.unwrap();
    let kept = tx
        .fetch_one("SELECT COUNT(*) AS n FROM documents", vec![])
        .await
        .unwrap()
        .int("n")
        .unwrap();
    drop(tx);
    assert_eq!(kept, 0, "nothing of a refused upload is kept");

    let ok = upload(
        &c,
        &c.sanne,
        &id,
        "raad_report",
        "Rapport <Raad>",
        ("rapport.pdf", PDF),
    )
    .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    let doc = ok.json()["id"].as_str().unwrap().to_owned();
    let r = c
        .app
        .raw(
            Method::GET,
            &format!("/api/v1/families/{id}/documents/{doc}"),
            &api_token(&c, &c.sanne).await,
            "",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["content-type"], "application/pdf");
    let disposition = r.headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment; "), "{disposition}");
    assert!(disposition.ends_with(".pdf\""), "{disposition}");
    assert_eq!(r.headers["x-content-type-options"], "nosniff");
    let csp = r.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.starts_with("sandbox;"), "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert_eq!(r.body.as_bytes(), PDF);
    c.app.done().await;
}

async fn over_the_limit_is_413_problem_json(backend: Backend) {
    let (mut c, id) = file_with_partner(backend, DataCategory::ALL).await;
    c.app.documents.max_bytes = 1024;
    let mut big = PDF.to_vec();
    big.resize(2048, b' ');
    let r = upload(&c, &c.sanne, &id, "other", "Groot", ("groot.pdf", &big)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    assert_eq!(r.headers["content-type"], "application/problem+json");
    assert!(r.json()["detail"].as_str().unwrap().contains("MB"));
    // A body far past the limit is not even read to the end.
    big.resize(1024 + 128 * 1024, b' ');
    let r = upload(&c, &c.sanne, &id, "other", "Groter", ("groter.pdf", &big)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    assert_eq!(r.headers["content-type"], "application/problem+json");
    c.app.done().await;
}

async fn the_virus_scanner_hook_refuses_a_marked_file(backend: Backend) {
    let (mut c, id) = file_with_partner(backend, DataCategory::ALL).await;
    let script = std::env::temp_dir().join(format!(
        "eenplan-stub-scanner-{}-{}.sh",
        std::process::id(),
        eenplan_store::ids::new_id()
    ));
    std::fs::write(
        &script,
        "#!/bin/sh\nif grep -q STUB-VIRUS-MARK; then exit 1; fi\nexit 0\n",
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    c.app.documents.scan_command = Some(script.clone());
    let mut marked = PDF.to_vec();
    marked.extend_from_slice(b"STUB-VIRUS-MARK\n");
    let r = upload(&c, &c.sanne, &id, "other", "Besmet", ("b.pdf", &marked)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(r.json()["invalidParams"][0]["name"], "file");
    let r = upload(&c, &c.sanne, &id, "other", "Schoon", ("s.pdf", PDF)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    std::fs::remove_file(&script).unwrap();
    c.app.done().await;
}

async fn the_page_lists_uploads_and_keeps_what_was_typed_on_a_refusal(backend: Backend) {
    let (c, id) = file_with_partner(backend, DataCategory::ALL).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let page = b.get(&format!("/gezinnen/{id}/documenten")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("enctype=\"multipart/form-data\""));
    assert!(
        page.body
            .contains(&format!("href=\"/gezinnen/{id}/documenten\""))
    );
    let csrf = page.csrf();

    let refused = b
        .post_multipart(
            &format!("/gezinnen/{id}/documenten"),
            BOUNDARY,
            multipart(
                &[
                    ("csrf", &csrf),
                    ("category", "school_report"),
                    ("title", "Rapport groep 5"),
                ],
                Some(("rapport.pdf", b"<html><body>nep</body></html>")),
            ),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert_eq!(
        common::control_value(&refused.body, "title").as_deref(),
        Some("Rapport groep 5")
    );
    assert_eq!(
        common::selected_option(&refused.body, "category").as_deref(),
        Some("school_report")
    );
    assert!(common::field_error(&refused.body, "file").is_some());

    let kept = b
        .post_multipart(
            &format!("/gezinnen/{id}/documenten"),
            BOUNDARY,
            multipart(
                &[
                    ("csrf", &csrf),
                    ("category", "school_report"),
                    ("title", "Rapport groep 5"),
                ],
                Some(("rapport.pdf", PDF)),
            ),
        )
        .await;
    assert_eq!(kept.status, StatusCode::SEE_OTHER, "{}", kept.body);
    let list = b.get(&format!("/gezinnen/{id}/documenten")).await;
    assert!(list.body.contains("Rapport groep 5"));
    assert!(list.body.contains("Schoolrapportage"));
    common::scan::assert_clean("the documents page", &list.body);
    c.app.done().await;
}

async fn the_privacy_officer_destroys_the_content_and_the_digest_stays(backend: Backend) {
    let (c, id) = file_with_partner(backend, DataCategory::ALL).await;
    let r = upload(&c, &c.sanne, &id, "other", "Verkeerd gezin", ("v.pdf", PDF)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let doc = r.json()["id"].as_str().unwrap().to_owned();
    let officer = api_token(&c, &c.outsider).await;
    let r = c
        .app
        .raw(
            Method::POST,
            &format!("/api/v1/privacy/documents/{doc}/destroy"),
            &officer,
            r#"{"reason":"Bij het verkeerde gezin opgeslagen"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let gone = c
        .app
        .raw(
            Method::GET,
            &format!("/api/v1/families/{id}/documents/{doc}"),
            &api_token(&c, &c.sanne).await,
            "",
        )
        .await;
    assert_eq!(gone.status, StatusCode::GONE, "{}", gone.body);
    let listed = c
        .app
        .raw(
            Method::GET,
            &format!("/api/v1/families/{id}/documents"),
            &api_token(&c, &c.sanne).await,
            "",
        )
        .await
        .json();
    assert_eq!(listed["documents"][0]["destroyed"], true);
    assert_eq!(
        listed["documents"][0]["sha256"],
        eenplan_domain::family::content_digest(PDF)
    );
    let deep = c.app.store.verify_deep().await.unwrap();
    assert!(deep.is_intact(), "{:?}", deep.findings);
    c.app.done().await;
}
