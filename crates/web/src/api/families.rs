//! `/api/v1/families`: the family file for programs, with the same rules and access
//! decisions as the pages (the router's family guard runs before every `{family}`
//! route). The plan uses ETag / If-Match: a stale version gets 412 with what changed.

// Helpers return the ready error response for an early `return`; it is built once per
// request, so its size does not matter.
#![allow(clippy::result_large_err)]

use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::extract::{Path, Query};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::family::{
    Agreement, AgreementError, DataCategory, Interaction, NoteChange, NoteError,
};
use eenplan_domain::family::{
    Expertise, InvolvementError, InvolvementRole, MemberError, MemberKind, NetworkRelation,
    NewMember, Placement, Plan, PlanError, Postcode,
};
use eenplan_domain::time::amsterdam_date;
use eenplan_store::NoteContent;
use eenplan_store::{
    Family, FamilyQuery, NewFamily, NewInvolvement, PlanSave, Principal, StoreError,
};
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::auth::Visitor;
use crate::auth::duplicates::Checked;
use crate::auth::family::{FamilyGrant, access_entry, visible_families};
use crate::client::Client;
use crate::{AppState, Problem};

/// What a store error becomes in the API when the handler has no better answer: an id
/// in the path that names nothing (or nothing in this file) is a 404, never a 500.
pub(super) fn internal(e: &StoreError) -> Response {
    if let StoreError::NotFound(_) = e {
        return Problem::new(StatusCode::NOT_FOUND, "not-found", "Niet gevonden").into_response();
    }
    if let Some(r) = crate::pages::errors::text_refused(e, true, &HeaderMap::new()) {
        return r;
    }
    tracing::error!(error = %e, "family API failed on the database");
    crate::pages::errors::internal(true, &HeaderMap::new())
}

pub(super) fn invalid(params: &[(&str, &str, &str)]) -> Response {
    params
        .iter()
        .fold(
            Problem::new(
                StatusCode::BAD_REQUEST,
                "invalid-params",
                "Ongeldige invoer",
            ),
            |p, (name, code, reason)| p.invalid_param(name, code, reason),
        )
        .into_response()
}

pub(super) fn body<T: serde::de::DeserializeOwned>(bytes: &Bytes) -> Result<T, Response> {
    serde_json::from_slice(bytes).map_err(|e| {
        Problem::new(StatusCode::BAD_REQUEST, "invalid-json", "Ongeldige JSON")
            .detail(format!(
                "De body is geen geldig JSON-object voor deze operatie: {e}"
            ))
            .into_response()
    })
}

pub(super) fn who(visitor: &Visitor) -> Result<&Principal, Response> {
    visitor
        .principal
        .as_ref()
        .ok_or_else(|| StatusCode::UNAUTHORIZED.into_response())
}

fn family_json(f: &Family) -> Value {
    json!({
        "id": f.id,
        "label": f.label,
        "address": { "street": f.street, "house_number": f.house_number, "postcode": f.postcode, "city": f.city, "area_id": f.area_id },
        "members": f.members.iter().map(|m| json!({
            "id": m.id, "kind": m.kind.code(), "name": m.name,
            "date_of_birth": m.date_of_birth.map(|d| d.to_string()), "has_custody": m.has_custody, "ended": m.ended,
        })).collect::<Vec<_>>(),
        "network": f.network.iter().map(|n| json!({
            "id": n.id, "name": n.name, "relation": n.relation.code(), "safety_role": n.safety_role, "contact": n.contact, "ended": n.ended,
        })).collect::<Vec<_>>(),
        "involvements": f.involvements.iter().map(|i| json!({
            "id": i.id, "role": i.role.code(), "organisation": { "id": i.organisation_id, "name": i.organisation_name },
            "person": { "id": i.user_id, "name": i.user_name, "email": i.user_email },
            "expertise": i.expertise.map(|e| e.code()), "started_at": i.started_at, "ended": i.ended,
        })).collect::<Vec<_>>(),
    })
}

#[derive(Debug, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    name: String,
    date_of_birth: Option<String>,
    postcode: Option<String>,
}

