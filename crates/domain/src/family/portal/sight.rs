//! The rule itself: whether and how one member sees one item of the family file on a
//! day. The module documentation ([`super`]) gives the order and the sources.

use jiff::civil::Date;

use super::custody::{FamilyFacts, Relation, Stage, stage_on};

/// What a portal page can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// The plan as it stands now, not yet agreed.
    PlanDraft,
    /// An agreed version of the plan.
    PlanAgreed,
    /// One line of the plan (a worry, a goal, an action).
    PlanItem,
    Consent,
    /// A professional or network member in the flower: names, organisations, work
    /// phone numbers.
    FlowerContact,
    Meeting,
    /// Whom the family calls in a crisis.
    CrisisAnswer,
    /// Who looked at the file ([`super::log_sentence`] writes it).
    AccessLogLine,
    /// A professional's working note: never on the portal.
    WorkingNote,
}

impl ItemKind {
    /// What a young person of 12 to 15 sees of what concerns them.
    fn for_twelve_to_fifteen(self) -> bool {
        matches!(
            self,
            ItemKind::PlanDraft | ItemKind::PlanAgreed | ItemKind::PlanItem | ItemKind::Consent
        )
    }
}

/// Something in an item that could endanger or expose someone else.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sensitive {
    /// The address where this member lives or stays (a safe address included).
    AddressOf(String),
    /// Who reported to Veilig Thuis.
    ReporterIdentity,
}

/// A "niet zichtbaar voor <member>" mark: the reason is for the professionals, never
/// for the member it hides from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hidden {
    pub member: String,
    pub reason: String,
}

/// A young person's choice to let `with` see what concerns only them, made on `on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub with: String,
    pub on: Date,
}

/// One item of the family file, with what the rule needs to know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    /// The children it concerns (member ids); empty: the whole family.
    pub concerns: Vec<String>,
    /// The "concerns only child X" marker; it overrides `concerns`.
    pub only_child: Option<String>,
    pub hidden_from: Vec<Hidden>,
    /// The only child's choices to share it (counted from their 16th birthday).
    pub shared: Vec<Shared>,
    pub sensitive: Vec<Sensitive>,
}

impl Item {
    /// An item of `kind` about the whole family, with nothing marked.
    pub fn family(kind: ItemKind) -> Self {
        Item {
            kind,
            concerns: Vec::new(),
            only_child: None,
            hidden_from: Vec::new(),
            shared: Vec::new(),
            sensitive: Vec::new(),
        }
    }

    /// The children the item is about; empty for the whole family.
    pub fn subjects(&self) -> Vec<&str> {
        match &self.only_child {
            Some(child) => vec![child.as_str()],
            None => self.concerns.iter().map(String::as_str).collect(),
        }
    }
}

/// Why the viewer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// It is about the viewer (a young person of 12 or older).
    Own,
    /// The viewer holds custody of a child it concerns (a guardian included).
    Custody,
    /// The young person it concerns only, 16 or older, chose to share it.
    SharedByYoungPerson,
}

/// A part left out of a shown item.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Redaction {
    AddressOf(String),
    ReporterIdentity,
}

/// Why an item is not shown. For the system and its tests: the page leaves the item
/// out without saying so (saying "something is hidden from you" can itself endanger).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotShown {
    NotAMember,
    /// Marked "niet zichtbaar voor" this viewer.
    MarkedForViewer,
    WorkingNote,
    /// A child under 12 (or without a known date of birth) has no portal of their own.
    TooYoung,
    /// 12 to 15: only the plan and the consents.
    NotForAge,
    /// It concerns other children only.
    NotTheirs,
    /// A parent or carer without custody of any minor child of the family; a legal
    /// parent may ask for information instead (`may_ask`, BW 1:377c).
    NoCustody {
        may_ask: bool,
    },
    /// It concerns only a young person of 16 or older who did not share it.
    NotShared,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sight {
    Shown {
        basis: Basis,
        /// Parts to leave out, sorted.
        redactions: Vec<Redaction>,
    },
    NotShown(NotShown),
}

