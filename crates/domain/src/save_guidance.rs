//! SAVE-begeleiding in the voluntary framework: started only on the family's consent,
//! always alongside the regisseur (the partner model, never a handover), with explicit
//! goals in the family's plan, "as short as possible" (a review at most every three
//! months), and an end with an outcome.
//!
//! Sources: the seed texts (SAVE op locatie; Preventief Veilig Samen Verder: SAVE works
//! alongside the local team, briefly and in parallel); issue 7, point 3.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::codes::code_list;
use crate::family::consent::{ConsentFacts, ConsentStep};

/// How often a running guidance is reviewed. Configurable, but never less often than
/// every three months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewPolicy {
    months: u8,
}

/// The longest a guidance may run without a review.
pub const MAX_REVIEW_MONTHS: u8 = 3;

impl Default for ReviewPolicy {
    fn default() -> Self {
        Self {
            months: MAX_REVIEW_MONTHS,
        }
    }
}

impl ReviewPolicy {
    pub fn every(months: u8) -> Result<Self, GuidanceError> {
        if (1..=MAX_REVIEW_MONTHS).contains(&months) {
            Ok(Self { months })
        } else {
            Err(GuidanceError::ReviewTooRare)
        }
    }

    /// The next review after a start or a review on `from`.
    pub fn next_review(self, from: Date) -> Date {
        from.checked_add(i64::from(self.months).months())
            .unwrap_or(from)
    }
}

code_list! {
    GuidanceOutcome, "guidance outcome" {
        SafetyRestored = "safety_restored", "Veiligheid hersteld", "Safety restored";
        /// Voluntary help did not reach safety: a protection order request follows.
        ScaledUp = "scaled_up", "Opgeschaald naar een verzoek tot onderzoek", "Scaled up to a protection order request";
        EndedWithoutResult = "ended_without_result", "Beëindigd zonder resultaat", "Ended without result";
    }
}

/// What starting a guidance proposes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartGuidance<'a> {
    pub save_organisation_id: &'a str,
    pub consents: &'a [ConsentFacts],
    /// Goals written into the family's plan for this guidance.
    pub goals: usize,
    pub planned_end: Date,
    pub today: Date,
    /// The framework is voluntary (under a legal basis, other rules lead).
    pub voluntary: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GuidanceError {
    #[error(
        "SAVE-begeleiding starts only on the family's consent to the step 'Start SAVE-begeleiding' for this organisation"
    )]
    ConsentNeeded,
    #[error("SAVE-begeleiding is a way of working in the voluntary framework")]
    NotVoluntary,
    #[error("write the guidance's goals into the family's plan first")]
    NoGoals,
    #[error("the planned end lies in the past: plan an end date to come")]
    EndInPast,
    #[error("a review at most every {MAX_REVIEW_MONTHS} months: as short as possible")]
    ReviewTooRare,
    #[error("ending without result needs the reason")]
    ReasonNeeded,
    #[error("this guidance has ended already")]
    AlreadyEnded,
}

/// Whether the guidance may start.
pub fn check_start(s: &StartGuidance<'_>) -> Result<(), GuidanceError> {
    if !s.voluntary {
        return Err(GuidanceError::NotVoluntary);
    }
    let consented = s.consents.iter().any(|c| {
        c.step == ConsentStep::SaveGuidance
            && c.organisation_id.as_deref() == Some(s.save_organisation_id)
            && c.in_force(s.today)
    });
    if !consented {
        return Err(GuidanceError::ConsentNeeded);
    }
    if s.goals == 0 {
        return Err(GuidanceError::NoGoals);
    }
    if s.planned_end <= s.today {
        return Err(GuidanceError::EndInPast);
    }
    Ok(())
}

/// Whether a running guidance may end this way.
pub fn check_end(
    ended_already: bool,
    outcome: GuidanceOutcome,
    reason: &str,
) -> Result<(), GuidanceError> {
    if ended_already {
        return Err(GuidanceError::AlreadyEnded);
    }
    if outcome == GuidanceOutcome::EndedWithoutResult && reason.trim().is_empty() {
        return Err(GuidanceError::ReasonNeeded);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::consent::DataCategory;
    use jiff::civil::date;

    fn consent(step: ConsentStep, org: &str, withdrawn: bool) -> ConsentFacts {
        ConsentFacts {
            step,
            organisation_id: Some(org.into()),
            categories: vec![DataCategory::Identity, DataCategory::Plan],
            given_on: date(2026, 11, 1),
            ends_on: None,
            withdrawn,
        }
    }

    fn start(consents: &[ConsentFacts]) -> StartGuidance<'_> {
        StartGuidance {
            save_organisation_id: "save",
            consents,
            goals: 2,
            planned_end: date(2027, 2, 23),
            today: date(2026, 11, 23),
            voluntary: true,
        }
    }

    #[test]
    fn starts_only_on_consent_with_goals_and_an_end_to_come() {
        let given = [consent(ConsentStep::SaveGuidance, "save", false)];
        assert_eq!(check_start(&start(&given)), Ok(()));
        assert_eq!(check_start(&start(&[])), Err(GuidanceError::ConsentNeeded));
        let withdrawn = [consent(ConsentStep::SaveGuidance, "save", true)];
        assert_eq!(
            check_start(&start(&withdrawn)),
            Err(GuidanceError::ConsentNeeded)
        );
        let other_step = [consent(ConsentStep::DataSharing, "save", false)];
        assert_eq!(
            check_start(&start(&other_step)),
            Err(GuidanceError::ConsentNeeded)
        );
        let other_org = [consent(ConsentStep::SaveGuidance, "wss", false)];
        assert_eq!(
            check_start(&start(&other_org)),
            Err(GuidanceError::ConsentNeeded)
        );
        let mut no_goals = start(&given);
        no_goals.goals = 0;
        assert_eq!(check_start(&no_goals), Err(GuidanceError::NoGoals));
        let mut past = start(&given);
        past.planned_end = past.today;
        assert_eq!(check_start(&past), Err(GuidanceError::EndInPast));
        let mut order = start(&given);
        order.voluntary = false;
        assert_eq!(check_start(&order), Err(GuidanceError::NotVoluntary));
    }

    #[test]
    fn reviewed_at_most_every_three_months() {
        assert_eq!(
            ReviewPolicy::default().next_review(date(2026, 11, 23)),
            date(2027, 2, 23)
        );
        assert_eq!(
            ReviewPolicy::every(1)
                .unwrap()
                .next_review(date(2027, 1, 31)),
            date(2027, 2, 28)
        );
        assert_eq!(ReviewPolicy::every(4), Err(GuidanceError::ReviewTooRare));
        assert_eq!(ReviewPolicy::every(0), Err(GuidanceError::ReviewTooRare));
    }

    #[test]
    fn ends_once_with_an_outcome_and_a_reason_when_without_result() {
        assert_eq!(
            check_end(false, GuidanceOutcome::SafetyRestored, ""),
            Ok(())
        );
        assert_eq!(check_end(false, GuidanceOutcome::ScaledUp, ""), Ok(()));
        assert_eq!(
            check_end(false, GuidanceOutcome::EndedWithoutResult, " "),
            Err(GuidanceError::ReasonNeeded)
        );
        assert_eq!(
            check_end(
                false,
                GuidanceOutcome::EndedWithoutResult,
                "Gezin verhuisd naar Groningen"
            ),
            Ok(())
        );
        assert_eq!(
            check_end(true, GuidanceOutcome::SafetyRestored, ""),
            Err(GuidanceError::AlreadyEnded)
        );
    }
}
