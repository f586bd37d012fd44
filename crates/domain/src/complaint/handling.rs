//! The course of one complaint: received, receipt confirmed, extended (with a notice and
//! its reason), decided with an outcome, a theme and the measures taken.
//!
//! Receipt is confirmed in writing (Awb art. 9:6; the Jeugdwet and Wkkgz regulations
//! do the same). An extension is told before the first term ends, with its reason (Awb
//! art. 9:11 lid 2, Wkkgz art. 17 lid 3: "schriftelijk mededeling"); a term that has run
//! out cannot be extended afterwards. Withdrawal and a solution in mediation close a
//! complaint like a decision does, so they are outcomes.

use jiff::civil::Date;

use super::procedure::{Procedure, decide_by};
use crate::calendar::StatutoryCalendar;
use crate::codes::code_list;

code_list! {
    /// Where a complaint is, as the complainant's status page says it.
    ComplaintState, "complaint state" {
        Received = "received", "Ontvangen", "Received";
        ReceiptConfirmed = "receipt_confirmed", "Ontvangst bevestigd", "Receipt confirmed";
        Extended = "extended", "Termijn verlengd", "Term extended";
        Decided = "decided", "Afgehandeld", "Decided";
    }
}

code_list! {
    /// How a complaint ended.
    ComplaintOutcome, "complaint outcome" {
        Founded = "founded", "Gegrond", "Upheld";
        PartlyFounded = "partly_founded", "Deels gegrond", "Partly upheld";
        Unfounded = "unfounded", "Ongegrond", "Not upheld";
        Withdrawn = "withdrawn", "Ingetrokken", "Withdrawn";
        Mediated = "mediated", "Opgelost in bemiddeling", "Resolved through mediation";
    }
}

code_list! {
    /// What a complaint is mainly about: one theme per complaint, so the analysis's
    /// counts add up to its total.
    Theme, "complaint theme" {
        Treatment = "treatment", "Bejegening", "Treatment by staff";
        Communication = "communication", "Communicatie", "Communication";
        Decision = "decision", "Besluit of maatregel", "Decision or measure";
        Privacy = "privacy", "Privacy", "Privacy";
        Reachability = "reachability", "Bereikbaarheid", "Reachability";
        Waiting = "waiting", "Wachttijd", "Waiting time";
        Expertise = "competence", "Deskundigheid", "Competence";
        Other = "other", "Anders", "Other";
    }
}

/// The decision on a complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub on: Date,
    pub outcome: ComplaintOutcome,
    pub theme: Theme,
    /// What the organisation changed, each in a sentence; empty when nothing.
    pub measures: Vec<String>,
}

/// One complaint's course, as the store loads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Complaint {
    pub procedure: Procedure,
    pub received_on: Date,
    pub confirmed_on: Option<Date>,
    /// The day the extension was told, and why.
    pub extended: Option<(Date, String)>,
    pub decision: Option<Decision>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HandlingError {
    #[error("the complaint has been decided")]
    AlreadyDecided,
    #[error("receipt has been confirmed already")]
    AlreadyConfirmed,
    #[error("the term has been extended already")]
    AlreadyExtended,
    #[error("say why the complaint needs more time")]
    ReasonNeeded,
    #[error("the extension must be told before the term ends")]
    TooLate,
    #[error("a date cannot be before the complaint was received")]
    BeforeReceipt,
    #[error("a date cannot be in the future")]
    InFuture,
}

impl Complaint {
    pub fn new(procedure: Procedure, received_on: Date) -> Self {
        Complaint {
            procedure,
            received_on,
            confirmed_on: None,
            extended: None,
            decision: None,
        }
    }

    pub fn state(&self) -> ComplaintState {
        if self.decision.is_some() {
            ComplaintState::Decided
        } else if self.extended.is_some() {
            ComplaintState::Extended
        } else if self.confirmed_on.is_some() {
            ComplaintState::ReceiptConfirmed
        } else {
            ComplaintState::Received
        }
    }

    /// The last day to decide, with the extension when it was told.
    pub fn decide_by(&self, cal: &StatutoryCalendar) -> Date {
        decide_by(
            cal,
            self.procedure,
            self.received_on,
            self.extended.is_some(),
        )
    }

    /// Days from receipt to decision, when decided.
    pub fn handling_days(&self) -> Option<i64> {
        self.decision
            .as_ref()
            .map(|d| i64::from((d.on - self.received_on).get_days()))
    }

