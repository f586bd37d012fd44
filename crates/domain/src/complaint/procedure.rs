//! Which complaints procedure applies to an organisation, and its terms as data with
//! their source. Every term here is a calendar term counted from the day of receipt on
//! the statutory calendar ([`StatutoryCalendar::term_end`]): the day of receipt does not
//! count, and an end on a Saturday, Sunday, national holiday or equated day moves to the
//! next day that is none of those (Algemene termijnenwet art. 1 lid 1; art. 2 for the
//! two working days a term of three days or more must hold). Days inside the term are
//! not skipped: six weeks across Christmas are still six weeks.
//!
//! - Youth-care providers and certified institutions: the Jeugdwet's complaints
//!   procedure (art. 4.2.1: a complaints regulation with an independent committee,
//!   which decides within six weeks and may defer for at most four weeks, telling the
//!   complainant in writing). Veilig Thuis handles complaints by the same regulation
//!   (its klachtenregeling follows the Jeugdwet; Wmo 2015 art. 4.2.1 for the AMHK).
//! - The Raad voor de Kinderbescherming, municipal local teams and municipalities:
//!   administrative bodies under the Algemene wet bestuursrecht chapter 9 (art. 9:11:
//!   six weeks, deferrable by four with written notice; then the Nationale Ombudsman,
//!   art. 9:18).
//! - Health-care providers: the Wkkgz (art. 17: a written decision within six weeks,
//!   extendable by at most four with written notice; then the geschilleninstantie,
//!   art. 18).
//! - Schools have their own statutory complaints committees (onderwijswetten) and the
//!   police complain through Awb chapter 9 at the police itself: neither is handled here.

use jiff::civil::Date;

use crate::calendar::{StatutoryCalendar, Term};
use crate::codes::code_list;
use crate::organisation::OrganisationKind;

code_list! {
    /// The statutory complaints procedure an organisation follows.
    Procedure, "complaints procedure" {
        Jeugdwet = "jeugdwet", "Klachtenregeling Jeugdwet", "Youth Act complaints procedure";
        Awb = "awb", "Klachtbehandeling Algemene wet bestuursrecht", "General Administrative Law Act complaints procedure";
        Wkkgz = "wkkgz", "Klachtenregeling Wkkgz", "Healthcare Quality, Complaints and Disputes Act procedure";
    }
}

/// One procedure's terms, with where the law states them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProcedureTerms {
    pub procedure: Procedure,
    /// The term to decide, from the day of receipt.
    pub decide: Term,
    /// The most the decision may be deferred, counted on from the same day of receipt.
    pub extension: Term,
    /// The article, as the docs and the officer's page cite it.
    pub source: &'static str,
}

/// The terms, as data: one row per procedure.
pub const TERMS: [ProcedureTerms; 3] = [
    ProcedureTerms {
        procedure: Procedure::Jeugdwet,
        decide: Term::Weeks(6),
        extension: Term::Weeks(4),
        source: "Jeugdwet art. 4.2.1",
    },
    ProcedureTerms {
        procedure: Procedure::Awb,
        decide: Term::Weeks(6),
        extension: Term::Weeks(4),
        source: "Awb art. 9:11",
    },
    ProcedureTerms {
        procedure: Procedure::Wkkgz,
        decide: Term::Weeks(6),
        extension: Term::Weeks(4),
        source: "Wkkgz art. 17",
    },
];

impl Procedure {
    pub fn terms(self) -> ProcedureTerms {
        TERMS
            .iter()
            .copied()
            .find(|t| t.procedure == self)
            .unwrap_or(TERMS[0])
    }
}

/// The procedure for complaints about an organisation of `kind`; `None` where the
/// complaint belongs to another statutory route (schools, police).
pub fn procedure_for(kind: OrganisationKind) -> Option<Procedure> {
    use OrganisationKind as K;
    match kind {
        K::CertifiedInstitution | K::VeiligThuis => Some(Procedure::Jeugdwet),
        K::LocalTeam | K::Rvdk | K::Municipality => Some(Procedure::Awb),
        K::CareProvider => Some(Procedure::Wkkgz),
        K::School | K::Police => None,
    }
}

