//! The marks that steer [`super::sight`] for one item of the file, as they are stored
//! (one row per mark, for any kind of item): "niet zichtbaar voor <member>" with the
//! professional's reason, "gaat alleen over <child>", and a young person's choice to
//! share what concerns only them. Also the family's own additions to the plan (their
//! scale and their view) and who of them may make them.
//!
//! Who may set what: a professional hides an item from a member and marks it as about
//! one child (Jeugdwet art. 7.3.11 lid 3, BW 7:457 lid 3); only the young person
//! themselves, from 16, shares what concerns only them (Jeugdwet art. 7.3.11 lid 1 and
//! 2(b), BW 7:457): a professional cannot make that choice for them.

use jiff::civil::Date;

use super::custody::{FamilyFacts, Relation, Stage};
use super::sight::{Hidden, Item, ItemKind, Shared, sight};
use crate::family::plan::MAX_SCALE;

/// The longest reason for a "niet zichtbaar voor" mark: a sentence or two.
pub const MAX_MARK_REASON_CHARS: usize = 500;
/// The longest view the family writes on the plan ("wat wij zien"): a page of text.
pub const MAX_FAMILY_VIEW_CHARS: usize = 5_000;

/// The kind of a mark. Stored by [`MarkKind::code`]; never shown as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkKind {
    /// Not shown to `member`, whatever their rights.
    Hidden,
    /// Concerns only the child `member`.
    OnlyChild,
    /// The young person it concerns only shared it with `member`.
    Shared,
}

impl MarkKind {
    pub const ALL: [MarkKind; 3] = [MarkKind::Hidden, MarkKind::OnlyChild, MarkKind::Shared];

