//! Every API route refuses in the language asked for: the route table is walked, and
//! each route is sent what it must refuse (an unknown id, a body that is no JSON, an
//! empty body, a body of nonsense values, a bad page size), once asking for Dutch and
//! once for English. The English words must differ from the Dutch ones and read as
//! English, so a problem a flow words in Dutch alone is found without anyone listing it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{Method, StatusCode, header};
use common::App;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::policy::{Decision, Policy, Who, decide};
use eenplan_domain::role::Role;
use eenplan_store::SessionKind;
use eenplan_web::auth::Surface;
use serde_json::{Value, json};

/// Words that, standing alone, say a text is Dutch; none of them is an English word.
const DUTCH: &[&str] = &[
    " het ",
    " de ",
    " niet ",
    " een ",
    "gezin",
    " geen ",
    " je ",
    " jouw ",
    " deze ",
    " dit ",
    " voor ",
    " van ",
    " met ",
    " bij ",
    " naar ",
    " nog ",
    " al ",
    " wordt ",
    " moet ",
    " kan ",
    " ongeldig",
    " onbekend",
    " ontbreekt",
    " gebruik ",
    " vul ",
    " kies ",
    " dossier",
    " toestemming",
    " stap ",
    " geef ",
];

/// An id in the shape the store hands out that names nothing.
const UNKNOWN: &str = "01900000-0000-7000-8000-000000000000";

const ALL_ROLES: &[Role] = &[
    Role::Professional,
    Role::TeamLead,
    Role::FunctionalAdmin,
    Role::PrivacyOfficer,
    Role::EvuCoordinator,
];

struct World {
    app: App,
    accounts: Vec<(common::Account, &'static [Role], OrganisationKind)>,
    family: String,
}

impl World {
    async fn new() -> Self {
        let app = App::new().await;
        let wijk = app.organisation("wijk", OrganisationKind::LocalTeam).await;
        app.organisation("vt", OrganisationKind::VeiligThuis).await;
        app.organisation("raad", OrganisationKind::Rvdk).await;
        let boss = app
            .account_in("wijk", Some(&wijk), "boss@wijk.example", ALL_ROLES, true)
            .await;
        let planner = app
            .account("planner@save.example", &[Role::TeamLead], true)
            .await;
        let vt = app
            .account_in("vt", None, "vt@vt.example", &[Role::Professional], true)
            .await;
        let raad = app
            .account_in(
                "raad",
                None,
                "raad@raad.example",
                &[Role::Professional],
                true,
            )
            .await;
        let chain = app
            .account("keten@regio.example", &[Role::ChainAdmin], true)
            .await;
        let lead = {
            let mut tx = app.store.read().await.unwrap();
            tx.organisation_by_slug("wijk")
                .await
                .unwrap()
                .unwrap()
                .id
                .into_string()
        };
        let (family, _, _) = app.jansen(&boss, &lead, None).await;
        Self {
            app,
            accounts: vec![
                (boss, ALL_ROLES, OrganisationKind::LocalTeam),
                (
                    planner,
                    &[Role::TeamLead],
                    OrganisationKind::CertifiedInstitution,
                ),
                (vt, &[Role::Professional], OrganisationKind::VeiligThuis),
                (raad, &[Role::Professional], OrganisationKind::Rvdk),
                (
                    chain,
                    &[Role::ChainAdmin],
                    OrganisationKind::CertifiedInstitution,
                ),
            ],
            family: family.to_string(),
        }
    }

