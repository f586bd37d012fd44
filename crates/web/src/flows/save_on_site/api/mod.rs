//! SAVE op locatie in the API: the on-site schedule (a certified institution's team
//! leads manage it; [`schedule`]), bookings and walk-ins, the day list, the advice and
//! cancelling ([`consultations`]); their bodies are the flow's `schemas`.

mod consultations;
mod schedule;

use axum::http::StatusCode;
use eenplan_store::StoreError;

use crate::kit::problem::Problem;
use crate::kit::{ApiError, Refusal};

pub(super) use consultations::{
    advice, book, cancel, consultation, day, family_consultations, history, lead_cancel,
    slot_bookings, walk_in,
};
pub(super) use schedule::{add_slot, end_slot, slots};

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
