//! Contract tests of the family file, on every backend.

use eenplan_domain::{FamilyId, OrganisationId, UserId};
use eenplan_domain::family::{
    ActionStatus, DomainPlan, Expertise, InvolvementError, InvolvementRole, LifeDomain,
    MemberError, MemberKind, NetworkRelation, NewMember, Placement, Plan, PlanAction, Postcode,
    Scale,
};
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::{OrganisationKind, Slug};
use eenplan_domain::role::Role;
use eenplan_domain::totp::TotpSecret;
use eenplan_domain::user::{Email, PersonName};
use eenplan_store::{
    AccessEntry, FamilyQuery, NetworkDetails, NewFamily, NewInvolvement, NewOrganisation, NewTeam,
    NewUser, PlanSave, Store, StoreError,
};
use jiff::civil::date;

use crate::support::TestDb;

pub struct People {
    pub sanne: (UserId, OrganisationId),
    pub thomas: (UserId, OrganisationId),
    pub mohamed: (UserId, OrganisationId),
    pub joyce: (UserId, OrganisationId),
    pub overvecht_team: String,
}

pub fn actor() -> Actor {
    Actor::System { component: "test" }
}

/// Lokalis (local team, team Overvecht with Sanne and team lead Joyce; Mohamed without
/// team) and SAVE (Thomas). Each as (user id, organisation id).
pub async fn people(store: &Store) -> People {
    let mut tx = store.write().await.unwrap();
    let lokalis = tx
        .create_organisation(
            &actor(),
            NewOrganisation {
                slug: Slug::parse("lokalis").unwrap(),
                name: "Lokalis".into(),
                kind: OrganisationKind::LocalTeam,
            },
        )
        .await
        .unwrap();
    let save = tx
        .create_organisation(
            &actor(),
            NewOrganisation {
                slug: Slug::parse("save").unwrap(),
                name: "SAVE".into(),
                kind: OrganisationKind::CertifiedInstitution,
            },
        )
        .await
        .unwrap();
    let team = tx
        .create_team(
            &actor(),
            NewTeam {
                organisation_id: lokalis.id.clone(),
                name: "Buurtteam Overvecht".into(),
                area_id: None,
            },
        )
        .await
        .unwrap();
    let mut user = async |email: &str, org: &OrganisationId, team: Option<&str>, role: Role| {
        let u = tx
            .create_user(
                &actor(),
                NewUser {
                    email: Email::parse(email).unwrap(),
                    name: PersonName::parse(email.split('@').next().unwrap()).unwrap(),
                    organisation_id: org.clone(),
                    team_id: team.map(str::to_owned),
                    roles: vec![role],
                    password_hash: "-".into(),
                    totp_secret: TotpSecret::from_bytes([1; 20]),
                },
            )
            .await
            .unwrap();
        (u.id, org.clone())
    };
    let sanne = user(
        "sanne@lokalis.example",
        &lokalis.id,
        Some(&team.id),
        Role::Professional,
    )
    .await;
    let thomas = user("thomas@save.example", &save.id, None, Role::Professional).await;
    let mohamed = user(
        "mohamed@lokalis.example",
        &lokalis.id,
        None,
        Role::Professional,
    )
    .await;
    let joyce = user(
        "joyce@lokalis.example",
        &lokalis.id,
        Some(&team.id),
        Role::TeamLead,
    )
    .await;
    tx.commit().await.unwrap();
    People {
        sanne,
        thomas,
        mohamed,
        joyce,
        overvecht_team: team.id,
    }
}

pub fn address(label: &str, number: &str) -> NewFamily {
    NewFamily {
        label: label.into(),
        street: "Zamenhofdreef".into(),
        house_number: number.into(),
        postcode: Postcode::parse("3562 JW").unwrap(),
        city: "Utrecht".into(),
        area_id: None,
    }
}

