//! SAVE-begeleiding in the voluntary framework: started only on the family's consent,
//! always alongside the regisseur (the partner model, never a handover), with explicit
//! goals in the family's plan, "as short as possible" (a review at most every three
//! months), and an end with an outcome.
//!
//! Sources: the seed texts (SAVE op locatie; Preventief Veilig Samen Verder: SAVE works
//! alongside the local team, briefly and in parallel).

use jiff::ToSpan;
use jiff::civil::Date;

use crate::codes::code_list;
use crate::family::consent::{ConsentFacts, ConsentStep};
use crate::organisation::OrganisationKind;

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

    pub fn months(self) -> u8 {
        self.months
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
    /// A guidance for this family is running already: one at a time, so the family
    /// knows whom it works with and the review dates stay one line.
    pub running: bool,
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
    #[error("a SAVE-begeleiding is running for this family already: review or end it first")]
    AlreadyRunning,
    #[error("write down what the review found: is the family safer, and why go on")]
    ReviewNoteNeeded,
    #[error("the review date lies before the start of the guidance")]
    ReviewBeforeStart,
    #[error("the review lies in the future: record a review on or before today")]
    ReviewInFuture,
    #[error("the planned end {0}: guidance is planned at most a year ahead, check the year")]
    EndImplausible(crate::text::DateOutOfRange),
    #[error("SAVE-begeleiding is given by a certified institution (SAVE or William Schrikker)")]
    NotCertifiedInstitution,
    #[error(
        "only the organisation giving the guidance, or the regisseur's side, reviews or ends it"
    )]
    NotYours,
}

/// One guidance at a time per family: the family knows whom it works with, and the
/// review dates stay one line.
pub fn one_at_a_time(running: bool) -> Result<(), GuidanceError> {
    if running {
        Err(GuidanceError::AlreadyRunning)
    } else {
        Ok(())
    }
}

/// Whether the guidance may start.
pub fn check_start(s: &StartGuidance<'_>) -> Result<(), GuidanceError> {
    if !s.voluntary {
        return Err(GuidanceError::NotVoluntary);
    }
    one_at_a_time(s.running)?;
    if !consent_holds(s.consents, s.save_organisation_id, s.today) {
        return Err(GuidanceError::ConsentNeeded);
    }
    if s.goals == 0 {
        return Err(GuidanceError::NoGoals);
    }
    if s.planned_end <= s.today {
        return Err(GuidanceError::EndInPast);
    }
    plausible_end(s.planned_end, s.today)
}

/// A planned end is an event of the work with the family: at most a year ahead (a
/// review moves it on), so 2099 or 20266 is a typing error.
fn plausible_end(planned_end: Date, today: Date) -> Result<(), GuidanceError> {
    crate::text::check_date(crate::text::DateKind::Event, planned_end, today)
        .map_err(GuidanceError::EndImplausible)
}

/// Whether the family's consent to SAVE-begeleiding by this organisation is in force:
/// needed to start, and to go on. When it is withdrawn, the guidance ends without result
/// for that reason ([`ENDED_BY_WITHDRAWAL`]).
pub fn consent_holds(consents: &[ConsentFacts], organisation_id: &str, today: Date) -> bool {
    consents.iter().any(|c| {
        c.step == ConsentStep::SaveGuidance
            && c.organisation_id.as_deref() == Some(organisation_id)
            && c.in_force(today)
    })
}

/// The end's reason when the family withdrew its consent.
pub const ENDED_BY_WITHDRAWAL: &str = "Het gezin trok de toestemming in";

/// Who gives the guidance: a professional of a certified institution, never the local
/// team itself (SAVE works alongside the regisseur).
pub fn check_giver(kind: OrganisationKind) -> Result<(), GuidanceError> {
    if kind == OrganisationKind::CertifiedInstitution {
        Ok(())
    } else {
        Err(GuidanceError::NotCertifiedInstitution)
    }
}

/// Reviews and the end are for the organisation giving the guidance and for the lead
/// (the regisseur's organisation or the legal basis); other partners follow it.
pub fn may_act(
    viewer_organisation: &str,
    guidance_organisation: &str,
    is_lead: bool,
) -> Result<(), GuidanceError> {
    if is_lead || viewer_organisation == guidance_organisation {
        Ok(())
    } else {
        Err(GuidanceError::NotYours)
    }
}

/// The next review: at most `policy` after `from`, and no later than the planned end,
/// because the end itself is a review moment.
pub fn next_review(policy: ReviewPolicy, from: Date, planned_end: Date) -> Date {
    policy.next_review(from).min(planned_end)
}

/// A review of a running guidance: it may move the planned end, but only to a day
/// after the review ("as short as possible" is asked again at every review). Going on
/// needs the family's consent still in force (it may have run out on its end date).
pub fn check_review(
    ended_already: bool,
    consented: bool,
    started_on: Date,
    reviewed_on: Date,
    today: Date,
    planned_end: Date,
    note: &str,
) -> Result<(), GuidanceError> {
    if ended_already {
        return Err(GuidanceError::AlreadyEnded);
    }
    if !consented {
        return Err(GuidanceError::ConsentNeeded);
    }
    if reviewed_on < started_on {
        return Err(GuidanceError::ReviewBeforeStart);
    }
    if reviewed_on > today {
        return Err(GuidanceError::ReviewInFuture);
    }
    if planned_end <= reviewed_on {
        return Err(GuidanceError::EndInPast);
    }
    plausible_end(planned_end, today)?;
    if note.trim().is_empty() {
        return Err(GuidanceError::ReviewNoteNeeded);
    }
    Ok(())
}

