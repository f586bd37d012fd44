//! The OpenAPI schemas of Veilig Thuis's bodies.

use serde_json::json;

use crate::kit::schema::Schemas;

/// This flow's schemas, for the document's components.
pub fn schemas(s: &mut Schemas) {
    s.raw(json!({
        "VtContact": { "type": "object", "properties": {
            "kind": { "type": "string", "enum": ["advice_request", "report"] }, "acute": { "type": "boolean" },
            "reporter": { "type": "string", "enum": ["police", "school", "health_care", "local_team", "citizen", "other"] },
            "reporter_name": { "type": "string" }, "reporter_contact": { "type": "string" },
            "child_name": { "type": "string" }, "child_birth": { "type": "string", "format": "date" },
            "postcode": { "type": "string" }, "house_number": { "type": "string" }, "concern": { "type": "string" } },
            "required": ["kind", "concern"] },
        "VtReceived": { "type": "object", "properties": { "id": { "type": "string" },
            "radar": { "type": "object", "properties": { "families": { "type": "array", "items": { "type": "object" } },
                "earlier": { "type": "array", "items": { "type": "object" } } } } } },
        "VtWorkList": { "type": "object", "properties": { "contacts": { "type": "array", "items": { "type": "object" } } } },
        "VtAssessment": { "type": "object", "properties": {
            "outcome": { "type": "string", "enum": ["close", "hand_to_local_team", "conditions_and_follow_up", "investigate", "ask_rvdk", "bring_into_evu"] },
            "follow_up_on": { "type": "string", "format": "date" } }, "required": ["outcome"] }
    }));
}