pub async fn open(store: &Store, p: &People, label: &str, number: &str) -> FamilyId {
    let mut tx = store.write().await.unwrap();
    let id = tx
        .open_family(&actor(), address(label, number), &p.sanne.0, &p.sanne.1)
        .await
        .unwrap();
    tx.add_member(
        &actor(),
        &id,
        NewMember {
            kind: MemberKind::Child,
            name: "Sam Jansen".into(),
            date_of_birth: Some(date(2016, 4, 2)),
            has_custody: false,
        },
        date(2026, 11, 22),
    )
    .await
    .unwrap();
    tx.add_member(
        &actor(),
        &id,
        NewMember {
            kind: MemberKind::Parent,
            name: "Kim Jansen".into(),
            date_of_birth: None,
            has_custody: true,
        },
        date(2026, 11, 22),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

pub async fn family_file_with_members_network_and_flower(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let mut tx = store.write().await.unwrap();
    let oma = tx
        .add_network_member(
            &actor(),
            &id,
            &NetworkDetails {
                name: "Oma Jansen".into(),
                relation: NetworkRelation::Family,
                safety_role: "haalt Sam van school".into(),
                contact: "06-00000000".into(),
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    crate::consent::consent_to(&store, &id, &p.thomas.1, &p.sanne.0).await;
    let mut tx = store.write().await.unwrap();
    let (partner, placement) = tx
        .add_involvement(
            &actor(),
            &id,
            NewInvolvement {
                role: InvolvementRole::Partner,
                organisation_id: p.thomas.1.to_string(),
                user_id: p.thomas.0.to_string(),
                expertise: Some(Expertise::Safety),
                takes_over: None,
                reason: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(placement, Placement::Parallel);
    tx.commit().await.unwrap();

    let mut r = store.read().await.unwrap();
    let family = r.family(&id).await.unwrap().unwrap();
    assert_eq!(family.postcode, "3562 JW");
    assert_eq!(family.members.len(), 2);
    assert_eq!(family.members[0].date_of_birth, Some(date(2016, 4, 2)));
    assert_eq!(family.network[0].relation, NetworkRelation::Family);
    assert_eq!(family.regisseur().unwrap().user_id, p.sanne.0);
    let partners: Vec<_> = family.partners().collect();
    assert_eq!(
        (
            partners.len(),
            partners[0].id.as_str(),
            partners[0].expertise
        ),
        (1, partner.as_str(), Some(Expertise::Safety))
    );
    let facts = r.access_facts(&id).await.unwrap().unwrap();
    assert_eq!(facts.involved.len(), 2);
    assert!(facts.involved.contains(&eenplan_store::InvolvedFact {
        user_id: p.sanne.0.clone(),
        role: InvolvementRole::Regisseur,
        organisation_id: p.sanne.1.clone(),
        team_id: Some(p.overvecht_team.clone())
    }));
    assert_eq!(r.access_facts(&FamilyId::from("geen-gezin")).await.unwrap(), None);
    let kinds: Vec<String> = r
        .timeline(&id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "family_opened",
            "involvement_started",
            "member_added",
            "member_added",
            "network_member_added",
            "consent_given",
            "involvement_started"
        ]
    );
    drop(r);

    // A correction changes the record and keeps the old details in the journal; a
    // correction without a reason, or of someone not in this family, changes nothing.
    let corrected = NetworkDetails {
        name: "Oma Janssen".into(),
        relation: NetworkRelation::Family,
        safety_role: "noodadres".into(),
        contact: "06-11111111".into(),
    };
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.correct_network_member(&actor(), &id, &oma, &corrected, " ")
            .await
            .unwrap_err(),
        StoreError::Invalid(_)
    ));
    assert!(matches!(
        tx.correct_network_member(&actor(), &FamilyId::from("ander-gezin"), &oma, &corrected, "typefout")
            .await
            .unwrap_err(),
        StoreError::NotFound(_)
    ));
    tx.correct_network_member(&actor(), &id, &oma, &corrected, "typefout in de naam")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let family = r.family(&id).await.unwrap().unwrap();
    assert_eq!(
        (
            family.network[0].name.as_str(),
            family.network[0].contact.as_str()
        ),
        ("Oma Janssen", "06-11111111")
    );
    let last = r.timeline(&id).await.unwrap().pop().unwrap();
    assert_eq!(last.kind, "network_member_corrected");
    let payload: serde_json::Value = serde_json::from_str(&last.payload).unwrap();
    assert_eq!(payload["before"]["name"], "Oma Jansen");
    assert_eq!(payload["after"]["safety_role"], "noodadres");
    drop(r);
    store.close().await;
    db
}

pub async fn family_rules_refuse_and_leave_nothing(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    // Only a local professional opens a file (and becomes its regisseur).
    let mut tx = store.write().await.unwrap();
    let err = tx
        .open_family(&actor(), address("Gezin X", "1"), &p.thomas.0, &p.thomas.1)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Involvement(InvolvementError::RegisseurMustBeLocalTeam)
        ),
        "{err}"
    );
    drop(tx);
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let mut tx = store.write().await.unwrap();
    let err = tx
        .add_member(
            &actor(),
            &id,
            NewMember {
                kind: MemberKind::Child,
                name: "Noor".into(),
                date_of_birth: None,
                has_custody: false,
            },
            date(2026, 11, 22),
        )
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Member(MemberError::ChildWithoutBirthDate)
    ));
    drop(tx);
    let mut r = store.read().await.unwrap();
    let family = r.family(&id).await.unwrap().unwrap();
    assert_eq!(family.members.len(), 2, "nothing half-added");
    assert_eq!(
        r.search_families(&p.sanne.0, None, &FamilyQuery::default())
            .await
            .unwrap()
            .len(),
        1,
        "one file only"
    );
    drop(r);
    store.close().await;
    db
}

