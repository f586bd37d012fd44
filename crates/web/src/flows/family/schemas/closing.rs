//! Closing and reopening a file through the API.

use eenplan_domain::family::ClosingReason;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::kit::schema::codes;

/// Why the help ended, and an optional note (required with `other`). Read leniently: a
/// missing or unknown reason is named in the 400, like the pages' form.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct CloseFile {
    #[serde(default)]
    #[schema(required = true, schema_with = codes::<ClosingReason>)]
    pub reason: String,
    #[serde(default)]
    pub note: Option<String>,
}
