//! How SAVE op locatie's refusals are said. A page says them in the visitor's language
//! at the form field they are about; the API says the same words in both languages and answers
//! who may not with 403, what cannot happen now with 409 and a field to fix with 400
//! (naming the request's member, which is not always the form's field).

use axum::http::StatusCode;
use eenplan_domain::save_on_site::OnSiteError;

use super::pages::STEP_FIELDS;
use super::texts::texts;
use crate::kit::problem::Problem;
use crate::kit::{Lang, Refusal};

impl Refusal for OnSiteError {
    /// The page's form field; every rule of this way of working is about one.
    fn field(&self) -> Option<&'static str> {
        use OnSiteError as E;
        Some(match self {
            E::NotTeamLead | E::WorkerNotOurs | E::WorkerInactive => "worker",
            E::NotLocalTeam => "team",
            E::EndBeforeStart
            | E::EndImplausible(_)
            | E::SlotEnded
            | E::ConsultationsAfterEnd(_) => "ends_on",
            E::StartImplausible(_) => "starts_on",
            E::DateImplausible(_)
            | E::NotAnOnSiteDay
            | E::DateInPast
            | E::DateInFuture
            | E::TooLongAgo => "when",
            E::WorkerDoubleBooked => "day",
            E::NotOfThisTeam => "asked_by",
            E::QuestionNeeded | E::QuestionIdentifying => "question",
            E::AdviceIdentifying
            | E::AdviceNeeded
            | E::NotTheWorker
            | E::AlreadyHeld
            | E::AlreadyCancelled
            | E::NotYetHeld(_) => "advice",
            E::StepIncomplete(n) => STEP_FIELDS
                .get(n.saturating_sub(1))
                .map_or("what_1", |(what, _)| *what),
            E::ConsentNeeded => "family",
            E::NotYours | E::ReasonNeeded => "reason",
            E::PeriodReversed => "van",
            E::PeriodTooLong => "tot",
        })
    }

    fn text(&self, lang: Lang) -> &'static str {
        use OnSiteError as E;
        let t = lang.texts();
        let x = texts(lang);
        match self {
            E::NotTeamLead => t.error_forbidden,
            E::WorkerNotOurs | E::WorkerInactive => x.err_so_worker,
            E::NotLocalTeam => x.err_so_team,
            E::EndBeforeStart => x.err_so_ends,
            E::StartImplausible(_) | E::EndImplausible(_) | E::DateImplausible(_) => {
                t.err_date_range
            }
            E::WorkerDoubleBooked => x.err_so_clash,
            E::SlotEnded => x.err_so_ended,
            E::ConsultationsAfterEnd(_) => x.err_so_after_end,
            E::NotOfThisTeam => x.err_so_not_team,
            E::QuestionNeeded | E::AdviceNeeded | E::ReasonNeeded => t.err_required,
            E::QuestionIdentifying | E::AdviceIdentifying => x.err_so_identifying,
            E::StepIncomplete(_) => x.err_so_step,
            E::NotAnOnSiteDay | E::DateInPast | E::DateInFuture | E::TooLongAgo => x.err_so_when,
            E::ConsentNeeded => x.err_so_consent,
            E::NotTheWorker => x.err_so_not_worker,
            E::AlreadyHeld | E::AlreadyCancelled => x.err_so_done,
            E::NotYetHeld(_) => x.so_advice_later,
            E::NotYours => x.err_so_not_yours,
            E::PeriodReversed => x.err_so_period_reversed,
            E::PeriodTooLong => x.err_so_period_long,
        }
    }

    fn problem(&self) -> Problem {
        use OnSiteError as E;
        let reason = (self.text(Lang::Nl), self.text(Lang::En));
        let status =
            |status, kind: &str, title| Problem::titled(status, kind, title).detail_in(reason);
        let field =
            |name: &str| Problem::invalid_params().invalid_param_in(name, self.code(), reason);
        match self {
            E::NotTeamLead | E::NotTheWorker | E::NotYours | E::NotOfThisTeam => status(
                StatusCode::FORBIDDEN,
                "forbidden",
                ("Niet toegestaan voor jou", "Not allowed for you"),
            ),
            E::WorkerDoubleBooked => status(
                StatusCode::CONFLICT,
                "schedule-conflict",
                ("Botst met het rooster", "Clashes with the schedule"),
            ),
            E::AlreadyHeld
            | E::AlreadyCancelled
            | E::NotYetHeld(_)
            | E::SlotEnded
            | E::ConsultationsAfterEnd(_) => status(
                StatusCode::CONFLICT,
                "illegal-transition",
                (
                    "Deze stap kan niet (meer)",
                    "This step is not (or no longer) possible",
                ),
            ),
            E::WorkerNotOurs | E::WorkerInactive => field("worker_id"),
            E::NotLocalTeam => field("team_id"),
            E::EndBeforeStart | E::EndImplausible(_) => field("ends_on"),
            E::StartImplausible(_) => field("starts_on"),
            E::QuestionNeeded | E::QuestionIdentifying => field("question"),
            E::AdviceNeeded | E::AdviceIdentifying => field("advice"),
            E::StepIncomplete(_) => field("next_steps"),
            E::NotAnOnSiteDay
            | E::DateInPast
            | E::DateInFuture
            | E::TooLongAgo
            | E::DateImplausible(_) => field("date"),
            E::ConsentNeeded => field("family_id"),
            E::ReasonNeeded => field("reason"),
            E::PeriodReversed => field("from"),
            E::PeriodTooLong => field("to"),
        }
    }
}