    /// The first account the route's policy lets in (None for a public route).
    fn account_for(&self, policy: Policy) -> Option<&common::Account> {
        if policy == Policy::Public {
            return None;
        }
        self.accounts
            .iter()
            .find(|(_, roles, organisation)| {
                decide(
                    policy,
                    Some(Who {
                        roles,
                        organisation: *organisation,
                    }),
                ) == Decision::Allow
            })
            .map(|(a, _, _)| a)
    }
}

/// The path with `family` for the family segment and an unknown id for every other one.
fn fill(template: &str, family: &str) -> String {
    template
        .split('/')
        .skip(1)
        .map(|segment| match segment {
            "{family}" => family,
            "{version}" => "999",
            s if s.starts_with('{') => UNKNOWN,
            s => s,
        })
        .fold(String::new(), |path, s| path + "/" + s)
}

/// A value of the schema's type that no rule takes: an unknown code or id, a date that
/// is no date, a negative number.
fn nonsense(schema: &Value, doc: &Value) -> Value {
    if let Some(name) = schema["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
    {
        return nonsense(&doc["components"]["schemas"][name], doc);
    }
    match kind(schema) {
        Some("integer" | "number") => json!(-1),
        Some("boolean") => json!(true),
        Some("array") => json!([nonsense(&schema["items"], doc)]),
        Some("object") => Value::Object(
            schema["properties"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), nonsense(v, doc)))
                .collect(),
        ),
        _ if schema["format"] == "date" => json!("2026-13-45"),
        _ => json!("qqq"),
    }
}

/// A value of the schema's type that passes the body's own checks where it can (the
/// first of a list of codes, a real date, a long enough text), so an unknown id in the
/// path is what is refused.
fn plausible(schema: &Value, doc: &Value) -> Value {
    if let Some(name) = schema["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
    {
        return plausible(&doc["components"]["schemas"][name], doc);
    }
    if let Some(first) = schema["enum"].as_array().and_then(|e| e.first()) {
        return first.clone();
    }
    match kind(schema) {
        Some("integer" | "number") => json!(1),
        Some("boolean") => json!(false),
        Some("array") => json!([]),
        Some("object") => Value::Object(
            schema["properties"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), plausible(v, doc)))
                .collect(),
        ),
        _ if schema["format"] == "date" => json!("2026-01-05"),
        _ if schema["format"] == "date-time" => json!("2026-01-05T10:00:00+01:00"),
        _ => json!("Lorem ipsum dolor sit amet, long enough for every rule"),
    }
}

/// The schema's type: its first that is not null, and an object where it has members.
fn kind(schema: &Value) -> Option<&str> {
    match &schema["type"] {
        Value::String(t) => Some(t),
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null"),
        _ if schema["properties"].is_object() => Some("object"),
        _ => None,
    }
}

/// The texts of a problem a person reads: title, detail and each field's reason.
fn words(problem: &Value) -> Vec<(String, String)> {
    let mut out = vec![(
        "title".to_owned(),
        problem["title"].as_str().unwrap_or("").to_owned(),
    )];
    if let Some(detail) = problem["detail"].as_str() {
        out.push(("detail".to_owned(), detail.to_owned()));
    }
    for param in problem["invalidParams"].as_array().into_iter().flatten() {
        out.push((
            format!("invalidParams[{}]", param["name"].as_str().unwrap_or("")),
            param["reason"].as_str().unwrap_or("").to_owned(),
        ));
    }
    out
}

fn dutch_in(text: &str) -> Option<&'static str> {
    let padded = format!(
        " {} ",
        text.to_lowercase()
            .replace(|c: char| !c.is_alphanumeric() && c != '\'', " ")
    );
    DUTCH.iter().find(|w| padded.contains(*w)).copied()
}

