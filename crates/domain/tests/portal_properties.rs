//! Property tests of who in the family sees what on the portal, over random families,
//! birthdays (29 February included), custody periods that start and end, guardianships
//! by a member or an institution, items with marks and a young person's choices, and
//! days spread over ten years so every 12th, 16th and 18th birthday is crossed.

#![allow(clippy::unwrap_used)]

use eenplan_domain::family::MemberKind;
use eenplan_domain::family::age_on;
use eenplan_domain::family::consent::{Person, required_for};
use eenplan_domain::family::portal::{
    Basis, CustodyPeriod, FamilyFacts, Guardian, GuardianshipPeriod, Hidden, InformationRequest,
    Item, ItemKind, Member, NotShown, Redaction, Relation, Sensitive, Shared, Sight, Stage,
    holds_custody, may_ask, sight, stage_on,
};
use jiff::ToSpan;
use jiff::civil::{Date, date};
use proptest::prelude::*;

/// Two parents, a carer, three children; ids past the family's size stay unknown.
const IDS: [&str; 7] = ["p0", "p1", "carer", "c0", "c1", "c2", "stranger"];
const ADULTS: usize = 3;

const KINDS: [ItemKind; 9] = [
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

fn base() -> Date {
    date(2026, 1, 1)
}

fn day(offset: i64) -> Date {
    base().checked_add(offset.days()).unwrap()
}

#[derive(Debug, Clone)]
struct World {
    members: Vec<Member>,
    custody: Vec<CustodyPeriod>,
    guardianships: Vec<GuardianshipPeriod>,
}

impl World {
    fn facts(&self) -> FamilyFacts<'_> {
        FamilyFacts {
            members: &self.members,
            custody: &self.custody,
            guardianships: &self.guardianships,
        }
    }
}

fn birth() -> impl Strategy<Value = Option<Date>> {
    prop_oneof![
        8 => (-7300i64..0).prop_map(|d| Some(day(d))),
        1 => prop::sample::select(vec![date(2012, 2, 29), date(2008, 2, 29), date(2016, 2, 29)])
            .prop_map(Some),
        1 => Just(None),
    ]
}

fn child_index() -> impl Strategy<Value = usize> {
    ADULTS..ADULTS + 3
}

fn world() -> impl Strategy<Value = World> {
    (
        1usize..=3,
        prop::collection::vec(birth(), 3),
        prop::collection::vec(
            (
                0..ADULTS,
                child_index(),
                -6000i64..3650,
                prop::option::of(0i64..5000),
            ),
            0..6,
        ),
        prop::collection::vec(
            (
                child_index(),
                prop::option::of(0..ADULTS),
                -2000i64..3650,
                prop::option::of(0i64..3000),
            ),
            0..3,
        ),
    )
        .prop_map(|(children, births, custody, guardianships)| {
            let mut members = vec![
                Member {
                    id: "p0".into(),
                    relation: Relation::Parent,
                    date_of_birth: Some(date(1985, 3, 3)),
                },
                Member {
                    id: "p1".into(),
                    relation: Relation::Parent,
                    date_of_birth: None,
                },
                Member {
                    id: "carer".into(),
                    relation: Relation::Carer,
                    date_of_birth: None,
                },
            ];
            for (i, born) in births.into_iter().take(children).enumerate() {
                members.push(Member {
                    id: IDS[ADULTS + i].into(),
                    relation: Relation::Child,
                    date_of_birth: born,
                });
            }
            World {
                members,
                custody: custody
                    .into_iter()
                    .map(|(a, c, from, len)| CustodyPeriod {
                        holder: IDS[a].into(),
                        child: IDS[c].into(),
                        from: day(from),
                        until: len.map(|l| day(from + l)),
                    })
                    .collect(),
                guardianships: guardianships
                    .into_iter()
                    .map(|(c, guardian, from, len)| GuardianshipPeriod {
                        child: IDS[c].into(),
                        guardian: match guardian {
                            Some(a) => Guardian::Member(IDS[a].into()),
                            None => Guardian::Institution {
                                organisation_id: "save".into(),
                            },
                        },
                        from: day(from),
                        until: len.map(|l| day(from + l)),
                    })
                    .collect(),
            }
        })
}