fn weeks(term: Term) -> u32 {
    match term {
        Term::Weeks(n) => n,
        Term::Days(n) | Term::WorkingDays(n) => n / 7,
        Term::Months(n) => n * 4,
    }
}

/// The last day to decide: the term from receipt, or with the extension added when it
/// was told. Both count from the day of receipt, so the extended end is six plus four
/// weeks from receipt, moved once (Atw art. 1), not the moved six-week end plus four.
pub fn decide_by(
    cal: &StatutoryCalendar,
    procedure: Procedure,
    received_on: Date,
    extended: bool,
) -> Date {
    let t = procedure.terms();
    let term = if extended {
        Term::Weeks(weeks(t.decide) + weeks(t.extension))
    } else {
        t.decide
    };
    cal.term_end(received_on, term)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn every_organisation_kind_has_its_route() {
        use OrganisationKind::*;
        for kind in OrganisationKind::ALL {
            let expected = match kind {
                CertifiedInstitution | VeiligThuis => Some(Procedure::Jeugdwet),
                LocalTeam | Rvdk | Municipality => Some(Procedure::Awb),
                CareProvider => Some(Procedure::Wkkgz),
                School | Police => None,
            };
            assert_eq!(procedure_for(*kind), expected, "{kind:?}");
        }
        for p in Procedure::ALL {
            assert_eq!(p.terms().procedure, *p);
        }
    }

    #[test]
    fn six_weeks_across_christmas_end_on_the_stated_date_when_it_is_a_working_day() {
        let cal = StatutoryCalendar::default();
        // 10 December 2026 (Thursday) + six weeks = Thursday 21 January 2027: the
        // holidays inside the term do not move it, only an end on a day off would.
        assert_eq!(
            decide_by(&cal, Procedure::Awb, date(2026, 12, 10), false),
            date(2027, 1, 21)
        );
        // Extended: ten weeks = Thursday 18 February 2027.
        assert_eq!(
            decide_by(&cal, Procedure::Awb, date(2026, 12, 10), true),
            date(2027, 2, 18)
        );
    }

    #[test]
    fn an_end_on_a_holiday_or_weekend_moves_to_the_next_working_day() {
        let cal = StatutoryCalendar::default();
        // 13 November 2026 + six weeks = Friday 25 December (Christmas), then Boxing
        // Day (Saturday) and Sunday: Monday 28 December.
        assert_eq!(
            decide_by(&cal, Procedure::Jeugdwet, date(2026, 11, 13), false),
            date(2026, 12, 28)
        );
        // 20 November 2026 + six weeks = Friday 1 January 2027 (New Year): Monday 4 January.
        assert_eq!(
            decide_by(&cal, Procedure::Wkkgz, date(2026, 11, 20), false),
            date(2027, 1, 4)
        );
        // Extended, from the same 13 November: ten weeks = Friday 22 January 2027.
        // The moved six-week end (28 December) plus four weeks would be 25 January.
        assert_eq!(
            decide_by(&cal, Procedure::Jeugdwet, date(2026, 11, 13), true),
            date(2027, 1, 22)
        );
        // A Saturday end: 7 November 2026 + six weeks = Saturday 19 December → Monday 21.
        assert_eq!(
            decide_by(&cal, Procedure::Awb, date(2026, 11, 7), false),
            date(2026, 12, 21)
        );
    }

    #[test]
    fn an_equated_day_moves_the_end_too() {
        // A royal decree equating Thursday 21 January 2027 (hypothetical) moves the end.
        let cal = StatutoryCalendar::new([date(2027, 1, 21)]);
        assert_eq!(
            decide_by(&cal, Procedure::Awb, date(2026, 12, 10), false),
            date(2027, 1, 22)
        );
    }
}
