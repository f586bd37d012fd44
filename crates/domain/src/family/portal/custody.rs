//! Custody over time: who holds parental authority (gezag) over which child on a given
//! day, and at which stage of their rights a child is.
//!
//! Sources: BW 1:245 (minors are under custody: parental authority or guardianship),
//! BW 1:233 (majority at 18, so custody ends on the 18th birthday), BW 1:253t (a parent
//! and a non-parent can hold custody together, so a carer may hold it); a guardian holds
//! custody in the parents' place (BW 1:245 lid 2, 1:280), so while a guardianship runs
//! the parents' custody of that child does not count, even if a stale record says so.
//! Ages: [`crate::family::age_on`], whose 29 February birthdays fall on 1 March.

use jiff::civil::Date;

use crate::family::consent::{CONSENTS_FROM, DECIDES_ALONE_FROM, age_on};

/// Majority (BW 1:233): custody ends, the young person is an adult.
pub const ADULT_FROM: i16 = 18;

/// How a member stands in the family, as far as the portal needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    /// A legal parent: the one who may ask for information without custody (BW 1:377c).
    Parent,
    /// A carer who is not a legal parent (step-parent, foster carer, relative).
    Carer,
    Child,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub relation: Relation,
    pub date_of_birth: Option<Date>,
}

/// Custody of one child held by one member, from a day through a last day (open while
/// it runs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustodyPeriod {
    pub holder: String,
    pub child: String,
    pub from: Date,
    pub until: Option<Date>,
}

/// Who holds a guardianship (voogdij).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Guardian {
    /// A member of the family (a relative appointed guardian): counts as the parent with
    /// custody.
    Member(String),
    /// A certified institution: no member holds custody while it runs.
    Institution { organisation_id: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuardianshipPeriod {
    pub child: String,
    pub guardian: Guardian,
    pub from: Date,
    pub until: Option<Date>,
}

/// The family as the portal rule sees it.
#[derive(Debug, Clone, Copy)]
pub struct FamilyFacts<'a> {
    pub members: &'a [Member],
    pub custody: &'a [CustodyPeriod],
    pub guardianships: &'a [GuardianshipPeriod],
}

/// The stage of a child's own rights on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// No date of birth known: treated as having no portal of their own, and what
    /// concerns only them needs their sharing (the safe side for both).
    Unknown,
    Under12,
    /// 12 to 15: the plan and the consents that concern them.
    From12,
    /// 16 and 17: their own information; they decide what their parents see of what
    /// concerns only them.
    From16,
    /// 18 and over: an adult.
    Adult,
}

fn covers(from: Date, until: Option<Date>, on: Date) -> bool {
    from <= on && until.is_none_or(|end| on <= end)
}

/// The stage of a person born on `born` on `on`.
pub fn stage_on(born: Option<Date>, on: Date) -> Stage {
    match born.map(|b| age_on(b, on)) {
        None => Stage::Unknown,
        Some(age) if age >= ADULT_FROM => Stage::Adult,
        Some(age) if age >= DECIDES_ALONE_FROM => Stage::From16,
        Some(age) if age >= CONSENTS_FROM => Stage::From12,
        Some(_) => Stage::Under12,
    }
}

impl FamilyFacts<'_> {
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// The stage of member `id` on `on` (unknown for someone not in the family).
    pub fn stage(&self, id: &str, on: Date) -> Stage {
        self.member(id)
            .map_or(Stage::Unknown, |m| stage_on(m.date_of_birth, on))
    }

    /// The children `holder` holds custody of on `on`.
    pub fn custody_children(&self, holder: &str, on: Date) -> Vec<&str> {
        self.members
            .iter()
            .filter(|m| m.relation == Relation::Child && holds_custody(*self, holder, &m.id, on))
            .map(|m| m.id.as_str())
            .collect()
    }
}