pub async fn handovers_are_explicit_reasoned_and_journaled(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let regisseur = store
        .read()
        .await
        .unwrap()
        .family(&id)
        .await
        .unwrap()
        .unwrap()
        .regisseur()
        .unwrap()
        .id
        .clone();
    let mut proposal = NewInvolvement {
        role: InvolvementRole::Regisseur,
        organisation_id: p.mohamed.1.to_string(),
        user_id: p.mohamed.0.to_string(),
        expertise: None,
        takes_over: None,
        reason: None,
    };

    let mut tx = store.write().await.unwrap();
    let err = tx
        .add_involvement(&actor(), &id, proposal.clone())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Involvement(InvolvementError::RegisseurExists)
        ),
        "{err}"
    );
    drop(tx);
    proposal.takes_over = Some(regisseur.clone());
    let mut tx = store.write().await.unwrap();
    let err = tx
        .add_involvement(&actor(), &id, proposal.clone())
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Involvement(InvolvementError::HandoverNeedsReason)
    ));
    drop(tx);
    let mut tx = store.write().await.unwrap();
    let err = tx
        .end_involvement(&actor(), &id, &regisseur, "weg")
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Involvement(InvolvementError::RegisseurCannotLeave)
    ));
    drop(tx);

    proposal.reason = Some("Sanne gaat naar een ander buurtteam".into());
    let mut tx = store.write().await.unwrap();
    let (new_id, placement) = tx.add_involvement(&actor(), &id, proposal).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        placement,
        Placement::Handover {
            replaces: regisseur.clone()
        }
    );

    let mut r = store.read().await.unwrap();
    let family = r.family(&id).await.unwrap().unwrap();
    assert_eq!(family.regisseur().unwrap().id, new_id);
    assert!(
        family
            .involvements
            .iter()
            .any(|i| i.id == regisseur && i.ended),
        "the old involvement is ended, not erased"
    );
    let timeline = r.timeline(&id).await.unwrap();
    let handover = timeline
        .iter()
        .find(|e| e.kind == "handover")
        .expect("a handover event");
    assert!(
        handover
            .payload
            .contains("Sanne gaat naar een ander buurtteam")
    );
    assert_eq!(timeline.iter().filter(|e| e.kind == "handover").count(), 1);
    drop(r);
    store.close().await;
    db
}

pub fn sample_plan() -> Plan {
    Plan {
        worries: vec!["Harde ruzies thuis".into()],
        working_well: vec!["Oma is er elke dag".into()],
        scales: vec![Scale {
            who: "Kim".into(),
            score: 4,
            on: None,
        }],
        domains: vec![DomainPlan {
            domain: LifeDomain::Income,
            goals: vec!["Schulden in beeld".into()],
            actions: vec![PlanAction {
                who: "Schuldhulp".into(),
                what: "Intake".into(),
                due: Some(date(2026, 12, 15)),
                status: ActionStatus::Planned,
            }],
        }],
        review_date: Some(date(2027, 2, 1)),
        ..Plan::default()
    }
}