#[tokio::test]
async fn every_api_refusal_is_english_when_english_is_asked_for() {
    let w = World::new().await;
    let doc = eenplan_web::routes::openapi_document();
    let mut tokens = std::collections::HashMap::new();
    let mut faults = Vec::new();
    let mut refusals = 0;
    let mut uncovered = Vec::new();
    for (route, _) in eenplan_web::routes::table() {
        if route.surface != Surface::Api {
            continue;
        }
        let mut auth = Vec::new();
        if let Some(account) = w.account_for(route.policy) {
            let token = match tokens.get(&account.email) {
                Some(t) => t,
                None => {
                    let t = w.app.session_token(account, SessionKind::Api).await;
                    tokens.entry(account.email.clone()).or_insert(t)
                }
            };
            auth.push(("authorization", format!("Bearer {token}")));
        }
        let has_body = route.method != Method::GET && route.method != Method::DELETE;
        let mut asks: Vec<(String, String)> = Vec::new();
        let schema = route
            .doc
            .as_ref()
            .and_then(|d| d.request.as_ref())
            .map(|schema| json!({ "$ref": format!("#/components/schemas/{}", schema.name) }));
        // For an unknown id: a body the operation would take, so the id is what is refused.
        let good = schema
            .as_ref()
            .map_or_else(String::new, |s| plausible(s, &doc).to_string());
        let has_id = route.path.contains('{');
        if has_id {
            // Everything known but the other ids, and then the file itself unknown.
            asks.push((fill(route.path, &w.family), good.clone()));
            if route.path.contains("{family}") {
                asks.push((fill(route.path, UNKNOWN), good.clone()));
            }
        }
        let path = fill(route.path, &w.family);
        let paged = route.doc.as_ref().is_some_and(|d| d.paged);
        if paged {
            asks.push((format!("{path}?limit=veel"), String::new()));
            asks.push((format!("{path}?cursor=onzin"), String::new()));
        }
        if has_body {
            asks.push((path.clone(), "{".to_owned()));
            asks.push((path.clone(), "{}".to_owned()));
            if let Some(schema) = &schema {
                asks.push((path.clone(), nonsense(schema, &doc).to_string()));
                asks.push((path.clone(), good.clone()));
            }
        }
        if schema.is_some() {
            // The state a second time refuses: a step taken once cannot be taken
            // again (an open referral, a running guidance, access already granted).
            let mut headers = auth.clone();
            headers.push(("content-type", "application/json".to_owned()));
            headers.push(("if-match", "\"v1\"".to_owned()));
            w.app
                .raw(route.method.clone(), &path, &headers, &good)
                .await;
        }
        let mut seen = Vec::new();
        for (uri, body) in asks {
            let body = if body.is_empty() && has_body {
                "{}".to_owned()
            } else {
                body
            };
            let mut said = Vec::new();
            for lang in ["nl", "en"] {
                let mut headers = auth.clone();
                headers.push(("accept-language", lang.to_owned()));
                if has_body {
                    headers.push(("content-type", "application/json".to_owned()));
                    // The plan's writes name the version they build on.
                    headers.push(("if-match", "\"v1\"".to_owned()));
                }
                let r = w.app.raw(route.method.clone(), &uri, &headers, &body).await;
                said.push(r);
            }
            let (nl, en) = (&said[0], &said[1]);
            let what = format!("{} {uri} {body}", route.method);
            assert!(
                !nl.status.is_server_error(),
                "{what}: {} {}",
                nl.status,
                nl.body
            );
            if !nl.status.is_client_error() {
                continue;
            }
            assert_eq!(nl.status, en.status, "{what}");
            assert_eq!(
                nl.headers[header::CONTENT_TYPE],
                "application/problem+json",
                "{what}: {}",
                nl.body
            );
            refusals += 1;
            seen.push(nl.status);
            let (nl_words, en_words) = (words(&nl.json()), words(&en.json()));
            for ((part, dutch), (_, english)) in nl_words.iter().zip(&en_words) {
                if dutch == english && !dutch.is_empty() {
                    faults.push(format!(
                        "{what} — {part} is the same in English: {english:?}"
                    ));
                } else if let Some(word) = dutch_in(english) {
                    faults.push(format!(
                        "{what} — {part} says {word:?} in English: {english:?}"
                    ));
                }
            }
        }
        if has_id && !seen.contains(&StatusCode::NOT_FOUND) {
            uncovered.push(format!(
                "{} {}: no 404 ({seen:?})",
                route.method, route.path
            ));
        }
        let bad_input = [StatusCode::BAD_REQUEST, StatusCode::UNPROCESSABLE_ENTITY];
        // An upload takes multipart, not JSON: every body this walk sends is a 415 there
        // (checked in English above); its field refusals are the documents tests' own.
        let multipart = route.doc.as_ref().is_some_and(|d| d.multipart);
        if schema.is_some() && !multipart && !seen.iter().any(|s| bad_input.contains(s)) {
            uncovered.push(format!(
                "{} {}: no 400/422 ({seen:?})",
                route.method, route.path
            ));
        }
    }
    assert!(
        uncovered.is_empty(),
        "routes not made to refuse: {uncovered:#?}"
    );
    assert!(
        refusals > 150,
        "every API route was made to refuse: {refusals}"
    );
    faults.sort();
    faults.dedup();
    assert!(
        faults.is_empty(),
        "{} problems are Dutch in English mode:\n{}",
        faults.len(),
        faults.join("\n")
    );
    w.app.done().await;
}

