//! Consents, the framework and break the glass in the API: the same domain rules and
//! refusals as the pages, as problem+json.

use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::family::{
    ConsentError, ConsentForm, ConsentStep, DataCategory, EmergencyError, Framework,
};
use eenplan_store::{ConsentInput, FrameworkInput, StoreError};
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::json;

use super::families::{body, internal, invalid, who};
use crate::auth::Visitor;
use crate::auth::family::FamilyGrant;
use crate::client::Client;
use crate::{AppState, Problem};

use super::today;

pub async fn list(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    let loaded = async {
        let mut tx = state.store.read().await?;
        let family = tx.family(&grant.family_id).await?;
        let consents = tx.consents(&grant.family_id).await?;
        Ok::<_, StoreError>((family, consents))
    };
    let (Some(family), consents) = (match loaded.await {
        Ok(x) => x,
        Err(e) => return internal(&e),
    }) else {
        return internal(&StoreError::NotFound("family".into()));
    };
    let today = today();
    let people = |p: &[(String, String)]| {
        p.iter()
            .map(|(id, name)| json!({ "id": id, "name": name }))
            .collect::<Vec<_>>()
    };
    Json(json!({
        "framework": family.framework.code(),
        "framework_organisation_id": family.framework_organisation_id,
        "consents": consents.iter().map(|c| json!({
            "id": c.id, "step": c.step.code(), "organisation_id": c.organisation_id,
            "purpose": c.purpose, "categories": c.categories.iter().map(|k| k.code()).collect::<Vec<_>>(),
            "children": people(&c.children), "given_by": people(&c.given_by), "form": c.form.code(),
            "given_on": c.given_on.to_string(), "ends_on": c.ends_on.map(|d| d.to_string()),
            "in_force": c.facts().in_force(today), "withdrawn_at": c.withdrawn_at, "withdrawal_reason": c.withdrawal_reason,
        })).collect::<Vec<_>>(),
    }))
    .into_response()
}

#[derive(Debug, Deserialize)]
struct ConsentIn {
    step: String,
    organisation_id: Option<String>,
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    children: Vec<String>,
    #[serde(default)]
    given_by: Vec<String>,
    form: String,
    given_on: String,
    ends_on: Option<String>,
}

fn consent_problem(e: &ConsentError) -> Response {
    let field = match e {
        ConsentError::OrganisationNeeded | ConsentError::NoOrganisationForStep => "organisation_id",
        ConsentError::PurposeNeeded => "purpose",
        ConsentError::CategoriesNeeded => "categories",
        ConsentError::NoChild | ConsentError::NotAChild(_) => "children",
        ConsentError::NotAMember(_)
        | ConsentError::NoCustodian { .. }
        | ConsentError::Missing(_) => "given_by",
        ConsentError::InFuture
        | ConsentError::BeforeBirth { .. }
        | ConsentError::GivenOnImplausible(_) => "given_on",
        ConsentError::EndsBeforeGiven | ConsentError::EndsOnImplausible(_) => "ends_on",
    };
    let problem = Problem::new(
        StatusCode::BAD_REQUEST,
        "invalid-consent",
        "Toestemming niet vastgelegd",
    )
    .detail(e.to_string())
    .invalid_param(field, "rule", &e.to_string());
    match e {
        ConsentError::Missing(missing) => problem.with(json!({
            "missing": missing.iter().map(|m| json!({ "member_id": m.member_id, "name": m.name })).collect::<Vec<_>>(),
        })),
        _ => problem.into_response(),
    }
}

