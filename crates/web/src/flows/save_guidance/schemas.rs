//! The OpenAPI schemas of SAVE-begeleiding's bodies.

use serde_json::json;

use crate::kit::schema::Schemas;

/// This flow's schemas, for the document's components.
pub fn schemas(s: &mut Schemas) {
    s.raw(json!({
        "NewSaveGuidance": { "type": "object", "properties": {
            "worker_id": { "type": "string", "description": "Een professional van een gecertificeerde instelling" },
            "expertise": { "type": "string", "enum": ["safety", "development", "violence", "delinquency", "school_absenteeism"] },
            "goals": { "type": "array", "items": { "type": "string" }, "description": "Komen in het plan (veiligheidsdoelen)" },
            "planned_end": { "type": "string", "format": "date" },
            "review_months": { "type": "integer", "minimum": 1, "maximum": 3 } },
            "required": ["worker_id", "expertise", "goals", "planned_end"] },
        "SaveGuidanceReview": { "type": "object", "properties": {
            "reviewed_on": { "type": "string", "format": "date", "description": "Standaard vandaag" },
            "planned_end": { "type": "string", "format": "date" }, "note": { "type": "string" } },
            "required": ["planned_end", "note"] },
        "SaveGuidanceEnd": { "type": "object", "properties": {
            "outcome": { "type": "string", "enum": ["safety_restored", "scaled_up", "ended_without_result"] },
            "reason": { "type": "string" } }, "required": ["outcome"] },
        "NextReview": { "type": "object", "properties": { "next_review_on": { "type": "string", "format": "date" } } },
        "SaveGuidanceList": { "type": "object", "properties": { "guidances": { "type": "array", "items": { "type": "object" } } } }
    }));
}
