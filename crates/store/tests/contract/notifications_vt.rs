//! Veilig Thuis's outcomes reach the chain on every backend: each outcome tells whom
//! the domain names (found through the contact, which the event does not carry), the
//! reporter who is an eenplan user gets only the feedback sentence, and a hand-over
//! stays in the overview and on the regisseur's start page until acknowledged.

use eenplan_domain::area::AreaKind;
use eenplan_domain::journal::Actor;
use eenplan_domain::notification::NotificationKind as K;
use eenplan_domain::organisation::{OrganisationKind, Slug};
use eenplan_domain::role::Role;
use eenplan_domain::totp::TotpSecret;
use eenplan_domain::user::{Email, PersonName};
use eenplan_domain::veilig_thuis::{ContactKind, Outcome, Reporter};
use eenplan_domain::{OrganisationId, UserId, UtcTime};
use eenplan_store::{AssessmentInput, NewArea, NewContact, NewOrganisation, NewUser, Seek, Store};
use jiff::civil::date;

use crate::family::{actor, open, people};
use crate::support::TestDb;

/// (kind, family, subject) of each notification of this person, oldest first.
async fn told(store: &Store, user: &UserId) -> Vec<(K, Option<String>, Option<String>)> {
    let mut r = store.read().await.unwrap();
    let (list, _) = r.notifications(user, &Seek::First, 50).await.unwrap();
    list.iter()
        .rev()
        .map(|n| (n.kind, n.family_id.clone(), n.subject_id.clone()))
        .collect()
}

