//! The JSON API under `/api/v1` (Dutch government REST API design rules: JSON,
//! problem+json errors with field errors, an OpenAPI 3 document).

pub mod evu;
pub mod families;
pub mod openapi;
pub mod save_guidance;
pub mod save_on_site;

pub(crate) use crate::kit::dates::{parse_optional as optional_date, today};
