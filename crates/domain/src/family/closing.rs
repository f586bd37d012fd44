//! Closing a family file when the help has ended, and reopening it when help is needed
//! again. A closed file stays readable for everyone who could read it (its history is
//! the family's); it only leaves the active lists, and its closing date starts the
//! retention term.
//!
//! Who: the lead's work ([`Need::Lead`](super::access::Need::Lead)): the regisseur's
//! organisation (and the team lead of the regisseur's team). The organisation a legal
//! basis names would also pass that test, but closing is refused while a legal basis
//! runs (below), so in practice it is the regisseur who closes. The route's policy asks
//! exactly that need; [`CLOSING_NEEDS`] names it so the rule and its test sit here.
//!
//! When it is refused, and why:
//! - a Veilig Thuis investigation or a child protection order runs (the framework is
//!   not voluntary): the legal basis, not the regisseur, decides when that work ends;
//!   the framework is changed back first (with its ground), then the file closes;
//! - SAVE-begeleiding runs: it carries out the plan, so the help has not ended;
//! - an EVU referral is open: the EVU's combination still works with the family;
//! - a request to the Raad voor de Kinderbescherming is open: its outcome may be an
//!   order that needs this file.
//!
//! Retention: the Jeugdwet (art. 7.3.8, as amended in 2020) keeps a youth-care file for
//! twenty years after the help ended, or longer where good care needs it; Rijksoverheid,
//! "Wat is de bewaartermijn voor een dossier jeugdhulp of jeugdbescherming?": "Een
//! dossier jeugdhulp blijft minimaal 20 jaar bestaan na afloop van de zorg". The closing
//! date is the day the help ended, so [`retention_ends_on`] is the earliest day the file
//! may be destroyed, never a date by which it must be. Longer terms for court orders
//! (until 30 years after majority) are the certified institution's own file, not this one.

use jiff::ToSpan;
use jiff::civil::Date;

use super::access::Need;
use super::framework::Framework;
use crate::codes::code_list;
use crate::text::{TextKind, TextProblem, check_text};

code_list! {
    ClosingReason, "closing reason" {
        /// The plan's safety goals are reached: the family is safe enough without help.
        GoalsReached = "goals_reached", "Doelen bereikt, veiligheid hersteld", "Goals reached, safety restored";
        /// The family moved to another region; its new local team takes over there.
        MovedAway = "moved_away", "Gezin verhuisd buiten de regio", "Family moved out of the region";
        /// Another organisation carries on the help outside this chain.
        HandedOver = "handed_over", "Hulp overgedragen aan een andere organisatie", "Help handed over to another organisation";
        /// In the voluntary framework the family may stop; the worries may remain.
        DeclinesHelp = "declines_help", "Gezin wil geen hulp meer (vrijwillig kader)", "Family wants no more help (voluntary framework)";
        /// The protection order ended and no further help is needed.
        OrderEnded = "order_ended", "Maatregel beëindigd", "Protection order ended";
        /// Anything else: the note says what.
        Other = "other", "Anders", "Other";
    }
}

/// What closing or reopening needs of the person acting: the lead's work.
pub const CLOSING_NEEDS: Need = Need::Lead;

/// How long a closed file is kept at least (Jeugdwet art. 7.3.8).
pub const RETENTION_YEARS: i16 = 20;

/// What the rule needs to know of the file now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClosingFacts {
    /// The day the file was closed, if it is closed.
    pub closed_on: Option<Date>,
    pub framework: Framework,
    pub guidance_running: bool,
    pub evu_open: bool,
    pub raad_request_open: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ClosingError {
    #[error("the file is already closed")]
    AlreadyClosed,
    #[error("the file is not closed")]
    NotClosed,
    #[error(
        "a legal basis runs (a Veilig Thuis investigation or a protection order): change the framework back to voluntary first"
    )]
    LegalBasisRuns,
    #[error("SAVE-begeleiding runs: end it first")]
    GuidanceRunning,
    #[error("an EVU referral is open: close it first")]
    EvuOpen,
    #[error("a request to the Raad voor de Kinderbescherming is open")]
    RaadRequestOpen,
    #[error("choose a reason from the list")]
    ReasonNeeded,
    #[error("say what the reason is: \"other\" needs a note")]
    NoteNeeded,
    #[error("the note {0}")]
    NoteText(TextProblem),
    #[error("the reason {0}")]
    ReasonText(TextProblem),
}

/// Whether the file may close now for `reason` with `note` (free text, may be empty).
pub fn check_close(
    facts: ClosingFacts,
    reason: Option<ClosingReason>,
    note: &str,
) -> Result<ClosingReason, ClosingError> {
    if facts.closed_on.is_some() {
        return Err(ClosingError::AlreadyClosed);
    }
    if facts.framework != Framework::Voluntary {
        return Err(ClosingError::LegalBasisRuns);
    }
    if facts.guidance_running {
        return Err(ClosingError::GuidanceRunning);
    }
    if facts.evu_open {
        return Err(ClosingError::EvuOpen);
    }
    if facts.raad_request_open {
        return Err(ClosingError::RaadRequestOpen);
    }
    let reason = reason.ok_or(ClosingError::ReasonNeeded)?;
    check_text(TextKind::Text, note).map_err(ClosingError::NoteText)?;
    if reason == ClosingReason::Other && note.trim().is_empty() {
        return Err(ClosingError::NoteNeeded);
    }
    Ok(reason)
}