fn item() -> impl Strategy<Value = Item> {
    (
        prop::sample::select(KINDS.to_vec()),
        prop::collection::vec(child_index(), 0..3),
        prop::option::of(child_index()),
        prop::collection::vec(0..IDS.len(), 0..3),
        prop::collection::vec((0..IDS.len(), -3000i64..3650), 0..3),
        prop::collection::vec(prop::option::of(0..IDS.len()), 0..3),
    )
        .prop_map(|(kind, concerns, only, hidden, shared, sensitive)| Item {
            kind,
            concerns: concerns.into_iter().map(|c| IDS[c].to_owned()).collect(),
            only_child: only.map(|c| IDS[c].to_owned()),
            hidden_from: hidden
                .into_iter()
                .map(|m| Hidden {
                    member: IDS[m].into(),
                    reason: "Veiligheid: opvangadres".into(),
                })
                .collect(),
            shared: shared
                .into_iter()
                .map(|(m, on)| Shared {
                    with: IDS[m].into(),
                    on: day(on),
                })
                .collect(),
            sensitive: sensitive
                .into_iter()
                .map(|s| match s {
                    Some(m) => Sensitive::AddressOf(IDS[m].into()),
                    None => Sensitive::ReporterIdentity,
                })
                .collect(),
        })
}

fn viewer() -> impl Strategy<Value = &'static str> {
    prop::sample::select(IDS.to_vec())
}

fn on() -> impl Strategy<Value = Date> {
    (0i64..3650).prop_map(day)
}

fn relation(w: &World, id: &str) -> Option<Relation> {
    w.members.iter().find(|m| m.id == id).map(|m| m.relation)
}

fn stage(w: &World, id: &str, on: Date) -> Stage {
    w.members
        .iter()
        .find(|m| m.id == id)
        .map_or(Stage::Unknown, |m| stage_on(m.date_of_birth, on))
}

fn holds_any_custody(w: &World, id: &str, on: Date) -> bool {
    w.members
        .iter()
        .any(|c| holds_custody(w.facts(), id, &c.id, on))
}

