//! A parent without custody has no standing access to the portal. The law gives them
//! something narrower: on their request, information about important facts and
//! circumstances concerning the child or the child's care and upbringing, which the
//! professional gives unless they would not give it in the same way to the parent
//! with custody, or the child's interest opposes it (BW 1:377c lid 1). It is
//! information (a written answer), not access to the file or a copy of it; the court
//! can order otherwise on the parent's request (lid 2), which is outside eenplan.
//!
//! Who may ask: a legal parent (not a carer, not a child) who holds no custody of the
//! child on the day, about a child of the family who is still a minor (the article
//! speaks of "het kind" under custody; from 18 the young adult speaks for themselves).

use jiff::civil::Date;

use super::custody::{FamilyFacts, Relation, Stage, holds_custody};

/// The least a refusal's reason says, in characters: enough for a sentence the parent
/// (and a court, lid 2) can follow. Our choice, as for emergency access.
pub const MIN_REASON_CHARS: usize = 15;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InformationRequest {
    pub asker: String,
    pub child: String,
    pub asked_on: Date,
    pub question: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    #[error("the person asking is not a member of this family")]
    NotAMember,
    #[error("only a parent can ask for information without custody (BW 1:377c)")]
    NotAParent,
    #[error("this parent holds custody and sees the family's portal")]
    HoldsCustody,
    #[error("choose a child of this family")]
    NotAChild,
    #[error("the child is an adult: they decide who is informed")]
    ChildIsAdult,
    #[error("say what the parent asks")]
    QuestionNeeded,
    #[error("a request cannot be dated in the future")]
    InFuture,
}

/// The two grounds the article gives for not informing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefusalGround {
    /// The child's interest opposes informing this parent.
    ChildsInterest,
    /// The professional would not give this information to the parent with custody
    /// either (for a young person of 16 or older: what they did not share).
    NotGivenToCustodianEither,
}

impl RefusalGround {
    pub const ALL: [RefusalGround; 2] = [
        RefusalGround::ChildsInterest,
        RefusalGround::NotGivenToCustodianEither,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            RefusalGround::ChildsInterest => "childs_interest",
            RefusalGround::NotGivenToCustodianEither => "not_given_to_custodian_either",
        }
    }

    pub fn parse(code: &str) -> Option<RefusalGround> {
        Self::ALL.into_iter().find(|g| g.code() == code)
    }
}

/// The professional's decision on a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Inform {
        information: String,
    },
    Refuse {
        ground: RefusalGround,
        reason: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    #[error("write the information the parent gets")]
    InformationNeeded,
    #[error("a refusal states its reason in at least 15 characters")]
    ReasonNeeded,
    #[error("the decision cannot be dated before the request")]
    BeforeRequest,
    #[error("a decision cannot be dated in the future")]
    InFuture,
}

/// Whether `req` is a request the professional must decide.
pub fn may_ask(
    facts: FamilyFacts<'_>,
    req: &InformationRequest,
    today: Date,
) -> Result<(), RequestError> {
    let asker = facts.member(&req.asker).ok_or(RequestError::NotAMember)?;
    if asker.relation != Relation::Parent {
        return Err(RequestError::NotAParent);
    }
    facts
        .member(&req.child)
        .filter(|m| m.relation == Relation::Child)
        .ok_or(RequestError::NotAChild)?;
    if req.asked_on > today {
        return Err(RequestError::InFuture);
    }
    if facts.stage(&req.child, req.asked_on) == Stage::Adult {
        return Err(RequestError::ChildIsAdult);
    }
    if holds_custody(facts, &req.asker, &req.child, req.asked_on) {
        return Err(RequestError::HoldsCustody);
    }
    if req.question.trim().is_empty() {
        return Err(RequestError::QuestionNeeded);
    }
    Ok(())
}

