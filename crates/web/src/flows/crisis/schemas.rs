//! The crisis answer's body and its schema.

use eenplan_domain::crisis::{CrisisAction, CrisisAnswer, PHONES};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};

use crate::kit::schema::codes;

/// Whom to call now, and why.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CrisisContact)]
pub struct CrisisContact {
    #[schema(schema_with = codes::<CrisisAction>)]
    action: &'static str,
    #[schema(schema_with = phones, required = true)]
    phone: Option<&'static str>,
    office_hours: bool,
    reason: &'static str,
}

impl From<CrisisAnswer> for CrisisContact {
    fn from(a: CrisisAnswer) -> Self {
        Self {
            action: a.action.code(),
            phone: a.phone,
            office_hours: a.office_hours,
            reason: a.reason_nl,
        }
    }
}

/// The numbers a crisis answer can give, from the domain, or none.
fn phones() -> Object {
    ObjectBuilder::new()
        .description(Some(
            "The number to call; null when the assigned SAVE worker's number is meant (it comes from the family's file)",
        ))
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([
            Type::String,
            Type::Null,
        ]))
        .enum_values(Some(
            PHONES
                .iter()
                .map(|p| serde_json::Value::from(*p))
                .chain([serde_json::Value::Null]),
        ))
        .build()
}