    pub fn code(self) -> &'static str {
        match self {
            MarkKind::Hidden => "hidden",
            MarkKind::OnlyChild => "only_child",
            MarkKind::Shared => "shared",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

impl ItemKind {
    pub const ALL: [ItemKind; 9] = [
        ItemKind::PlanDraft,
        ItemKind::PlanAgreed,
        ItemKind::PlanItem,
        ItemKind::Consent,
        ItemKind::FlowerContact,
        ItemKind::Meeting,
        ItemKind::CrisisAnswer,
        ItemKind::AccessLogLine,
        ItemKind::WorkingNote,
    ];

    /// The stored form, so a mark names the kind of item it is on.
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::PlanDraft => "plan_draft",
            ItemKind::PlanAgreed => "plan_agreed",
            ItemKind::PlanItem => "plan_item",
            ItemKind::Consent => "consent",
            ItemKind::FlowerContact => "flower_contact",
            ItemKind::Meeting => "meeting",
            ItemKind::CrisisAnswer => "crisis_answer",
            ItemKind::AccessLogLine => "access_log_line",
            ItemKind::WorkingNote => "working_note",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A stored mark: on item `item_ref` of kind `item_kind`, made on `on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub id: String,
    pub item_kind: ItemKind,
    pub item_ref: String,
    pub kind: MarkKind,
    /// Hidden: from whom; only child: the child; shared: with whom.
    pub member: String,
    /// Why it is hidden (for the professionals only); empty for the other kinds.
    pub reason: String,
    pub on: Date,
}

/// `item` (whose reference is `item_ref`) with the marks that are on it.
pub fn marked(mut item: Item, item_ref: &str, marks: &[Mark]) -> Item {
    for m in marks
        .iter()
        .filter(|m| m.item_kind == item.kind && m.item_ref == item_ref)
    {
        match m.kind {
            MarkKind::Hidden => item.hidden_from.push(Hidden {
                member: m.member.clone(),
                reason: m.reason.clone(),
            }),
            MarkKind::OnlyChild => item.only_child = Some(m.member.clone()),
            MarkKind::Shared => item.shared.push(Shared {
                with: m.member.clone(),
                on: m.on,
            }),
        }
    }
    item
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MarkError {
    #[error("the member is not a current member of this family")]
    NotAMember,
    #[error("an item concerns only a child of the family")]
    NotAChild,
    #[error("a hidden mark says why")]
    ReasonMissing,
    #[error("the reason has at most 500 characters")]
    ReasonTooLong,
    /// Sharing is the young person's own choice, made on the portal.
    #[error("only the young person shares what concerns only them")]
    NotTheirChoice,
    #[error("the item is already marked so")]
    AlreadyMarked,
}

/// Whether a professional may set a mark of `kind` for `member` with `reason`.
pub fn check_mark(
    facts: FamilyFacts<'_>,
    kind: MarkKind,
    member: &str,
    reason: &str,
) -> Result<(), MarkError> {
    let m = facts.member(member).ok_or(MarkError::NotAMember)?;
    match kind {
        MarkKind::Hidden => {
            let reason = reason.trim();
            if reason.is_empty() {
                Err(MarkError::ReasonMissing)
            } else if reason.chars().count() > MAX_MARK_REASON_CHARS {
                Err(MarkError::ReasonTooLong)
            } else {
                Ok(())
            }
        }
        MarkKind::OnlyChild if m.relation == Relation::Child => Ok(()),
        MarkKind::OnlyChild => Err(MarkError::NotAChild),
        MarkKind::Shared => Err(MarkError::NotTheirChoice),
    }
}

/// Whether `young` decides on `on` who else sees `item`: it concerns only them and they
/// are 16 or older. The switch on their plan page exists only then.
pub fn decides_sharing(facts: FamilyFacts<'_>, young: &str, item: &Item, on: Date) -> bool {
    item.only_child.as_deref() == Some(young)
        && matches!(facts.stage(young, on), Stage::From16 | Stage::Adult)
}

/// Whom "mijn ouders mogen dit zien" shares with: the family's parents and carers.
pub fn parents_of(facts: FamilyFacts<'_>) -> Vec<String> {
    facts
        .members
        .iter()
        .filter(|m| matches!(m.relation, Relation::Parent | Relation::Carer))
        .map(|m| m.id.clone())
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AdditionError {
    #[error("a scale runs from 0 to 10")]
    ScaleOutOfRange,
    #[error("the view says what the family sees")]
    ViewEmpty,
    #[error("the view has at most 5000 characters")]
    ViewTooLong,
    #[error("this member does not see the plan")]
    NoStanding,
}

/// Whether `member` adds their own scale and view to the plan on `on`: whoever sees the
/// plan through the portal (a parent with custody, a young person from 12), by the
/// same rule that shows it to them.
pub fn may_add_to_plan(facts: FamilyFacts<'_>, member: &str, on: Date) -> bool {
    sight(facts, member, &Item::family(ItemKind::PlanDraft), on).is_shown()
}

/// The family's own scale (0 to 10) as typed, and their view: both are needed.
pub fn check_addition(
    score: &str,
    view: &str,
) -> (Result<u8, AdditionError>, Result<(), AdditionError>) {
    let score = score
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|s| *s <= MAX_SCALE)
        .ok_or(AdditionError::ScaleOutOfRange);
    let view = view.trim();
    let view = if view.is_empty() {
        Err(AdditionError::ViewEmpty)
    } else if view.chars().count() > MAX_FAMILY_VIEW_CHARS {
        Err(AdditionError::ViewTooLong)
    } else {
        Ok(())
    };
    (score, view)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::MemberKind;
    use crate::family::portal::{RecordedFamily, RecordedMember};
    use jiff::civil::date;

    fn recorded() -> RecordedFamily {
        let member = |id: &str, kind, date_of_birth, has_custody| RecordedMember {
            id: id.into(),
            kind,
            date_of_birth,
            has_custody,
        };
        RecordedFamily::new(
            &[
                member("kim", MemberKind::Parent, None, true),
                member("rob", MemberKind::Parent, None, false),
                member("noor", MemberKind::Child, Some(date(2010, 6, 1)), false),
            ],
            &[],
        )
    }

    #[test]
    fn marks_hide_narrow_and_share_and_the_young_person_decides_from_16() {
        let family = recorded();
        let facts = family.facts();
        let mark = |kind, member: &str| Mark {
            id: "m".into(),
            item_kind: ItemKind::PlanItem,
            item_ref: "r1".into(),
            kind,
            member: member.into(),
            reason: "veiligheid".into(),
            on: date(2026, 6, 2),
        };
        let on = date(2026, 6, 3);
        let plain = Item::family(ItemKind::PlanItem);
        assert!(sight(facts, "kim", &plain, on).is_shown());
        // Only about Noor, 16: Kim no longer sees it until Noor shares it.
        let only = marked(plain.clone(), "r1", &[mark(MarkKind::OnlyChild, "noor")]);
        assert!(!sight(facts, "kim", &only, on).is_shown());
        assert!(decides_sharing(facts, "noor", &only, on));
        assert!(!decides_sharing(facts, "noor", &only, date(2026, 5, 31)));
        let shared = marked(
            plain.clone(),
            "r1",
            &[
                mark(MarkKind::OnlyChild, "noor"),
                mark(MarkKind::Shared, "kim"),
            ],
        );
        assert!(sight(facts, "kim", &shared, on).is_shown());
        // A mark on another item changes nothing.
        assert_eq!(
            marked(plain.clone(), "r2", &[mark(MarkKind::Hidden, "kim")]),
            plain
        );
        let hidden = marked(plain, "r1", &[mark(MarkKind::Hidden, "kim")]);
        assert!(!sight(facts, "kim", &hidden, on).is_shown());
        assert_eq!(parents_of(facts), ["kim", "rob"]);
    }

    #[test]
    fn professionals_mark_with_a_reason_and_never_share() {
        let family = recorded();
        let facts = family.facts();
        assert_eq!(
            check_mark(facts, MarkKind::Hidden, "rob", "  "),
            Err(MarkError::ReasonMissing)
        );
        assert_eq!(
            check_mark(facts, MarkKind::Hidden, "rob", "veilig adres"),
            Ok(())
        );
        assert_eq!(
            check_mark(facts, MarkKind::Hidden, "vreemde", "x"),
            Err(MarkError::NotAMember)
        );
        assert_eq!(
            check_mark(facts, MarkKind::OnlyChild, "kim", ""),
            Err(MarkError::NotAChild)
        );
        assert_eq!(check_mark(facts, MarkKind::OnlyChild, "noor", ""), Ok(()));
        assert_eq!(
            check_mark(facts, MarkKind::Shared, "kim", ""),
            Err(MarkError::NotTheirChoice)
        );
        for k in MarkKind::ALL {
            assert_eq!(MarkKind::from_code(k.code()), Some(k));
        }
        for k in ItemKind::ALL {
            assert_eq!(ItemKind::from_code(k.code()), Some(k));
        }
    }

    #[test]
    fn the_family_adds_a_scale_from_0_to_10_and_a_view() {
        assert_eq!(check_addition("7", "Het gaat beter").0, Ok(7));
        assert_eq!(
            check_addition("11", "x").0,
            Err(AdditionError::ScaleOutOfRange)
        );
        assert_eq!(
            check_addition("", "x").0,
            Err(AdditionError::ScaleOutOfRange)
        );
        assert_eq!(check_addition("5", "  ").1, Err(AdditionError::ViewEmpty));
        let family = recorded();
        let facts = family.facts();
        let on = date(2026, 6, 3);
        assert!(may_add_to_plan(facts, "kim", on));
        assert!(may_add_to_plan(facts, "noor", on));
        assert!(!may_add_to_plan(facts, "rob", on), "no custody");
    }
}