pub async fn search(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Query(q): Query<SearchParams>,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    // The search term is copied into the access log: short, one line, no control codes.
    if let Err(p) =
        eenplan_domain::text::check_text(eenplan_domain::text::TextKind::Search, &q.name)
    {
        return crate::input::problem("name", p);
    }
    let dob = match super::optional_date(q.date_of_birth.as_deref()) {
        Ok(d) => d,
        Err(_) => return invalid(&[("date_of_birth", "date", "Gebruik jjjj-mm-dd.")]),
    };
    if let Some(d) = dob
        && let Err(e) = eenplan_domain::text::check_date(
            eenplan_domain::text::DateKind::Birth,
            d,
            super::today(),
        )
    {
        return invalid(&[(
            "date_of_birth",
            "range",
            &format!("De datum moet liggen tussen {} en {}.", e.first, e.last),
        )]);
    }
    let postcode = match q
        .postcode
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(Postcode::parse)
        .transpose()
    {
        Ok(pc) => pc,
        Err(_) => {
            return invalid(&[(
                "postcode",
                "postcode",
                "Gebruik vier cijfers en twee letters, zoals 3581 AB.",
            )]);
        }
    };
    let query = FamilyQuery {
        name: q.name.clone(),
        date_of_birth: dob,
        postcode,
    };
    let found = async {
        let visible = visible_families(&state, p, &query).await?;
        let data = format!(
            "api search name={:?} birth={:?} postcode={:?} results={}",
            q.name,
            q.date_of_birth,
            q.postcode,
            visible.len()
        );
        state
            .store
            .log_access(access_entry(
                p,
                eenplan_domain::access_log::AccessEvent::Search,
                None,
                None,
                data,
                &client,
            ))
            .await?;
        Ok::<_, StoreError>(visible)
    };
    match found.await {
        Ok(list) => Json(json!({ "families": list.iter().map(|f| json!({
            "id": f.id, "label": f.label, "postcode": f.postcode, "house_number": f.house_number, "city": f.city,
        })).collect::<Vec<_>>() }))
        .into_response(),
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct ChildIn {
    name: String,
    date_of_birth: String,
}

#[derive(Debug, Deserialize)]
struct FamilyIn {
    #[serde(default)]
    label: String,
    #[serde(default)]
    street: String,
    #[serde(default)]
    house_number: String,
    #[serde(default)]
    postcode: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    children: Vec<ChildIn>,
    /// The neighbourhood or municipality (an area where the organisation works).
    area_id: Option<String>,
    /// Set after reviewing the possible duplicates a first attempt returned.
    #[serde(default)]
    confirm_not_duplicate: bool,
}

pub async fn create(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: FamilyIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let mut errs: Vec<(&str, &str, &str)> = Vec::new();
    for (name, value) in [
        ("label", &input.label),
        ("street", &input.street),
        ("house_number", &input.house_number),
        ("city", &input.city),
    ] {
        if value.trim().is_empty() {
            errs.push((name, "required", "Vul dit veld in."));
        }
    }
    let postcode = Postcode::parse(&input.postcode)
        .map_err(|_| {
            errs.push((
                "postcode",
                "postcode",
                "Gebruik vier cijfers en twee letters, zoals 3581 AB.",
            ))
        })
        .ok();
    let today = amsterdam_date(UtcTime::now());
    let mut children = Vec::new();
    for c in &input.children {
        match c.date_of_birth.parse::<Date>() {
            Ok(d) => children.push((c.name.trim().to_owned(), d)),
            Err(_) => errs.push((
                "children",
                "date",
                "Elk kind heeft een geboortedatum als jjjj-mm-dd.",
            )),
        }
    }
    let area_id = input.area_id.clone().filter(|a| !a.is_empty());
    let Some(postcode) = postcode.filter(|_| errs.is_empty()) else {
        return invalid(&errs);
    };
    if !input.confirm_not_duplicate {
        let checked = crate::auth::duplicates::check(
            &state,
            p,
            &children,
            (&postcode, &input.house_number),
            ("POST /api/v1/families", &client),
        );
        match checked.await {
            Ok(Checked::Answer(d)) if !d.is_empty() => {
                // In the circle: the file as today. Outside it: only whom to call.
                let listed: Vec<Value> = d
                    .in_circle
                    .iter()
                    .map(|f| json!({ "id": f.id, "label": f.label, "postcode": f.postcode, "house_number": f.house_number, "city": f.city }))
                    .chain(d.outside.iter().map(|o| {
                        json!({ "led_by": { "organisation": o.name, "phone": o.phone } })
                    }))
                    .collect();
                return Problem::new(StatusCode::CONFLICT, "possible-duplicate", "Mogelijk bestaat er al een dossier")
                    .detail("Eén gezin, één dossier: er bestaat mogelijk al een dossier over dit kind of op dit adres. Neem contact op met de organisatie die de regie heeft; is het een ander gezin, stuur dan confirm_not_duplicate: true mee.")
                    .with(json!({ "duplicates": listed }));
            }
            Ok(Checked::Answer(_)) => {}
            Ok(Checked::RateLimited(wait)) => {
                let mut r = Problem::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too-many-duplicate-checks",
                    "Te veel dossiercontroles",
                )
                .detail("Je vond het afgelopen uur te vaak dossiers van andere organisaties. Probeer het later opnieuw.")
                .into_response();
                if let Ok(v) =
                    HeaderValue::from_str(&crate::auth::duplicates::retry_after_seconds(wait))
                {
                    r.headers_mut().insert(header::RETRY_AFTER, v);
                }
                return r;
            }
            Err(e) => return internal(&e),
        }
    }
    let opened = async {
        let mut tx = state.store.write().await?;
        let id = tx
            .open_family(
                &p.actor(),
                NewFamily {
                    label: input.label.clone(),
                    street: input.street.clone(),
                    house_number: input.house_number.clone(),
                    postcode,
                    city: input.city.clone(),
                    area_id: area_id.clone(),
                },
                &p.user_id,
                &p.organisation_id,
            )
            .await?;
        for (name, dob) in &children {
            tx.add_member(
                &p.actor(),
                &id,
                NewMember {
                    kind: MemberKind::Child,
                    name: name.clone(),
                    date_of_birth: Some(*dob),
                    has_custody: false,
                },
                today,
            )
            .await?;
        }
        tx.log_access(&access_entry(
            p,
            eenplan_domain::access_log::AccessEvent::Create,
            None,
            Some(id.clone()),
            "api family file opened".into(),
            &client,
        ))
        .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(id)
    };
    match opened.await {
        Ok(id) => (StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/families/{id}"))], Json(json!({ "id": id }))).into_response(),
        // A child's details broke a member rule: nothing was opened (one transaction).
        Err(StoreError::Member(e)) => invalid(&[("children", "rule", &e.to_string())]),
        // The store refuses an area the organisation does not work in (the domain's rule).
        Err(StoreError::AreaOutside(_)) => invalid(&[(
            "area_id",
            "outside",
            "Kies een wijk of gemeente waar jouw organisatie werkt.",
        )]),
        Err(StoreError::Involvement(InvolvementError::RegisseurMustBeLocalTeam)) => Problem::new(StatusCode::FORBIDDEN, "not-a-local-team", "Alleen een lokaal team opent een dossier")
            .detail("De professional die een dossier opent wordt de regisseur; dat is altijd iemand van een lokaal team.")
            .into_response(),
        Err(e) => internal(&e),
    }
}

pub async fn read(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    match async { state.store.read().await?.family(&grant.family_id).await }.await {
        Ok(Some(f)) => {
            let mut body = family_json(&f);
            if !grant.sees(DataCategory::Network) {
                body["network"] = json!([]);
            }
            Json(body).into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct MemberIn {
    kind: String,
    #[serde(default)]
    name: String,
    date_of_birth: Option<String>,
    #[serde(default)]
    has_custody: bool,
}

pub async fn add_member(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: MemberIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Ok(kind) = input.kind.parse::<MemberKind>() else {
        return invalid(&[("kind", "enum", "Gebruik child, parent of household.")]);
    };
    let dob = match super::optional_date(input.date_of_birth.as_deref()) {
        Ok(d) => d,
        Err(_) => return invalid(&[("date_of_birth", "date", "Gebruik jjjj-mm-dd.")]),
    };
    let added = async {
        let mut tx = state.store.write().await?;
        let id = tx
            .add_member(
                &p.actor(),
                &grant.family_id,
                NewMember {
                    kind,
                    name: input.name.clone(),
                    date_of_birth: dob,
                    has_custody: input.has_custody,
                },
                amsterdam_date(UtcTime::now()),
            )
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(id)
    };
    match added.await {
        Ok(id) => (StatusCode::CREATED, Json(json!({ "id": id }))).into_response(),
        Err(StoreError::Member(e)) => {
            let field = match e {
                MemberError::NameText(p) => return crate::input::problem("name", p),
                MemberError::Name => "name",
                MemberError::CustodyNotParent => "has_custody",
                _ => "date_of_birth",
            };
            invalid(&[(field, "rule", &e.to_string())])
        }
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct NetworkIn {
    #[serde(default)]
    name: String,
    relation: String,
    #[serde(default)]
    safety_role: String,
    #[serde(default)]
    contact: String,
}

impl NetworkIn {
    fn details(&self, relation: NetworkRelation) -> eenplan_store::NetworkDetails {
        eenplan_store::NetworkDetails {
            name: self.name.clone(),
            relation,
            safety_role: self.safety_role.clone(),
            contact: self.contact.clone(),
        }
    }

    /// The relation, or the problem naming what to send.
    fn relation(&self) -> Result<NetworkRelation, Response> {
        let relation = self.relation.parse::<NetworkRelation>().map_err(|_| {
            invalid(&[(
                "relation",
                "enum",
                "Gebruik family, friend, neighbour of other.",
            )])
        })?;
        if self.name.trim().is_empty() {
            return Err(invalid(&[("name", "required", "Vul een naam in.")]));
        }
        Ok(relation)
    }
}

pub async fn add_network(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: NetworkIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let relation = match input.relation() {
        Ok(r) => r,
        Err(r) => return r,
    };
    let added = async {
        let mut tx = state.store.write().await?;
        let id = tx
            .add_network_member(&p.actor(), &grant.family_id, &input.details(relation))
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(id)
    };
    match added.await {
        Ok(id) => (StatusCode::CREATED, Json(json!({ "id": id }))).into_response(),
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct InvolvementIn {
    user_id: String,
    role: String,
    expertise: Option<String>,
    takes_over: Option<String>,
    reason: Option<String>,
}

pub async fn add_involvement(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: InvolvementIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Ok(role) = input.role.parse::<InvolvementRole>() else {
        return invalid(&[("role", "enum", "Gebruik regisseur of partner.")]);
    };
    let expertise = match input
        .expertise
        .as_deref()
        .map(str::parse::<Expertise>)
        .transpose()
    {
        Ok(e) => e,
        Err(_) => return invalid(&[("expertise", "enum", "Onbekend expertisegebied.")]),
    };
    let person = match async { state.store.read().await?.principal(&input.user_id).await }.await {
        Ok(Some(u)) if u.active => u,
        Ok(_) => {
            return invalid(&[(
                "user_id",
                "unknown",
                "Geen actieve professional met dit id.",
            )]);
        }
        Err(e) => return internal(&e),
    };
    let new = NewInvolvement {
        role,
        organisation_id: person.organisation_id,
        user_id: person.user_id,
        expertise,
        takes_over: input.takes_over,
        reason: input.reason,
    };
    let added = async {
        let mut tx = state.store.write().await?;
        let out = tx
            .add_involvement(&p.actor(), &grant.family_id, new)
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(out)
    };
    match added.await {
        Ok((id, placement)) => (StatusCode::CREATED, Json(json!({ "id": id, "handover": matches!(placement, Placement::Handover { .. }) }))).into_response(),
        Err(StoreError::ConsentNeeded(step)) => Problem::new(StatusCode::FORBIDDEN, "consent-needed", "Toestemming nodig")
            .detail(format!("Het gezin heeft nog geen toestemming gegeven voor deze organisatie: leg eerst de stap '{}' vast.", step.label_nl()))
            .with(json!({ "consentStep": step.code() })),
        Err(StoreError::Involvement(InvolvementError::RegisseurExists)) => Problem::new(StatusCode::CONFLICT, "handover-required", "Er is al een regisseur")
            .detail("Een andere regisseur is een overdracht, die de werkwijze vermijdt. Wil je toch overdragen: stuur takes_over (het id van de huidige regisseur) en een reason mee.")
            .into_response(),
        Err(StoreError::Involvement(e @ InvolvementError::HandoverNeedsReason)) => invalid(&[("reason", "required", &e.to_string())]),
        Err(StoreError::Involvement(e @ InvolvementError::NotACareRole)) => invalid(&[("user_id", "not-a-care-role", &e.to_string())]),
        Err(StoreError::Involvement(e)) => invalid(&[("takes_over", "rule", &e.to_string())]),
        Err(e) => internal(&e),
    }
}

fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"v{version}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("\"v0\""))
}

/// What `If-Match` asks for: absent, unreadable, a weak tag, or the version of a
/// strong `"vN"`.
enum IfMatch {
    Absent,
    Malformed,
    /// RFC 9110 13.1.1: If-Match compares strongly, and a weak tag never matches.
    Weak,
    Version(i64),
}

fn if_match(headers: &HeaderMap) -> IfMatch {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return IfMatch::Absent;
    };
    let Ok(raw) = value.to_str() else {
        return IfMatch::Malformed;
    };
    let raw = raw.trim();
    if raw.starts_with("W/") {
        return IfMatch::Weak;
    }
    raw.strip_prefix("\"v")
        .and_then(|r| r.strip_suffix('"'))
        .and_then(|v| v.parse().ok())
        .map_or(IfMatch::Malformed, IfMatch::Version)
}

pub async fn plan(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    match async {
        state
            .store
            .read()
            .await?
            .current_plan(&grant.family_id)
            .await
    }
    .await
    {
        Ok((version, plan)) => {
            let mut r = Json(json!({ "version": version, "plan": plan })).into_response();
            r.headers_mut().insert(header::ETAG, etag(version));
            r
        }
        Err(e) => internal(&e),
    }
}

pub async fn put_plan(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let based_on = match if_match(&headers) {
        IfMatch::Absent => {
            return Problem::new(StatusCode::PRECONDITION_REQUIRED, "if-match-required", "If-Match ontbreekt")
                .detail("Stuur de ETag van het plan dat je bewerkte mee als If-Match, zodat niemands wijziging verloren gaat.")
                .into_response();
        }
        IfMatch::Malformed => {
            return invalid(&[(
                "If-Match",
                "etag",
                "Gebruik de ETag uit GET .../plan, bijvoorbeeld \"v3\".",
            )]);
        }
        IfMatch::Weak => {
            return Problem::new(StatusCode::PRECONDITION_FAILED, "weak-etag", "Zwakke ETag")
                .detail("If-Match vergelijkt sterk: een zwakke ETag (W/...) past nooit. Stuur de ETag uit GET .../plan zoals die is, bijvoorbeeld \"v3\".")
                .invalid_param("If-Match", "weak-etag", "Gebruik de sterke ETag, zonder W/.")
                .into_response();
        }
        IfMatch::Version(v) => v,
    };
    let plan: Plan = match body(&bytes) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let saved = async {
        let mut tx = state.store.write().await?;
        let out = tx
            .save_plan(&p.actor(), &p.user_id, &grant.family_id, based_on, &plan)
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(out)
    };
    match saved.await {
        Ok(PlanSave::Saved { version }) => {
            let mut r = Json(json!({ "version": version })).into_response();
            r.headers_mut().insert(header::ETAG, etag(version));
            r
        }
        Ok(PlanSave::Conflict { current, changes }) => {
            let mut r = Problem::new(StatusCode::PRECONDITION_FAILED, "stale-plan", "Het plan is intussen gewijzigd")
                .detail(format!("Je bewerkte versie {based_on}; de huidige is versie {current}. Bekijk de wijzigingen en sla opnieuw op met If-Match \"v{current}\"."))
                .with(json!({ "current_version": current, "changes": changes }));
            r.headers_mut().insert(header::ETAG, etag(current));
            r
        }
        Err(StoreError::Plan(e)) => {
            // The field as the request body names it, so a client can point at it.
            let field = match &e {
                PlanError::ReviewDateImplausible(_) => "review_date".to_owned(),
                PlanError::DueDateImplausible { domain, index, .. } => {
                    let at = plan.domains.iter().position(|d| d.domain == *domain);
                    format!("domains[{}].actions[{index}].due", at.unwrap_or(0))
                }
                PlanError::ScaleOutOfRange { index, .. } => format!("scales[{index}].score"),
                _ => "plan".to_owned(),
            };
            invalid(&[(&field, "rule", &e.to_string())])
        }
        Err(e) => internal(&e),
    }
}

pub async fn plan_version(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, version)): Path<(String, i64)>,
) -> Response {
    match async {
        state
            .store
            .read()
            .await?
            .plan_version(&grant.family_id, version)
            .await
    }
    .await
    {
        Ok(Some(plan)) => Json(json!({ "version": version, "plan": plan })).into_response(),
        Ok(None) => Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Deze versie bestaat niet",
        )
        .into_response(),
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct AgreementIn {
    version: i64,
    #[serde(default)]
    member_ids: Vec<String>,
    /// Under a court order: the family's view, recorded instead of an agreement.
    #[serde(default)]
    view: String,
}

/// A refused agreement: the field to fix, and who may not agree or is missing.
fn agreement_problem(e: &AgreementError) -> Response {
    let field = match e {
        AgreementError::NotAMember(_)
        | AgreementError::NoChild
        | AgreementError::NoCustodian { .. }
        | AgreementError::Incomplete { .. } => "member_ids",
        AgreementError::ViewNeeded
        | AgreementError::ViewOnlyUnderCourtOrder
        | AgreementError::ViewTooLong => "view",
    };
    let problem = Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid-agreement",
        "Instemming met het plan niet vastgelegd",
    )
    .detail(e.to_string())
    .invalid_param(field, "rule", &e.to_string());
    match e {
        AgreementError::Incomplete {
            not_entitled,
            missing,
        } => problem.with(json!({
            "notEntitled": not_entitled.iter().map(|n| json!({ "member_id": n.member_id, "name": n.name })).collect::<Vec<_>>(),
            "missing": missing.iter().map(|m| json!({ "member_id": m.member_id, "name": m.name })).collect::<Vec<_>>(),
        })),
        _ => problem.into_response(),
    }
}

pub async fn agree(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: AgreementIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let agreed = async {
        let mut tx = state.store.write().await?;
        let recorded = tx
            .record_plan_agreement(
                &p.actor(),
                &p.user_id,
                &grant.family_id,
                input.version,
                &input.member_ids,
                &input.view,
            )
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(recorded)
    };
    match agreed.await {
        Ok(recorded) => (
            StatusCode::CREATED,
            Json(json!({ "recorded": match recorded {
                Agreement::Agreed { .. } => "agreement",
                Agreement::FamilyView => "family_view",
            } })),
        )
            .into_response(),
        Err(StoreError::Agreement(e)) => agreement_problem(&e),
        Err(StoreError::Duplicate(m)) => invalid(&[("member_ids", "rule", &m)]),
        Err(StoreError::NotFound(_)) => invalid(&[(
            "version",
            "unknown",
            "Deze versie van het plan bestaat niet.",
        )]),
        Err(e) => internal(&e),
    }
}

pub async fn timeline(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    match async { state.store.read().await?.timeline(&grant.family_id).await }.await {
        Ok(entries) => Json(
            json!({ "events": entries.iter().filter(|e| grant.sees_event(&e.kind)).map(|e| json!({
            "seq": e.seq, "at": e.recorded_at, "kind": e.kind, "actor": e.actor,
            "payload": eenplan_domain::journal::deep::event_data(&e.payload),
        })).collect::<Vec<_>>() }),
        )
        .into_response(),
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct NoteIn {
    interaction: String,
    happened_on: String,
    #[serde(default)]
    text: String,
    reason: Option<String>,
}

fn note_content(input: &NoteIn) -> Result<NoteContent, Response> {
    let Ok(interaction) = input.interaction.parse::<Interaction>() else {
        return Err(invalid(&[(
            "interaction",
            "enum",
            "Gebruik home_visit, office, phone, consultation of other.",
        )]));
    };
    let Ok(happened_on) = input.happened_on.parse::<Date>() else {
        return Err(invalid(&[("happened_on", "date", "Gebruik jjjj-mm-dd.")]));
    };
    Ok(NoteContent {
        interaction,
        happened_on,
        text: input.text.clone(),
    })
}

/// A note rule as a field error.
fn note_invalid(e: NoteError) -> Response {
    let field = match e {
        NoteError::Text(p) => return crate::input::problem("text", p),
        NoteError::InFuture | NoteError::TooOld => "happened_on",
        NoteError::CorrectionNeedsReason => "reason",
        NoteError::Empty | NoteError::NotAuthor => "text",
    };
    invalid(&[(field, "rule", &e.to_string())])
}

pub async fn notes(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    match async { state.store.read().await?.notes(&grant.family_id).await }.await {
        Ok(notes) => Json(json!({ "notes": notes.iter().map(|n| json!({
            "id": n.id, "author": { "id": n.author_id, "name": n.author_name }, "created_at": n.created_at,
            "versions": n.versions.iter().map(|v| json!({
                "version": v.version, "interaction": v.interaction.code(), "happened_on": v.happened_on.to_string(),
                "text": v.text, "correction": v.correction, "reason": v.reason, "saved_at": v.saved_at,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>() }))
        .into_response(),
        Err(e) => internal(&e),
    }
}

pub async fn write_note(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: NoteIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let content = match note_content(&input) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let written = async {
        let mut tx = state.store.write().await?;
        let id = tx
            .write_note(&p.actor(), &grant.family_id, &p.user_id, content)
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(id)
    };
    match written.await {
        Ok(id) => (StatusCode::CREATED, Json(json!({ "id": id }))).into_response(),
        Err(StoreError::Note(e)) => note_invalid(e),
        Err(e) => internal(&e),
    }
}

pub async fn change_note(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, note_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: NoteIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let content = match note_content(&input) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let changed = async {
        let mut tx = state.store.write().await?;
        let out = tx
            .change_note(
                &p.actor(),
                &grant.family_id,
                &note_id,
                &p.user_id,
                content,
                input.reason.as_deref(),
            )
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(out)
    };
    match changed.await {
        Ok((version, change)) => {
            Json(json!({ "version": version, "correction": change == NoteChange::Correction }))
                .into_response()
        }
        Err(StoreError::Note(NoteError::NotAuthor)) => Problem::new(
            StatusCode::FORBIDDEN,
            "not-author",
            "Alleen de auteur kan een notitie wijzigen",
        )
        .into_response(),
        Err(StoreError::Note(e)) => note_invalid(e),
        Err(StoreError::NotFound(_)) => Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Deze notitie bestaat niet",
        )
        .into_response(),
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct EndIn {
    #[serde(default)]
    reason: String,
}

/// Which part of the family's circle an end request is about.
#[derive(Debug, Clone, Copy)]
enum Part {
    Member,
    Network,
    Involvement,
}

async fn end_part(
    state: &AppState,
    visitor: &Visitor,
    family_id: &str,
    part: Part,
    id: &str,
    bytes: &Bytes,
) -> Response {
    let p = match who(visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: EndIn = match body(bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    if input.reason.trim().is_empty() {
        return invalid(&[("reason", "required", "Geef de reden.")]);
    }
    let ended = async {
        let mut tx = state.store.write().await?;
        match part {
            Part::Member => {
                tx.end_member(&p.actor(), family_id, id, &input.reason)
                    .await?
            }
            Part::Network => {
                tx.end_network_member(&p.actor(), family_id, id, &input.reason)
                    .await?
            }
            Part::Involvement => {
                tx.end_involvement(&p.actor(), family_id, id, &input.reason)
                    .await?
            }
        }
        tx.commit().await
    };
    match ended.await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(StoreError::Involvement(InvolvementError::RegisseurCannotLeave)) => Problem::new(StatusCode::CONFLICT, "handover-required", "De regisseur beëindig je niet")
            .detail("Een andere lokale professional neemt over: POST .../involvements met takes_over en reason.")
            .into_response(),
        Err(StoreError::NotFound(_) | StoreError::Involvement(_)) => Problem::new(StatusCode::NOT_FOUND, "not-found", "Niet gevonden in dit dossier").into_response(),
        Err(e) => internal(&e),
    }
}

pub async fn end_member(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, id)): Path<(String, String)>,
    bytes: Bytes,
) -> Response {
    end_part(
        &state,
        &visitor,
        &grant.family_id,
        Part::Member,
        &id,
        &bytes,
    )
    .await
}

pub async fn end_network(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, id)): Path<(String, String)>,
    bytes: Bytes,
) -> Response {
    end_part(
        &state,
        &visitor,
        &grant.family_id,
        Part::Network,
        &id,
        &bytes,
    )
    .await
}

pub async fn end_involvement(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, id)): Path<(String, String)>,
    bytes: Bytes,
) -> Response {
    end_part(
        &state,
        &visitor,
        &grant.family_id,
        Part::Involvement,
        &id,
        &bytes,
    )
    .await
}

#[derive(Debug, Deserialize)]
struct CorrectionIn {
    #[serde(flatten)]
    member: MemberIn,
    #[serde(default)]
    reason: String,
}

pub async fn correct_member(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, member_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: CorrectionIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Ok(kind) = input.member.kind.parse::<MemberKind>() else {
        return invalid(&[("kind", "enum", "Gebruik child, parent of household.")]);
    };
    let dob = match super::optional_date(input.member.date_of_birth.as_deref()) {
        Ok(d) => d,
        Err(_) => return invalid(&[("date_of_birth", "date", "Gebruik jjjj-mm-dd.")]),
    };
    if input.reason.trim().is_empty() {
        return invalid(&[("reason", "required", "Geef de reden van de correctie.")]);
    }
    let member = NewMember {
        kind,
        name: input.member.name.clone(),
        date_of_birth: dob,
        has_custody: input.member.has_custody,
    };
    let corrected = async {
        let mut tx = state.store.write().await?;
        tx.correct_member(
            &p.actor(),
            &grant.family_id,
            &member_id,
            member,
            &input.reason,
            amsterdam_date(UtcTime::now()),
        )
        .await?;
        tx.commit().await
    };
    match corrected.await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(StoreError::Member(e)) => invalid(&[("member", "rule", &e.to_string())]),
        Err(StoreError::NotFound(_)) => Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Geen huidig gezinslid met dit id",
        )
        .into_response(),
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct NetworkCorrectionIn {
    #[serde(flatten)]
    details: NetworkIn,
    #[serde(default)]
    reason: String,
}

pub async fn correct_network(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, network_member)): Path<(String, String)>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: NetworkCorrectionIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let relation = match input.details.relation() {
        Ok(r) => r,
        Err(r) => return r,
    };
    if input.reason.trim().is_empty() {
        return invalid(&[("reason", "required", "Geef de reden van de correctie.")]);
    }
    let corrected = async {
        let mut tx = state.store.write().await?;
        tx.correct_network_member(
            &p.actor(),
            &grant.family_id,
            &network_member,
            &input.details.details(relation),
            &input.reason,
        )
        .await?;
        tx.commit().await
    };
    match corrected.await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(StoreError::NotFound(_)) => Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Geen huidig netwerklid met dit id",
        )
        .into_response(),
        Err(e) => internal(&e),
    }
}