/// A valid choice of the only child to share with `viewer`: made from their 16th
/// birthday, not after `on`.
fn validly_shared(w: &World, child: &str, viewer: &str, item: &Item, on: Date) -> bool {
    let Some(born) = w
        .members
        .iter()
        .find(|m| m.id == child)
        .and_then(|m| m.date_of_birth)
    else {
        return false;
    };
    item.shared
        .iter()
        .any(|s| s.with == viewer && s.on <= on && age_on(born, s.on) >= 16)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Safety first: a mark hides from that member whatever else holds; working notes
    /// never show; and nobody outside the family sees anything.
    #[test]
    fn marked_items_notes_and_strangers_never_show(w in world(), it in item(), v in viewer(), d in on()) {
        let s = sight(w.facts(), v, &it, d);
        if it.hidden_from.iter().any(|h| h.member == v) {
            prop_assert!(!s.is_shown());
        }
        if it.kind == ItemKind::WorkingNote {
            prop_assert!(!s.is_shown());
        }
        if relation(&w, v).is_none() {
            prop_assert_eq!(s, Sight::NotShown(NotShown::NotAMember));
        }
    }

    /// Another member's address and the reporter's identity are always left out of a
    /// shown item; the viewer's own address stays.
    #[test]
    fn addresses_of_others_and_reporters_are_always_left_out(w in world(), it in item(), v in viewer(), d in on()) {
        if let Sight::Shown { redactions, .. } = sight(w.facts(), v, &it, d) {
            for s in &it.sensitive {
                match s {
                    Sensitive::AddressOf(m) if m == v => {
                        prop_assert!(!redactions.contains(&Redaction::AddressOf(m.clone())));
                    }
                    Sensitive::AddressOf(m) => {
                        prop_assert!(redactions.contains(&Redaction::AddressOf(m.clone())));
                    }
                    Sensitive::ReporterIdentity => {
                        prop_assert!(redactions.contains(&Redaction::ReporterIdentity));
                    }
                }
            }
        }
    }

    /// A parent or carer without custody on the day has no standing access: they see
    /// only what a young person of 16 or older shared with them, and a custody basis
    /// is only ever given to someone holding custody of a child the item concerns.
    #[test]
    fn no_custody_no_standing_access(w in world(), it in item(), v in viewer(), d in on()) {
        let s = sight(w.facts(), v, &it, d);
        if matches!(relation(&w, v), Some(Relation::Parent | Relation::Carer)) {
            if !holds_any_custody(&w, v, d) {
                prop_assert!(s.basis().is_none_or(|b| b == Basis::SharedByYoungPerson), "{:?}", s);
            }
            if s.basis() == Some(Basis::Custody) {
                let subjects = it.subjects();
                prop_assert!(
                    subjects.is_empty()
                        || subjects.iter().any(|c| holds_custody(w.facts(), v, c, d))
                );
            }
        }
    }

    /// What concerns only a young person of 16 or older reaches anyone else only by
    /// their choice, made from their 16th birthday; below 16 a parent sees it exactly
    /// when the consent rule asks that parent's consent for the child (custody).
    #[test]
    fn what_concerns_only_a_young_person_follows_their_age_and_choice(w in world(), mut it in item(), v in viewer(), d in on(), c in child_index()) {
        it.only_child = Some(IDS[c].into());
        let child = IDS[c];
        let s = sight(w.facts(), v, &it, d);
        if v == child || !s.is_shown() {
            return Ok(());
        }
        prop_assert_eq!(relation(&w, child), Some(Relation::Child), "only a member child's item shows to others");
        match stage(&w, child, d) {
            Stage::From16 | Stage::Adult | Stage::Unknown => {
                prop_assert_eq!(s.basis(), Some(Basis::SharedByYoungPerson));
                prop_assert!(validly_shared(&w, child, v, &it, d));
            }
            Stage::Under12 | Stage::From12 => {
                prop_assert_eq!(s.basis(), Some(Basis::Custody));
                let kid = w.members.iter().find(|m| m.id == child).unwrap();
                let person = Person {
                    id: kid.id.clone(),
                    name: kid.id.clone(),
                    kind: MemberKind::Child,
                    date_of_birth: kid.date_of_birth,
                    has_custody: false,
                };
                let parent = Person {
                    id: v.to_owned(),
                    name: v.to_owned(),
                    kind: MemberKind::Parent,
                    date_of_birth: None,
                    has_custody: true,
                };
                let asked = required_for(&person, &[&parent], d);
                prop_assert!(asked.iter().any(|(id, _)| id == v));
                prop_assert!(holds_custody(w.facts(), v, child, d));
            }
        }
    }

    /// Children: nothing under 12; from 12 to 15 only the plan and consents about them;
    /// never what concerns only other children.
    #[test]
    fn children_see_by_age_and_only_what_concerns_them(w in world(), it in item(), v in viewer(), d in on()) {
        if relation(&w, v) != Some(Relation::Child) {
            return Ok(());
        }
        let s = sight(w.facts(), v, &it, d);
        let st = stage(&w, v, d);
        if matches!(st, Stage::Under12 | Stage::Unknown) {
            prop_assert!(!s.is_shown());
        }
        if s.is_shown() {
            prop_assert_eq!(s.basis(), Some(Basis::Own));
            let subjects = it.subjects();
            prop_assert!(subjects.is_empty() || subjects.contains(&v));
            if st == Stage::From12 {
                prop_assert!(matches!(
                    it.kind,
                    ItemKind::PlanDraft | ItemKind::PlanAgreed | ItemKind::PlanItem | ItemKind::Consent
                ));
            }
        }
    }

    /// Monotone where it should be: a mark never reveals, a young person's choice to
    /// share never hides, more custody never hides, and a child sees no less as they
    /// grow older.
    #[test]
    fn monotone_in_marks_choices_custody_and_a_childs_age(
        w in world(), it in item(), v in viewer(), d in on(), later in 0i64..2000,
        extra in (0..ADULTS, child_index(), -6000i64..3650, prop::option::of(0i64..5000)),
        share_on in -3000i64..3650,
    ) {
        let before = sight(w.facts(), v, &it, d).is_shown();

        let mut marked = it.clone();
        marked.hidden_from.push(Hidden { member: v.into(), reason: "Veiligheid".into() });
        prop_assert!(!sight(w.facts(), v, &marked, d).is_shown());
        if !before {
            let mut other = it.clone();
            other.hidden_from.push(Hidden { member: "p1".into(), reason: "Veiligheid".into() });
            prop_assert!(!sight(w.facts(), v, &other, d).is_shown());
        }

        if before {
            let mut shared = it.clone();
            shared.shared.push(Shared { with: v.into(), on: day(share_on) });
            prop_assert!(sight(w.facts(), v, &shared, d).is_shown());

            let mut more = w.clone();
            let (a, c, from, len) = extra;
            more.custody.push(CustodyPeriod {
                holder: IDS[a].into(),
                child: IDS[c].into(),
                from: day(from),
                until: len.map(|l| day(from + l)),
            });
            prop_assert!(sight(more.facts(), v, &it, d).is_shown());

            if relation(&w, v) == Some(Relation::Child) {
                let older = d.checked_add(later.days()).unwrap();
                prop_assert!(sight(w.facts(), v, &it, older).is_shown());
            }
        }
    }

    /// Custody over time: nobody holds custody of an adult; a running guardianship
    /// decides alone (an institution's leaves no member holding custody, a member
    /// guardian holds it); otherwise only a covering custody period gives it.
    #[test]
    fn custody_follows_guardianship_periods_and_majority(w in world(), v in viewer(), c in child_index(), d in on()) {
        let child = IDS[c];
        let held = holds_custody(w.facts(), v, child, d);
        if !held {
            return Ok(());
        }
        prop_assert!(matches!(relation(&w, v), Some(Relation::Parent | Relation::Carer)));
        prop_assert_eq!(relation(&w, child), Some(Relation::Child));
        prop_assert!(stage(&w, child, d) != Stage::Adult);
        let covers = |from: Date, until: Option<Date>| from <= d && until.is_none_or(|u| d <= u);
        let running: Vec<_> = w
            .guardianships
            .iter()
            .filter(|g| g.child == child && covers(g.from, g.until))
            .collect();
        if running.is_empty() {
            prop_assert!(w
                .custody
                .iter()
                .any(|p| p.holder == v && p.child == child && covers(p.from, p.until)));
        } else {
            prop_assert!(running.iter().any(|g| g.guardian == Guardian::Member(v.into())));
        }
    }

    /// On a young person's 16th birthday what concerns only them and was not shared
    /// disappears for everyone else, although it showed to a parent with custody the
    /// day before.
    #[test]
    fn the_16th_birthday_closes_what_was_not_shared(w in world(), mut it in item(), v in viewer(), c in child_index()) {
        let child = IDS[c];
        let Some(born) = w.members.iter().find(|m| m.id == child).and_then(|m| m.date_of_birth) else {
            return Ok(());
        };
        let Some(sixteen) = (0..=2)
            .map(|extra| born.checked_add((16 * 12).months()).unwrap().checked_add(extra.days()).unwrap())
            .find(|d| age_on(born, *d) == 16)
        else {
            return Ok(());
        };
        it.only_child = Some(child.into());
        it.shared.clear();
        if v != child {
            prop_assert!(!sight(w.facts(), v, &it, sixteen).is_shown());
        }
        let eve = sixteen.checked_sub(1.day()).unwrap();
        if v != child
            && holds_custody(w.facts(), v, child, eve)
            && it.kind != ItemKind::WorkingNote
            && !it.hidden_from.iter().any(|h| h.member == v)
        {
            prop_assert!(sight(w.facts(), v, &it, eve).is_shown());
        }
    }

    /// The BW 1:377c request is the way left to exactly the parents the portal turns
    /// away: whoever may ask holds no custody of that minor child, and a parent told
    /// "no custody, ask instead" has a child to ask about.
    #[test]
    fn the_information_request_is_for_parents_without_custody(w in world(), it in item(), v in viewer(), c in child_index(), d in on()) {
        let req = InformationRequest {
            asker: v.into(),
            child: IDS[c].into(),
            asked_on: d,
            question: "Hoe gaat het met mijn kind?".into(),
        };
        if may_ask(w.facts(), &req, d).is_ok() {
            prop_assert_eq!(relation(&w, v), Some(Relation::Parent));
            prop_assert!(!holds_custody(w.facts(), v, IDS[c], d));
            prop_assert!(stage(&w, IDS[c], d) != Stage::Adult);
        }
        if sight(w.facts(), v, &it, d) == Sight::NotShown(NotShown::NoCustody { may_ask: true }) {
            let someone_to_ask_about = w.members.iter().any(|m| {
                let r = InformationRequest { child: m.id.clone(), ..req.clone() };
                may_ask(w.facts(), &r, d).is_ok()
            });
            prop_assert!(someone_to_ask_about);
        }
    }
}
