//! Withdrawing a consent through the family's own door (issue 17 §3), and what still
//! holds afterwards.
//!
//! Sources: AVG art. 7(3): the data subject may withdraw consent at any time, and
//! withdrawing must be as easy as giving it; so each person who gave a consent may
//! withdraw it alone, without the professional's leave, and it ends at once. A consent
//! several people had to give (a parent with custody and a child of 12 to 15, WGBO BW
//! 7:450 and Jeugdwet art. 7.3.4) no longer stands when one of them takes it back.
//! AVG art. 7(3), second sentence: what was done before stays lawful. A legal basis
//! ([`super::framework`]: a Veilig Thuis investigation, Wmo 2015 art. 4.1.1 and 5.2.6;
//! a child protection order, BW 1:255 and 1:302) does not rest on consent, so the
//! organisation it names keeps its access (AVG art. 6(1)(c) and (e)).

use jiff::civil::Date;

use super::consent::ConsentFacts;
use super::framework::Framework;

/// Why a family member cannot withdraw a consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WithdrawalError {
    /// Only someone who gave the consent takes it back; another member asks the
    /// regisseur or gives (or refuses) their own consent.
    #[error("only someone who gave this consent can withdraw it")]
    NotAGiver,
    #[error("this consent was already withdrawn")]
    AlreadyWithdrawn,
    /// Its end date has passed: it no longer holds, there is nothing to withdraw.
    #[error("this consent has already ended")]
    Ended,
}

/// Whether `member` may withdraw `consent` (given by `given_by`, member ids) on `today`.
pub fn check_withdrawal(
    consent: &ConsentFacts,
    given_by: &[&str],
    member: &str,
    today: Date,
) -> Result<(), WithdrawalError> {
    if consent.withdrawn {
        return Err(WithdrawalError::AlreadyWithdrawn);
    }
    if consent.ends_on.is_some_and(|end| end < today) {
        return Err(WithdrawalError::Ended);
    }
    if !given_by.contains(&member) {
        return Err(WithdrawalError::NotAGiver);
    }
    Ok(())
}

/// Whether a member sees the withdraw button: the same rule, without saying why not.
pub fn may_withdraw(consent: &ConsentFacts, given_by: &[&str], member: &str, today: Date) -> bool {
    check_withdrawal(consent, given_by, member, today).is_ok()
}

/// The framework whose legal basis keeps the access of the consent's organisation when
/// the consent is withdrawn (or was never needed): the family is told that the
/// organisation goes on working with the file on that basis. `None`: the access rested
/// on the consent alone.
pub fn basis_that_remains(
    framework: Framework,
    basis_organisation: Option<&str>,
    consent: &ConsentFacts,
) -> Option<Framework> {
    let organisation = consent.organisation_id.as_deref()?;
    (framework != Framework::Voluntary && basis_organisation == Some(organisation))
        .then_some(framework)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::{ConsentStep, DataCategory};
    use jiff::civil::date;

    fn consent() -> ConsentFacts {
        ConsentFacts {
            step: ConsentStep::DataSharing,
            organisation_id: Some("save".into()),
            categories: vec![DataCategory::Plan],
            given_on: date(2026, 1, 10),
            ends_on: Some(date(2026, 6, 30)),
            withdrawn: false,
        }
    }

    #[test]
    fn each_giver_may_withdraw_alone_and_nobody_else() {
        let today = date(2026, 3, 1);
        let given_by = ["kim", "sam"];
        assert_eq!(
            check_withdrawal(&consent(), &given_by, "kim", today),
            Ok(())
        );
        assert_eq!(
            check_withdrawal(&consent(), &given_by, "sam", today),
            Ok(())
        );
        assert_eq!(
            check_withdrawal(&consent(), &given_by, "jan", today),
            Err(WithdrawalError::NotAGiver),
            "a parent who did not give it"
        );
        assert!(!may_withdraw(&consent(), &given_by, "jan", today));
    }

    #[test]
    fn a_withdrawn_or_ended_consent_is_not_withdrawn_again() {
        let given_by = ["kim"];
        let mut withdrawn = consent();
        withdrawn.withdrawn = true;
        assert_eq!(
            check_withdrawal(&withdrawn, &given_by, "kim", date(2026, 3, 1)),
            Err(WithdrawalError::AlreadyWithdrawn)
        );
        assert_eq!(
            check_withdrawal(&consent(), &given_by, "kim", date(2026, 6, 30)),
            Ok(()),
            "the end date is the last day it holds"
        );
        assert_eq!(
            check_withdrawal(&consent(), &given_by, "kim", date(2026, 7, 1)),
            Err(WithdrawalError::Ended)
        );
    }

    #[test]
    fn a_legal_basis_for_the_same_organisation_remains() {
        let c = consent();
        assert_eq!(
            basis_that_remains(Framework::CourtOrder, Some("save"), &c),
            Some(Framework::CourtOrder)
        );
        assert_eq!(
            basis_that_remains(Framework::VeiligThuis, Some("vt"), &c),
            None,
            "Veilig Thuis's basis is not SAVE's"
        );
        assert_eq!(basis_that_remains(Framework::Voluntary, None, &c), None);
        let no_organisation = ConsentFacts {
            organisation_id: None,
            ..c
        };
        assert_eq!(
            basis_that_remains(Framework::CourtOrder, Some("save"), &no_organisation),
            None
        );
    }
}
