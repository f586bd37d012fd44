//! The family as the file records it today, turned into the portal rule's
//! [`FamilyFacts`]: one translation, so every portal page asks [`super::sight`] about the
//! same family.
//!
//! The file records less than the rule can weigh: per member a kind (child, parent or
//! carer, housemate) and whether they hold custody (gezag), not per child nor since
//! when; and a certified institution's guardianship only while it runs. So:
//! - a parent or carer marked with custody holds it over every child of the family from
//!   the child's birth (the rule itself ends it at 18, BW 1:233); the file cannot say
//!   "custody of one child only", so a family where that matters must use
//!   "niet zichtbaar voor" until the file records custody per child;
//! - the file's "parent/carer" does not tell a legal parent from a carer: it counts as a
//!   parent, the side on which BW 1:377c lets someone without custody *ask* (asking is
//!   decided by the professional, it opens nothing by itself);
//! - a housemate is no party to the file and never holds custody: a carer without it;
//! - an institution's guardianship (a granted custody termination) runs from before
//!   anything the portal shows until the child comes of age, so no member holds custody
//!   of that child (BW 1:245 lid 2, 1:280).

use jiff::civil::Date;

use super::custody::{CustodyPeriod, FamilyFacts, Guardian, GuardianshipPeriod, Member, Relation};
use crate::family::MemberKind;

/// One current member as the file holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedMember {
    pub id: String,
    pub kind: MemberKind,
    pub date_of_birth: Option<Date>,
    pub has_custody: bool,
}

/// The facts, owned, for [`FamilyFacts`] to borrow.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecordedFamily {
    pub members: Vec<Member>,
    pub custody: Vec<CustodyPeriod>,
    pub guardianships: Vec<GuardianshipPeriod>,
}

impl RecordedFamily {
    /// `institution_guardians`: (child id, organisation id) of each running
    /// guardianship of a certified institution.
    pub fn new(members: &[RecordedMember], institution_guardians: &[(String, String)]) -> Self {
        let relation = |kind| match kind {
            MemberKind::Child => Relation::Child,
            MemberKind::Parent => Relation::Parent,
            MemberKind::Household => Relation::Carer,
        };
        let children: Vec<&RecordedMember> = members
            .iter()
            .filter(|m| m.kind == MemberKind::Child)
            .collect();
        let custody = members
            .iter()
            .filter(|m| m.has_custody && m.kind == MemberKind::Parent)
            .flat_map(|holder| {
                children.iter().map(|child| CustodyPeriod {
                    holder: holder.id.clone(),
                    child: child.id.clone(),
                    from: child.date_of_birth.unwrap_or(Date::MIN),
                    until: None,
                })
            })
            .collect();
        let guardianships = institution_guardians
            .iter()
            .map(|(child, organisation)| GuardianshipPeriod {
                child: child.clone(),
                guardian: Guardian::Institution {
                    organisation_id: organisation.clone(),
                },
                from: Date::MIN,
                until: None,
            })
            .collect();
        RecordedFamily {
            members: members
                .iter()
                .map(|m| Member {
                    id: m.id.clone(),
                    relation: relation(m.kind),
                    date_of_birth: m.date_of_birth,
                })
                .collect(),
            custody,
            guardianships,
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

    fn member(id: &str, kind: MemberKind, born: Option<Date>, custody: bool) -> RecordedMember {
        RecordedMember {
            id: id.into(),
            kind,
            date_of_birth: born,
            has_custody: custody,
        }
    }

    fn family() -> Vec<RecordedMember> {
        vec![
            member("kim", MemberKind::Parent, None, true),
            member("rob", MemberKind::Parent, None, false),
            member("oom", MemberKind::Household, None, false),
            member("sam", MemberKind::Child, Some(date(2014, 3, 1)), false),
        ]
    }

    #[test]
    fn custody_as_recorded_covers_every_child_and_an_institution_takes_it_over() {
        let on = date(2026, 12, 7);
        let recorded = RecordedFamily::new(&family(), &[]);
        let facts = recorded.facts();
        assert_eq!(facts.custody_children("kim", on), ["sam"]);
        assert!(facts.custody_children("rob", on).is_empty());
        let flower = Item::family(ItemKind::FlowerContact);
        assert!(sight(facts, "kim", &flower, on).is_shown());
        assert_eq!(
            sight(facts, "rob", &flower, on),
            Sight::NotShown(NotShown::NoCustody { may_ask: true })
        );
        assert_eq!(
            sight(facts, "oom", &flower, on),
            Sight::NotShown(NotShown::NoCustody { may_ask: false })
        );
        // Sam is 12: the plan, not the flower.
        assert_eq!(
            sight(facts, "sam", &flower, on),
            Sight::NotShown(NotShown::NotForAge)
        );

        let guarded = RecordedFamily::new(&family(), &[("sam".into(), "save".into())]);
        assert!(guarded.facts().custody_children("kim", on).is_empty());
    }
}
