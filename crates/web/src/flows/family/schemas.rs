//! The OpenAPI schemas of the family file's bodies.

use serde_json::json;

use crate::kit::schema::Schemas;

/// This flow's schemas, for the document's components.
pub fn schemas(s: &mut Schemas) {
    s.raw(json!({
        "FamilyList": { "type": "object", "properties": { "families": { "type": "array", "items": { "type": "object", "properties": {
            "id": { "type": "string" }, "label": { "type": "string" }, "postcode": { "type": "string" }, "house_number": { "type": "string" }, "city": { "type": "string" } } } } } },
        "NewFamily": { "type": "object", "properties": {
            "label": { "type": "string" }, "street": { "type": "string" }, "house_number": { "type": "string" },
            "postcode": { "type": "string", "example": "3562 JW" }, "city": { "type": "string" },
            "children": { "type": "array", "items": { "type": "object", "properties": { "name": { "type": "string" }, "date_of_birth": { "type": "string", "format": "date" } }, "required": ["name", "date_of_birth"] } },
            "area_id": { "type": "string", "description": "Wijk of gemeente waar de organisatie werkt (bepaalt o.a. of het EVU er werkt)" },
            "confirm_not_duplicate": { "type": "boolean" } },
            "required": ["label", "street", "house_number", "postcode", "city"] },
        "Family": { "type": "object", "properties": {
            "id": { "type": "string" }, "label": { "type": "string" }, "address": { "type": "object" },
            "members": { "type": "array", "items": { "type": "object" } }, "network": { "type": "array", "items": { "type": "object" } },
            "involvements": { "type": "array", "items": { "type": "object" } } } },
        "NewMember": { "type": "object", "properties": {
            "kind": { "type": "string", "enum": ["child", "parent", "household"] }, "name": { "type": "string" },
            "date_of_birth": { "type": "string", "format": "date" }, "has_custody": { "type": "boolean" } }, "required": ["kind", "name"] },
        "NewNetworkMember": { "type": "object", "properties": {
            "name": { "type": "string" }, "relation": { "type": "string", "enum": ["family", "friend", "neighbour", "other"] },
            "safety_role": { "type": "string" }, "contact": { "type": "string" } }, "required": ["name", "relation"] },
        "NewInvolvement": { "type": "object", "properties": {
            "user_id": { "type": "string" }, "role": { "type": "string", "enum": ["regisseur", "partner"] },
            "expertise": { "type": "string", "enum": ["safety", "development", "violence", "delinquency", "school_absenteeism"] },
            "takes_over": { "type": "string" }, "reason": { "type": "string" } }, "required": ["user_id", "role"] },
        "Plan": { "type": "object", "description": "Safety map, goals, scales (0-10), life domains with actions, conditions, review_date" },
        "PlanDocument": { "type": "object", "properties": { "version": { "type": "integer" }, "plan": { "$ref": "#/components/schemas/Plan" } } },
        "Agreement": { "type": "object", "description": "Who agrees follows the consent age rule per child (under 12 the parents with custody, 12-15 the child and the parents with custody, 16+ the child alone; a guardian institution in the parents' place). Under a court order give the family's view instead.", "properties": { "version": { "type": "integer" }, "member_ids": { "type": "array", "items": { "type": "string" } }, "view": { "type": "string", "maxLength": 5000 } }, "required": ["version"] },
        "NewNote": { "type": "object", "properties": {
            "interaction": { "type": "string", "enum": ["home_visit", "office", "phone", "consultation", "other"] },
            "happened_on": { "type": "string", "format": "date" }, "text": { "type": "string" },
            "reason": { "type": "string", "description": "Required for a correction, more than 24 hours after writing" } },
            "required": ["interaction", "happened_on", "text"] },
        "MemberCorrection": { "type": "object", "properties": {
            "kind": { "type": "string", "enum": ["child", "parent", "household"] }, "name": { "type": "string" },
            "date_of_birth": { "type": "string", "format": "date" }, "has_custody": { "type": "boolean" }, "reason": { "type": "string" } },
            "required": ["kind", "name", "reason"] },
        "NetworkCorrection": { "type": "object", "properties": {
            "name": { "type": "string" }, "relation": { "type": "string", "enum": ["family", "friend", "neighbour", "other"] },
            "safety_role": { "type": "string" }, "contact": { "type": "string" }, "reason": { "type": "string" } },
            "required": ["name", "relation", "reason"] },
        "Notes": { "type": "object", "properties": { "notes": { "type": "array", "items": { "type": "object" } } } },
        "Timeline": { "type": "object", "properties": { "events": { "type": "array", "items": { "type": "object" } } } }
    }));
}
