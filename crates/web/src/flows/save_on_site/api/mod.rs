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

/// What an id names here, in Dutch and English.
type Thing = (&'static str, &'static str);
const CONSULTATION: Thing = ("overleg", "consultation");
const SLOT: Thing = ("dagdeel", "part-day");
const OWN_SLOT: Thing = (
    "dagdeel van jouw organisatie",
    "part-day of your organisation",
);

/// No `what` with this id that the caller may see.
fn not_found((nl, en): Thing) -> ApiError {
    Problem::said(StatusCode::NOT_FOUND, "not-found", |t| t.not_found)
        .detail_in((
            format!("Geen {nl} met dit id dat jij mag zien."),
            format!("No {en} with this id that you may see."),
        ))
        .into()
}

/// A store refusal as the API answers it: the rule's problem, or `what` not found.
fn refused(e: StoreError, what: Thing) -> ApiError {
    match e {
        StoreError::SaveOnSite(e) => e.problem().into(),
        StoreError::NotFound(_) => not_found(what),
        e => e.into(),
    }
}
