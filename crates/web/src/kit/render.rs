//! The page frame every page template extends (`base.html`), rendering, and how a
//! person reads dates and times.

use askama::Template;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use eenplan_domain::role::Role;

use crate::kit::dates::local_time;
use crate::kit::i18n::Texts;
use crate::kit::texts::Lang;
use crate::kit::visitor::Visitor;

/// Used when even the error template cannot be rendered.
pub const PLAIN_INTERNAL: &str = "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Fout — eenplan</title></head><body><main><h1>Er ging iets mis</h1><p>Probeer het later opnieuw.</p></main></body></html>";

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
    /// The strings of the chain's ways of working.
    pub c: &'static crate::kit::chain_texts::ChainTexts,
    pub path: String,
    /// The idle warning's clock and words (pages of a signed-in visitor only).
    pub clock: Option<crate::kit::visitor::SessionClock>,
    pub s: &'static crate::kit::texts::SessionTexts,
    /// Local time until which emergency access lasts; the frame shows a banner.
    pub emergency_until: Option<String>,
    /// Works for a certified institution or a local team: SAVE op locatie's menu item.
    pub is_save_on_site: bool,
    /// Works for the Raad voor de Kinderbescherming: the menu shows the Raad's work list.
    pub is_rvdk: bool,
    /// May see the evaluation's aggregates: the menu links `/evaluatie`.
    pub is_evaluation: bool,
    /// Holds a care role: the menu offers emergency access.
    pub is_care_role: bool,
    /// The bell: how many of the visitor's notifications are unread.
    pub unread: Option<i64>,
}

#[derive(Debug)]
pub struct ShellUser {
    pub name: String,
    pub organisation: String,
    pub roles: String,
}

impl Shell {
    /// The bell's accessible name: "Berichten, 3 ongelezen".
    pub fn bell_label(&self) -> String {
        match self.unread {
            Some(n) if n > 0 => {
                crate::kit::texts::fill(self.t.bell_unread, &[("n", &n.to_string())])
            }
            _ => self.t.bell.to_owned(),
        }
    }

    /// A stored date or moment as the visitor reads it (`kit::dates::shown`), so a
    /// template that holds a store row never prints ISO.
    pub fn date(&self, stored: impl std::fmt::Display) -> String {
        let lang = if self.t.lang == "en" {
            Lang::En
        } else {
            Lang::Nl
        };
        crate::kit::dates::shown(lang, stored)
    }

    pub fn new(headers: &HeaderMap, visitor: &Visitor, path: &str) -> Self {
        Self::for_lang(Lang::from_headers(headers), visitor, path)
    }

    pub fn for_lang(lang: Lang, visitor: &Visitor, path: &str) -> Self {
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
            c: crate::kit::chain_texts::texts(lang),
            clock: visitor.clock,
            s: crate::kit::texts::session(lang),
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
            is_save_on_site: may(eenplan_domain::policy::SAVE_ON_SITE),
            is_rvdk: may(eenplan_domain::policy::RVDK),
            is_evaluation: may(eenplan_domain::policy::EVALUATION),
            unread: visitor.unread,
        }
    }
}

pub fn role_label(lang: Lang, role: Role) -> &'static str {
    match lang {
        Lang::Nl => role.label_nl(),
        Lang::En => role.label_en(),
    }
}

/// The status of a page with a form: 200 when it stands as asked (`ok`), 422 when the
/// form came back refused.
pub fn form_status(ok: bool) -> StatusCode {
    if ok {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// The status of a page whose form was sent for a step someone else took first
/// (`gone`): 409, so the visitor sees the file as it now stands; otherwise `form`, the
/// form's own status.
pub fn step_status(gone: bool, form: StatusCode) -> StatusCode {
    if gone { StatusCode::CONFLICT } else { form }
}

/// Renders a template, or the plain internal-error page if rendering fails.
pub fn render(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            (StatusCode::INTERNAL_SERVER_ERROR, Html(PLAIN_INTERNAL)).into_response()
        }
    }
}
