//! Server-rendered pages. Every page template extends `base.html` and gets a [`Shell`].

pub mod admin;
pub mod consent;
pub mod crisis;
pub mod errors;
pub mod family;
pub mod form;
pub mod handover;
pub mod password;
pub mod plan;
pub mod privacy;
pub mod sign_in;
pub mod start;
pub mod timeline;
pub mod veilig_thuis;
// The chain's ways of working (issue 7).
pub mod evu;
pub mod save_guidance;
// SAVE op locatie
pub mod save_on_site;
// Joint assessment meeting and protection order request (issue 7, points 5 and 6).
pub mod joint_assessment;
pub mod protection_order;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use eenplan_domain::role::Role;
use serde::Deserialize;

use crate::auth::Visitor;
use crate::i18n::{LANG_COOKIE, Lang, Texts};

/// What the page frame needs: language, who is signed in, the CSRF token for the
/// sign-out form, and the current path (for the language switch to come back to).
#[derive(Debug)]
pub struct Shell {
    pub t: &'static Texts,
    pub user: Option<ShellUser>,
    pub csrf: String,
    pub is_admin: bool,
    pub is_privacy_officer: bool,
    pub is_veilig_thuis: bool,
    pub is_evu_coordinator: bool,
    /// The strings of the chain's ways of working (issue 7).
    pub c: &'static crate::chain_texts::ChainTexts,
    pub path: String,
    /// The idle warning's clock and words (pages of a signed-in visitor only).
    pub clock: Option<crate::auth::SessionClock>,
    pub s: &'static crate::auth::resume::SessionTexts,
    /// Local time until which emergency access lasts; the frame shows a banner.
    pub emergency_until: Option<String>,
    // SAVE op locatie
    /// Works for a certified institution or a local team: SAVE op locatie's menu item.
    pub is_save_on_site: bool,
    // Protection order request (issue 7, point 6).
    /// Works for the Raad voor de Kinderbescherming: the menu shows the Raad's work list.
    pub is_rvdk: bool,
    /// Holds a care role: the menu offers emergency access (issue 12, section 3).
    pub is_care_role: bool,
}

#[derive(Debug)]
pub struct ShellUser {
    pub name: String,
    pub organisation: String,
    pub roles: String,
}

impl Shell {
    pub fn new(headers: &HeaderMap, visitor: &Visitor, path: &str) -> Self {
        let lang = Lang::from_headers(headers);
        let user = visitor.principal.as_ref().map(|p| ShellUser {
            name: p.name.clone(),
            organisation: p.organisation_name.clone(),
            roles: p
                .roles
                .iter()
                .map(|r| role_label(lang, *r))
                .collect::<Vec<_>>()
                .join(", "),
        });
        // A menu item shows exactly when its route's policy lets the visitor in.
        let may = |policy| {
            visitor.principal.as_ref().is_some_and(|p| {
                eenplan_domain::policy::decide(
                    policy,
                    Some(eenplan_domain::policy::Who {
                        roles: &p.roles,
                        organisation: p.organisation_kind,
                    }),
                ) == eenplan_domain::policy::Decision::Allow
            })
        };
        Self {
            t: lang.texts(),
            c: crate::chain_texts::texts(lang),
            clock: visitor.clock,
            s: crate::auth::resume::texts(lang),
            is_evu_coordinator: may(eenplan_domain::policy::EVU_COORDINATOR),
            is_care_role: may(eenplan_domain::policy::CARE_ROLE),
            is_admin: may(eenplan_domain::policy::ANY_ADMIN),
            is_veilig_thuis: may(eenplan_domain::policy::VEILIG_THUIS),
            is_privacy_officer: visitor
                .principal
                .as_ref()
                .is_some_and(|p| p.roles.contains(&Role::PrivacyOfficer)),
            user,
            csrf: visitor.csrf_token().to_owned(),
            path: path.to_owned(),
            emergency_until: visitor.emergency_until.map(local_time),
            // SAVE op locatie
            is_save_on_site: may(eenplan_domain::policy::SAVE_ON_SITE),
            // Protection order request (issue 7, point 6).
            is_rvdk: may(eenplan_domain::policy::RVDK),
        }
    }
}

/// "5 dec 2026" (English: "5 Dec 2026"): how a person reads a date, never ISO.
pub fn dutch_date(lang: Lang, d: jiff::civil::Date) -> String {
    let months = timeline::months(lang);
    let month = months
        .get(usize::try_from(d.month() - 1).unwrap_or(0))
        .copied()
        .unwrap_or("");
    format!("{} {month} {}", d.day(), d.year())
}

/// "14:05" in Dutch local time.
pub fn local_time(t: eenplan_domain::UtcTime) -> String {
    let z = t
        .timestamp()
        .to_zoned(jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap_or(jiff::tz::TimeZone::UTC));
    format!("{:02}:{:02}", z.hour(), z.minute())
}

pub fn role_label(lang: Lang, role: Role) -> &'static str {
    match lang {
        Lang::Nl => role.label_nl(),
        Lang::En => role.label_en(),
    }
}

/// Renders a template, or the plain internal-error page if rendering fails.
pub fn render(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Html(errors::PLAIN_INTERNAL),
            )
                .into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "landing.html")]
struct Landing {
    shell: Shell,
}

pub async fn landing(headers: HeaderMap, Extension(visitor): Extension<Visitor>) -> Response {
    if visitor.principal.is_some() {
        return Redirect::to("/start").into_response();
    }
    render(
        StatusCode::OK,
        &Landing {
            shell: Shell::new(&headers, &visitor, "/"),
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct LangQuery {
    terug: Option<String>,
}

/// A return path this site may redirect to: a path on this site and nothing else. It
/// starts with a single `/` (`//host` and `/\\host` are other hosts to a browser, which
/// reads a backslash as a slash) and has no control characters (a line break would split
/// the `Location` header; browsers drop tabs and line breaks inside URLs, so `/\t/host`
/// would become `//host`).
pub(crate) fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
}

/// Switches the language and goes back where the visitor was (only to a path on this
/// site, never to another host).
pub async fn switch_language(Path(code): Path<String>, Query(q): Query<LangQuery>) -> Response {
    let lang = if code == "en" { "en" } else { "nl" };
    let back = q
        .terug
        .filter(|p| is_local_path(p))
        .unwrap_or_else(|| "/".to_owned());
    let mut response = Redirect::to(&back).into_response();
    // Not HttpOnly-sensitive, but no script needs it either; one year.
    if let Ok(v) = header::HeaderValue::from_str(&format!(
        "{LANG_COOKIE}={lang}; Path=/; SameSite=Strict; HttpOnly; Max-Age=31536000"
    )) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}