/// Whether `holder` holds custody of `child` on `on`: a running guardianship decides
/// alone (the guardian member holds it, nobody else); otherwise a custody period of a
/// parent or carer covering the day. Nobody holds custody of an adult.
pub fn holds_custody(facts: FamilyFacts<'_>, holder: &str, child: &str, on: Date) -> bool {
    let Some(kid) = facts
        .member(child)
        .filter(|m| m.relation == Relation::Child)
    else {
        return false;
    };
    if stage_on(kid.date_of_birth, on) == Stage::Adult {
        return false;
    }
    let Some(who) = facts.member(holder) else {
        return false;
    };
    if who.relation == Relation::Child {
        return false;
    }
    let mut guardianships = facts
        .guardianships
        .iter()
        .filter(|g| g.child == child && covers(g.from, g.until, on))
        .peekable();
    if guardianships.peek().is_some() {
        return guardianships.any(|g| g.guardian == Guardian::Member(holder.to_owned()));
    }
    facts
        .custody
        .iter()
        .any(|c| c.holder == holder && c.child == child && covers(c.from, c.until, on))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn member(id: &str, relation: Relation, born: Option<Date>) -> Member {
        Member {
            id: id.into(),
            relation,
            date_of_birth: born,
        }
    }

    #[test]
    fn stages_change_on_the_birthdays_and_a_leap_day_birthday_on_1_march() {
        let born = date(2012, 2, 29);
        assert_eq!(stage_on(Some(born), date(2024, 2, 28)), Stage::Under12);
        assert_eq!(stage_on(Some(born), date(2024, 2, 29)), Stage::From12);
        assert_eq!(stage_on(Some(born), date(2028, 2, 28)), Stage::From12);
        assert_eq!(stage_on(Some(born), date(2028, 2, 29)), Stage::From16);
        assert_eq!(stage_on(Some(born), date(2030, 2, 28)), Stage::From16);
        assert_eq!(stage_on(Some(born), date(2030, 3, 1)), Stage::Adult);
        assert_eq!(stage_on(None, date(2030, 3, 1)), Stage::Unknown);
    }

    #[test]
    fn custody_follows_its_periods_ends_at_18_and_yields_to_guardianship() {
        let members = [
            member("mama", Relation::Parent, None),
            member("oma", Relation::Carer, None),
            member("sam", Relation::Child, Some(date(2010, 6, 1))),
        ];
        let custody = [CustodyPeriod {
            holder: "mama".into(),
            child: "sam".into(),
            from: date(2010, 6, 1),
            until: Some(date(2026, 3, 31)),
        }];
        let guardianships = [GuardianshipPeriod {
            child: "sam".into(),
            guardian: Guardian::Member("oma".into()),
            from: date(2026, 4, 1),
            until: None,
        }];
        let facts = FamilyFacts {
            members: &members,
            custody: &custody,
            guardianships: &guardianships,
        };
        assert!(holds_custody(facts, "mama", "sam", date(2026, 3, 31)));
        assert!(!holds_custody(facts, "mama", "sam", date(2026, 4, 1)));
        assert!(!holds_custody(facts, "oma", "sam", date(2026, 3, 31)));
        assert!(holds_custody(facts, "oma", "sam", date(2026, 4, 1)));
        assert!(holds_custody(facts, "oma", "sam", date(2028, 5, 31)));
        assert!(!holds_custody(facts, "oma", "sam", date(2028, 6, 1)), "18");
        assert_eq!(facts.custody_children("oma", date(2027, 1, 1)), ["sam"]);

        // A stale custody record does not outlive an institution's guardianship.
        let institution = [GuardianshipPeriod {
            child: "sam".into(),
            guardian: Guardian::Institution {
                organisation_id: "save".into(),
            },
            from: date(2020, 1, 1),
            until: Some(date(2020, 12, 31)),
        }];
        let open_custody = [CustodyPeriod {
            until: None,
            ..custody[0].clone()
        }];
        let facts = FamilyFacts {
            members: &members,
            custody: &open_custody,
            guardianships: &institution,
        };
        assert!(!holds_custody(facts, "mama", "sam", date(2020, 6, 1)));
        assert!(holds_custody(facts, "mama", "sam", date(2021, 1, 1)));
    }
}