pub async fn plan_versions_conflicts_and_agreement(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let mut tx = store.write().await.unwrap();
    assert_eq!(tx.current_plan(&id).await.unwrap(), (0, Plan::default()));
    assert_eq!(
        tx.save_plan(&actor(), &p.sanne.0, &id, 0, &sample_plan())
            .await
            .unwrap(),
        PlanSave::Saved { version: 1 }
    );
    tx.commit().await.unwrap();

    // Thomas saves on top of version 1; Sanne, still on version 1, gets a conflict with his changes.
    let mut thomas = sample_plan();
    thomas.worries.push("Sam verzuimt school".into());
    let mut tx = store.write().await.unwrap();
    assert_eq!(
        tx.save_plan(&actor(), &p.thomas.0, &id, 1, &thomas)
            .await
            .unwrap(),
        PlanSave::Saved { version: 2 }
    );
    tx.commit().await.unwrap();
    let mut sanne = sample_plan();
    sanne.scales[0].score = 5;
    let mut tx = store.write().await.unwrap();
    match tx
        .save_plan(&actor(), &p.sanne.0, &id, 1, &sanne)
        .await
        .unwrap()
    {
        PlanSave::Conflict { current, changes } => {
            assert_eq!(current, 2);
            assert_eq!(changes.len(), 1);
            assert_eq!(
                changes[0].added,
                [eenplan_domain::family::PlanLine::Text(
                    "Sam verzuimt school".into()
                )]
            );
        }
        saved => panic!("a stale save was accepted: {saved:?}"),
    }
    drop(tx);
    let mut tx = store.write().await.unwrap();
    let mut bad = sample_plan();
    bad.scales[0].score = 12;
    assert!(matches!(
        tx.save_plan(&actor(), &p.sanne.0, &id, 2, &bad).await,
        Err(StoreError::Plan(_))
    ));
    drop(tx);

    let family = store
        .read()
        .await
        .unwrap()
        .family(&id)
        .await
        .unwrap()
        .unwrap();
    let kim = family
        .members
        .iter()
        .find(|m| m.kind == MemberKind::Parent)
        .unwrap()
        .id
        .clone();
    let mut tx = store.write().await.unwrap();
    tx.agree_plan(&actor(), &p.sanne.0, &id, 2, std::slice::from_ref(&kim))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    assert!(
        tx.agree_plan(&actor(), &p.sanne.0, &id, 2, &["iemand-anders".into()])
            .await
            .is_err()
    );
    drop(tx);
    let mut r = store.read().await.unwrap();
    assert_eq!(r.plan_agreements(&id, 2).await.unwrap().len(), 1);
    assert_eq!(r.plan_version(&id, 1).await.unwrap(), Some(sample_plan()));
    // The versions a page at a time, newest first, either way from a key; the chart's
    // newest plans; the file's people a plan may name.
    assert_eq!(r.plan_version_count(&id).await.unwrap(), 2);
    let numbers = |page: &[(eenplan_store::PlanVersionInfo, eenplan_store::PageKey)]| {
        page.iter().map(|(v, _)| v.version).collect::<Vec<_>>()
    };
    let first = r
        .plan_versions_page(&id, &eenplan_store::Seek::First, 1)
        .await
        .unwrap();
    assert_eq!(numbers(&first), [2]);
    let after = r
        .plan_versions_page(&id, &eenplan_store::Seek::After(first[0].1.clone()), 5)
        .await
        .unwrap();
    assert_eq!(numbers(&after), [1]);
    let before = r
        .plan_versions_page(&id, &eenplan_store::Seek::Before(after[0].1.clone()), 5)
        .await
        .unwrap();
    assert_eq!(numbers(&before), [2]);
    assert_eq!(
        r.recent_plans(&id, 1).await.unwrap(),
        vec![(2, thomas.clone())]
    );
    let in_file = r.plan_people_in_file(&id).await.unwrap();
    assert!(in_file.iter().any(|f| f.current
        && f.person.kind == eenplan_domain::family::PersonKind::Member
        && f.person.id.as_deref() == Some(kim.as_str())));
    assert!(in_file.iter().any(|f| f.current
        && f.person.kind == eenplan_domain::family::PersonKind::Professional
        && f.person.id.as_deref() == Some(p.sanne.0.as_str())));
    assert_eq!(r.current_plan(&id).await.unwrap(), (2, thomas));
    drop(r);
    store.close().await;
    db
}