/// What a person reads on a page: the text of `<main>`, without tags, scripts and the
/// family's own (synthetic) name.
fn page_text(body: &str) -> String {
    let main = body
        .split_once("<main")
        .and_then(|(_, rest)| rest.split_once("</main>"))
        .map_or(body, |(main, _)| main);
    let mut text = String::new();
    let mut in_tag = false;
    for c in main.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    // Names stay Dutch in English: the family's (synthetic) one and the Raad's.
    text.replace("Gezin Jansen", " ")
        .replace("Raad voor de Kinderbescherming", " ")
}

/// The error pages and the forms' messages of every page route in English mode: a
/// request for an unknown id, and a form sent empty.
#[tokio::test]
async fn every_refused_page_is_english_in_english_mode() {
    let w = World::new().await;
    let mut browsers = Vec::new();
    for (account, _, _) in &w.accounts {
        let mut b = w.app.signed_in_browser(account).await;
        b.cookies.insert("eenplan_lang".to_owned(), "en".to_owned());
        let csrf = b.get("/start").await.csrf();
        browsers.push((account.email.clone(), b, csrf));
    }
    // The scan finds Dutch where there is Dutch: the same unknown file in Dutch mode.
    let unknown_file = fill("/gezinnen/{family}", UNKNOWN);
    let mut dutch = w.app.signed_in_browser(&w.accounts[0].0).await;
    let r = dutch.get(&unknown_file).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(dutch_in(&page_text(&r.body)).is_some(), "{}", r.body);
    let mut faults = Vec::new();
    let mut refusals = 0;
    for (route, _) in eenplan_web::routes::table() {
        if route.surface != Surface::Page || route.path.starts_with("/static/") {
            continue;
        }
        let Some(account) = w.account_for(route.policy) else {
            continue;
        };
        let (_, b, csrf) = browsers
            .iter_mut()
            .find(|(email, _, _)| *email == account.email)
            .unwrap();
        let mut uris = vec![fill(route.path, &w.family)];
        if route.path.contains("{family}") {
            uris.push(fill(route.path, UNKNOWN));
        }
        for uri in uris {
            let r = if route.method == Method::GET {
                if !route.path.contains('{') {
                    continue;
                }
                b.get(&uri).await
            } else if route.method == Method::POST {
                b.post(&uri, &[("csrf", csrf.as_str())]).await
            } else {
                continue;
            };
            assert!(
                !r.status.is_server_error(),
                "{} {uri}: {}",
                route.method,
                r.status
            );
            if !r.status.is_client_error() && r.status != StatusCode::OK {
                continue;
            }
            if r.status.is_client_error() {
                refusals += 1;
            }
            let text = page_text(&r.body);
            if let Some(word) = dutch_in(&text) {
                let at = text.to_lowercase().find(word.trim()).unwrap_or(0);
                let around: String = text.chars().skip(at.saturating_sub(60)).take(160).collect();
                faults.push(format!(
                    "{} {} ({}) says {word:?}: …{}…",
                    route.method,
                    route.path,
                    r.status,
                    around.split_whitespace().collect::<Vec<_>>().join(" ")
                ));
            }
        }
    }
    assert!(refusals > 50, "page routes were made to refuse: {refusals}");
    faults.sort();
    faults.dedup();
    assert!(
        faults.is_empty(),
        "{} pages are Dutch in English mode:\n{}",
        faults.len(),
        faults.join("\n")
    );
    w.app.done().await;
}
