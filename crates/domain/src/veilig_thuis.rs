//! Veilig Thuis intake: an advice request or a report comes in, a report gets a safety
//! assessment within five working days (acute: at once), and ends in one outcome. A
//! state machine: every transition is checked here and refused with a reason.
//!
//! Sources: Wmo 2015 art. 4.1.1 and the Besluit Wmo 2015 (Veilig Thuis's tasks); the
//! "Handelingsprotocol Veilig Thuis" (veiligheidsbeoordeling binnen vijf werkdagen na
//! ontvangst; acute situations at once); the seed texts (the radar, the EVU, handing to
//! the local team while Veilig Thuis keeps a follow-up check).

use jiff::civil::Date;

use crate::UtcTime;
use crate::calendar::{StatutoryCalendar, Term};
use crate::codes::code_list;
use crate::text::{DateKind, DateOutOfRange, check_date};
use crate::time::amsterdam_date;

code_list! {
    ContactKind, "contact kind" {
        /// An adviesvraag: may stay anonymous, no safety assessment.
        AdviceRequest = "advice_request", "Adviesvraag", "Advice request";
        /// A melding: the reporter is known, a safety assessment follows.
        Report = "report", "Melding", "Report";
    }
}

code_list! {
    Reporter, "reporter" {
        Police = "police", "Politie", "Police";
        School = "school", "School", "School";
        HealthCare = "health_care", "Gezondheidszorg", "Health care";
        LocalTeam = "local_team", "Lokaal team", "Local team";
        Citizen = "citizen", "Burger", "Citizen";
        Other = "other", "Anders", "Other";
    }
}

code_list! {
    /// What the safety assessment decides.
    Outcome, "outcome" {
        Close = "close", "Afsluiten", "Close";
        /// The local team or existing help takes it on; Veilig Thuis checks back later.
        HandToLocalTeam = "hand_to_local_team", "Overdragen aan lokaal team of bestaande hulp", "Hand to the local team or existing help";
        ConditionsAndFollowUp = "conditions_and_follow_up", "Voorwaarden en vervolg", "Conditions and follow-up";
        /// Veilig Thuis investigates itself: the family's framework becomes `veilig_thuis`.
        Investigate = "investigate", "Onderzoek door Veilig Thuis", "Veilig Thuis investigates";
        AskRvdk = "ask_rvdk", "Verzoek tot onderzoek aan de Raad voor de Kinderbescherming", "Ask the Child Protection Board to investigate";
        /// Only where the family lives in a neighbourhood the EVU covers.
        BringIntoEvu = "bring_into_evu", "Inbrengen in het EVU", "Bring into the EVU";
    }
}

/// Where a contact is in its course.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntakeState {
    /// An advice request, answered and done.
    AdviceGiven,
    /// A report waiting for its safety assessment.
    AwaitingAssessment,
    /// Assessed; the outcome decides what follows.
    Assessed(Outcome),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IntakeError {
    #[error(
        "a report names who reported: police, school, health care, local team, citizen or other"
    )]
    ReporterNeeded,
    #[error("an advice request has no safety assessment; record it as a report if one is needed")]
    AdviceHasNoAssessment,
    #[error("this report has been assessed already; its outcome stands")]
    AlreadyAssessed,
    #[error("handing over to the local team needs a follow-up check date, after the assessment")]
    FollowUpDateNeeded,
    #[error("the EVU only takes families living in a neighbourhood it covers")]
    NotInEvuArea,
    #[error("the assessment cannot be dated before the report was received")]
    BeforeReceipt,
    #[error("the child's date of birth {0}")]
    ChildBirthImplausible(DateOutOfRange),
    #[error("the follow-up check date {0}")]
    FollowUpImplausible(DateOutOfRange),
    #[error("a contact cannot have been received in the future")]
    ReceivedInFuture,
    #[error("the moment of receipt {0}")]
    ReceivedImplausible(DateOutOfRange),
    #[error("the safety assessment records its findings: what Veilig Thuis found out")]
    FindingsNeeded,
    #[error("the safety assessment records its reasoning: why this outcome")]
    ReasoningNeeded,
}

