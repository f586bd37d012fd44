//! The meeting's refusals as a professional and a program read them.

use axum::http::StatusCode;
use eenplan_domain::joint_assessment::MeetingError;

use super::pages::{DUE, OWNER, WHAT, row_id};
use super::texts::joint_assessment;
use crate::kit::problem::Problem;
use crate::kit::{Lang, Refusal};

impl Refusal for MeetingError {
    /// The page's form field; `None` for what the page says above its forms (a step the
    /// meeting's course does not allow, an organisation not invited, no actions). The
    /// API names its JSON members itself (see [`Refusal::problem`]).
    fn field(&self) -> Option<&'static str> {
        Some(match *self {
            MeetingError::InPast | MeetingError::MeetingDateImplausible(_) => "date",
            MeetingError::TooFewOrganisations
            | MeetingError::NotInvolved
            | MeetingError::RegisseurNotInvited => "invited",
            MeetingError::AbsenceReasonNeeded => "family_absence_reason",
            MeetingError::WorriesNeeded => "worries",
            MeetingError::ViewNeedsNeeded => "needs",
            MeetingError::NeedsRequired => "judgement_needs",
            MeetingError::ActionWhatNeeded(n) => row_id(WHAT, n),
            MeetingError::UnknownOwner(n) => row_id(OWNER, n),
            MeetingError::DueDateNeeded(n) | MeetingError::DueDateImplausible(n, _) => {
                row_id(DUE, n)
            }
            MeetingError::DifferencesNeeded => "differences",
            MeetingError::CancelReasonNeeded => "cancel_reason",
            MeetingError::NotInvited
            | MeetingError::AlreadyHeld
            | MeetingError::Cancelled
            | MeetingError::BeforeMeeting
            | MeetingError::NoActions => return None,
        })
    }

    fn text(&self, lang: Lang) -> &'static str {
        let (t, x) = (lang.texts(), joint_assessment(lang));
        match self {
            MeetingError::InPast => x.err_ja_past,
            MeetingError::MeetingDateImplausible(_) | MeetingError::DueDateImplausible(..) => {
                t.err_date_range
            }
            MeetingError::TooFewOrganisations
            | MeetingError::NotInvolved
            | MeetingError::RegisseurNotInvited => x.err_ja_invited,
            MeetingError::AbsenceReasonNeeded => x.err_ja_absence,
            MeetingError::NotInvited => x.err_ja_not_invited,
            MeetingError::WorriesNeeded
            | MeetingError::ViewNeedsNeeded
            | MeetingError::NeedsRequired
            | MeetingError::CancelReasonNeeded => t.err_required,
            MeetingError::AlreadyHeld | MeetingError::Cancelled => x.err_ja_done,
            MeetingError::BeforeMeeting => x.err_ja_too_early,
            MeetingError::NoActions => x.err_ja_no_actions,
            MeetingError::ActionWhatNeeded(_) => x.err_ja_action_what,
            MeetingError::UnknownOwner(_) => x.err_ja_action_owner,
            MeetingError::DueDateNeeded(_) => x.err_ja_action_due,
            MeetingError::DifferencesNeeded => x.err_ja_differences,
        }
    }

    /// A change of course that is no longer possible is a conflict, an organisation
    /// that was not invited is refused, the rest names its JSON member (an action by its
    /// place in `actions`), each with the refusal's own words in both languages.
    fn problem(&self) -> Problem {
        let e = *self;
        let said = (self.text(Lang::Nl), self.text(Lang::En));
        let member = match e {
            e if e.is_transition() => {
                return crate::kit::outcome::illegal_transition((
                    "Deze stap kan niet (meer)",
                    "This step is not (or no longer) possible",
                ))
                .detail_in(said);
            }
            MeetingError::NotInvited => {
                return Problem::titled(
                    StatusCode::FORBIDDEN,
                    "not-invited",
                    (
                        "Jouw organisatie is niet uitgenodigd",
                        "Your organisation is not invited",
                    ),
                )
                .detail_in(said);
            }
            MeetingError::InPast | MeetingError::MeetingDateImplausible(_) => "meets_at".to_owned(),
            MeetingError::TooFewOrganisations
            | MeetingError::NotInvolved
            | MeetingError::RegisseurNotInvited => "invited".to_owned(),
            MeetingError::AbsenceReasonNeeded => "family_absence_reason".to_owned(),
            MeetingError::WorriesNeeded => "worries".to_owned(),
            MeetingError::ViewNeedsNeeded | MeetingError::NeedsRequired => "needs".to_owned(),
            MeetingError::NoActions => "actions".to_owned(),
            MeetingError::ActionWhatNeeded(n) => format!("actions[{}].what", n - 1),
            MeetingError::UnknownOwner(n) => format!("actions[{}].owner", n - 1),
            MeetingError::DueDateNeeded(n) | MeetingError::DueDateImplausible(n, _) => {
                format!("actions[{}].due_on", n - 1)
            }
            MeetingError::DifferencesNeeded => "differences".to_owned(),
            MeetingError::CancelReasonNeeded => "reason".to_owned(),
            // Answered as conflicts above.
            MeetingError::AlreadyHeld | MeetingError::Cancelled | MeetingError::BeforeMeeting => {
                String::new()
            }
        };
        Problem::invalid_params().invalid_param_in(&member, self.code(), said)
    }
}