/// Whether a closed file may reopen with this `reason` (required free text: why help is
/// needed again).
pub fn check_reopen(closed_on: Option<Date>, reason: &str) -> Result<(), ClosingError> {
    if closed_on.is_none() {
        return Err(ClosingError::NotClosed);
    }
    if reason.trim().is_empty() {
        return Err(ClosingError::ReasonNeeded);
    }
    check_text(TextKind::Text, reason).map_err(ClosingError::ReasonText)?;
    Ok(())
}

/// The first day a file closed on `closed_on` (a Dutch date) may be destroyed: twenty
/// years on. Twenty years from a 29 February is a leap day again except across a
/// century that is no leap year (2080 to 2100): then the term ends on 28 February,
/// the month's last day, rather than spilling into March.
pub fn retention_ends_on(closed_on: Date) -> Date {
    closed_on
        .checked_add(RETENTION_YEARS.years())
        .unwrap_or(Date::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn open() -> ClosingFacts {
        ClosingFacts {
            closed_on: None,
            framework: Framework::Voluntary,
            guidance_running: false,
            evu_open: false,
            raad_request_open: false,
        }
    }

    #[test]
    fn an_open_voluntary_file_with_nothing_running_closes_for_a_listed_reason() {
        assert_eq!(
            check_close(open(), Some(ClosingReason::GoalsReached), ""),
            Ok(ClosingReason::GoalsReached)
        );
        assert_eq!(
            check_close(open(), None, "klaar"),
            Err(ClosingError::ReasonNeeded)
        );
    }

    #[test]
    fn other_needs_a_note() {
        let other = Some(ClosingReason::Other);
        assert_eq!(
            check_close(open(), other, "  "),
            Err(ClosingError::NoteNeeded)
        );
        assert!(check_close(open(), other, "Gezin geëmigreerd").is_ok());
        assert!(matches!(
            check_close(open(), other, "a\u{0}b"),
            Err(ClosingError::NoteText(_))
        ));
    }

    #[test]
    fn running_work_or_a_legal_basis_keeps_the_file_open() {
        let reason = Some(ClosingReason::GoalsReached);
        let cases = [
            (
                ClosingFacts {
                    framework: Framework::CourtOrder,
                    ..open()
                },
                ClosingError::LegalBasisRuns,
            ),
            (
                ClosingFacts {
                    framework: Framework::VeiligThuis,
                    ..open()
                },
                ClosingError::LegalBasisRuns,
            ),
            (
                ClosingFacts {
                    guidance_running: true,
                    ..open()
                },
                ClosingError::GuidanceRunning,
            ),
            (
                ClosingFacts {
                    evu_open: true,
                    ..open()
                },
                ClosingError::EvuOpen,
            ),
            (
                ClosingFacts {
                    raad_request_open: true,
                    ..open()
                },
                ClosingError::RaadRequestOpen,
            ),
            (
                ClosingFacts {
                    closed_on: Some(date(2026, 1, 5)),
                    ..open()
                },
                ClosingError::AlreadyClosed,
            ),
        ];
        for (facts, error) in cases {
            assert_eq!(check_close(facts, reason, ""), Err(error), "{facts:?}");
        }
    }

    #[test]
    fn only_a_closed_file_reopens_and_only_with_a_reason() {
        let closed = Some(date(2026, 12, 3));
        assert_eq!(
            check_reopen(None, "nieuwe melding"),
            Err(ClosingError::NotClosed)
        );
        assert_eq!(check_reopen(closed, " "), Err(ClosingError::ReasonNeeded));
        assert_eq!(check_reopen(closed, "Nieuwe zorgen van school"), Ok(()));
    }

    #[test]
    fn the_retention_term_ends_twenty_years_after_closing() {
        assert_eq!(retention_ends_on(date(2026, 12, 3)), date(2046, 12, 3));
        assert_eq!(retention_ends_on(date(2028, 2, 29)), date(2048, 2, 29));
        assert_eq!(retention_ends_on(date(2080, 2, 29)), date(2100, 2, 28));
        assert_eq!(retention_ends_on(date(2025, 2, 28)), date(2045, 2, 28));
    }

    #[test]
    fn closing_is_the_leads_work_and_a_partner_is_refused() {
        use crate::family::access::{
            FamilyAccess, FileFacts, Involved, Refusal, Viewer, family_access,
        };
        use crate::family::involvement::InvolvementRole;
        use crate::organisation::OrganisationKind;
        use crate::role::Role;
        let involved = [
            Involved {
                user_id: "sanne",
                role: InvolvementRole::Regisseur,
                organisation_id: "buurtteam",
                team_id: Some("team-oost"),
            },
            Involved {
                user_id: "thomas",
                role: InvolvementRole::Partner,
                organisation_id: "save",
                team_id: None,
            },
        ];
        let facts = FileFacts {
            involved: &involved,
            framework: Framework::Voluntary,
            basis_organisation: None,
            consents: &[],
            emergency_until: None,
        };
        let viewer = |user_id, organisation_id, kind| Viewer {
            user_id,
            organisation_id,
            organisation_kind: kind,
            team_id: None,
            roles: &[Role::Professional],
        };
        let now = crate::UtcTime::now();
        let regisseur = viewer("sanne", "buurtteam", OrganisationKind::LocalTeam);
        let partner = viewer("thomas", "save", OrganisationKind::CertifiedInstitution);
        assert!(family_access(regisseur, facts, CLOSING_NEEDS, now).granted());
        assert_eq!(
            family_access(partner, facts, CLOSING_NEEDS, now),
            FamilyAccess::Refused(Refusal::LeadOnly)
        );
    }
}
