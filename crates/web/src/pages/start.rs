use askama::Template;
use axum::Extension;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use eenplan_domain::role::Role;

use super::{Shell, render, role_label};
use crate::auth::Visitor;
use crate::i18n::{Lang, Texts};

#[derive(Template)]
#[template(path = "start.html")]
struct Start {
    shell: Shell,
    roles: Vec<(&'static str, &'static str)>,
}

fn role_text(t: &Texts, role: Role) -> &'static str {
    match role {
        Role::Professional => t.start_role_professional,
        Role::BehaviouralScientist => t.start_role_behavioural_scientist,
        Role::TeamLead => t.start_role_team_lead,
        Role::FunctionalAdmin => t.start_role_functional_admin,
        Role::PrivacyOfficer => t.start_role_privacy_officer,
    }
}

/// The start page: one section per role the person holds.
pub async fn start(headers: HeaderMap, Extension(visitor): Extension<Visitor>) -> Response {
    let lang = Lang::from_headers(&headers);
    let shell = Shell::new(&headers, &visitor, "/start");
    let roles = visitor
        .principal
        .iter()
        .flat_map(|p| p.roles.iter())
        .map(|r| (role_label(lang, *r), role_text(shell.t, *r)))
        .collect();
    render(StatusCode::OK, &Start { shell, roles })
}
