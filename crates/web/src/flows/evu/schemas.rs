//! The OpenAPI schemas of the EVU's bodies.

use serde_json::json;

use crate::kit::schema::Schemas;

/// This flow's schemas, for the document's components.
pub fn schemas(s: &mut Schemas) {
    s.raw(json!({
        "EvuReferralList": { "type": "object", "properties": { "referrals": { "type": "array", "items": { "type": "object" } } } },
        "EvuWorkList": { "type": "object", "properties": {
            "referrals": { "type": "array", "items": { "type": "object" } },
            "candidates": { "type": "array", "items": { "type": "object" } } } },
        "EvuCombination": { "type": "object", "properties": {
            "user_ids": { "type": "array", "items": { "type": "string" }, "minItems": 2 } }, "required": ["user_ids"] }
    }));
}
