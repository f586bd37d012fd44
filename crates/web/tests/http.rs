//! The HTTP rules of sign-in, sessions, CSRF, headers, the API frame and the
//! authorization matrix, exercised through the real router on a fresh database.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode, header};
use common::{App, PASSWORD, current_code, next_code};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::policy::Policy;
use eenplan_domain::role::Role;
use eenplan_domain::session::Timeouts;
use eenplan_store::params;
use eenplan_web::AuthConfig;
use eenplan_web::auth::Surface;

#[tokio::test]
async fn sign_in_with_password_and_code_then_sign_out() {
    let app = App::new().await;
    let account = app
        .account("noor.smit@save.example", &[Role::Professional], true)
        .await;
    let mut b = app.browser();

    let r = b.password(&account.email, PASSWORD).await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, "/aanmelden/code")
    );
    let pending = b.cookies["__Host-eenplan_session"].clone();
    // Half-way is not signed in.
    assert_eq!(b.get("/start").await.location(), "/aanmelden");

    let r = b
        .code("/aanmelden/code", &current_code(&account.secret))
        .await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/start"));
    let session = b.cookies["__Host-eenplan_session"].clone();
    assert_ne!(session, pending, "signing in issues a new session id");
    let cookie = r.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    for attribute in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }

    let start = b.get("/start").await;
    assert_eq!(start.status, StatusCode::OK);
    assert!(start.body.contains("Test Persoon") && start.body.contains("SAVE Jeugdbescherming"));
    assert!(start.body.contains("Professional"));

    let r = b.post("/afmelden", &[("csrf", &start.csrf())]).await;
    assert_eq!(r.location(), "/aanmelden?afgemeld=1");
    assert!(!b.cookies.contains_key("__Host-eenplan_session"));
    // The old cookie is dead on the server too, not just forgotten by the browser.
    b.cookies.insert("__Host-eenplan_session".into(), session);
    assert_eq!(b.get("/start").await.location(), "/aanmelden");

    let mut tx = app.store.read().await.unwrap();
    let kinds: Vec<String> = tx
        .journal_page(0, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert!(
        kinds.contains(&"signed_in".to_owned()) && kinds.contains(&"session_ended".to_owned()),
        "{kinds:?}"
    );
    drop(tx);
    app.done().await;
}

#[tokio::test]
async fn wrong_password_and_unknown_email_look_the_same_and_lock_after_five() {
    let app = App::new().await;
    let account = app
        .account("daan.bos@wss.example", &[Role::Professional], true)
        .await;
    let mut b = app.browser();
    let unknown = b.password("niemand@nergens.example", PASSWORD).await;
    let wrong = b
        .password(&account.email, "niet het goede wachtwoord")
        .await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert_eq!(wrong.status, StatusCode::OK);
    let message = "Deze combinatie van e-mailadres en wachtwoord klopt niet";
    assert!(unknown.body.contains(message) && wrong.body.contains(message));
    for _ in 0..4 {
        b.password(&account.email, "nog steeds niet goed").await;
    }
    // Five failures: now even the right password is refused, with the lock message.
    let locked = b.password(&account.email, PASSWORD).await;
    assert!(
        locked
            .body
            .contains("Te veel mislukte pogingen voor dit e-mailadres"),
        "{}",
        locked.body
    );
    // The same lock shows for an address that has no account.
    for _ in 0..5 {
        b.password("ook.niemand@nergens.example", "wat dan ook hier")
            .await;
    }
    let r = b
        .password("ook.niemand@nergens.example", "wat dan ook hier")
        .await;
    assert!(
        r.body
            .contains("Te veel mislukte pogingen voor dit e-mailadres")
    );
    app.done().await;
}

