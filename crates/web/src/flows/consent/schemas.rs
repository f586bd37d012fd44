//! The OpenAPI schemas of consent, the framework and emergency access's bodies.

use serde_json::json;

use crate::kit::schema::Schemas;

/// This flow's schemas, for the document's components.
pub fn schemas(s: &mut Schemas) {
    s.raw(json!({
        "Consents": { "type": "object", "properties": {
            "framework": { "type": "string", "enum": ["voluntary", "veilig_thuis", "court_order"] },
            "framework_organisation_id": { "type": ["string", "null"] },
            "consents": { "type": "array", "items": { "type": "object" } } } },
        "NewConsent": { "type": "object", "properties": {
            "step": { "type": "string", "enum": ["named_consultation", "specialist_joins", "save_guidance", "network_members", "data_sharing", "evu", "plan_agreement"] },
            "organisation_id": { "type": "string" }, "purpose": { "type": "string" },
            "categories": { "type": "array", "items": { "type": "string", "enum": ["identity", "network", "plan", "notes"] } },
            "children": { "type": "array", "items": { "type": "string" } },
            "given_by": { "type": "array", "items": { "type": "string" } },
            "form": { "type": "string", "enum": ["spoken", "written"] },
            "given_on": { "type": "string", "format": "date" }, "ends_on": { "type": "string", "format": "date" } },
            "required": ["step", "purpose", "children", "given_by", "form", "given_on"] },
        "FrameworkChange": { "type": "object", "properties": {
            "framework": { "type": "string", "enum": ["voluntary", "veilig_thuis", "court_order"] },
            "organisation_id": { "type": "string" }, "ground": { "type": "string" },
            "effective_on": { "type": "string", "format": "date" } },
            "required": ["framework", "ground", "effective_on"] },
        "AnonymousSummary": { "type": "object", "properties": {
            "children_ages": { "type": "array", "items": { "type": "integer" } },
            "parents": { "type": "integer" }, "parents_with_custody": { "type": "integer" },
            "other_household_members": { "type": "integer" }, "framework": { "type": "string" },
            "safety_scales": { "type": "array", "items": { "type": "integer" } },
            "life_domains": { "type": "array", "items": { "type": "string" } },
            "involved": { "type": "array", "items": { "type": "object" } },
            "worries": { "type": "integer" }, "danger_statements": { "type": "integer" } } },
        "Emergency": { "type": "object", "properties": { "expires_at": { "type": "string", "format": "date-time" } } }
    }));
}