/// Checks a decision on a request: information given, or a refusal on one of the
/// article's grounds with its reason.
pub fn check_decision(
    req: &InformationRequest,
    decision: &Decision,
    decided_on: Date,
    today: Date,
) -> Result<(), DecisionError> {
    if decided_on > today {
        return Err(DecisionError::InFuture);
    }
    if decided_on < req.asked_on {
        return Err(DecisionError::BeforeRequest);
    }
    match decision {
        Decision::Inform { information } if information.trim().is_empty() => {
            Err(DecisionError::InformationNeeded)
        }
        Decision::Refuse { reason, .. } if reason.trim().chars().count() < MIN_REASON_CHARS => {
            Err(DecisionError::ReasonNeeded)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::portal::custody::{CustodyPeriod, Member};
    use jiff::civil::date;

    fn member(id: &str, relation: Relation, born: Option<Date>) -> Member {
        Member {
            id: id.into(),
            relation,
            date_of_birth: born,
        }
    }

    fn request(asker: &str, child: &str, on: Date) -> InformationRequest {
        InformationRequest {
            asker: asker.into(),
            child: child.into(),
            asked_on: on,
            question: "Hoe gaat het op school?".into(),
        }
    }

    #[test]
    fn only_a_parent_without_custody_of_a_minor_may_ask() {
        let members = vec![
            member("mama", Relation::Parent, None),
            member("papa", Relation::Parent, None),
            member("stiefvader", Relation::Carer, None),
            member("noor", Relation::Child, Some(date(2010, 6, 1))),
        ];
        let custody = vec![CustodyPeriod {
            holder: "mama".into(),
            child: "noor".into(),
            from: date(2010, 6, 1),
            until: None,
        }];
        let facts = FamilyFacts {
            members: &members,
            custody: &custody,
            guardianships: &[],
        };
        let today = date(2026, 12, 1);
        assert_eq!(
            may_ask(facts, &request("papa", "noor", today), today),
            Ok(())
        );
        assert_eq!(
            may_ask(facts, &request("mama", "noor", today), today),
            Err(RequestError::HoldsCustody)
        );
        assert_eq!(
            may_ask(facts, &request("stiefvader", "noor", today), today),
            Err(RequestError::NotAParent)
        );
        assert_eq!(
            may_ask(facts, &request("papa", "mama", today), today),
            Err(RequestError::NotAChild)
        );
        let adult = date(2028, 6, 1);
        assert_eq!(
            may_ask(facts, &request("papa", "noor", adult), adult),
            Err(RequestError::ChildIsAdult)
        );
        let mut blank = request("papa", "noor", today);
        blank.question = " ".into();
        assert_eq!(
            may_ask(facts, &blank, today),
            Err(RequestError::QuestionNeeded)
        );
        assert_eq!(
            may_ask(facts, &request("papa", "noor", date(2026, 12, 2)), today),
            Err(RequestError::InFuture)
        );
    }

    #[test]
    fn grounds_are_stored_by_code() {
        for g in RefusalGround::ALL {
            assert_eq!(RefusalGround::parse(g.code()), Some(g));
        }
        assert_eq!(RefusalGround::parse("whim"), None);
    }

    #[test]
    fn a_refusal_names_its_ground_and_reason() {
        let req = request("papa", "noor", date(2026, 12, 1));
        let today = date(2026, 12, 3);
        let refuse = |reason: &str| Decision::Refuse {
            ground: RefusalGround::ChildsInterest,
            reason: reason.into(),
        };
        assert_eq!(
            check_decision(&req, &refuse("te kort"), today, today),
            Err(DecisionError::ReasonNeeded)
        );
        assert_eq!(
            check_decision(
                &req,
                &refuse("Noor is bang dat haar vader haar school vindt"),
                today,
                today
            ),
            Ok(())
        );
        assert_eq!(
            check_decision(
                &req,
                &Decision::Inform {
                    information: "".into()
                },
                today,
                today
            ),
            Err(DecisionError::InformationNeeded)
        );
        let inform = Decision::Inform {
            information: "Noor gaat elke dag naar school.".into(),
        };
        assert_eq!(
            check_decision(&req, &inform, date(2026, 11, 30), today),
            Err(DecisionError::BeforeRequest)
        );
        assert_eq!(
            check_decision(&req, &inform, date(2026, 12, 4), today),
            Err(DecisionError::InFuture)
        );
        assert_eq!(check_decision(&req, &inform, today, today), Ok(()));
    }
}
