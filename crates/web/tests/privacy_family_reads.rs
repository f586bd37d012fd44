//! A family member's reads through the family portal (issue 17: logged as theirs) on the
//! privacy officer's access log, on both backends: the line names the member from the
//! file and the portal, never an account or a code; the filters keep family lines in
//! or out as they should; the export and the family's access overview carry them too,
//! and another organisation's privacy officer does not see them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{App, Backend};
use eenplan_domain::role::Role;

const KIM_READ: &str = "Kim Jansen (gezinslid, via Mijn gezin)";

async fn a_family_members_read_shows_on_the_privacy_officers_log(backend: Backend) {
    let app = App::on(backend).await;
    let (regie, lokalis) = app.lokalis_regisseur().await;
    let privacy = app
        .account_in(
            "lokalis",
            None,
            "privacy@lokalis.example",
            &[Role::PrivacyOfficer],
            true,
        )
        .await;
    let elsewhere = app
        .account("privacy@save.example", &[Role::PrivacyOfficer], true)
        .await;
    let (family, _sam, kim) = app.jansen(&regie, &lokalis, None).await;
    let account = app
        .family_account(&regie, family.as_str(), &kim, "kim@thuis.example")
        .await;

    let token = app.family_session_token(&account).await;
    let mut kim_browser = app.family_browser(&token);
    assert_eq!(
        kim_browser.get("/mijn-gezin/plan").await.status,
        StatusCode::OK
    );

    let mut officer = app.signed_in_browser(&privacy).await;
    let page = officer.get("/privacy").await;
    assert_eq!(page.status, StatusCode::OK);
    let row = page
        .body
        .split("<tr")
        .find(|r| r.contains(KIM_READ))
        .unwrap_or_else(|| panic!("the member's read is listed: {}", page.body));
    assert!(row.contains("het plan"), "{row}");
    assert!(row.contains("Eigen dossier"), "{row}");
    assert!(!row.contains("Geweigerd"), "a granted read: {row}");
    for never in [account.as_str(), "family:", "family_member", "/mijn-gezin"] {
        assert!(
            !row.contains(never),
            "no code or account id ({never}): {row}"
        );
    }
    common::scan::assert_clean("the privacy officer's log", &page.body);

    // The filters: the family and the member's sign-in address keep the line; a
    // professional, an organisation, emergency access and refusals leave it out.
    let filtered = [
        (format!("dossier={family}"), true),
        ("gebruiker=kim%40thuis.example".into(), true),
        ("gebruiker=regie%40lokalis.example".into(), false),
        (format!("organisatie={lokalis}"), false),
        ("nood=ja".into(), false),
        ("geweigerd=ja".into(), false),
        ("dossier=een-ander-dossier".into(), false),
    ];
    for (query, listed) in filtered {
        let r = officer.get(&format!("/privacy?{query}")).await;
        assert_eq!(r.status, StatusCode::OK, "{query}");
        assert_eq!(r.body.contains(KIM_READ), listed, "{query}: {}", r.body);
    }

    // The export holds the line as the log does, with the member's name.
    let csv = officer.get("/privacy/toegangslog.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    let line = csv
        .body
        .lines()
        .find(|l| l.contains("GET /mijn-gezin/plan"))
        .unwrap_or_else(|| panic!("the member's read is exported: {}", csv.body));
    assert!(line.contains("Kim Jansen"), "{line}");
    assert!(line.contains("kim@thuis.example"), "{line}");

    // The family's access overview, which the regisseur opens for the family.
    let mut lead = app.signed_in_browser(&regie).await;
    let overview = lead.get(&format!("/gezinnen/{family}/inzage")).await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.body.contains(KIM_READ), "{}", overview.body);
    common::scan::assert_clean("the family's access overview", &overview.body);

    // Another organisation's privacy officer sees nothing of this family.
    let mut other = app.signed_in_browser(&elsewhere).await;
    let page = other.get("/privacy").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains(KIM_READ));
}

on_both_backends!(a_family_members_read_shows_on_the_privacy_officers_log);