pub async fn record(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: ConsentIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Ok(step) = input.step.parse::<ConsentStep>() else {
        return invalid(&[(
            "step",
            "enum",
            "Gebruik een van de stappen uit het OpenAPI-document.",
        )]);
    };
    let Ok(form) = input.form.parse::<ConsentForm>() else {
        return invalid(&[("form", "enum", "Gebruik spoken of written.")]);
    };
    let Ok(categories) = input
        .categories
        .iter()
        .map(|c| c.parse::<DataCategory>())
        .collect::<Result<Vec<_>, _>>()
    else {
        return invalid(&[(
            "categories",
            "enum",
            "Gebruik identity, network, plan of notes.",
        )]);
    };
    let Ok(given_on) = input.given_on.parse::<Date>() else {
        return invalid(&[("given_on", "date", "Gebruik jjjj-mm-dd.")]);
    };
    let ends_on = match super::optional_date(input.ends_on.as_deref()) {
        Ok(d) => d,
        Err(_) => return invalid(&[("ends_on", "date", "Gebruik jjjj-mm-dd.")]),
    };
    let consent = ConsentInput {
        step,
        organisation_id: input.organisation_id.filter(|o| !o.is_empty()),
        purpose: input.purpose,
        categories,
        children: input.children,
        given_by: input.given_by,
        form,
        given_on,
        ends_on,
    };
    let recorded = async {
        let mut tx = state.store.write().await?;
        let id = tx
            .record_consent(&p.actor(), &grant.family_id, &p.user_id, &consent, today())
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(id)
    };
    match recorded.await {
        Ok(id) => (StatusCode::CREATED, Json(json!({ "id": id }))).into_response(),
        Err(StoreError::Consent(e)) => consent_problem(&e),
        Err(StoreError::NotFound(_)) => {
            invalid(&[("organisation_id", "unknown", "Onbekende organisatie.")])
        }
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct ReasonIn {
    #[serde(default)]
    reason: String,
}

pub async fn withdraw(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, consent_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: ReasonIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    if input.reason.trim().is_empty() {
        return invalid(&[(
            "reason",
            "required",
            "Zeg hoe de intrekking ging (wie zei wat).",
        )]);
    }
    let withdrawn = async {
        let mut tx = state.store.write().await?;
        tx.withdraw_consent(
            &p.actor(),
            &grant.family_id,
            &consent_id,
            &p.user_id,
            &input.reason,
        )
        .await?;
        tx.commit().await
    };
    match withdrawn.await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(StoreError::NotFound(_)) => Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Geen geldige toestemming met dit id",
        )
        .into_response(),
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct FrameworkIn {
    framework: String,
    organisation_id: Option<String>,
    #[serde(default)]
    ground: String,
    effective_on: String,
}

pub async fn framework(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: FrameworkIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Ok(framework) = input.framework.parse::<Framework>() else {
        return invalid(&[(
            "framework",
            "enum",
            "Gebruik voluntary, veilig_thuis of court_order.",
        )]);
    };
    let Ok(effective_on) = input.effective_on.parse::<Date>() else {
        return invalid(&[("effective_on", "date", "Gebruik jjjj-mm-dd.")]);
    };
    let changed = async {
        let mut tx = state.store.write().await?;
        tx.change_framework(
            &p.actor(),
            &grant.family_id,
            &FrameworkInput {
                framework,
                organisation_id: input.organisation_id.clone().filter(|o| !o.is_empty()),
                ground: input.ground.clone(),
                effective_on,
            },
            today(),
        )
        .await?;
        tx.commit().await
    };
    match changed.await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(StoreError::Framework(e)) => {
            let field = match e {
                eenplan_domain::family::FrameworkError::GroundNeeded => "ground",
                eenplan_domain::family::FrameworkError::InFuture
                | eenplan_domain::family::FrameworkError::Implausible(_) => "effective_on",
                eenplan_domain::family::FrameworkError::Unchanged => "framework",
                _ => "organisation_id",
            };
            invalid(&[(field, "rule", &e.to_string())])
        }
        Err(StoreError::NotFound(_)) => {
            invalid(&[("organisation_id", "unknown", "Onbekende organisatie.")])
        }
        Err(e) => internal(&e),
    }
}

/// Break the glass by file id. Not behind the family guard: a care role stating an
/// emergency may open any existing file for an hour; every attempt, refused or not, is
/// logged, and the granted ones are reviewed.
pub async fn break_glass(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(family_id): Path<String>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: ReasonIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let now = UtcTime::now();
    // Every ask that opens nothing is logged as refused, against the id asked for, with
    // never the reason text.
    let refuse = async |why: &str| {
        let mut entry = crate::auth::family::access_entry(
            p,
            eenplan_domain::access_log::AccessEvent::Emergency,
            None,
            Some(family_id.clone()),
            format!("POST /api/v1/families/{{family}}/break-glass refused ({why})"),
            &client,
        );
        entry.granted = false;
        state.store.log_access(entry).await
    };
    // The care role and the reason first, whether or not the file exists: only a care
    // role stating an emergency learns that much, and that is logged and reviewed.
    if let Err(e) = eenplan_domain::family::check_emergency_request(
        &p.roles,
        p.organisation_kind,
        &input.reason,
    ) {
        let why = match e {
            EmergencyError::NotACareRole => "not a care role",
            _ => "reason too short",
        };
        if let Err(err) = refuse(why).await {
            return internal(&err);
        }
        return emergency_problem(e);
    }
    let opened = async {
        let mut tx = state.store.write().await?;
        let until = crate::auth::family::break_glass(
            &mut tx,
            p,
            &family_id,
            &input.reason,
            ("POST /api/v1/families/{family}/break-glass", &client),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(until)
    };
    match opened.await {
        Ok(Some(until)) => (
            StatusCode::CREATED,
            Json(json!({ "expires_at": until.to_rfc3339() })),
        )
            .into_response(),
        Ok(None) => match refuse("no such file").await {
            Ok(()) => {
                Problem::new(StatusCode::NOT_FOUND, "not-found", "Niet gevonden").into_response()
            }
            Err(e) => internal(&e),
        },
        Err(StoreError::Emergency(e)) => emergency_problem(e),
        Err(e) => internal(&e),
    }
}

fn emergency_problem(e: EmergencyError) -> Response {
    match e {
        EmergencyError::ReasonNeeded => invalid(&[(
            "reason",
            "too-short",
            "Beschrijf de noodsituatie in minstens 15 tekens: wat er gebeurt en waarom je het dossier nu nodig hebt.",
        )]),
        EmergencyError::NotACareRole => Problem::new(
            StatusCode::FORBIDDEN,
            "not-a-care-role",
            "Noodtoegang is alleen voor een zorgrol",
        )
        .detail("Noodtoegang is alleen voor professionals en gedragswetenschappers bij een lokaal team, Veilig Thuis, een gecertificeerde instelling, de Raad of een zorgaanbieder. Je poging is vastgelegd.")
        .into_response(),
        EmergencyError::AlreadyHasAccess => Problem::new(
            StatusCode::CONFLICT,
            "already-has-access",
            "Je hebt al toegang tot dit dossier",
        )
        .into_response(),
    }
}

pub async fn anonymous(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    let summary = match state.store.read().await {
        Ok(mut tx) => tx.anonymous_summary(&grant.family_id, today()).await,
        Err(e) => Err(e),
    };
    match summary {
        Ok(Some(s)) => Json(json!({
            "children_ages": s.children_ages,
            "parents": s.parents,
            "parents_with_custody": s.parents_with_custody,
            "other_household_members": s.other_household_members,
            "framework": s.framework.code(),
            "safety_scales": s.safety_scales,
            "life_domains": s.life_domains.iter().map(|d| d.code()).collect::<Vec<_>>(),
            "involved": s.involved.iter().map(|(k, n)| json!({ "kind": k.code(), "count": n })).collect::<Vec<_>>(),
            "worries": s.worries,
            "danger_statements": s.danger_statements,
        }))
        .into_response(),
        Ok(None) => Problem::new(StatusCode::NOT_FOUND, "not-found", "Niet gevonden").into_response(),
        Err(e) => internal(&e),
    }
}
