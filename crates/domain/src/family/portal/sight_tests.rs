use super::*;
use crate::family::portal::custody::{CustodyPeriod, Guardian, GuardianshipPeriod, Member};
use jiff::civil::date;

fn member(id: &str, relation: Relation, born: Option<Date>) -> Member {
    Member {
        id: id.into(),
        relation,
        date_of_birth: born,
    }
}

fn custody(holder: &str, child: &str, from: Date, until: Option<Date>) -> CustodyPeriod {
    CustodyPeriod {
        holder: holder.into(),
        child: child.into(),
        from,
        until,
    }
}

/// Mama holds custody of both children throughout; papa held custody of Noor until
/// 2026-03-31; Noor turns 16 on 2026-06-01, Sam 12 on 2026-09-15; stiefvader is a
/// carer without custody.
fn members() -> Vec<Member> {
    vec![
        member("mama", Relation::Parent, Some(date(1985, 1, 1))),
        member("papa", Relation::Parent, Some(date(1983, 1, 1))),
        member("stiefvader", Relation::Carer, None),
        member("noor", Relation::Child, Some(date(2010, 6, 1))),
        member("sam", Relation::Child, Some(date(2014, 9, 15))),
    ]
}

fn periods() -> Vec<CustodyPeriod> {
    vec![
        custody("mama", "noor", date(2010, 6, 1), None),
        custody("mama", "sam", date(2014, 9, 15), None),
        custody("papa", "noor", date(2010, 6, 1), Some(date(2026, 3, 31))),
    ]
}

fn see(viewer: &str, item: &Item, on: Date) -> Sight {
    let members = members();
    let custody = periods();
    let facts = FamilyFacts {
        members: &members,
        custody: &custody,
        guardianships: &[],
    };
    sight(facts, viewer, item, on)
}

fn only(kind: ItemKind, child: &str) -> Item {
    Item {
        only_child: Some(child.into()),
        ..Item::family(kind)
    }
}

#[test]
fn a_parent_with_custody_sees_everything_but_working_notes() {
    let on = date(2026, 1, 10);
    for kind in [
        ItemKind::PlanDraft,
        ItemKind::PlanAgreed,
        ItemKind::PlanItem,
        ItemKind::Consent,
        ItemKind::FlowerContact,
        ItemKind::Meeting,
        ItemKind::CrisisAnswer,
        ItemKind::AccessLogLine,
    ] {
        assert_eq!(
            see("mama", &Item::family(kind), on).basis(),
            Some(Basis::Custody),
            "{kind:?}"
        );
    }
    assert_eq!(
        see("mama", &Item::family(ItemKind::WorkingNote), on),
        Sight::NotShown(NotShown::WorkingNote)
    );
}

#[test]
fn custody_ending_ends_standing_access_and_leaves_a_request() {
    let plan = Item::family(ItemKind::PlanAgreed);
    assert!(see("papa", &plan, date(2026, 3, 31)).is_shown());
    assert_eq!(
        see("papa", &plan, date(2026, 4, 1)),
        Sight::NotShown(NotShown::NoCustody { may_ask: true })
    );
    // A carer without custody has no 1:377c request either.
    assert_eq!(
        see("stiefvader", &plan, date(2026, 4, 1)),
        Sight::NotShown(NotShown::NoCustody { may_ask: false })
    );
}

#[test]
fn young_people_see_by_age() {
    let plan = Item::family(ItemKind::PlanDraft);
    let meeting = Item::family(ItemKind::Meeting);
    // Sam is 11, then 12.
    assert_eq!(
        see("sam", &plan, date(2026, 9, 14)),
        Sight::NotShown(NotShown::TooYoung)
    );
    assert_eq!(
        see("sam", &plan, date(2026, 9, 15)).basis(),
        Some(Basis::Own)
    );
    assert_eq!(
        see("sam", &meeting, date(2026, 9, 15)),
        Sight::NotShown(NotShown::NotForAge)
    );
    // Noor at 16 sees the meetings too, but not what concerns only Sam.
    assert!(see("noor", &meeting, date(2026, 6, 1)).is_shown());
    assert_eq!(
        see("noor", &only(ItemKind::PlanItem, "sam"), date(2026, 6, 1)),
        Sight::NotShown(NotShown::NotTheirs)
    );
}