/// The state a new contact starts in, received at `received` and typed in at `now`.
///
/// The professional says when the report or advice request came in (a report phoned in
/// at night is often typed in the next morning): the moment of receipt starts the
/// statutory term, so it can never lie in the future, and it must be a plausible date
/// of the work (`text::DateKind::Event`), so a mistyped year cannot move a deadline by
/// decades. Each child's date of birth, when the caller knows it, must be a plausible
/// one (`text::DateKind::Birth`) on the day of receipt: the radar matches files on it,
/// so a mistyped year would both hide the child's earlier signals and store a wrong
/// fact about them.
pub fn receive(
    kind: ContactKind,
    reporter: Option<Reporter>,
    child_births: &[Date],
    received: UtcTime,
    now: UtcTime,
) -> Result<IntakeState, IntakeError> {
    if received > now {
        return Err(IntakeError::ReceivedInFuture);
    }
    let today = amsterdam_date(now);
    let received_on = amsterdam_date(received);
    check_date(DateKind::Event, received_on, today).map_err(IntakeError::ReceivedImplausible)?;
    for birth in child_births {
        check_child_birth(*birth, received)?;
    }
    match (kind, reporter) {
        (ContactKind::AdviceRequest, _) => Ok(IntakeState::AdviceGiven),
        (ContactKind::Report, Some(_)) => Ok(IntakeState::AwaitingAssessment),
        (ContactKind::Report, None) => Err(IntakeError::ReporterNeeded),
    }
}

/// One child's date of birth, for a contact received at `received`: what `receive`
/// checks for every child, so a form can say which child's date is wrong.
pub fn check_child_birth(birth: Date, received: UtcTime) -> Result<(), IntakeError> {
    check_date(DateKind::Birth, birth, amsterdam_date(received))
        .map_err(IntakeError::ChildBirthImplausible)
}

/// The Dutch calendar day a contact received at `received` counts from: the day it came
/// in, not the day it was typed in.
pub fn received_on(received: UtcTime) -> Date {
    amsterdam_date(received)
}

/// When the safety assessment is due: the day received if acute, else five working
/// days after the day of receipt, counted on the statutory calendar (a legal term: the
/// Algemene termijnenwet's days do not count, including 5 May, Good Friday and the
/// days equated by royal decree).
pub fn assessment_due(received_on: Date, acute: bool, calendar: &StatutoryCalendar) -> Date {
    if acute {
        received_on
    } else {
        calendar.term_end(received_on, Term::WorkingDays(5))
    }
}

/// Overdue once the due day has passed without an assessment.
pub fn assessment_overdue(state: IntakeState, due: Date, today: Date) -> bool {
    state == IntakeState::AwaitingAssessment && today > due
}

/// The assessment's facts beyond its outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assessment<'a> {
    pub outcome: Outcome,
    /// What Veilig Thuis found out (the facts gathered, the signs of safety and danger):
    /// an outcome alone cannot be reviewed, explained to the family or taken over by a
    /// colleague.
    pub findings: &'a str,
    /// Why these findings lead to this outcome.
    pub reasoning: &'a str,
    pub assessed_on: Date,
    pub received_on: Date,
    /// For a hand-over: when Veilig Thuis checks back.
    pub follow_up_on: Option<Date>,
    pub lives_in_evu_area: bool,
}

/// The one legal transition out of `AwaitingAssessment`.
pub fn assess(state: IntakeState, a: Assessment<'_>) -> Result<IntakeState, IntakeError> {
    match state {
        IntakeState::AdviceGiven => return Err(IntakeError::AdviceHasNoAssessment),
        IntakeState::Assessed(_) => return Err(IntakeError::AlreadyAssessed),
        IntakeState::AwaitingAssessment => {}
    }
    if a.findings.trim().is_empty() {
        return Err(IntakeError::FindingsNeeded);
    }
    if a.reasoning.trim().is_empty() {
        return Err(IntakeError::ReasoningNeeded);
    }
    if a.assessed_on < a.received_on {
        return Err(IntakeError::BeforeReceipt);
    }
    // A follow-up check is planned work: within a year (`text::DateKind::Event`), so a
    // mistyped year does not silently drop the check from every list for decades.
    if let Some(follow_up) = a.follow_up_on {
        check_date(DateKind::Event, follow_up, a.assessed_on)
            .map_err(IntakeError::FollowUpImplausible)?;
    }
    match a.outcome {
        Outcome::HandToLocalTeam if a.follow_up_on.is_none_or(|d| d <= a.assessed_on) => {
            Err(IntakeError::FollowUpDateNeeded)
        }
        Outcome::BringIntoEvu if !a.lives_in_evu_area => Err(IntakeError::NotInEvuArea),
        outcome => Ok(IntakeState::Assessed(outcome)),
    }
}

