//! The portal's [`FamilyFacts`] from what the family file records today: each member's
//! kind, date of birth and the "met gezag" tick. The file keeps no custody history or
//! guardianship yet, so a ticked parent or carer holds custody of every current child
//! of the family from the child's birth, and nobody holds a guardianship. When the file
//! learns periods, this is the one place that reads them.

use jiff::civil::Date;

use super::custody::{CustodyPeriod, FamilyFacts, GuardianshipPeriod, Member, Relation};
use crate::family::MemberKind;

/// One member as the file records them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded<'a> {
    pub id: &'a str,
    pub kind: MemberKind,
    pub date_of_birth: Option<Date>,
    pub has_custody: bool,
    /// No longer part of the family: not a member for the portal.
    pub ended: bool,
}

/// The facts, owned, for one request; [`RecordedFacts::facts`] lends them to `sight`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordedFacts {
    pub members: Vec<Member>,
    pub custody: Vec<CustodyPeriod>,
    pub guardianships: Vec<GuardianshipPeriod>,
}

/// Before any birth the file can record: the start of an unbounded custody period.
const SINCE_EVER: Date = jiff::civil::date(1900, 1, 1);

impl RecordedFacts {
    pub fn from_records(records: &[Recorded<'_>]) -> Self {
        let current: Vec<&Recorded<'_>> = records.iter().filter(|r| !r.ended).collect();
        let members = current
            .iter()
            .map(|r| Member {
                id: r.id.to_owned(),
                relation: match r.kind {
                    MemberKind::Child => Relation::Child,
                    MemberKind::Parent => Relation::Parent,
                    MemberKind::Household => Relation::Carer,
                },
                date_of_birth: r.date_of_birth,
            })
            .collect();
        let mut custody = Vec::new();
        for holder in current
            .iter()
            .filter(|r| r.has_custody && r.kind != MemberKind::Child)
        {
            for child in current.iter().filter(|r| r.kind == MemberKind::Child) {
                custody.push(CustodyPeriod {
                    holder: holder.id.to_owned(),
                    child: child.id.to_owned(),
                    from: child.date_of_birth.unwrap_or(SINCE_EVER),
                    until: None,
                });
            }
        }
        RecordedFacts {
            members,
            custody,
            guardianships: Vec::new(),
        }
    }

    pub fn facts(&self) -> FamilyFacts<'_> {
        FamilyFacts {
            members: &self.members,
            custody: &self.custody,
            guardianships: &self.guardianships,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::portal::{Item, ItemKind, NotShown, Sight, sight};
    use jiff::civil::date;

    fn rec(id: &str, kind: MemberKind, born: Option<Date>, custody: bool) -> Recorded<'_> {
        Recorded {
            id,
            kind,
            date_of_birth: born,
            has_custody: custody,
            ended: false,
        }
    }

    #[test]
    fn a_ticked_parent_sees_the_flower_a_parent_without_custody_and_a_child_of_14_do_not() {
        let mut left = rec("ex", MemberKind::Parent, None, true);
        left.ended = true;
        let records = [
            rec("kim", MemberKind::Parent, None, true),
            rec("bas", MemberKind::Parent, None, false),
            rec("sam", MemberKind::Child, Some(date(2012, 3, 1)), false),
            left,
        ];
        let owned = RecordedFacts::from_records(&records);
        let on = date(2026, 12, 7);
        let flower = Item::family(ItemKind::FlowerContact);
        assert!(sight(owned.facts(), "kim", &flower, on).is_shown());
        assert!(matches!(
            sight(owned.facts(), "bas", &flower, on),
            Sight::NotShown(NotShown::NoCustody { .. })
        ));
        assert_eq!(
            sight(owned.facts(), "sam", &flower, on),
            Sight::NotShown(NotShown::NotForAge)
        );
        assert_eq!(
            sight(owned.facts(), "ex", &flower, on),
            Sight::NotShown(NotShown::NotAMember)
        );
    }
}
