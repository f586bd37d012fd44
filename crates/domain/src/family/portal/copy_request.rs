//! A full copy of the file on request: the portal shows no working notes, but a
//! family member may ask for a copy of everything the file holds about them (AVG art.
//! 15(3); Jeugdwet art. 7.3.10 for the betrokkene's inzage and afschrift). The request
//! lands with the privacy officer, who reviews a complete export (leaving out what would
//! harm others, AVG art. 15(4), Jeugdwet art. 7.3.11 lid 1) and hands it over within the
//! term.
//!
//! The term (AVG art. 12(3)): one month from receipt; extendable by two further months
//! where the request's complexity or the number of requests makes it necessary, if the
//! person is told of the extension and its reasons within the first month. Counted on
//! the statutory calendar ([`StatutoryCalendar::term_end`]): the day of receipt does not
//! count, a month ends on the same date (or the month's last day), and an end on a
//! weekend or holiday moves to the next working day — the rule EU Regulation 1182/71
//! art. 3 sets for terms in EU acts, which the Algemene termijnenwet mirrors.
//!
//! Who may ask: any member of 12 or older (their own data); for a child under 12 the
//! parents with custody ask (they exercise the child's rights, Jeugdwet art. 7.3.4), so
//! the request is theirs.

use jiff::civil::Date;