/// Whether the outcome puts the family's file in the `veilig_thuis` framework with
/// this Veilig Thuis as its legal basis: when Veilig Thuis investigates, and when it
/// brings the report into the EVU, its legal task carries the work (Wmo 2015 art. 4.1.1).
pub fn places_under_legal_task(outcome: Outcome) -> bool {
    matches!(outcome, Outcome::Investigate | Outcome::BringIntoEvu)
}

/// Whether the report goes to the EVU as a new referral: brought in on purpose, or taken
/// into investigation for a family living in an EVU neighbourhood;
/// when the EVU already works with the family, the report joins that work instead.
pub fn goes_to_evu(outcome: Outcome, lives_in_evu_area: bool, referral_open: bool) -> bool {
    !referral_open
        && (outcome == Outcome::BringIntoEvu
            || (outcome == Outcome::Investigate && lives_in_evu_area))
}

/// The reason on an EVU referral that comes from a report: never the report's own
/// words, in which the reporter may be recognisable (Wmo 2015 art. 4.1.1: the reporter's
/// identity stays with Veilig Thuis).
pub const EVU_REFERRAL_REASON: &str =
    "Melding bij Veilig Thuis: ingebracht bij het EVU na de veiligheidsbeoordeling";

/// What the reporter is told after the assessment: what happened with the report, never
/// the family's details (Wmo 2015 art. 4.1.1 lid 2: terugkoppeling aan de melder).
pub fn reporter_feedback(outcome: Outcome) -> (&'static str, &'static str) {
    match outcome {
        Outcome::Close => (
            "Veilig Thuis heeft je melding beoordeeld en afgesloten: verdere bemoeienis van Veilig Thuis is nu niet nodig.",
            "Veilig Thuis assessed your report and closed it: no further involvement of Veilig Thuis is needed now.",
        ),
        Outcome::HandToLocalTeam => (
            "Veilig Thuis heeft je melding beoordeeld en overgedragen aan het lokale team of de hulp die er al is; Veilig Thuis gaat later na of het veilig is.",
            "Veilig Thuis assessed your report and handed it to the local team or the help already there; Veilig Thuis checks later whether it is safe.",
        ),
        Outcome::ConditionsAndFollowUp => (
            "Veilig Thuis heeft je melding beoordeeld en met de betrokkenen voorwaarden afgesproken; Veilig Thuis volgt of die worden nagekomen.",
            "Veilig Thuis assessed your report and agreed conditions with those involved; Veilig Thuis follows whether they are met.",
        ),
        Outcome::Investigate => (
            "Veilig Thuis heeft je melding beoordeeld en doet zelf onderzoek.",
            "Veilig Thuis assessed your report and investigates itself.",
        ),
        Outcome::AskRvdk => (
            "Veilig Thuis heeft je melding beoordeeld en de Raad voor de Kinderbescherming gevraagd onderzoek te doen.",
            "Veilig Thuis assessed your report and asked the Child Protection Board to investigate.",
        ),
        Outcome::BringIntoEvu => (
            "Veilig Thuis heeft je melding beoordeeld en ingebracht bij het Expertiseteam Veiligheid, dat de hulp met andere organisaties samen oppakt.",
            "Veilig Thuis assessed your report and brought it into the EVU, which takes up the help together with other organisations.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn legal_task_and_the_way_to_the_evu() {
        use Outcome::*;
        // (outcome, under Veilig Thuis's legal task, to the EVU in an EVU area, elsewhere)
        let table = [
            (Close, false, false, false),
            (HandToLocalTeam, false, false, false),
            (ConditionsAndFollowUp, false, false, false),
            (Investigate, true, true, false),
            (AskRvdk, false, false, false),
            (BringIntoEvu, true, true, true),
        ];
        assert_eq!(
            table.len(),
            Outcome::ALL.len(),
            "every outcome in the table"
        );
        for (outcome, legal, in_area, elsewhere) in table {
            assert_eq!(places_under_legal_task(outcome), legal, "{outcome:?}");
            assert_eq!(goes_to_evu(outcome, true, false), in_area, "{outcome:?}");
            assert_eq!(goes_to_evu(outcome, false, false), elsewhere, "{outcome:?}");
            assert!(
                !goes_to_evu(outcome, true, true),
                "{outcome:?}: joins the open referral"
            );
        }
    }

    fn assessment(outcome: Outcome) -> Assessment<'static> {
        Assessment {
            outcome,
            findings: "Gesprek met moeder en school; blauwe plekken gezien",
            reasoning: "Moeder werkt mee, de school houdt zicht",
            assessed_on: date(2026, 11, 25),
            received_on: date(2026, 11, 23),
            follow_up_on: None,
            lives_in_evu_area: false,
        }
    }

    #[test]
    fn the_five_working_day_deadline_across_weekends_and_holidays() {
        let cal = StatutoryCalendar::default();
        // Monday → Monday a week later.
        assert_eq!(
            assessment_due(date(2026, 11, 23), false, &cal),
            date(2026, 11, 30)
        );
        // Friday → the next Friday (the weekend does not count).
        assert_eq!(
            assessment_due(date(2026, 11, 27), false, &cal),
            date(2026, 12, 4)
        );
        // Received on a Saturday: Monday is the first of the five days.
        assert_eq!(
            assessment_due(date(2026, 11, 28), false, &cal),
            date(2026, 12, 4)
        );
        // Over Christmas 2026: 25 and 26 December do not count.
        assert_eq!(
            assessment_due(date(2026, 12, 22), false, &cal),
            date(2026, 12, 30)
        );
        // King's Day 2026 (Monday 27 April); 5 May comes after the fifth day.
        assert_eq!(
            assessment_due(date(2026, 4, 24), false, &cal),
            date(2026, 5, 4)
        );
        // Easter Monday and Ascension Day 2027.
        assert_eq!(
            assessment_due(date(2027, 3, 26), false, &cal),
            date(2027, 4, 5)
        );
        // 5 May 2027 (a Wednesday) and Ascension Day (6 May) do not count.
        assert_eq!(
            assessment_due(date(2027, 5, 3), false, &cal),
            date(2027, 5, 12)
        );
        // 2025: 5 May, Good Friday, and the Friday after Ascension once decreed.
        assert_eq!(
            assessment_due(date(2025, 4, 30), false, &cal),
            date(2025, 5, 8)
        );
        assert_eq!(
            assessment_due(date(2025, 4, 17), false, &cal),
            date(2025, 4, 28)
        );
        let decreed = StatutoryCalendar::new([date(2025, 5, 30)]);
        assert_eq!(
            assessment_due(date(2025, 5, 28), false, &decreed),
            date(2025, 6, 6)
        );
        // Acute: at once.
        assert_eq!(
            assessment_due(date(2026, 11, 28), true, &cal),
            date(2026, 11, 28)
        );
    }

    #[test]
    fn overdue_only_while_waiting_and_after_the_due_day() {
        let due = date(2026, 11, 30);
        assert!(!assessment_overdue(
            IntakeState::AwaitingAssessment,
            due,
            due
        ));
        assert!(assessment_overdue(
            IntakeState::AwaitingAssessment,
            due,
            date(2026, 12, 1)
        ));
        assert!(!assessment_overdue(
            IntakeState::Assessed(Outcome::Close),
            due,
            date(2026, 12, 1)
        ));
    }

    #[test]
    fn every_outcome_has_its_own_feedback_for_the_reporter() {
        let mut seen = Vec::new();
        for outcome in Outcome::ALL {
            let (nl, en) = reporter_feedback(*outcome);
            assert!(
                nl.starts_with("Veilig Thuis heeft je melding beoordeeld") && nl.ends_with('.')
            );
            assert!(en.ends_with('.'));
            assert!(!seen.contains(&nl), "{outcome:?}");
            seen.push(nl);
        }
    }

    #[test]
    fn legal_transitions_and_the_refused_ones() {
        let now = UtcTime::parse("2026-11-23T09:00:00Z").unwrap();
        assert_eq!(
            receive(ContactKind::AdviceRequest, None, &[], now, now),
            Ok(IntakeState::AdviceGiven)
        );
        assert_eq!(
            receive(ContactKind::Report, None, &[], now, now),
            Err(IntakeError::ReporterNeeded)
        );
        // A mistyped year in a child's date of birth, also the second child's; a birth on
        // the day itself is fine.
        let today = date(2026, 11, 23);
        for bad in [date(202, 3, 1), date(2206, 3, 1), date(2026, 11, 24)] {
            assert!(matches!(
                receive(ContactKind::AdviceRequest, None, &[today, bad], now, now),
                Err(IntakeError::ChildBirthImplausible(_))
            ));
        }
        assert_eq!(
            receive(
                ContactKind::Report,
                Some(Reporter::School),
                &[today],
                now,
                now
            ),
            Ok(IntakeState::AwaitingAssessment)
        );
        let waiting = receive(ContactKind::Report, Some(Reporter::School), &[], now, now).unwrap();
        for outcome in [
            Outcome::Close,
            Outcome::ConditionsAndFollowUp,
            Outcome::Investigate,
            Outcome::AskRvdk,
        ] {
            assert_eq!(
                assess(waiting, assessment(outcome)),
                Ok(IntakeState::Assessed(outcome))
            );
        }
        assert_eq!(
            assess(IntakeState::AdviceGiven, assessment(Outcome::Close)),
            Err(IntakeError::AdviceHasNoAssessment)
        );
        assert_eq!(
            assess(
                IntakeState::Assessed(Outcome::Close),
                assessment(Outcome::Investigate)
            ),
            Err(IntakeError::AlreadyAssessed)
        );
        let mut hand = assessment(Outcome::HandToLocalTeam);
        assert_eq!(assess(waiting, hand), Err(IntakeError::FollowUpDateNeeded));
        hand.follow_up_on = Some(date(2026, 11, 25));
        assert_eq!(
            assess(waiting, hand),
            Err(IntakeError::FollowUpDateNeeded),
            "after the assessment"
        );
        hand.follow_up_on = Some(date(2027, 1, 25));
        assert_eq!(
            assess(waiting, hand),
            Ok(IntakeState::Assessed(Outcome::HandToLocalTeam))
        );
        hand.follow_up_on = Some(date(2206, 1, 25));
        assert!(matches!(
            assess(waiting, hand),
            Err(IntakeError::FollowUpImplausible(_))
        ));
        let mut evu = assessment(Outcome::BringIntoEvu);
        assert_eq!(assess(waiting, evu), Err(IntakeError::NotInEvuArea));
        evu.lives_in_evu_area = true;
        assert_eq!(
            assess(waiting, evu),
            Ok(IntakeState::Assessed(Outcome::BringIntoEvu))
        );
        let mut early = assessment(Outcome::Close);
        early.assessed_on = date(2026, 11, 22);
        assert_eq!(assess(waiting, early), Err(IntakeError::BeforeReceipt));
        // An outcome alone is no assessment: its findings and reasoning are recorded.
        let mut bare = assessment(Outcome::Close);
        bare.findings = " ";
        assert_eq!(assess(waiting, bare), Err(IntakeError::FindingsNeeded));
        bare.findings = "Gesprek met de ouders";
        bare.reasoning = "";
        assert_eq!(assess(waiting, bare), Err(IntakeError::ReasoningNeeded));
    }

    #[test]
    fn receipt_is_never_in_the_future_and_starts_the_term() {
        let now = UtcTime::parse("2026-11-24T07:30:00Z").unwrap();
        let later = UtcTime::parse("2026-11-24T07:31:00Z").unwrap();
        assert_eq!(
            receive(ContactKind::Report, Some(Reporter::Police), &[], later, now),
            Err(IntakeError::ReceivedInFuture)
        );
        let long_ago = UtcTime::parse("1996-11-24T07:30:00Z").unwrap();
        assert!(matches!(
            receive(
                ContactKind::Report,
                Some(Reporter::Police),
                &[],
                long_ago,
                now
            ),
            Err(IntakeError::ReceivedImplausible(_))
        ));
        // Phoned in on Monday at 23:45 (Amsterdam), typed in on Tuesday morning: the
        // term counts from Monday, so the deadline is the next Monday, not Tuesday.
        let night = UtcTime::parse("2026-11-23T22:45:00Z").unwrap();
        assert_eq!(
            receive(ContactKind::Report, Some(Reporter::Police), &[], night, now),
            Ok(IntakeState::AwaitingAssessment)
        );
        let cal = StatutoryCalendar::default();
        assert_eq!(received_on(night), date(2026, 11, 23));
        assert_eq!(
            assessment_due(received_on(night), false, &cal),
            date(2026, 11, 30)
        );
        assert_eq!(
            assessment_due(received_on(now), false, &cal),
            date(2026, 12, 1),
            "typed in the next morning it would have been a day later"
        );
    }
}
