//! The intake's refusals as a Veilig Thuis professional and a program read them.

use eenplan_domain::veilig_thuis::IntakeError;

use super::texts::veilig_thuis;
use crate::kit::outcome::{illegal_transition, in_domain_words};
use crate::kit::problem::Problem;
use crate::kit::{Lang, Refusal};

impl Refusal for IntakeError {
    /// `None` for an assessment the contact's course no longer allows.
    fn field(&self) -> Option<&'static str> {
        match self {
            IntakeError::ReporterNeeded => Some("reporter"),
            IntakeError::ChildBirthImplausible(_) => Some("child_birth"),
            IntakeError::FollowUpDateNeeded | IntakeError::FollowUpImplausible(_) => {
                Some("follow_up_on")
            }
            IntakeError::NotInEvuArea | IntakeError::BeforeReceipt => Some("outcome"),
            IntakeError::ReceivedInFuture | IntakeError::ReceivedImplausible(_) => {
                Some("received_at")
            }
            IntakeError::FindingsNeeded => Some("findings"),
            IntakeError::ReasoningNeeded => Some("reasoning"),
            IntakeError::AlreadyAssessed | IntakeError::AdviceHasNoAssessment => None,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            IntakeError::ReporterNeeded
            | IntakeError::FindingsNeeded
            | IntakeError::ReasoningNeeded => "required",
            _ => "rule",
        }
    }

    fn text(&self, lang: Lang) -> &'static str {
        let x = veilig_thuis(lang);
        match self {
            IntakeError::ReporterNeeded => x.err_vt_reporter,
            IntakeError::FollowUpDateNeeded => x.err_vt_follow_up,
            IntakeError::ChildBirthImplausible(_)
            | IntakeError::FollowUpImplausible(_)
            | IntakeError::ReceivedImplausible(_) => lang.texts().err_date_range,
            IntakeError::ReceivedInFuture => x.err_vt_future,
            IntakeError::FindingsNeeded => x.err_vt_findings,
            IntakeError::ReasoningNeeded => x.err_vt_reasoning,
            IntakeError::NotInEvuArea => x.err_vt_evu,
            IntakeError::AlreadyAssessed
            | IntakeError::AdviceHasNoAssessment
            | IntakeError::BeforeReceipt => x.err_vt_done,
        }
    }

    /// The API says the refusal's own words in both languages, under a 409 for a step
    /// the contact's course no longer allows.
    fn problem(&self) -> Problem {
        in_domain_words(
            self,
            illegal_transition((
                "Deze stap kan niet (meer)",
                "This step is not (or no longer) possible",
            )),
        )
    }
}