/// Two clients (two app instances) save on the same version at the same moment:
/// exactly one wins, the other gets a conflict; nothing is overwritten.
pub async fn racing_plan_saves_never_overwrite(db: TestDb) -> TestDb {
    let first = db.open().await;
    let second = db.open().await;
    let p = people(&first).await;
    let id = open(&first, &p, "Gezin Jansen", "12").await;
    for round in 0..5i64 {
        let mut tasks = Vec::new();
        for (n, store) in [&first, &second].into_iter().enumerate() {
            let (store, id, user) = (store.clone(), id.clone(), p.sanne.0.clone());
            tasks.push(tokio::spawn(async move {
                let mut plan = sample_plan();
                plan.worries.push(format!("ronde {round}, client {n}"));
                let mut tx = store.write().await.unwrap();
                let outcome = tx
                    .save_plan(&actor(), &user, &id, round, &plan)
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                outcome
            }));
        }
        let mut outcomes = Vec::new();
        for t in tasks {
            outcomes.push(t.await.unwrap());
        }
        let saved = outcomes
            .iter()
            .filter(|o| matches!(o, PlanSave::Saved { .. }))
            .count();
        let conflicts = outcomes
            .iter()
            .filter(|o| matches!(o, PlanSave::Conflict { .. }))
            .count();
        assert_eq!((saved, conflicts), (1, 1), "round {round}: {outcomes:?}");
    }
    assert_eq!(
        first
            .read()
            .await
            .unwrap()
            .current_plan(&id)
            .await
            .unwrap()
            .0,
        5
    );
    assert!(first.verify_journal(None).await.unwrap().is_intact());
    first.close().await;
    second.close().await;
    db
}

pub async fn search_duplicates_and_access_log(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let jansen = open(&store, &p, "Gezin Jansen", "12").await;
    let mut tx = store.write().await.unwrap();
    let other = tx
        .open_family(
            &actor(),
            address("Gezin Bakker", "40"),
            &p.mohamed.0,
            &p.mohamed.1,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut r = store.read().await.unwrap();
    let q = |name: &str| FamilyQuery {
        name: name.into(),
        ..FamilyQuery::default()
    };
    assert_eq!(
        r.search_families(&p.sanne.0, None, &q("sam"))
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        r.search_families(&p.sanne.0, None, &q("bakker"))
            .await
            .unwrap()
            .is_empty(),
        "not involved: not found"
    );
    assert!(
        r.search_families(&p.thomas.0, None, &q(""))
            .await
            .unwrap()
            .is_empty()
    );
    // Joyce leads Sanne's team: she finds Sanne's family, not Mohamed's.
    let joyce = r
        .search_families(&p.joyce.0, Some(&p.overvecht_team), &q(""))
        .await
        .unwrap();
    assert_eq!(
        joyce.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
        [jansen.as_str()]
    );
    let by_birth = FamilyQuery {
        date_of_birth: Some(date(2016, 4, 2)),
        ..FamilyQuery::default()
    };
    assert_eq!(
        r.search_families(&p.sanne.0, None, &by_birth)
            .await
            .unwrap()
            .len(),
        1
    );
    let by_postcode = FamilyQuery {
        postcode: Some(Postcode::parse("3562jw").unwrap()),
        ..FamilyQuery::default()
    };
    assert_eq!(
        r.search_families(&p.sanne.0, None, &by_postcode)
            .await
            .unwrap()
            .len(),
        1
    );

    // Duplicates are found across all files: same child, or same address.
    let same_child = r
        .possible_duplicates(
            &[("SAM JANSEN".into(), date(2016, 4, 2))],
            &Postcode::parse("1234 AB").unwrap(),
            "1",
        )
        .await
        .unwrap();
    assert_eq!(
        same_child.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
        [jansen.as_str()]
    );
    let same_address = r
        .possible_duplicates(&[], &Postcode::parse("3562 JW").unwrap(), "40")
        .await
        .unwrap();
    assert_eq!(
        same_address
            .iter()
            .map(|f| f.id.as_str())
            .collect::<Vec<_>>(),
        [other.as_str()]
    );
    drop(r);

    let mut tx = store.write().await.unwrap();
    tx.log_access(&AccessEntry {
        event: eenplan_domain::access_log::AccessEvent::Read,
        granted: false,
        basis: None,
        user_id: p.thomas.0.to_string(),
        organisation_id: p.thomas.1.to_string(),
        role: "professional".into(),
        on_behalf_of: None,
        family_id: Some(jansen.to_string()),
        data: "family file".into(),
        client_address: "127.0.0.1".into(),
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let log = store
        .read()
        .await
        .unwrap()
        .access_log_for(&jansen)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].1.as_str(), log[0].2.as_str(), log[0].3.as_str()),
        ("read", "denied", p.thomas.0.as_str())
    );
    store.close().await;
    db
}