async fn organisation(store: &Store, slug: &str, kind: OrganisationKind) -> OrganisationId {
    let mut tx = store.write().await.unwrap();
    let o = tx
        .create_organisation(
            &actor(),
            NewOrganisation {
                slug: Slug::parse(slug).unwrap(),
                name: slug.to_uppercase(),
                kind,
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    o.id
}

async fn user(store: &Store, email: &str, org: &OrganisationId, role: Role) -> UserId {
    let mut tx = store.write().await.unwrap();
    let u = tx
        .create_user(
            &actor(),
            NewUser {
                email: Email::parse(email).unwrap(),
                name: PersonName::parse(email.split('@').next().unwrap()).unwrap(),
                organisation_id: org.clone(),
                team_id: None,
                roles: vec![role],
                password_hash: "-".into(),
                totp_secret: TotpSecret::from_bytes([1; 20]),
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    u.id
}

pub async fn veilig_thuis_outcomes_tell_whom_the_domain_names(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let family = open(&store, &p, "Gezin Jansen", "12").await;
    let vt = organisation(&store, "vt", OrganisationKind::VeiligThuis).await;
    let vera = user(&store, "vera@vt.example", &vt, Role::Professional).await;
    let raad = organisation(&store, "raad", OrganisationKind::Rvdk).await;
    let rita = user(&store, "rita@raad.example", &raad, Role::TeamLead).await;
    let rob = user(&store, "rob@raad.example", &raad, Role::Professional).await;
    let evi = user(&store, "evi@lokalis.example", &p.sanne.1, Role::EvuCoordinator).await;
    let mut tx = store.write().await.unwrap();
    let province = tx
        .create_area(
            &actor(),
            NewArea {
                kind: AreaKind::Province,
                name: "Utrecht (provincie)".into(),
                code: None,
                parent_id: None,
            },
        )
        .await
        .unwrap()
        .id;
    let utrecht = tx
        .create_area(
            &actor(),
            NewArea {
                kind: AreaKind::Municipality,
                name: "Utrecht".into(),
                code: None,
                parent_id: Some(province),
            },
        )
        .await
        .unwrap()
        .id;
    tx.add_evu_area(&actor(), &utrecht, date(2024, 1, 1))
        .await
        .unwrap();
    tx.execute(
        "UPDATE families SET area_id = $1 WHERE id = $2",
        vec![utrecht.as_str().into(), family.as_str().into()],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let vera_acts = Actor::User {
        user_id: vera.to_string(),
        organisation_id: vt.to_string(),
    };
    let now = UtcTime::parse("2026-11-23T09:00:00Z").unwrap();
    // Each contact is about Sam, so the radar links it to the Jansens' file.
    let assess = async |reporter_contact: &str, outcome: Outcome| {
        let mut tx = store.write().await.unwrap();
        let contact = NewContact {
            kind: ContactKind::Report,
            acute: false,
            reporter: Some(Reporter::LocalTeam),
            reporter_name: "Mohamed".into(),
            reporter_contact: reporter_contact.into(),
            child_name: "sam jansen".into(),
            child_birth: Some(date(2016, 4, 2)),
            postcode: None,
            house_number: String::new(),
            more_children: Vec::new(),
            received_at: None,
            concern: "Sam komt met blauwe plekken op school".into(),
        };
        let (id, _) = tx
            .receive_contact(&vera_acts, &vt, &vera, &contact, now)
            .await
            .unwrap();
        tx.assess_contact(
            &vera_acts,
            &vt,
            &id,
            &vera,
            &AssessmentInput {
                outcome,
                follow_up_on: Some(date(2026, 12, 8)),
                findings: "Gesprekken met ouders en school",
                reasoning: "Afgewogen naar de veiligheid van het kind",
            },
            date(2026, 11, 24),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        id
    };
    let f = Some(family.to_string());

    // Hand to the local team: the regisseur, with the family and the contact; the
    // reporter (an eenplan user by the e-mail Veilig Thuis noted) only the feedback.
    let handed = assess(" Mohamed@Lokalis.example ", Outcome::HandToLocalTeam).await;
    assert_eq!(
        told(&store, &p.sanne.0).await,
        [(K::VtHandedOver, f.clone(), Some(handed.clone()))]
    );
    assert_eq!(
        told(&store, &p.mohamed.0).await,
        [(K::ReporterFeedback, None, Some("hand_to_local_team".into()))],
        "the reporter learns the outcome, never the family"
    );
    assert!(told(&store, &p.joyce.0).await.is_empty(), "the family has a regisseur");
    assert!(told(&store, &vera).await.is_empty(), "the actor is never told");

    // The hand-over stays in the overview and on the regisseur's start page until seen.
    let mut r = store.read().await.unwrap();
    let open_items = r.vt_handovers_of_family(&family).await.unwrap();
    assert_eq!(open_items.len(), 1);
    assert_eq!(open_items[0].contact_id, handed);
    assert_eq!(open_items[0].follow_up_on, Some(date(2026, 12, 8)));
    assert_eq!(open_items[0].family_label, "Gezin Jansen");
    let (mine, total) = r.vt_handovers_for_regisseur(&p.sanne.0, 10).await.unwrap();
    assert_eq!((mine, total), (open_items.clone(), 1));
    assert_eq!(
        r.vt_handovers_for_regisseur(&p.thomas.0, 10).await.unwrap().1,
        0
    );
    drop(r);
    let sanne_acts = Actor::User {
        user_id: p.sanne.0.to_string(),
        organisation_id: p.sanne.1.to_string(),
    };
    let mut tx = store.write().await.unwrap();
    let later = UtcTime::parse("2026-11-25T09:00:00Z").unwrap();
    assert!(
        tx.acknowledge_vt_handover(&sanne_acts, &family, &handed, &p.sanne.0, later)
            .await
            .unwrap()
    );
    assert!(
        !tx.acknowledge_vt_handover(&sanne_acts, &family, &handed, &p.sanne.0, later)
            .await
            .unwrap(),
        "acknowledged once"
    );
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    assert!(r.vt_handovers_of_family(&family).await.unwrap().is_empty());
    assert_eq!(r.vt_handovers_for_regisseur(&p.sanne.0, 10).await.unwrap().1, 0);
    drop(r);

    // Conditions and follow-up: the regisseur. A reporter without an account: nobody.
    let conditions = assess("030-000 00 00", Outcome::ConditionsAndFollowUp).await;
    assert_eq!(
        told(&store, &p.sanne.0).await.last().unwrap(),
        &(K::VtConditions, f.clone(), Some(conditions))
    );
    assert_eq!(told(&store, &p.mohamed.0).await.len(), 1);

    // Ask the Raad: the Raad's team leads (its intake), not its other people.
    let asked = assess("", Outcome::AskRvdk).await;
    assert_eq!(
        told(&store, &rita).await,
        [(K::VtToRaad, f.clone(), Some(asked))]
    );
    assert!(told(&store, &rob).await.is_empty());

    // Bring into the EVU: the EVU coordinators.
    let brought = assess("", Outcome::BringIntoEvu).await;
    assert_eq!(
        told(&store, &evi).await,
        [(K::VtToEvu, f.clone(), Some(brought))]
    );

    // Without an active regisseur, the hand-over goes to the team lead of the local
    // team that serves the family's area.
    let mut tx = store.write().await.unwrap();
    tx.deactivate_user(&actor(), &p.sanne.0).await.unwrap();
    tx.set_team_area(&actor(), &p.sanne.1, &p.overvecht_team, Some(&utrecht))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let before = told(&store, &p.sanne.0).await.len();
    let again = assess("", Outcome::HandToLocalTeam).await;
    // Joyce heard first that the file lost its regisseur (the deactivation), then of
    // the hand-over.
    assert_eq!(
        told(&store, &p.joyce.0).await,
        [
            (K::NoRegisseur, f.clone(), None),
            (K::VtHandedOver, f.clone(), Some(again))
        ]
    );
    assert_eq!(told(&store, &p.sanne.0).await.len(), before);
    store.close().await;
    db
}
