//! The JSON API under `/api/v1` (Dutch government REST API design rules: JSON,
//! problem+json errors with field errors, an OpenAPI 3 document).

pub mod consent;
pub mod crisis;
pub mod families;
pub mod me;
pub mod openapi;
pub mod session;
pub mod veilig_thuis;
// The chain's ways of working (issue 7).
pub mod evu;
pub mod save_guidance;
// SAVE op locatie
pub mod save_on_site;
// Joint assessment meeting and protection order request (issue 7, points 5 and 6).
pub mod joint_assessment;
pub mod protection_order;

/// The Dutch calendar day now: what "today" means for dates the API checks.
pub(crate) fn today() -> jiff::civil::Date {
    eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now())
}

/// An optional date field: absent or empty is none; anything else must be jjjj-mm-dd.
pub(crate) fn optional_date(value: Option<&str>) -> Result<Option<jiff::civil::Date>, jiff::Error> {
    value.filter(|s| !s.is_empty()).map(str::parse).transpose()
}
