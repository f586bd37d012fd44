//! The JSON API under `/api/v1` (Dutch government REST API design rules: JSON,
//! problem+json errors with field errors, an OpenAPI 3 document).

pub mod crisis;
pub mod evu;
pub mod families;
pub mod joint_assessment;
pub mod openapi;
pub mod protection_order;
pub mod save_guidance;
pub mod save_on_site;
pub mod veilig_thuis;

pub(crate) use crate::kit::dates::{parse_optional as optional_date, today};