#[tokio::test]
async fn too_many_failures_from_one_client_get_429() {
    let app = App::new().await;
    let mut tx = app.store.write().await.unwrap();
    for i in 0..30 {
        tx.record_sign_in_failure(&format!("x{i}@example.nl"), "unknown", "password")
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let r = app.browser().password("iemand@example.nl", PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let api = app
        .raw(Method::POST, "/api/v1/session", &[("content-type", "application/json".into())],
             r#"{"email":"iemand@example.nl","password":"een lang genoeg wachtwoord","totp":"123456"}"#)
        .await;
    assert_eq!(api.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        api.headers[header::CONTENT_TYPE],
        "application/problem+json"
    );
    app.done().await;
}

#[tokio::test]
async fn a_code_cannot_be_used_twice_and_wrong_codes_are_refused() {
    let app = App::new().await;
    let account = app
        .account("eva.mulder@save.example", &[Role::TeamLead], true)
        .await;
    let code = next_code(&account.secret);
    let mut first = app.browser();
    first.password(&account.email, PASSWORD).await;
    let r = first.code("/aanmelden/code", &code).await;
    assert_eq!(r.location(), "/start");

    let mut second = app.browser();
    second.password(&account.email, PASSWORD).await;
    let r = second.code("/aanmelden/code", &code).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Deze code klopt niet of is al gebruikt"));
    let r = second.code("/aanmelden/code", "000000").await;
    assert!(r.body.contains("Deze code klopt niet"));
    assert_eq!(second.get("/start").await.location(), "/aanmelden");
    app.done().await;
}

#[tokio::test]
async fn first_sign_in_enrols_the_second_factor() {
    let app = App::new().await;
    let account = app
        .account("nieuw@save.example", &[Role::Professional], false)
        .await;
    let mut b = app.browser();
    let r = b.password(&account.email, PASSWORD).await;
    assert_eq!(r.location(), "/aanmelden/koppelen");
    // The password alone shows no authenticator secret and enrols nothing.
    let page = b.get("/aanmelden/koppelen").await;
    assert!(
        page.body.contains("Inschrijfcode invullen"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("data:image/svg+xml;base64,"));
    assert!(!page.body.contains(&account.secret.to_base32()));
    let csrf = page.csrf();
    for at in ["/aanmelden/koppelen", "/aanmelden/code"] {
        let r = b
            .post(
                at,
                &[("csrf", &csrf), ("code", &current_code(&account.secret))],
            )
            .await;
        assert_eq!(r.location(), "/aanmelden/koppelen", "{at}");
    }
    assert_eq!(b.get("/start").await.location(), "/aanmelden");
    // A wrong code (none issued yet) is refused at its field and counted.
    let r = b.enrolment_code("ABCD-EFGH-JKMN-PQRS").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"code-error\""));
    assert!(r.body.contains("klopt niet of is verlopen"));
    // The code the administrator handed over opens the authenticator step.
    let code = app.enrolment_code(&account).await;
    let r = b
        .enrolment_code(&code.to_lowercase().replace('-', " "))
        .await;
    assert_eq!(r.location(), "/aanmelden/koppelen");
    let page = b.get("/aanmelden/koppelen").await;
    assert!(
        page.body.contains("data:image/svg+xml;base64,"),
        "a QR code"
    );
    assert!(
        page.body.contains(&account.secret.to_base32()),
        "the secret as text"
    );
    let r = b
        .code("/aanmelden/koppelen", &current_code(&account.secret))
        .await;
    assert_eq!(r.location(), "/start");
    let mut tx = app.store.read().await.unwrap();
    let creds = tx
        .credentials_by_id(&account.user_id)
        .await
        .unwrap()
        .unwrap();
    assert!(creds.totp_confirmed);
    let used = tx
        .enrolment_code_matches(
            &account.user_id,
            &eenplan_domain::enrolment::code_hash(&code),
            eenplan_domain::UtcTime::now(),
        )
        .await
        .unwrap();
    assert!(!used, "the enrolment code is used up");
    drop(tx);
    // From now on the code page, not the enrolment page.
    let mut again = app.browser();
    assert_eq!(
        again.password(&account.email, PASSWORD).await.location(),
        "/aanmelden/code"
    );
    app.done().await;
}

#[tokio::test]
async fn deactivated_accounts_cannot_sign_in_and_lose_their_sessions() {
    let app = App::new().await;
    let account = app
        .account("weg@save.example", &[Role::Professional], true)
        .await;
    let mut b = app.browser();
    b.sign_in(&account).await;
    assert_eq!(b.get("/start").await.status, StatusCode::OK);
    let mut tx = app.store.write().await.unwrap();
    tx.deactivate_user(
        &eenplan_domain::journal::Actor::System { component: "test" },
        &account.user_id,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(b.get("/start").await.location(), "/aanmelden");
    let r = app.browser().password(&account.email, PASSWORD).await;
    assert!(r.body.contains("klopt niet"));
    app.done().await;
}

#[tokio::test]
async fn idle_sessions_expire_and_say_so() {
    let app = App::with_auth(AuthConfig {
        secure_cookies: false,
        timeouts: Timeouts::with_idle_seconds(1),
    })
    .await;
    let account = app
        .account("idle@save.example", &[Role::Professional], true)
        .await;
    let mut b = app.browser();
    b.sign_in(&account).await;
    assert!(
        b.cookies.contains_key("eenplan_session"),
        "no __Host- prefix without Secure"
    );
    assert_eq!(b.get("/start").await.status, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    let r = b.get("/start").await;
    assert_eq!(r.location(), "/aanmelden?verlopen=1");
    let page = b.get("/aanmelden?verlopen=1").await;
    assert!(page.body.contains("Je sessie is verlopen"));
    app.done().await;
}

#[tokio::test]
async fn sessions_end_after_twelve_hours_however_active() {
    let app = App::new().await;
    let account = app
        .account("lang@save.example", &[Role::Professional], true)
        .await;
    let mut b = app.browser();
    b.sign_in(&account).await;
    let mut tx = app.store.write().await.unwrap();
    let twelve_hours_ago = eenplan_domain::UtcTime::from_timestamp(
        eenplan_domain::UtcTime::now().timestamp() - jiff::SignedDuration::from_hours(12),
    );
    tx.execute(
        "UPDATE sessions SET created_at = $1 WHERE user_id = $2 AND ended_at IS NULL",
        params![twelve_hours_ago.to_rfc3339(), &account.user_id],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(b.get("/start").await.location(), "/aanmelden?verlopen=1");
    app.done().await;
}

#[tokio::test]
async fn forms_without_the_right_csrf_token_are_refused() {
    let app = App::new().await;
    let account = app
        .account("csrf@save.example", &[Role::Professional], true)
        .await;
    let mut b = app.browser();
    b.get("/aanmelden").await;
    let r = b
        .post(
            "/aanmelden",
            &[("email", &account.email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = b
        .post(
            "/aanmelden",
            &[
                ("csrf", "geraden"),
                ("email", &account.email),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("Het formulier is verlopen"));

    b.sign_in(&account).await;
    let r = b.post("/afmelden", &[("csrf", "geraden")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        b.get("/start").await.status,
        StatusCode::OK,
        "still signed in"
    );
    app.done().await;
}

#[tokio::test]
async fn api_session_me_and_sign_out() {
    let app = App::new().await;
    let account = app
        .account(
            "api@save.example",
            &[Role::Professional, Role::TeamLead],
            true,
        )
        .await;
    let json = [("content-type", "application/json".to_owned())];

    let r = app
        .raw(
            Method::POST,
            "/api/v1/session",
            &json,
            r#"{"email":"api@save.example"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let names: Vec<String> = r.json()["invalidParams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["password", "totp"]);
    assert_eq!(
        app.raw(Method::POST, "/api/v1/session", &json, "geen json")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );

    let wrong = serde_json::json!({"email": account.email, "password": PASSWORD, "totp": "000000"})
        .to_string();
    let r = app
        .raw(Method::POST, "/api/v1/session", &json, &wrong)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.headers[header::CONTENT_TYPE], "application/problem+json");
    assert_eq!(r.json()["status"], 401);

    let body = serde_json::json!({"email": account.email, "password": PASSWORD, "totp": current_code(&account.secret)}).to_string();
    let r = app.raw(Method::POST, "/api/v1/session", &json, &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let token = r.json()["token"].as_str().unwrap().to_owned();
    assert!(r.json()["expires_at"].as_str().unwrap().ends_with('Z'));
    let bearer = [("authorization", format!("Bearer {token}"))];

    let me = app.raw(Method::GET, "/api/v1/me", &bearer, "").await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["email"], "api@save.example");
    assert_eq!(me.json()["organisation"]["slug"], "save");
    assert_eq!(
        me.json()["roles"],
        serde_json::json!(["professional", "team_lead"])
    );

    // An API token is no page session, and a page session is no API token.
    let as_cookie = [("cookie", format!("__Host-eenplan_session={token}"))];
    assert_eq!(
        app.raw(Method::GET, "/start", &as_cookie, "")
            .await
            .location(),
        "/aanmelden"
    );
    let mut b = app.browser();
    b.sign_in(&account).await;
    let web_token = b.cookies["__Host-eenplan_session"].clone();
    let r = app
        .raw(
            Method::GET,
            "/api/v1/me",
            &[("authorization", format!("Bearer {web_token}"))],
            "",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    assert_eq!(
        app.raw(Method::DELETE, "/api/v1/session", &bearer, "")
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let r = app.raw(Method::GET, "/api/v1/me", &bearer, "").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.headers[header::WWW_AUTHENTICATE], "Bearer");
    app.done().await;
}

#[tokio::test]
async fn the_api_refuses_accounts_without_a_second_factor() {
    let app = App::new().await;
    let account = app
        .account("geen2fa@save.example", &[Role::Professional], false)
        .await;
    let body = serde_json::json!({"email": account.email, "password": PASSWORD, "totp": current_code(&account.secret)}).to_string();
    let r = app
        .raw(
            Method::POST,
            "/api/v1/session",
            &[("content-type", "application/json".into())],
            &body,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json()["type"], "/problems/second-factor-not-set-up");
    app.done().await;
}

/// Walks every route in the table: nobody reaches a guarded route without signing in,
/// and nobody reaches a role-bound route without the role.
#[tokio::test]
async fn authorization_matrix_covers_every_route() {
    let app = App::new().await;
    let professional = app
        .account("pro@save.example", &[Role::Professional], true)
        .await;
    let admin = app
        .account("beheer@save.example", &[Role::FunctionalAdmin], true)
        .await;
    let chain = app
        .account("keten@save.example", &[Role::ChainAdmin], true)
        .await;
    // A family member (issue 17 §1): a principal of its own kind.
    let (regie, lokalis) = app.lokalis_regisseur().await;
    let (family, _, kim) = app.jansen(&regie, &lokalis, None).await;
    let kim = app
        .family_account(&regie, family.as_str(), &kim, "kim@thuis.example")
        .await;
    let mut checked = 0;
    for (route, _) in eenplan_web::routes::table() {
        let path = route
            .path
            .replace("{*path}", "eenplan.css")
            .replace("{code}", "nl")
            .replace("{id}", "onbekend");
        for who in [None, Some(&professional), Some(&admin), Some(&chain)] {
            let response = match (route.surface, who) {
                (Surface::Api, Some(account)) => {
                    let token = app
                        .session_token(account, eenplan_store::SessionKind::Api)
                        .await;
                    app.raw(
                        route.method.clone(),
                        &path,
                        &[("authorization", format!("Bearer {token}"))],
                        "",
                    )
                    .await
                }
                (Surface::Api, None) => app.raw(route.method.clone(), &path, &[], "").await,
                (Surface::Page, _) => {
                    let mut b = match who {
                        Some(account) => app.signed_in_browser(account).await,
                        None => app.browser(),
                    };
                    if route.method == Method::GET {
                        b.get(&path).await
                    } else {
                        // A valid CSRF token, so the policy is what decides.
                        let csrf = match who {
                            Some(_) => b.get("/start").await.csrf(),
                            None => b.get("/aanmelden").await.csrf(),
                        };
                        b.post(&path, &[("csrf", &csrf)]).await
                    }
                }
            };
            let roles: Option<&[Role]> = who.map(|a| {
                if a.email.starts_with("beheer") {
                    &[Role::FunctionalAdmin][..]
                } else if a.email.starts_with("keten") {
                    &[Role::ChainAdmin][..]
                } else {
                    &[Role::Professional][..]
                }
            });
            let what = format!(
                "{} {} as {:?}: {} {}",
                route.method,
                route.path,
                roles,
                response.status,
                response.location()
            );
            // The policy's own redirect; signing out also ends on the sign-in page, by design.
            let sent_to_sign_in = response.status == StatusCode::SEE_OTHER
                && matches!(
                    response.location(),
                    "/aanmelden" | "/aanmelden?verlopen=1" | "/gezin/aanmelden"
                );
            // Both accounts work for SAVE, a certified institution.
            let who = roles.map(|roles| eenplan_domain::policy::Who {
                roles,
                organisation: eenplan_domain::organisation::OrganisationKind::CertifiedInstitution,
            });
            match eenplan_domain::policy::decide(route.policy, who) {
                eenplan_domain::policy::Decision::Allow => {
                    assert!(
                        response.status != StatusCode::UNAUTHORIZED
                            && response.status != StatusCode::FORBIDDEN,
                        "{what}"
                    );
                    if route.policy != Policy::Public {
                        assert!(!sent_to_sign_in, "{what}");
                    }
                }
                eenplan_domain::policy::Decision::SignInFirst => match route.surface {
                    Surface::Page => assert!(sent_to_sign_in, "{what}"),
                    Surface::Api => assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{what}"),
                },
                eenplan_domain::policy::Decision::Forbidden => {
                    assert_eq!(response.status, StatusCode::FORBIDDEN, "{what}")
                }
            }
            checked += 1;
        }
        // The family member: pages with their session; the API knows no family
        // session, so there they are anyone not signed in.
        let token = app.family_session_token(&kim).await;
        let response = match route.surface {
            Surface::Api => app.raw(route.method.clone(), &path, &[], "").await,
            Surface::Page => {
                let mut b = app.family_browser(&token);
                if route.method == Method::GET {
                    b.get(&path).await
                } else {
                    let csrf = b.get("/mijn-gezin").await.csrf();
                    b.post(&path, &[("csrf", &csrf)]).await
                }
            }
        };
        let what = format!(
            "{} {} as a family member: {} {}",
            route.method,
            route.path,
            response.status,
            response.location()
        );
        let decision = match route.surface {
            Surface::Page => eenplan_domain::policy::decide_family(route.policy),
            Surface::Api => eenplan_domain::policy::decide(route.policy, None),
        };
        match decision {
            eenplan_domain::policy::Decision::Allow => assert!(
                response.status != StatusCode::UNAUTHORIZED
                    && response.status != StatusCode::FORBIDDEN,
                "{what}"
            ),
            eenplan_domain::policy::Decision::SignInFirst => {
                assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{what}")
            }
            eenplan_domain::policy::Decision::Forbidden => {
                assert_eq!(response.status, StatusCode::FORBIDDEN, "{what}")
            }
        }
        checked += 1;
    }
    assert_eq!(checked, eenplan_web::routes::table().len() * 5);
    app.done().await;
}

#[tokio::test]
async fn openapi_lists_exactly_the_api_operations() {
    let app = App::new().await;
    let r = app.raw(Method::GET, "/api/v1/openapi.json", &[], "").await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let mut documented = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            documented.push(format!("{} {path}", method.to_uppercase()));
        }
    }
    documented.sort();
    let mut api: Vec<String> = eenplan_web::routes::table()
        .into_iter()
        .filter(|(r, _)| r.path.starts_with("/api/"))
        .map(|(r, _)| format!("{} {}", r.method, &r.path["/api/v1".len()..]))
        .collect();
    api.sort();
    assert_eq!(documented, api);
    assert_eq!(
        doc["paths"]["/me"]["get"]["security"][0]["bearer"],
        serde_json::json!([])
    );
    assert_eq!(
        doc["paths"]["/session"]["post"]["security"],
        serde_json::json!([])
    );
    app.done().await;
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = App::new().await;
    for uri in [
        "/",
        "/aanmelden",
        "/healthz",
        "/static/eenplan.css",
        "/bestaat-niet",
        "/api/v1/x",
        "/start",
    ] {
        let r = app.raw(Method::GET, uri, &[], "").await;
        let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
            "{uri}: {csp}"
        );
        assert_eq!(
            r.headers[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff",
            "{uri}"
        );
        assert_eq!(r.headers[header::REFERRER_POLICY], "no-referrer", "{uri}");
    }
    app.done().await;
}

#[tokio::test]
async fn health_errors_and_assets() {
    let app = App::new().await;
    let r = app.raw(Method::GET, "/healthz", &[], "").await;
    assert_eq!(
        (r.status, r.body.as_str()),
        (StatusCode::OK, r#"{"database":"ok","status":"ok"}"#)
    );
    let r = app.raw(Method::GET, "/api/v1/bestaat-niet", &[], "").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.headers[header::CONTENT_TYPE], "application/problem+json");
    assert_eq!(r.json()["instance"], "/api/v1/bestaat-niet");
    let r = app.raw(Method::GET, "/bestaat-niet", &[], "").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Pagina niet gevonden"));
    for asset in [
        "eenplan.css",
        "vendor/utrecht-components.css",
        "theme.css",
        "vendor/htmx.min.js",
    ] {
        assert_eq!(
            app.raw(Method::GET, &format!("/static/{asset}"), &[], "")
                .await
                .status,
            StatusCode::OK,
            "{asset}"
        );
    }
    assert_eq!(
        app.raw(Method::GET, "/static/../Cargo.toml", &[], "")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    app.store.close().await;
    let r = app.raw(Method::GET, "/healthz", &[], "").await;
    assert_eq!(
        r.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "a closed database is reported"
    );
    app.done().await;
}

#[tokio::test]
async fn language_switch_and_no_open_redirect() {
    let app = App::new().await;
    let mut b = app.browser();
    let r = b.get("/taal/en?terug=/aanmelden").await;
    assert_eq!(r.location(), "/aanmelden");
    let page = b.get("/aanmelden").await;
    assert!(page.body.contains("<html lang=\"en\">") && page.body.contains("Sign in"));
    assert_eq!(
        b.get("/taal/nl?terug=//evil.example/").await.location(),
        "/"
    );
    assert_eq!(
        b.get("/taal/nl?terug=https://evil.example/")
            .await
            .location(),
        "/"
    );
    assert!(
        b.get("/aanmelden")
            .await
            .body
            .contains("<html lang=\"nl\">")
    );
    app.done().await;
}

/// A functional administrator (of SAVE) and the region's chain administrator.
struct Beheer {
    app: App,
    admin: common::Account,
    chain: common::Account,
}

/// The new colleague's form as the functional administrator fills it in.
fn newcomer<'a>(csrf: &'a str, organisation: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("email", "nieuw@save.example"),
        ("name", "Nieuwe Collega"),
        ("organisation_id", organisation),
        ("roles", "professional"),
        ("roles", "team_lead"),
        ("phone", "030-123 45 67"),
        ("password", PASSWORD),
    ]
}

impl Beheer {
    async fn new() -> Self {
        let app = App::new().await;
        let admin = app
            .account("beheer@save.example", &[Role::FunctionalAdmin], true)
            .await;
        let chain = app
            .account("keten@regio.example", &[Role::ChainAdmin], true)
            .await;
        Self { app, admin, chain }
    }

    /// The chain administrator posts `fields` to `path`, with the csrf token of the
    /// organisations page.
    async fn chain_posts(&self, path: &str, fields: &[(&str, &str)]) -> common::Response {
        let mut k = self.app.signed_in_browser(&self.chain).await;
        let csrf = k.get("/beheer/organisaties").await.csrf();
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        k.post(path, &form).await
    }

    /// The functional administrator posts `fields` to `path`, with the csrf token of the
    /// teams page.
    async fn admin_posts(&self, path: &str, fields: &[(&str, &str)]) -> common::Response {
        let mut b = self.app.signed_in_browser(&self.admin).await;
        let csrf = b.get("/beheer/teams").await.csrf();
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        b.post(path, &form).await
    }

    async fn save_id(&self) -> String {
        let mut tx = self.app.store.read().await.unwrap();
        let org = tx.organisation_by_slug("save").await.unwrap().unwrap();
        org.id.as_str().to_owned()
    }

    /// The chain administrator added Basisschool De Regenboog.
    async fn with_school(&self) {
        let r = self
            .chain_posts(
                "/beheer/organisaties",
                &[
                    ("slug", "de-regenboog"),
                    ("name", "Basisschool De Regenboog"),
                    ("kind", "school"),
                ],
            )
            .await;
        assert_eq!(r.location(), "/beheer/organisaties?opgeslagen=1");
    }

    /// The chain administrator added the province of Utrecht; its id.
    async fn with_province(&self) -> String {
        let r = self
            .chain_posts(
                "/beheer/gebieden",
                &[("name", "Utrecht"), ("kind", "province"), ("code", "PV26")],
            )
            .await;
        assert_eq!(r.location(), "/beheer/gebieden?opgeslagen=1");
        let mut tx = self.app.store.read().await.unwrap();
        tx.areas().await.unwrap().remove(0).id
    }

    async fn municipality(&self, province: &str) -> common::Response {
        self.chain_posts(
            "/beheer/gebieden",
            &[
                ("name", "Utrecht"),
                ("kind", "municipality"),
                ("parent_id", province),
                ("code", "GM0344"),
            ],
        )
        .await
    }

    async fn team(&self) -> common::Response {
        let org = self.save_id().await;
        self.admin_posts(
            "/beheer/teams",
            &[("organisation_id", &org), ("name", "SAVE team Flevoland")],
        )
        .await
    }

    /// The functional administrator's refused new colleague: a phone number that is
    /// none and a leaked password.
    async fn bad_newcomer(&self) -> common::Response {
        let org = self.save_id().await;
        self.admin_posts(
            "/beheer/gebruikers",
            &[
                ("email", "nieuw@save.example"),
                ("name", "Nieuwe Collega"),
                ("organisation_id", &org),
                ("phone", "bel me"),
                ("password", "qwertyuiop123"),
            ],
        )
        .await
    }

    async fn add_newcomer(&self) -> common::Response {
        let org = self.save_id().await;
        let mut b = self.app.signed_in_browser(&self.admin).await;
        let csrf = b.get("/beheer/teams").await.csrf();
        b.post("/beheer/gebruikers", &newcomer(&csrf, &org)).await
    }

    /// The functional administrator added the new colleague; the stored user.
    async fn with_newcomer(&self) -> eenplan_store::User {
        let r = self.add_newcomer().await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let mut tx = self.app.store.read().await.unwrap();
        tx.user_by_email(&eenplan_domain::user::Email::parse("nieuw@save.example").unwrap())
            .await
            .unwrap()
            .unwrap()
    }

    async fn done(self) {
        self.app.done().await;
    }
}

#[tokio::test]
async fn the_functional_admin_opens_the_admin_pages_but_not_the_regions_organisations() {
    let a = Beheer::new().await;
    let mut b = a.app.signed_in_browser(&a.admin).await;
    assert_eq!(b.get("/beheer").await.status, StatusCode::OK);
    // The region's organisations and areas are the chain administrator's, not an
    // organisation's administrator's.
    assert_eq!(
        b.get("/beheer/organisaties").await.status,
        StatusCode::FORBIDDEN
    );
    a.done().await;
}

#[tokio::test]
async fn the_chain_admin_manages_organisations_but_not_users() {
    let a = Beheer::new().await;
    let mut k = a.app.signed_in_browser(&a.chain).await;
    let overview = k.get("/beheer").await;
    assert!(overview.body.contains("/beheer/organisaties"));
    assert!(!overview.body.contains("/beheer/gebruikers"));
    assert_eq!(
        k.get("/beheer/gebruikers").await.status,
        StatusCode::FORBIDDEN
    );
    a.done().await;
}

#[tokio::test]
async fn a_bad_slug_and_a_missing_name_are_refused_at_their_fields() {
    let a = Beheer::new().await;
    let r = a
        .chain_posts(
            "/beheer/organisaties",
            &[("slug", "Niet Goed"), ("name", ""), ("kind", "school")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"slug-error\"") && r.body.contains("Gebruik 2 tot 64 kleine letters"),
        "{}",
        r.body
    );
    assert!(r.body.contains("id=\"name-error\""));
    a.done().await;
}

#[tokio::test]
async fn a_new_organisation_is_listed() {
    let a = Beheer::new().await;
    a.with_school().await;
    let mut k = a.app.signed_in_browser(&a.chain).await;
    assert!(
        k.get("/beheer/organisaties?opgeslagen=1")
            .await
            .body
            .contains("Basisschool De Regenboog")
    );
    a.done().await;
}

#[tokio::test]
async fn a_taken_slug_is_refused() {
    let a = Beheer::new().await;
    a.with_school().await;
    let r = a
        .chain_posts(
            "/beheer/organisaties",
            &[
                ("slug", "de-regenboog"),
                ("name", "Nog een"),
                ("kind", "school"),
            ],
        )
        .await;
    assert!(r.body.contains("Deze bestaat al"), "{}", r.body);
    a.done().await;
}

#[tokio::test]
async fn a_neighbourhood_does_not_hang_directly_under_a_province() {
    let a = Beheer::new().await;
    let province = a.with_province().await;
    let r = a
        .chain_posts(
            "/beheer/gebieden",
            &[
                ("name", "Overvecht"),
                ("kind", "neighbourhood"),
                ("parent_id", &province),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"parent_id-error\""));
    a.done().await;
}

#[tokio::test]
async fn a_municipality_hangs_under_a_province() {
    let a = Beheer::new().await;
    let province = a.with_province().await;
    assert_eq!(
        a.municipality(&province).await.location(),
        "/beheer/gebieden?opgeslagen=1"
    );
    a.done().await;
}

#[tokio::test]
async fn a_new_team_is_listed() {
    let a = Beheer::new().await;
    assert_eq!(a.team().await.location(), "/beheer/teams?opgeslagen=1");
    let mut b = a.app.signed_in_browser(&a.admin).await;
    assert!(
        b.get("/beheer/teams")
            .await
            .body
            .contains("SAVE team Flevoland")
    );
    a.done().await;
}

#[tokio::test]
async fn a_new_users_phone_number_is_checked_at_its_field() {
    let a = Beheer::new().await;
    let r = a.bad_newcomer().await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"phone-error\""),
        "the phone number at its field"
    );
    a.done().await;
}

#[tokio::test]
async fn a_new_user_gets_no_leaked_password() {
    let a = Beheer::new().await;
    let r = a.bad_newcomer().await;
    assert!(
        r.body.contains("id=\"roles-error\"") && r.body.contains("veelgebruikte of gelekte"),
        "{}",
        r.body
    );
    a.done().await;
}

#[tokio::test]
async fn a_new_user_gets_the_enrolment_code_shown_once() {
    let a = Beheer::new().await;
    let r = a.add_newcomer().await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        common::enrolment_code_on(&r.body).is_some(),
        "the enrolment code, shown once: {}",
        r.body
    );
    a.done().await;
}

#[tokio::test]
async fn a_new_user_must_enrol_on_signing_in() {
    let a = Beheer::new().await;
    a.with_newcomer().await;
    let mut newcomer = a.app.browser();
    assert_eq!(
        newcomer
            .password("nieuw@save.example", PASSWORD)
            .await
            .location(),
        "/aanmelden/koppelen"
    );
    a.done().await;
}

#[tokio::test]
async fn a_new_user_has_the_roles_ticked() {
    let a = Beheer::new().await;
    let new_user = a.with_newcomer().await;
    assert_eq!(new_user.roles, vec![Role::Professional, Role::TeamLead]);
    a.done().await;
}

#[tokio::test]
async fn resetting_the_second_factor_gives_a_new_enrolment_code() {
    let a = Beheer::new().await;
    let new_user = a.with_newcomer().await;
    let r = a
        .admin_posts(
            &format!("/beheer/gebruikers/{}/tweede-factor", new_user.id),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(common::enrolment_code_on(&r.body).is_some());
    a.done().await;
}

#[tokio::test]
async fn a_deactivated_user_cannot_sign_in() {
    let a = Beheer::new().await;
    let new_user = a.with_newcomer().await;
    let r = a
        .admin_posts(
            &format!("/beheer/gebruikers/{}/deactiveren", new_user.id),
            &[("bevestigd", "ja")],
        )
        .await;
    assert_eq!(r.location(), "/beheer/gebruikers?opgeslagen=1");
    assert!(
        a.app
            .browser()
            .password("nieuw@save.example", PASSWORD)
            .await
            .body
            .contains("klopt niet")
    );
    a.done().await;
}

#[tokio::test]
async fn deactivating_an_unknown_user_is_not_found() {
    let a = Beheer::new().await;
    let r = a
        .admin_posts("/beheer/gebruikers/onbekend/deactiveren", &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    a.done().await;
}

/// Every change above is journaled with the administrator who made it as actor.
#[tokio::test]
async fn admin_changes_are_journaled_with_the_administrator_as_actor() {
    let a = Beheer::new().await;
    a.with_school().await;
    let province = a.with_province().await;
    a.municipality(&province).await;
    a.team().await;
    let new_user = a.with_newcomer().await;
    a.app
        .browser()
        .password("nieuw@save.example", PASSWORD)
        .await;
    for step in ["tweede-factor", "deactiveren"] {
        a.admin_posts(
            &format!("/beheer/gebruikers/{}/{step}", new_user.id),
            &[("bevestigd", "ja")],
        )
        .await;
    }
    let mut tx = a.app.store.read().await.unwrap();
    let entries = tx.journal_page(0, 1000).await.unwrap();
    let by_admin: Vec<&str> = entries
        .iter()
        .filter(|e| {
            e.actor == format!("user:{}", a.admin.user_id)
                || e.actor == format!("user:{}", a.chain.user_id)
        })
        .map(|e| e.kind.as_str())
        .collect();
    for kind in [
        "organisation_created",
        "area_created",
        "team_created",
        "user_created",
        "second_factor_reset",
        "user_deactivated",
        "password_change_required",
        "enrolment_code_issued",
    ] {
        assert!(
            by_admin.contains(&kind),
            "{kind} not journaled by the admin: {by_admin:?}"
        );
    }
    drop(tx);
    assert!(a.app.store.verify_journal(None).await.unwrap().is_intact());
    a.done().await;
}

#[tokio::test]
async fn refused_admin_forms_and_sign_in_come_back_as_typed_but_never_the_password() {
    let app = App::new().await;
    let admin = app
        .account("beheer@save.example", &[Role::FunctionalAdmin], true)
        .await;
    let save = app
        .store
        .read()
        .await
        .unwrap()
        .organisation_by_slug("save")
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut b = app.signed_in_browser(&admin).await;
    let csrf = b.get("/beheer/gebruikers").await.csrf();
    let r = b
        .post(
            "/beheer/gebruikers",
            &[
                ("csrf", csrf.as_str()),
                ("email", "lotte@save"),
                ("name", "Lotte de Wit"),
                ("phone", "030 123 45 67"),
                ("organisation_id", save.as_str()),
                ("roles", "professional"),
                ("roles", "team_lead"),
                ("password", "een heel geheim wachtwoord"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "email").is_some());
    assert_eq!(
        common::control_value(&r.body, "email").as_deref(),
        Some("lotte@save")
    );
    assert_eq!(
        common::control_value(&r.body, "name").as_deref(),
        Some("Lotte de Wit")
    );
    assert_eq!(
        common::control_value(&r.body, "phone").as_deref(),
        Some("030 123 45 67")
    );
    assert!(common::is_checked(&r.body, "roles-professional"));
    assert!(common::is_checked(&r.body, "roles-team_lead"));
    assert!(!common::is_checked(&r.body, "roles-privacy_officer"));
    assert!(
        !r.body.contains("een heel geheim wachtwoord"),
        "a password is never sent back"
    );

    // Areas: a parent that is not one, the rest kept.
    let chain = app
        .account("keten@regio.example", &[Role::ChainAdmin], true)
        .await;
    let mut b = app.signed_in_browser(&chain).await;
    let csrf = b.get("/beheer/gebieden").await.csrf();
    let r = b
        .post(
            "/beheer/gebieden",
            &[
                ("csrf", csrf.as_str()),
                ("name", "Overvecht"),
                ("kind", "neighbourhood"),
                ("parent_id", "onbekend"),
                ("code", "BU03440601"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "parent_id").is_some());
    assert_eq!(
        common::control_value(&r.body, "name").as_deref(),
        Some("Overvecht")
    );
    assert_eq!(
        common::selected_option(&r.body, "kind").as_deref(),
        Some("neighbourhood")
    );
    assert_eq!(
        common::control_value(&r.body, "code").as_deref(),
        Some("BU03440601")
    );

    // Signing in: the e-mail address stays, the password does not.
    let mut visitor = app.browser();
    let r = visitor
        .password("beheer@save.example", "een heel geheim wachtwoord")
        .await;
    assert!(
        r.body
            .contains("Deze combinatie van e-mailadres en wachtwoord klopt niet")
    );
    assert_eq!(
        common::control_value(&r.body, "email").as_deref(),
        Some("beheer@save.example")
    );
    assert!(!r.body.contains("een heel geheim wachtwoord"));
    app.done().await;
}

/// The range the tests' reverse proxies sit in.
fn behind_proxies(app: &mut App) {
    app.proxies = eenplan_web::TrustedProxies::new(
        eenplan_web::TrustedProxies::parse_list("10.0.0.0/8").unwrap(),
    );
}

/// Fills the sign-in throttle for one client address (30 failures is the limit).
async fn failures_from(app: &App, client: &str) {
    let mut tx = app.store.write().await.unwrap();
    for i in 0..30 {
        tx.record_sign_in_failure(&format!("x{i}@example.nl"), client, "password")
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
}

async fn api_sign_in_from(app: &App, peer: &str, forwarded_for: Option<&str>) -> StatusCode {
    api_sign_in_as(app, "iemand@example.nl", peer, forwarded_for).await
}

async fn api_sign_in_as(
    app: &App,
    email: &str,
    peer: &str,
    forwarded_for: Option<&str>,
) -> StatusCode {
    let mut headers = vec![("content-type", "application/json".to_owned())];
    if let Some(xff) = forwarded_for {
        headers.push(("x-forwarded-for", xff.to_owned()));
    }
    app.raw_from(
        peer,
        Method::POST,
        "/api/v1/session",
        &headers,
        &serde_json::json!({"email": email, "password": PASSWORD, "totp": "123456"}).to_string(),
    )
    .await
    .status
}

/// Section 8: a client that is not a trusted proxy cannot pick its address by sending
/// `X-Forwarded-For`, neither to dodge the sign-in throttle nor in the access log.
#[tokio::test]
async fn forwarded_for_from_an_untrusted_peer_is_ignored() {
    let mut app = App::new().await;
    behind_proxies(&mut app);
    failures_from(&app, "198.51.100.4").await;
    // The throttled client claims to be someone else: still throttled.
    let status = api_sign_in_from(&app, "198.51.100.4:50000", Some("203.0.113.9")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // Another client claims to be the throttled one: not throttled.
    failures_from(&app, "203.0.113.66").await;
    let status = api_sign_in_from(&app, "198.51.100.5:50000", Some("203.0.113.66")).await;
    assert_ne!(status, StatusCode::TOO_MANY_REQUESTS);

    let line = read_family_from(&app, "198.51.100.5:50000", "203.0.113.9").await;
    assert_eq!(line, "198.51.100.5");
    app.done().await;
}

/// Section 8: behind a trusted proxy the client is the right-most address that is not a
/// trusted proxy; whatever the client put on the left is not believed.
#[tokio::test]
async fn behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client() {
    let mut app = App::new().await;
    behind_proxies(&mut app);
    let line = read_family_from(&app, "10.0.0.2:50000", "6.6.6.6, 203.0.113.9, 10.1.1.1").await;
    assert_eq!(line, "203.0.113.9");
    app.done().await;
}

/// Section 8: the sign-in throttle counts per real client behind the proxy, not per
/// proxy (which would lock everyone out) nor per forged header (which would let an
/// attacker through).
#[tokio::test]
async fn the_sign_in_throttle_counts_per_real_client_behind_a_proxy() {
    let mut app = App::new().await;
    behind_proxies(&mut app);
    failures_from(&app, "203.0.113.9").await;
    let throttled = api_sign_in_from(&app, "10.0.0.2:50000", Some("203.0.113.9")).await;
    assert_eq!(throttled, StatusCode::TOO_MANY_REQUESTS);
    // The throttled client forging a left-most entry stays throttled.
    let forged = api_sign_in_from(&app, "10.0.0.2:50000", Some("192.0.2.1, 203.0.113.9")).await;
    assert_eq!(forged, StatusCode::TOO_MANY_REQUESTS);
    // Another client behind the same proxy is let through.
    let other = api_sign_in_from(&app, "10.0.0.2:50000", Some("203.0.113.10")).await;
    assert_ne!(other, StatusCode::TOO_MANY_REQUESTS);
    // Failures are recorded against the real client, not the proxy.
    // (A different address each time, so the per-account lock does not stop counting.)
    for i in 0..30 {
        let email = format!("poging{i}@example.nl");
        let status = api_sign_in_as(&app, &email, "10.0.0.2:50000", Some("203.0.113.11")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let limited = api_sign_in_from(&app, "10.0.0.2:50000", Some("203.0.113.11")).await;
    assert_eq!(limited, StatusCode::TOO_MANY_REQUESTS);
    let proxy_itself = api_sign_in_from(&app, "10.0.0.2:50000", None).await;
    assert_ne!(proxy_itself, StatusCode::TOO_MANY_REQUESTS);
    app.done().await;
}

/// Reads a family over the API through a connection from `peer` with the given
/// `X-Forwarded-For`; the client address its access-log line records.
async fn read_family_from(app: &App, peer: &str, forwarded_for: &str) -> String {
    let team = app
        .organisation(
            "lokalis",
            eenplan_domain::organisation::OrganisationKind::LocalTeam,
        )
        .await;
    let lead = app
        .account_in(
            "lokalis",
            Some(&team),
            "regisseur@lokalis.example",
            &[Role::Professional],
            true,
        )
        .await;
    let org_id = {
        let mut tx = app.store.read().await.unwrap();
        tx.organisation_by_slug("lokalis")
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let (family, _, _) = app.jansen(&lead, org_id.as_str(), None).await;
    let token = app
        .session_token(&lead, eenplan_store::SessionKind::Api)
        .await;
    let r = app
        .raw_from(
            peer,
            Method::GET,
            &format!("/api/v1/families/{family}"),
            &[
                ("authorization", format!("Bearer {token}")),
                ("x-forwarded-for", forwarded_for.to_owned()),
            ],
            "",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut tx = app.store.read().await.unwrap();
    let lines = tx
        .access_log(&eenplan_store::AccessFilter {
            family_id: family.to_string(),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    let read = lines
        .iter()
        .find(|l| l.event == eenplan_domain::access_log::AccessEvent::Read)
        .expect("the read is logged");
    read.client_address.clone()
}

/// A CBS code names one area: a second area with it, or an area corrected to it, is
/// refused at the code field with everything typed kept, never a server error.
#[tokio::test]
async fn a_cbs_code_names_one_area() {
    let a = Beheer::new().await;
    let province = a.with_province().await;
    assert_eq!(
        a.municipality(&province).await.location(),
        "/beheer/gebieden?opgeslagen=1"
    );
    let r = a
        .chain_posts(
            "/beheer/gebieden",
            &[
                ("name", "Stichtse Vecht"),
                ("kind", "municipality"),
                ("parent_id", &province),
                ("code", "GM0344"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(common::field_error(&r.body, "code").is_some());
    assert_eq!(
        common::control_value(&r.body, "name").as_deref(),
        Some("Stichtse Vecht")
    );
    assert_eq!(
        common::control_value(&r.body, "code").as_deref(),
        Some("GM0344")
    );
    // Corrected to a code another area has: refused the same way.
    let edit = format!("/beheer/gebieden/{province}/wijzigen");
    let r = a
        .chain_posts(&edit, &[("name", "Provincie Utrecht"), ("code", "GM0344")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(common::field_error(&r.body, "code").is_some());
    let r = a
        .chain_posts(&edit, &[("name", "Provincie Utrecht"), ("code", "PV26")])
        .await;
    assert_eq!(r.location(), "/beheer/gebieden?opgeslagen=1");
    let mut tx = a.app.store.read().await.unwrap();
    assert_eq!(tx.area(&province).await.unwrap().name, "Provincie Utrecht");
    drop(tx);
    a.done().await;
}

/// The chain administrator corrects an organisation's name, the organisation's
/// administrator a team's; each is journaled.
#[tokio::test]
async fn organisations_and_teams_are_renamed_from_their_lists() {
    let a = Beheer::new().await;
    a.with_school().await;
    a.team().await;
    let mut k = a.app.signed_in_browser(&a.chain).await;
    let list = k.get("/beheer/organisaties").await.body;
    let school = {
        let mut tx = a.app.store.read().await.unwrap();
        tx.organisation_by_slug("de-regenboog")
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let edit = format!("/beheer/organisaties/{school}/wijzigen");
    assert!(list.contains(&format!("href=\"{edit}\"")));
    assert_eq!(
        common::control_value(&k.get(&edit).await.body, "name").as_deref(),
        Some("Basisschool De Regenboog")
    );
    let school_form = |name| [("slug", "de-regenboog"), ("name", name), ("kind", "school")];
    let r = a.chain_posts(&edit, &school_form("")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "name").is_some());
    let r = a.chain_posts(&edit, &school_form("IKC De Regenboog")).await;
    assert_eq!(r.location(), "/beheer/organisaties?opgeslagen=1");
    let team = {
        let mut tx = a.app.store.read().await.unwrap();
        let save = tx.organisation_by_slug("save").await.unwrap().unwrap().id;
        tx.teams_of(&save).await.unwrap().remove(0).id
    };
    let r = a
        .admin_posts(
            &format!("/beheer/teams/{team}/wijzigen"),
            &[("name", "SAVE Flevoland")],
        )
        .await;
    assert_eq!(r.location(), "/beheer/teams?opgeslagen=1");
    // Another organisation's administrator does not find the team.
    let mut tx = a.app.store.read().await.unwrap();
    let entries = tx.journal_page(0, 1000).await.unwrap();
    let kinds: Vec<&str> = entries.iter().map(|e| e.kind.as_str()).collect();
    assert!(kinds.contains(&"organisation_renamed") && kinds.contains(&"team_renamed"));
    assert_eq!(
        tx.organisations()
            .await
            .unwrap()
            .iter()
            .find(|o| o.id == school)
            .unwrap()
            .name,
        "IKC De Regenboog"
    );
    drop(tx);
    a.done().await;
}

/// A new colleague gets a team on the form; an account's name, phone, team and roles
/// are corrected on its own page, journaled with the administrator as actor.
#[tokio::test]
async fn an_account_gets_its_team_and_is_corrected_on_its_page() {
    let a = Beheer::new().await;
    a.team().await;
    let team = {
        let mut tx = a.app.store.read().await.unwrap();
        let save = tx.organisation_by_slug("save").await.unwrap().unwrap().id;
        tx.teams_of(&save).await.unwrap().remove(0).id
    };
    let org = a.save_id().await;
    let mut b = a.app.signed_in_browser(&a.admin).await;
    let page = b.get("/beheer/gebruikers").await;
    assert!(page.body.contains("id=\"team_id\""), "a team field");
    let csrf = page.csrf();
    let mut form = newcomer(&csrf, &org);
    form.push(("team_id", &team));
    let r = b.post("/beheer/gebruikers", &form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let user = {
        let mut tx = a.app.store.read().await.unwrap();
        tx.user_by_email(&eenplan_domain::user::Email::parse("nieuw@save.example").unwrap())
            .await
            .unwrap()
            .unwrap()
    };
    assert_eq!(user.team_id.as_deref(), Some(team.as_str()));

    let edit = format!("/beheer/gebruikers/{}/wijzigen", user.id);
    assert!(b.get("/beheer/gebruikers").await.body.contains(&edit));
    let opened = b.get(&edit).await;
    assert_eq!(
        common::control_value(&opened.body, "phone").as_deref(),
        Some("030-123 45 67")
    );
    let r = b
        .post(
            &edit,
            &[
                ("csrf", &csrf),
                ("name", "Nieuwe Naam"),
                ("phone", "bel me"),
                ("team_id", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "roles").is_some());
    assert!(common::field_error(&r.body, "phone").is_some());
    assert_eq!(
        common::control_value(&r.body, "name").as_deref(),
        Some("Nieuwe Naam")
    );
    let r = b
        .post(
            &edit,
            &[
                ("csrf", &csrf),
                ("name", "Nieuwe Naam"),
                ("phone", "030-765 43 21"),
                ("team_id", ""),
                ("roles", "professional"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/beheer/gebruikers?opgeslagen=1");
    let mut tx = a.app.store.read().await.unwrap();
    let p = tx.principal(&user.id).await.unwrap().unwrap();
    assert_eq!(
        (p.name.as_str(), p.team_id.as_deref(), p.roles.as_slice()),
        ("Nieuwe Naam", None, [Role::Professional].as_slice())
    );
    assert_eq!(
        tx.user_phone(&user.id).await.unwrap().as_deref(),
        Some("030-765 43 21")
    );
    let entries = tx.journal_page(0, 1000).await.unwrap();
    let changed = entries
        .iter()
        .find(|e| e.kind == "user_changed")
        .expect("journaled");
    assert!(changed.actor.starts_with("user:"));
    drop(tx);
    a.done().await;
}

/// The chain administrator corrects an organisation's short name and, while it has no
/// accounts yet, its kind; once it has accounts the form does not offer the kind and
/// says why, and a kind sent anyway is refused at its field. Refused input is kept and
/// summarised above the form.
#[tokio::test]
async fn an_organisations_slug_and_kind_are_corrected_until_it_has_accounts() {
    let a = Beheer::new().await;
    a.with_school().await;
    let org = async |slug: &str| {
        let mut tx = a.app.store.read().await.unwrap();
        tx.organisation_by_slug(slug).await.unwrap()
    };
    let school = org("de-regenboog").await.unwrap().id;
    let edit = format!("/beheer/organisaties/{school}/wijzigen");
    let mut k = a.app.signed_in_browser(&a.chain).await;
    let opened = k.get(&edit).await.body;
    assert_eq!(
        common::control_value(&opened, "slug").as_deref(),
        Some("de-regenboog")
    );
    assert_eq!(
        common::selected_option(&opened, "kind").as_deref(),
        Some("school")
    );
    let r = a
        .chain_posts(
            &edit,
            &[
                ("slug", "De Regenboog!"),
                ("name", ""),
                ("kind", "care_provider"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "slug").is_some());
    assert!(common::field_error(&r.body, "name").is_some());
    assert_eq!(
        common::control_value(&r.body, "slug").as_deref(),
        Some("De Regenboog!")
    );
    assert_eq!(
        common::selected_option(&r.body, "kind").as_deref(),
        Some("care_provider")
    );
    assert!(r.body.contains("id=\"error-summary\"") && r.body.contains("href=\"#slug\""));
    // A short name another organisation has: refused at the field.
    let r = a
        .chain_posts(
            &edit,
            &[
                ("slug", "save"),
                ("name", "IKC De Regenboog"),
                ("kind", "school"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "slug").is_some());
    let r = a
        .chain_posts(
            &edit,
            &[
                ("slug", "regenboog"),
                ("name", "IKC De Regenboog"),
                ("kind", "care_provider"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/beheer/organisaties?opgeslagen=1");
    let now = org("regenboog").await.expect("the new short name");
    assert_eq!(
        (now.name.as_str(), now.kind),
        ("IKC De Regenboog", OrganisationKind::CareProvider)
    );

    // SAVE has accounts: its kind is shown with the reason, not offered.
    let save = a.save_id().await;
    let edit = format!("/beheer/organisaties/{save}/wijzigen");
    let opened = k.get(&edit).await.body;
    assert!(!opened.contains("id=\"kind\""), "no kind to choose");
    assert!(opened.contains("De soort ligt vast"), "says why");
    let r = a
        .chain_posts(
            &edit,
            &[("slug", "save"), ("name", "SAVE"), ("kind", "school")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "kind").is_some());
    assert_eq!(
        org("save").await.unwrap().kind,
        OrganisationKind::CertifiedInstitution
    );
    let r = a
        .chain_posts(&edit, &[("slug", "save-utrecht"), ("name", "SAVE")])
        .await;
    assert_eq!(r.location(), "/beheer/organisaties?opgeslagen=1");
    assert!(org("save-utrecht").await.is_some());
    a.done().await;
}

/// A team's area is chosen on the team's page: refused input is kept with its
/// messages, an area that is none is refused at its field, and the change is journaled.
#[tokio::test]
async fn a_teams_area_is_chosen_on_its_page() {
    let a = Beheer::new().await;
    let province = a.with_province().await;
    a.team().await;
    let save = eenplan_domain::OrganisationId::from(a.save_id().await.as_str());
    let team = {
        let mut tx = a.app.store.read().await.unwrap();
        tx.teams_of(&save).await.unwrap().remove(0).id
    };
    let edit = format!("/beheer/teams/{team}/wijzigen");
    let mut b = a.app.signed_in_browser(&a.admin).await;
    assert!(b.get(&edit).await.body.contains("id=\"area_id\""));
    let r = a
        .admin_posts(&edit, &[("name", ""), ("area_id", &province)])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "name").is_some());
    assert_eq!(
        common::selected_option(&r.body, "area_id").as_deref(),
        Some(province.as_str())
    );
    assert!(
        r.body.contains("href=\"#name\""),
        "the summary links to the field"
    );
    let r = a
        .admin_posts(&edit, &[("name", "SAVE Utrecht"), ("area_id", "nergens")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "area_id").is_some());
    assert_eq!(
        common::control_value(&r.body, "name").as_deref(),
        Some("SAVE Utrecht")
    );
    let r = a
        .admin_posts(&edit, &[("name", "SAVE Utrecht"), ("area_id", &province)])
        .await;
    assert_eq!(r.location(), "/beheer/teams?opgeslagen=1");
    let mut tx = a.app.store.read().await.unwrap();
    let now = tx.teams_of(&save).await.unwrap().remove(0);
    assert_eq!(
        (now.name.as_str(), now.area_id.as_deref()),
        ("SAVE Utrecht", Some(province.as_str()))
    );
    let kinds: Vec<String> = tx
        .journal_for_subject("team", &team)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert!(kinds.contains(&"team_area_changed".to_owned()), "{kinds:?}");
    drop(tx);
    a.done().await;
}

/// An area corrected to a CBS code another area has keeps what was typed, with the
/// message at the code and in the summary; every admin form summarises its refusals
/// (a section's form, an account's page, the deactivation's box).
#[tokio::test]
async fn admin_forms_keep_refused_input_and_summarise_it() {
    let a = Beheer::new().await;
    let province = a.with_province().await;
    a.municipality(&province).await;
    let edit = format!("/beheer/gebieden/{province}/wijzigen");
    let r = a
        .chain_posts(&edit, &[("name", "Provincie Utrecht"), ("code", "GM0344")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(common::field_error(&r.body, "code").is_some());
    assert_eq!(
        common::control_value(&r.body, "name").as_deref(),
        Some("Provincie Utrecht")
    );
    assert_eq!(
        common::control_value(&r.body, "code").as_deref(),
        Some("GM0344")
    );
    assert!(r.body.contains("id=\"error-summary\"") && r.body.contains("href=\"#code\""));
    // The summary names the field, not only what is wrong with it.
    assert!(
        r.body.contains("href=\"#code\">CBS-code (optioneel): "),
        "{}",
        r.body
    );

    let r = a
        .chain_posts(
            "/beheer/organisaties",
            &[("slug", "x"), ("name", "Iets"), ("kind", "school")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"error-summary\"") && r.body.contains("href=\"#slug\""));

    let user = a.with_newcomer().await;
    let r = a
        .admin_posts(
            &format!("/beheer/gebruikers/{}/wijzigen", user.id),
            &[("name", "Nieuwe Collega"), ("phone", ""), ("team_id", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("href=\"#roles-professional\""),
        "{}",
        r.body
    );

    let r = a
        .admin_posts(&format!("/beheer/gebruikers/{}/deactiveren", user.id), &[])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#bevestigd-ja\""));
    a.done().await;
}

/// Deactivating asks a confirmation first; a deactivated account is given back its
/// access by reactivating it.
#[tokio::test]
async fn deactivation_is_confirmed_and_an_account_can_be_reactivated() {
    let a = Beheer::new().await;
    let user = a.with_newcomer().await;
    let deactivate = format!("/beheer/gebruikers/{}/deactiveren", user.id);
    let mut b = a.app.signed_in_browser(&a.admin).await;
    let page = b.get(&deactivate).await;
    assert!(
        page.body.contains("id=\"bevestigd-ja\""),
        "a box to tick first"
    );
    let r = a.admin_posts(&deactivate, &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"bevestigd-error\""));
    let active = async || {
        let mut tx = a.app.store.read().await.unwrap();
        tx.principal(&user.id).await.unwrap().unwrap().active
    };
    assert!(active().await, "not without the confirmation");
    let r = a.admin_posts(&deactivate, &[("bevestigd", "ja")]).await;
    assert_eq!(r.location(), "/beheer/gebruikers?opgeslagen=1");
    assert!(!active().await);
    let reactivate = format!("/beheer/gebruikers/{}/heractiveren", user.id);
    assert!(b.get("/beheer/gebruikers").await.body.contains(&reactivate));
    let r = a.admin_posts(&reactivate, &[]).await;
    assert_eq!(r.location(), "/beheer/gebruikers?opgeslagen=1");
    assert!(active().await);
    assert!(
        !a.app
            .browser()
            .password("nieuw@save.example", PASSWORD)
            .await
            .body
            .contains("klopt niet"),
        "signs in again"
    );
    let r = a.admin_posts(&reactivate, &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "an active account");
    a.done().await;
}