impl Sight {
    pub fn is_shown(&self) -> bool {
        matches!(self, Sight::Shown { .. })
    }

    pub fn basis(&self) -> Option<Basis> {
        match self {
            Sight::Shown { basis, .. } => Some(*basis),
            Sight::NotShown(_) => None,
        }
    }
}

/// Whether and how `viewer` sees `item` on `on`.
pub fn sight(facts: FamilyFacts<'_>, viewer: &str, item: &Item, on: Date) -> Sight {
    match decide(facts, viewer, item, on) {
        Ok(basis) => Sight::Shown {
            basis,
            redactions: redactions(viewer, item),
        },
        Err(why) => Sight::NotShown(why),
    }
}

fn decide(facts: FamilyFacts<'_>, viewer: &str, item: &Item, on: Date) -> Result<Basis, NotShown> {
    let v = facts.member(viewer).ok_or(NotShown::NotAMember)?;
    if item.hidden_from.iter().any(|h| h.member == viewer) {
        return Err(NotShown::MarkedForViewer);
    }
    if item.kind == ItemKind::WorkingNote {
        return Err(NotShown::WorkingNote);
    }
    let subjects = item.subjects();
    match v.relation {
        Relation::Child => {
            let stage = stage_on(v.date_of_birth, on);
            if matches!(stage, Stage::Unknown | Stage::Under12) {
                return Err(NotShown::TooYoung);
            }
            if !subjects.is_empty() && !subjects.contains(&viewer) {
                return Err(NotShown::NotTheirs);
            }
            if stage == Stage::From12 && !item.kind.for_twelve_to_fifteen() {
                return Err(NotShown::NotForAge);
            }
            Ok(Basis::Own)
        }
        Relation::Parent | Relation::Carer => {
            let own_children = facts.custody_children(viewer, on);
            if let [only] = subjects[..] {
                let stage = facts.stage(only, on);
                let is_child = facts
                    .member(only)
                    .is_some_and(|m| m.relation == Relation::Child);
                if is_child && matches!(stage, Stage::From16 | Stage::Adult | Stage::Unknown) {
                    return if shared_with(facts, only, viewer, item, on) {
                        Ok(Basis::SharedByYoungPerson)
                    } else {
                        Err(NotShown::NotShared)
                    };
                }
            }
            if own_children.is_empty() {
                return Err(NotShown::NoCustody {
                    may_ask: v.relation == Relation::Parent && has_minor_child(facts, on),
                });
            }
            if subjects.is_empty() || subjects.iter().any(|s| own_children.contains(s)) {
                Ok(Basis::Custody)
            } else {
                Err(NotShown::NotTheirs)
            }
        }
    }
}

/// Whether the young person `child` shared the item with `viewer`, on or after their
/// 16th birthday (before it the choice was not theirs to make) and not after `on`.
fn shared_with(facts: FamilyFacts<'_>, child: &str, viewer: &str, item: &Item, on: Date) -> bool {
    let Some(born) = facts.member(child).and_then(|m| m.date_of_birth) else {
        return false;
    };
    item.shared.iter().any(|s| {
        s.with == viewer
            && s.on <= on
            && matches!(stage_on(Some(born), s.on), Stage::From16 | Stage::Adult)
    })
}

fn has_minor_child(facts: FamilyFacts<'_>, on: Date) -> bool {
    facts
        .members
        .iter()
        .any(|m| m.relation == Relation::Child && stage_on(m.date_of_birth, on) != Stage::Adult)
}

/// Another member's address (a safe address above all) and a Veilig Thuis reporter's
/// identity are left out; the viewer's own address stays.
fn redactions(viewer: &str, item: &Item) -> Vec<Redaction> {
    let mut out: Vec<Redaction> = item
        .sensitive
        .iter()
        .filter_map(|s| match s {
            Sensitive::AddressOf(m) if m == viewer => None,
            Sensitive::AddressOf(m) => Some(Redaction::AddressOf(m.clone())),
            Sensitive::ReporterIdentity => Some(Redaction::ReporterIdentity),
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
#[path = "sight_tests.rs"]
mod tests;
