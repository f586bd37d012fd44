//! The JSON API under `/api/v1` (Dutch government REST API design rules: JSON,
//! problem+json errors with field errors, an OpenAPI 3 document).

pub mod consent;
pub mod families;
pub mod me;
pub mod openapi;
pub mod session;

pub(crate) use crate::kit::dates::{parse_optional as optional_date, today};
