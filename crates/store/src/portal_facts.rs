//! The family as the portal's rule (`domain::family::portal`) sees it, built from the
//! file's members: one translation, so every portal page and request decides on the
//! same facts.
//!
//! The file records whether a parent holds custody (`has_custody`), not from when or
//! over which child: such a parent counts as holding custody of every child of the
//! family from the child's birth, with no end (the domain ends it at 18). A member of
//! kind "parent" is a parent or carer; the file does not tell them apart, so they count
//! as a parent (who may ask for information without custody, BW 1:377c); a household
//! member counts as a carer. Ended members are no longer part of the family.

use eenplan_domain::family::MemberKind;
use eenplan_domain::family::portal::{CustodyPeriod, FamilyFacts, Member, Relation};
use jiff::civil::Date;

use crate::Family;

/// Owned facts; [`PortalFacts::facts`] lends them to the domain's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalFacts {
    pub members: Vec<Member>,
    pub custody: Vec<CustodyPeriod>,
}

impl PortalFacts {
    pub fn facts(&self) -> FamilyFacts<'_> {
        FamilyFacts {
            members: &self.members,
            custody: &self.custody,
            guardianships: &[],
        }
    }
}

impl Family {
    pub fn portal_facts(&self) -> PortalFacts {
        let current = || self.members.iter().filter(|m| !m.ended);
        let members = current()
            .map(|m| Member {
                id: m.id.clone(),
                relation: match m.kind {
                    MemberKind::Child => Relation::Child,
                    MemberKind::Parent => Relation::Parent,
                    MemberKind::Household => Relation::Carer,
                },
                date_of_birth: m.date_of_birth,
            })
            .collect();
        let custody = current()
            .filter(|m| m.has_custody && m.kind != MemberKind::Child)
            .flat_map(|holder| {
                current()
                    .filter(|c| c.kind == MemberKind::Child)
                    .map(|child| CustodyPeriod {
                        holder: holder.id.clone(),
                        child: child.id.clone(),
                        from: child.date_of_birth.unwrap_or(Date::MIN),
                        until: None,
                    })
            })
            .collect();
        PortalFacts { members, custody }
    }
}
