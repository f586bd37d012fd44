//! SAVE op locatie in the API: the on-site schedule (a certified institution's team
//! leads manage it), bookings and walk-ins, the worker's day list, the advice and
//! cancelling. The rules are `domain::save_on_site`; a consultation by name also needs
//! the asking professional to have the family in their circle (the family guard's
//! rule), and every touch of a named family is in the access log.

// Helpers return the ready error response for an early `return`.
#![allow(clippy::result_large_err)]

use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::calendar::Calendar;
use eenplan_domain::family::{Basis, DataCategory, Need};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::save_on_site::{
    self, ConsultationResult, NextStep, OnSiteDay, OnSiteError, PartOfDay, next_on_site_days,
};
use eenplan_store::{
    AccessEntry, AdviceInput, Ask, NewSlot, OnSiteConsultation, OnSiteSlot, Principal, StoreError,
    Tx,
};
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::{Value, json};

use super::families::{body, internal, invalid, who};
use super::today;
use crate::auth::Visitor;
use crate::auth::family::{access_entry, decide};
use crate::client::Client;
use crate::{AppState, Problem};

/// How many coming on-site days a slot lists.
pub(crate) const COMING_DAYS: usize = 4;

fn slot_json(s: &OnSiteSlot, today: Date) -> Value {
    json!({
        "id": s.id,
        "organisation": { "id": s.slot.organisation_id, "name": s.organisation_name },
        "worker": { "id": s.slot.worker_id, "name": s.worker_name },
        "team": { "id": s.slot.team_id, "name": s.team_name, "organisation": s.local_organisation_name },
        "day": s.slot.day.code(),
        "part_of_day": s.slot.part.code(),
        "starts_on": s.slot.starts_on.to_string(),
        "ends_on": s.slot.ends_on.map(|d| d.to_string()),
        "ended": s.slot.ended(today),
        "next_on_site_days": next_on_site_days(&s.slot, today, COMING_DAYS, &Calendar::default())
            .iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}

fn consultation_json(c: &OnSiteConsultation) -> Value {
    json!({
        "id": c.id,
        "slot_id": c.slot_id,
        "date": c.on.to_string(),
        "part_of_day": c.part.code(),
        "team": { "id": c.team_id, "name": c.team_name },
        "worker": { "id": c.worker_id, "name": c.worker_name },
        "walk_in": c.walk_in,
        "named": c.family_id.is_some(),
        "family": c.family_id.as_ref().map(|id| json!({ "id": id, "label": c.family_label })),
        "asked_by": { "id": c.asked_by, "name": c.asked_by_name },
        "question": c.question,
        "state": c.state.code(),
        "advice": c.advice,
        "next_steps": c.next_steps.iter().map(|s| json!({ "what": s.what, "who": s.who })).collect::<Vec<_>>(),
        "result": c.result.map(|r| r.code()),
        "cancel_reason": c.cancel_reason,
    })
}

/// The schedule a visitor sees: their certified institution's, or their local team's.
pub(crate) async fn visible_slots(
    tx: &mut Tx,
    p: &Principal,
) -> Result<Vec<OnSiteSlot>, StoreError> {
    match (p.organisation_kind, p.team_id.as_deref()) {
        (OrganisationKind::CertifiedInstitution, _) => {
            tx.on_site_slots_of_organisation(&p.organisation_id).await
        }
        (_, Some(team)) => tx.on_site_slots_at_team(team).await,
        _ => Ok(Vec::new()),
    }
}

/// Whether `asker` may name `family_id` in a consultation: the family guard's rule for
/// the family's identity, without emergency access (breaking the glass is for an
/// emergency, not for a consultation). The attempt is an access-log line for `actor`,
/// who writes the consultation: kept in `tx` when granted; handed back when refused, to
/// be logged after `tx` is dropped (its rollback would take the line with it).
pub(crate) async fn named_access(
    tx: &mut Tx,
    actor: &Principal,
    asker: &Principal,
    family_id: &str,
    (data, client): (String, &str),
    now: UtcTime,
) -> Result<Result<(), AccessEntry>, StoreError> {
    let granted = match tx.access_facts(family_id).await? {
        Some(facts) => {
            decide(asker, &facts, None, Need::Data(DataCategory::Identity), now).granted()
        }
        None => false,
    };
    let basis = if actor.user_id == asker.user_id {
        granted.then_some(Basis::Involved)
    } else {
        // The worker writes about the family on the strength of its consent to the
        // named consultation (the domain checks that consent).
        granted.then_some(Basis::Consent)
    };
    let mut entry = access_entry(
        actor,
        eenplan_domain::access_log::AccessEvent::Update,
        basis,
        Some(family_id.to_owned()),
        data,
        client,
    );
    if granted {
        tx.log_access(&entry).await?;
        Ok(Ok(()))
    } else {
        entry.granted = false;
        Ok(Err(entry))
    }
}

/// Reading consultations by name is reading those families' data: one access-log
/// line per family shown.
pub(crate) async fn log_named_reads(
    state: &AppState,
    p: &Principal,
    shown: &[&OnSiteConsultation],
    data: &str,
    client: &str,
) -> Result<(), StoreError> {
    let families: Vec<&str> = shown
        .iter()
        .filter_map(|c| c.family_id.as_deref())
        .collect();
    log_family_reads(state, p, families, data, client).await
}

/// One "read" access-log line per family shown by name on the strength of its
/// consent to a named consultation.
pub(crate) async fn log_family_reads(
    state: &AppState,
    p: &Principal,
    mut families: Vec<&str>,
    data: &str,
    client: &str,
) -> Result<(), StoreError> {
    families.sort_unstable();
    families.dedup();
    let entries = families
        .into_iter()
        .map(|family| {
            access_entry(
                p,
                eenplan_domain::access_log::AccessEvent::Read,
                Some(Basis::Consent),
                Some(family.to_owned()),
                data.to_owned(),
                client,
            )
        })
        .collect();
    state.store.log_access_all(entries).await
}

/// The OpenAPI schemas of these operations (merged into the document's).
pub(crate) fn schemas() -> Value {
    json!({
        "SaveOnSiteSlots": { "type": "object", "properties": { "slots": { "type": "array", "items": { "type": "object", "properties": {
            "id": { "type": "string" }, "organisation": { "type": "object" }, "worker": { "type": "object" }, "team": { "type": "object" },
            "day": { "type": "string", "enum": ["monday", "tuesday", "wednesday", "thursday", "friday"] },
            "part_of_day": { "type": "string", "enum": ["morning", "afternoon"] },
            "starts_on": { "type": "string", "format": "date" }, "ends_on": { "type": "string", "format": "date", "nullable": true },
            "ended": { "type": "boolean" },
            "next_on_site_days": { "type": "array", "items": { "type": "string", "format": "date" }, "description": "Public holidays skipped" } } } } } },
        "NewSaveOnSiteSlot": { "type": "object", "properties": {
            "worker_id": { "type": "string", "description": "A user of your own certified institution" },
            "team_id": { "type": "string", "description": "A team of a local-team organisation" },
            "day": { "type": "string", "enum": ["monday", "tuesday", "wednesday", "thursday", "friday"] },
            "part_of_day": { "type": "string", "enum": ["morning", "afternoon"] },
            "starts_on": { "type": "string", "format": "date" }, "ends_on": { "type": "string", "format": "date", "description": "The last day (optional)" } },
            "required": ["worker_id", "team_id", "day", "part_of_day", "starts_on"] },
        "SaveOnSiteSlotEnd": { "type": "object", "properties": { "ends_on": { "type": "string", "format": "date" } }, "required": ["ends_on"] },
        "SaveConsultation": { "type": "object", "properties": {
            "id": { "type": "string" }, "slot_id": { "type": "string" }, "date": { "type": "string", "format": "date" },
            "part_of_day": { "type": "string", "enum": ["morning", "afternoon"] }, "team": { "type": "object" }, "worker": { "type": "object" },
            "walk_in": { "type": "boolean" }, "named": { "type": "boolean" }, "family": { "type": "object", "nullable": true },
            "asked_by": { "type": "object" }, "question": { "type": "string" },
            "state": { "type": "string", "enum": ["booked", "held", "cancelled"] }, "advice": { "type": "string" },
            "next_steps": { "type": "array", "items": { "type": "object", "properties": { "what": { "type": "string" }, "who": { "type": "string" } } } },
            "result": { "type": "string", "nullable": true, "enum": ["none", "save_involvement", "veilig_thuis_report", null] },
            "cancel_reason": { "type": "string" } } },
        "SaveConsultations": { "type": "object", "properties": { "consultations": { "type": "array", "items": { "$ref": "#/components/schemas/SaveConsultation" } } } },
        "SaveOnSiteDay": { "type": "object", "properties": {
            "date": { "type": "string", "format": "date" },
            "on_site": { "type": "array", "items": { "type": "object" }, "description": "Your part-days on site that day" },
            "consultations": { "type": "array", "items": { "$ref": "#/components/schemas/SaveConsultation" } } } },
        "NewSaveConsultation": { "type": "object", "properties": {
            "slot_id": { "type": "string" }, "date": { "type": "string", "format": "date", "description": "An on-site day of the slot, not in the past" },
            "family_id": { "type": "string", "description": "For a consultation by name: one of your families, with its consent to a named consultation with this organisation" },
            "question": { "type": "string", "description": "Anonymous: no postcode, citizen service number or phone number" } },
            "required": ["slot_id", "date", "question"] },
        "SaveAdvice": { "type": "object", "properties": {
            "advice": { "type": "string" },
            "next_steps": { "type": "array", "items": { "type": "object", "properties": { "what": { "type": "string" }, "who": { "type": "string" } }, "required": ["what", "who"] } },
            "result": { "type": "string", "enum": ["none", "save_involvement", "veilig_thuis_report"] } },
            "required": ["advice", "result"] },
        "SaveWalkIn": { "type": "object", "properties": {
            "slot_id": { "type": "string" }, "date": { "type": "string", "format": "date", "description": "Default today; not in the future" },
            "asked_by": { "type": "string", "description": "The professional of the slot's local team who asked" },
            "family_id": { "type": "string" }, "question": { "type": "string" },
            "advice": { "type": "string" },
            "next_steps": { "type": "array", "items": { "type": "object", "properties": { "what": { "type": "string" }, "who": { "type": "string" } }, "required": ["what", "who"] } },
            "result": { "type": "string", "enum": ["none", "save_involvement", "veilig_thuis_report"] } },
            "required": ["slot_id", "asked_by", "question", "advice", "result"] }
    })
}

fn problem(status: StatusCode, kind: &str, title: &str, e: &OnSiteError) -> Response {
    Problem::new(status, kind, title)
        .detail(e.to_string())
        .into_response()
}

/// The answer to a refusal of the rules: who may not (403), what cannot happen now
/// (409), or which field to fix (400).
fn refusal(e: &OnSiteError) -> Response {
    use OnSiteError as E;
    let reason = e.to_string();
    let field = |name: &str| invalid(&[(name, "rule", &reason)]);
    match e {
        E::NotTeamLead | E::NotTheWorker | E::NotYours | E::NotOfThisTeam => problem(
            StatusCode::FORBIDDEN,
            "forbidden",
            "Niet toegestaan voor jou",
            e,
        ),
        E::WorkerDoubleBooked => problem(
            StatusCode::CONFLICT,
            "schedule-conflict",
            "Botst met het rooster",
            e,
        ),
        E::AlreadyHeld
        | E::AlreadyCancelled
        | E::NotYetHeld(_)
        | E::SlotEnded
        | E::ConsultationsAfterEnd(_) => problem(
            StatusCode::CONFLICT,
            "illegal-transition",
            "Deze stap kan niet (meer)",
            e,
        ),
        E::WorkerNotOurs | E::WorkerInactive => field("worker_id"),
        E::NotLocalTeam => field("team_id"),
        E::EndBeforeStart | E::EndImplausible(_) => field("ends_on"),
        E::StartImplausible(_) => field("starts_on"),
        E::QuestionNeeded | E::QuestionIdentifying => field("question"),
        E::AdviceNeeded | E::AdviceIdentifying => field("advice"),
        E::StepIncomplete(_) => field("next_steps"),
        E::NotAnOnSiteDay
        | E::DateInPast
        | E::DateInFuture
        | E::TooLongAgo
        | E::DateImplausible(_) => field("date"),
        E::ConsentNeeded => field("family_id"),
        E::ReasonNeeded => field("reason"),
    }
}

fn not_found(what: &str) -> Response {
    Problem::new(StatusCode::NOT_FOUND, "not-found", "Niet gevonden")
        .detail(format!("Geen {what} met dit id dat jij mag zien."))
        .into_response()
}

fn failed(e: StoreError, what: &str) -> Response {
    match e {
        StoreError::SaveOnSite(e) => refusal(&e),
        StoreError::NotFound(_) => not_found(what),
        e => internal(&e),
    }
}

fn no_access_to_family() -> Response {
    invalid(&[(
        "family_id",
        "not-found",
        "Geen gezinsdossier met dit id dat de vragende professional mag inzien.",
    )])
}

pub async fn slots(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let today = today();
    let list = match state.store.read().await {
        Ok(mut tx) => visible_slots(&mut tx, p).await,
        Err(e) => Err(e),
    };
    match list {
        Ok(list) => {
            Json(json!({ "slots": list.iter().map(|s| slot_json(s, today)).collect::<Vec<_>>() }))
                .into_response()
        }
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct SlotIn {
    #[serde(default)]
    worker_id: String,
    #[serde(default)]
    team_id: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    part_of_day: String,
    #[serde(default)]
    starts_on: String,
    ends_on: Option<String>,
}

pub async fn add_slot(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: SlotIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Ok(day) = input.day.parse::<OnSiteDay>() else {
        return invalid(&[(
            "day",
            "enum",
            "Gebruik monday, tuesday, wednesday, thursday of friday.",
        )]);
    };
    let Ok(part) = input.part_of_day.parse::<PartOfDay>() else {
        return invalid(&[("part_of_day", "enum", "Gebruik morning of afternoon.")]);
    };
    let Ok(starts_on) = input.starts_on.parse::<Date>() else {
        return invalid(&[("starts_on", "date", "Gebruik jjjj-mm-dd.")]);
    };
    let Ok(ends_on) = super::optional_date(input.ends_on.as_deref()) else {
        return invalid(&[("ends_on", "date", "Gebruik jjjj-mm-dd.")]);
    };
    let new = NewSlot {
        worker_id: input.worker_id,
        team_id: input.team_id,
        day,
        part,
        starts_on,
        ends_on,
    };
    let added = async {
        let mut tx = state.store.write().await?;
        let id = tx
            .add_on_site_slot(&p.actor(), p, &new, UtcTime::now())
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(id)
    };
    match added.await {
        Ok(id) => (StatusCode::CREATED, Json(json!({ "id": id }))).into_response(),
        Err(e) => failed(e, "dagdeel"),
    }
}

#[derive(Debug, Deserialize)]
struct EndIn {
    #[serde(default)]
    ends_on: String,
}

pub async fn end_slot(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(slot_id): Path<String>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: EndIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Ok(ends_on) = input.ends_on.parse::<Date>() else {
        return invalid(&[("ends_on", "date", "Gebruik jjjj-mm-dd.")]);
    };
    let ended = async {
        let mut tx = state.store.write().await?;
        tx.end_on_site_slot(&p.actor(), p, &slot_id, ends_on, today())
            .await?;
        tx.commit().await
    };
    match ended.await {
        Ok(()) => Json(json!({ "id": slot_id, "ends_on": ends_on.to_string() })).into_response(),
        Err(e) => failed(e, "dagdeel van jouw organisatie"),
    }
}

#[derive(Debug, Deserialize)]
pub struct DayQuery {
    date: Option<String>,
}

/// The visitor's on-site list for a day: as the worker, every consultation at their
/// part-days; as a local professional, what they asked.
pub async fn day(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Query(q): Query<DayQuery>,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let on = match super::optional_date(q.date.as_deref()) {
        Ok(d) => d.unwrap_or_else(today),
        Err(_) => return invalid(&[("date", "date", "Gebruik jjjj-mm-dd.")]),
    };
    let loaded = async {
        let mut tx = state.store.read().await?;
        let slots = tx.on_site_slots_of_worker(&p.user_id).await?;
        let mut list = tx.on_site_day(&p.user_id, on).await?;
        for c in tx.on_site_asked_by(&p.user_id, on).await? {
            if c.on == on && !list.iter().any(|x| x.id == c.id) {
                list.push(c);
            }
        }
        Ok::<_, StoreError>((slots, list))
    };
    let (slots, list) = match loaded.await {
        Ok(x) => x,
        Err(e) => return internal(&e),
    };
    let shown: Vec<&OnSiteConsultation> = list.iter().collect();
    if let Err(e) = log_named_reads(
        &state,
        p,
        &shown,
        "GET /api/v1/save-op-locatie/consultations",
        &client,
    )
    .await
    {
        return internal(&e);
    }
    let cal = Calendar::default();
    let on_site: Vec<Value> = slots
        .iter()
        .filter(|s| eenplan_domain::save_on_site::is_on_site_day(&s.slot, on, &cal))
        .map(|s| json!({ "slot_id": s.id, "team": { "id": s.slot.team_id, "name": s.team_name }, "part_of_day": s.slot.part.code() }))
        .collect();
    Json(json!({
        "date": on.to_string(),
        "on_site": on_site,
        "consultations": list.iter().map(consultation_json).collect::<Vec<_>>(),
    }))
    .into_response()
}

pub async fn consultation(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(id): Path<String>,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let loaded = match state.store.read().await {
        Ok(mut tx) => tx.on_site_consultation(&id, &p.user_id).await,
        Err(e) => Err(e),
    };
    match loaded {
        Ok(Some(c)) => {
            let data = "GET /api/v1/save-op-locatie/consultations/{consultation}";
            if let Err(e) = log_named_reads(&state, p, &[&c], data, &client).await {
                return internal(&e);
            }
            Json(consultation_json(&c)).into_response()
        }
        Ok(None) => not_found("overleg"),
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct StepIn {
    #[serde(default)]
    what: String,
    #[serde(default)]
    who: String,
}

#[derive(Debug, Deserialize)]
struct AdviceIn {
    #[serde(default)]
    advice: String,
    #[serde(default)]
    next_steps: Vec<StepIn>,
    #[serde(default)]
    result: String,
}

fn advice_input(input: AdviceIn) -> Result<AdviceInput, Response> {
    let Ok(result) = input.result.parse::<ConsultationResult>() else {
        return Err(invalid(&[(
            "result",
            "enum",
            "Gebruik none, save_involvement of veilig_thuis_report.",
        )]));
    };
    Ok(AdviceInput {
        advice: input.advice,
        next_steps: input
            .next_steps
            .into_iter()
            .map(|s| NextStep {
                what: s.what,
                who: s.who,
            })
            .collect(),
        result,
    })
}

#[derive(Debug, Deserialize)]
struct BookingIn {
    #[serde(default)]
    slot_id: String,
    #[serde(default)]
    date: String,
    family_id: Option<String>,
    #[serde(default)]
    question: String,
}

fn ask(input: &BookingIn, on: Date) -> Ask {
    Ask {
        slot_id: input.slot_id.clone(),
        on,
        family_id: input.family_id.clone().filter(|f| !f.is_empty()),
        question: input.question.clone(),
    }
}

/// What a booking or walk-in did: created, or refused before or by the rules.
enum Outcome {
    Created(String),
    /// The asker may not name this family; the access-log line to write.
    NoAccess(AccessEntry),
}

async fn finish(state: &AppState, done: Result<Outcome, StoreError>, state_code: &str) -> Response {
    match done {
        Ok(Outcome::Created(id)) => (
            StatusCode::CREATED,
            Json(json!({ "id": id, "state": state_code })),
        )
            .into_response(),
        Ok(Outcome::NoAccess(entry)) => match state.store.log_access(entry).await {
            Ok(()) => no_access_to_family(),
            Err(e) => internal(&e),
        },
        Err(StoreError::NotFound(_)) => invalid(&[(
            "slot_id",
            "not-found",
            "Geen dagdeel op locatie met dit id.",
        )]),
        Err(e) => failed(e, "dagdeel"),
    }
}

pub async fn book(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: BookingIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Ok(on) = input.date.parse::<Date>() else {
        return invalid(&[("date", "date", "Gebruik jjjj-mm-dd.")]);
    };
    let ask = ask(&input, on);
    let booked = async {
        let now = UtcTime::now();
        let mut tx = state.store.write().await?;
        if let Some(family) = &ask.family_id {
            let data = "POST /api/v1/save-op-locatie/consultations".to_owned();
            if let Err(entry) = named_access(&mut tx, p, p, family, (data, &client), now).await? {
                return Ok(Outcome::NoAccess(entry));
            }
        }
        let id = tx.book_on_site(&p.actor(), p, &ask, today(), now).await?;
        tx.commit().await?;
        Ok(Outcome::Created(id))
    };
    finish(&state, booked.await, "booked").await
}

#[derive(Debug, Deserialize)]
struct WalkInIn {
    #[serde(flatten)]
    booking: BookingIn,
    #[serde(default)]
    asked_by: String,
    #[serde(flatten)]
    advice: AdviceIn,
}

pub async fn walk_in(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: WalkInIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let on = if input.booking.date.is_empty() {
        today()
    } else {
        match input.booking.date.parse::<Date>() {
            Ok(d) => d,
            Err(_) => return invalid(&[("date", "date", "Gebruik jjjj-mm-dd.")]),
        }
    };
    let ask = ask(&input.booking, on);
    let advice = match advice_input(input.advice) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let asked_by = input.asked_by;
    let recorded = async {
        let now = UtcTime::now();
        let mut tx = state.store.write().await?;
        // Only the worker on site, before anyone's access to a family is looked at.
        if let Some(slot) = tx.on_site_slot(&ask.slot_id).await? {
            save_on_site::walk_in_by(&slot.slot, &p.user_id)?;
        }
        let Some(asker) = tx.principal(&asked_by).await?.filter(|a| a.active) else {
            return Err(StoreError::SaveOnSite(OnSiteError::NotOfThisTeam));
        };
        if let Some(family) = &ask.family_id {
            let data = format!("POST /api/v1/save-op-locatie/walk-ins (gevraagd door {asked_by})");
            if let Err(entry) =
                named_access(&mut tx, p, &asker, family, (data, &client), now).await?
            {
                return Ok(Outcome::NoAccess(entry));
            }
        }
        let id = tx
            .walk_in_on_site(&p.actor(), p, &asker, &ask, &advice, today(), now)
            .await?;
        tx.commit().await?;
        Ok(Outcome::Created(id))
    };
    match recorded.await {
        // Here the team rule is about who asked, a field of the request.
        Err(StoreError::SaveOnSite(e @ OnSiteError::NotOfThisTeam)) => {
            invalid(&[("asked_by", "rule", &e.to_string())])
        }
        done => finish(&state, done, "held").await,
    }
}

pub async fn advice(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: AdviceIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let advice = match advice_input(input) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let recorded = async {
        let mut tx = state.store.write().await?;
        tx.record_on_site_advice(&p.actor(), p, &id, &advice, today(), UtcTime::now())
            .await?;
        tx.commit().await
    };
    match recorded.await {
        Ok(()) => Json(json!({ "id": id, "state": "held" })).into_response(),
        Err(e) => failed(e, "overleg"),
    }
}

#[derive(Debug, Deserialize)]
struct CancelIn {
    #[serde(default)]
    reason: String,
}

pub async fn cancel(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: CancelIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let cancelled = async {
        let mut tx = state.store.write().await?;
        tx.cancel_on_site(&p.actor(), p, &id, &input.reason, UtcTime::now())
            .await?;
        tx.commit().await
    };
    match cancelled.await {
        Ok(()) => Json(json!({ "id": id, "state": "cancelled" })).into_response(),
        Err(e) => failed(e, "overleg"),
    }
}

/// A family's consultations by name, for its circle (the family guard decided).
pub async fn family_consultations(
    State(state): State<AppState>,
    Extension(grant): Extension<crate::auth::family::FamilyGrant>,
) -> Response {
    let list = match state.store.read().await {
        Ok(mut tx) => tx.family_on_site_consultations(&grant.family_id).await,
        Err(e) => Err(e),
    };
    match list {
        Ok(list) => {
            Json(json!({ "consultations": list.iter().map(consultation_json).collect::<Vec<_>>() }))
                .into_response()
        }
        Err(e) => internal(&e),
    }
}
