//! The family's door (issue 17 §1) through the real router: the regisseur invites, the
//! invited parent redeems the code, chooses a password, links an app and reaches their
//! own home page; a family session opens no professional page and a professional no
//! family page; a used, expired or revoked code is said next to its field.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{
    App, Backend, PASSWORD, control_value, current_code, field_error, next_code, secret_on,
    selected_option,
};

/// The code the invitation page shows once.
fn invitation_code_on(body: &str) -> String {
    let marker = "id=\"uitnodigingscode\">";
    let start = body.find(marker).expect("an invitation code") + marker.len();
    body[start..start + body[start..].find('<').unwrap()].to_owned()
}

/// A regisseur of a local team (Lokalis), and the team's organisation id.
async fn regisseur(app: &App) -> (common::Account, String) {
    app.lokalis_regisseur().await
}

async fn redeem(b: &mut common::Browser<'_>, code: &str, email: &str) -> common::Response {
    let csrf = b.get("/gezin/activeren").await.csrf();
    b.post(
        "/gezin/activeren",
        &[
            ("csrf", &csrf),
            ("code", code),
            ("email", email),
            ("password", PASSWORD),
            ("repeat", PASSWORD),
        ],
    )
    .await
}

#[tokio::test]
async fn invite_redeem_sign_in_and_the_home_page() {
    let app = App::new().await;
    let (regie, lokalis) = regisseur(&app).await;
    let (family, _sam, kim) = app.jansen(&regie, &lokalis, None).await;
    let page = format!("/gezinnen/{family}/gezinsaccounts");
    let mut pro = app.signed_in_browser(&regie).await;

    // The page lists who may be invited: Kim (a parent), not Sam (under twelve).
    let r = pro.get(&page).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Kim Jansen") && !r.body.contains(">Sam Jansen<"));
    assert!(r.body.contains("Nog niemand in dit gezin"));
    // Inviting Sam anyway (a crafted form) is refused at the field.
    let r = pro
        .post(&page, &[("csrf", &r.csrf()), ("member", &_sam)])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&r.body, "member")
            .unwrap()
            .contains("jonger dan 12"),
        "{}",
        r.body
    );
    let r = pro
        .post(&page, &[("csrf", &r.csrf()), ("member", &kim)])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let code = invitation_code_on(&r.body);
    assert_eq!(code.len(), 19);
    assert!(r.body.contains("/gezin/activeren"));

    // Kim redeems it, typed loosely, chooses a password and links her app.
    let mut kim_b = app.browser();
    let r = redeem(
        &mut kim_b,
        &code.to_lowercase().replace('-', " "),
        "Kim@Thuis.example",
    )
    .await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, "/gezin/activeren/koppelen"),
        "{}",
        r.body
    );
    let r = kim_b.get("/gezin/activeren/koppelen").await;
    let secret = secret_on(&r.body).expect("the app's secret");
    let wrong = kim_b
        .post(
            "/gezin/activeren/koppelen",
            &[("csrf", &r.csrf()), ("code", "000000")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&wrong.body, "code").is_some());
    let r = kim_b
        .post(
            "/gezin/activeren/koppelen",
            &[("csrf", &wrong.csrf()), ("code", &current_code(&secret))],
        )
        .await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, "/mijn-gezin")
    );
    let home = kim_b.get("/mijn-gezin").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Welkom, Kim"), "{}", home.body);
    assert!(!home.body.contains("Jansen"), "no surname, no family data");

    // A family session opens no professional page, not even one for any signed-in.
    assert_eq!(kim_b.get("/start").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        kim_b.get(&format!("/gezinnen/{family}")).await.status,
        StatusCode::FORBIDDEN
    );
    // And a professional does not open the family's home page.
    assert_eq!(pro.get("/mijn-gezin").await.status, StatusCode::FORBIDDEN);

    // The code worked once.
    let mut other = app.browser();
    let r = redeem(&mut other, &code, "ander@thuis.example").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&r.body, "code")
            .unwrap()
            .contains("al gebruikt")
    );

    // Signing out and in again: password, then the app's next code.
    let r = kim_b
        .post("/gezin/afmelden", &[("csrf", &home.csrf())])
        .await;
    assert_eq!(r.location(), "/gezin/aanmelden?afgemeld=1");
    assert_eq!(
        kim_b.get("/mijn-gezin").await.location(),
        "/gezin/aanmelden"
    );
    let csrf = kim_b.get("/gezin/aanmelden").await.csrf();
    let r = kim_b
        .post(
            "/gezin/aanmelden",
            &[
                ("csrf", &csrf),
                ("email", "kim@thuis.example"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.location(), "/gezin/aanmelden/code", "{}", r.body);
    let csrf = kim_b.get("/gezin/aanmelden/code").await.csrf();
    let r = kim_b
        .post(
            "/gezin/aanmelden/code",
            &[("csrf", &csrf), ("code", &next_code(&secret))],
        )
        .await;
    assert_eq!(r.location(), "/mijn-gezin");
    assert_eq!(kim_b.get("/mijn-gezin").await.status, StatusCode::OK);
    // The professional sign-in does not know a family account.
    let mut wrong_door = app.browser();
    let r = wrong_door.password("kim@thuis.example", PASSWORD).await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "no session at the professionals' door"
    );

    // The regisseur sees the account and blocks it: Kim is out at once.
    let r = pro.get(&page).await;
    assert!(r.body.contains("Account actief sinds"), "{}", r.body);
    let at = r.body.find("/blokkeren").unwrap();
    let action_start = r.body[..at].rfind("action=\"").unwrap() + "action=\"".len();
    let action = format!("{}/blokkeren", &r.body[action_start..at]);
    let r = pro.post(&action, &[("csrf", &r.csrf())]).await;
    assert_eq!(r.location(), format!("{page}?klaar=geblokkeerd"));
    assert_eq!(
        kim_b.get("/mijn-gezin").await.location(),
        "/gezin/aanmelden"
    );

    let journal = app
        .store
        .read()
        .await
        .unwrap()
        .journal_page(0, 500)
        .await
        .unwrap();
    let kinds: Vec<&str> = journal.iter().map(|e| e.kind.as_str()).collect();
    for kind in [
        "family_member_invited",
        "family_account_activated",
        "family_member_signed_in",
        "family_account_blocked",
    ] {
        assert!(kinds.contains(&kind), "{kind}");
    }
    assert!(journal.iter().all(|e| !e.payload.contains(&code)));
    app.done().await;
}

