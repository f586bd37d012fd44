//! Who belongs to the family, and who stands around it.

use jiff::civil::Date;

use crate::codes::code_list;
use crate::text::{DateKind, TextKind, TextProblem, check_date, check_text};

code_list! {
    MemberKind, "member kind" {
        Child = "child", "Kind", "Child";
        /// Parent or carer; whether they hold parental authority is `has_custody`.
        Parent = "parent", "Ouder/opvoeder", "Parent/carer";
        Household = "household", "Huisgenoot", "Household member";
    }
}

code_list! {
    /// How a network member relates to the family (the safety network of Signs of Safety).
    NetworkRelation, "network relation" {
        Family = "family", "Familie", "Family";
        Friend = "friend", "Vriend(in)", "Friend";
        Neighbour = "neighbour", "Buur", "Neighbour";
        Other = "other", "Anders", "Other";
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    pub kind: MemberKind,
    pub name: String,
    pub date_of_birth: Option<Date>,
    pub has_custody: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MemberError {
    #[error("a name must have 1 to 200 characters")]
    Name,
    #[error("the name {0}")]
    NameText(TextProblem),
    #[error("a child needs a date of birth")]
    ChildWithoutBirthDate,
    #[error("a date of birth cannot lie in the future")]
    BornInFuture,
    #[error("a date of birth before 1900 is a typing error")]
    ImplausiblyOld,
    #[error("only a parent or carer can hold parental authority (gezag)")]
    CustodyNotParent,
}

/// Checks a member as of `today`. Children need a date of birth: consent rules
/// depend on their age.
pub fn check_member(m: &NewMember, today: Date) -> Result<(), MemberError> {
    let chars = m.name.trim().chars().count();
    if chars == 0 {
        return Err(MemberError::Name);
    }
    check_text(TextKind::Name, &m.name).map_err(|p| match p {
        TextProblem::TooLong { .. } => MemberError::Name,
        p => MemberError::NameText(p),
    })?;
    if m.kind == MemberKind::Child && m.date_of_birth.is_none() {
        return Err(MemberError::ChildWithoutBirthDate);
    }
    if let Some(dob) = m.date_of_birth {
        if dob > today {
            return Err(MemberError::BornInFuture);
        }
        if check_date(DateKind::Birth, dob, today).is_err() {
            return Err(MemberError::ImplausiblyOld);
        }
    }
    if m.has_custody && m.kind != MemberKind::Parent {
        return Err(MemberError::CustodyNotParent);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn member(kind: MemberKind, dob: Option<Date>, custody: bool) -> NewMember {
        NewMember {
            kind,
            name: "Sam".into(),
            date_of_birth: dob,
            has_custody: custody,
        }
    }

    #[test]
    fn member_rules() {
        let today = date(2026, 11, 22);
        assert_eq!(
            check_member(
                &member(MemberKind::Child, Some(date(2015, 3, 1)), false),
                today
            ),
            Ok(())
        );
        assert_eq!(
            check_member(&member(MemberKind::Child, None, false), today),
            Err(MemberError::ChildWithoutBirthDate)
        );
        assert_eq!(
            check_member(
                &member(MemberKind::Child, Some(date(2027, 1, 1)), false),
                today
            ),
            Err(MemberError::BornInFuture)
        );
        assert_eq!(
            check_member(&member(MemberKind::Parent, None, true), today),
            Ok(())
        );
        assert_eq!(
            check_member(&member(MemberKind::Household, None, true), today),
            Err(MemberError::CustodyNotParent)
        );
        assert_eq!(
            check_member(
                &member(MemberKind::Parent, Some(date(1890, 1, 1)), false),
                today
            ),
            Err(MemberError::ImplausiblyOld)
        );
        let mut blank = member(MemberKind::Parent, None, false);
        blank.name = "  ".into();
        assert_eq!(check_member(&blank, today), Err(MemberError::Name));
        blank.name = "Sam\0".into();
        assert_eq!(
            check_member(&blank, today),
            Err(MemberError::NameText(TextProblem::Control))
        );
        blank.name = "x".repeat(201);
        assert_eq!(check_member(&blank, today), Err(MemberError::Name));
    }
}
