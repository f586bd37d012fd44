//! SAVE op locatie in the API: the on-site schedule (a certified institution's team
//! leads manage it; [`schedule`]), bookings and walk-ins, the day list, the advice and
//! cancelling ([`consultations`]), and the schemas of both ([`schemas`]).

mod consultations;
mod schedule;
pub mod schemas;

use axum::http::StatusCode;
use eenplan_domain::calendar::Calendar;
use eenplan_domain::save_on_site::next_on_site_days;
use eenplan_store::{OnSiteConsultation, OnSiteSlot, StoreError};
use jiff::civil::Date;
use serde_json::{Value, json};

use super::access::COMING_DAYS;
use crate::kit::problem::Problem;
use crate::kit::{ApiError, Refusal};

pub(super) use consultations::{
    advice, book, cancel, consultation, day, family_consultations, walk_in,
};
pub(super) use schedule::{add_slot, end_slot, slots};

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

/// No `what` with this id that the caller may see.
fn not_found(what: &str) -> ApiError {
    Problem::new(StatusCode::NOT_FOUND, "not-found", "Niet gevonden")
        .detail(format!("Geen {what} met dit id dat jij mag zien."))
        .into()
}

/// A store refusal as the API answers it: the rule's problem, or `what` not found.
fn refused(e: StoreError, what: &str) -> ApiError {
    match e {
        StoreError::SaveOnSite(e) => e.problem().into(),
        StoreError::NotFound(_) => not_found(what),
        e => e.into(),
    }
}