pub async fn notes_keep_every_version_and_corrections_need_a_reason(db: TestDb) -> TestDb {
    use eenplan_domain::family::{Interaction, NoteChange, NoteError};
    use eenplan_store::NoteContent;
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let content = |text: &str| NoteContent {
        interaction: Interaction::HomeVisit,
        happened_on: date(2026, 11, 20),
        text: text.into(),
    };
    let mut tx = store.write().await.unwrap();
    let note = tx
        .write_note(
            &actor(),
            &id,
            &p.sanne.0,
            content("Huisbezoek: sfeer was gespannen"),
        )
        .await
        .unwrap();
    assert!(matches!(
        tx.write_note(&actor(), &id, &p.sanne.0, content("  "))
            .await,
        Err(StoreError::Note(NoteError::Empty))
    ));
    tx.commit().await.unwrap();

    let mut tx = store.write().await.unwrap();
    assert_eq!(
        tx.change_note(
            &actor(),
            &id,
            &note,
            &p.sanne.0,
            content("Huisbezoek: sfeer was gespannen, vader niet thuis"),
            None
        )
        .await
        .unwrap(),
        (2, NoteChange::Edit)
    );
    assert!(matches!(
        tx.change_note(&actor(), &id, &note, &p.thomas.0, content("anders"), None)
            .await,
        Err(StoreError::Note(NoteError::NotAuthor))
    ));
    tx.commit().await.unwrap();

    // Two days later the author can only correct, with a reason.
    let mut tx = store.write().await.unwrap();
    tx.execute(
        "UPDATE case_notes SET created_at = '2000-01-01T00:00:00.000000Z' WHERE id = $1",
        eenplan_store::params![&note],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.change_note(&actor(), &id, &note, &p.sanne.0, content("x"), None)
            .await,
        Err(StoreError::Note(NoteError::CorrectionNeedsReason))
    ));
    drop(tx);
    let mut tx = store.write().await.unwrap();
    assert_eq!(
        tx.change_note(
            &actor(),
            &id,
            &note,
            &p.sanne.0,
            content("Huisbezoek op 19 november"),
            Some("Datum klopte niet")
        )
        .await
        .unwrap(),
        (3, NoteChange::Correction)
    );
    tx.commit().await.unwrap();

    let notes = store.read().await.unwrap().notes(&id).await.unwrap();
    assert_eq!(notes.len(), 1);
    let versions = &notes[0].versions;
    assert_eq!(versions.len(), 3, "all versions kept");
    assert_eq!(versions[0].text, "Huisbezoek: sfeer was gespannen");
    assert!(versions[2].correction && versions[2].reason.as_deref() == Some("Datum klopte niet"));
    assert_eq!(
        notes[0].current().unwrap().text,
        "Huisbezoek op 19 november"
    );
    store.close().await;
    db
}

/// The second line behind the domain's text rule: a NUL that reaches the store unchecked
/// is bad input on both backends (never a database failure, never stored), and writes
/// nothing.
pub async fn text_the_database_cannot_hold_is_bad_input(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let mut tx = store.write().await.unwrap();
    // A name with a NUL is refused by the domain's own check before any SQL (a search
    // splits words on it, so it never reaches the name index either).
    let piet = NewMember {
        kind: MemberKind::Parent,
        name: "Piet\0Jansen".into(),
        date_of_birth: None,
        has_custody: true,
    };
    let err = tx
        .add_member(&actor(), &id, piet, date(2026, 11, 22))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("control character"), "{err}");
    drop(tx);
    let mut tx = store.write().await.unwrap();
    let details = NetworkDetails {
        name: "Oma Jansen".into(),
        relation: NetworkRelation::Family,
        safety_role: "noodadres".into(),
        contact: "06-1111\0".into(),
    };
    let err = tx
        .add_network_member(&actor(), &id, &details)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::InvalidText), "{err}");
    drop(tx);
    if store.backend() == eenplan_store::Backend::Postgres {
        // PostgreSQL's own refusal of a NUL (SQLSTATE 22021) is the same bad input.
        let mut tx = store.write().await.unwrap();
        let err = tx
            .execute("SELECT convert_from('\\x00'::bytea, 'UTF8')", vec![])
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::InvalidText), "{err}");
    }
    let mut r = store.read().await.unwrap();
    let family = r.family(&id).await.unwrap().unwrap();
    assert!(family.network.is_empty());
    assert!(family.members.iter().all(|m| !m.name.contains('\0')));
    drop(r);
    store.close().await;
    db
}
