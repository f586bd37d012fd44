//! The family's timeline: the journal's entries about the file that the caller may read.

use eenplan_domain::journal::{Audience, Entry, EventKind};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::schema::{AdditionalProperties, Object, ObjectBuilder, SchemaType, Type};

/// The entries the caller may read, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Timeline {
    events: Vec<TimelineEvent>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TimelineEvent {
    /// The entry's place in the journal.
    seq: i64,
    #[schema(format = DateTime)]
    at: String,
    #[schema(schema_with = timeline_kinds)]
    kind: String,
    /// Who caused it: user:<id>, cli:<account> or system:<component>.
    actor: String,
    #[schema(schema_with = payload)]
    payload: serde_json::Value,
}

impl TimelineEvent {
    pub fn new(e: &Entry) -> Self {
        Self {
            seq: e.seq,
            at: e.recorded_at.clone(),
            kind: e.kind.clone(),
            actor: e.actor.clone(),
            payload: eenplan_domain::journal::deep::event_data(&e.payload),
        }
    }
}

impl Timeline {
    pub fn new(events: impl Iterator<Item = TimelineEvent>) -> Self {
        Self {
            events: events.collect(),
        }
    }
}

/// The kinds a timeline can show: the guard drops every other (and any unknown) kind.
fn timeline_kinds() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(
            EventKind::ALL
                .iter()
                .filter(|k| k.audience() != Audience::NotOnTimeline)
                .map(|k| k.code()),
        ))
        .build()
}

/// The payload is the event's own fields as the journal recorded them, and they differ
/// per kind (the domain's journal events, which have no web type); so the schema says
/// an object of any fields rather than guessing a union that would drift.
fn payload() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Object, Type::Null]))
        .description(Some(
            "The event's own fields as recorded; they differ per kind. A payload a retention rule destroyed reads {\"destroyed\": \"retention\"}; null when a stored payload cannot be read",
        ))
        .additional_properties(Some(AdditionalProperties::FreeForm(true)))
        .build()
}
