//! The small bodies several flows share (an id that was created, a plan version, a
//! reason), so each is one schema in the document and one type in the code.

use axum::Json;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a request created.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    pub id: String,
    /// Only when adding a professional: whether it took over the lead (a handover,
    /// which is counted).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub handover: Option<bool>,
}

impl Created {
    pub fn id(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            handover: None,
        }
    }

    /// The 201 answer naming what was created.
    pub fn answer(id: impl Into<String>) -> (StatusCode, Json<Self>) {
        (StatusCode::CREATED, Json(Self::id(id)))
    }
}

/// A version that was written or is meant.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Version {
    pub version: i64,
}

/// Why something ends or changes; the flow refuses an empty one where a reason is due.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Reason {
    #[serde(default)]
    #[schema(required = true)]
    pub reason: String,
}