/// A review is due on its date; the SAVE worker's and the regisseur's work lists show
/// it from then on.
pub fn review_due(next_review_on: Date, today: Date) -> bool {
    today >= next_review_on
}

/// Whether the SAVE partner leaves the circle when the guidance ends. After scaling up
/// SAVE stays alongside while the step to the Raad is taken; otherwise its part ends.
pub fn ends_involvement(outcome: GuidanceOutcome) -> bool {
    outcome != GuidanceOutcome::ScaledUp
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
            running: false,
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
        // A planned end in year 9999 (or next year + 1 day) is a typing error.
        for far in [date(9999, 1, 1), date(2027, 11, 24)] {
            let mut typo = start(&given);
            typo.planned_end = far;
            assert!(matches!(
                check_start(&typo),
                Err(GuidanceError::EndImplausible(_))
            ));
        }
        let mut year_ahead = start(&given);
        year_ahead.planned_end = date(2027, 11, 23);
        assert_eq!(check_start(&year_ahead), Ok(()));
        let mut order = start(&given);
        order.voluntary = false;
        assert_eq!(check_start(&order), Err(GuidanceError::NotVoluntary));
        let mut second = start(&given);
        second.running = true;
        assert_eq!(check_start(&second), Err(GuidanceError::AlreadyRunning));
    }

    #[test]
    fn given_by_a_certified_institution_and_acted_on_by_it_or_the_lead() {
        assert_eq!(check_giver(OrganisationKind::CertifiedInstitution), Ok(()));
        for kind in [
            OrganisationKind::LocalTeam,
            OrganisationKind::VeiligThuis,
            OrganisationKind::CareProvider,
        ] {
            assert_eq!(
                check_giver(kind),
                Err(GuidanceError::NotCertifiedInstitution)
            );
        }
        assert_eq!(may_act("save", "save", false), Ok(()));
        assert_eq!(may_act("lokalis", "save", true), Ok(()));
        assert_eq!(may_act("ggz", "save", false), Err(GuidanceError::NotYours));
    }

    #[test]
    fn reviews_move_the_end_forward_only_while_running() {
        let started = date(2026, 9, 1);
        let today = date(2026, 11, 23);
        assert_eq!(
            check_review(
                false,
                true,
                started,
                today,
                today,
                date(2027, 1, 15),
                "veiliger"
            ),
            Ok(())
        );
        assert_eq!(
            check_review(
                true,
                true,
                started,
                today,
                today,
                date(2027, 1, 15),
                "veiliger"
            ),
            Err(GuidanceError::AlreadyEnded)
        );
        assert_eq!(
            check_review(
                false,
                true,
                started,
                date(2026, 8, 31),
                today,
                date(2027, 1, 15),
                "veiliger"
            ),
            Err(GuidanceError::ReviewBeforeStart)
        );
        assert_eq!(
            check_review(
                false,
                true,
                started,
                date(2026, 11, 24),
                today,
                date(2027, 1, 15),
                "veiliger"
            ),
            Err(GuidanceError::ReviewInFuture)
        );
        assert_eq!(
            check_review(false, true, started, today, today, today, "veiliger"),
            Err(GuidanceError::EndInPast)
        );
        assert_eq!(
            check_review(false, false, started, today, today, date(2027, 1, 15), "x"),
            Err(GuidanceError::ConsentNeeded)
        );
        assert_eq!(
            check_review(false, true, started, today, today, date(2027, 1, 15), " "),
            Err(GuidanceError::ReviewNoteNeeded)
        );
        // The next review: three months on, unless the planned end comes first.
        let policy = ReviewPolicy::default();
        assert_eq!(
            next_review(policy, today, date(2027, 6, 1)),
            date(2027, 2, 23)
        );
        assert_eq!(
            next_review(policy, today, date(2027, 1, 15)),
            date(2027, 1, 15)
        );
        assert!(review_due(date(2027, 1, 15), date(2027, 1, 15)));
        assert!(!review_due(date(2027, 1, 15), date(2027, 1, 14)));
    }

    #[test]
    fn consent_holds_only_in_force_for_that_organisation() {
        let today = date(2026, 11, 23);
        assert!(consent_holds(
            &[consent(ConsentStep::SaveGuidance, "save", false)],
            "save",
            today
        ));
        assert!(!consent_holds(
            &[consent(ConsentStep::SaveGuidance, "save", true)],
            "save",
            today
        ));
        assert!(!consent_holds(
            &[consent(ConsentStep::SaveGuidance, "wss", false)],
            "save",
            today
        ));
        assert!(!consent_holds(
            &[consent(ConsentStep::DataSharing, "save", false)],
            "save",
            today
        ));
    }

    #[test]
    fn save_stays_alongside_only_after_scaling_up() {
        assert!(ends_involvement(GuidanceOutcome::SafetyRestored));
        assert!(ends_involvement(GuidanceOutcome::EndedWithoutResult));
        assert!(!ends_involvement(GuidanceOutcome::ScaledUp));
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