#[tokio::test]
async fn expired_revoked_and_unknown_codes_are_said_at_the_field() {
    let app = App::new().await;
    let (regie, lokalis) = regisseur(&app).await;
    let (family, _, kim) = app.jansen(&regie, &lokalis, None).await;
    let family = family.to_string();

    // An invitation whose fourteen days are over.
    let code = "K7QM-3XRT-ABCD-EFGH";
    let past = eenplan_domain::UtcTime::from_timestamp(
        eenplan_domain::UtcTime::now().timestamp() - jiff::SignedDuration::from_secs(1),
    );
    let mut tx = app.store.write().await.unwrap();
    tx.invite_family_member(
        &eenplan_domain::journal::Actor::System { component: "test" },
        regie.user_id.as_str(),
        (&family, &kim),
        &eenplan_domain::enrolment::code_hash(code),
        past,
        false,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut b = app.browser();
    let r = redeem(&mut b, code, "kim@thuis.example").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&r.body, "code").unwrap().contains("verlopen"),
        "{}",
        r.body
    );
    // What was typed comes back; the password does not.
    assert!(r.body.contains("value=\"kim@thuis.example\""));
    assert!(!r.body.contains(PASSWORD));

    // A code nobody issued.
    let r = redeem(&mut b, "0000-0000-0000-0000", "kim@thuis.example").await;
    assert!(
        field_error(&r.body, "code")
            .unwrap()
            .contains("kennen we niet")
    );

    // A revoked one: the regisseur makes a new invitation and revokes it.
    let page = format!("/gezinnen/{family}/gezinsaccounts");
    let mut pro = app.signed_in_browser(&regie).await;
    let r = pro.get(&page).await;
    let r = pro
        .post(&page, &[("csrf", &r.csrf()), ("member", &kim)])
        .await;
    let fresh = invitation_code_on(&r.body);
    let r = pro.get(&page).await;
    assert!(r.body.contains("Uitnodiging open tot"));
    let at = r.body.find("/intrekken").unwrap();
    let action_start = r.body[..at].rfind("action=\"").unwrap() + "action=\"".len();
    let action = format!("{}/intrekken", &r.body[action_start..at]);
    let r = pro.post(&action, &[("csrf", &r.csrf())]).await;
    assert_eq!(r.location(), format!("{page}?klaar=ingetrokken"));
    let r = redeem(&mut b, &fresh, "kim@thuis.example").await;
    assert!(
        field_error(&r.body, "code")
            .unwrap()
            .contains("ingetrokken")
    );
    // Revoking again: the list says it was no longer possible, nothing breaks.
    let csrf = pro.get(&page).await.csrf();
    let r = pro.post(&action, &[("csrf", &csrf)]).await;
    assert_eq!(r.location(), format!("{page}?klaar=niet-meer"));
    app.done().await;
}

