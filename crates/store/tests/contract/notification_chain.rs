//! Who is told what, on every backend, for the chain's meetings and decisions: a joint
//! assessment meeting, a court order naming an institution, an EVU combination, SAVE op
//! locatie's advice, emergency access and a file left without its regisseur. The events
//! are appended as their flows append them; what is tested is whom the store finds.

use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::notification::NotificationKind as K;
use eenplan_domain::organisation::{OrganisationKind, Slug};
use eenplan_domain::role::Role;
use eenplan_domain::totp::TotpSecret;
use eenplan_domain::user::{Email, PersonName};
use eenplan_domain::{OrganisationId, UserId, UtcTime};
use eenplan_store::{NewOrganisation, NewTeam, NewUser, Store, Tx, params};

use crate::consent::consent_to;
use crate::family::{actor, open, people};
use crate::notification_rules::{join, kinds, told};
use crate::support::TestDb;

async fn user(tx: &mut Tx, email: &str, org: &OrganisationId, team: Option<&str>, role: Role) -> UserId {
    tx.create_user(
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
    .unwrap()
    .id
}

async fn happens(store: &Store, actor: &Actor, event: Event) {
    let mut tx = store.write().await.unwrap();
    tx.append(actor, event).await.unwrap();
    tx.commit().await.unwrap();
}

pub async fn the_chain_s_meetings_and_decisions_reach_who_they_call_on(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    consent_to(&store, &id, &p.thomas.1, &p.sanne.0).await;
    join(&store, &id, &p.thomas).await;
    let (lokalis, save) = (p.sanne.1.clone(), p.thomas.1.clone());
    // Eva leads a SAVE team; a privacy officer at Lokalis, at SAVE and at a GGZ
    // provider that has nothing to do with the family.
    let mut tx = store.write().await.unwrap();
    let save_team = tx
        .create_team(
            &actor(),
            NewTeam {
                organisation_id: save.clone(),
                name: "SAVE team Utrecht-Stad".into(),
                area_id: None,
            },
        )
        .await
        .unwrap()
        .id;
    let ggz = tx
        .create_organisation(
            &actor(),
            NewOrganisation {
                slug: Slug::parse("ggz").unwrap(),
                name: "GGZ Centraal".into(),
                kind: OrganisationKind::CareProvider,
            },
        )
        .await
        .unwrap()
        .id;
    let eva = user(&mut tx, "eva@save.example", &save, Some(&save_team), Role::TeamLead).await;
    let po_lokalis = user(&mut tx, "privacy@lokalis.example", &lokalis, None, Role::PrivacyOfficer).await;
    let po_save = user(&mut tx, "privacy@save.example", &save, None, Role::PrivacyOfficer).await;
    let po_ggz = user(&mut tx, "privacy@ggz.example", &ggz, None, Role::PrivacyOfficer).await;
    tx.commit().await.unwrap();
    let nobody_else = |list: &[&UserId]| {
        [&p.mohamed.0, &p.joyce.0, &eva, &po_lokalis, &po_save, &po_ggz]
            .into_iter()
            .filter(|u| !list.contains(u))
            .cloned()
            .collect::<Vec<_>>()
    };
    let sanne_before = kinds(&store, &p.sanne.0).await.len();

    // A joint assessment meeting with SAVE invited: SAVE's partner in the circle, not
    // SAVE's team lead (not involved), not the regisseur's organisation.
    happens(
        &store,
        &actor(),
        Event::JointAssessmentScheduled {
            family_id: id.to_string(),
            meeting_id: "m1".into(),
            kind: "learning_meeting".into(),
            meets_at: "2026-12-10T10:00".into(),
            organisation_ids: vec![save.to_string()],
            family_takes_part: true,
        },
    )
    .await;
    assert_eq!(kinds(&store, &p.thomas.0).await, [K::JointAssessmentPlanned]);
    assert_eq!(kinds(&store, &p.sanne.0).await.len(), sanne_before);

    // The court grants a supervision order naming SAVE: SAVE's team leads (without
    // access to the file yet: told, the label not theirs to see) and the regisseur.
    happens(
        &store,
        &actor(),
        Event::ProtectionOrderDecided {
            family_id: id.to_string(),
            request_id: "r1".into(),
            granted: true,
            measure: Some("ots".into()),
            ends_on: Some("2027-12-01".into()),
            institution_id: Some(save.to_string()),
            decided_on: "2026-12-01".into(),
        },
    )
    .await;
    let eva_told = told(&store, &eva).await;
    assert_eq!(eva_told.len(), 1);
    assert_eq!(eva_told[0].kind, K::CourtDecision);
    assert_eq!(eva_told[0].family_id.as_deref(), Some(id.as_str()));
    assert_eq!(kinds(&store, &p.sanne.0).await[0], K::CourtDecision);
    assert_eq!(
        kinds(&store, &p.thomas.0).await,
        [K::JointAssessmentPlanned],
        "SAVE's professional is no team lead"
    );

    // An EVU combination of Thomas and Mohamed: Mohamed is not in the circle (his
    // assignment failed), so only Thomas and the regisseur hear of it.
    happens(
        &store,
        &actor(),
        Event::EvuCombinationAssigned {
            family_id: id.to_string(),
            referral_id: "e1".into(),
            user_ids: vec![p.thomas.0.to_string(), p.mohamed.0.to_string()],
        },
    )
    .await;
    assert_eq!(kinds(&store, &p.thomas.0).await[0], K::EvuStaffed);
    assert_eq!(kinds(&store, &p.sanne.0).await[0], K::EvuStaffed);

    // Advice at SAVE op locatie on Sanne's anonymous question: to her, naming no file.
    let mut tx = store.write().await.unwrap();
    let now = UtcTime::now().to_rfc3339();
    tx.execute(
        "INSERT INTO save_on_site_slots (id, organisation_id, worker_id, team_id, day, part_of_day, starts_on, added_at) \
         VALUES ('s1', $1, $2, $3, 'tuesday', 'morning', '2026-11-24', $4)",
        params![save.as_str(), p.thomas.0.as_str(), p.overvecht_team.as_str(), now.as_str()],
    )
    .await
    .unwrap();
    tx.execute(
        "INSERT INTO save_consultations (id, slot_id, on_date, walk_in, asked_by, question, state, booked_at) \
         VALUES ('c1', 's1', '2026-11-24', 0, $1, 'Wanneer melden?', 'held', $2)",
        params![p.sanne.0.as_str(), now.as_str()],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let thomas_acts = Actor::User {
        user_id: p.thomas.0.to_string(),
        organisation_id: save.to_string(),
    };
    happens(
        &store,
        &thomas_acts,
        Event::SaveConsultationHeld {
            consultation_id: "c1".into(),
            result: "none".into(),
            next_steps: 0,
        },
    )
    .await;
    let advice = &told(&store, &p.sanne.0).await[0];
    assert_eq!(advice.kind, K::SaveAdvice);
    assert_eq!((advice.family_id.as_deref(), advice.subject_id.as_deref()), (None, Some("c1")));

    // Thomas breaks the glass: the privacy officers of his organisation and of the
    // lead's, not GGZ's, and the regisseur; never Thomas himself.
    let mut tx = store.write().await.unwrap();
    tx.break_glass(
        &thomas_acts,
        &id,
        (&p.thomas.0, &save),
        "Crisisdienst belt: kind alleen thuis aangetroffen",
        false,
        UtcTime::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    for reviewer in [&po_lokalis, &po_save] {
        assert_eq!(kinds(&store, reviewer).await, [K::EmergencyAccess]);
    }
    assert_eq!(kinds(&store, &p.sanne.0).await[0], K::EmergencyAccess);
    assert!(!kinds(&store, &p.thomas.0).await.contains(&K::EmergencyAccess));

    // Sanne's account is deactivated: the file goes to her team's lead, Joyce.
    let mut tx = store.write().await.unwrap();
    tx.deactivate_user(&actor(), &p.sanne.0).await.unwrap();
    tx.commit().await.unwrap();
    let joyce = told(&store, &p.joyce.0).await;
    assert_eq!(joyce.len(), 1);
    assert_eq!(
        (joyce[0].kind, joyce[0].family_id.as_deref()),
        (K::NoRegisseur, Some(id.as_str()))
    );

    // Everyone not named above heard nothing at all.
    for outside in nobody_else(&[&eva, &po_lokalis, &po_save, &p.joyce.0]) {
        assert!(kinds(&store, &outside).await.is_empty(), "{outside}");
    }
    store.close().await;
    db
}
