//! SAVE-begeleiding's bodies and their schemas.

use eenplan_domain::family::Expertise;
use eenplan_domain::save_guidance::GuidanceOutcome;
use eenplan_store::{Guidance, GuidanceReview};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::kit::schema::{codes, nullable_codes};

/// A guidance to start. The code and the date are read as text so that a wrong one is
/// named in the 400, not refused as malformed JSON.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = NewSaveGuidance)]
pub struct StartIn {
    /// Een professional van een gecertificeerde instelling
    pub worker_id: String,
    #[schema(schema_with = codes::<Expertise>)]
    pub expertise: String,
    /// Komen in het plan (veiligheidsdoelen)
    #[serde(default)]
    #[schema(required = true)]
    pub goals: Vec<String>,
    #[schema(format = Date)]
    pub planned_end: String,
    #[schema(minimum = 1, maximum = 3, value_type = u8, required = false)]
    pub review_months: Option<u8>,
}

/// A review of a running guidance; the planned end may move.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = SaveGuidanceReview)]
pub struct ReviewIn {
    /// Standaard vandaag
    #[schema(format = Date, value_type = String, required = false)]
    pub reviewed_on: Option<String>,
    #[schema(format = Date)]
    pub planned_end: String,
    /// An empty note is refused: the review says what it found.
    #[serde(default)]
    #[schema(required = true)]
    pub note: String,
}

/// How a guidance ends; without result it needs the reason.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = SaveGuidanceEnd)]
pub struct EndIn {
    #[schema(schema_with = codes::<GuidanceOutcome>)]
    pub outcome: String,
    #[serde(default)]
    pub reason: String,
}

/// When the guidance is to be reviewed next, after this review.
#[derive(Debug, Serialize, ToSchema)]
pub struct NextReview {
    #[schema(format = Date)]
    next_review_on: String,
}

/// The family's guidances, running and ended.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaveGuidanceList {
    guidances: Vec<SaveGuidance>,
}

/// A guidance with its goals, reviews and end.
#[derive(Debug, Serialize, ToSchema)]
struct SaveGuidance {
    id: String,
    organisation: SaveGuidanceOrganisation,
    worker: SaveGuidanceWorker,
    #[schema(schema_with = codes::<Expertise>)]
    expertise: &'static str,
    goals: Vec<String>,
    review_months: u8,
    #[schema(format = Date)]
    started_on: String,
    #[schema(format = Date)]
    planned_end: String,
    #[schema(format = Date)]
    next_review_on: String,
    review_due: bool,
    /// Null while the guidance runs.
    #[schema(format = Date, required = true)]
    ended_on: Option<String>,
    #[schema(schema_with = nullable_codes::<GuidanceOutcome>, required = true)]
    outcome: Option<&'static str>,
    end_reason: String,
    reviews: Vec<SaveGuidanceReviewDone>,
}

/// The certified institution that gives the guidance.
#[derive(Debug, Serialize, ToSchema)]
struct SaveGuidanceOrganisation {
    id: String,
    name: String,
}

#[derive(Debug, Serialize, ToSchema)]
struct SaveGuidanceWorker {
    id: String,
    name: String,
}

/// A review that was recorded (the request is `SaveGuidanceReview`).
#[derive(Debug, Serialize, ToSchema)]
struct SaveGuidanceReviewDone {
    #[schema(format = Date)]
    reviewed_on: String,
    #[schema(format = Date)]
    planned_end: String,
    #[schema(format = Date)]
    next_review_on: String,
    note: String,
}

impl NextReview {
    pub fn new(next_review_on: Date) -> Self {
        Self {
            next_review_on: next_review_on.to_string(),
        }
    }
}

impl SaveGuidanceList {
    pub fn new(guidances: &[Guidance], today: Date) -> Self {
        Self {
            guidances: guidances
                .iter()
                .map(|g| SaveGuidance::new(g, today))
                .collect(),
        }
    }
}

impl SaveGuidance {
    fn new(g: &Guidance, today: Date) -> Self {
        Self {
            id: g.id.clone(),
            organisation: SaveGuidanceOrganisation {
                id: g.organisation_id.to_string(),
                name: g.organisation_name.clone(),
            },
            worker: SaveGuidanceWorker {
                id: g.worker_id.clone(),
                name: g.worker_name.clone(),
            },
            expertise: g.expertise.code(),
            goals: g.goals.clone(),
            review_months: g.review_months,
            started_on: g.started_on.to_string(),
            planned_end: g.planned_end.to_string(),
            next_review_on: g.next_review_on.to_string(),
            review_due: g.review_due(today),
            ended_on: g.ended_on.map(|d| d.to_string()),
            outcome: g.outcome.map(|o| o.code()),
            end_reason: g.end_reason.clone(),
            reviews: g.reviews.iter().map(SaveGuidanceReviewDone::from).collect(),
        }
    }
}

impl From<&GuidanceReview> for SaveGuidanceReviewDone {
    fn from(r: &GuidanceReview) -> Self {
        Self {
            reviewed_on: r.reviewed_on.to_string(),
            planned_end: r.planned_end.to_string(),
            next_review_on: r.next_review_on.to_string(),
            note: r.note.clone(),
        }
    }
}
