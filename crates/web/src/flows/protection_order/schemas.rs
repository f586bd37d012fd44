//! The OpenAPI schemas of the protection order request's bodies.

use serde_json::json;

use crate::kit::schema::Schemas;

/// This flow's schemas, for the document's components.
pub fn schemas(s: &mut Schemas) {
    s.raw(json!({
        "ProtectionOrderRequest": { "type": "object", "properties": {
            "id": { "type": "string" }, "family_id": { "type": "string" }, "family_label": { "type": "string" },
            "rvdk": { "type": "object" }, "requested_by": { "type": "object" }, "requested_on": { "type": "string", "format": "date" },
            "children": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" }, "name": { "type": "string" }, "date_of_birth": { "type": "string", "format": "date" } } } },
            "grounds": { "type": "string" }, "tried": { "type": "string" },
            "state": { "type": "string", "enum": ["requested", "under_investigation", "no_measure", "petitioned", "granted", "refused"] },
            "investigation_on": { "type": ["string", "null"], "format": "date" }, "concluded_on": { "type": ["string", "null"], "format": "date" },
            "no_measure_reason": { "type": ["string", "null"] },
            "petitioned_measure": { "type": ["string", "null"], "enum": ["supervision_order", "out_of_home_placement", "custody_termination", null] },
            "decided_on": { "type": ["string", "null"], "format": "date" },
            "granted_measure": { "type": ["string", "null"], "enum": ["supervision_order", "out_of_home_placement", "custody_termination", null] },
            "ends_on": { "type": ["string", "null"], "format": "date" }, "institution": { "type": ["object", "null"] } } },
        "ProtectionOrderRequests": { "type": "object", "properties": { "requests": { "type": "array", "items": { "$ref": "#/components/schemas/ProtectionOrderRequest" } } } },
        "NewProtectionOrderRequest": { "type": "object", "properties": {
            "rvdk_organisation_id": { "type": "string" }, "children": { "type": "array", "items": { "type": "string" } },
            "grounds": { "type": "string", "description": "Why voluntary help did not reach safety" },
            "tried": { "type": "string", "description": "What was tried" } },
            "required": ["rvdk_organisation_id", "children", "grounds", "tried"] },
        "RaadInvestigation": { "type": "object", "properties": { "started_on": { "type": "string", "format": "date" } }, "required": ["started_on"] },
        "RaadOutcome": { "type": "object", "properties": {
            "outcome": { "type": "string", "enum": ["no_measure", "petition"] },
            "measure": { "type": "string", "enum": ["supervision_order", "out_of_home_placement", "custody_termination"] },
            "reason": { "type": "string", "description": "Required for no_measure" },
            "concluded_on": { "type": "string", "format": "date" } }, "required": ["outcome", "concluded_on"] },
        "CourtDecision": { "type": "object", "properties": {
            "decided_on": { "type": "string", "format": "date" }, "granted": { "type": "boolean" },
            "measure": { "type": "string", "enum": ["supervision_order", "out_of_home_placement", "custody_termination"] },
            "ends_on": { "type": "string", "format": "date", "description": "Supervision order (with placement): at most one year after the decision; none for custody termination" },
            "institution_id": { "type": "string", "description": "A certified institution" } },
            "required": ["decided_on", "granted"] }
    }));
}
