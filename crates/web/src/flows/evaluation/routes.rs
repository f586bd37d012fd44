//! The evaluation's routes: the page, its CSV and the API operation.

use eenplan_domain::policy::EVALUATION;

use super::{api, pages};
use crate::kit::route::{Entry, INVALID_FIELD, get};

pub fn routes() -> Vec<Entry> {
    vec![
        get("/evaluatie", EVALUATION, pages::show),
        get("/evaluatie.csv", EVALUATION, pages::csv),
        get("/api/v1/evaluation", EVALUATION, api::evaluation)
            .doc(
                "getEvaluation",
                "De cijfers van de pilots over een periode: alleen totalen, kleine aantallen als \"<5\"",
            )
            .ok::<api::EvaluationBody>(200, "De cijfers")
            .problems([INVALID_FIELD, (403, "Buiten wat je mag zien")]),
    ]
}
