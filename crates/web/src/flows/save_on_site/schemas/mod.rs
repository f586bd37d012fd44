//! SAVE op locatie's API bodies and their schemas: the schedule ([`schedule`]) and the
//! consultations ([`consultations`]).

mod consultations;
mod schedule;

use serde::Serialize;
use utoipa::ToSchema;

pub(super) use consultations::{
    NewSaveConsultation, SaveAdvice, SaveConsultation, SaveConsultationState, SaveConsultations,
    SaveOnSiteDay, SaveOnSiteDayPart, SaveOnSiteHistory, SaveQuestion, SaveSlotBooking,
    SaveSlotBookings, SaveWalkIn,
};
pub(super) use schedule::{
    NewSaveOnSiteSlot, SaveOnSiteSlot, SaveOnSiteSlotEnd, SaveOnSiteSlotEnded, SaveOnSiteSlots,
};

/// A person, team or organisation a body points at, with the name to show.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaveOnSiteRef {
    id: String,
    name: String,
}

impl SaveOnSiteRef {
    fn new(id: &str, name: &str) -> Self {
        Self {
            id: id.to_owned(),
            name: name.to_owned(),
        }
    }
}
