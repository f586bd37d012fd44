//! Object-level access to a family file, applied by the router to every route with a
//! `{family}` path segment: the domain's `family_access` decides, every attempt goes to
//! the access log (NEN 7513), and a refusal looks exactly like a file that does not
//! exist.

use axum::RequestExt;
use axum::extract::{ConnectInfo, RawPathParams, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use eenplan_domain::family::access::{Involved, Viewer};
use eenplan_domain::family::{Basis, FamilyAccess, family_access};
use eenplan_store::{AccessEntry, StoreError};

use super::{Surface, Visitor};
use crate::{AppState, Problem, pages};

/// Put in the request by the guard: the file this request may touch, and why.
#[derive(Debug, Clone)]
pub struct FamilyGrant {
    pub family_id: String,
    pub basis: Basis,
}

fn event(method: &Method, template: &str) -> &'static str {
    if template.ends_with("/afdrukken") || template.ends_with("/print") {
        "print"
    } else if *method == Method::GET {
        "read"
    } else {
        "update"
    }
}

pub async fn guard(
    State((state, surface, template)): State<(AppState, Surface, &'static str)>,
    mut req: Request,
    next: Next,
) -> Response {
    let family_id = match req.extract_parts::<RawPathParams>().await {
        Ok(params) => params
            .iter()
            .find(|(k, _)| *k == "family")
            .map(|(_, v)| v.to_string()),
        Err(_) => None,
    };
    let visitor = req
        .extensions()
        .get::<Visitor>()
        .cloned()
        .unwrap_or_default();
    let client = req
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |ConnectInfo(a)| a.ip().to_string());
    let (Some(family_id), Some(principal)) = (family_id, visitor.principal.clone()) else {
        return not_found(surface, &req, &visitor);
    };
    let (event_name, data) = (
        event(req.method(), template),
        format!("{} {template}", req.method()),
    );
    let decided = async {
        let facts = state.store.read().await?.access_facts(&family_id).await?;
        let access = match &facts {
            None => FamilyAccess::Denied,
            Some(facts) => decide(&principal, facts),
        };
        let basis = match access {
            FamilyAccess::Granted(b) => Some(b),
            FamilyAccess::Denied => None,
        };
        let mut tx = state.store.write().await?;
        let mut entry = access_entry(
            &principal,
            event_name,
            basis,
            Some(family_id.clone()),
            data,
            &client,
        );
        entry.granted = basis.is_some();
        tx.log_access(&entry).await?;
        tx.commit().await?;
        Ok::<_, StoreError>(basis)
    };
    match decided.await {
        Ok(Some(basis)) => {
            req.extensions_mut()
                .insert(FamilyGrant { family_id, basis });
            next.run(req).await
        }
        Ok(None) => not_found(surface, &req, &visitor),
        Err(e) => {
            tracing::error!(error = %e, "family access check failed");
            pages::errors::internal(surface == Surface::Api, req.headers())
        }
    }
}

fn not_found(surface: Surface, req: &Request, visitor: &Visitor) -> Response {
    match surface {
        Surface::Api => Problem::new(StatusCode::NOT_FOUND, "not-found", "Niet gevonden")
            .detail("Er is geen gezinsdossier met dit id dat jij mag inzien.")
            .into_response(),
        Surface::Page => pages::errors::not_found_page(req.headers(), visitor, req.uri().path()),
    }
}

/// An access-log line for `principal` (NEN 7513: event, user, acting organisation and
/// roles, client, which data, where from).
pub fn access_entry(
    principal: &eenplan_store::Principal,
    event: &'static str,
    basis: Option<Basis>,
    family_id: Option<String>,
    data: String,
    client_address: &str,
) -> AccessEntry {
    AccessEntry {
        event,
        granted: true,
        basis: basis.map(Basis::code),
        user_id: principal.user_id.clone(),
        organisation_id: principal.organisation_id.clone(),
        role: principal
            .roles
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(","),
        on_behalf_of: None,
        family_id,
        data,
        client_address: client_address.to_owned(),
    }
}

/// The files matching `query` that `principal` may see. The SQL only narrows the
/// candidates; `family_access` decides each one, as for opening a file.
pub async fn visible_families(
    state: &AppState,
    principal: &eenplan_store::Principal,
    query: &eenplan_store::FamilyQuery,
) -> Result<Vec<eenplan_store::FamilySummary>, StoreError> {
    let led_team = principal
        .roles
        .contains(&eenplan_domain::role::Role::TeamLead)
        .then_some(principal.team_id.as_deref())
        .flatten();
    let mut tx = state.store.read().await?;
    let mut visible = Vec::new();
    for candidate in tx
        .search_families(&principal.user_id, led_team, query)
        .await?
    {
        if let Some(facts) = tx.access_facts(&candidate.id).await?
            && matches!(decide(principal, &facts), FamilyAccess::Granted(_))
        {
            visible.push(candidate);
        }
    }
    Ok(visible)
}

/// The domain's access rule applied to the stored facts of one family.
fn decide(
    principal: &eenplan_store::Principal,
    facts: &[(
        String,
        eenplan_domain::family::InvolvementRole,
        Option<String>,
    )],
) -> FamilyAccess {
    let involved: Vec<Involved<'_>> = facts
        .iter()
        .map(|(user, role, team)| Involved {
            user_id: user,
            role: *role,
            team_id: team.as_deref(),
        })
        .collect();
    let viewer = Viewer {
        user_id: &principal.user_id,
        team_id: principal.team_id.as_deref(),
        roles: &principal.roles,
    };
    family_access(viewer, &involved)
}
