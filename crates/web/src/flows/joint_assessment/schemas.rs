//! The OpenAPI schemas of the joint assessment's bodies.

use serde_json::json;

use crate::kit::schema::Schemas;

/// This flow's schemas, for the document's components.
pub fn schemas(s: &mut Schemas) {
    s.raw(json!({
        "JointAssessments": { "type": "object", "properties": { "meetings": { "type": "array", "items": { "type": "object", "properties": {
            "id": { "type": "string" }, "kind": { "type": "string", "enum": ["learning_meeting", "protection_table"] },
            "meets_at": { "type": "string", "example": "2026-12-01T14:00" },
            "state": { "type": "string", "enum": ["scheduled", "held", "cancelled"] },
            "family_takes_part": { "type": "boolean" }, "family_absence_reason": { "type": ["string", "null"] },
            "invited": { "type": "array", "items": { "type": "object" } }, "views": { "type": "array", "items": { "type": "object" } },
            "judgement": { "type": ["object", "null"] }, "cancelled": { "type": ["object", "null"] } } } } } },
        "NewJointAssessment": { "type": "object", "properties": {
            "kind": { "type": "string", "enum": ["learning_meeting", "protection_table"] },
            "meets_at": { "type": "string", "description": "Dutch local date and time, jjjj-mm-ddTuu:mm", "example": "2026-12-01T14:00" },
            "invited": { "type": "array", "items": { "type": "string" }, "description": "Organisation ids in the family's circle: the regisseur's and at least one other" },
            "family_takes_part": { "type": "boolean" },
            "family_absence_reason": { "type": "string", "description": "Required when the family does not take part" } },
            "required": ["kind", "meets_at", "invited", "family_takes_part"] },
        "JointAssessmentView": { "type": "object", "properties": {
            "worries": { "type": "string" }, "strengths": { "type": "string" }, "needs": { "type": "string" } },
            "required": ["worries", "needs"] },
        "JointJudgement": { "type": "object", "properties": {
            "needs": { "type": "string", "description": "What this child and this family need" },
            "differences": { "type": "string", "description": "Where the views differed; required when the recorded views differ in what is needed" },
            "actions": { "type": "array", "minItems": 1, "items": { "type": "object", "properties": {
                "domain": { "type": "string", "enum": ["safety", "development", "school", "income", "health", "housing", "network"] },
                "what": { "type": "string" },
                "owner": { "type": "string", "description": "organisation:<id>, professional:<id>, member:<id> or network:<id>" },
                "due_on": { "type": "string", "format": "date" } }, "required": ["domain", "what", "owner", "due_on"] } } },
            "required": ["needs", "actions"] },
        "JointJudgementRecorded": { "type": "object", "properties": { "state": { "type": "string" }, "plan_version": { "type": "integer" } } }
    }));
}
