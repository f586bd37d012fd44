//! How SAVE-begeleiding's refusals are said. A page says them in the visitor's
//! language at their field, or at the top for the state of things; the API keeps the
//! domain's own reason and answers the state of things with 409 (403 for a guidance
//! that is not the caller's).

use axum::http::StatusCode;
use eenplan_domain::save_guidance::GuidanceError;

use crate::kit::outcome::{illegal_transition, in_domain_words};
use crate::kit::problem::Problem;
use crate::kit::{Lang, Refusal};

impl Refusal for GuidanceError {
    fn field(&self) -> Option<&'static str> {
        match self {
            GuidanceError::NoGoals => Some("goals"),
            GuidanceError::EndInPast | GuidanceError::EndImplausible(_) => Some("planned_end"),
            GuidanceError::ReviewTooRare => Some("review_months"),
            GuidanceError::ReasonNeeded => Some("reason"),
            GuidanceError::ReviewNoteNeeded => Some("note"),
            GuidanceError::ReviewBeforeStart | GuidanceError::ReviewInFuture => Some("reviewed_on"),
            GuidanceError::NotCertifiedInstitution => Some("worker_id"),
            GuidanceError::ConsentNeeded
            | GuidanceError::NotVoluntary
            | GuidanceError::AlreadyRunning
            | GuidanceError::AlreadyEnded
            | GuidanceError::NotYours => None,
        }
    }

    fn text(&self, lang: Lang) -> &'static str {
        lang.pick(match self {
            GuidanceError::ConsentNeeded => (
                "Het gezin heeft nog geen toestemming gegeven voor 'Start SAVE-begeleiding' voor deze organisatie. Leg die eerst vast.",
                "The family has not consented to 'Start SAVE guidance' for this organisation yet. Record that first.",
            ),
            GuidanceError::NotVoluntary => (
                "SAVE-begeleiding hoort bij het vrijwillig kader.",
                "SAVE guidance belongs to the voluntary framework.",
            ),
            GuidanceError::NoGoals => (
                "Schrijf minstens één doel op.",
                "Write down at least one goal.",
            ),
            GuidanceError::EndInPast => (
                "Kies een einddatum in de toekomst.",
                "Choose an end date in the future.",
            ),
            GuidanceError::EndImplausible(_) => (
                "Deze einddatum kan niet kloppen: plan hoogstens een jaar vooruit en controleer het jaar.",
                "This end date cannot be right: plan at most a year ahead and check the year.",
            ),
            GuidanceError::ReviewTooRare => (
                "Evalueer minstens elke drie maanden.",
                "Review at least every three months.",
            ),
            GuidanceError::ReasonNeeded => (
                "Geef de reden bij beëindigen zonder resultaat.",
                "Give the reason when ending without result.",
            ),
            GuidanceError::AlreadyEnded => (
                "Deze begeleiding is al beëindigd.",
                "This guidance has ended already.",
            ),
            GuidanceError::AlreadyRunning => (
                "Er loopt al een SAVE-begeleiding: evalueer of beëindig die eerst.",
                "A SAVE guidance is running already: review or end it first.",
            ),
            GuidanceError::ReviewNoteNeeded => (
                "Schrijf op wat de evaluatie opleverde.",
                "Write down what the review found.",
            ),
            GuidanceError::ReviewBeforeStart => (
                "De evaluatie ligt vóór de start.",
                "The review lies before the start.",
            ),
            GuidanceError::ReviewInFuture => (
                "Een evaluatie leg je vast op of vóór vandaag.",
                "Record a review on or before today.",
            ),
            GuidanceError::NotCertifiedInstitution => (
                "Kies een medewerker van een gecertificeerde instelling (SAVE of William Schrikker).",
                "Choose a worker of a certified institution (SAVE or William Schrikker).",
            ),
            GuidanceError::NotYours => (
                "Alleen de organisatie die begeleidt, of de regie, evalueert of beëindigt.",
                "Only the organisation giving the guidance, or the lead, reviews or ends it.",
            ),
        })
    }

    fn problem(&self) -> Problem {
        let step = if *self == GuidanceError::NotYours {
            Problem::titled(
                StatusCode::FORBIDDEN,
                "not-yours",
                ("Niet jouw begeleiding", "Not your guidance"),
            )
        } else {
            illegal_transition(crate::kit::problem::in_both(|t| t.illegal_transition))
        };
        in_domain_words(self, step)
    }
}