    /// Whether the decision came within the term (extended or not).
    pub fn within_term(&self, cal: &StatutoryCalendar) -> Option<bool> {
        self.decision.as_ref().map(|d| d.on <= self.decide_by(cal))
    }

    fn check_day(&self, on: Date, today: Date) -> Result<(), HandlingError> {
        if self.decision.is_some() {
            return Err(HandlingError::AlreadyDecided);
        }
        if on > today {
            return Err(HandlingError::InFuture);
        }
        if on < self.received_on {
            return Err(HandlingError::BeforeReceipt);
        }
        Ok(())
    }

    pub fn confirm_receipt(&mut self, on: Date, today: Date) -> Result<(), HandlingError> {
        self.check_day(on, today)?;
        if self.confirmed_on.is_some() {
            return Err(HandlingError::AlreadyConfirmed);
        }
        self.confirmed_on = Some(on);
        Ok(())
    }

    pub fn extend(
        &mut self,
        cal: &StatutoryCalendar,
        on: Date,
        reason: &str,
        today: Date,
    ) -> Result<(), HandlingError> {
        self.check_day(on, today)?;
        if self.extended.is_some() {
            return Err(HandlingError::AlreadyExtended);
        }
        if reason.trim().is_empty() {
            return Err(HandlingError::ReasonNeeded);
        }
        if on > self.decide_by(cal) {
            return Err(HandlingError::TooLate);
        }
        self.extended = Some((on, reason.trim().to_owned()));
        Ok(())
    }

    /// Records the decision. Receipt need not have been confirmed separately: a
    /// complaint solved on the phone the day it came in is decided at once.
    pub fn decide(&mut self, decision: Decision, today: Date) -> Result<(), HandlingError> {
        self.check_day(decision.on, today)?;
        let measures = decision
            .measures
            .iter()
            .map(|m| m.trim().to_owned())
            .filter(|m| !m.is_empty())
            .collect();
        self.decision = Some(Decision {
            measures,
            ..decision
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_complaint_runs_its_course() {
        let cal = StatutoryCalendar::default();
        let today = date(2027, 3, 1);
        let mut c = Complaint::new(Procedure::Awb, date(2026, 12, 10));
        assert_eq!(c.state(), ComplaintState::Received);
        assert_eq!(
            c.confirm_receipt(date(2026, 12, 9), today),
            Err(HandlingError::BeforeReceipt)
        );
        c.confirm_receipt(date(2026, 12, 11), today).unwrap();
        assert_eq!(c.state(), ComplaintState::ReceiptConfirmed);
        assert_eq!(
            c.confirm_receipt(date(2026, 12, 11), today),
            Err(HandlingError::AlreadyConfirmed)
        );
        assert_eq!(
            c.extend(&cal, date(2027, 1, 5), "  ", today),
            Err(HandlingError::ReasonNeeded)
        );
        // The six weeks end on 21 January 2027; the 22nd is too late to extend.
        assert_eq!(
            c.extend(&cal, date(2027, 1, 22), "Hoorzitting", today),
            Err(HandlingError::TooLate)
        );
        c.extend(&cal, date(2027, 1, 21), "Hoorzitting nodig", today)
            .unwrap();
        assert_eq!(c.state(), ComplaintState::Extended);
        assert_eq!(c.decide_by(&cal), date(2027, 2, 18));
        let decision = Decision {
            on: date(2027, 2, 19),
            outcome: ComplaintOutcome::PartlyFounded,
            theme: Theme::Communication,
            measures: vec!["  ".into(), " Terugbelafspraak binnen twee dagen ".into()],
        };
        assert_eq!(
            c.decide(
                Decision {
                    on: date(2027, 3, 2),
                    ..decision.clone()
                },
                today
            ),
            Err(HandlingError::InFuture)
        );
        c.decide(decision, today).unwrap();
        assert_eq!(c.state(), ComplaintState::Decided);
        assert_eq!(
            c.decision.as_ref().unwrap().measures,
            vec!["Terugbelafspraak binnen twee dagen".to_string()]
        );
        assert_eq!(c.handling_days(), Some(71));
        assert_eq!(c.within_term(&cal), Some(false));
        assert_eq!(
            c.confirm_receipt(date(2027, 2, 20), today),
            Err(HandlingError::AlreadyDecided)
        );
    }
}