use super::custody::{FamilyFacts, Relation, Stage, stage_on};
use crate::calendar::{StatutoryCalendar, Term};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CopyRequestError {
    #[error("the person asking is not a member of this family")]
    NotAMember,
    #[error("a child under 12 asks through the parents with custody")]
    TooYoung,
    #[error("a request cannot be received in the future")]
    InFuture,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ExtensionError {
    #[error("say why the copy needs more time")]
    ReasonNeeded,
    #[error("the extension must be told within the first month of the request")]
    TooLate,
    #[error("the extension cannot be told before the request was received")]
    BeforeRequest,
    #[error("the extension cannot be dated in the future")]
    InFuture,
    #[error("the term was extended already: it is extended once, by two months")]
    AlreadyExtended,
    #[error("the copy was handed over already")]
    HandedOver,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HandOverError {
    #[error("the copy cannot be handed over before the request was received")]
    BeforeRequest,
    #[error("the hand-over cannot be dated in the future")]
    InFuture,
    #[error("the copy was handed over already")]
    AlreadyHandedOver,
}

/// Whether `requester` may ask for a copy, received on `received_on`.
pub fn check_copy_request(
    facts: FamilyFacts<'_>,
    requester: &str,
    received_on: Date,
    today: Date,
) -> Result<(), CopyRequestError> {
    let m = facts
        .member(requester)
        .ok_or(CopyRequestError::NotAMember)?;
    if received_on > today {
        return Err(CopyRequestError::InFuture);
    }
    if m.relation == Relation::Child
        && matches!(
            stage_on(m.date_of_birth, received_on),
            Stage::Under12 | Stage::Unknown
        )
    {
        return Err(CopyRequestError::TooYoung);
    }
    Ok(())
}

/// The last day the copy is due: one month after receipt, three when extended.
pub fn copy_due(cal: &StatutoryCalendar, received_on: Date, extended: bool) -> Date {
    let months = if extended { 3 } else { 1 };
    cal.term_end(received_on, Term::Months(months))
}

/// Checks an extension told on `told_on` with `reason`: within the first month.
pub fn check_extension(
    cal: &StatutoryCalendar,
    received_on: Date,
    told_on: Date,
    reason: &str,
    today: Date,
) -> Result<(), ExtensionError> {
    if reason.trim().is_empty() {
        return Err(ExtensionError::ReasonNeeded);
    }
    if told_on > today {
        return Err(ExtensionError::InFuture);
    }
    if told_on < received_on {
        return Err(ExtensionError::BeforeRequest);
    }
    if told_on > copy_due(cal, received_on, false) {
        return Err(ExtensionError::TooLate);
    }
    Ok(())
}

/// Whether a request's term may still be extended: once (the article allows "two
/// further months", not a chain of extensions), and not once the copy is handed over.
pub fn check_extension_allowed(
    already_extended: bool,
    handed_over: bool,
) -> Result<(), ExtensionError> {
    if handed_over {
        return Err(ExtensionError::HandedOver);
    }
    if already_extended {
        return Err(ExtensionError::AlreadyExtended);
    }
    Ok(())
}

/// Checks that the copy of a request received on `received_on` is handed over on `on`:
/// once, not before the request and not in the future. A hand-over after the term is
/// still recorded (late is better than never); the list shows it was late.
pub fn check_hand_over(
    received_on: Date,
    handed_over_on: Option<Date>,
    on: Date,
    today: Date,
) -> Result<(), HandOverError> {
    if handed_over_on.is_some() {
        return Err(HandOverError::AlreadyHandedOver);
    }
    if on > today {
        return Err(HandOverError::InFuture);
    }
    if on < received_on {
        return Err(HandOverError::BeforeRequest);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::portal::custody::Member;
    use jiff::civil::date;

    #[test]
    fn a_month_ends_on_the_same_date_moved_past_christmas_and_weekends() {
        let cal = StatutoryCalendar::default();
        // 25 December 2026 is a Friday (Christmas), then Boxing Day and a Sunday.
        assert_eq!(
            copy_due(&cal, date(2026, 11, 25), false),
            date(2026, 12, 28)
        );
        assert_eq!(copy_due(&cal, date(2026, 11, 25), true), date(2027, 2, 25));
        // From 31 January: the month's last day, a Sunday in 2027, then Monday.
        assert_eq!(copy_due(&cal, date(2027, 1, 31), false), date(2027, 3, 1));
        assert_eq!(copy_due(&cal, date(2026, 12, 3), false), date(2027, 1, 4));
    }

    #[test]
    fn an_extension_is_told_within_the_first_month_with_a_reason() {
        let cal = StatutoryCalendar::default();
        let received = date(2026, 11, 25);
        let today = date(2027, 1, 10);
        let reason = "Het dossier is groot: vier organisaties";
        assert_eq!(
            check_extension(&cal, received, date(2026, 12, 28), reason, today),
            Ok(())
        );
        assert_eq!(
            check_extension(&cal, received, date(2026, 12, 29), reason, today),
            Err(ExtensionError::TooLate)
        );
        assert_eq!(
            check_extension(&cal, received, date(2026, 12, 1), " ", today),
            Err(ExtensionError::ReasonNeeded)
        );
        assert_eq!(
            check_extension(&cal, received, date(2026, 11, 24), reason, today),
            Err(ExtensionError::BeforeRequest)
        );
        assert_eq!(
            check_extension(&cal, received, date(2027, 1, 11), reason, today),
            Err(ExtensionError::InFuture)
        );
    }

    #[test]
    fn extended_once_and_handed_over_once_within_the_dates() {
        assert_eq!(check_extension_allowed(false, false), Ok(()));
        assert_eq!(
            check_extension_allowed(true, false),
            Err(ExtensionError::AlreadyExtended)
        );
        assert_eq!(
            check_extension_allowed(false, true),
            Err(ExtensionError::HandedOver)
        );
        let (received, today) = (date(2026, 11, 25), date(2026, 12, 7));
        assert_eq!(check_hand_over(received, None, today, today), Ok(()));
        assert_eq!(check_hand_over(received, None, received, today), Ok(()));
        assert_eq!(
            check_hand_over(received, None, date(2026, 11, 24), today),
            Err(HandOverError::BeforeRequest)
        );
        assert_eq!(
            check_hand_over(received, None, date(2026, 12, 8), today),
            Err(HandOverError::InFuture)
        );
        assert_eq!(
            check_hand_over(received, Some(today), today, today),
            Err(HandOverError::AlreadyHandedOver)
        );
    }

    #[test]
    fn members_from_12_ask_themselves() {
        let members = [
            Member {
                id: "papa".into(),
                relation: Relation::Parent,
                date_of_birth: None,
            },
            Member {
                id: "sam".into(),
                relation: Relation::Child,
                date_of_birth: Some(date(2014, 9, 15)),
            },
        ];
        let facts = FamilyFacts {
            members: &members,
            custody: &[],
            guardianships: &[],
        };
        let today = date(2026, 12, 1);
        // A parent without custody still asks for their own data.
        assert_eq!(check_copy_request(facts, "papa", today, today), Ok(()));
        assert_eq!(
            check_copy_request(facts, "sam", date(2026, 9, 14), today),
            Err(CopyRequestError::TooYoung)
        );
        assert_eq!(
            check_copy_request(facts, "sam", date(2026, 9, 15), today),
            Ok(())
        );
        assert_eq!(
            check_copy_request(facts, "buurman", today, today),
            Err(CopyRequestError::NotAMember)
        );
        assert_eq!(
            check_copy_request(facts, "papa", date(2026, 12, 2), today),
            Err(CopyRequestError::InFuture)
        );
    }
}
