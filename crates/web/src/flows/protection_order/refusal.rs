//! The request's refusals as the regisseur, the Raad and a program read them.

use axum::http::StatusCode;
use eenplan_domain::protection_order::OrderError;

use super::texts::protection_order;
use crate::kit::problem::Problem;
use crate::kit::{Lang, Refusal};

/// Where a date rule points when the step has no date field of its own.
const DATE: &str = "date";

impl Refusal for OrderError {
    /// `None` for a step the request's course does not allow (now); the API member
    /// names, date rules at [`DATE`] (see [`InStep`]).
    fn field(&self) -> Option<&'static str> {
        Some(match self {
            e if e.is_transition() => return None,
            OrderError::NoChild | OrderError::NotAChild(_) => "children",
            OrderError::GroundsNeeded => "grounds",
            OrderError::TriedNeeded => "tried",
            OrderError::NotRvdk => "rvdk_organisation_id",
            OrderError::ReasonNeeded => "reason",
            OrderError::MeasureNotPetitioned => "measure",
            OrderError::EndDateNeeded
            | OrderError::EndBeforeDecision
            | OrderError::TooLong
            | OrderError::NoEndForCustody => "ends_on",
            OrderError::NotCertified => "institution_id",
            _ => DATE,
        })
    }

    fn text(&self, lang: Lang) -> &'static str {
        let x = protection_order(lang);
        match self {
            OrderError::NoChild | OrderError::NotAChild(_) => x.err_po_children,
            OrderError::GroundsNeeded | OrderError::TriedNeeded | OrderError::ReasonNeeded => {
                lang.texts().err_required
            }
            OrderError::NotRvdk => x.err_po_raad,
            OrderError::OpenRequest => x.err_po_open,
            OrderError::AlreadyTakenUp
            | OrderError::NotYetInvestigated
            | OrderError::OutcomeGiven
            | OrderError::NotPetitioned
            | OrderError::AlreadyDecided => x.err_po_done,
            OrderError::InFuture => x.err_po_future,
            OrderError::BeforeRequest
            | OrderError::BeforeInvestigation
            | OrderError::BeforePetition => x.err_po_before,
            OrderError::MeasureNotPetitioned => x.err_po_measure,
            OrderError::EndDateNeeded | OrderError::EndBeforeDecision | OrderError::TooLong => {
                x.err_po_end
            }
            OrderError::NoEndForCustody => x.err_po_no_end,
            OrderError::NotCertified => x.err_po_institution,
        }
    }

    /// The API says the refusal's own words, in both languages.
    fn problem(&self) -> Problem {
        problem(self, self.field())
    }
}

/// A refusal in one of the Raad's steps: its date rules point at the step's own date
/// field (`started_on`, `concluded_on`, `decided_on`).
pub struct InStep<'a>(pub &'a OrderError, pub &'static str);

impl Refusal for InStep<'_> {
    fn field(&self) -> Option<&'static str> {
        match self.0.field() {
            Some(DATE) => Some(self.1),
            field => field,
        }
    }

    fn code(&self) -> &'static str {
        self.0.code()
    }

    fn text(&self, lang: Lang) -> &'static str {
        self.0.text(lang)
    }

    fn problem(&self) -> Problem {
        problem(self, self.field())
    }
}

fn problem(e: &impl Refusal, field: Option<&str>) -> Problem {
    let said = (e.text(Lang::Nl), e.text(Lang::En));
    match field {
        Some(field) => Problem::invalid_params().invalid_param_in(field, "rule", said),
        None => Problem::titled(
            StatusCode::CONFLICT,
            "illegal-transition",
            (
                "Deze stap kan niet (meer)",
                "This step is not (or no longer) possible",
            ),
        )
        .detail_in(said),
    }
}
