//! How the EVU's refusals are said. A page says them in the visitor's language at
//! their field, or at the top for the referral's state; the API keeps the domain's own
//! reason and answers the referral's state with 409.

use axum::http::StatusCode;
use eenplan_domain::evu::EvuError;

use crate::kit::outcome::{illegal_transition, in_domain_words};
use crate::kit::problem::Problem;
use crate::kit::{Lang, Refusal};

impl Refusal for EvuError {
    fn field(&self) -> Option<&'static str> {
        match self {
            EvuError::ReasonNeeded => Some("reason"),
            EvuError::NotACombination | EvuError::Duplicate => Some("user_ids"),
            EvuError::NotInEvuArea
            | EvuError::ConsentNeeded
            | EvuError::AlreadyOpen
            | EvuError::NotNew(_)
            | EvuError::NotAssigned
            | EvuError::ChangedMeanwhile
            | EvuError::NotAReferrer => None,
        }
    }

    fn text(&self, lang: Lang) -> &'static str {
        lang.pick(match self {
            EvuError::NotInEvuArea => (
                "Het gezin woont niet in een wijk waar het EVU werkt.",
                "The family does not live in a neighbourhood the EVU covers.",
            ),
            EvuError::ConsentNeeded => (
                "Leg eerst de toestemming van het gezin vast voor 'Expertiseteam Veiligheid Utrecht (EVU) betrekken'.",
                "Record the family's consent to 'Involve the EVU' first.",
            ),
            EvuError::ReasonNeeded => (
                "Beschrijf de zorgen of de reden.",
                "Describe the worries or the reason.",
            ),
            EvuError::AlreadyOpen => (
                "Er loopt al een EVU-aanmelding voor dit gezin.",
                "An EVU referral for this family is open already.",
            ),
            EvuError::NotACombination => (
                "Kies minstens twee professionals uit minstens twee organisaties.",
                "Choose at least two professionals from at least two organisations.",
            ),
            EvuError::Duplicate => ("Iemand staat er twee keer in.", "Someone is named twice."),
            EvuError::NotNew(_) => (
                "Deze aanmelding is al opgepakt of afgewezen.",
                "This referral has been taken up or declined already.",
            ),
            EvuError::NotAReferrer => (
                "Het lokale team schakelt het EVU in (Veilig Thuis brengt een melding in): vraag de regisseur.",
                "The local team calls in the EVU (Veilig Thuis brings in a report): ask the regisseur.",
            ),
            EvuError::ChangedMeanwhile => (
                "Iemand anders heeft deze aanmelding net gewijzigd: bekijk haar opnieuw.",
                "Someone else changed this referral just now: look at it again.",
            ),
            EvuError::NotAssigned => (
                "Alleen een aanmelding met een toegewezen combinatie sluit je af.",
                "Only a referral with an assigned combination is closed.",
            ),
        })
    }

    fn problem(&self) -> Problem {
        let step = if *self == EvuError::NotAReferrer {
            // Past the route's guard (the visitor leads the file), but not the one who
            // calls in the EVU: a conflict with the way of working, not a missing right.
            Problem::titled(
                StatusCode::CONFLICT,
                "not-a-referrer",
                (
                    "Het lokale team schakelt het EVU in",
                    "The local team calls in the EVU",
                ),
            )
        } else {
            illegal_transition(crate::kit::problem::in_both(|t| t.illegal_transition))
        };
        in_domain_words(self, step)
    }
}
