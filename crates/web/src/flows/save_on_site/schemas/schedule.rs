//! The on-site schedule's bodies: the part-days a visitor sees, a new part-day and its end.

use eenplan_domain::calendar::Calendar;
use eenplan_domain::save_on_site::{OnSiteDay, PartOfDay, next_on_site_days};
use eenplan_store::OnSiteSlot;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::schema::{
    Array, ArrayBuilder, KnownFormat, ObjectBuilder, SchemaFormat, Type,
};

use super::SaveOnSiteRef;
use crate::flows::save_on_site::access::COMING_DAYS;
use crate::kit::schema::codes;

/// The schedule the caller sees: their certified institution's, or their local team's.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaveOnSiteSlots {
    pub slots: Vec<SaveOnSiteSlot>,
}

/// One weekly part-day of one worker at one local team.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaveOnSiteSlot {
    id: String,
    /// The certified institution the worker is on site for.
    organisation: SaveOnSiteRef,
    worker: SaveOnSiteRef,
    team: SaveOnSiteSlotTeam,
    #[schema(schema_with = codes::<OnSiteDay>)]
    day: &'static str,
    #[schema(schema_with = codes::<PartOfDay>)]
    part_of_day: &'static str,
    #[schema(format = Date)]
    starts_on: String,
    /// The last day it holds; null while it runs on.
    #[schema(format = Date, required = true)]
    ends_on: Option<String>,
    ended: bool,
    #[schema(schema_with = coming_days)]
    next_on_site_days: Vec<String>,
}

/// The local team the worker is on site at, with its organisation's name.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaveOnSiteSlotTeam {
    id: String,
    name: String,
    organisation: String,
}

/// The coming on-site days, as dates (a `Vec<String>` field's format would not reach
/// its items, and a field's doc comment does not reach a `schema_with` schema).
fn coming_days() -> Array {
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date))),
        )
        .description(Some("Public holidays skipped"))
        .build()
}

impl SaveOnSiteSlot {
    /// The part-day as it stands `today`, with its coming on-site days.
    pub fn new(s: &OnSiteSlot, today: Date) -> Self {
        let coming = next_on_site_days(&s.slot, today, COMING_DAYS, &Calendar::default());
        Self {
            id: s.id.clone(),
            organisation: SaveOnSiteRef::new(&s.slot.organisation_id, &s.organisation_name),
            worker: SaveOnSiteRef::new(&s.slot.worker_id, &s.worker_name),
            team: SaveOnSiteSlotTeam {
                id: s.slot.team_id.clone(),
                name: s.team_name.clone(),
                organisation: s.local_organisation_name.clone(),
            },
            day: s.slot.day.code(),
            part_of_day: s.slot.part.code(),
            starts_on: s.slot.starts_on.to_string(),
            ends_on: s.slot.ends_on.map(|d| d.to_string()),
            ended: s.slot.ended(today),
            next_on_site_days: coming.iter().map(ToString::to_string).collect(),
        }
    }
}

/// A team lead's new part-day. Each field is read leniently, so a missing or wrong one
/// is named in the 400 rather than refused as malformed JSON.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewSaveOnSiteSlot {
    /// A user of your own certified institution.
    #[serde(default)]
    #[schema(required = true)]
    pub worker_id: String,
    /// A team of a local-team organisation.
    #[serde(default)]
    #[schema(required = true)]
    pub team_id: String,
    #[serde(default)]
    #[schema(schema_with = codes::<OnSiteDay>, required = true)]
    pub day: String,
    #[serde(default)]
    #[schema(schema_with = codes::<PartOfDay>, required = true)]
    pub part_of_day: String,
    #[serde(default)]
    #[schema(format = Date, required = true)]
    pub starts_on: String,
    /// The last day (optional).
    #[serde(default)]
    #[schema(format = Date, value_type = String)]
    pub ends_on: Option<String>,
}

/// The last day a part-day holds.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SaveOnSiteSlotEnd {
    #[serde(default)]
    #[schema(format = Date, required = true)]
    pub ends_on: String,
}

/// A part-day that was ended, and its last day.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaveOnSiteSlotEnded {
    pub id: String,
    #[schema(format = Date)]
    pub ends_on: String,
}