#[test]
fn from_16_the_young_person_decides_what_parents_see_of_what_concerns_only_them() {
    let mut item = only(ItemKind::PlanItem, "noor");
    assert_eq!(
        see("mama", &item, date(2026, 5, 31)).basis(),
        Some(Basis::Custody)
    );
    assert_eq!(
        see("mama", &item, date(2026, 6, 1)),
        Sight::NotShown(NotShown::NotShared)
    );
    // A choice made at 15 is not hers to make yet.
    item.shared.push(Shared {
        with: "mama".into(),
        on: date(2026, 5, 1),
    });
    assert!(!see("mama", &item, date(2026, 6, 1)).is_shown());
    item.shared.push(Shared {
        with: "mama".into(),
        on: date(2026, 6, 2),
    });
    assert!(!see("mama", &item, date(2026, 6, 1)).is_shown());
    assert_eq!(
        see("mama", &item, date(2026, 6, 2)).basis(),
        Some(Basis::SharedByYoungPerson)
    );
    assert!(!see("papa", &item, date(2026, 6, 2)).is_shown());
    // Her own item she sees.
    assert_eq!(
        see("noor", &item, date(2026, 6, 1)).basis(),
        Some(Basis::Own)
    );
}

#[test]
fn a_mark_hides_from_that_member_only_and_addresses_and_reporters_are_left_out() {
    let mut contact = Item::family(ItemKind::FlowerContact);
    contact.hidden_from.push(Hidden {
        member: "papa".into(),
        reason: "Opvang: adres moet geheim blijven".into(),
    });
    contact.sensitive = vec![
        Sensitive::AddressOf("mama".into()),
        Sensitive::ReporterIdentity,
        Sensitive::AddressOf("papa".into()),
    ];
    let on = date(2026, 1, 10);
    assert_eq!(
        see("papa", &contact, on),
        Sight::NotShown(NotShown::MarkedForViewer)
    );
    assert_eq!(
        see("mama", &contact, on),
        Sight::Shown {
            basis: Basis::Custody,
            redactions: vec![
                Redaction::AddressOf("papa".into()),
                Redaction::ReporterIdentity
            ],
        }
    );
}

#[test]
fn a_guardian_counts_as_the_parent_with_custody_and_18_makes_an_adult() {
    let members = vec![
        member("oma", Relation::Carer, None),
        member("mama", Relation::Parent, None),
        member("sam", Relation::Child, Some(date(2009, 2, 28))),
    ];
    let custody = vec![custody("mama", "sam", date(2009, 2, 28), None)];
    let guardianships = vec![GuardianshipPeriod {
        child: "sam".into(),
        guardian: Guardian::Member("oma".into()),
        from: date(2025, 1, 1),
        until: None,
    }];
    let facts = FamilyFacts {
        members: &members,
        custody: &custody,
        guardianships: &guardianships,
    };
    let plan = Item::family(ItemKind::PlanAgreed);
    assert!(sight(facts, "mama", &plan, date(2024, 12, 31)).is_shown());
    assert!(!sight(facts, "mama", &plan, date(2025, 1, 1)).is_shown());
    assert_eq!(
        sight(facts, "oma", &plan, date(2025, 1, 1)).basis(),
        Some(Basis::Custody)
    );
    // Sam turns 18 on 2027-02-28: nobody holds custody any more.
    assert!(sight(facts, "oma", &plan, date(2027, 2, 27)).is_shown());
    assert_eq!(
        sight(facts, "oma", &plan, date(2027, 2, 28)),
        Sight::NotShown(NotShown::NoCustody { may_ask: false })
    );
    assert_eq!(
        sight(facts, "sam", &plan, date(2027, 2, 28)).basis(),
        Some(Basis::Own)
    );
}