/// The invitation by e-mail (issue 17 §1): a bad address is said at its field with
/// everything kept; a good one makes the invitation and its mail in one transaction,
/// the page shows no code, the mail links to the door with the code filled in and
/// names no one; a newer invitation cancels the older one's waiting mail, and a sent
/// mail forgets its address and code.
async fn an_invitation_goes_by_e_mail_through_the_outbox(backend: Backend) {
    let app = App::on(backend).await;
    let (regie, lokalis) = regisseur(&app).await;
    let (family, _sam, kim) = app.jansen(&regie, &lokalis, None).await;
    let page = format!("/gezinnen/{family}/gezinsaccounts");
    let mut pro = app.signed_in_browser(&regie).await;
    let r = pro.get(&page).await;
    assert!(
        r.body.contains("E-mailadres (niet verplicht)"),
        "{}",
        r.body
    );

    let r = pro
        .post(
            &page,
            &[
                ("csrf", &r.csrf()),
                ("member", &kim),
                ("email", "kim@thuis"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        field_error(&r.body, "email")
            .unwrap()
            .contains("geldig e-mailadres"),
        "{}",
        r.body
    );
    assert_eq!(selected_option(&r.body, "member").as_deref(), Some(&*kim));
    assert_eq!(
        control_value(&r.body, "email").as_deref(),
        Some("kim@thuis")
    );
    assert!(app.store.outbox().await.unwrap().is_empty());
    let mut tx = app.store.read().await.unwrap();
    assert!(
        tx.family_accounts(&family.to_string())
            .await
            .unwrap()
            .is_empty()
    );
    drop(tx);

    let invite = async |pro: &mut common::Browser<'_>| {
        let csrf = pro.get(&page).await.csrf();
        pro.post(
            &page,
            &[
                ("csrf", &csrf),
                ("member", &kim),
                ("email", " Kim@Thuis.example "),
            ],
        )
        .await
    };
    let r = invite(&mut pro).await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, &*format!("{page}?klaar=gemaild")),
        "{}",
        r.body
    );
    let r = pro.get(r.location()).await;
    assert!(
        r.body.contains("per e-mail naar het gezinslid"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("uitnodigingscode"));
    let first = app.store.outbox().await.unwrap();
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first[0].kind, "family_invitation");
    assert_eq!(first[0].user_id, None);
    assert_eq!(first[0].to_address.as_deref(), Some("kim@thuis.example"));
    let first_code = first[0].secret.clone().expect("the code, while it waits");
    let mut tx = app.store.read().await.unwrap();
    assert!(tx.family_accounts(&family.to_string()).await.unwrap()[0].by_mail);
    drop(tx);

    // A second invitation revokes the first, and its mail is not sent.
    let r = invite(&mut pro).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let rows = app.store.outbox().await.unwrap();
    let old = rows.iter().find(|o| o.id == first[0].id).unwrap();
    assert!(
        old.given_up_at.is_some() && old.sent_at.is_none(),
        "{old:?}"
    );
    assert_eq!((&old.to_address, &old.secret), (&None, &None));
    let later = eenplan_domain::UtcTime::parse("2099-01-01T00:00:00Z").unwrap();
    let jobs = app
        .store
        .claim_mail("test", later, std::time::Duration::from_secs(60), 10)
        .await
        .unwrap();
    assert_eq!(jobs.len(), 1, "{jobs:?}");
    let job = &jobs[0];
    assert_ne!(job.id, first[0].id);
    assert_eq!(job.to, "kim@thuis.example");
    let eenplan_domain::mail::MailAbout::FamilyInvitation { code } = &job.about else {
        panic!("an invitation: {job:?}");
    };
    assert_ne!(code, &first_code);
    let text = eenplan_domain::mail::MailText::compose(
        job.language,
        &job.about,
        "https://eenplan.example",
    );
    let link = format!("https://eenplan.example/gezin/activeren?code={code}");
    assert!(text.body.contains(&link), "{}", text.body);
    for private in ["Kim", "Jansen", "Sam", "Lokalis", "regie@"] {
        assert!(!text.body.contains(private) && !text.subject.contains(private));
    }

    // The link opens the door with the code filled in, and the code works.
    let mut kim_b = app.browser();
    let r = kim_b.get(&format!("/gezin/activeren?code={code}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(control_value(&r.body, "code").as_deref(), Some(&**code));
    let r = redeem(&mut kim_b, code, "kim@thuis.example").await;
    assert_eq!(r.location(), "/gezin/activeren/koppelen", "{}", r.body);

    // Sent: the address and the code are gone from the outbox.
    app.store
        .mail_sent(&job.id, eenplan_domain::UtcTime::now())
        .await
        .unwrap();
    let rows = app.store.outbox().await.unwrap();
    let sent = rows.iter().find(|o| o.id == job.id).unwrap();
    assert!(sent.sent_at.is_some());
    assert_eq!((&sent.to_address, &sent.secret), (&None, &None));
    app.done().await;
}

on_both_backends!(an_invitation_goes_by_e_mail_through_the_outbox);
