//! The OpenAPI schemas of SAVE op locatie's operations, merged into the document's.

use serde_json::json;

use crate::kit::schema::Schemas;

/// The OpenAPI schemas of these operations (merged into the document's).
pub fn schemas(s: &mut Schemas) {
    s.raw(json!({
        "SaveOnSiteSlots": { "type": "object", "properties": { "slots": { "type": "array", "items": { "type": "object", "properties": {
            "id": { "type": "string" }, "organisation": { "type": "object" }, "worker": { "type": "object" }, "team": { "type": "object" },
            "day": { "type": "string", "enum": ["monday", "tuesday", "wednesday", "thursday", "friday"] },
            "part_of_day": { "type": "string", "enum": ["morning", "afternoon"] },
            "starts_on": { "type": "string", "format": "date" }, "ends_on": { "type": ["string", "null"], "format": "date" },
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
            "walk_in": { "type": "boolean" }, "named": { "type": "boolean" }, "family": { "type": ["object", "null"] },
            "asked_by": { "type": "object" }, "question": { "type": "string" },
            "state": { "type": "string", "enum": ["booked", "held", "cancelled"] }, "advice": { "type": "string" },
            "next_steps": { "type": "array", "items": { "type": "object", "properties": { "what": { "type": "string" }, "who": { "type": "string" } } } },
            "result": { "type": ["string", "null"], "enum": ["none", "save_involvement", "veilig_thuis_report", null] },
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
    }));
}
